"""The review step: from a verdict to a rating, and from a card's memory and a rating to its next memory.

Pure functions over `Memory`, as py-fsrs's `review_card` is: the store persists.
FSRS itself is the `fsrs` package; this module chooses its inputs, makes its
interval fuzz reproducible, counts lapses towards a leech, and reads the log:
a card's memory is `replay` of its effective answers, whatever undo, re-rating
and overrides were done to them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from progress.records import NEW, Entry, Kind, Memory

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
DEFAULT_RETENTION = 0.9
LEECH_LAPSES = 8
# fsrs's ratings by number (the enum's call costs more than the lookup).
_RATINGS = {rating.value: rating for rating in fsrs.Rating}
# fsrs ignores a new card's due date when scheduling its first answer.
_NO_DUE = datetime.min.replace(tzinfo=timezone.utc)


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
    # Fuzz is applied by `step` from a seed, so a replay of the log gives the same dates.
    if parameters is None:
        return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    return fsrs.Scheduler(parameters=parameters, desired_retention=desired_retention, enable_fuzzing=False)


def scheduler_for(desired_retention: float, parameters: Sequence[float] | None = None) -> fsrs.Scheduler:
    """The FSRS scheduler for a learner's desired retention and (if fitted) own parameters."""
    return _scheduler(float(desired_retention), tuple(parameters) if parameters is not None else None)


def check_rating(rating: int) -> None:
    if rating not in (AGAIN, HARD, GOOD, EASY):
        raise ValueError(f"rating must be 1-4, not {rating!r}")


def step(memory: Memory, rating: int, at: datetime, scheduler: fsrs.Scheduler, key: str) -> Memory:
    """The memory after answering with `rating` at `at` (UTC), its interval fuzzed from `key` and reps.

    The same memory, rating, time, scheduler and key always give the same result,
    so a card's memory is rebuilt exactly by replaying its log.
    """
    card = fsrs.Card(
        card_id=1, state=memory.state, step=memory.step, stability=memory.stability,
        difficulty=memory.difficulty, due=memory.due or _NO_DUE, last_review=memory.last_review,
    )  # fmt: skip
    after, _ = scheduler.review_card(card, _RATINGS[rating], at)
    due = after.due
    if after.state == fsrs.State.Review:
        rng = random.Random(f"{key}/{memory.reps}")
        due = at + timedelta(days=_fuzzed_days((due - at).days, scheduler.maximum_interval, rng))
    lapses = memory.lapses + (memory.state == fsrs.State.Review and rating == AGAIN)
    return Memory(
        after.state, after.step, after.stability, after.difficulty, due, after.last_review,
        memory.reps + 1, lapses, memory.leech or lapses >= LEECH_LAPSES,
    )  # fmt: skip


def _fuzzed_days(days: int, maximum: int, rng: random.Random) -> int:
    """FSRS's interval fuzz (the ranges of `fsrs.scheduler.FUZZ_RANGES`), drawn from `rng`."""
    if days < 2.5:
        return days
    low, high = _fuzz_range(days, maximum)
    return min(round(rng.random() * (high - low + 1) + low), maximum)


@lru_cache(maxsize=1024)
def _fuzz_range(days: int, maximum: int) -> tuple[int, int]:
    """The fewest and most days an interval of `days` may be fuzzed to: the same for every card, so kept."""
    delta = 1.0
    for fuzz in FUZZ_RANGES:
        delta += fuzz["factor"] * max(min(float(days), fuzz["end"]) - fuzz["start"], 0.0)
    high = min(round(days + delta), maximum)
    return min(max(2, round(days - delta)), high), high


class Step(NamedTuple):
    """One effective answer, as replay needs it: its rating, time and scheduler."""

    rating: int
    at: datetime
    scheduler: fsrs.Scheduler


def replay(key: str, log: Iterable[Step]) -> Memory:
    """The memory of the card seeded by `key` after its effective answers `log`, oldest first."""
    memory = NEW
    for rating, at, scheduler in log:
        memory = step(memory, rating, at, scheduler, key)
    return memory


@dataclass(frozen=True)
class Correction:
    """What the log's corrections make of one answer: its latest rating, or None if voided."""

    rating: int | None
    overridden: bool


VOIDED = Correction(None, False)


def corrections(entries: Iterable[Entry]) -> dict[int, Correction]:
    """Each corrected answer's correction, by answer id, from log rows in the order written.

    The latest re-rating or override gives the rating; a void is final.
    """
    found: dict[int, Correction] = {}
    for entry in entries:
        if entry.kind is Kind.ANSWER or entry.target is None or found.get(entry.target) is VOIDED:
            continue
        found[entry.target] = VOIDED if entry.kind is Kind.VOID else Correction(
            entry.rating, entry.kind is Kind.OVERRIDE
        )
    return found


def effective(entries: Sequence[Entry]) -> list[tuple[Entry, int, bool]]:
    """The answers among log rows that still count, each with its latest rating and whether overridden."""
    fixes = corrections(entries)
    answers = []
    for entry in entries:
        if entry.kind is not Kind.ANSWER:
            continue
        fix = fixes.get(entry.id)
        if fix is None:
            assert entry.rating is not None
            answers.append((entry, entry.rating, False))
        elif fix.rating is not None:
            answers.append((entry, fix.rating, fix.overridden))
    return answers
