"""Names in prose: runs of capitalised words with their joiners, particles and acronyms."""

from __future__ import annotations

import re
from collections.abc import Callable

from content.text.dates import MONTH_WORD, Span
from content.text.fold import fold_marks
from content.text.lexicon import EPITHETS, NAME_ARTICLES, NAME_BOUND, NAME_PARTICLES
from content.text.patterns import Pattern

# Lower-case words that may stand inside a name ("Bank of England", "Abu Bakr al Baghdadi", "Vincent van Gogh"):
# English joiners and the particles of the languages in lexicon/particles.tsv.
NAME_JOINERS = frozenset({"of", "the", "for", "and", "in", "pour", "to", "on"}) | NAME_PARTICLES
# Particles that a name may be written with or without ("al-Azhar", "Azhar"; "the Hague", "Hague").
PARTICLES = frozenset({"the"}) | NAME_ARTICLES
# Every particle of a personal or place name, in any language: never a given name or a surname itself.
NAME_PARTS_NOT_NAMES = NAME_PARTICLES | PARTICLES
ACRONYM = Pattern(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]")
_PARTICLE_HYPHEN = Pattern(r"(?:" + "|".join(sorted(NAME_BOUND)) + r")-\w")
_WORD = Pattern(r"[\w’'-]+|[^\w\s]")


def is_name_word(word: str) -> bool:
    """A word that may be part of a name: capitalised, or a particle bound by a hyphen ("al-Azhar")."""
    return word[:1].isupper() or bool(_PARTICLE_HYPHEN.match(word))


def plain(text: str) -> str:
    """The text with plain quotes and spaced dashes: "Platform–including" is two words, "al-Azhar" one."""
    return fold_marks(re.sub(r"\s*[\u2013\u2014]\s*", " - ", text))


def name_runs(sentence: str, common: Callable[[str], bool]) -> list[Span]:
    """Runs of capitalized words, joiners allowed inside; a capitalized common word opening it is dropped.

    A month or a possessive ("Peru's") ends a run: "Lima in June", "Peru's Cusco" are two names each; so
    does a bare "the" after a name unless an epithet follows ("Alexander the Great", but "In the Convention
    the Girondins struggled" names two).
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
            elif word.casefold() not in NAME_JOINERS or _bare_the(tokens, j):
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


def _bare_the(tokens: list[tuple[int, int, str]], j: int) -> bool:
    """"the" right after a name word ("Convention the Girondins"), not before an epithet ("Alexander the Great")."""
    if tokens[j][2].casefold() != "the" or not is_name_word(tokens[j - 1][2]):
        return False
    return j + 1 >= len(tokens) or tokens[j + 1][2].casefold() not in EPITHETS


def name_before(text: str, end: int, lowercase_tail: int = 0) -> str | None:
    """The name that ends at `end` in `text` ("... the Council of Ministers of the Union")."""
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


# Words that stand before a person's name without being part of it ("President Lincoln", "Mr Darcy").
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
    """The adjectives a country's name may take, lower case ("russia" -> "russian", "egypt" -> "egyptian").

    Suffix rules guess: a caller keeps a pair only where a text uses both words.
    """
    if country in IRREGULAR_ADJECTIVES:
        return [IRREGULAR_ADJECTIVES[country]]
    if country in ("north", "south", "east", "west"):
        return [country + "ern"]  # a part of a country and its adjective: the north, northern Sicily
    if " " in country or len(country) < 4:
        return []
    forms = [country + "n"] if country.endswith("a") else []  # Russia, Nigeria, Kenya
    if country.endswith("o"):
        forms.append(country[:-1] + "an")  # Morocco
    if country.endswith("y"):
        forms.append(country[:-1] + "ian")  # Italy
        forms.append(country[:-1])  # Germany
    if country.endswith("i"):
        forms.append(country + "an")  # Burundi
    if country[-1] not in "aeiouy":
        forms.append(country + "ian")  # Egypt, Chad
    return forms


_INITIAL_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"})


def expansion_before(text: str, end: int, acronym: str) -> str | None:
    """The words ending at `end` whose initials spell `acronym`, in any case ("crassulacean acid metabolism"
    before "(CAM)", "Bank of England" before "(BoE)"); joiners like "of" may be skipped, and a hyphened word
    gives the initials of its parts ("self-organizing map" before "(SOM)").
    """
    letters = [c for c in acronym.casefold() if c.isalpha()]
    if len(letters) < 2:
        return None
    tokens = list(re.finditer(r"[^\W\d_][\w'-]*", text[max(0, end - 300):end]))
    offset = max(0, end - 300)
    if not tokens or text[offset + tokens[-1].end():end].strip(" ,\"'"):
        return None
    need = len(letters)
    at = len(tokens)
    while need > 0 and at > 0:
        at -= 1
        word = tokens[at].group().casefold()
        initials = [part[0] for part in word.split("-") if part]
        if len(initials) > 1 and initials == letters[max(0, need - len(initials)):need]:
            need -= len(initials)
        elif word[0] == letters[need - 1]:
            need -= 1
        elif word not in _INITIAL_SKIP:
            return None
    if need:
        return None
    return text[offset + tokens[at].start():offset + tokens[-1].end()]
