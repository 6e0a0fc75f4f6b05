"""Files written by the earlier schemas (m001, m002) open under the current one with nothing lost."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress import review, schema
from progress.records import ENTRY_COLUMNS, Kind, entry_from_row, from_ms, queue_of, review_uuid, to_ms
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
            "m001_initial", "m002_compact_reviews", "m003_classes", "m004_outbox", "m005_intervals", "m006_quarters",
            "m007_folded_quarters",
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
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows][-1] == "m007_folded_quarters"
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


# m005: each answer's interval ####################################################

DAY = timedelta(days=1)


def m004_database(path: Path) -> dict[int, int | None]:
    """A file as m004 wrote it, no interval logged, and the interval each row gets, by hand (None: none).

    The rows are those record, undo, rerate and override wrote (times UTC, 2025):

    q1  01-01 10:00 Good   new                                   none
        01-01 10:10 Good   learning, 10 minutes after            0 days
        01-04 10:10 Good   review, 3 days after                  3
        02-10 09:00 Again  review, 36 days 22:50 after: a lapse  36
        02-10 09:10 Good   relearning, 10 minutes after          0
    q2  01-02 10:00 Good   new                                   none
        01-05 10:00 Again  3 days after, undone at 10:01         3
        01-30 10:00 Good   28 days after 01-02 (01-05 undone)    28, re-rated Hard at 10:01
        02-01 12:00 Good   2 days 2:00 after 01-30               2, overridden at 12:01
    q3  02-20 10:00 Good   new                                   none
        02-21 10:00 Good   1 day after                           1, undone at 10:01, then 02-20 undone at 10:02
        02-25 10:00 Good   new again: no answer before counts    none

    The corrections are no answers: they get none.
    """
    db = sqlite_utils.Database(path)
    migrations().apply(db, stop_before="m005_intervals")
    conn = db.conn
    settings = schema.scheduler_json(review.scheduler_for(review.DEFAULT_RETENTION))
    conn.execute("INSERT INTO schedulers (id, settings) VALUES (1, ?)", (settings,))
    conn.execute(
        "INSERT INTO learners (id, name, created_at, uuid, scheduler_id) VALUES (1, 'cy', ?, ?, 1)",
        (to_ms(datetime(2025, 1, 1, tzinfo=UTC)), "5f0c6a52-3c57-4c31-9a53-1b1b3c1ad7a0"),
    )
    for card_id in (1, 2, 3):
        conn.execute(
            "INSERT INTO cards (id, learner_id, bank_id, question_id, passage, queue, state, step) "
            "VALUES (?, 1, ?, ?, ?, 0, 1, 0)",
            (card_id, BANK, f"q{card_id}", f"p{card_id}"),
        )
    answers: list[tuple[int, int, datetime, int, int, int | None]] = [
        # (row id, card, time, rating, queue before, interval)
        (1, 1, datetime(2025, 1, 1, 10, tzinfo=UTC), 3, 0, None),
        (2, 1, datetime(2025, 1, 1, 10, 10, tzinfo=UTC), 3, 1, 0),
        (3, 2, datetime(2025, 1, 2, 10, tzinfo=UTC), 3, 0, None),
        (4, 1, datetime(2025, 1, 4, 10, 10, tzinfo=UTC), 3, 2, 3),
        (5, 2, datetime(2025, 1, 5, 10, tzinfo=UTC), 1, 1, 3),
        (7, 2, datetime(2025, 1, 30, 10, tzinfo=UTC), 3, 1, 28),
        (9, 2, datetime(2025, 2, 1, 12, tzinfo=UTC), 3, 2, 2),
        (11, 1, datetime(2025, 2, 10, 9, tzinfo=UTC), 1, 2, 36),
        (12, 1, datetime(2025, 2, 10, 9, 10, tzinfo=UTC), 3, 1, 0),
        (13, 3, datetime(2025, 2, 20, 10, tzinfo=UTC), 3, 0, None),
        (14, 3, datetime(2025, 2, 21, 10, tzinfo=UTC), 3, 1, 1),
        (17, 3, datetime(2025, 2, 25, 10, tzinfo=UTC), 3, 0, None),
    ]
    corrections = [
        # (row id, card, kind, target, time, rating)
        (6, 2, Kind.VOID, 5, datetime(2025, 1, 5, 10, 1, tzinfo=UTC), None),
        (8, 2, Kind.RERATE, 7, datetime(2025, 1, 30, 10, 1, tzinfo=UTC), 2),
        (10, 2, Kind.OVERRIDE, 9, datetime(2025, 2, 1, 12, 1, tzinfo=UTC), 3),
        (15, 3, Kind.VOID, 14, datetime(2025, 2, 21, 10, 1, tzinfo=UTC), None),
        (16, 3, Kind.VOID, 13, datetime(2025, 2, 21, 10, 2, tzinfo=UTC), None),
    ]
    rows: list[tuple[int, datetime]] = []
    for review_id, card_id, at, rating, queue, _ in answers:
        conn.execute(
            "INSERT INTO reviews (id, uuid, learner_id, card_id, kind, reviewed_at, rating, revision, response, "
            "score, duration_ms, hinted, scheduler_id, was_queue, was_suspended) "
            "VALUES (?, ?, 1, ?, 'answer', ?, ?, 'feedbeef0123', 'r', ?, 2000, 0, 1, ?, 0)",
            (review_id, review_uuid(to_ms(at)), card_id, to_ms(at), rating, float(rating > 1), queue),
        )
    for review_id, card_id, kind, target, at, rating in corrections:
        conn.execute(
            "INSERT INTO reviews (id, uuid, learner_id, card_id, kind, target, reviewed_at, rating) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
            (review_id, review_uuid(to_ms(at)), card_id, kind.value, target, to_ms(at), rating),
        )
    # Each card row holds the replay of its log, as the store keeps it.
    scheduler = review.scheduler_for(review.DEFAULT_RETENTION)
    for card_id in (1, 2, 3):
        entries = [entry_from_row(row) for row in conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM reviews WHERE card_id = ? ORDER BY id", (card_id,)
        )]  # fmt: skip
        memory = review.replay(
            f"{BANK}/q{card_id}", [review.Step(rating, e.reviewed_at, scheduler) for e, rating, _ in review.effective(entries)]
        )
        conn.execute(
            "UPDATE cards SET queue = ?, state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, "
            "reps = ?, lapses = ?, leech = ? WHERE id = ?",
            (queue_of(memory.reps, memory.state, False, False), memory.state.value, memory.step, memory.stability,
             memory.difficulty, to_ms(memory.due), to_ms(memory.last_review), memory.reps, memory.lapses,
             int(memory.leech), card_id),
        )  # fmt: skip
    conn.commit()
    db.close()
    expected: dict[int, int | None] = {row[0]: row[5] for row in answers}
    expected.update({row[0]: None for row in corrections})
    return dict(sorted(expected.items()))


def test_an_m004_file_gets_each_answer_s_interval_from_the_log_before_it(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    expected = m004_database(path)

    with Store.open(path, tz=UTC) as store:
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows][-1] == "m007_folded_quarters"
        assert store.check() == []
        intervals = dict(store.conn.execute("SELECT id, was_interval FROM reviews ORDER BY id"))
        assert intervals == expected
        # The statistics read an answer's time, queue, rating and interval from the time index alone.
        assert [row[2] for row in store.conn.execute("PRAGMA index_info(reviews_learner_time)")] == [
            "learner_id", "reviewed_at", "was_queue", "rating", "was_interval"
        ]  # fmt: skip


def test_an_upgraded_file_logs_new_answers_with_their_interval(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m004_database(path)

    with Store.open(path, tz=UTC) as store:
        later = datetime(2025, 3, 1, 12, tzinfo=UTC)
        answers = [
            store.record(1, BANK, q, rating=GOOD, revision="feedbeef0123", response="r", score=1.0, duration_ms=900,
                         hinted=False, now=later) for q in ("q1", "q2", "q3")
        ]  # fmt: skip
        intervals = [
            store.conn.execute("SELECT was_interval FROM reviews WHERE id = ?", (a.review_id,)).fetchone()[0]
            for a in answers
        ]
    # q1 last 02-10 09:10 (19 days 2:50 before), q2 02-01 12:00 (28 days), q3 02-25 10:00 (4 days 2:00).
    assert intervals == [19, 28, 4]


def without_intervals(path: Path) -> None:
    """The file as m004 would have left it: the same log, without the intervals record() wrote (nor m006's sums)."""
    conn = sqlite3.connect(path)
    without_quarters(conn)
    conn.execute("DROP INDEX reviews_learner_time")
    conn.execute("ALTER TABLE reviews DROP COLUMN was_interval")
    conn.execute("CREATE INDEX reviews_learner_time ON reviews (learner_id, reviewed_at)")
    conn.execute(f"DELETE FROM {schema.MIGRATIONS_TABLE} WHERE name = 'm005_intervals'")
    conn.commit()
    conn.close()


# An operation: answer question i after some hours, or undo, re-rate or override the last answer.
operations = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 2), st.sampled_from([1, 2, 3, 4]), st.floats(0.01, 24 * 30)),
        st.tuples(st.sampled_from(["undo", "rerate", "override"]), st.integers(0, 2), st.sampled_from([1, 3]),
                  st.just(0.01)),
    ),
    min_size=1, max_size=30,
)  # fmt: skip


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_the_upgrade_gives_each_answer_the_interval_record_gave_it(tmp_path_factory, ops) -> None:
    path = tmp_path_factory.mktemp("log") / "tutor.db"
    with Store.open(path, tz=UTC) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        ann = store.learner("ann")
        store.sync_bank(ann.id, BANK, {f"q{i}": f"p{i}" for i in range(3)})
        play(store, ann.id, ops)
        recorded = store.conn.execute("SELECT id, was_interval FROM reviews ORDER BY id").fetchall()
    without_intervals(path)

    with Store.open(path, tz=UTC) as store:
        assert store.conn.execute("SELECT id, was_interval FROM reviews ORDER BY id").fetchall() == recorded


# m006: the answers summed by quarter of an hour ##################################


def without_quarters(conn: sqlite3.Connection) -> None:
    """The file as m005 would have left it: the same log, not summed (m007 dropped m006's trigger)."""
    conn.execute("DROP TABLE quarters_folded")
    conn.execute("DROP TABLE review_quarters")
    conn.execute(f"DELETE FROM {schema.MIGRATIONS_TABLE} WHERE name IN ('m006_quarters', 'm007_folded_quarters')")


def folded(store: Store) -> list[tuple]:
    """review_quarters once the answers logged since the last fold are summed (a session's start folds)."""
    store.end_session(store.start_session(1, BANK, datetime(2025, 1, 1, tzinfo=UTC)), datetime(2025, 1, 1, tzinfo=UTC))
    return store.conn.execute("SELECT * FROM review_quarters ORDER BY 1, 2, 3").fetchall()


def test_an_m005_file_gets_its_answers_summed_by_quarter_hour(tmp_path: Path) -> None:
    # m004_database's answers, as logged (the corrections are no answers, and undone ones are summed:
    # the statistics take corrected cards from their log). Per quarter: answers, young passed, young failed,
    # mature passed, mature failed.
    path = tmp_path / "tutor.db"
    m004_database(path)
    db = sqlite_utils.Database(path)
    migrations().apply(db, stop_before="m006_quarters")
    assert "review_quarters" not in db.table_names()
    db.close()
    expected = [
        (datetime(2025, 1, 1, 10), 2, 0, 0, 0, 0),  # q1 10:00 new, 10:10 learning
        (datetime(2025, 1, 2, 10), 1, 0, 0, 0, 0),  # q2 new
        (datetime(2025, 1, 4, 10), 1, 1, 0, 0, 0),  # q1 10:10, review after 3 days
        (datetime(2025, 1, 5, 10), 1, 0, 0, 0, 0),  # q2 learning (undone)
        (datetime(2025, 1, 30, 10), 1, 0, 0, 0, 0),  # q2 learning
        (datetime(2025, 2, 1, 12), 1, 1, 0, 0, 0),  # q2 review after 2 days
        (datetime(2025, 2, 10, 9), 2, 0, 0, 0, 1),  # q1 review after 36 days, Again; 09:10 relearning
        (datetime(2025, 2, 20, 10), 1, 0, 0, 0, 0),  # q3 new
        (datetime(2025, 2, 21, 10), 1, 0, 0, 0, 0),  # q3 learning (undone)
        (datetime(2025, 2, 25, 10), 1, 0, 0, 0, 0),  # q3 new again
    ]

    with Store.open(path, tz=UTC) as store:
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows][-1] == "m007_folded_quarters"
        assert store.check() == []
        rows = store.conn.execute("SELECT * FROM review_quarters ORDER BY quarter").fetchall()
        assert rows == [
            (1, BANK, to_ms(moment.replace(tzinfo=UTC)) // schema.QUARTER_MS, *figures) for moment, *figures in expected
        ]
        # Answers logged from now on are added at the next fold: q1 at 02-10 09:14, in the quarter of its lapse.
        store.record(1, BANK, "q1", rating=GOOD, revision="feedbeef0123", response="r", score=1.0, duration_ms=900,
                     hinted=False, now=datetime(2025, 2, 10, 9, 14, tzinfo=UTC))  # fmt: skip
        lapse = to_ms(datetime(2025, 2, 10, 9, tzinfo=UTC)) // schema.QUARTER_MS
        assert store.conn.execute("SELECT answers FROM review_quarters WHERE quarter = ?", (lapse,)).fetchone() == (2,)
        assert [row[3] for row in folded(store) if row[2] == lapse] == [3]


def test_an_m006_file_keeps_its_sums_and_folds_the_answers_logged_after_them(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    m004_database(path)
    db = sqlite_utils.Database(path)
    migrations().apply(db, stop_before="m007_folded_quarters")
    summed = db.execute("SELECT * FROM review_quarters ORDER BY 1, 2, 3").fetchall()
    (last,) = db.execute("SELECT max(id) FROM reviews").fetchone()
    db.close()

    with Store.open(path, tz=UTC) as store:
        assert [row["name"] for row in store.db["_sqlite_migrations"].rows][-1] == "m007_folded_quarters"
        assert store.check() == []
        triggers = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        assert triggers == []  # an answer's commit writes the log row and its card, nothing else
        assert store.conn.execute("SELECT through FROM quarters_folded").fetchall() == [(last,)]
        assert store.conn.execute("SELECT * FROM review_quarters ORDER BY 1, 2, 3").fetchall() == summed
        store.record(1, BANK, "q2", rating=GOOD, revision="feedbeef0123", response="r", score=1.0, duration_ms=900,
                     hinted=False, now=datetime(2025, 3, 1, 12, tzinfo=UTC))  # fmt: skip
        assert store.conn.execute("SELECT * FROM review_quarters ORDER BY 1, 2, 3").fetchall() == summed
        quarter = to_ms(datetime(2025, 3, 1, 12, tzinfo=UTC)) // schema.QUARTER_MS
        # q2 was in review, last answered 28 days before: a mature pass.
        assert folded(store) == sorted([*summed, (1, BANK, quarter, 1, 0, 0, 1, 0)])
        assert store.conn.execute("SELECT through FROM quarters_folded").fetchall() == [(last + 1,)]
        assert folded(store) == sorted([*summed, (1, BANK, quarter, 1, 0, 0, 1, 0)])  # nothing folded twice


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations, two_banks=st.booleans())
def test_the_upgrade_sums_the_log_as_the_folds_summed_it_as_logged(tmp_path_factory, ops, two_banks) -> None:
    path = tmp_path_factory.mktemp("log") / "tutor.db"
    with Store.open(path, tz=UTC) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        ann = store.learner("ann")
        for bank in (BANK, "other"):
            store.sync_bank(ann.id, bank, {f"q{i}": f"p{i}" for i in range(3)})
        bank_of = lambda index: "other" if two_banks and index == 2 else BANK  # noqa: E731
        # Folded midway and at the end: a fold adds to the quarters an earlier one summed.
        play(store, ann.id, ops[: len(ops) // 2], bank_of)
        folded(store)
        play(store, ann.id, ops[len(ops) // 2 :], bank_of, start=datetime(2025, 3, 1, tzinfo=UTC))
        summed = folded(store)
        answers = store.conn.execute("SELECT count(*) FROM reviews WHERE kind = 'answer'").fetchone()[0]
    assert sum(row[3] for row in summed) == answers
    conn = sqlite3.connect(path)
    without_quarters(conn)
    conn.commit()
    conn.close()

    with Store.open(path, tz=UTC) as store:
        assert store.conn.execute("SELECT * FROM review_quarters ORDER BY 1, 2, 3").fetchall() == summed


def play(store, learner_id, ops, bank_of=lambda index: BANK, start=datetime(2025, 1, 1, tzinfo=UTC)) -> None:
    """Answers, undos, re-ratings and overrides, an hour or more apart from `start` (1 January 2025)."""
    moment, last = start, None
    for kind, index, rating, hours in ops:
        moment += timedelta(hours=hours)
        if kind == "answer":
            last = store.record(learner_id, bank_of(index), f"q{index}", rating=rating, revision="feedbeef0123",
                                response="r", score=1.0, duration_ms=900, hinted=False, now=moment)  # fmt: skip
        elif kind == "undo":
            store.undo_last(learner_id, now=moment)
            last = None
        elif last is not None and kind == "rerate":
            store.rerate(learner_id, last.review_id, rating, now=moment)
        elif last is not None:
            store.override(learner_id, last.review_id, now=moment)
