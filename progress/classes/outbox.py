"""The xAPI outbox (schema m004): statements queued for a learning record store, and what it answered.

Queueing builds a statement for each answer not yet queued for that LRS, and a
voiding statement for each undo of an answer queued; each is checked
(see `validate`) and frozen as JSON text. Sending (see `sender`) posts pending rows
in order and marks them: sent, conflict or refused. A statement sent whose mark was
lost (a network error, a killed process) is sent again, the same text under the same
id, which the LRS acknowledges without storing it twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from progress.classes.attempts import attempts, voids
from progress.classes.classdb import transaction
from progress.classes.statements import CourseInfo, Naming, answered, voided
from progress.classes.validate import problems
from progress.records import LEARNER_COLUMNS, Learner, learner_from_row, to_ms


@dataclass
class Built:
    """Statements built for the outbox, and what was left out and why."""

    statements: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (review id, statement)
    skipped: Counter[str] = field(default_factory=Counter)
    invalid: list[str] = field(default_factory=list)  # the first problem of each invalid statement


@dataclass(frozen=True)
class Row:
    id: int
    statement_id: str
    text: str


def build_new(conn: sqlite3.Connection, lrs: str, courses: Mapping[str, CourseInfo], naming: Naming) -> Built:
    """The statements not yet queued for `lrs`: answers first, then voids, oldest first within each.

    Every answer is sent, an undone one too, and each undo as a statement voiding it: the LRS
    keeps the log as it happened, and xAPI readers leave voided statements out.
    """
    queued = {row[0] for row in conn.execute("SELECT statement_id FROM outbox WHERE lrs = ?", (lrs,))}
    learners: dict[int, Learner] = {
        row[0]: learner_from_row(row) for row in conn.execute(f"SELECT {LEARNER_COLUMNS} FROM learners")
    }
    built = Built()
    answers = sorted((a for a in attempts(conn, voided=True) if a.uuid not in queued),
                     key=lambda a: (a.at_ms, a.id))
    for attempt in answers:
        course = courses.get(attempt.bank_id)
        if course is None:
            built.skipped[f"answers in {attempt.bank_id!r}, a course not given"] += 1
            continue
        statement = answered(attempt, learners[attempt.learner_id], course, naming)
        if statement is None:
            built.skipped[f"answers to questions no longer in {course.id!r}"] += 1
            continue
        _add(built, attempt.id, statement)
    now_queued = queued | {statement["id"] for _, statement in built.statements}
    for void in voids(conn):
        if void.answer_uuid in now_queued and void.uuid not in queued:
            _add(built, void.id, voided(void, learners[void.learner_id], naming))
    return built


def _add(built: Built, review_id: int, statement: dict[str, Any]) -> None:
    wrong = problems(statement)
    if wrong:
        built.invalid.append(f"statement {statement['id']}: {wrong[0]}")
    else:
        built.statements.append((review_id, statement))


def queue(conn: sqlite3.Connection, lrs: str, built: Built, now: datetime) -> int:
    """Add the built statements to the outbox as pending, frozen as JSON text; returns how many."""
    rows = [
        (lrs, statement["id"], review_id, json.dumps(statement, ensure_ascii=False, separators=(",", ":")), to_ms(now))
        for review_id, statement in built.statements
    ]
    with transaction(conn):
        conn.executemany(
            "INSERT INTO outbox (lrs, statement_id, review_id, statement, queued_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (lrs, statement_id) DO NOTHING",
            rows,
        )
    return len(rows)


def pending(conn: sqlite3.Connection, lrs: str, limit: int, after: int = 0) -> list[Row]:
    """The next pending statements for `lrs`, in the order queued."""
    return [
        Row(*row)
        for row in conn.execute(
            "SELECT id, statement_id, statement FROM outbox INDEXED BY outbox_pending "
            "WHERE lrs = ? AND state = 'pending' AND id > ? ORDER BY id LIMIT ?",
            (lrs, after, limit),
        )
    ]


def mark(conn: sqlite3.Connection, rows: list[Row], state: str, now: datetime, reason: str | None = None) -> None:
    """Record what the LRS answered for these rows."""
    with transaction(conn):
        conn.executemany(
            "UPDATE outbox SET state = ?, reason = ?, sent_at = ? WHERE id = ?",
            [(state, reason, to_ms(now), row.id) for row in rows],
        )


def counts(conn: sqlite3.Connection, lrs: str) -> dict[str, int]:
    """The outbox's rows for `lrs` by state."""
    return dict(conn.execute("SELECT state, count(*) FROM outbox WHERE lrs = ? GROUP BY state", (lrs,)).fetchall())


def pending_texts(conn: sqlite3.Connection, lrs: str) -> Iterator[str]:
    for (text,) in conn.execute(
        "SELECT statement FROM outbox WHERE lrs = ? AND state = 'pending' ORDER BY id", (lrs,)
    ):
        yield text
