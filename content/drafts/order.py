"""Order drafts: three or four dated events of one section (or stretch of text), to put in time order;
or named periods by the year each began."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from content.drafts.common import Context, Draft, fact, slug
from content.drafts.events import Event
from content.matching import normalize
from content.questions import Item, Order

ITEMS = 4
# Without sections, events this many sentences apart or less make one group.
STRETCH = 40


def groups(ctx: Context, dated: list[Event]) -> list[list[Event]]:
    """Events by section (or stretch of text), each group's years distinct, in text order."""
    by: dict[tuple[str, int, bool], list[Event]] = defaultdict(list)
    for e in dated:
        where = e.line.section or ""
        stretch = 0 if where else e.line.index // STRETCH
        by[(where, stretch, e.period)].append(e)
    out = []
    for key in sorted(by, key=lambda k: by[k][0].line.index):
        seen_years, seen_texts, kept = set(), set(), []
        for e in by[key]:
            if e.year in seen_years or normalize(e.text) in seen_texts:
                continue
            seen_years.add(e.year)
            seen_texts.add(normalize(e.text))
            kept.append(e)
        if len(kept) >= 3:
            out.append(kept)
    return out


def drafts(ctx: Context, dated: list[Event]) -> Iterator[Draft]:
    for group in groups(ctx, dated):
        for part in range(0, len(group) // ITEMS + (1 if len(group) % ITEMS >= 3 else 0)):
            chosen = group[part * ITEMS:(part + 1) * ITEMS]
            if len(chosen) < 3:
                continue
            chosen = sorted(chosen, key=lambda e: e.year)
            period = chosen[0].period
            prompt = ("Put these periods in order of when they began, earliest first." if period
                      else "Put these events in order, earliest first.")
            explain = _explain(chosen)
            first = min(chosen, key=lambda e: e.line.index)
            q = Order(id=f"{slug(ctx.topics[first.line.index], 30)}-order", prompt=prompt,
                      items=[Item(e.text, e.quote) for e in chosen], explain=explain,
                      topics=[ctx.topics[first.line.index]], difficulty=2, status="draft")
            yield Draft(q, 3.0 if not period else 2.6, first.line.index,
                        frozenset({*(fact(f"order {e.text}", "") for e in chosen),
                                   *(fact(str(e.year), e.line.text) for e in chosen)}))


def _explain(chosen: list[Event]) -> str:
    """The dates, which the items leave out: "First came 1754 (Marggraf), last 1782 (Lavoisier)."."""
    def label(e: Event) -> str:
        return e.who.split()[-1] if e.who else " ".join(e.text.split()[:4])

    years = ", ".join(str(e.year) for e in chosen)
    return f"The years: {years}; {label(chosen[0])} first, {label(chosen[-1])} last."
