"""The kind of a learner's question and the short answer a sentence gives to it, by plain rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

WHO, WHEN, WHERE, HOW_MANY, STAND_FOR, OTHER = "who", "when", "where", "how many", "stand for", "other"

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)s?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_QUALIFIER = (r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)\s+of)"
              r"[\s-]+)?")
_ONE_DATE = (rf"{_QUALIFIER}(?:{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!\s*{_MONTH})"
             rf"|{_MONTH}(?:\s+{_YEAR})?|{_YEAR})")
_DATE = re.compile(
    rf"(?:(?:between|from)\s+{_ONE_DATE}\s+(?:and|to)\s+{_ONE_DATE}"
    rf"|{_ONE_DATE}(?:\s+(?:to|and)\s+(?:{_ONE_DATE}|{_DAY}\b))?)"
    r"(?![\w-])"
)
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
                 "|hundred|hundreds|thousand|thousands|dozen|dozens|scores|first|second|third|fourth|fifth|sixth")
_HEDGE = (r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|less\s+than|fewer\s+than|at\s+least"
          r"|at\s+most|up\s+to|some|roughly|only|the)\s+)?")
_COUNT = re.compile(
    rf"\b{_HEDGE}(?:\d[\d,]*(?:\.\d+)?|(?:{_NUMBER_WORDS})\b)(?:\s+(?:million|billion|thousand|hundred|percent|per cent))?"
    r"(?:%|(?:\s+(?!(?:of|and|or|the|to|in|on|at|by|for|from|with|was|were|is|are|had|have|that|which|who)\b)"
    r"[A-Za-z][\w'’-]*){1,3})?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
# Lower-case words that may stand inside a name ("Ansar al Din", "Iyad ag Ghali", "Mission in Mali").
_NAME_JOINERS = frozenset({"of", "the", "for", "and", "in", "al", "ag", "el", "de", "du", "la", "le", "des",
                           "wa", "fi", "bin", "ben", "ibn", "pour", "to", "on"})
_PLACE_NOUNS = ("town", "city", "region", "country", "capital", "village", "area", "province", "nation")
_PLACE_PLURALS = ("towns", "cities", "regions", "countries", "capitals", "villages", "areas", "provinces", "nations")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "into", "of", "towards", "toward"})
_PLACE_SKIP = frozenset({"either", "the", "central", "northern", "southern", "eastern", "western", "north", "south",
                         "far", "city", "town", "region", "of", "capital", "rebel-held"})


def question_kind(question: str) -> str:
    """who, when, where, how many, stand for, or other: what the question asks for."""
    q = " " + re.sub(r"\s+", " ", question.casefold()) + " "
    if re.search(r"\bstands?\s+for\b|\bshort\s+for\b|\babbreviat|\bacronym\b|\bfull\s+(?:form|name)\b"
                 r"|\bwhat\s+(?:does|did|do)\b.*\bmean\b|\bmeaning\s+of\b|\btranslat"
                 r"|\b(?:called|named|known)\s+in\s+(?:french|english|arabic|tamasheq|its\s+own\s+language)\b"
                 r"|\b(?:other|another|alternative)\s+name\b|\b(?:also|otherwise)\s+(?:known\s+as|called)\b", q):
        return STAND_FOR
    if re.search(r"\bhow\s+(?:many|much|long|big|large|populous)\b|\bwhat\s+(?:number|percentage|proportion|share)\b", q):
        return WHEN if re.search(r"\bhow\s+long\b.*\b(?:last|run|ran|take)\b|\bhow\s+long\s+(?:has|have|had)\b", q) \
            else HOW_MANY
    if re.search(r"\bwhen\b|\bwhat\s+(?:year|date|month|day|time)\b|\bwhich\s+(?:year|date|month|day)s?\b"
                 r"|\bsince\s+when\b|\buntil\s+when\b|\bin\s+what\s+year\b", q):
        return WHEN
    if re.search(r"\bwhere\b|\b(?:which|what)\s+(?:" + "|".join(_PLACE_NOUNS + _PLACE_PLURALS) + r")\b", q):
        return WHERE
    if re.search(r"\bwho(?:m|se)?\b|\b(?:which|what)\s+(?:\w+\s+){0,2}(?:group|organi[sz]ation|movement|person|man"
                 r"|leader|president|minister|militia|party|body|expert|force|ethnic|clan|tribe|sect)", q):
        return WHO
    return OTHER


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # character span in the sentence
    end: int
    text: str


def dates_in(sentence: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group().strip()) for m in _DATE.finditer(sentence)]


def counts_in(sentence: str) -> list[Span]:
    """Numbers with their hedge and unit ("around 300 civilian men"); years and days of dates left out."""
    dates = dates_in(sentence)
    found = []
    for m in _COUNT.finditer(sentence):
        text = m.group().strip()
        end = m.start() + len(text)
        if any(d.start < end and m.start() < d.end for d in dates):
            continue
        found.append(Span(m.start(), end, text))
    return found


_MONTH_WORD = re.compile(_MONTH + "$")


def name_runs(sentence: str, common: Callable[[str], bool]) -> list[Span]:
    """Runs of capitalized words, joiners allowed inside; a capitalized common word opening it is dropped.

    A month or a possessive ("Mali's") ends a run: "Menaka in June", "Mali's Mopti" are two names each.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(sentence)
              if not _MONTH_WORD.match(m.group())]
    runs: list[Span] = []
    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i][2]):
            i += 1
            continue
        j = i
        end = i
        while j < len(tokens):
            word = tokens[j][2]
            if j > i and tokens[j][0] > tokens[j - 1][1] + 1:  # words apart: a month or a mark between
                break
            if _is_name_word(word):
                end = j
                if word.endswith(("'s", "’s")):
                    break
            elif word.casefold() not in _NAME_JOINERS:
                break
            j += 1
        words = tokens[i:end + 1]
        while words and common(words[0][2]):
            words = words[1:]
            while words and words[0][2].casefold() in _NAME_JOINERS:
                words = words[1:]
        if words:
            runs.append(Span(words[0][0], words[-1][1], sentence[words[0][0]:words[-1][1]]))
        i = end + 1
    return runs


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"(?:al|el|ag)-\w", word))


def _attributive(sentence: str, span: Span) -> bool:
    """A one-word name used as an adjective ("Islamic body", "Malian military", "Mali's president")."""
    if " " in span.text or span.text.isupper():
        return False
    return span.text.endswith(("'s", "’s")) or bool(re.match(r"\s+[a-z]", sentence[span.end:]))


def short_answer(
    kind: str,
    sentence: str,
    asked: Callable[[str], bool],
    common: Callable[[str], bool],
    near: Collection[int] = (),
    question: str = "",
) -> str | None:
    """The short answer `sentence` gives to a question of this kind, or None.

    `asked(text)` says whether a candidate only repeats what the question says; `common(word)` whether a
    capitalized word is a common word (a sentence opener); `near` holds character offsets in the sentence
    where the question's words were found: of several candidates, the nearest one wins.
    """
    if kind == WHEN:
        spans = [s for s in dates_in(sentence) if not asked(s.text)]
    elif kind == HOW_MANY:
        spans = [s for s in counts_in(sentence) if not asked(s.text)]
        units = set(re.findall(r"\w+", question.casefold()))
        with_unit = [s for s in spans if set(re.findall(r"\w+", s.text.casefold())[1:]) & units]
        spans = with_unit or [s for s in spans if re.search(r"\d[\d,.]*\s*\S", s.text)] or spans
    elif kind == WHERE:
        spans = _places(sentence, asked, common, question)
    elif kind == WHO:
        described = _description(sentence, question)
        if described:
            return described
        spans = [t for s in name_runs(sentence, common) if not _attributive(sentence, s)
                 and not _IN_PLACE.search(sentence, 0, s.start)
                 if (t := _trimmed(s, asked)) is not None]
    else:
        return None
    if not spans:
        return None
    return min(spans, key=lambda s: (_distance(s, near) // 25, -len(s.text.split()), _distance(s, near))).text


# A name right after "in", "at" or "near" is a place, not who did something ("held a conference in Kidal").
_IN_PLACE = re.compile(r"\b(?i:in|at|near|into)\s+(?:(?i:the)\s+)?(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*,\s+)?$")


# Titles that stand before a name and are not part of the answer to "who".
_TITLES = frozenset({"president", "minister", "foreign", "general", "secretary", "leader", "head", "chief",
                     "expert", "specialist", "mr", "mrs", "dr"})


def _trimmed(span: Span, asked: Callable[[str], bool]) -> Span | None:
    """The name without the words the question already says ("Burkina Faso Foreign Minister X" -> "X")."""
    parts = list(re.finditer(r"\S+", span.text))
    while parts and (asked(parts[0].group()) or parts[0].group().casefold() in _TITLES
                     or parts[0].group().casefold() in _NAME_JOINERS):
        parts.pop(0)
    while parts and (asked(parts[-1].group()) or parts[-1].group().casefold() in _NAME_JOINERS):
        parts.pop()
    if not parts:
        return None
    start, end = span.start + parts[0].start(), span.start + parts[-1].end()
    return Span(start, end, span.text[parts[0].start():parts[-1].end()])


def _description(sentence: str, question: str) -> str | None:
    """For "Who is X?", what the sentence says X is: "X, a former rebel leader," or "X is the ..."."""
    m = re.match(r"\s*who\s+(?:is|was|are|were)\s+(.+?)[\s?.!]*$", question, re.IGNORECASE)
    if not m:
        return None
    name = m.group(1).strip()
    last = re.escape(name.split()[-1]) if name.split() else ""
    if not last:
        return None
    found = re.search(rf"\b{last}\b(?:,\s+|\s+(?:is|was)\s+)((?:an?|the)\s+[^,;()\[\]]+?)(?=[,;()]|\s-\s|$)",
                      sentence, re.IGNORECASE)
    return found.group(1) if found else None


def _places(sentence: str, asked: Callable[[str], bool], common: Callable[[str], bool], question: str) -> list[Span]:
    every = [s for s in name_runs(sentence, common)
             if not dates_in(s.text) and not re.search(r"(?:ian|ean|ese|ish)$", s.text)]
    runs = [s for s in every if not asked(s.text)]
    q = question.casefold()
    nouns = "|".join(_PLACE_NOUNS)
    asked_noun = re.search(rf"\b(?:which|what)\s+(?:[\w'-]+\s+){{0,2}}?({nouns})\b", q)
    noun = asked_noun.group(1) if asked_noun else next((n for n in _PLACE_NOUNS if re.search(rf"\b{n}\b", q)), None)
    if noun:
        beside = [s for s in runs if re.match(rf"[’'s]*\s+{noun}\b", sentence[s.end:], re.IGNORECASE)
                  or re.search(rf"\b{noun}\s+of\s+$", sentence[:s.start], re.IGNORECASE)]
        if beside:
            return beside
    placed: list[Span] = []
    for s in every:
        before = re.findall(r"[\w'’-]+", sentence[:s.start])
        while before and (before[-1].casefold() in _PLACE_SKIP or before[-1].endswith(("'s", "’s"))
                          or re.fullmatch(r"[A-Z]\w*(?:ian|ean|ese|ish)", before[-1])):
            before.pop()
        if before and before[-1].casefold() in _PLACE_PREPOSITIONS \
                or placed and re.fullmatch(r",?\s+(?:or|and)\s+", sentence[placed[-1].end:s.start]):
            placed.append(s)
    # A place the question names itself may lead to the answer ("to either Saudi Arabia or Egypt").
    return [s for s in placed if s in runs]


def _distance(span: Span, near: Collection[int]) -> int:
    if not near:
        return 0
    return min(0 if span.start <= at < span.end else min(abs(at - span.start), abs(at - span.end)) for at in near)
