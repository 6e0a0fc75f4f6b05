"""The progress store and the study queue, by example."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID

import pytest

from progress.queue import Queue
from progress.records import from_ms, to_ms
from progress.review import AGAIN, GOOD, HARD, LEECH_LAPSES, rating_for
from progress.store import Store, StoreError

TZ = timezone(timedelta(hours=-5))  # 04:00 local is 09:00 UTC
MONDAY = datetime(2025, 1, 6, 15, tzinfo=timezone.utc)  # 10:00 local
BANK = "mali"
REVISION = "0123456789ab"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "tutor.db", tz=TZ) as store:
        yield store


def answer(store: Store, learner_id: int, question_id: str, rating: int, now: datetime, bank: str = BANK):
    return store.record(
        learner_id, bank, question_id, rating=rating, revision=REVISION, response="r", score=1.0, duration_ms=1200,
        hinted=False, now=now,
    )  # fmt: skip


def ask(store: Store, learner_id: int, now: datetime, **options) -> str | None:
    card = Queue(store).next_card(learner_id, BANK, now, **options)
    return card.question_id if card else None


def test_opening_creates_the_schema_once_in_wal_mode_syncing_every_commit(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "tutor.db"
    Store.open(path).close()
    with Store.open(path) as store:
        assert store.db.journal_mode == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert store.db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL: an answer survives a power cut
        migrations = [row["name"] for row in store.db["_sqlite_migrations"].rows]
        assert migrations == ["m001_initial", "m002_compact_reviews", "m003_classes", "m004_outbox", "m005_intervals",
                              "m006_quarters", "m007_folded_quarters"]
        # Anki's collections' page cache: a large log's indexes are not read again from the file at every answer.
        assert store.db.execute("PRAGMA cache_size").fetchone() == (-40 * 1024,)


def test_learners_are_found_by_name_and_the_last_one_is_remembered(store: Store) -> None:
    ann = store.learner("ann")
    bob = store.learner("bob")
    assert store.last_learner() == bob
    assert store.learner("ann") == ann
    assert store.last_learner() == ann
    assert [learner.name for learner in store.learners()] == ["ann", "bob"]
    assert (ann.desired_retention, ann.new_per_day, ann.reviews_per_day) == (0.9, 20, 200)
    assert store.update_settings(ann.id, desired_retention=0.85).desired_retention == 0.85
    assert store.get_learner(bob.id).desired_retention == 0.9


@pytest.mark.parametrize(
    ("score", "correct", "hinted", "rating"),
    [(0.0, False, False, AGAIN), (0.0, False, True, AGAIN), (0.4, False, True, HARD), (0.5, False, False, HARD),
     (1.0, True, True, HARD), (1.0, True, False, GOOD)],
)  # fmt: skip
def test_the_verdict_picks_the_rating_and_never_easy(score, correct, hinted, rating) -> None:
    assert rating_for(score, correct, hinted) == rating


def test_an_answer_is_logged_and_reschedules_its_card(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})

    result = answer(store, ann.id, "q1", GOOD, MONDAY)

    card = store.card(ann.id, BANK, "q1")
    assert card == result.card
    assert card.reps == 1 and card.last_review == MONDAY and card.due > MONDAY
    [review] = store.reviews(ann.id)
    assert (review.id, review.rating, review.reviewed_at, review.duration_ms) == (result.review_id, GOOD, MONDAY, 1200)


def test_rewording_keeps_progress_and_a_removed_question_keeps_history_and_leaves_the_queue(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    answer(store, ann.id, "q1", GOOD, MONDAY)
    studied = store.card(ann.id, BANK, "q1")

    result = store.sync_bank(ann.id, BANK, {"q1": "p1-edited"})

    assert (result.added, result.retired) == (0, 1)
    assert store.card(ann.id, BANK, "q1").reps == 1
    assert store.card(ann.id, BANK, "q2").retired
    assert ask(store, ann.id, MONDAY + timedelta(days=30)) == "q1"
    answer(store, ann.id, "q1", GOOD, MONDAY + timedelta(days=30))
    store.sync_bank(ann.id, BANK, {"q2": "p2"})
    assert len(list(store.reviews(ann.id))) == 2
    assert ask(store, ann.id, MONDAY + timedelta(days=31)) == "q2"
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    assert store.card(ann.id, BANK, "q1").reps == studied.reps + 1


def test_undo_restores_the_card_exactly_and_removes_its_review(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})
    answer(store, ann.id, "q1", GOOD, MONDAY)
    before = store.card(ann.id, BANK, "q1")
    done = answer(store, ann.id, "q1", AGAIN, MONDAY + timedelta(minutes=20))

    undone = store.undo_last(ann.id, now=MONDAY + timedelta(minutes=21))

    assert undone is not None and undone.review_id == done.review_id
    assert store.card(ann.id, BANK, "q1") == before == undone.card
    assert len(list(store.reviews(ann.id))) == 1


def test_rerating_reschedules_from_the_answers_own_time(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    first = answer(store, ann.id, "q1", AGAIN, MONDAY)
    answer(store, ann.id, "q2", GOOD, MONDAY)

    rerated = store.rerate(ann.id, first.review_id, GOOD, now=MONDAY + timedelta(minutes=1))

    fresh = answer(store, ann.id, "q2", GOOD, MONDAY)  # q2's second answer, for comparison only
    assert rerated.card.due == MONDAY + timedelta(minutes=10)
    assert [review.rating for review in store.reviews(ann.id) if review.id == first.review_id] == [GOOD]
    assert fresh.card.reps == 2


def test_a_card_lapsing_eight_times_is_suspended_and_listed_as_a_leech(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})
    now = MONDAY
    became = []
    for _ in range(LEECH_LAPSES):
        for rating in (GOOD, GOOD):  # back into review
            answer(store, ann.id, "q1", rating, now)
            now += timedelta(days=1)
        became.append(answer(store, ann.id, "q1", AGAIN, now).became_leech)
        now += timedelta(days=1)

    assert became == [False] * (LEECH_LAPSES - 1) + [True]
    assert [card.question_id for card in store.leeches(ann.id, BANK)] == ["q1"]
    assert ask(store, ann.id, now + timedelta(days=60), learn_ahead=True) is None


def test_suspended_and_buried_cards_do_not_come_up(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    store.suspend(ann.id, BANK, "q1")
    until = store.bury(ann.id, BANK, "q2", MONDAY)

    assert until == datetime(2025, 1, 7, 9, tzinfo=timezone.utc)
    assert ask(store, ann.id, MONDAY) is None
    assert ask(store, ann.id, until) == "q2"
    store.unsuspend(ann.id, BANK, "q1")
    assert ask(store, ann.id, MONDAY) == "q1"


def test_learning_comes_before_reviews_which_come_before_new(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"learn": "p1", "review": "p2", "new": "p3"})
    answer(store, ann.id, "review", GOOD, MONDAY - timedelta(days=20))
    answer(store, ann.id, "review", GOOD, MONDAY - timedelta(days=20))
    answer(store, ann.id, "learn", AGAIN, MONDAY - timedelta(minutes=5))

    assert ask(store, ann.id, MONDAY) == "learn"
    answer(store, ann.id, "learn", GOOD, MONDAY)
    assert ask(store, ann.id, MONDAY) == "review"
    answer(store, ann.id, "review", GOOD, MONDAY)
    assert ask(store, ann.id, MONDAY) == "new"


def test_due_reviews_come_lowest_retrievability_first(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"recent": "p1", "forgotten": "p2"})
    for question, when in (("forgotten", MONDAY - timedelta(days=90)), ("recent", MONDAY - timedelta(days=5))):
        answer(store, ann.id, question, GOOD, when)
        answer(store, ann.id, question, GOOD, when)

    assert ask(store, ann.id, MONDAY) == "forgotten"


def test_questions_citing_the_same_passage_are_not_asked_back_to_back(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"a1": "pa", "a2": "pa", "b1": "pb"})

    assert ask(store, ann.id, MONDAY) == "a1"
    assert ask(store, ann.id, MONDAY, after="a1") == "b1"
    answer(store, ann.id, "b1", GOOD, MONDAY)
    answer(store, ann.id, "a1", GOOD, MONDAY)
    assert ask(store, ann.id, MONDAY, after="a1") == "a2"  # the only one left


def test_an_answer_and_the_next_new_card_cost_eight_statements(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"a1": "pa", "a2": "pa", "b1": "pb", "b2": "pb"})
    queue = Queue(store)
    first = queue.next_card(ann.id, BANK, MONDAY)
    assert first is not None
    answer(store, ann.id, first.question_id, GOOD, MONDAY)  # the first answer also reads the scheduler settings
    asked = queue.next_card(ann.id, BANK, MONDAY, after=first.question_id)
    assert asked is not None and asked.question_id == "b1"
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    try:
        answer(store, ann.id, asked.question_id, GOOD, MONDAY)
        chosen = queue.next_card(ann.id, BANK, MONDAY, after=asked.question_id)
    finally:
        store.conn.set_trace_callback(None)

    assert chosen is not None and chosen.question_id == "a2"  # the asked card's passage avoided
    # BEGIN, the change check, the log row, the card, COMMIT; the change check, no learning card, a new one.
    # No trigger runs on the log row (m007): SQLite would trace each of its steps.
    assert len(ran) == 8, "\n".join(ran)


def test_the_passage_avoided_is_the_asked_question_s_even_after_another_process_moved_it(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    with Store.open(path, tz=TZ) as store, Store.open(path, tz=TZ) as other:
        ann = store.learner("ann")
        store.sync_bank(ann.id, BANK, {"a1": "pa", "a2": "pa", "b1": "pb"})
        queue = Queue(store)
        assert queue.next_card(ann.id, BANK, MONDAY).question_id == "a1"
        other.sync_bank(ann.id, BANK, {"a1": "pb", "a2": "pa", "b1": "pb"})

        assert queue.next_card(ann.id, BANK, MONDAY, after="a1").question_id == "a2"


def test_daily_limits_hold_until_the_day_turns_over_at_four_local(store: Store) -> None:
    ann = store.learner("ann")
    store.update_settings(ann.id, new_per_day=2)
    store.sync_bank(ann.id, BANK, {f"q{i}": f"p{i}" for i in range(5)})
    late_evening = datetime(2025, 1, 7, 8, 30, tzinfo=timezone.utc)  # 03:30 local: still Monday's study day
    for question in (ask(store, ann.id, MONDAY), ask(store, ann.id, MONDAY, after="q0")):
        answer(store, ann.id, question, GOOD, MONDAY)
        answer(store, ann.id, question, GOOD, MONDAY)

    assert ask(store, ann.id, late_evening) is None
    assert store.stats_today(ann.id, BANK, late_evening).new_available == 0
    assert ask(store, ann.id, late_evening + timedelta(minutes=30)) == "q2"
    assert store.stats_today(ann.id, BANK, late_evening + timedelta(minutes=30)).new_available == 2


def test_the_review_cap_stops_reviews_for_the_day(store: Store) -> None:
    ann = store.learner("ann")
    store.update_settings(ann.id, reviews_per_day=1, new_per_day=0)
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    for question in ("q1", "q2"):
        answer(store, ann.id, question, GOOD, MONDAY - timedelta(days=30))
        answer(store, ann.id, question, GOOD, MONDAY - timedelta(days=30))

    first = ask(store, ann.id, MONDAY)
    answer(store, ann.id, first, GOOD, MONDAY)

    assert ask(store, ann.id, MONDAY) is None
    assert ask(store, ann.id, MONDAY + timedelta(days=1)) is not None


def test_learn_ahead_offers_the_soonest_card_when_nothing_is_due(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    store.update_settings(ann.id, new_per_day=2)
    answer(store, ann.id, "q1", GOOD, MONDAY)
    answer(store, ann.id, "q2", AGAIN, MONDAY)

    assert ask(store, ann.id, MONDAY) is None
    assert ask(store, ann.id, MONDAY, learn_ahead=True) == "q2"
    assert store.next_due(ann.id, BANK) == MONDAY + timedelta(minutes=1)


def test_stats_count_due_new_done_and_the_streak_of_study_days(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {f"q{i}": f"p{i}" for i in range(30)})
    for day in range(3):
        answer(store, ann.id, f"q{day}", AGAIN, MONDAY + timedelta(days=day))

    today = store.stats_today(ann.id, BANK, MONDAY + timedelta(days=2, minutes=5))
    assert (today.due, today.new_available, today.done_today, today.streak) == (3, 19, 1, 3)  # each day's failed card is still due
    assert store.stats_today(ann.id, BANK, MONDAY + timedelta(days=3)).streak == 3
    assert store.stats_today(ann.id, BANK, MONDAY + timedelta(days=4)).streak == 0


def test_sessions_are_recorded(store: Store) -> None:
    ann = store.learner("ann")
    session = store.start_session(ann.id, BANK, MONDAY)
    store.end_session(session, MONDAY + timedelta(minutes=15))
    row = store.db["sessions"].get(session)
    assert (from_ms(row["started_at"]), from_ms(row["ended_at"])) == (MONDAY, MONDAY + timedelta(minutes=15))


def test_a_naive_time_is_refused(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})
    with pytest.raises(ValueError, match="no time zone"):
        answer(store, ann.id, "q1", GOOD, datetime(2025, 1, 6, 9))


def log_rows(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT * FROM reviews ORDER BY id").fetchall()


def test_undo_rerating_and_overrides_only_ever_add_rows_to_the_log(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    first = answer(store, ann.id, "q1", AGAIN, MONDAY)
    second = answer(store, ann.id, "q2", AGAIN, MONDAY)
    written = log_rows(store)

    store.rerate(ann.id, second.review_id, HARD, now=MONDAY + timedelta(minutes=1))
    store.override(ann.id, second.review_id, now=MONDAY + timedelta(minutes=2))
    store.undo_last(ann.id, now=MONDAY + timedelta(minutes=3))
    store.rerate(ann.id, first.review_id, GOOD, now=MONDAY + timedelta(minutes=4))

    after = log_rows(store)
    assert after[: len(written)] == written
    assert [store.log(store.card(ann.id, BANK, q))[-1].kind.value for q in ("q1", "q2")] == ["rerate", "void"]
    assert len(after) == len(written) + 4
    assert [(review.id, review.rating) for review in store.reviews(ann.id)] == [(first.review_id, GOOD)]


def test_an_override_rates_the_answer_good_and_keeps_what_was_answered(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    wrong = store.record(
        ann.id, BANK, "q1", rating=AGAIN, revision=REVISION, response="Ag Ghaly", score=0.0, duration_ms=5000,
        hinted=False, now=MONDAY,
    )  # fmt: skip
    good = answer(store, ann.id, "q2", GOOD, MONDAY)

    overridden = store.override(ann.id, wrong.review_id, now=MONDAY + timedelta(seconds=30))

    assert overridden.rating == GOOD and overridden.card.due == good.card.due
    [review] = [review for review in store.reviews(ann.id) if review.id == wrong.review_id]
    assert (review.rating, review.overridden, review.response, review.score) == (GOOD, True, "Ag Ghaly", 0.0)
    assert review.revision == REVISION


def test_only_a_card_s_latest_answer_that_still_counts_can_be_rerated(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})
    first = answer(store, ann.id, "q1", GOOD, MONDAY)
    second = answer(store, ann.id, "q1", GOOD, MONDAY + timedelta(minutes=10))

    with pytest.raises(StoreError, match="not its card's latest"):
        store.rerate(ann.id, first.review_id, AGAIN, now=MONDAY + timedelta(minutes=11))
    store.undo_last(ann.id, now=MONDAY + timedelta(minutes=11))
    with pytest.raises(StoreError, match="not its card's latest"):
        store.override(ann.id, second.review_id, now=MONDAY + timedelta(minutes=12))
    assert store.rerate(ann.id, first.review_id, AGAIN, now=MONDAY + timedelta(minutes=12)).card.step == 0


def test_a_settings_change_schedules_from_the_next_answer_and_replays_keep_the_old_dates(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1"})
    for minutes in (0, 10):
        answer(store, ann.id, "q1", GOOD, MONDAY + timedelta(minutes=minutes))
    scheduled = store.card(ann.id, BANK, "q1")

    store.update_settings(ann.id, desired_retention=0.7)
    later = answer(store, ann.id, "q1", GOOD, scheduled.due)
    store.undo_last(ann.id, now=scheduled.due)

    assert store.card(ann.id, BANK, "q1") == scheduled
    assert store.scheduler(store.get_learner(ann.id).scheduler_id).desired_retention == 0.7
    assert later.card.due - scheduled.due > scheduled.due - MONDAY


def test_learners_have_a_stable_uuid_a_class_profile_and_study_topics(store: Store) -> None:
    ann = store.learner("ann")
    assert len(ann.uuid) == 36 and ann.uuid != store.learner("bob").uuid
    assert (ann.display_name, ann.email, ann.student_id, ann.topics) == ("", "", "", ())

    store.update_profile(ann.id, display_name="Ann Diallo", email="ann@example.org", student_id="S-17")
    changed = store.update_settings(ann.id, topics=["leaders", "armed groups"])

    assert (changed.display_name, changed.email, changed.student_id) == ("Ann Diallo", "ann@example.org", "S-17")
    assert changed.topics == ("leaders", "armed groups") and changed.uuid == ann.uuid
    assert store.update_settings(ann.id, new_per_day=5).topics == ("leaders", "armed groups")
    assert store.update_settings(ann.id, topics=[]).topics == ()


def test_log_rows_get_version_7_uuids_that_sort_as_they_were_written(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    first = answer(store, ann.id, "q1", AGAIN, MONDAY)
    answer(store, ann.id, "q2", GOOD, MONDAY)  # the same millisecond: the random part keeps them apart
    store.rerate(ann.id, first.review_id + 1, HARD, now=MONDAY + timedelta(seconds=1))

    uuids = [row[0] for row in store.conn.execute("SELECT uuid FROM reviews ORDER BY id")]

    assert [UUID(value).version for value in uuids] == [7, 7, 7] and len(set(uuids)) == 3
    assert [UUID(value).int >> 80 for value in uuids] == [to_ms(MONDAY)] * 2 + [to_ms(MONDAY) + 1000]
    assert sorted(uuids[1:]) == uuids[1:]
