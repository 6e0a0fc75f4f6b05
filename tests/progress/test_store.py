"""The progress store and the study queue, by example."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from progress.queue import next_card
from progress.schedule import AGAIN, GOOD, HARD, rating_for
from progress.store import LEECH_LAPSES, Store, from_ms

TZ = timezone(timedelta(hours=-5))  # 04:00 local is 09:00 UTC
MONDAY = datetime(2025, 1, 6, 15, tzinfo=timezone.utc)  # 10:00 local
BANK = "mali"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "tutor.db", tz=TZ) as store:
        yield store


def answer(store: Store, learner_id: int, question_id: str, rating: int, now: datetime, bank: str = BANK):
    return store.record(
        learner_id, bank, question_id, rating=rating, response="r", score=1.0, duration_ms=1200, hinted=False, now=now
    )


def ask(store: Store, learner_id: int, now: datetime, **options) -> str | None:
    card = next_card(store, learner_id, BANK, now, **options)
    return card.question_id if card else None


def test_opening_creates_the_schema_once_in_wal_mode_syncing_every_commit(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "tutor.db"
    Store.open(path).close()
    with Store.open(path) as store:
        assert store.db.journal_mode == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert store.db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL: an answer survives a power cut
        migrations = [row["name"] for row in store.db["_sqlite_migrations"].rows]
        assert migrations == ["m001_initial", "m002_compact_reviews"]


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

    undone = store.undo_last(ann.id)

    assert undone is not None and undone.review_id == done.review_id
    assert store.card(ann.id, BANK, "q1") == before == undone.card
    assert len(list(store.reviews(ann.id))) == 1


def test_rerating_reschedules_from_the_answers_own_time(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    first = answer(store, ann.id, "q1", AGAIN, MONDAY)
    answer(store, ann.id, "q2", GOOD, MONDAY)

    rerated = store.rerate(ann.id, first.review_id, GOOD)

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
