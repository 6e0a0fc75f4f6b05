"""A learner's statistics: each figure against a small log written by hand, and the SQL against a
plain reading of the effective log on random ones."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress import review, statistics
from progress.records import to_ms
from progress.review import AGAIN, EASY, GOOD, HARD
from progress.statistics import CardStates, Month, NoReviews, Retention, Topic
from progress.store import Store
from progress.studyday import day_start

BANK = "b"
UTC = timezone.utc
NOW = datetime(2026, 3, 31, 10, tzinfo=UTC)  # study day 2026-03-31 (days turn at 04:00, here UTC)
TOPICS = {
    "q1": ["leaders"], "q2": ["leaders", "dates"], "q3": ["dates"], "q4": ["groups"], "q5": ["groups"],
    "q6": ["groups"], "q7": ["leaders"],
}  # fmt: skip


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def answer(store: Store, learner_id: int, question_id: str, rating: int, now: datetime, bank: str = BANK):
    return store.record(
        learner_id, bank, question_id, rating=rating, revision="0123456789ab", response="r",
        score=float(rating > AGAIN), duration_ms=1000, hinted=False, now=now,
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "tutor.db", tz=UTC) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # fsyncs would only slow the tests
        yield store


@pytest.fixture
def figures(store: Store) -> statistics.Statistics:
    """The hand-written log (every time UTC, the study day turning at 04:00):

    q1  2026-01-10 10:00 Easy (new: goes to review)
        2026-02-15 10:00 Good   review, 36 days after the last answer: mature, passed
        2026-03-30 10:00 Again  review, 43 days after: mature, failed (a lapse; relearning)
        2026-03-31 09:00 Good   relearning: not a review-state answer; back in review
    q2  2026-03-20 10:00 Easy
        2026-03-25 10:00 Good   review, 5 days after: young, passed
        2026-03-31 08:00 Hard, re-rated Again at 08:01: counts once, young (6 days), failed (a lapse)
    q3  2026-03-28 10:00 Easy
        2026-03-31 07:00 Again, undone at 07:01: does not count, q3 is back as after its Easy
    q4  2026-03-31 03:00 Good   before 04:00: study day 2026-03-30; new, still learning
    q5  never answered
    q6  2024: Easy, then eight times Again (review: a lapse each) and Good 10 min later but after
        the last: a leech, suspended. All before the calendar's year.
    q7  2026-03-01 10:00 Easy, then suspended by the learner
    """
    ana = store.learner("ana")
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in TOPICS})
    start = at("2024-01-01", 10)
    answer(store, ana.id, "q6", EASY, start)
    for lapse in range(1, 9):
        answer(store, ana.id, "q6", AGAIN, start + timedelta(days=10 * lapse))
        if lapse < 8:
            answer(store, ana.id, "q6", GOOD, start + timedelta(days=10 * lapse, minutes=10))
    answer(store, ana.id, "q1", EASY, at("2026-01-10", 10))
    answer(store, ana.id, "q1", GOOD, at("2026-02-15", 10))
    answer(store, ana.id, "q7", EASY, at("2026-03-01", 10))
    store.suspend(ana.id, BANK, "q7")
    answer(store, ana.id, "q2", EASY, at("2026-03-20", 10))
    answer(store, ana.id, "q2", GOOD, at("2026-03-25", 10))
    answer(store, ana.id, "q3", EASY, at("2026-03-28", 10))
    answer(store, ana.id, "q1", AGAIN, at("2026-03-30", 10))
    answer(store, ana.id, "q4", GOOD, at("2026-03-31", 3))
    answer(store, ana.id, "q3", AGAIN, at("2026-03-31", 7))
    store.undo_last(ana.id, now=at("2026-03-31", 7, 1))
    b3 = answer(store, ana.id, "q2", HARD, at("2026-03-31", 8))
    store.rerate(ana.id, b3.review_id, AGAIN, now=at("2026-03-31", 8, 1))
    answer(store, ana.id, "q1", GOOD, at("2026-03-31", 9))
    return statistics.statistics(store, ana.id, BANK, NOW, TOPICS)


def test_the_figures_are_the_same_before_and_after_the_answers_are_folded(store: Store, figures) -> None:
    # No session was started: none of the log is summed by quarter (m007) until one is.
    assert store.conn.execute("SELECT count(*) FROM review_quarters").fetchone() == (0,)
    store.start_session(figures_learner(store), BANK, NOW)
    assert store.conn.execute("SELECT count(*) FROM review_quarters").fetchone() != (0,)

    assert statistics.statistics(store, figures_learner(store), BANK, NOW, TOPICS) == figures


def figures_learner(store: Store) -> int:
    learner = store.last_learner()
    assert learner is not None
    return learner.id


def test_the_calendar_counts_each_study_day_s_answers_that_still_count(figures) -> None:
    # 365 study days, 2025-04-01 to 2026-03-31. q3's undone Again and q6's 2024 are not in it;
    # q2's re-rated answer is one answer; q4's answer at 03:00 is the evening before's.
    assert len(figures.calendar) == 365
    assert figures.calendar[0].date == date(2025, 4, 1) and figures.calendar[-1].date == date(2026, 3, 31)
    studied = {day.date.isoformat(): day.count for day in figures.calendar if day.count}
    assert studied == {
        "2026-01-10": 1, "2026-02-15": 1, "2026-03-01": 1, "2026-03-20": 1, "2026-03-25": 1,
        "2026-03-28": 1, "2026-03-30": 2, "2026-03-31": 2,
    }  # fmt: skip
    assert figures.answers == 10


def test_the_streak_runs_back_from_today_to_the_first_day_without_answers(figures) -> None:
    # 03-31 and 03-30 studied, 03-29 not.
    assert figures.streak == 2


def test_true_retention_splits_review_answers_young_and_mature_by_period(figures) -> None:
    # Review-state answers: q1 02-15 mature passed, q1 03-30 mature failed, q2 03-25 young passed,
    # q2 03-31 young failed (its latest rating). Day: 03-31; week: 03-25..03-31; month: 03-02..03-31.
    assert figures.true_retention == {
        "day": Retention(young_passed=0, young_failed=1, mature_passed=0, mature_failed=0),
        "week": Retention(young_passed=1, young_failed=1, mature_passed=0, mature_failed=1),
        "month": Retention(young_passed=1, young_failed=1, mature_passed=0, mature_failed=1),
        "year": Retention(young_passed=1, young_failed=1, mature_passed=1, mature_failed=1),
    }
    year = figures.true_retention["year"]
    assert (year.young, year.mature, year.total) == (0.5, 0.5, 0.5)
    assert figures.true_retention["day"].mature is None  # no mature review that day: no rate


def test_retention_by_month_is_the_pass_rate_of_each_month_s_review_answers(figures) -> None:
    # 2025-04 .. 2026-03; February: q1's Good; March: q2's Good, q1's and q2's Again.
    months = {m.month: m for m in figures.retention_by_month}
    assert list(months) == [f"2025-{m:02d}" for m in range(4, 13)] + ["2026-01", "2026-02", "2026-03"]
    assert months["2026-02"] == Month("2026-02", passed=1, failed=0)
    assert months["2026-03"] == Month("2026-03", passed=1, failed=2)
    assert months["2026-03"].rate == pytest.approx(1 / 3)
    assert months["2026-01"].rate is None
    assert sum(m.passed + m.failed for m in months.values()) == 4


def test_cards_by_state_put_every_question_in_one_state(figures) -> None:
    # new q5; learning q2 (relearning after its Again) and q4; young q1 (a few days after its
    # lapse) and q3 (Easy's first interval, 8 days); suspended q7; leech q6.
    assert figures.cards == CardStates(new=1, learning=2, young=2, mature=0, suspended=1, leeches=1)
    assert figures.questions == 7


def test_mastery_counts_review_cards_whose_retrievability_now_is_above_the_desired_retention(figures) -> None:
    # FSRS's R falls below 0.9 once the whole days since the last review pass the stability.
    # q1 reviewed today (R 1) and q3 3 days into an 8-day stability are mastered; q2 and q4 are
    # learning; q6 has not been seen since 2024; q7's 30 days are past its stability.
    assert (figures.mastered, figures.questions) == (2, 7)
    assert figures.topics == (Topic("dates", 1, 2), Topic("groups", 0, 3), Topic("leaders", 1, 3))


def test_the_hardest_questions_come_most_lapses_first_then_lowest_retrievability(figures) -> None:
    # Lapses: q6 8, q1 1 (03-30), q2 1 (its re-rated Again); q1 and q2 both reviewed today (R 1),
    # so by id; then q7 (30 days), q3 (3 days), q4 (today).
    assert [(h.question_id, h.lapses) for h in figures.hardest] == [
        ("q6", 8), ("q1", 1), ("q2", 1), ("q7", 0), ("q3", 0), ("q4", 0)
    ]
    by_id = {h.question_id: h.retrievability for h in figures.hardest}
    assert by_id["q1"] == by_id["q2"] == by_id["q4"] == 1.0
    assert by_id["q7"] < 0.9 < by_id["q3"] < 1.0


def test_retrievability_is_fsrs_s_own(store: Store, figures) -> None:
    scheduler = fsrs.Scheduler()
    for hard in figures.hardest:
        card = store.card(figures_learner(store), BANK, hard.question_id)
        expected = scheduler.get_card_retrievability(
            fsrs.Card(card_id=1, state=card.state, stability=card.stability, difficulty=card.difficulty,
                      last_review=card.last_review), NOW,
        )  # fmt: skip
        assert hard.retrievability == pytest.approx(expected, abs=1e-12)


def figures_learner(store: Store) -> int:
    return store.learners()[0].id


def test_the_forecast_counts_active_studied_cards_by_the_day_they_fall_due(store: Store) -> None:
    # Dues set on the card rows (the forecast reads them): q1 two days overdue and q2 due tonight
    # fall on today; q3 tomorrow 03:59 is still today's study day; q4 in 2 days; q5 in 40 days is
    # beyond the 30; q6 is due tomorrow but suspended; q7 was never answered.
    ana = store.learner("ana")
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in TOPICS})
    for q in ("q1", "q2", "q3", "q4", "q5", "q6"):
        answer(store, ana.id, q, EASY, at("2026-03-01", 10))
    store.suspend(ana.id, BANK, "q6")
    dues = {"q1": at("2026-03-29", 10), "q2": at("2026-03-31", 23), "q3": at("2026-04-01", 3, 59),
            "q4": at("2026-04-02", 12), "q5": at("2026-05-10", 12), "q6": at("2026-04-01", 12)}
    for q, due in dues.items():
        store.conn.execute("UPDATE cards SET due = ? WHERE question_id = ?", (to_ms(due), q))
    store.conn.commit()
    forecast = statistics.statistics(store, ana.id, BANK, NOW, TOPICS).forecast
    assert len(forecast) == 30 and forecast[0].date == date(2026, 3, 31) and forecast[-1].date == date(2026, 4, 29)
    assert [(d.date.isoformat(), d.count) for d in forecast if d.count] == [("2026-03-31", 3), ("2026-04-02", 1)]


def test_study_days_turn_at_four_local_across_a_dst_change(tmp_path: Path) -> None:
    # Paris moves to summer time on 2026-03-29 at 02:00 (UTC+1 to UTC+2). 03:30 local on the 29th is
    # still the 28th's study day; 04:30 local on the 29th (02:30 UTC) is the 29th's.
    with Store.open(tmp_path / "paris.db", tz=ZoneInfo("Europe/Paris")) as store:
        ana = store.learner("ana")
        store.sync_bank(ana.id, BANK, {"q1": "p1", "q2": "p2"})
        answer(store, ana.id, "q1", GOOD, datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 03:30 CEST
        answer(store, ana.id, "q2", GOOD, datetime(2026, 3, 29, 2, 30, tzinfo=UTC))  # 04:30 CEST
        figures = statistics.statistics(store, ana.id, BANK, NOW, {"q1": [], "q2": []})
    assert {d.date.isoformat(): d.count for d in figures.calendar if d.count} == {"2026-03-28": 1, "2026-03-29": 1}


def test_a_time_zone_off_by_no_whole_quarter_hour_splits_the_quarter_its_days_turn_in(tmp_path: Path, monkeypatch) -> None:
    # At UTC+0:10 the study day turns at 03:50 UTC, inside the quarter 03:45-04:00 that the log is summed by
    # (times below UTC). q3 is a corrected card (an undo) and q2 one whose correction falls in that quarter.
    #   q1 03-29 03:45 Easy    study day 03-28
    #   q2 03-29 03:55 Easy    03-29
    #   q3 03-29 12:00 Easy, undone at 12:01; 13:00 Easy: 03-29, once
    #   q1 03-30 03:48 Good    03-29, review a day after: young, passed
    #   q2 03-30 03:52 Again, re-rated Hard at 03:53: 03-30, review: young, passed
    with Store.open(tmp_path / "odd.db", tz=timezone(timedelta(minutes=10))) as store:
        ana = store.learner("ana")
        store.sync_bank(ana.id, BANK, {"q1": "p1", "q2": "p2", "q3": "p3"})
        answer(store, ana.id, "q1", EASY, at("2026-03-29", 3, 45))
        answer(store, ana.id, "q2", EASY, at("2026-03-29", 3, 55))
        answer(store, ana.id, "q3", EASY, at("2026-03-29", 12))
        store.undo_last(ana.id, now=at("2026-03-29", 12, 1))
        answer(store, ana.id, "q3", EASY, at("2026-03-29", 13))
        answer(store, ana.id, "q1", GOOD, at("2026-03-30", 3, 48))
        again = answer(store, ana.id, "q2", AGAIN, at("2026-03-30", 3, 52))
        store.rerate(ana.id, again.review_id, HARD, now=at("2026-03-30", 3, 53))
        figures = statistics.statistics(store, ana.id, BANK, NOW, {"q1": [], "q2": [], "q3": []})
        # The ends read from the log, as if too busy to pack: the same figures.
        monkeypatch.setattr(statistics, "_DAYS", statistics._DAYS.replace(f"< {statistics._FIELD_LIMIT}", "< 1"))
        assert statistics.statistics(store, ana.id, BANK, NOW, {"q1": [], "q2": [], "q3": []}) == figures
    assert {d.date.isoformat(): d.count for d in figures.calendar if d.count} == {
        "2026-03-28": 1, "2026-03-29": 3, "2026-03-30": 1
    }  # fmt: skip
    assert figures.true_retention["week"] == Retention(young_passed=2)
    assert figures.true_retention["day"] == Retention()


@given(
    day=st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    zone=st.sampled_from(["Europe/Paris", "America/Havana", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago"]),
)
def test_a_study_day_starts_when_the_store_s_day_turns(day: date, zone: str) -> None:
    # Havana and Santiago have changed their clocks at midnight, Lord Howe by half an hour.
    tz = ZoneInfo(zone)
    assert statistics._starts([day], tz) == [to_ms(day_start(day, tz))]


def test_a_learner_without_answers_in_the_bank_has_no_statistics(store: Store) -> None:
    ana = store.learner("ana")
    store.sync_bank(ana.id, BANK, {"q1": "p1"})
    with pytest.raises(NoReviews):
        statistics.statistics(store, ana.id, BANK, NOW, {"q1": []})
    answer(store, ana.id, "q1", GOOD, at("2026-03-30", 10))
    store.undo_last(ana.id, now=at("2026-03-30", 11))
    with pytest.raises(NoReviews):  # undone answers do not count
        statistics.statistics(store, ana.id, BANK, NOW, {"q1": []})


def test_every_figure_is_in_the_json(figures) -> None:
    data = figures.to_dict()
    assert set(data) == {
        "learner", "bank", "today", "desired_retention", "answers_past_year", "streak", "calendar", "forecast",
        "true_retention", "retention_by_month", "cards", "topics", "hardest", "mastered", "questions",
    }  # fmt: skip
    assert data["true_retention"]["year"] == {
        "young_passed": 1, "young_failed": 1, "mature_passed": 1, "mature_failed": 1,
        "young": 0.5, "mature": 0.5, "total": 0.5,
    }  # fmt: skip
    assert data["hardest"][0] == {"question_id": "q6", "lapses": 8, "retrievability": figures.hardest[0].retrievability}


def test_a_day_too_busy_to_pack_is_read_unpacked(store: Store, figures, monkeypatch) -> None:
    # As if every day with answers had more than a packed field holds.
    monkeypatch.setattr(statistics, "_DAYS", statistics._DAYS.replace(f"< {statistics._FIELD_LIMIT}", "< 1"))
    again = statistics.statistics(store, figures_learner(store), BANK, NOW, TOPICS)
    assert again == figures


# The SQL against a plain reading of the log ###############################

# An operation: answer question i with a rating after some hours, or undo, re-rate or override the last answer.
operations = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 3), st.sampled_from([AGAIN, HARD, GOOD, EASY]),
                  st.floats(0.1, 24 * 40)),
        st.tuples(st.sampled_from(["undo", "rerate", "override"]), st.integers(0, 3), st.sampled_from([AGAIN, GOOD]),
                  st.just(0.01)),
    ),
    min_size=1, max_size=40,
)  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations, other_bank=st.booleans(), fold_at=st.integers(0, 40))
def test_the_log_figures_match_a_plain_reading_of_the_effective_log(tmp_path_factory, ops, other_bank, fold_at) -> None:
    folder = tmp_path_factory.mktemp("log")
    with Store.open(folder / "tutor.db", tz=UTC) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        ana = store.learner("ana")
        questions = {f"q{i}": f"p{i}" for i in range(4)}
        store.sync_bank(ana.id, BANK, questions)
        store.sync_bank(ana.id, "other", questions)
        moment = NOW - timedelta(days=400)
        last = None
        for step, (kind, index, rating, hours) in enumerate(ops):
            moment += timedelta(hours=hours)
            if moment >= NOW:
                break
            if step == fold_at:
                # A session's start sums the answers so far by quarter (m007); the figures add the rest from the log.
                store.start_session(ana.id, BANK, moment)
            if kind == "answer":
                bank = "other" if other_bank and index == 3 else BANK
                last = answer(store, ana.id, f"q{index}", rating, moment, bank)
            elif kind == "undo":
                store.undo_last(ana.id, now=moment)
                last = None
            elif last is not None:
                if kind == "rerate":
                    store.rerate(ana.id, last.review_id, rating, now=moment)
                else:
                    store.override(ana.id, last.review_id, now=moment)
        topics = {q: [] for q in questions}
        try:
            figures = statistics.statistics(store, ana.id, BANK, NOW, topics)
        except NoReviews:
            assert not list(store.reviews(ana.id, BANK))
            return
        calendar, retention = plain_reading(store, ana.id)
    assert {d.date: d.count for d in figures.calendar if d.count} == calendar
    assert figures.true_retention["year"] == sum(retention.values(), Retention())
    assert figures.true_retention["week"] == sum(
        (kinds for day, kinds in retention.items() if day > date(2026, 3, 24)), Retention()
    )


def plain_reading(store: Store, learner_id: int) -> tuple[dict[date, int], dict[date, Retention]]:
    """Answers per study day and review-state answers by kind, from store.reviews() and replay."""
    calendar: Counter[date] = Counter()
    retention: dict[date, Retention] = {}
    scheduler = review.scheduler_for(review.DEFAULT_RETENTION)
    first_day = date(2025, 4, 1)
    by_card: dict[int, list] = {}
    for answer_ in store.reviews(learner_id, BANK):
        by_card.setdefault(answer_.card_id, []).append(answer_)
    for answers in by_card.values():
        key = next(f"{BANK}/{c.question_id}" for c in store.cards(learner_id, BANK) if c.id == answers[0].card_id)
        memory = review.NEW
        previous = None
        for answer_ in answers:
            day = (answer_.reviewed_at - timedelta(hours=4)).date()
            # As the log's was_queue has it: a leech is suspended, out of the review queue.
            in_review = memory.reps > 0 and memory.state == fsrs.State.Review and not memory.leech
            if first_day <= day <= NOW.date():
                calendar[day] += 1
                if in_review:
                    young = (answer_.reviewed_at - previous) < timedelta(days=21)
                    passed = answer_.rating != AGAIN
                    kinds = Retention(int(young and passed), int(young and not passed),
                                      int(not young and passed), int(not young and not passed))
                    retention[day] = retention.get(day, Retention()) + kinds
            memory = review.step(memory, answer_.rating, answer_.reviewed_at, scheduler, key)
            previous = answer_.reviewed_at
    return dict(calendar), retention


def test_a_streak_longer_than_the_calendar_counts_the_days_before_it_as_the_status_line_does(store: Store) -> None:
    # Every study day for 400 days up to today, but 380 days ago, whose only answer was undone, and 390 days
    # ago, with an answer in another bank only. 370 days ago the answer was re-rated: it counts, and makes
    # q1 a corrected card, read from its log rather than the SQL.
    ana = store.learner("ana")
    store.sync_bank(ana.id, BANK, {"q1": "p1", "q2": "p2"})
    store.sync_bank(ana.id, "other", {"q1": "p1"})
    for back in range(399, -1, -1):
        moment = NOW - timedelta(days=back)
        if back == 380:
            answer(store, ana.id, "q2", GOOD, moment)
            store.undo_last(ana.id, now=moment + timedelta(minutes=1))
        elif back == 390:
            answer(store, ana.id, "q1", GOOD, moment, bank="other")
        else:
            done = answer(store, ana.id, "q1", GOOD, moment)
            if back == 370:
                store.rerate(ana.id, done.review_id, HARD, now=moment + timedelta(minutes=1))
    figures = statistics.statistics(store, ana.id, BANK, NOW, {"q1": [], "q2": []})
    assert figures.streak == 380 == store.stats_today(ana.id, BANK, NOW).streak


def test_a_busy_day_of_reviews_is_counted_exactly(store: Store) -> None:
    # 2,100 cards reviewed today 30 days after their last answer, 7 others 10 days after: the packed fields
    # of the day run to 16 decimal digits, which a double written out as text would round.
    ana = store.learner("ana")
    mature = [f"q{i}" for i in range(2100)]
    young = [f"y{i}" for i in range(7)]
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in mature + young})
    for days_back in (60, 30):
        for question_id in mature:
            answer(store, ana.id, question_id, EASY, NOW - timedelta(days=days_back))
    for question_id in young:
        answer(store, ana.id, question_id, EASY, NOW - timedelta(days=10))
    for i, question_id in enumerate(mature):
        answer(store, ana.id, question_id, AGAIN if i % 20 == 0 else GOOD, NOW - timedelta(hours=1))
    for question_id in young:
        answer(store, ana.id, question_id, AGAIN, NOW - timedelta(hours=1))
    figures = statistics.statistics(store, ana.id, BANK, NOW, {q: [] for q in mature + young})
    assert figures.true_retention["day"] == Retention(young_failed=7, mature_passed=1995, mature_failed=105)


def test_the_hardest_ten_of_more_equally_hard_cards_are_the_first_by_question_id(store: Store) -> None:
    # Twelve cards answered alike at the same moment: the same lapses and retrievability, so the question id
    # decides. Made in reverse, so that the file's order is not the answer.
    ana = store.learner("ana")
    questions = [f"q{i:02d}" for i in range(11, -1, -1)]
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in questions})
    for question_id in questions:
        answer(store, ana.id, question_id, EASY, at("2026-03-01", 10))
    figures = statistics.statistics(store, ana.id, BANK, NOW, {q: [] for q in questions})
    assert [hard.question_id for hard in figures.hardest] == [f"q{i:02d}" for i in range(10)]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    answers=st.lists(st.tuples(st.integers(0, 5), st.sampled_from([AGAIN, HARD, GOOD, EASY]), st.floats(0.1, 24 * 20)),
                     min_size=1, max_size=30),
    retention=st.floats(0.7, 0.97),
    later=st.floats(0, 24 * 200),
)  # fmt: skip
def test_mastered_cards_are_those_fsrs_gives_a_retrievability_above_the_desired_retention(
    tmp_path_factory, answers, retention, later
) -> None:
    with Store.open(tmp_path_factory.mktemp("mastery") / "tutor.db", tz=UTC) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        ana = store.learner("ana")
        store.update_settings(ana.id, desired_retention=retention)
        questions = {f"q{i}": f"p{i}" for i in range(6)}
        store.sync_bank(ana.id, BANK, questions)
        moment = NOW - timedelta(days=300)
        for index, rating, hours in answers:
            moment += timedelta(hours=hours)
            answer(store, ana.id, f"q{index}", rating, moment)
        now = moment + timedelta(hours=later)
        figures = statistics.statistics(store, ana.id, BANK, now, {q: [] for q in questions})
        scheduler = store.scheduler(store.get_learner(ana.id).scheduler_id)
        expected = [
            card.question_id for card in store.cards(ana.id, BANK)
            if card.state == fsrs.State.Review and scheduler.get_card_retrievability(
                fsrs.Card(card_id=1, state=card.state, stability=card.stability, difficulty=card.difficulty,
                          last_review=card.last_review), now,
            ) > retention
        ]  # fmt: skip
    assert figures.mastered == len(expected)


# The hardest among the candidates of the first scan, or by the exact fallback ############

BY_BASE = "ORDER BY lapses DESC, base DESC"  # only in the fallback's statement


def card_args(store: Store, learner_id: int, now: datetime) -> dict:
    learner = store.get_learner(learner_id)
    scheduler = store.scheduler(learner.scheduler_id)
    return statistics._card_args(learner_id, BANK, now, learner.desired_retention, scheduler)


def hardest_plainly(store: Store, learner_id: int, now: datetime) -> tuple[statistics.Hard, ...]:
    """The hardest by the plain statement: every studied card, ordered by lapses, retrievability, question id."""
    args = card_args(store, learner_id, now)
    return tuple(statistics.Hard(*row) for row in store.conn.execute(statistics._HARDEST, args))


def hardest_traced(store: Store, learner_id: int, now: datetime, questions) -> tuple[tuple, list[str]]:
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    try:
        figures = statistics.statistics(store, learner_id, BANK, now, {q: [] for q in questions})
    finally:
        store.conn.set_trace_callback(None)
    return figures.hardest, ran


def random_log(store: Store, questions: int, seed: int) -> tuple[int, list[str]]:
    """`questions` cards answered at random moments with random ratings, lapses among them."""
    rng = random.Random(seed)
    ana = store.learner("ana")
    ids = [f"q{i:03d}" for i in range(questions)]
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in ids})
    moment = NOW - timedelta(days=200)
    for _ in range(questions * 3):
        moment += timedelta(hours=rng.uniform(1, 30))
        answer(store, ana.id, rng.choice(ids), rng.choice([AGAIN, AGAIN, HARD, GOOD, EASY]), moment)
    return ana.id, ids


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("sample", [25, 1000])
def test_the_hardest_among_a_sample_s_candidates_are_the_plain_statement_s(
    store: Store, seed, sample, monkeypatch
) -> None:
    # A sample of a third of the cards, or all of them (the threshold the tenth hardest itself), sets the
    # threshold; the candidates are few enough to be looked up.
    monkeypatch.setattr(statistics, "SAMPLE", sample)
    monkeypatch.setattr(statistics, "CANDIDATES_SHARE", 1)
    learner_id, ids = random_log(store, 75, seed)
    hardest, ran = hardest_traced(store, learner_id, NOW, ids)
    assert not any(BY_BASE in sql for sql in ran)
    assert len(hardest) == statistics.HARDEST
    assert hardest == hardest_plainly(store, learner_id, NOW)


def test_fewer_studied_cards_than_shown_take_the_fallback(store: Store) -> None:
    learner_id, ids = random_log(store, 6, seed=4)
    hardest, ran = hardest_traced(store, learner_id, NOW, ids)
    assert any(BY_BASE in sql for sql in ran)
    assert hardest == hardest_plainly(store, learner_id, NOW)


def test_candidates_too_many_beside_the_cards_take_the_fallback(store: Store) -> None:
    # Thirty cards alike: all of them reach the threshold, more than one card in CANDIDATES_SHARE.
    ana = store.learner("ana")
    ids = [f"q{i:02d}" for i in range(30)]
    store.sync_bank(ana.id, BANK, {q: f"p-{q}" for q in ids})
    for question_id in ids:
        answer(store, ana.id, question_id, AGAIN, at("2026-03-01", 10))
    hardest, ran = hardest_traced(store, ana.id, NOW, ids)
    assert any(BY_BASE in sql for sql in ran)
    assert hardest == hardest_plainly(store, ana.id, NOW)


@pytest.mark.parametrize("seed", [5, 6])
def test_a_threshold_fewer_than_shown_reach_takes_the_fallback(store: Store, seed) -> None:
    # As if the cards changed between the sample and the scan: only three of the candidates are left.
    learner_id, _ = random_log(store, 40, seed)
    args = card_args(store, learner_id, NOW)
    args["hard_lapses"], args["hard_elapsed"] = statistics._threshold(store.conn.execute, args, args["decay"])
    *_, candidates = store.conn.execute(statistics._STATES, args).fetchone()
    assert candidates.count(",") + 1 >= statistics.HARDEST
    few = ",".join(candidates.split(",")[:3])
    assert statistics._hardest(store.conn.execute, args, 3, few, 40) == hardest_plainly(store, learner_id, NOW)


@pytest.mark.parametrize("other", ["bank", "learner"])
def test_another_bank_s_or_learner_s_cards_leave_the_card_figures_alone(store: Store, other) -> None:
    # Alone in the file the card statements skip each row's learner and bank; beside others they check them.
    learner_id, ids = random_log(store, 30, seed=7)
    alone = statistics.statistics(store, learner_id, BANK, NOW, {q: [] for q in ids})
    owner = store.learner("bo").id if other == "learner" else learner_id
    bank = "other" if other == "bank" else BANK
    store.sync_bank(owner, bank, {f"x{i}": f"p-x{i}" for i in range(20)})
    for i in range(20):  # lapsed cards, harder than any of ana's in the bank
        for rating, day in ((EASY, "2026-01-01"), (AGAIN, "2026-02-20"), (GOOD, "2026-02-21"), (AGAIN, "2026-03-10")):
            answer(store, owner, f"x{i}", rating, at(day, 10), bank=bank)
    beside = statistics.statistics(store, learner_id, BANK, NOW, {q: [] for q in ids})
    assert (beside.cards, beside.hardest, beside.mastered) == (alone.cards, alone.hardest, alone.mastered)
    assert beside.hardest == hardest_plainly(store, learner_id, NOW)
