"""Drafting a bank from any material: every kind's candidates, then the best of them kept (see `select`)."""

from __future__ import annotations

from collections.abc import Sequence

from content.drafts import choice, cloze, match, multi, numeric, order, short, truefalse
from content.drafts.asks import asks
from content.drafts.common import Context, Draft, restates
from content.drafts.events import events
from content.drafts.gate import filled, flaw, shown, unnamed
from content.drafts.reading import Reading, read
from content.drafts.select import WEIGHTS, select
from content.drafts.terms import Term, acronyms, aliases, called, listings
from content.material import Material
from content.matching import normalize
from content.questions import Question
from content.text.words import terms as content_terms

TYPES = tuple(WEIGHTS)
# What a draft asks for when no types are given: not the kinds blind raters almost never found usable (rounds
# 6-9: true/false 0 of 5, match 0 of 2, short "What was X called?" 0 of 8, what an acronym the text writes once
# stands for 0 of 6), which `types` still asks for by name.
# After round 10: no choice (1 of 16 usable over rounds 6-10, all 3 of round 10 unusable: options of another kind
# than the answer, one option that fits the initials, near-identical years) and no blank on a count (3 of 27).
DEFAULT_TYPES = tuple(t for t in TYPES if t not in ("truefalse", "match", "choice"))
OFF_BY_DEFAULT = frozenset({"acronym-once", "called", "count"})
# One draft for so many words of text, within these bounds.
WORDS_PER_DRAFT = 130
MIN_COUNT, MAX_COUNT = 3, 80


def default_count(reading: Reading) -> int:
    return max(MIN_COUNT, min(MAX_COUNT, round(reading.word_count / WORDS_PER_DRAFT)))


def candidates(reading: Reading) -> list[Draft]:
    """Every draft the rules find in the material, before any is chosen."""
    ctx = Context.of(reading)
    terms = _distinct_terms([*acronyms(reading), *aliases(reading), *called(reading)])
    asked = list(asks(ctx, terms))
    dated = events(reading)
    lists = listings(reading)
    # A blank offered as a choice must first pass as a blank: its "Choose the missing ...:" would hide an opening
    # that leans on the text before from the gate.
    blanks = [d for d in cloze.drafts(ctx, terms) if passes(d.question, ctx)]
    found = [*blanks, *short.drafts(ctx, asked), *choice.drafts(ctx, asked), *choice.from_blanks(ctx, blanks),
             *numeric.drafts(ctx, asked), *truefalse.drafts(ctx, lists), *multi.drafts(ctx, lists),
             *order.drafts(ctx, dated), *match.drafts(ctx, dated)]
    return [d for d in found if passes(d.question, ctx)]


def passes(q: Question, ctx: Context) -> bool:
    """Whether a draft passes what `tutor bank check` checks, warnings included (but its draft status)."""
    material = ctx.reading.material
    quoted = []
    for cited in q.cited():
        passage = material.find(cited.quote)
        if passage is None:
            return False
        quoted.append(material.text[passage.start:passage.end])
    source = normalize(" ".join(quoted)) if quoted else None
    if not quoted or not q.topics or q.lint(source):
        return False
    if _the_topic(q, material):
        return False
    explain = normalize(q.explain)
    if not explain or explain in {normalize(q.answer_text()), normalize(q.prompt)} or restates(q.explain, " ".join(quoted)):
        return False
    data = q.to_data()
    if any(unnamed(filled(text, data), ctx.heads, ctx.shared_heads) for text in shown(data)):
        return False
    return not ctx.copies.copied(q.prompt) and flaw(data, lambda name: ctx.reading.person(name) is not None) is None


def _the_topic(q: Question, material: Material) -> bool:
    """Whether the draft asks what the whole text is about (its title's words): "What is the group of
    citizens called?" -> jury, in a text on juries, asks nothing a reader of its title does not know."""
    if not material.title:
        return False
    title = set(content_terms(material.title))
    answers = [set(content_terms(a)) for a in q.answer_terms()]
    return bool(title) and any(a and a <= title for a in answers)


def draft(material: Material, count: int | None = None, types: Sequence[str] | None = None) -> list[Question]:
    """Draft questions (status "draft") from a material: `count` of them (by default one per
    WORDS_PER_DRAFT words), of the given types (by default DEFAULT_TYPES, without the OFF_BY_DEFAULT
    families), spread over the text."""
    reading = read(material)
    wanted = default_count(reading) if count is None else count
    found = candidates(reading)
    if types is None:
        types = DEFAULT_TYPES
        found = [d for d in found if d.family not in OFF_BY_DEFAULT]
    return [d.question for d in select(found, wanted, types, len(reading.material.sentences))]


def _distinct_terms(terms: list[Term]) -> list[Term]:
    seen, out = set(), []
    for t in terms:
        key = (t.kind, t.term.lower(), t.meaning.lower())
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
