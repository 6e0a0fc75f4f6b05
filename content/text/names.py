"""Names in prose: runs of capitalised words with their joiners, particles and acronyms."""

from __future__ import annotations

import re
from collections.abc import Callable

from content.text.dates import MONTH_WORD, Span
from content.text.fold import fold_marks

# Lower-case words that may stand inside a name ("Ansar al Din", "Iyad ag Ghali", "Mission in Mali").
NAME_JOINERS = frozenset({"of", "the", "for", "and", "in", "al", "ag", "el", "de", "du", "la", "le", "des",
                          "wa", "fi", "bin", "ben", "ibn", "pour", "to", "on"})
# Particles that a name may be written with or without ("al-Qaida", "Qaeda").
PARTICLES = frozenset({"al", "el", "ag", "the", "le", "la"})
ACRONYM = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]")
_PARTICLE_HYPHEN = re.compile(r"(?:al|el|ag)-\w")
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")


def is_name_word(word: str) -> bool:
    """A word that may be part of a name: capitalised, or a particle bound by a hyphen ("al-Qaida")."""
    return word[:1].isupper() or bool(_PARTICLE_HYPHEN.match(word))


def plain(text: str) -> str:
    """The text with plain quotes and spaced dashes: "Platform–including" is two words, "al-Qaida" one."""
    return fold_marks(re.sub(r"\s*[\u2013\u2014]\s*", " - ", text))


def name_runs(sentence: str, common: Callable[[str], bool]) -> list[Span]:
    """Runs of capitalized words, joiners allowed inside; a capitalized common word opening it is dropped.

    A month or a possessive ("Mali's") ends a run: "Menaka in June", "Mali's Mopti" are two names each.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(sentence)
              if not MONTH_WORD.match(m.group())]
    runs: list[Span] = []
    i = 0
    while i < len(tokens):
        if not is_name_word(tokens[i][2]):
            i += 1
            continue
        j = i
        end = i
        while j < len(tokens):
            word = tokens[j][2]
            if j > i and tokens[j][0] > tokens[j - 1][1] + 1:  # words apart: a month or a mark between
                break
            if is_name_word(word):
                end = j
                if word.endswith(("'s", "’s")):
                    break
            elif word.casefold() not in NAME_JOINERS:
                break
            j += 1
        words = tokens[i:end + 1]
        while words and common(words[0][2]):
            words = words[1:]
            while words and words[0][2].casefold() in NAME_JOINERS:
                words = words[1:]
        if words:
            runs.append(Span(words[0][0], words[-1][1], sentence[words[0][0]:words[-1][1]]))
        i = end + 1
    return runs


def name_before(text: str, end: int, lowercase_tail: int = 0) -> str | None:
    """The name that ends at `end` in `text` ("... the Coordination of Movements of Azawad")."""
    tokens = list(_WORD.finditer(text[:end]))
    taken: list[re.Match[str]] = []
    tail = lowercase_tail
    for m in reversed(tokens):
        word = m.group()
        if is_name_word(word) or (taken and word.casefold() in NAME_JOINERS):
            taken.append(m)
        elif not taken and tail and word.isalpha():
            tail -= 1
            taken.append(m)
        else:
            break
        if len(taken) > 14:
            break
    taken.reverse()
    while taken and taken[0].group().casefold() in NAME_JOINERS:
        taken.pop(0)
    if not taken or not is_name_word(taken[0].group()):
        return None
    return text[taken[0].start():taken[-1].end()]


# Words that stand before a person's name without being part of it ("President Keita", "Mr Dicko").
TITLES = frozenset({
    "president", "vice", "prime", "minister", "secretary", "general", "chief", "head", "leader", "commander",
    "colonel", "col", "captain", "capt", "lieutenant", "major", "marshal", "admiral", "sergeant", "king",
    "queen", "prince", "princess", "emir", "sheikh", "sheik", "imam", "cleric", "mullah", "ayatollah",
    "mr", "mrs", "ms", "miss", "dr", "doctor", "professor", "prof", "sir", "lord", "lady", "saint", "st",
    "pope", "bishop", "father", "consul", "ambassador", "envoy", "governor", "mayor", "senator", "judge",
    "spokesman", "spokeswoman", "spokesperson", "founder", "rebel", "expert", "specialist", "mediator",
})

# Country and adjective pairs that no suffix rule finds (France, French).
IRREGULAR_ADJECTIVES = {
    "france": "french", "britain": "british", "spain": "spanish", "netherlands": "dutch", "holland": "dutch",
    "switzerland": "swiss", "greece": "greek", "portugal": "portuguese", "china": "chinese",
    "japan": "japanese", "sudan": "sudanese", "senegal": "senegalese", "lebanon": "lebanese",
    "congo": "congolese", "togo": "togolese", "benin": "beninese", "gabon": "gabonese", "niger": "nigerien",
    "vietnam": "vietnamese", "turkey": "turkish", "poland": "polish", "finland": "finnish",
    "ireland": "irish", "england": "english", "scotland": "scottish", "wales": "welsh", "denmark": "danish",
    "sweden": "swedish", "norway": "norwegian", "afghanistan": "afghan", "pakistan": "pakistani",
    "iraq": "iraqi", "yemen": "yemeni", "qatar": "qatari", "israel": "israeli", "somalia": "somali",
    "thailand": "thai", "cyprus": "cypriot", "philippines": "filipino", "peru": "peruvian",
    "burkina faso": "burkinabe", "saudi arabia": "saudi", "ivory coast": "ivorian", "cote d'ivoire": "ivorian",
    "united states": "american", "united kingdom": "british", "central african republic": "central african",
}


def adjective_forms(country: str) -> list[str]:
    """The adjectives a country's name may take, lower case ("mali" -> "malian", "russia" -> "russian").

    Suffix rules guess: a caller keeps a pair only where a text uses both words.
    """
    if country in IRREGULAR_ADJECTIVES:
        return [IRREGULAR_ADJECTIVES[country]]
    if country in ("north", "south", "east", "west"):
        return [country + "ern"]  # a part of a country and its adjective: the north, northern Mali
    if " " in country or len(country) < 4:
        return []
    forms = [country + "n"] if country.endswith("a") else []  # Russia, Libya, Nigeria
    if country.endswith("o"):
        forms.append(country[:-1] + "an")  # Morocco
    if country.endswith("y"):
        forms.append(country[:-1] + "ian")  # Italy
        forms.append(country[:-1])  # Germany
    if country.endswith("i"):
        forms.append(country + "an")  # Mali
    if country[-1] not in "aeiouy":
        forms.append(country + "ian")  # Egypt, Chad
    return forms
