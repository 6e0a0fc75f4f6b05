"""What the store reads and writes, as plain dataclasses, and how they map to rows.

Times are stored as integer milliseconds since the Unix epoch (UTC); a time handed
to the store is cut to the millisecond, so what it returns equals what it stored.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import overload

import fsrs

DAY_MS = 86_400_000
# queue column: what the study queue does with a card; an index on
# (learner_id, bank_id, queue, due) answers each of its questions with one seek.
QUEUE_INACTIVE, QUEUE_NEW, QUEUE_LEARNING, QUEUE_REVIEW = -1, 0, 1, 2


class Kind(StrEnum):
    """What a row of the review log is: an answer, or a correction of an earlier answer (its target)."""

    ANSWER = "answer"
    RERATE = "rerate"  # the learner changed the rating
    VOID = "void"  # undone: the answer no longer counts
    OVERRIDE = "override"  # the learner says they were right: rated Good, response kept


@dataclass(frozen=True)
class Learner:
    """A learner as the store keeps them: who they are, their study settings and scheduler."""

    id: int
    uuid: str
    name: str
    display_name: str
    email: str
    student_id: str
    desired_retention: float
    new_per_day: int
    reviews_per_day: int
    parameters: tuple[float, ...] | None
    # Topics to study (empty: all), and extra new cards allowed on one study day.
    topics: tuple[str, ...]
    extra_new: int
    extra_new_day: date | None
    scheduler_id: int

    def new_limit(self, day: date) -> int:
        """New cards allowed on the study day `day`."""
        return self.new_per_day + (self.extra_new if day == self.extra_new_day else 0)


LEARNER_COLUMNS = (
    "id, uuid, name, display_name, email, student_id, desired_retention, new_per_day, reviews_per_day, "
    "parameters, settings, scheduler_id"
)


def learner_from_row(row: tuple) -> Learner:
    """The learner in a row of LEARNER_COLUMNS."""
    (learner_id, uuid, name, display_name, email, student_id, retention, new_per_day, reviews_per_day,
     parameters, settings, scheduler_id) = row  # fmt: skip
    study = json.loads(settings)
    extra_day = study.get("extra_new_day")
    return Learner(
        id=learner_id,
        uuid=uuid,
        name=name,
        display_name=display_name,
        email=email,
        student_id=student_id,
        desired_retention=retention,
        new_per_day=new_per_day,
        reviews_per_day=reviews_per_day,
        parameters=tuple(json.loads(parameters)) if parameters else None,
        topics=tuple(study.get("topics", ())),
        extra_new=study.get("extra_new", 0),
        extra_new_day=date.fromisoformat(extra_day) if extra_day else None,
        scheduler_id=scheduler_id,
    )


def settings_json(topics: tuple[str, ...], extra_new: int, extra_new_day: date | None) -> str:
    """The learners.settings text for these study settings (defaults left out)."""
    settings: dict[str, object] = {}
    if topics:
        settings["topics"] = list(topics)
    if extra_new and extra_new_day is not None:
        settings["extra_new"] = extra_new
        settings["extra_new_day"] = extra_new_day.isoformat()
    return json.dumps(settings, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Memory:
    """What answers change on a card: its FSRS state and the leech count, the replay of its log."""

    state: fsrs.State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime | None
    last_review: datetime | None
    reps: int
    lapses: int
    leech: bool


NEW = Memory(fsrs.State.Learning, 0, None, None, None, None, 0, 0, False)


@dataclass(frozen=True)
class Card:
    """A learner's progress on one question of one bank."""

    id: int
    learner_id: int
    bank_id: str
    question_id: str
    passage: str
    state: fsrs.State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime | None
    last_review: datetime | None
    reps: int
    lapses: int
    suspended: bool
    leech: bool
    retired: bool
    buried_until: datetime | None

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def queue(self) -> int:
        return queue_of(self.reps, self.state, self.suspended, self.retired)

    @property
    def key(self) -> str:
        """What seeds the card's interval fuzz: the same in every copy of the file."""
        return f"{self.bank_id}/{self.question_id}"

    @property
    def memory(self) -> Memory:
        return Memory(
            self.state, self.step, self.stability, self.difficulty, self.due, self.last_review,
            self.reps, self.lapses, self.leech,
        )  # fmt: skip

    def remembering(self, memory: Memory, suspended: bool) -> Card:
        """This card with `memory`, suspended or not."""
        # The constructor, not dataclasses.replace: this is the hot path, and replace costs 4x.
        return Card(
            self.id, self.learner_id, self.bank_id, self.question_id, self.passage, memory.state, memory.step,
            memory.stability, memory.difficulty, memory.due, memory.last_review, memory.reps, memory.lapses,
            suspended, memory.leech, self.retired, self.buried_until,
        )  # fmt: skip


def queue_of(reps: int, state: int, suspended: bool, retired: bool) -> int:
    """The queue column of a card with these fields."""
    if suspended or retired:
        return QUEUE_INACTIVE
    if reps == 0:
        return QUEUE_NEW
    return QUEUE_REVIEW if state == fsrs.State.Review else QUEUE_LEARNING


CARD_COLUMNS = (
    "id, learner_id, bank_id, question_id, passage, state, step, stability, difficulty, "
    "due, last_review, reps, lapses, suspended, leech, retired, buried_until"
)


def card_from_row(row: tuple) -> Card:
    """The card in a row of CARD_COLUMNS."""
    (card_id, learner_id, bank_id, question_id, passage, state, step, stability, difficulty,
     due, last_review, reps, lapses, suspended, leech, retired, buried_until) = row  # fmt: skip
    return Card(
        card_id, learner_id, bank_id, question_id, passage, fsrs.State(state), step, stability, difficulty,
        from_ms(due), from_ms(last_review), reps, lapses, bool(suspended), bool(leech), bool(retired),
        from_ms(buried_until),
    )  # fmt: skip


@dataclass(frozen=True)
class Answer:
    """What recording, re-rating or overriding an answer did."""

    review_id: int
    rating: int
    card: Card
    became_leech: bool

    @property
    def due(self) -> datetime:
        assert self.card.due is not None
        return self.card.due


@dataclass(frozen=True)
class UndoResult:
    """The answer an undo voided, and its card as it was before that answer."""

    review_id: int
    card: Card


@dataclass(frozen=True)
class Review:
    """One answer of the effective log: not voided, with its latest rating."""

    id: int
    uuid: str
    learner_id: int
    card_id: int
    bank_id: str
    reviewed_at: datetime
    rating: int
    response: str
    score: float
    duration_ms: int
    hinted: bool
    revision: str | None
    overridden: bool


@dataclass(frozen=True)
class Entry:
    """One row of the review log as written: an answer or a correction of one (`target`)."""

    id: int
    kind: Kind
    target: int | None
    reviewed_at: datetime
    rating: int | None
    scheduler_id: int | None


ENTRY_COLUMNS = "id, kind, target, reviewed_at, rating, scheduler_id"


def entry_from_row(row: tuple) -> Entry:
    entry_id, kind, target, reviewed_at, rating, scheduler_id = row
    return Entry(entry_id, Kind(kind), target, from_ms(reviewed_at), rating, scheduler_id)


@dataclass(frozen=True)
class SyncResult:
    """Cards a bank sync added, retired (question gone) and restored (question back)."""

    added: int
    retired: int
    restored: int


@dataclass(frozen=True)
class DayCounts:
    """Answers given since the study day began, by what the card was before."""

    new: int
    reviews: int
    total: int


@dataclass(frozen=True)
class StudyDay:
    """A learner's study day in one bank as of a moment: its bounds, its date, the limits and what was done."""

    start: datetime
    end: datetime
    date: date
    learner: Learner
    done: DayCounts
    generation: int


def interval_days(at_ms: int, last_review_ms: int | None) -> int | None:
    """The reviews.was_interval of an answer at `at_ms` to a card last answered at `last_review_ms`.

    Whole days since the card's previous answer that counted (None for its first), as
    Anki's revlog keeps lastIvl; an answer logged before its previous one (a clock set
    back) is 0 days after it.
    """
    return None if last_review_ms is None else max(0, at_ms - last_review_ms) // DAY_MS


def review_uuid(ms: int) -> str:
    """A version 7 UUID (RFC 9562) for the log row written at `ms`: random after a leading timestamp.

    Rows written in order sort in order, so the index that keeps them unique grows
    at one end, as the log does, instead of touching a random page at every answer.
    """
    rand = int.from_bytes(os.urandom(10), "big")
    value = ms << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62 | rand & ((1 << 62) - 1)
    hexed = f"{value:032x}"
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLISECOND = timedelta(milliseconds=1)


@overload
def to_ms(moment: datetime) -> int: ...
@overload
def to_ms(moment: None) -> None: ...
def to_ms(moment: datetime | None) -> int | None:
    """How the store writes a time: whole milliseconds since the Unix epoch, sub-milliseconds cut."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return (moment - _EPOCH) // _MILLISECOND


@overload
def from_ms(ms: int) -> datetime: ...
@overload
def from_ms(ms: None) -> None: ...
def from_ms(ms: int | None) -> datetime | None:
    """A time as the store wrote it, in UTC; None stays None."""
    return None if ms is None else _EPOCH + timedelta(milliseconds=ms)
