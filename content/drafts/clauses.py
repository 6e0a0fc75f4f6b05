"""Who did what, and when: the subject, verb and object of a plain sentence, read by rules.

Only sentences of a simple shape are read ("In 1754, German chemist X synthesized the earth of alum by
boiling clay ...", "Discovery of this metal was announced in 1825 by Y"); anything else gives None, and
is left to the question kinds that need no grammar (cloze, definitions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.drafts.reading import LEANING, YEAR, Line, Person, Reading, Token
from content.text.dates import Span
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
    when: str | None  # the phrase that says it: "in 1754", "at the end of 2011"
    agent: str | None  # the passive's "by X" (a person's name)
    start: int  # where the clause's words start in the sentence (its dated opening phrase included)
    end: int  # and end (its date and the passive's agent included)
    present: bool = False  # "is led by": the present tense

    @property
    def quote(self) -> str:
        """The clause's words in the sentence, verbatim."""
        return self.line.text[self.start:self.end].strip(" ,;:")

    def base(self) -> str | None:
        return base_of(self.verb)

    def participle(self) -> str | None:
        return self.verb if self.passive else participle_of(self.verb)

    def past(self) -> str | None:
        """The active verb: "was announced" -> "announced", "is led" -> "leads"."""
        if not self.passive:
            return self.verb
        if self.present:
            base = base_of(past_of_participle(self.verb) or "")
            return third_person(base) if base else None
        return past_of_participle(self.verb)

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
    if not (passive or base_of(verb)) or verb.lower() in SPEECH:
        return None
    rest = tokens[verb_at + 1:]
    while rest and _ADVERBS.fullmatch(rest[0].lower) and rest[0].lower not in {"each", "both", "all", "only"}:
        rest = rest[1:]
    obj, n = _object(rest, line)
    if obj is None:
        return None
    tail, n2 = _tail(rest, n, line)
    if passive and tail.startswith("by "):
        tail, n2 = "", n
    if verb.lower() in CLAUSE_VERBS and not _ends_clause(rest, n2, line):
        return None  # "proved the earth in clay and the earth ... were identical": the object is a clause's subject
    agent, agent_end = None, None
    if passive:
        by = next((m for m in range(len(rest) - 1) if rest[m].lower == "by"), None)
        if by is not None:
            window = rest[by + 1:by + 10]
            found = _person_in(reading, line.text[rest[by].end:window[-1].end], anywhere=True) if window else None
            later = [p for p in reading.persons.values() if p is not found
                     and re.search(rf"\b{re.escape(p.surname)}\b", line.text[rest[by].end:])]
            if found and not later:
                agent = found.name
                at = line.text.find(found.name, rest[by].end)
                agent_end = at + len(found.name) if at >= 0 else None
    subject = line.text[subject_tokens[0].start:subject_tokens[-1].end]
    if re.search(r"\s-\s|\baka\b|[“”\"]", subject):
        return None
    person = _person_in(reading, subject) or (reading.person(agent) if agent else None)
    if subject_tokens[0].lower in LEANING and not person:
        return None
    end = rest[n2 - 1].end if n2 else tokens[verb_at].end
    year, when = _year_for(line, tokens, k, end)
    plural = _plural(subject_tokens) if passive else False
    present = low in {"is", "are"}
    start_at = tokens[0].start if k and year and when and line.text.find(when, tokens[0].start) < subject_tokens[0].start \
        else subject_tokens[0].start
    ends_at = max(end, agent_end or 0)
    if year and when:
        at = line.text.find(when, tokens[0].start)
        if at > ends_at and at - ends_at < 60:
            ends_at = at + len(when)
    return Clause(line, subject, subject_tokens[0].start, person, verb, passive, plural, obj, tail, year, when, agent,
                  start_at, ends_at, present)


# Verbs that report speech: their objects are quotes and dates, not facts to ask about.
SPEECH = frozenset({"said", "told", "explained", "noted", "added", "reported", "commented", "replied", "insisted",
                    "continued", "wrote", "asked", "stressed", "warned", "urged", "says", "tells", "adds"})
# Verbs whose object may open a clause of its own ("proved the earth in clay and ... were identical").
CLAUSE_VERBS = frozenset({"claimed", "stated", "argued", "suggested", "believed", "showed", "proved", "demonstrated",
                          "found", "realized", "realised", "recognized", "recognised", "concluded", "thought", "knew",
                          "determined", "established", "considered", "contended", "feared", "worried", "hoped",
                          "expected", "assumed", "discovered", "learned", "understood", "decided", "agreed",
                          "announced", "revealed", "confirmed", "denied", "felt", "saw", "heard", "meant",
                          "indicated", "estimated", "predicted", "proposed"})


def _ends_clause(rest: list[Token], n: int, line: Line) -> bool:
    """Whether what was read ends where the clause does: at a mark, the end, or a dated phrase and then one."""
    if n >= len(rest):
        return True
    nxt = rest[n]
    if _PUNCT.fullmatch(nxt.text) and nxt.text not in "’'-":
        return True
    if nxt.lower in {"in", "on", "at", "by"} and n + 1 < len(rest) and any(
            y.start >= rest[n + 1].start and y.start - rest[n].end < 30 for y in line.years):
        after = [t for t in rest[n:] if t.start > next(y.end for y in line.years if y.start >= rest[n].start)]
        return not after or (_PUNCT.fullmatch(after[0].text) is not None)
    return nxt.lower in {"which", "who", "whose", "while", "whereas", "because", "although", "though"}


def _object(rest: list[Token], line: Line) -> tuple[str | None, int]:
    """The noun phrase right after the verb: up to a preposition, a mark or a conjunction. None when it is cut
    in the middle of a list or a coordination ("combined production of sodium, alumina, and ...")."""
    if not rest or rest[0].lower in PREPOSITIONS or rest[0].lower in BOUNDARY:
        return "", 0
    taken: list[Token] = []
    m = 0
    while m < len(rest):
        t = rest[m]
        low = t.lower
        if YEAR.fullmatch(t.text) or any(d.start <= t.start < d.end for d in line.dates):
            if not taken:
                return None, 0  # "said 31 October": a date is no object to ask about
            break
        if taken and (low in BOUNDARY or low in PREPOSITIONS and low != "of"):
            if low in {"and", "or"} and m + 1 < len(rest) and not _verbish(rest[m + 1]):
                return None, 0  # "aluminium wire and foil": the object goes on
            break
        if _PUNCT.fullmatch(t.text) and t.text not in "’'-%$":
            if t.text == "," and re.match(r",\s+[^,.;]{1,40},?\s+(?:and|or)\s", line.text[t.start:]):
                return None, 0
            if taken and t.text in "–—/" and t.start == taken[-1].end:
                return None, 0  # "the Polish–Lithuanian Commonwealth": a dash inside a name, not after it
            break
        taken.append(t)
        m += 1
    while taken and (taken[-1].lower in _DETERMINERS | {"of", "and"} or taken[-1].lower in PREPOSITIONS):
        taken.pop()
        m -= 1
    if len(taken) > MAX_OBJECT:
        return None, 0
    if not taken:
        return "", 0
    text = line.text[taken[0].start:taken[-1].end]
    if any(w.lower() in _VERBISH or is_past(w.lower()) for w in text.split()[1:]):
        return None, 0  # "the metal be named alumium", "the precipitate obtained": no plain object
    return text, m


def _tail(rest: list[Token], n: int, line: Line) -> tuple[str, int]:
    """One prepositional phrase after the object, kept only when it ends where the clause does: "" when it
    would be cut short ("by reduction [with sodium]") or runs into a date ("at the end [of 2011]")."""
    if n >= len(rest) or rest[n].lower not in PREPOSITIONS:
        return "", n
    m = n + 1
    while m < len(rest):
        t = rest[m]
        if YEAR.fullmatch(t.text) or any(d.start <= t.start < d.end for d in line.dates):
            return "", n
        if t.lower in BOUNDARY or t.lower in PREPOSITIONS and t.lower != "of" or \
                _PUNCT.fullmatch(t.text) and t.text not in "’'-%$":
            break
        m += 1
    if m - n > 6 or m - n < 2:
        return "", n
    if m < len(rest):
        stop = rest[m]
        clean = (_PUNCT.fullmatch(stop.text) and stop.text not in "’'-"
                 or stop.lower in {"which", "who", "whose", "while", "whereas", "because", "although", "but"})
        if not clean:
            return "", n
        if stop.text == "," and re.match(r",\s+[^,.;]{1,40},?\s+(?:and|or)\s", line.text[stop.start:]):
            return "", n
    return line.text[rest[n].start:rest[m - 1].end], m


def _verbish(t: Token) -> bool:
    return t.lower in _VERBISH or t.lower in _AUX or is_simple_past(t.lower) or t.lower in _MODALS


def _person_in(reading: Reading, text: str, anywhere: bool = False) -> Person | None:
    """The one person the words name (ending with the name, or anywhere in them), else None."""
    if not anywhere and re.search(r"\band\b", text) and not any(text.endswith(p.name) and " and " in p.name
                                                                  for p in reading.persons.values()):
        return None
    for p in reading.persons.values():
        if text.endswith(p.name) or text == p.surname or anywhere and re.search(rf"\b{re.escape(p.name)}\b", text):
            return p
    return None


def _year_for(line: Line, tokens: list[Token], intro_end: int, end: int) -> tuple[str | None, str | None]:
    """The one year the clause happened in and the phrase that says it ("at the end of 2011"), when sure:
    the year of its opening phrase, or the only year of its sentence near what was read."""
    years = [y for y in line.years if not _NAME_YEAR.search(line.text, 0, y.start)]
    if len(years) != len(line.years):
        line = _with_years(line, years)
    if not line.years:
        return None, None
    opening_end = tokens[intro_end - 1].end if intro_end else tokens[0].start
    opening = [y for y in line.years if tokens[0].start <= y.start < opening_end]
    if len({y.text for y in opening}) == 1:
        return opening[0].text, _date_phrase(line, opening[0])
    if opening or len({y.text for y in line.years}) != 1:
        return None, None
    year = line.years[0]
    if not tokens[0].start <= year.start < end + 40:
        return None, None
    return year.text, _date_phrase(line, year)


# "the Constitution of 1812", "the Exposition Universelle of 1855": a year that names a thing, not a date.
_NAME_YEAR = re.compile(r"[A-Z][\w'’-]*\s+of\s+$")


def _with_years(line: Line, years: list[Span]) -> Line:
    from dataclasses import replace

    return replace(line, years=years)


def _date_phrase(line: Line, year: Span) -> str:
    """The year's date with its preposition as the sentence says it ("at the end of 2011", "in late March
    2022"), or "in YEAR"."""
    date = next((d for d in line.dates if d.start <= year.start < d.end), None)
    if date is None:
        return f"in {year.text}"
    before = re.search(r"\b(in|on|at|by|during|from|until|since)\s+(?:the\s+)?$", line.text[:date.start], re.IGNORECASE)
    if date.text == year.text or not before:
        return f"in {year.text}"
    lead = line.text[before.start():date.start]
    return f"{lead.lower()}{date.text}" if not re.search(r"\b(?:and|to|between)\b", date.text) else f"in {year.text}"


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
    # Only a word the text also writes in lower case: "Greenland" stays a name even if it only opens sentences.
    if first and first[0].isupper() and (not first.isupper() or first == "A") and reading.is_common(first):
        return first[0].lower() + text[1:]
    return text


def possessive_start(text: str) -> bool:
    return bool(text.split()) and text.split()[0].lower() in _POSSESSIVES


def is_simple_past(word: str) -> bool:
    """A past tense that can be a sentence's main verb: -ed or an irregular past ("wrote", not "written")."""
    return word in BASE_OF_PAST or (is_past(word) and word.endswith("ed"))


def third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def plural_phrase(text: str) -> bool:
    """Whether a noun phrase is plural: "salts of this earth", "Deville and partners"."""
    words = text.lower().split()
    if "and" in words:
        return True
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "ics"))
