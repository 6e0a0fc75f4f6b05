"""Match drafts: people with what the text says they did (in time order in the explanation)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from content.drafts.common import Context, Draft, fact, slug
from content.drafts.events import Event
from content.matching import normalize
from content.questions import Pairs

PAIRS = 4


def drafts(ctx: Context, dated: list[Event]) -> Iterator[Draft]:
    # No "Match each abbreviation to what it stands for": blind raters found every one unusable (the initials
    # give the pairs away); an acronym is asked on its own, "What does ECB stand for?".
    years = {e.quote: e.year for e in dated}
    deeds = _distinct([(e.who.split()[-1] if e.who else "", _deed(e), e.quote, e.line.index) for e in dated
                       if e.who and not e.period and len(_deed(e).split()) >= 2])
    by_person: dict[str, tuple[str, str, str, int]] = {}
    for d in deeds:
        by_person.setdefault(d[0], d)
    people = list(by_person.values())
    for k in range(0, len(people) - 2, PAIRS):
        chosen = people[k:k + PAIRS]
        if len(chosen) >= 3:
            draft = _draft(ctx, "Match each person to what the text says they did.", chosen, "deeds", 3.0)
            draft.question = replace(draft.question, explain="In time order: " + ", ".join(
                f"{r[0]} ({years[r[2]]})" for r in sorted(chosen, key=lambda r: years[r[2]])) + ".")
            people = [e.who for e in dated if e.quote in {r[2] for r in chosen}]
            draft.facts = draft.facts | {fact(p, e.line.text) for p in people for e in dated if e.who == p}
            yield draft


def _deed(e: Event) -> str:
    """What the person did, without their name: "Marggraf synthesized the earth of alum" -> "synthesized ..."."""
    surname = e.who.split()[-1]
    return e.text[len(surname):].strip() if e.text.startswith(surname) else ""


def _distinct(rows: list[tuple[str, str, str, int]]) -> list[tuple[str, str, str, int]]:
    seen_left, seen_right, out = set(), set(), []
    for row in rows:
        left, right = normalize(row[0]), normalize(row[1])
        if left and right and left not in seen_left and right not in seen_right:
            seen_left.add(left)
            seen_right.add(right)
            out.append(row)
    return out


def _draft(ctx: Context, prompt: str, rows: list[tuple[str, str, str, int]], what: str, score: float) -> Draft:
    first = min(r[3] for r in rows)
    q = Pairs(id=f"{slug(what + ' ' + rows[0][0])}-match", prompt=prompt, pairs={r[0]: r[1] for r in rows},
              explain=_explain(rows), source=[r[2] for r in rows], topics=[ctx.topics[first]], difficulty=2,
              status="draft")
    # Each pair asks what a name stands for or did, as a short answer on its sentence would.
    return Draft(q, score, first, frozenset(fact(r[1], ctx.reading.line(r[3]).text) for r in rows))


def _explain(rows: list[tuple[str, str, str, int]]) -> str:
    return "In the order the text gives them: " + ", ".join(r[0] for r in sorted(rows, key=lambda r: r[3])) + "."
