"""Dates and counts as prose writes them ("late March 2022", "around 300 civilian men")."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
MONTH_WORD = re.compile(MONTH + "$")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)s?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_QUALIFIER = (r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)\s+of)"
              r"[\s-]+)?")
_ONE_DATE = (rf"{_QUALIFIER}(?:{_DAY}\s+{MONTH}(?:,?\s+{_YEAR})?|{MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!\s*{MONTH})"
             rf"|{MONTH}(?:\s+{_YEAR})?|{_YEAR})")
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


@dataclass(frozen=True, slots=True)
class Span:
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
