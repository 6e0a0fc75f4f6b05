"""The status line's figures: what they count, and that they cost the same whatever the history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from progress.review import AGAIN, GOOD
from progress.store import Store

BANK = "mali"
TZ = ZoneInfo("Europe/Paris")  # two DST changes a year: the 04:00 turnover moves in UTC
FIRST = datetime(2024, 1, 1, 19, tzinfo=timezone.utc)  # 20:00 in Paris


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "tutor.db", tz=TZ) as store:
        yield store


def answer(store: Store, learner_id: int, question_id: str, rating: int, now: datetime):
    return store.record(
        learner_id, BANK, question_id, rating=rating, revision="0123456789ab", response="r", score=1.0,
        duration_ms=1000, hinted=False, now=now,
    )  # fmt: skip


def statements(store: Store, call) -> tuple[object, int]:
    """What `call()` returns and how many SQL statements it ran."""
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    try:
        result = call()
    finally:
        store.conn.set_trace_callback(None)
    return result, len(ran)


def study_days(store: Store, learner_id: int, days: int) -> datetime:
    """One answer a day for `days` study days ending today; returns a moment of today."""
    store.conn.execute("PRAGMA synchronous = OFF")  # 365 fsyncs would only slow the test
    store.sync_bank(learner_id, BANK, {f"q{day}": f"p{day}" for day in range(days)})
    for day in range(days):
        answer(store, learner_id, f"q{day}", GOOD, FIRST + timedelta(days=day))
    return FIRST + timedelta(days=days - 1, hours=1)


def test_a_365_day_streak_costs_as_few_statements_as_a_2_day_one(tmp_path: Path) -> None:
    counted = {}
    for days in (2, 365):
        with Store.open(tmp_path / f"{days}.db", tz=TZ) as store:
            ann = store.learner("ann")
            now = study_days(store, ann.id, days)
            today, counted[days] = statements(store, lambda: store.stats_today(ann.id, BANK, now))
            assert today.streak == days
            assert today.done_today == 1
    assert counted[365] == counted[2] <= 8


def test_the_streak_counts_study_days_across_dst_and_forgives_a_day_not_yet_studied(store: Store) -> None:
    ann = store.learner("ann")
    now = study_days(store, ann.id, 120)  # 2024-01-01 to 2024-04-29, across 2024-03-31
    assert store.stats_today(ann.id, BANK, now).streak == 120
    assert store.stats_today(ann.id, BANK, now + timedelta(days=1)).streak == 120
    assert store.stats_today(ann.id, BANK, now + timedelta(days=2)).streak == 0


def test_an_answer_at_two_in_the_morning_counts_for_the_evening_before(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, {"q1": "p1", "q2": "p2"})
    answer(store, ann.id, "q1", GOOD, datetime(2024, 6, 3, 18, tzinfo=timezone.utc))  # 20:00, Monday
    answer(store, ann.id, "q2", GOOD, datetime(2024, 6, 5, 0, tzinfo=timezone.utc))  # 02:00 Wednesday: Tuesday
    assert store.stats_today(ann.id, BANK, datetime(2024, 6, 5, 12, tzinfo=timezone.utc)).streak == 2


def test_undone_answers_leave_the_day_s_counts_and_the_streak(store: Store) -> None:
    ann = store.learner("ann")
    store.update_settings(ann.id, new_per_day=3)
    store.sync_bank(ann.id, BANK, {f"q{i}": f"p{i}" for i in range(5)})
    yesterday = datetime(2024, 6, 3, 18, tzinfo=timezone.utc)
    answer(store, ann.id, "q0", GOOD, yesterday)
    first = answer(store, ann.id, "q1", AGAIN, yesterday + timedelta(days=1))
    answer(store, ann.id, "q2", AGAIN, yesterday + timedelta(days=1, minutes=1))
    now = yesterday + timedelta(days=1, minutes=2)
    assert store.stats_today(ann.id, BANK, now).done_today == 2

    store.undo_last(ann.id, now=now)  # q2's answer
    store.rerate(ann.id, first.review_id, GOOD, now=now)

    today = store.stats_today(ann.id, BANK, now)
    assert (today.done_today, today.new_available, today.streak) == (1, 2, 2)  # the re-rated answer counts once
    assert [review.rating for review in store.reviews(ann.id) if review.id == first.review_id] == [GOOD]
    store.undo_last(ann.id, now=now)
    today = store.stats_today(ann.id, BANK, now)
    assert (today.done_today, today.new_available, today.streak) == (0, 3, 1)


def test_extra_new_cards_are_allowed_on_their_study_day_only(store: Store) -> None:
    ann = store.learner("ann")
    store.update_settings(ann.id, new_per_day=2)
    store.sync_bank(ann.id, BANK, {f"q{i}": f"p{i}" for i in range(10)})
    now = datetime(2024, 6, 3, 18, tzinfo=timezone.utc)

    learner = store.allow_extra_new(ann.id, 5, now)

    assert (learner.extra_new, learner.extra_new_day.isoformat()) == (5, "2024-06-03")
    assert store.stats_today(ann.id, BANK, now).new_available == 7
    assert store.stats_today(ann.id, BANK, now + timedelta(days=1)).new_available == 2
