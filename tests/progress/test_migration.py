"""A progress file written by the first schema (m001) opens under the current one with nothing lost."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import sqlite_utils

from progress.store import Store, from_ms, migrations

BANK = "mali"
UTC = timezone.utc
NEW_CARD = {"state": 1, "step": 0, "stability": None, "difficulty": None, "due": None, "last_review": None,
            "reps": 0, "lapses": 0, "suspended": False, "leech": False}  # fmt: skip
LEARNING = {"state": 1, "step": 1, "stability": 2.3065, "difficulty": 5.1, "due": "2025-01-05T15:10:00.000000+00:00",
            "last_review": "2025-01-05T15:00:00.000000+00:00", "reps": 1, "lapses": 0, "suspended": False,
            "leech": False}  # fmt: skip


def m001_database(path: Path) -> None:
    """A file as the first schema wrote it: ISO text times, the pre-answer state as JSON."""
    db = sqlite_utils.Database(path)
    migrations().apply(db, stop_before="m002_compact_reviews")
    conn = db.conn
    conn.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'ann', '2025-01-01T08:00:00.000000+00:00')")
    conn.execute(
        "INSERT INTO cards (id, learner_id, bank_id, question_id, passage, queue, state, step, stability, difficulty, "
        "due, last_review, reps, lapses) VALUES (1, 1, ?, 'q1', 'p1', 2, 2, NULL, 12.25, 5.5, "
        "'2025-01-18T15:00:00.123456+00:00', '2025-01-06T15:00:00.123456+00:00', 2, 0)",
        (BANK,),
    )
    conn.execute(
        "INSERT INTO cards (id, learner_id, bank_id, question_id, passage, queue, state, step, buried_until) "
        "VALUES (2, 1, ?, 'q2', 'p2', 0, 1, 0, '2025-01-07T09:00:00.000000+00:00')",
        (BANK,),
    )
    for review_id, at, rating, kind, before in (
        (1, "2025-01-05T15:00:00.000000+00:00", 1, 0, NEW_CARD),
        (2, "2025-01-06T15:00:00.123456+00:00", 3, 1, LEARNING),
    ):
        conn.execute(
            "INSERT INTO reviews (id, learner_id, card_id, bank_id, reviewed_at, rating, response, score, "
            "duration_ms, hinted, kind, before) VALUES (?, 1, 1, ?, ?, ?, 'Ag Ghali', 1.0, 4200, 0, ?, ?)",
            (review_id, BANK, at, rating, kind, json.dumps(before)),
        )
    conn.execute(
        "INSERT INTO sessions (learner_id, bank_id, started_at, ended_at) VALUES "
        "(1, ?, '2025-01-06T14:55:00.000000+00:00', '2025-01-06T15:05:00.000000+00:00')",
        (BANK,),
    )
    conn.commit()
    db.close()


def test_an_m001_file_is_upgraded_keeping_cards_reviews_sessions_and_undo(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m001_database(path)

    with Store.open(path, tz=UTC) as store:
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows] == ["m001_initial", "m002_compact_reviews"]
        assert store.check() == []
        [ann] = store.learners()
        studied = store.card(ann.id, BANK, "q1")
        assert studied is not None
        assert (studied.state, studied.stability, studied.difficulty, studied.reps) == (fsrs.State.Review, 12.25, 5.5, 2)
        # Sub-millisecond digits are cut, as the store now cuts every time it is given.
        assert studied.due == datetime(2025, 1, 18, 15, 0, 0, 123000, tzinfo=UTC)
        assert studied.last_review == datetime(2025, 1, 6, 15, 0, 0, 123000, tzinfo=UTC)
        new = store.card(ann.id, BANK, "q2")
        assert new is not None and new.buried_until == datetime(2025, 1, 7, 9, tzinfo=UTC)
        reviews = list(store.reviews(ann.id, BANK))
        assert [(r.id, r.bank_id, r.rating, r.response, r.duration_ms) for r in reviews] == [
            (1, BANK, 1, "Ag Ghali", 4200), (2, BANK, 3, "Ag Ghali", 4200)
        ]  # fmt: skip
        assert reviews[1].reviewed_at == datetime(2025, 1, 6, 15, 0, 0, 123000, tzinfo=UTC)
        (started, ended) = store.db.conn.execute("SELECT started_at, ended_at FROM sessions").fetchone()
        assert (from_ms(started), from_ms(ended)) == (
            datetime(2025, 1, 6, 14, 55, tzinfo=UTC), datetime(2025, 1, 6, 15, 5, tzinfo=UTC)
        )  # fmt: skip

        undone = store.undo_last(ann.id)

        assert undone is not None and undone.review_id == 2
        assert undone.card == store.card(ann.id, BANK, "q1")
        assert (undone.card.state, undone.card.step, undone.card.stability, undone.card.difficulty) == (
            fsrs.State.Learning, 1, 2.3065, 5.1
        )  # fmt: skip
        assert undone.card.due == datetime(2025, 1, 5, 15, 10, tzinfo=UTC)
        assert undone.card.last_review == datetime(2025, 1, 5, 15, tzinfo=UTC)
        assert (undone.card.reps, undone.card.lapses, undone.card.suspended) == (1, 0, False)


def test_an_upgraded_file_keeps_counting_the_day_and_recording(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m001_database(path)
    later = datetime(2025, 1, 6, 16, tzinfo=UTC)

    with Store.open(path, tz=UTC) as store:
        ann = store.last_learner()
        assert ann is not None
        assert store.stats_today(ann.id, BANK, later).done_today == 1
        answer = store.record(
            ann.id, BANK, "q2", rating=3, response="r", score=1.0, duration_ms=900, hinted=False,
            now=later + timedelta(days=1),
        )  # fmt: skip
        assert answer.card.reps == 1 and answer.card.last_review == later + timedelta(days=1)
        assert store.check() == []
