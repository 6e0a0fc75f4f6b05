"""Terms the material defines or names: "Long Name (ACRONYM)", "X, or Y", "... councils called juntas",
and lists ("Common ices are water, methane, and ammonia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.drafts.reading import Line, Reading
from content.drafts.verbs import is_past
from content.text.lexicon import STOPWORDS
from content.text.names import ACRONYM, expansion_before, name_before


@dataclass(frozen=True)
class Term:
    kind: str  # "acronym", "alias", "called"
    term: str  # what is named: "HRW", "Peuhl", "regional governing and deliberative councils"
    meaning: str  # what it stands for or is called: "Human Rights Watch", "Fulani", "juntas"
    accept: tuple[str, ...]  # other forms of the meaning
    line: Line
    quote: str  # verbatim
    verb: str = ""  # for "called": "were called", "are sometimes called", "called"
    tail: str = ""  # for "called": what follows the name ("in Spanish America")


@dataclass(frozen=True)
class Listing:
    head: str  # "common ices"
    items: tuple[str, ...]
    line: Line
    quote: str


_PAREN = re.compile(r"\(([^()]{1,120})\)")
_OR = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?|[a-z][\w'’-]+),?\s+or\s+(?:the\s+)?([A-Za-z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                 r"(?=,|\.|;|\))")
_OR_PAREN = re.compile(r"\b([A-Za-z][\w'’-]+)\s+\(or\s+([^()]{2,40})\)")
_HEAD_DROP = re.compile(r"^(?:(?:a\s+|the\s+)?number\s+of|a\s+host\s+of|many|several|some|the|a|an|all|four|three|two"
                        r"|five|six|both)\s+", re.IGNORECASE)
_NAME_STOP = frozenset(STOPWORDS - {"of", "the", "and"})


def acronyms(reading: Reading) -> list[Term]:
    out = []
    for line in reading.lines:
        if not line.usable or "(" not in line.text:
            continue
        for m in _PAREN.finditer(line.text):
            parts = [p.strip() for p in re.split(r",\s*", m.group(1))]
            short = next((p for p in parts if ACRONYM.fullmatch(p) and len(p) >= 2), None)
            if not short:
                continue
            long = name_before(line.text, m.start())
            if not long or not _initials_fit(short, long):
                continue
            long = _trim_to_initials(short, long)
            if not spelled(short, long):
                continue  # "Beranack and Newman (BBN)": the name was cut; "Army (AK)": another language's name
            start = line.text.rfind(long, 0, m.start())
            gloss = [p for p in parts if p != short]
            out.append(Term("acronym", short, long, tuple(gloss[:1]), line, line.text[start:m.end()]))
    return out


# "the glomerular filtration rate, or GFR", "crassulacean acid metabolism (CAM)": an acronym after the words that
# spell it, in any case.
_SPELT = re.compile(r"(?:,\s+or\s+|\s+\()(" + ACRONYM.pattern + r")(?=[),.;:\s]|$)")


def spelt_forms(reading: Reading) -> dict[str, list[str]]:
    """Each acronym the material spells out and its words, each the other's accepted form: the forms a blank
    on either takes ("glomerular filtration rate" for GFR), whether or not a question asks what it stands for."""
    forms: dict[str, list[str]] = {}
    for line in reading.lines:
        for m in _SPELT.finditer(line.text):
            words = expansion_before(line.text, m.start(), m.group(1))
            # not "the Functioning of the European Union" (TFEU): "the" took the place of "Treaty on"
            if words and words.split()[0].casefold() not in STOPWORDS:
                for one, other in ((m.group(1), words), (words, m.group(1))):
                    if other not in forms.setdefault(one, []):
                        forms[one].append(other)
    return forms


def spelled(short: str, long: str) -> bool:
    """Whether an acronym is the initials of the name's capitalised words (hyphened parts too):
    "Al-Qaeda in the Islamic Maghreb" spells AQIM."""
    parts = [p for w in long.split() for p in re.split(r"[-‐]", w) if p]
    capitals = "".join(p[0] for p in parts if p[0].isupper())
    every = "".join(p[0].upper() for p in parts if p[0].isalpha())
    letters = re.sub(r"[^A-Z]", "", short.upper())
    # "Intertropical Convergence Zone (ITCZ)": a word made of a prefix and a word gives both initials.
    compounds = "".join(p[0] + (m.group(2)[0].upper() if (m := _COMPOUND.match(p)) else "") for p in parts
                        if p[0].isupper())
    return letters in {capitals.upper(), every, compounds.upper()} or letters.rstrip("S") in {capitals.upper(), every}


_COMPOUND = re.compile(r"(Inter|Intra|Trans|Sub|Super|Multi|Counter|Micro|Macro|Mid|Pan|Post|Pre|Non)([a-z]{4,})$")


def _initials_fit(short: str, long: str) -> bool:
    letters = [w[0].upper() for w in re.findall(r"[\w'’]+", long) if w[0].isupper()]
    return bool(letters) and short[0] == letters[0] or short[0] in letters[:2]


def _trim_to_initials(short: str, long: str) -> str:
    """"the Malian defence ministry Human Rights Watch" -> "Human Rights Watch": start at the first word
    whose initial opens the acronym."""
    words = long.split()
    if words and words[0][0] in short:
        return long  # "Arab Movement of Azawad (MAA)": an acronym in another language's word order
    for k, w in enumerate(words):
        if w[0].upper() == short[0] and w[0].isupper():
            return " ".join(words[k:])
    return long


def aliases(reading: Reading) -> list[Term]:
    """"Peuhl, or Fulani", "governors, or intendants", "Aluminium (or aluminum)"."""
    out = []
    for line in reading.lines:
        if not line.usable or "or " not in line.text:
            continue
        for pattern in (_OR, _OR_PAREN):
            for m in pattern.finditer(line.text):
                a, b = m.group(1), m.group(2).strip()
                if a.lower() in STOPWORDS or b.lower() in STOPWORDS:
                    continue
                if b[0] in "“\"'" or b.isupper() and not spelled(b, a):
                    continue  # "quantum electrodynamics (or QED)" read as "electrodynamics": the name was cut
                if pattern is _OR and not (a[0].isupper() and b[0].isupper()):
                    continue  # "engulf, or eat": a gloss of a common word, not a name of its own
                if pattern is _OR_PAREN and not (b.isupper() or a[:4].lower() == b[:4].lower()
                                                 or a[0].isupper() and b[0].isupper()):
                    continue  # "antibody-dependent (or cytotoxic)": a gloss; "aluminium (or aluminum)" is a name
                if pattern is _OR and "," not in line.text[m.start():m.end()]:
                    continue  # "X or Y" without the comma is a choice, not another name
                if len(b.split()) > (3 if pattern is _OR else 5) or a.lower() == b.lower():
                    continue
                out.append(Term("alias", a, b, (), line, line.text[m.start():m.end()]))
    return out


def called(reading: Reading) -> list[Term]:
    """"NP (are/were/...) called TERM": the noun phrase and the name the text gives it."""
    out = []
    for line in reading.lines:
        if not line.usable:
            continue
        for m in _CALLED.finditer(line.text):
            name, end = _name_after(line.text, m.end())
            if not name or name.lower() in STOPWORDS or len(name) < 3:
                continue
            np_start = _noun_phrase_before(line.text, m.start())
            if np_start is None:
                continue
            np = line.text[np_start:m.start()].strip()
            if not clean_name(name) or not _clean_noun_phrase(line.text, np_start, np):
                continue
            if re.match(r"(?:is|are|was|were|be|been)\b", m.group(1)) and not _SUBJECT_BEFORE.search(line.text[:np_start]):
                continue  # "A factor that holds back the rate when it is in short supply is called ...": the
                # thing named is the subject, not the words right before the verb
            rest = line.text[end:]
            tail = re.match(r"[”\"]?\s+((?:in|by)\s+(?:[A-Z][\w'’-]*\s*){1,3})", rest)
            alt = re.match(r"[”\"]?\s+or\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+)?[\w'’-]+){0,3})", rest)
            accept = (alt.group(1).rstrip(",."),) if alt else ()
            out.append(Term("called", np, name, accept, line, line.text[np_start:end], m.group(1),
                            tail.group(1).strip() if tail else ""))
    return out


_CALLED = re.compile(r"\b((?:(?:is|are|was|were|be|been)\s+)?(?:(?:also|sometimes|often|usually|now|then|commonly)\s+)?"
                     r"(?:called|known\s+as))\s+")
_QUOTED = re.compile(r"(?:the\s+|an?\s+)?[“\"]([^”\"]{2,40})[”\"]")
_WORDS_AFTER = re.compile(r"(?:the\s+|an?\s+)?((?:[\w'’-]+)(?:\s+[\w'’-]+){0,3})")


# Words a noun phrase does not hold: a verb before its object ("runs a program"), a modal, a pointer.
_NOT_IN_NOUN_PHRASE = re.compile(r"\b[a-z]+\s+(?:a|an|the|his|her|its|their|some|many)\b|\b(?:may|might|can|could|will"
                                 r"|would|should|must|is|are|was|were|not|another|other|one|so-?)\b|-\s")
_PHRASE_BEFORE = re.compile(r"(?:^|[,;:(—–]\s*|\b(?:of|with|from|into|by|for|in|on|as|produce[sd]?|make[s]?|made"
                            r"|use[sd]?|contain[s]?|include[sd]?)\s+)$")


# Where the subject of "is/are called" may start: the sentence, or after a mark.
_SUBJECT_BEFORE = re.compile(r"(?:^|[,;:(—–]\s*)$")


def _clean_noun_phrase(text: str, start: int, np: str) -> bool:
    """Whether the words before "called" are a noun phrase that stands whole: it opens the sentence or
    follows a mark, a preposition or a verb of making; no verb, modal or pointing word inside; no number
    or capital opening it but "The"/"A"."""
    words = np.split()
    if not 2 <= len(words) <= 6 or not _PHRASE_BEFORE.search(text[:start]):
        return False
    if _NOT_IN_NOUN_PHRASE.search(np.lower()) or words[0][0].isdigit() or words[0].lower().endswith("ing"):
        return False  # "exchanging virtual particles called ...": a gerund's object, not a thing named
    return words[0].lower() in {"the", "a", "an"} or words[0].islower()


def clean_name(name: str) -> bool:
    """Whether a term reads as one name: one to three words, all capitalised or all in lower case (not
    "Lorentz's Law describes"), no adverb ("prizes annually")."""
    words = name.split()
    if not 1 <= len(words) <= 3 or any(w.endswith("ly") for w in words):
        return False
    caps = {w[0].isupper() for w in words if w.lower() not in STOPWORDS}
    return len(caps) <= 1


# A verb in the present after a name: a word in -s before an object or a place ("forms between", "separates the").
_PRESENT_VERB = re.compile(r"[a-z][\w'’-]*[^s\W]s\s+(?:the|a|an|between|from|into|across|its|their|them|it|up|down|out"
                           r"|over|through|when|as)\b")


_ADVERBS = frozenset({"often", "usually", "sometimes", "always", "generally", "typically", "normally", "commonly",
                      "also", "then", "now", "still", "rarely", "mostly", "mainly"})


def _name_after(text: str, at: int) -> tuple[str, int]:
    """The name right after "called": a quoted phrase, or up to four words before a mark or a small word."""
    quoted = _QUOTED.match(text, at)
    if quoted:
        return quoted.group(1).strip(" ,."), quoted.end()
    m = _WORDS_AFTER.match(text, at)
    if not m:
        return "", at
    words = []
    for w in re.finditer(r"[\w'’-]+", m.group(1)):
        if w.group().lower() in STOPWORDS or is_past(w.group().lower()):
            break
        if words and _PRESENT_VERB.match(text, m.start(1) + w.start()):
            break  # "a ridge called an arête forms between them": the name ends before its verb
        if words and w.group().lower() in _ADVERBS:
            break  # "hills of till called drumlins often occur in groups": before its adverb and verb
        words.append(w)
    if not words:
        return "", at
    return m.group(1)[:words[-1].end()], m.start(1) + words[-1].end()


def _noun_phrase_before(text: str, end: int) -> int | None:
    """Where the noun phrase ending right before `end` starts: back to a verb, a preposition or a mark."""
    tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", text[:end]))
    taken: list[re.Match[str]] = []
    for w in reversed(tokens):
        low = w.group().lower()
        if not re.match(r"[\w'’-]", w.group()) or low in _NAME_STOP - {"the", "a", "an", "of", "these", "their"} \
                or (is_past(low) and taken):
            break
        taken.append(w)
        if len(taken) > 9:
            return None
    taken.reverse()
    while taken and taken[0].group().lower() in {"of", "and"}:
        taken.pop(0)
    if not taken or taken[-1].group().lower() in STOPWORDS:
        return None
    if len([w for w in taken if w.group().lower() not in STOPWORDS]) < 2:
        return None
    return taken[0].start()


_ITEM = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+){0,2}")


def listings(reading: Reading) -> list[Listing]:
    """Lists of three or more short items after a head noun phrase ("common ices are water, methane, and ...")."""
    out = []
    for line in reading.lines:
        if not line.usable or line.text.count(",") < 2:
            continue
        text = line.text
        for final in re.finditer(r",?\s+and\s+", text):
            last = _ITEM.match(text, final.end())
            if not last:
                continue
            last_words = []
            for w in last.group().split():
                if w.lower() in STOPWORDS:
                    break
                last_words.append(w)
            if not last_words:
                continue
            items = [" ".join(last_words)]
            end = final.end() + len(" ".join(last_words))
            if text[end:end + 1] not in ".,;:)" and not re.match(r"\s+(?:are|were|is|was)\b", text[end:]):
                continue
            if re.match(r"(?:,\s+[^,.;]{1,40}){1,6},?\s+and\s", text[end:]):
                continue  # inside a longer list: its own "and" comes later
            pos = final.start()
            head_end = None
            while True:
                comma = text.rfind(", ", 0, pos)
                segment = text[comma + 2:pos] if comma >= 0 else text[:pos]
                words = segment.split()
                if 1 <= len(words) <= 3 and not any(w.lower() in STOPWORDS for w in words) and comma >= 0:
                    items.insert(0, segment)
                    pos = comma
                    continue
                lead = re.search(r"(?:\b(?:are|were|include|included|includes|including|such\s+as|namely)|[:—–])\s+"
                                 r"([\w'’-]+(?:\s+[\w'’-]+){0,2})$", segment)
                if lead and not any(w.lower() in STOPWORDS for w in lead.group(1).split()):
                    items.insert(0, lead.group(1))
                    head_end = (comma + 2 if comma >= 0 else 0) + lead.start()
                break
            if head_end is None or len(items) < 3 or len({i.lower() for i in items}) != len(items):
                continue
            if len({i[0].isupper() for i in items}) != 1:
                continue
            head = _head_before(text, head_end)
            if head is None:
                continue
            out.append(Listing(head[0], tuple(items), line, text[head[1]:end]))
    return out


def _head_before(text: str, end: int) -> tuple[str, int] | None:
    """The plural noun phrase a list names the members of, and where it starts."""
    tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", text[:end]))
    taken: list[re.Match[str]] = []
    for w in reversed(tokens):
        low = w.group().lower()
        if not re.match(r"[\w'’-]", w.group()) or (low in STOPWORDS and low not in {"of", "and"}) or is_past(low):
            break
        taken.append(w)
        if len(taken) > 6:
            break
    taken.reverse()
    while taken and taken[0].group().lower() in {"of", "and"}:
        taken.pop(0)
    if not taken or not taken[-1].group().lower().endswith("s") or taken[-1].group()[0].isupper():
        return None
    head = text[taken[0].start():taken[-1].end()]
    return _HEAD_DROP.sub("", head), taken[0].start()
