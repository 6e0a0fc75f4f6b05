"""Select-all drafts: the members of a list the text gives ("Common ices are water, methane, and ammonia"),
or the people it introduces in one role ("German chemists"), among others of the same kind from the text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from content.drafts import distractors
from content.drafts.common import Context, Draft, fact, slug
from content.drafts.explain import explain_for
from content.drafts.reading import NATIONALITY
from content.drafts.terms import Listing
from content.questions import Multi

MAX_RIGHT = 3


def drafts(ctx: Context, lists: list[Listing]) -> Iterator[Draft]:
    yield from _from_lists(ctx, lists)
    yield from _from_roles(ctx)


def _from_lists(ctx: Context, lists: list[Listing]) -> Iterator[Draft]:
    reading = ctx.reading
    for listing in lists:
        right = list(listing.items[:MAX_RIGHT])
        wrong = wrong_items(ctx, listing, lists)
        if len(wrong) < 2:
            continue
        prompt = f"Which of these does the text list as {head_as_said(ctx, listing.head)}? Select all that apply."
        explain = explain_for(reading, listing.line, listing.quote, right[0],
                              f"The text lists {len(listing.items)} of them: {', '.join(listing.items)}.") or ""
        q = Multi(id=f"{slug(listing.head)}-multi", prompt=prompt, answers=right, options=wrong, explain=explain,
                  source=[listing.quote], topics=[ctx.topics[listing.line.index]], difficulty=2, status="draft")
        yield Draft(q, 2.9, listing.line.index, frozenset({fact(f"list {listing.head}", listing.line.text)}))


def _from_roles(ctx: Context) -> Iterator[Draft]:
    reading = ctx.reading
    groups: dict[str, list] = defaultdict(list)
    for p in reading.persons.values():
        words = p.role.split()
        if len(words) == 2 and NATIONALITY.match(words[0]) and words[1].islower():
            groups[p.role].append(p)
    for role, people in sorted(groups.items()):
        noun = role.split()[1]
        others = [p for r, ps in sorted(groups.items()) if r != role and r.split()[1] == noun for p in ps]
        if len(people) < 2 or len(others) < 2:
            continue
        step = max(1, len(people) // MAX_RIGHT)
        right = people[::step][:MAX_RIGHT]
        wrong = others[::max(1, len(others) // 3)][:3]
        if len(wrong) < 2:
            continue
        plural = noun + ("es" if noun.endswith(("s", "ch", "sh")) else "s")
        nationality = role.split()[0]
        prompt = f"Which of these people does the text introduce as {nationality} {plural}? Select all that apply."
        first = next(x for x in reading.lines if x.index == right[0].sentence)
        explain = "The others: " + "; ".join(f"{p.name}, {_a(p.role)} {p.role}" for p in wrong) + "."
        q = Multi(id=f"{slug(role)}-multi", prompt=prompt, answers=[p.name for p in right],
                  options=[p.name for p in wrong], explain=explain, source=[p.quote for p in right],
                  topics=[ctx.topics[first.index]], difficulty=2, status="draft")
        yield Draft(q, 2.3, first.index, frozenset({fact(f"role group {role}", "")}), "role")


def _a(role: str) -> str:
    return "an" if role[:1].upper() in "AEIOU" else "a"


def wrong_items(ctx: Context, listing: Listing, lists: list[Listing]) -> list[str]:
    """Things of the list's kind that it does not name: places for a list of places, people for people,
    else the items of the text's other lists."""
    reading = ctx.reading
    capital = listing.items[0][0].isupper()
    names = [i for i in listing.items if i in reading.places]
    if capital and 2 * len(names) >= len(listing.items):
        pool = sorted(reading.places | {i for other in lists for i in other.items if i[0].isupper()})
    elif capital and all(reading.person(i) for i in listing.items):
        pool = sorted(p.name for p in reading.persons.values())
    elif capital:
        pool = sorted({i for other in lists if other is not listing for i in other.items if i[0].isupper()})
    else:
        return []  # the items of other lists in lower case are of other kinds ("proliferation" among diseases)
    return distractors.others(listing.items[0], [p for p in pool if p not in listing.items], listing.line, count=3)


def head_as_said(ctx: Context, head: str) -> str:
    """A list's head as a question says it: "Common ices" -> "common ices", "next most ..." -> "the next most ..."."""
    first = head.split()[0]
    if first[0].isupper() and first not in ctx.reading.capitalized:
        head = head[0].lower() + head[1:]
    if re.match(r"(?:next|most|main|largest|smallest|first|last|only)\b", head):
        head = "the " + head
    return head
