"""The review log exported: one row per effective answer, as CSV or JSON lines.

Columns: learner_uuid, learner, course, question_id, revision, time (ISO 8601, UTC),
rating, score, response, duration_ms, overridden. Effective answers only: an undone
answer is left out, a re-rated or overridden one has its latest rating. CSV cells are
neutralised against formula injection (see `cells`); JSON lines carry the values as
they are.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import IO

from progress.classes.attempts import attempts
from progress.classes.cells import write_csv
from progress.classes.statements import iso_time

COLUMNS = ("learner_uuid", "learner", "course", "question_id", "revision", "time", "rating", "score", "response",
           "duration_ms", "overridden")  # fmt: skip


def records(conn: sqlite3.Connection) -> Iterator[dict[str, object]]:
    """Every effective answer, by learner then time, under COLUMNS."""
    learners = dict(
        (row[0], (row[1], row[2])) for row in conn.execute("SELECT id, uuid, name FROM learners")
    )
    for a in attempts(conn):
        uuid, name = learners[a.learner_id]
        yield {
            "learner_uuid": uuid, "learner": name, "course": a.bank_id, "question_id": a.question_id,
            "revision": a.revision, "time": iso_time(a.at_ms), "rating": a.rating, "score": a.score,
            "response": a.response, "duration_ms": a.duration_ms, "overridden": a.overridden,
        }  # fmt: skip


def write_csv_export(conn: sqlite3.Connection, out: IO[str]) -> int:
    count = 0

    def rows() -> Iterator[list[object]]:
        nonlocal count
        yield list(COLUMNS)
        for record in records(conn):
            count += 1
            yield [str(record["overridden"]).lower() if k == "overridden" else record[k] for k in COLUMNS]

    write_csv(out, rows())
    return count


def write_jsonl_export(conn: sqlite3.Connection, out: IO[str]) -> int:
    count = 0
    for record in records(conn):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


FORMATS: dict[str, Callable[[sqlite3.Connection, IO[str]], int]] = {
    "csv": write_csv_export,
    "jsonl": write_jsonl_export,
}
