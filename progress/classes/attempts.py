"""The effective answers of a progress file, read in one pass for the class reports.

Effective as `Store.reviews` defines it: a voided answer is left out, a re-rated or
overridden one has its latest rating. One query over the answers and one over the
few corrections, streamed: a class of two million reviews is never held in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from progress import review
from progress.records import ENTRY_COLUMNS, entry_from_row


class Attempt(NamedTuple):
    """One effective answer, with what the class reports need of its card and learner.

    A named tuple: a class's millions are made one by one, and a tuple is made fastest.
    """

    id: int
    uuid: str
    learner_id: int
    bank_id: str
    question_id: str
    revision: str | None
    at_ms: int
    rating: int
    score: float
    response: str
    duration_ms: int
    hinted: int  # 1 if a hint was used, as stored
    was_queue: int  # the card's queue before the answer (records.QUEUE_*)
    overridden: bool


@dataclass(frozen=True, slots=True)
class Void:
    """An undo: the row that voided an answer, and the answer's UUID."""

    id: int
    uuid: str
    answer_uuid: str
    learner_id: int
    bank_id: str
    at_ms: int


_ATTEMPTS = (
    "SELECT r.id, r.uuid, r.learner_id, c.bank_id, c.question_id, r.revision, r.reviewed_at, r.rating, r.score, "
    "r.response, r.duration_ms, r.hinted, r.was_queue FROM reviews r JOIN cards c ON c.id = r.card_id "
    "WHERE r.kind = 'answer'{bank} ORDER BY r.learner_id, r.reviewed_at, r.id"
)


def corrections(conn: sqlite3.Connection) -> dict[int, review.Correction]:
    """What the log's corrections make of each corrected answer, by answer id."""
    rows = conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM reviews INDEXED BY reviews_target WHERE target IS NOT NULL ORDER BY id"
    )
    return review.corrections(entry_from_row(row) for row in rows)


def attempts(conn: sqlite3.Connection, bank_id: str | None = None, *, voided: bool = False) -> Iterator[Attempt]:
    """The effective answers (of one bank, or all), by learner then time; with `voided`, undone ones too."""
    fixes = corrections(conn)
    sql = _ATTEMPTS.format(bank=" AND c.bank_id = ?" if bank_id is not None else "")
    for row in conn.execute(sql, (bank_id,) if bank_id is not None else ()):
        fix = fixes.get(row[0])
        if fix is None:
            yield Attempt(*row, False)
        elif fix.rating is not None:
            yield Attempt(*row[:7], fix.rating, *row[8:], fix.overridden)
        elif voided:
            yield Attempt(*row, False)


def voids(conn: sqlite3.Connection, bank_id: str | None = None) -> Iterator[Void]:
    """The undos (of answers to one bank, or all), oldest first."""
    sql = (
        "SELECT v.id, v.uuid, a.uuid, v.learner_id, c.bank_id, v.reviewed_at FROM reviews v INDEXED BY reviews_target "
        "JOIN reviews a ON a.id = v.target JOIN cards c ON c.id = a.card_id WHERE v.target IS NOT NULL "
        "AND v.kind = 'void'"
    )
    args: tuple[object, ...] = ()
    if bank_id is not None:
        sql += " AND c.bank_id = ?"
        args = (bank_id,)
    for row in conn.execute(sql + " ORDER BY v.id", args):
        yield Void(*row)
