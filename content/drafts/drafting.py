"""Drafting a bank from any material: every kind's candidates, then the best of them kept (see `select`)."""

from __future__ import annotations

from collections.abc import Sequence

from content.drafts import choice, cloze, match, multi, numeric, order, short, truefalse
from content.drafts.asks import asks
from content.drafts.common import Context, Draft
from content.drafts.events import events
from content.drafts.reading import Reading, read
from content.drafts.select import WEIGHTS, select
from content.drafts.terms import Term, acronyms, aliases, called, listings
from content.material import Material
from content.questions import Question

TYPES = tuple(WEIGHTS)
# One draft for so many words of text, within these bounds.
WORDS_PER_DRAFT = 120
MIN_COUNT, MAX_COUNT = 3, 80


def default_count(reading: Reading) -> int:
    return max(MIN_COUNT, min(MAX_COUNT, round(reading.word_count / WORDS_PER_DRAFT)))


def candidates(reading: Reading) -> list[Draft]:
    """Every draft the rules find in the material, before any is chosen."""
    ctx = Context.of(reading)
    terms = _distinct_terms([*acronyms(reading), *aliases(reading), *called(reading)])
    asked = list(asks(ctx, terms))
    dated = events(reading)
    return [*cloze.drafts(ctx, terms), *short.drafts(ctx, asked), *choice.drafts(ctx, asked),
            *numeric.drafts(ctx, asked), *truefalse.drafts(ctx), *multi.drafts(ctx, listings(reading)),
            *order.drafts(ctx, dated), *match.drafts(ctx, terms, dated)]


def draft(material: Material, count: int | None = None, types: Sequence[str] = TYPES) -> list[Question]:
    """Draft questions (status "draft") from a material: `count` of them (by default one per
    WORDS_PER_DRAFT words), of the given types, spread over the text."""
    reading = read(material)
    wanted = default_count(reading) if count is None else count
    return [d.question for d in select(candidates(reading), wanted, types, len(reading.material.sentences))]


def _distinct_terms(terms: list[Term]) -> list[Term]:
    seen, out = set(), []
    for t in terms:
        key = (t.kind, t.term.lower(), t.meaning.lower())
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
