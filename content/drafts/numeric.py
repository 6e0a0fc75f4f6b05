"""Numeric drafts: the year a thing happened, how many there were."""

from __future__ import annotations

from collections.abc import Iterator

from content.drafts.asks import HOW_MANY, WHEN, Ask
from content.drafts.common import Context, Draft, fact, slug
from content.drafts.explain import explain_for
from content.questions import Numeric


def drafts(ctx: Context, asked: list[Ask]) -> Iterator[Draft]:
    for ask in asked:
        if ask.kind not in (WHEN, HOW_MANY) or ask.value is None:
            continue
        # A hedged count ("around 300") is right within a tenth either way.
        tolerance = round(ask.value * 0.1) if ask.hedged and ask.value >= 20 else 0.0
        explain = explain_for(ctx.reading, ask.line, ask.quote, ask.answer)
        if explain is None:
            continue
        q = Numeric(id=f"{slug(ask.answer)}-numeric", prompt=ask.prompt, answer=ask.value, tolerance=tolerance,
                    explain=explain, source=[ask.quote], topics=[ctx.topics[ask.line.index]],
                    difficulty=2 if ask.kind == WHEN else 1, status="draft")
        yield Draft(q, ask.worth, ask.line.index, frozenset({fact(ask.answer, ask.line.text)}))
