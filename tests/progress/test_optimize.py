"""Fitting FSRS parameters to a learner's own history (progress/optimize.py)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler

from progress.optimize import MIN_REVIEWS, NotEnoughHistory, PastReview, fit_learner, fit_parameters, log_loss
from progress.store import Store

START = datetime(2025, 1, 6, 8, tzinfo=timezone.utc)


def strong_memory_parameters() -> tuple[float, ...]:
    """A learner who forgets much more slowly than FSRS's default learner."""
    parameters = list(Scheduler().parameters)
    for initial_stability in range(4):
        parameters[initial_stability] *= 4
    parameters[8] += 0.6  # stability grows more after each success
    parameters[11] *= 1.5  # and falls less after a lapse
    return tuple(parameters)


def simulated_histories(
    parameters: tuple[float, ...], *, cards: int, days: int, seed: int
) -> dict[int, list[PastReview]]:
    """Reviews of a learner whose recall follows `parameters`, scheduled by them.

    Each review is recalled with the probability fsrs gives at that moment; the
    learner is sometimes late, so reviews meet a spread of retrievabilities.
    """
    rng = random.Random(seed)
    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    end = START + timedelta(days=days)
    histories: dict[int, list[PastReview]] = {}
    for card_id in range(1, cards + 1):
        card = Card(card_id=card_id)
        reviewed_at = START + timedelta(days=rng.randrange(days // 3), hours=rng.uniform(0, 12))
        rating = rng.choices([1, 2, 3, 4], weights=[0.2, 0.1, 0.6, 0.1])[0]
        reviews: list[PastReview] = []
        while reviewed_at < end:
            if reviews:
                recalled = rng.random() < scheduler.get_card_retrievability(card, reviewed_at)
                rating = rng.choices([2, 3, 4], weights=[0.1, 0.8, 0.1])[0] if recalled else 1
            reviews.append(PastReview(reviewed_at, rating))
            card, _ = scheduler.review_card(card, Rating(rating), reviewed_at)
            interval = card.due - reviewed_at
            lateness = interval * rng.choice([0, 0, 0, 1 / 3, 2 / 3, 5 / 3]) if interval.days >= 1 else timedelta(0)
            reviewed_at = card.due + lateness + timedelta(minutes=rng.uniform(0, 60))
        histories[card_id] = reviews
    return histories


def test_fit_predicts_a_strong_memory_better_than_the_defaults() -> None:
    known = strong_memory_parameters()
    histories = simulated_histories(known, cards=1000, days=180, seed=7)

    fit = fit_parameters(histories)

    assert fit.reviews_used == sum(len(reviews) for reviews in histories.values())
    assert fit.cards_used == 1000
    assert fit.log_loss_after < fit.log_loss_before - 0.01
    # As good as the parameters that made the data, give or take the noise of a fit.
    assert fit.log_loss_after <= log_loss(list(histories.values()), known) + 0.005
    # The learner's first "Good" is remembered longer than the default learner's.
    assert fit.parameters[2] > 2 * Scheduler().parameters[2]


def test_fitted_parameters_are_accepted_by_the_scheduler() -> None:
    fit = fit_parameters(simulated_histories(strong_memory_parameters(), cards=300, days=120, seed=3))

    scheduler = Scheduler(parameters=fit.parameters)

    card, _ = scheduler.review_card(Card(card_id=1), Rating.Good, START)
    assert card.due > START


def test_a_learner_s_fit_is_read_from_the_store_and_kept_there(tmp_path: Path) -> None:
    histories = simulated_histories(strong_memory_parameters(), cards=300, days=120, seed=5)
    with Store.open(tmp_path / "tutor.db", tz=timezone.utc) as store:
        learner = store.learner("ada")
        store.sync_bank(learner.id, "mali", {f"q{card_id}": f"p{card_id}" for card_id in histories})
        for card_id, reviews in histories.items():
            for reviewed_at, rating in reviews:
                store.record(
                    learner.id, "mali", f"q{card_id}",
                    rating=rating, revision="", response="", score=float(rating > 1), duration_ms=5000, hinted=False,
                    now=reviewed_at,
                )  # fmt: skip

        fit = fit_learner(store, learner.id)

        assert fit == fit_parameters(histories)
        assert store.get_learner(learner.id).parameters == fit.parameters


def test_the_fit_reads_the_effective_log_undone_answers_out_and_re_ratings_once(tmp_path: Path) -> None:
    histories = simulated_histories(strong_memory_parameters(), cards=300, days=120, seed=5)
    with Store.open(tmp_path / "tutor.db", tz=timezone.utc) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # thousands of answers: the fsyncs would only slow the test
        learner = store.learner("ada")
        store.sync_bank(learner.id, "mali", {f"q{card_id}": f"p{card_id}" for card_id in histories})
        for card_id, reviews in histories.items():
            for reviewed_at, rating in reviews:
                # Every third card's answers are first rated wrongly and re-rated; every fifth gets one more, undone.
                given = store.record(
                    learner.id, "mali", f"q{card_id}",
                    rating=rating % 4 + 1 if card_id % 3 == 0 else rating, revision="", response="",
                    score=float(rating > 1), duration_ms=5000, hinted=False, now=reviewed_at,
                )  # fmt: skip
                if card_id % 3 == 0:
                    store.rerate(learner.id, given.review_id, rating, now=reviewed_at)
            if card_id % 5 == 0:
                store.record(
                    learner.id, "mali", f"q{card_id}", rating=1, revision="", response="", score=0.0,
                    duration_ms=5000, hinted=False, now=reviews[-1].reviewed_at + timedelta(days=1),
                )  # fmt: skip
                store.undo_last(learner.id, now=reviews[-1].reviewed_at + timedelta(days=1))

        assert fit_learner(store, learner.id) == fit_parameters(histories)


def test_a_learner_without_enough_history_keeps_the_default_parameters(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tutor.db", tz=timezone.utc) as store:
        learner = store.learner("ada")
        store.sync_bank(learner.id, "mali", {"q1": "p1"})
        store.record(
            learner.id, "mali", "q1", rating=3, revision="", response="", score=1.0, duration_ms=5000, hinted=False,
            now=START,
        )

        with pytest.raises(NotEnoughHistory, match="only 1 review of 1 card on 1 day"):
            fit_learner(store, learner.id)

        assert store.get_learner(learner.id).parameters is None


def test_a_short_history_is_refused_with_its_reason() -> None:
    histories = simulated_histories(Scheduler().parameters, cards=15, days=30, seed=1)
    reviews = sum(len(reviews) for reviews in histories.values())
    assert reviews < MIN_REVIEWS

    with pytest.raises(NotEnoughHistory) as refused:
        fit_parameters(histories)

    assert f"only {reviews} reviews of 15 cards" in str(refused.value)
    assert f"at least {MIN_REVIEWS} reviews" in str(refused.value)


def test_many_reviews_on_a_single_day_are_refused() -> None:
    histories = {
        card_id: [PastReview(START + timedelta(minutes=minute), 3) for minute in range(5)]
        for card_id in range(100)
    }

    with pytest.raises(NotEnoughHistory, match="500 reviews of 100 cards on 1 day, 0 of them"):
        fit_parameters(histories)


def test_a_review_time_without_a_time_zone_is_a_bug() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        fit_parameters({1: [PastReview(datetime(2025, 1, 6, 8), 3)]})
