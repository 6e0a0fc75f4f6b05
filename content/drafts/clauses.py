"""Who did what, and when: the subject, verb and object of a plain sentence, read by rules.

Only sentences of a simple shape are read ("In 1754, German chemist X synthesized the earth of alum by
boiling clay ...", "Discovery of this metal was announced in 1825 by Y"); anything else gives None, and
is left to the question kinds that need no grammar (cloze, definitions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.drafts.reading import LEANING, YEAR, Line, Person, Reading, Token
from content.drafts.verbs import BASE_OF_PAST, base_of, is_past, participle_of, past_of_participle

_INTRO_WORDS = frozenset({"in", "by", "during", "after", "before", "on", "at", "since", "from", "until", "around",
                          "soon", "finally", "however", "originally", "eventually", "nevertheless", "furthermore",
                          "instead", "later", "then", "overall", "thus", "meanwhile", "previously", "traditionally",
                          "despite", "unlike", "at", "within", "throughout", "over", "under", "for", "following",
                          "initially", "today", "now", "still", "also", "moreover", "first", "second", "together",
                          "along", "as", "with", "once", "prior", "between", "like", "writing", "recognizing"})
BOUNDARY = frozenset({"and", "but", "or", "which", "who", "whom", "whose", "that", "while", "whereas", "because",
                      "although", "though", "so", "thus", "when", "where", "as", "after", "before", "until", "since",
                      "if", "than", "nor", "yet", "whether", "unless", "whereby", "hence", "then"})
PREPOSITIONS = frozenset({"by", "in", "at", "on", "for", "to", "from", "with", "into", "through", "during", "over",
                          "under", "without", "within", "via", "against", "among", "between", "toward", "towards",
                          "across", "along", "around", "about", "beyond", "near", "upon", "per", "onto", "throughout",
                          "like", "despite", "except", "off", "out", "up", "down", "inside", "outside", "behind"})
_AUX = frozenset({"was", "were", "is", "are"})
_PERFECT = frozenset({"had", "has", "have"})
_ADVERBS = re.compile(r"[a-z]+ly$|alone|also|still|never|often|then|first|later|soon|once|again|already|even"
                      r"|successfully|each|both|all|finally|quickly|easily|only|not$")
_MODALS = frozenset({"could", "would", "should", "must", "can", "may", "might", "will", "shall", "did", "does", "do"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                          "some", "many", "several", "most", "all", "each", "every", "no", "other", "such"})
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_VERBISH = frozenset({"be", "been", "being", "is", "are", "was", "were", "had", "has", "have", "not", "did", "does"})
_PUNCT = re.compile(r"[^\w\s]")
MAX_OBJECT = 7


@dataclass(frozen=True)
class Clause:
    line: Line
    subject: str  # as written, first letter as in the sentence
    subject_start: int
    person: Person | None  # when the subject (or the passive's agent) is a known person
    verb: str  # the verb as written: "synthesized", "announced" (after was/were when passive)
    passive: bool
    plural: bool  # "were" rather than "was"
    object: str  # the noun phrase after the verb ("" for none)
    tail: str  # one phrase after the object, for context ("by boiling clay"); may be ""
    year: str | None  # the year the clause happened in
    agent: str | None  # the passive's "by X" (a person's name)
    end: int  # where the clause as read ends in the sentence

    @property
    def quote(self) -> str:
        """The clause's words in the sentence, verbatim: from its start to the end of what was read."""
        return self.line.text[self.start:self.end].strip(" ,;:")

    @property
    def start(self) -> int:
        return min(self.subject_start, self._year_start)

    @property
    def _year_start(self) -> int:
        if self.year is None:
            return self.subject_start
        at = self.line.text.find(self.year)
        return at if at >= 0 else self.subject_start

    def base(self) -> str | None:
        return base_of(self.verb)

    def participle(self) -> str | None:
        return self.verb if self.passive else participle_of(self.verb)

    def past(self) -> str | None:
        return past_of_participle(self.verb) if self.passive else self.verb

    def predicate(self) -> str:
        """Verb, object and tail as written, for "Who synthesized the earth of alum by boiling clay?"."""
        return " ".join(p for p in (self.verb, self.object, self.tail) if p)


def clauses(reading: Reading, line: Line) -> list[Clause]:
    """The main clause of a sentence, and the one after a semicolon when it has its own subject."""
    if not line.usable:
        return []
    out = []
    starts = [0] + [t.end for t in line.tokens if t.text == ";"]
    for start in starts[:2]:
        found = _clause(reading, line, start)
        if found:
            out.append(found)
    return out


def _clause(reading: Reading, line: Line, start: int) -> Clause | None:
    tokens = [t for t in line.tokens if t.start >= start]
    stop = next((k for k, t in enumerate(tokens) if t.text == ";"), len(tokens))
    tokens = tokens[:stop]
    if len(tokens) < 4:
        return None
    k = 0
    if tokens[0].lower in _INTRO_WORDS or tokens[0].lower.endswith("ing"):
        comma = next((j for j, t in enumerate(tokens[:14]) if t.text == ","), None)
        if comma is None:
            return None
        k = comma + 1
    subject_tokens: list[Token] = []
    j = k
    while j < len(tokens):
        t = tokens[j]
        if _PUNCT.fullmatch(t.text) and t.text not in "’'-":
            if t.text != "(" or not subject_tokens:
                return None
            close = next((n for n in range(j, len(tokens)) if tokens[n].text == ")"), None)
            if close is None or close - j > 6:
                return None
            j = close + 1  # "The Revolutionary War (1776–1783)" keeps its dates out of the subject
            continue
        low = t.lower
        if j > k and (low in _AUX or low in _PERFECT or (is_simple_past(low) and t.text.islower()) or low in _MODALS):
            break
        if low in BOUNDARY - {"and"} or (low in PREPOSITIONS and low != "of" and not subject_tokens):
            return None
        subject_tokens.append(t)
        j += 1
        if len(subject_tokens) > 9:
            return None
    if not subject_tokens or j >= len(tokens):
        return None
    adverbs = [t for t in subject_tokens if _ADVERBS.fullmatch(t.lower) and t.text.islower()]
    while subject_tokens and subject_tokens[-1] in adverbs:
        subject_tokens.pop()
    if not subject_tokens or any(t.lower in PREPOSITIONS and t.lower != "of" for t in subject_tokens) \
            or subject_tokens[-1].lower in _DETERMINERS | {"first", "of", "and"}:
        return None
    verb_at = j
    low = tokens[verb_at].lower
    if low in _MODALS:
        return None
    passive = False
    if low in _AUX or low in _PERFECT:
        n = verb_at + 1
        while n < len(tokens) and _ADVERBS.fullmatch(tokens[n].lower):
            n += 1
        if n >= len(tokens) or not is_past(tokens[n].lower) or not tokens[n].text.islower():
            return None
        if low in _PERFECT:
            return None  # "had expelled": the perfect reads badly turned into a question
        passive, verb_at = True, n
    verb = tokens[verb_at].text
    if not (passive or base_of(verb)):
        return None
    rest = tokens[verb_at + 1:]
    obj, n = _phrase(rest, 0, allow_preposition=False, line=line)
    if obj is None:
        return None
    tail, n2 = _phrase(rest, n, allow_preposition=True, line=line) if n < len(rest) else ("", n)
    if tail is None or passive and tail.startswith("by "):
        tail, n2 = "", n
    if obj and any(w.lower() in _VERBISH or is_past(w.lower()) for w in obj.split()[1:]):
        return None  # "the metal be named alumium", "the precipitate obtained": no plain object
    agent = None
    if passive:
        by = next((m for m in range(len(rest) - 1) if rest[m].lower == "by"), None)
        if by is not None:
            agent_person = _person_in(reading, line.text[rest[by].end:rest[min(by + 8, len(rest) - 1)].end],
                                      anywhere=True)
            agent = agent_person.name if agent_person else None
    subject = line.text[subject_tokens[0].start:subject_tokens[-1].end]
    person = _person_in(reading, subject) or (reading.person(agent) if agent else None)
    if subject_tokens[0].lower in LEANING and not person:
        return None
    year = _year_for(line, tokens[0].start, rest[n2 - 1].end if n2 else tokens[verb_at].end, tokens)
    plural = _plural(subject_tokens) if passive else False
    end = rest[n2 - 1].end if n2 else tokens[verb_at].end
    return Clause(line, subject, subject_tokens[0].start, person, verb, passive, plural, obj, tail, year, agent, end)


def _phrase(rest: list[Token], n: int, allow_preposition: bool, line: Line) -> tuple[str | None, int]:
    """The words from `n` up to the next boundary: a noun phrase (no preposition first) or, when allowed,
    one prepositional phrase. None when it runs too long to quote in a question."""
    if n >= len(rest):
        return "", n
    first = rest[n].lower
    if allow_preposition and first not in PREPOSITIONS and not first.endswith("ing"):
        return "", n
    if not allow_preposition and (first in PREPOSITIONS or first in BOUNDARY):
        return "", n
    taken: list[Token] = []
    m = n
    while m < len(rest):
        t = rest[m]
        low = t.lower
        if taken and (low in BOUNDARY or low in PREPOSITIONS and not (allow_preposition and len(taken) == 0)
                      and low != "of"):
            break
        if _PUNCT.fullmatch(t.text) and t.text not in "’'-%$":
            break
        if YEAR.fullmatch(t.text) and not taken:
            return "", n
        if YEAR.fullmatch(t.text):
            break
        taken.append(t)
        m += 1
    while taken and (taken[-1].lower in _DETERMINERS | {"of", "and"} or taken[-1].lower in PREPOSITIONS):
        taken.pop()
        m -= 1
    if len(taken) > MAX_OBJECT:
        return None, n
    if not taken:
        return "", n
    return line.text[taken[0].start:taken[-1].end], m


def _person_in(reading: Reading, text: str, anywhere: bool = False) -> Person | None:
    """The one person the words name (ending with the name, or anywhere in them), else None."""
    if not anywhere and re.search(r"\band\b", text) and not any(text.endswith(p.name) and " and " in p.name
                                                                  for p in reading.persons.values()):
        return None
    for p in reading.persons.values():
        if text.endswith(p.name) or text == p.surname or anywhere and re.search(rf"\b{re.escape(p.name)}\b", text):
            return p
    return None


def _year_for(line: Line, start: int, end: int, tokens: list[Token]) -> str | None:
    """The one year stated in the clause (in its opening phrase or its predicate), else None."""
    inside = [y for y in line.years if start <= y.start < end + 12]
    if len({y.text for y in inside}) != 1:
        return None
    if len({y.text for y in line.years}) > 1:
        # Other years in the sentence: only a year in the clause's own opening phrase is sure to be its own.
        first_comma = next((t.start for t in tokens if t.text == ","), end)
        if not inside[0].start < first_comma:
            return None
    return inside[0].text


def _plural(subject: list[Token]) -> bool:
    words = [t.lower for t in subject]
    if "and" in words:
        return True
    head = next((w for w in reversed(words) if w not in {"of"}), "")
    if "of" in words:
        head = words[words.index("of") - 1] if words.index("of") else head
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "ics"))


def lower_first(text: str, reading: Reading) -> str:
    """A subject as it reads inside a question: "Discovery of ..." -> "discovery of ...", names kept."""
    first = text.split()[0] if text.split() else ""
    if first and first[0].isupper() and reading.is_common(first) and not first.isupper():
        return first[0].lower() + text[1:]
    return text


def possessive_start(text: str) -> bool:
    return bool(text.split()) and text.split()[0].lower() in _POSSESSIVES


def is_simple_past(word: str) -> bool:
    """A past tense that can be a sentence's main verb: -ed or an irregular past ("wrote", not "written")."""
    return word in BASE_OF_PAST or (is_past(word) and word.endswith("ed"))
