"""The order in which a learner first meets a course's questions: spread over its topics and its paragraphs.

The topics take turns (in the order the material first reaches them); at its turn a topic gives its
first question, in material order, from the paragraph the order has drawn on least so far. So the
first cards visit every topic and one paragraph after another, and within a topic each pass over the
material goes front to back: what a paragraph builds on comes first. A bank without topics takes turns
over bands of neighbouring paragraphs instead. The order is the same for every learner.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from content.course import Course


@dataclass(frozen=True, slots=True)
class Item:
    """A question as the order sees it: where it stands in the material and the groups that take turns."""

    id: str
    paragraph: int
    position: tuple[int, int]  # (first sentence cited, place in the bank): material order, then the author's
    groups: tuple[Hashable, ...]


def study_order(course: Course) -> list[str]:
    """The course's question ids in the order new cards are introduced."""
    return interleave(items(course))


def items(course: Course) -> list[Item]:
    """The bank's questions with their place in the material and their topics (or paragraph bands)."""
    material = course.material
    sentence = 0  # a question citing nothing stands where the author put it: after the one before it
    placed = []
    first = course.first_passages
    for index, question in enumerate(course.bank.questions):
        cited = first[question.id]
        if cited is not None:
            sentence = cited.sentences[0]
        placed.append((question, material.sentences[sentence].paragraph if material.sentences else 0,
                       (sentence, index)))
    if any(question.topics for question in course.bank.questions):
        return [Item(q.id, paragraph, position, tuple(("topic", t) for t in q.topics) or (("topic", None),))
                for q, paragraph, position in placed]
    bands = _bands(sorted({paragraph for _, paragraph, _ in placed}))
    return [Item(q.id, paragraph, position, (("band", bands[paragraph]),)) for q, paragraph, position in placed]


def interleave(questions: Sequence[Item]) -> list[str]:
    """Ids in turn order: each group at its turn gives its earliest question from the least drawn-on paragraph."""
    members: dict[Hashable, list[tuple[int, tuple[int, int], int]]] = {}
    ordered = sorted(range(len(questions)), key=lambda n: questions[n].position)
    for n in ordered:  # groups take turns in the order the material first reaches them
        for group in questions[n].groups:
            members.setdefault(group, []).append((0, questions[n].position, n))
    heaps = list(members.values())  # already heaps: sorted, all drawn on 0 times
    drawn: Counter[int] = Counter()
    taken: set[int] = set()
    order: list[str] = []
    while heaps:
        for heap in heaps:
            while heap:
                seen, position, n = heap[0]
                if n in taken:
                    heapq.heappop(heap)
                elif drawn[questions[n].paragraph] != seen:  # its paragraph was drawn on since: requeue
                    heapq.heapreplace(heap, (drawn[questions[n].paragraph], position, n))
                else:
                    heapq.heappop(heap)
                    taken.add(n)
                    drawn[questions[n].paragraph] += 1
                    order.append(questions[n].id)
                    break
        heaps = [heap for heap in heaps if heap]
    return order


def _bands(paragraphs: list[int]) -> dict[int, int]:
    """Paragraph -> band: about the square root of their number of bands of neighbouring paragraphs."""
    count = max(1, math.isqrt(len(paragraphs) - 1) + 1) if paragraphs else 1
    return {p: i * count // len(paragraphs) for i, p in enumerate(paragraphs)}
