"""Files written by the earlier schemas (m001, m002) open under the current one with nothing lost."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
import sqlite_utils

from progress.records import Kind, from_ms, to_ms
from progress.review import GOOD
from progress.schema import migrations
from progress.store import Store
from tests.progress.replay import replayed_memory

BANK = "mali"
UTC = timezone.utc
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Reviews' UUIDs are version 7: time-ordered, so they sort as the log does.
REVIEW_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# fsrs's initial difficulty after a first Good, with the default parameters.
GOOD_FIRST_DIFFICULTY = 2.118103970459016
NEW_CARD = {"state": 1, "step": 0, "stability": None, "difficulty": None, "due": None, "last_review": None,
            "reps": 0, "lapses": 0, "suspended": False, "leech": False}  # fmt: skip
# The card after a first Good at 2025-01-05 15:00, as fsrs schedules it.
LEARNING = {"state": 1, "step": 1, "stability": 2.3065, "difficulty": GOOD_FIRST_DIFFICULTY,
            "due": "2025-01-05T15:10:00.000000+00:00", "last_review": "2025-01-05T15:00:00.000000+00:00", "reps": 1,
            "lapses": 0, "suspended": False, "leech": False}  # fmt: skip
FITTED = [round(value * 1.1, 4) for value in fsrs.Scheduler().parameters]


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
        (1, "2025-01-05T15:00:00.000000+00:00", 3, 0, NEW_CARD),
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
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows] == [
            "m001_initial", "m002_compact_reviews", "m003_classes", "m004_outbox"
        ]  # fmt: skip
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
            (1, BANK, 3, "Ag Ghali", 4200), (2, BANK, 3, "Ag Ghali", 4200)
        ]  # fmt: skip
        assert reviews[1].reviewed_at == datetime(2025, 1, 6, 15, 0, 0, 123000, tzinfo=UTC)
        (started, ended) = store.db.conn.execute("SELECT started_at, ended_at FROM sessions").fetchone()
        assert (from_ms(started), from_ms(ended)) == (
            datetime(2025, 1, 6, 14, 55, tzinfo=UTC), datetime(2025, 1, 6, 15, 5, tzinfo=UTC)
        )  # fmt: skip

        undone = store.undo_last(ann.id, now=datetime(2025, 1, 6, 15, 1, tzinfo=UTC))

        assert undone is not None and undone.review_id == 2
        assert undone.card == store.card(ann.id, BANK, "q1")
        assert (undone.card.state, undone.card.step, undone.card.stability, undone.card.difficulty) == (
            fsrs.State.Learning, 1, 2.3065, GOOD_FIRST_DIFFICULTY
        )  # fmt: skip
        assert undone.card.due == datetime(2025, 1, 5, 15, 10, tzinfo=UTC)
        assert undone.card.last_review == datetime(2025, 1, 5, 15, tzinfo=UTC)
        assert (undone.card.reps, undone.card.lapses, undone.card.suspended) == (1, 0, False)
        # Undo wrote a row of its own: the answer it voids is still in the file, and no longer counts.
        assert [(entry.id, entry.kind, entry.target) for entry in store.log(undone.card)] == [
            (1, Kind.ANSWER, None), (2, Kind.ANSWER, None), (3, Kind.VOID, 2)
        ]  # fmt: skip
        assert [review.id for review in store.reviews(ann.id)] == [1]
        assert undone.card.memory == replayed_memory(store, undone.card)


def test_upgraded_learners_and_reviews_get_stable_keys_and_empty_profiles(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m001_database(path)

    with Store.open(path, tz=UTC) as store:
        [ann] = store.learners()
        assert UUID.match(ann.uuid)
        assert (ann.display_name, ann.email, ann.student_id, ann.topics, ann.extra_new) == ("", "", "", (), 0)
        reviews = list(store.reviews(ann.id))
        assert all(REVIEW_UUID.match(review.uuid) for review in reviews)
        assert sorted(review.uuid for review in reviews) == [review.uuid for review in reviews]
        # Answers logged before m003 do not know which version of their question they answered.
        assert [review.revision for review in reviews] == [None, None]
        assert store.scheduler(ann.scheduler_id).to_dict() == fsrs.Scheduler(enable_fuzzing=False).to_dict()


def m002_database(path: Path) -> None:
    """A file as the second schema wrote it: millisecond times, the pre-answer state in was_* columns.

    Its learner has a desired retention of 0.85 and fitted parameters; card q1
    has one answer (Good, new before it), as m002's record() wrote them.
    """
    db = sqlite_utils.Database(path)
    migrations().apply(db, stop_before="m003_classes")
    conn = db.conn
    at = to_ms(datetime(2025, 2, 3, 10, tzinfo=UTC))
    conn.execute(
        "INSERT INTO learners (id, name, created_at, desired_retention, parameters) VALUES (1, 'bea', ?, 0.85, ?)",
        (at, json.dumps(FITTED)),
    )
    scheduler = fsrs.Scheduler(parameters=FITTED, desired_retention=0.85, enable_fuzzing=False)
    after, _ = scheduler.review_card(fsrs.Card(card_id=1), fsrs.Rating.Good, from_ms(at))
    conn.execute(
        "INSERT INTO cards (id, learner_id, bank_id, question_id, passage, queue, state, step, stability, difficulty, "
        "due, last_review, reps, lapses) VALUES (1, 1, ?, 'q1', 'p1', 1, 1, 1, ?, ?, ?, ?, 1, 0)",
        (BANK, after.stability, after.difficulty, to_ms(after.due), at),
    )
    conn.execute(
        "INSERT INTO cards (id, learner_id, bank_id, question_id, passage, queue, state, step) "
        "VALUES (2, 1, ?, 'q2', 'p2', 0, 1, 0)",
        (BANK,),
    )
    conn.execute(
        "INSERT INTO reviews (id, learner_id, card_id, reviewed_at, rating, response, score, duration_ms, hinted, "
        "kind, was_state, was_step, was_stability, was_difficulty, was_due, was_last_review, was_reps, was_lapses, "
        "was_suspended, was_leech) VALUES (1, 1, 1, ?, 3, 'Bamako', 1.0, 3100, 0, 0, 1, 0, NULL, NULL, NULL, NULL, "
        "0, 0, 0, 0)",
        (at,),
    )
    conn.commit()
    db.close()


def test_an_m002_file_is_upgraded_keeping_its_learner_s_scheduler_for_replay(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m002_database(path)

    with Store.open(path, tz=UTC) as store:
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows][-1] == "m004_outbox"
        assert store.check() == []
        [bea] = store.learners()
        assert UUID.match(bea.uuid) and (bea.desired_retention, bea.parameters) == (0.85, tuple(FITTED))
        card = store.card(bea.id, BANK, "q1")
        assert card is not None and card.memory == replayed_memory(store, card)
        [logged] = store.log(card)
        assert store.scheduler(logged.scheduler_id).to_dict() == fsrs.Scheduler(
            parameters=FITTED, desired_retention=0.85, enable_fuzzing=False
        ).to_dict()
        at = datetime(2025, 2, 3, 10, tzinfo=UTC)
        assert store.stats_today(bea.id, BANK, at + timedelta(hours=1)).done_today == 1

        rerated = store.rerate(bea.id, logged.id, 1, now=at + timedelta(minutes=1))

        assert (rerated.card.step, rerated.card.due) == (0, at + timedelta(minutes=1))
        assert rerated.card.memory == replayed_memory(store, rerated.card)
        assert store.stats_today(bea.id, BANK, at + timedelta(hours=1)).done_today == 1
        [review] = store.reviews(bea.id)
        assert (review.id, review.rating, review.response) == (logged.id, 1, "Bamako")


@pytest.mark.parametrize("build", [m001_database, m002_database])
def test_an_upgraded_file_logs_new_answers_with_uuid_revision_and_the_learner_s_scheduler(tmp_path, build) -> None:
    path = tmp_path / "tutor.db"
    build(path)
    later = datetime(2025, 3, 1, 12, tzinfo=UTC)

    with Store.open(path, tz=UTC) as store:
        learner = store.last_learner()
        assert learner is not None
        answer = store.record(
            learner.id, BANK, "q2", rating=GOOD, revision="feedbeef0123", response="r", score=1.0, duration_ms=900,
            hinted=False, now=later,
        )  # fmt: skip
        [review] = [review for review in store.reviews(learner.id) if review.id == answer.review_id]
        assert REVIEW_UUID.match(review.uuid) and review.revision == "feedbeef0123"
        assert answer.card.memory == replayed_memory(store, answer.card)
        assert store.log(answer.card)[-1].scheduler_id == learner.scheduler_id
        assert store.check() == []


def test_an_upgraded_file_keeps_counting_the_day_and_recording(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m001_database(path)
    later = datetime(2025, 1, 6, 16, tzinfo=UTC)

    with Store.open(path, tz=UTC) as store:
        ann = store.last_learner()
        assert ann is not None
        assert store.stats_today(ann.id, BANK, later).done_today == 1
        answer = store.record(
            ann.id, BANK, "q2", rating=3, revision="0123456789ab", response="r", score=1.0, duration_ms=900,
            hinted=False, now=later + timedelta(days=1),
        )  # fmt: skip
        assert answer.card.reps == 1 and answer.card.last_review == later + timedelta(days=1)
        assert store.check() == []
