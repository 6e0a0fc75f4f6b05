"""A bank's syllabus (the order to introduce its questions in, and their topics) and a learner's scope in it.

A learner who studies by topic is asked only the questions of those topics, new and due alike. Topics
the bank does not have (renamed, or another course's) are ignored; when none is left, all topics are
studied. The queue and the day's figures read the same scope, so what is counted is what is asked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# A statement's clause keeping the cards a scope allows, given its :only (a JSON array of question ids).
IN_SCOPE = "AND question_id IN (SELECT value FROM json_each(:only))"


@dataclass(frozen=True)
class Scope:
    """The questions a learner's topics let the queue ask (None: every question), and as JSON for :only."""

    questions: frozenset[str] | None
    only: str | None
    ignored: tuple[str, ...]  # topics chosen that the bank does not have

    def clause(self) -> str:
        """IN_SCOPE when the scope keeps out some questions, else nothing."""
        return IN_SCOPE if self.only is not None else ""

    def allows(self, question_id: str) -> bool:
        return self.questions is None or question_id in self.questions


EVERYTHING = Scope(None, None, ())


class Syllabus:
    """A bank's questions in the order new cards are introduced, and each question's topics."""

    def __init__(self, order: Sequence[str], topics: Mapping[str, Sequence[str]]) -> None:
        self.rank = {question_id: n for n, question_id in enumerate(order)}
        self.topics = {question_id: frozenset(found) for question_id, found in topics.items()}
        self.known = frozenset(t for found in self.topics.values() for t in found)
        self._scopes: dict[tuple[str, ...], Scope] = {}

    def scope(self, topics: Sequence[str]) -> Scope:
        """The questions of `topics` (empty: all), topics the bank does not have left out and named."""
        key = tuple(topics)
        scope = self._scopes.get(key)
        if scope is None:
            kept = {t for t in key if t in self.known}
            ignored = tuple(t for t in key if t not in self.known)
            if kept:
                chosen = sorted(q for q, found in self.topics.items() if found & kept)
                scope = Scope(frozenset(chosen), json.dumps(chosen), ignored)
            else:
                scope = Scope(None, None, ignored)
            self._scopes[key] = scope
        return scope


def scope_of(syllabus: Syllabus | None, topics: Sequence[str]) -> Scope:
    """The syllabus' scope for `topics`; without a syllabus the queue knows no topics and asks everything."""
    return syllabus.scope(topics) if syllabus is not None else EVERYTHING
