"""Short-answer drafts: who did it, where, what an acronym stands for, what else a thing is called."""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.drafts.asks import CALLED, HOW_MANY, STAND_FOR, WHEN, Ask
from content.drafts.common import Context, Draft, a, fact, slug
from content.drafts.explain import explain_for
from content.questions import Short


def drafts(ctx: Context, asked: list[Ask]) -> Iterator[Draft]:
    for ask in asked:
        if ask.kind in (WHEN, HOW_MANY):
            continue  # numbers are drafted as numeric questions
        explain = explain_for(ctx.reading, ask.line, ask.quote, ask.answer, _about(ask))
        if explain is None:
            continue
        q = Short(id=f"{slug(ask.answer)}-short", prompt=ask.prompt, answer=ask.answer, accept=list(ask.accept),
                  explain=explain, source=[ask.quote], topics=[ctx.topics[ask.line.index]], difficulty=2,
                  status="draft")
        yield Draft(q, ask.worth, ask.line.index, frozenset({fact(ask.answer, ask.line.text)}), family(ask, ctx))


def family(ask: Ask, ctx: Context) -> str:
    """The family a short answer's draft is kept to a share in: an acronym the text uses once is "acronym-once"
    (blind raters, rounds 6-9: the 4 of 11 acronym questions rated usable were on one the text goes on using,
    VEI, IOD, IUPAC, ICJ; the 5 rated unusable, on one it writes once, GBRMPA, NHS, EPICA ...)."""
    if ask.kind == STAND_FOR:
        acronym = re.match(r"What does (\S+) stand for\?", ask.prompt)
        used = len(re.findall(rf"(?<![\w-]){re.escape(acronym.group(1))}(?![\w-])", ctx.reading.material.text)) \
            if acronym else 0
        return "acronym" if used >= 2 else "acronym-once"
    return "called" if ask.kind == CALLED else ""


def _about(ask: Ask) -> str:
    if ask.person and ask.person.role:
        return f"{ask.person.name} is introduced as {a(ask.person.role)}."
    return ""
