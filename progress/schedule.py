"""From a verdict to an FSRS rating, and from a rating to the card's next state.

FSRS itself is the `fsrs` package; this module only chooses its inputs and
makes its interval fuzz reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

import fsrs
from fsrs.scheduler import FUZZ_RANGES

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
DEFAULT_RETENTION = 0.9


def rating_for(score: float, correct: bool, hinted: bool) -> int:
    """The rating a verdict earns: wrong Again, right after a hint or partly right Hard, right Good.

    Easy is never guessed: only the learner can say an answer was easy.
    """
    if score <= 0:
        return AGAIN
    if hinted or not correct or score < 1.0:
        return HARD
    return GOOD


@lru_cache(maxsize=32)
def _scheduler(desired_retention: float, parameters: tuple[float, ...] | None) -> fsrs.Scheduler:
    # Fuzz is applied by `review` from a seed, so a replay of the log gives the same dates.
    if parameters is None:
        return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    return fsrs.Scheduler(parameters=parameters, desired_retention=desired_retention, enable_fuzzing=False)


def scheduler_for(desired_retention: float, parameters: Sequence[float] | None = None) -> fsrs.Scheduler:
    """The FSRS scheduler for a learner's desired retention and (if fitted) own parameters."""
    return _scheduler(float(desired_retention), tuple(parameters) if parameters is not None else None)


def review(
    scheduler: fsrs.Scheduler, card: fsrs.Card, rating: int, now: datetime, seed: str
) -> fsrs.Card:
    """The card after answering it with `rating` at `now`, its interval fuzzed from `seed`.

    The same card, rating, time and seed always give the same result, so a
    card's state can be rebuilt exactly by replaying its review log.
    """
    after, _ = scheduler.review_card(card, fsrs.Rating(rating), now)
    if after.state == fsrs.State.Review:
        days = _fuzzed_days((after.due - now).days, scheduler.maximum_interval, random.Random(seed))
        after.due = now + timedelta(days=days)
    return after


def _fuzzed_days(days: int, maximum: int, rng: random.Random) -> int:
    """FSRS's interval fuzz (the ranges of `fsrs.scheduler.FUZZ_RANGES`), drawn from `rng`."""
    if days < 2.5:
        return days
    delta = 1.0
    for fuzz in FUZZ_RANGES:
        delta += fuzz["factor"] * max(min(float(days), fuzz["end"]) - fuzz["start"], 0.0)
    high = min(round(days + delta), maximum)
    low = min(max(2, round(days - delta)), high)
    return min(round(rng.random() * (high - low + 1) + low), maximum)
