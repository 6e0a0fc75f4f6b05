"""The gradebook: one row per learner of a class for one course, and the files a gradebook imports.

Per learner: mastery (the share of the course's questions whose card is in review with
a stability of MASTERED_DAYS or more: Anki's "mature"), overall and per topic; questions
seen; effective reviews; time studied (each answer's time capped at ANSWER_CAP_MS, as
Anki caps it, so a question left open over lunch is not an hour of study); retention
(the share of answers to cards in review that were not Again: Anki's "true retention");
when they last studied; and their streak of study days up to today (the day turns over
at 04:00 local time, as the learner's own streak does).

Formats are a registry (FORMATS), one writer each. Every column declares its range and
every value is checked against it before a file is written: Moodle refuses a whole
import for one grade out of range. Every text cell is neutralised (see `cells`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import IO

import fsrs

from progress.classes.attempts import attempts
from progress.classes.cells import write_csv
from progress.records import QUEUE_REVIEW, Learner, from_ms, learner_from_row, LEARNER_COLUMNS
from progress.review import AGAIN
from progress.studyday import study_date

MASTERED_DAYS = 21.0
ANSWER_CAP_MS = 5 * 60 * 1000
# Study days are found per quarter hour of UTC: every time zone's offset is a multiple of it.
_QUARTER_MS = 15 * 60 * 1000


@dataclass(frozen=True)
class Outline:
    """What the gradebook needs of a course: its id, title, and questions (id -> topics) in order."""

    id: str
    title: str
    questions: Mapping[str, tuple[str, ...]]

    def topics(self) -> list[str]:
        """The course's topics, in the order their first question comes."""
        return list(dict.fromkeys(t for topics in self.questions.values() for t in topics))


@dataclass(frozen=True)
class Row:
    """One learner's line of the gradebook."""

    learner: Learner
    mastery: float  # percent of the course's questions mastered
    topic_mastery: dict[str, float]  # percent, per topic
    seen: int
    reviews: int
    minutes: float
    retention: float | None  # percent; None without answers to cards in review
    last: datetime | None
    streak: int


@dataclass
class _Tally:
    seen: set[str] = field(default_factory=set)
    reviews: int = 0
    capped_ms: int = 0
    in_review: int = 0
    recalled: int = 0
    last_ms: int | None = None
    quarters: set[int] = field(default_factory=set)


def gradebook(conn: sqlite3.Connection, outline: Outline, now: datetime, tz: tzinfo | None = None) -> list[Row]:
    """Every learner's row for the course, by name; `tz` places the study days (None: the system's)."""
    questions = outline.questions
    tallies: dict[int, _Tally] = {}
    for attempt in attempts(conn, outline.id):
        tally = tallies.get(attempt.learner_id)
        if tally is None:
            tally = tallies[attempt.learner_id] = _Tally()
        if attempt.question_id in questions:
            tally.seen.add(attempt.question_id)
        tally.reviews += 1
        tally.capped_ms += min(max(attempt.duration_ms, 0), ANSWER_CAP_MS)
        if attempt.was_queue == QUEUE_REVIEW:
            tally.in_review += 1
            tally.recalled += attempt.rating > AGAIN
        tally.last_ms = attempt.at_ms  # attempts come in time order
        tally.quarters.add(attempt.at_ms // _QUARTER_MS)
    mastered: dict[int, set[str]] = {}
    for learner_id, question_id in conn.execute(
        "SELECT learner_id, question_id FROM cards WHERE bank_id = ? AND state = ? AND stability >= ? AND NOT retired",
        (outline.id, fsrs.State.Review.value, MASTERED_DAYS),
    ):
        if question_id in questions:
            mastered.setdefault(learner_id, set()).add(question_id)
    by_topic: dict[str, list[str]] = {}
    for question_id, topics in questions.items():
        for topic in topics:
            by_topic.setdefault(topic, []).append(question_id)
    today = study_date(now, tz)
    days_of: dict[int, date] = {}  # quarter -> its study day, shared by the class: its learners study the same days
    for tally in tallies.values():
        for quarter in tally.quarters:
            if quarter not in days_of:
                days_of[quarter] = study_date(from_ms(quarter * _QUARTER_MS), tz)
    rows = []
    by_name = f"SELECT {LEARNER_COLUMNS} FROM learners ORDER BY name COLLATE NOCASE, name"  # "alice" before "Zoë"
    for learner in (learner_from_row(r) for r in conn.execute(by_name)):
        tally = tallies.get(learner.id, _Tally())
        known = mastered.get(learner.id, set())
        rows.append(Row(
            learner=learner,
            mastery=_percent(len(known), len(questions)),
            topic_mastery={t: _percent(len(known.intersection(qs)), len(qs)) for t, qs in by_topic.items()},
            seen=len(tally.seen),
            reviews=tally.reviews,
            minutes=round(tally.capped_ms / 60_000, 1),
            retention=_percent(tally.recalled, tally.in_review) if tally.in_review else None,
            last=from_ms(tally.last_ms) if tally.last_ms is not None else None,
            streak=_streak({days_of[q] for q in tally.quarters}, today),
        ))  # fmt: skip
    return rows


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def _streak(days: set[date], today: date) -> int:
    """Study days in a row up to today; today may have none yet (then the streak runs to yesterday)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


# Formats ############################################################################


@dataclass(frozen=True)
class Column:
    """A column of a gradebook file: its header, its value for a row, and its declared range (numbers)."""

    header: str
    value: Callable[[Row], object]
    low: float | None = None
    high: float | None = None


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment is not None else ""


def _measures(outline: Outline, names: Mapping[str, str]) -> list[Column]:
    """The learner's figures, under the headers `names` gives them, then mastery per topic."""
    total = len(outline.questions)
    return [
        Column(names["mastery"], lambda r: r.mastery, 0, 100),
        Column(names["seen"], lambda r: r.seen, 0, total),
        Column(names["reviews"], lambda r: r.reviews, 0),
        Column(names["minutes"], lambda r: r.minutes, 0),
        Column(names["retention"], lambda r: r.retention, 0, 100),
        Column(names["last"], lambda r: _iso(r.last)),
        Column(names["streak"], lambda r: r.streak, 0),
        *[Column(names["topic"].format(topic=t), lambda r, t=t: r.topic_mastery[t], 0, 100) for t in outline.topics()],
    ]


MOODLE_NAMES = {
    "mastery": "Tutor mastery (%)", "seen": "Questions seen", "reviews": "Reviews", "minutes": "Time studied (min)",
    "retention": "Retention (%)", "last": "Last studied (UTC)", "streak": "Streak (days)",
    "topic": "Tutor mastery: {topic} (%)",
}  # fmt: skip
CSV_NAMES = {
    "mastery": "mastery_pct", "seen": "questions_seen", "reviews": "reviews", "minutes": "minutes_studied",
    "retention": "retention_pct", "last": "last_studied", "streak": "streak_days", "topic": "mastery_pct:{topic}",
}  # fmt: skip


def moodle_columns(outline: Outline) -> list[Column]:
    """Moodle's grade import maps users by username, ID number or email address, then a column per grade item."""
    return [
        Column("Username", lambda r: r.learner.name),
        Column("ID number", lambda r: r.learner.student_id),
        Column("Email address", lambda r: r.learner.email),
        Column("Full name", lambda r: r.learner.display_name or r.learner.name),
        *_measures(outline, MOODLE_NAMES),
    ]


def canvas_columns(outline: Outline, assignment: str) -> list[Column]:
    """Canvas's gradebook import: its five student columns, then the assignment, scored out of 100."""
    return [
        Column("Student", lambda r: r.learner.display_name or r.learner.name),
        Column("ID", lambda r: ""),  # Canvas's own user id, which Tutor does not know: matched by SIS ids
        Column("SIS User ID", lambda r: r.learner.student_id),
        Column("SIS Login ID", lambda r: r.learner.name),
        Column("Section", lambda r: ""),
        Column(assignment, lambda r: r.mastery, 0, 100),
    ]


def csv_columns(outline: Outline) -> list[Column]:
    return [
        Column("learner_uuid", lambda r: r.learner.uuid),
        Column("learner", lambda r: r.learner.name),
        Column("display_name", lambda r: r.learner.display_name),
        Column("email", lambda r: r.learner.email),
        Column("student_id", lambda r: r.learner.student_id),
        *_measures(outline, CSV_NAMES),
    ]


def table(columns: list[Column], rows: Iterable[Row]) -> list[list[object]]:
    """The values of each row under the columns, each checked against its column's declared range."""
    out = []
    for row in rows:
        values = [column.value(row) for column in columns]
        for column, value in zip(columns, values):
            if isinstance(value, (int, float)) and not (
                (column.low is None or value >= column.low) and (column.high is None or value <= column.high)
            ):
                raise ValueError(f"{column.header} of {row.learner.name} is {value}, out of its range")
        out.append(values)
    return out


def write_moodle(out: IO[str], outline: Outline, rows: list[Row], assignment: str) -> None:
    columns = moodle_columns(outline)
    write_csv(out, [[c.header for c in columns], *table(columns, rows)])


def write_canvas(out: IO[str], outline: Outline, rows: list[Row], assignment: str) -> None:
    columns = canvas_columns(outline, assignment)
    possible = ["Points Possible", *["" if c.high is None else c.high for c in columns[1:]]]
    write_csv(out, [[c.header for c in columns], possible, *table(columns, rows)])


def write_plain(out: IO[str], outline: Outline, rows: list[Row], assignment: str) -> None:
    columns = csv_columns(outline)
    write_csv(out, [[c.header for c in columns], *table(columns, rows)])


# Each format's writer, by the name `--format` takes.
FORMATS: dict[str, Callable[[IO[str], Outline, list[Row], str], None]] = {
    "moodle": write_moodle,  # Moodle's grade import: users mapped by Username, ID number or Email address
    "canvas": write_canvas,  # Canvas's gradebook import: its student columns, the assignment, Points Possible
    "csv": write_plain,  # every figure, one column each
}


def canvas_assignment(outline: Outline, assignment_id: str | None) -> str:
    """The Canvas assignment column: 'Name (id)' updates that assignment; a name alone makes a new one."""
    name = f"Tutor mastery: {outline.title}"
    return f"{name} ({assignment_id})" if assignment_id else name
