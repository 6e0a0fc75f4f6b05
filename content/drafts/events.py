"""Dated events of the text, told short ("Marggraf synthesized the earth of alum", 1754), for order and
match drafts: one per clause that states a year, and named periods with their dates ("the Peninsular
War (1808–1814)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.drafts.clauses import clauses, lower_first, possessive_start
from content.drafts.common import sentence_case
from content.drafts.reading import LEANING, Line, Reading

MAX_WORDS = 9
_PERIOD = re.compile(r"((?:the\s+)?(?:[A-Z][\w'’-]*\s+)*(?:War|Revolution|Era|Rebellion|Revolt|Age|Reign|Crisis"
                     r"|Conflict|Uprising|dynasty|Dynasty)(?:\s+of\s+(?:[A-Z][\w'’-]*\s*)+)?)\s+\((\d{3,4})[–-](\d{2,4})\)")


@dataclass(frozen=True)
class Event:
    year: int
    text: str  # short, in the past tense
    quote: str  # verbatim
    line: Line
    who: str  # the person, when there is one
    period: bool = False  # a named period ("the Peninsular War"), dated by its start


def events(reading: Reading) -> list[Event]:
    out: list[Event] = []
    for line in reading.lines:
        if not line.usable:
            continue
        for m in _PERIOD.finditer(line.text):
            name = m.group(1).strip()
            out.append(Event(int(m.group(2)), sentence_case(name), line.text[m.start(1):m.end()], line, "", True))
        for clause in clauses(reading, line):
            if not clause.year or not clause.year.isdigit():
                continue
            if clause.person:
                who = clause.person.surname
            else:
                words = clause.subject.split()
                if len(words) > 4 or words[0].lower() in LEANING or possessive_start(clause.subject):
                    continue
                who = lower_first(clause.subject, reading)
            verb = clause.past() if clause.passive else clause.verb
            if not clause.object and not clause.tail:
                continue
            if clause.passive:
                if not clause.agent or not clause.person:
                    continue
                subject = lower_first(clause.subject, reading)
                text = f"{clause.person.surname} {verb} {subject}"
            else:
                text = " ".join(p for p in (who, verb, clause.object, clause.tail if not clause.object else "") if p)
            if len(text.split()) > MAX_WORDS or len(text.split()) < 3:
                continue
            out.append(Event(int(clause.year), sentence_case(text), clause.quote, line,
                             clause.person.name if clause.person else ""))
    return out
