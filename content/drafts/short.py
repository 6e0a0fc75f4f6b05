"""Short-answer drafts: who did it, where, what an acronym stands for, what else a thing is called."""

from __future__ import annotations

from collections.abc import Iterator

from content.drafts.asks import HOW_MANY, STAND_FOR, WHEN, Ask
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
        yield Draft(q, ask.worth, ask.line.index, frozenset({fact(ask.answer, ask.line.text)}), family(ask))


def family(ask: Ask) -> str:
    return "acronym" if ask.kind == STAND_FOR else ""


def _about(ask: Ask) -> str:
    if ask.person and ask.person.role:
        return f"{ask.person.name} is introduced as {a(ask.person.role)}."
    return ""
