"""Fit a learner's FSRS parameters to their own review history.

The fit itself is fsrs-rs (through `fsrs-rs-python`, no torch). The log loss
before and after is measured here, by replaying each card through the `fsrs`
package that schedules Tutor's cards, so both figures mean the same thing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple

import fsrs_rs_python
from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from progress.store import Store

# Anki's optimiser long asked for 400 reviews; fewer fit noise, not memory.
MIN_REVIEWS = 400
# fsrs-rs only refits the four initial stabilities below 64 training items
# (reviews on a later day than the card's previous one, after its outlier filter).
MIN_TRAINING_ITEMS = 64
# Keeps log(p) finite when a prediction is exactly 0 or 1.
_EPSILON = 1e-6


class PastReview(NamedTuple):
    """One answer from a card's history: when (UTC) and the rating 1-4."""

    reviewed_at: datetime
    rating: int


@dataclass(frozen=True)
class Fit:
    """Fitted parameters and how well they and the defaults predict the history."""

    parameters: tuple[float, ...]
    reviews_used: int
    cards_used: int
    log_loss_before: float
    log_loss_after: float


class NotEnoughHistory(Exception):
    """The history is too short to fit parameters; the message says why."""


def fit_parameters(histories: Mapping[Hashable, Sequence[PastReview]]) -> Fit:
    """Fit FSRS parameters to per-card review histories.

    Raises NotEnoughHistory when fsrs-rs would not run its optimiser on them.
    """
    cards = [_in_order(reviews) for reviews in histories.values() if reviews]
    review_count = sum(len(card) for card in cards)
    items, item_card_ids = _training_items(cards)
    initialization, training = _split_like_fsrs_rs(items)
    refusal = _refusal(cards, review_count, len(items), len(training), len(initialization))
    if refusal:
        raise NotEnoughHistory(refusal)

    model = fsrs_rs_python.FSRS(fsrs_rs_python.DEFAULT_PARAMETERS)
    fitted = _within_fsrs_bounds(model.compute_parameters(items, card_ids=item_card_ids))
    default = Scheduler().parameters
    return Fit(
        parameters=fitted,
        reviews_used=review_count,
        cards_used=len(cards),
        log_loss_before=log_loss(cards, default),
        log_loss_after=log_loss(cards, fitted),
    )


def fit_learner(store: Store, learner_id: int) -> Fit:
    """Fit the learner's parameters to all their reviews and keep them if they predict better.

    The fitted parameters are stored as the learner's only when their log loss
    on the history is below the defaults'; raises NotEnoughHistory like
    `fit_parameters`.
    """
    histories: defaultdict[int, list[PastReview]] = defaultdict(list)
    for review in store.reviews(learner_id):
        histories[review.card_id].append(PastReview(review.reviewed_at, review.rating))
    fit = fit_parameters(histories)
    if fit.log_loss_after < fit.log_loss_before:
        store.set_parameters(learner_id, fit.parameters)
    return fit


def log_loss(cards: Sequence[Sequence[PastReview]], parameters: Sequence[float]) -> float:
    """Mean binary log loss of `fsrs` retrievability against recall (rating > 1).

    Only reviews at least a day after the card's previous one are scored: on the
    same day fsrs predicts recall 1.0 whatever the parameters, as fsrs-rs's loss
    also leaves them out.
    """
    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    total = 0.0
    scored = 0
    for index, reviews in enumerate(cards):
        card = Card(card_id=index)
        for reviewed_at, rating in _in_order(reviews):
            if card.last_review is not None and (reviewed_at - card.last_review).days >= 1:
                p = min(max(scheduler.get_card_retrievability(card, reviewed_at), _EPSILON), 1 - _EPSILON)
                total += math.log(p) if rating > 1 else math.log(1 - p)
                scored += 1
            card, _ = scheduler.review_card(card, Rating(rating), reviewed_at)
    if scored == 0:
        raise NotEnoughHistory("no review came a day or more after the card's previous one")
    return -total / scored


def _in_order(reviews: Sequence[PastReview]) -> list[PastReview]:
    """The card's reviews sorted by time, with times in `timezone.utc` as fsrs requires."""
    normalised = []
    for reviewed_at, rating in reviews:
        if reviewed_at.tzinfo is None:
            raise ValueError(f"review time {reviewed_at.isoformat()} has no time zone")
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating {rating!r} is not 1-4")
        normalised.append(PastReview(reviewed_at.astimezone(timezone.utc), int(rating)))
    return sorted(normalised)


def _training_items(
    cards: Sequence[Sequence[PastReview]],
) -> tuple[list[fsrs_rs_python.FSRSItem], list[int]]:
    """One FSRSItem per review on a later day than the card's previous review.

    delta_t counts whole 24-hour days, as `fsrs.Scheduler` does when it uses the
    parameters, so the fit sees the intervals the scheduler will see.
    """
    items: list[fsrs_rs_python.FSRSItem] = []
    card_ids: list[int] = []
    for card_id, reviews in enumerate(cards):
        history: list[fsrs_rs_python.FSRSReview] = []
        previous = reviews[0].reviewed_at
        for reviewed_at, rating in reviews:
            delta_t = (reviewed_at - previous).days
            history.append(fsrs_rs_python.FSRSReview(rating, delta_t))
            if delta_t > 0:
                items.append(fsrs_rs_python.FSRSItem(list(history)))
                card_ids.append(card_id)
            previous = reviewed_at
    return items, card_ids


def _split_like_fsrs_rs(
    items: list[fsrs_rs_python.FSRSItem],
) -> tuple[list[fsrs_rs_python.FSRSItem], list[fsrs_rs_python.FSRSItem]]:
    """fsrs-rs's own split: items for the initial stabilities, and all items it trains on."""
    first_long_term = [item for item in items if item.long_term_review_cnt() == 1]
    later = [item for item in items if item.long_term_review_cnt() > 1]
    initialization, kept_later = fsrs_rs_python.filter_outlier(first_long_term, later)
    return initialization, initialization + kept_later


def _refusal(
    cards: Sequence[Sequence[PastReview]],
    review_count: int,
    later_day_count: int,
    training_count: int,
    initialization_count: int,
) -> str | None:
    """Why fitting these histories would not be meaningful, or None."""
    if review_count >= MIN_REVIEWS and training_count >= MIN_TRAINING_ITEMS and training_count > initialization_count:
        return None
    days = len({reviewed_at.date() for reviews in cards for reviewed_at, _ in reviews})
    return (
        f"only {_counted(review_count, 'review')} of {_counted(len(cards), 'card')} on {_counted(days, 'day')}, "
        f"{later_day_count} of them a day or more after the card's previous review; "
        f"fitting needs at least {MIN_REVIEWS} reviews, {MIN_TRAINING_ITEMS} usable ones "
        "a day or more after the card's previous review, and some cards reviewed "
        "on three different days"
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _within_fsrs_bounds(parameters: Sequence[float]) -> tuple[float, ...]:
    """fsrs-rs's parameters, rounded, inside the bounds `fsrs.Scheduler` accepts."""
    return tuple(
        min(max(round(value, 4), low), high)
        for value, low, high in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )
