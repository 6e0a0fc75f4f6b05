"""Dates and counts as prose writes them ("late March 2022", "around 300 civilian men")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.text.patterns import Pattern

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
MONTH_WORD = Pattern(MONTH + "$")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)s?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_QUALIFIER = (r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)\s+of)"
              r"[\s-]+)?")
_ONE_DATE = (rf"{_QUALIFIER}(?:{_DAY}\s+{MONTH}(?:,?\s+{_YEAR})?|{MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!\s*{MONTH})"
             rf"|{MONTH}(?:\s+{_YEAR})?|{_YEAR})")
_DATE = Pattern(
    rf"(?:(?:between|from)\s+{_ONE_DATE}\s+(?:and|to)\s+{_ONE_DATE}"
    rf"|{_ONE_DATE}(?:\s+(?:to|and)\s+(?:{_ONE_DATE}|{_DAY}\b))?)"
    r"(?![\w-])"
)
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
                 "|hundred|hundreds|thousand|thousands|dozen|dozens|scores|first|second|third|fourth|fifth|sixth")
_HEDGE = (r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|less\s+than|fewer\s+than|at\s+least"
          r"|at\s+most|up\s+to|some|roughly|only|the)\s+)?")
_COUNT = Pattern(
    rf"\b{_HEDGE}(?:\d[\d,]*(?:\.\d+)?|(?:{_NUMBER_WORDS})\b)(?:\s+(?:million|billion|thousand|hundred|percent|per cent))?"
    r"(?:%|(?:\s+(?!(?:of|and|or|the|to|in|on|at|by|for|from|with|was|were|is|are|had|have|that|which|who)\b)"
    r"[A-Za-z][\w'’-]*){1,3})?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    """A date found in a text, where it stands."""

    start: int  # character span in the text searched
    end: int
    text: str


def dates_in(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group().strip()) for m in _DATE.finditer(text)]


def counts_in(text: str) -> list[Span]:
    """Numbers with their hedge and unit ("around 300 civilian men"); years and days of dates left out."""
    dates = dates_in(text)
    found = []
    for m in _COUNT.finditer(text):
        body = m.group().strip()
        end = m.start() + len(body)
        if any(d.start < end and m.start() < d.end for d in dates):
            continue
        found.append(Span(m.start(), end, body))
    return found


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# A month as written, full or cut short ("Sept", "Oct."), to its number.
MONTH_NUMBER = {**{m: i for i, m in enumerate(MONTHS, 1)}, **{m[:3]: i for i, m in enumerate(MONTHS, 1)},
                "sept": 9}


@dataclass(frozen=True, slots=True)
class When:
    """A calendar date as precise as it was written: a year, a month of a year, or a day."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def agrees_with(self, asked: When) -> bool:
        """Whether this date gives every part of `asked`, each the same (more precision is no error)."""
        return all(want is None or got == want for got, want in
                   ((self.year, asked.year), (self.month, asked.month), (self.day, asked.day)))


_M = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december" \
     r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[5-9]\d\d|20\d\d)"
_WRITTEN_DATES = [Pattern(p, re.IGNORECASE) for p in (
    rf"\b(?:the\s+)?{_D}(?:\s+of)?\s+{_M}(?:,?\s+(?:of\s+)?{_Y})?\b",  # 15th October 2017, the 20th of June, 2015
    rf"\b{_M}\s+(?:the\s+)?{_D}(?:,?\s+{_Y})?\b",  # Oct 31st 2016, March 18th, 2015, June 20
    rf"\b{_M},?\s+(?:of\s+)?{_Y}\b",  # December 2021, Jan 2012
    r"\b(?P<year>1[5-9]\d\d|20\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)\b",  # 2017-10-15
    rf"\b{_Y},?\s+{_M}(?:\s+{_D})?(?![\w])",  # 2011 October, 2017 Oct 15
)]
_NUMERIC_DATE = Pattern(r"\b([0-3]?\d)[/.-]([0-3]?\d)[/.-](\d{4}|\d\d)\b")  # 15/10/2017, either order
_NUMERIC_MONTH = Pattern(r"\b([01]?\d)[/.-](1[5-9]\d\d|20\d\d)\b")  # 12/2021


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in a text, where it stands, with what it can mean."""

    start: int
    end: int
    readings: tuple[When, ...]  # two when the day and month could be either way round (02/11/2016)


def _when(year: int | None, month: int | None, day: int | None) -> When | None:
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return When(year, month, day)


def written_dates(text: str) -> list[DateSpan]:
    """Dates with a month in them, in the forms people write ("15/10/2017", "Oct 15 2017", "12/2021").

    Where two readings overlap, the longer wins: "2017 Oct 15" is one date, not "Oct 15".
    """
    candidates: list[DateSpan] = []

    def add(start: int, end: int, readings: list[When | None]) -> None:
        kept = tuple(dict.fromkeys(r for r in readings if r is not None))
        if kept:
            candidates.append(DateSpan(start, end, kept))

    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = y if y >= 100 else 2000 + y if y < 50 else 1900 + y
        add(m.start(), m.end(), [_when(year, b, a), _when(year, a, b)])  # day first, as most of the world writes
    for m in _NUMERIC_MONTH.finditer(text):
        add(m.start(), m.end(), [_when(int(m.group(2)), int(m.group(1)), None)])
    for pattern in _WRITTEN_DATES:
        for m in pattern.finditer(text):
            month = m.group("month")
            number = int(month) if month.isdigit() else MONTH_NUMBER[month.casefold()]
            day = m.groupdict().get("day")
            year = m.groupdict().get("year")
            add(m.start(), m.end(), [_when(int(year) if year else None, number, int(day) if day else None)])
    found: list[DateSpan] = []
    for span in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
        if not any(f.start < span.end and span.start < f.end for f in found):
            found.append(span)
    return sorted(found, key=lambda s: s.start)
