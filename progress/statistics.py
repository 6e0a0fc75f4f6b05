"""A learner's statistics in one bank: the study calendar and streak, the forecast, true retention,
retention by month, cards by state, mastery by topic and overall, and the hardest questions.

The log's figures count effective answers only: an undone answer is left out, a re-rated or
overridden one counts once with its latest rating. They take a constant number of statements
whatever the history: one statement reads every study day of the past year (its bounds computed
here, the 04:00 turnover and DST included) from the answers summed per quarter of an hour (m006),
a row per quarter studied rather than per answer, and the few answers logged since those sums were
last folded (m007), summed the same way by a second; a day's ends off a quarter's edge (an offset from
UTC of no whole quarter) come from the reviews' time index, which holds all it reads of an answer
(its queue, rating and interval, m005). The streak is read off those days, and only a streak longer
than the year reads more.
Corrections are few, so SQL never looks them up row by row: the rows of cards with a correction
in their log are left out of the SQL and those cards are added from their effective log here.
The card figures read the card rows (the cached replay of the log) in one scan, which also picks
the candidates for the hardest (see _threshold), retrievability by FSRS's formula with the
learner's scheduler; a second scan only when the candidates cannot be trusted to hold them.

Over 400 lines because every figure shares the effective-log rule and the day bounds above;
each figure is one short function over them, kept together so the rule is written once.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, astuple, dataclass
from itertools import chain, compress
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

import fsrs

from progress import review
from progress.records import QUEUE_INACTIVE, QUEUE_LEARNING, QUEUE_REVIEW, Entry, entry_from_row, to_ms
from progress.schema import QUARTER_MS, UNFOLDED_QUARTERS
from progress.studyday import TURNOVER, as_utc, day_start, study_date

if TYPE_CHECKING:
    from progress.store import Store

CALENDAR_DAYS = 365
FORECAST_DAYS = 30
# Anki's line between young and mature: the card's interval, here the time since its previous answer.
MATURE_DAYS = 21
# The true-retention periods: the study day, and the last 7, 30 and 365 study days.
PERIODS = (("day", 1), ("week", 7), ("month", 30), ("year", 365))
HARDEST = 10
_DAY_MS = 86_400_000
# Each day's review-state answers come back packed in one number, one field per kind (see _DAYS):
# a day with more answers than a field holds is read unpacked instead.
_FIELD_BITS = 13
_FIELD_LIMIT = 1 << _FIELD_BITS
_FORGOTTEN = 1  # the rating of a failed review: Again


@dataclass(frozen=True)
class Day:
    """A study day and a count: answers given on it (calendar) or cards falling due (forecast)."""

    date: date
    count: int


@dataclass(frozen=True)
class Retention:
    """Answers to cards in review, passed (Hard, Good or Easy) or failed (Again), young and mature apart."""

    young_passed: int = 0
    young_failed: int = 0
    mature_passed: int = 0
    mature_failed: int = 0

    def __add__(self, other: Retention) -> Retention:
        return Retention(
            self.young_passed + other.young_passed, self.young_failed + other.young_failed,
            self.mature_passed + other.mature_passed, self.mature_failed + other.mature_failed,
        )  # fmt: skip

    @property
    def young(self) -> float | None:
        return _rate(self.young_passed, self.young_failed)

    @property
    def mature(self) -> float | None:
        return _rate(self.mature_passed, self.mature_failed)

    @property
    def passed(self) -> int:
        return self.young_passed + self.mature_passed

    @property
    def failed(self) -> int:
        return self.young_failed + self.mature_failed

    @property
    def total(self) -> float | None:
        return _rate(self.passed, self.failed)


NO_ANSWERS = Retention()


@dataclass(frozen=True)
class Month:
    """Retention over one calendar month of study days (the first of the past year's may be partial)."""

    month: str  # YYYY-MM
    passed: int
    failed: int

    @property
    def rate(self) -> float | None:
        return _rate(self.passed, self.failed)


@dataclass(frozen=True)
class CardStates:
    """The bank's questions by the state of their card; every question is in exactly one."""

    new: int = 0  # never answered (or no card yet)
    learning: int = 0  # answered, in (re)learning steps
    young: int = 0  # in review, interval under MATURE_DAYS
    mature: int = 0  # in review, interval of MATURE_DAYS or more
    suspended: int = 0  # suspended by the learner
    leeches: int = 0  # suspended for lapsing review.LEECH_LAPSES times


@dataclass(frozen=True)
class Topic:
    name: str
    mastered: int
    questions: int


@dataclass(frozen=True)
class Hard:
    """A hard question: its lapses (forgotten after learning) and retrievability now."""

    question_id: str
    lapses: int
    retrievability: float


@dataclass(frozen=True)
class Statistics:
    learner: str
    bank_id: str
    today: date
    desired_retention: float
    calendar: tuple[Day, ...]  # the past CALENDAR_DAYS study days, oldest first, today last
    streak: int  # study days in a row up to today (today need not be studied yet)
    forecast: tuple[Day, ...]  # the next FORECAST_DAYS study days; today's count includes overdue cards
    true_retention: dict[str, Retention]  # by PERIODS name
    retention_by_month: tuple[Month, ...]
    cards: CardStates
    topics: tuple[Topic, ...]  # by name
    hardest: tuple[Hard, ...]  # most lapses first, then lowest retrievability
    mastered: int  # questions in review whose retrievability now is above the desired retention
    questions: int

    @property
    def answers(self) -> int:
        """Answers given in the calendar's year."""
        return sum(day.count for day in self.calendar)

    def to_dict(self) -> dict[str, Any]:
        """Every figure as JSON-ready data (the keys `tutor stats --help` lists)."""
        return {
            "learner": self.learner,
            "bank": self.bank_id,
            "today": self.today.isoformat(),
            "desired_retention": self.desired_retention,
            "answers_past_year": self.answers,
            "streak": self.streak,
            "calendar": [{"date": d.date.isoformat(), "answers": d.count} for d in self.calendar],
            "forecast": [{"date": d.date.isoformat(), "due": d.count} for d in self.forecast],
            "true_retention": {
                name: {**asdict(figures), "young": figures.young, "mature": figures.mature, "total": figures.total}
                for name, figures in self.true_retention.items()
            },
            "retention_by_month": [
                {"month": m.month, "passed": m.passed, "failed": m.failed, "rate": m.rate}
                for m in self.retention_by_month
            ],
            "cards": asdict(self.cards),
            "topics": [asdict(topic) for topic in self.topics],
            "hardest": [asdict(hard) for hard in self.hardest],
            "mastered": self.mastered,
            "questions": self.questions,
        }


def _rate(passed: int, failed: int) -> float | None:
    return passed / (passed + failed) if passed + failed else None


class NoReviews(LookupError):
    """The learner has not answered anything in this bank yet."""


def has_answers(store: Store, learner_id: int, bank_id: str) -> bool:
    """Whether an answer of the learner's in the bank still counts (a card's reps replay its log)."""
    # A card with answers is never in the new queue: the cards index skips the bank's new cards.
    row = store.conn.execute(
        "SELECT 1 FROM cards WHERE learner_id = ? AND bank_id = ? AND queue IN (?, ?, ?) AND reps > 0 LIMIT 1",
        (learner_id, bank_id, QUEUE_LEARNING, QUEUE_REVIEW, QUEUE_INACTIVE),
    ).fetchone()
    return row is not None


def statistics(
    store: Store, learner_id: int, bank_id: str, now: datetime, topics: Mapping[str, Sequence[str]]
) -> Statistics:
    """The learner's statistics in the bank as of `now`; `topics` maps the bank's questions to their topics.

    The learner's cards are taken to match the bank (`Store.sync_bank`, as a study session starts).
    Raises NoReviews if the learner has no answer in the bank that still counts.
    """
    if not has_answers(store, learner_id, bank_id):
        raise NoReviews(f"no answers in {bank_id} yet")
    now = as_utc(now)
    learner = store.get_learner(learner_id)
    tz = store.tz
    today = study_date(now, tz)
    days = [today - timedelta(days=CALENDAR_DAYS - 1 - i) for i in range(CALENDAR_DAYS)]
    bounds = _starts([*days, today + timedelta(days=1)], tz)
    log = _Log(store, learner_id, bank_id)
    counts, retention = log.days(bounds)
    for index, answer in log.corrected_answers(bounds):
        if 0 <= index < CALENDAR_DAYS:
            counts[index] += 1
            retention[index] += answer

    states, hardest, mastered = _cards(
        store, learner_id, bank_id, now, learner.desired_retention, store.scheduler(learner.scheduler_id)
    )
    return Statistics(
        learner=learner.name,
        bank_id=bank_id,
        today=today,
        desired_retention=learner.desired_retention,
        calendar=tuple(Day(day, count) for day, count in zip(days, counts)),
        streak=_streak(log, counts, days[0], tz),
        forecast=_forecast(store, learner_id, bank_id, today),
        true_retention={name: sum(retention[-length:], NO_ANSWERS) for name, length in PERIODS},
        retention_by_month=_by_month(days, retention),
        cards=states,
        topics=_topics(topics, mastered),
        hardest=hardest,
        mastered=len(mastered),
        questions=sum(astuple(states)),
    )


# The review log ###########################################################

# Each kind of review-state answer adds one to its own field of the packed sum (one CASE: no product per row).
_PACKED = (
    f"CASE WHEN r.was_interval >= {MATURE_DAYS} THEN CASE WHEN r.rating = {_FORGOTTEN} THEN {1 << 2 * _FIELD_BITS} "
    f"ELSE {1 << 3 * _FIELD_BITS} END WHEN r.rating = {_FORGOTTEN} THEN 1 ELSE {1 << _FIELD_BITS} END"
)
_IN_DAY = "r.learner_id = :learner AND r.reviewed_at >= day.start AND r.reviewed_at < day.stop {scope}"
# Each study day's answers and, packed, its review-state answers by kind: one pass over the day's part of the
# time index, which holds all they read. Summed as a double, which never overflows and is exact below 2 ** 53,
# then made an integer (JSON writes a double with 15 digits).
_DAYS = f"""
    WITH day(i, start, stop) AS (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:days)
    )
    SELECT (SELECT json_array(count(*), CASE WHEN count(*) < {_FIELD_LIMIT} THEN
                CAST(total({_PACKED}) FILTER (WHERE r.was_queue = {QUEUE_REVIEW}) AS INTEGER) END)
            FROM reviews r WHERE {_IN_DAY})
    FROM day ORDER BY i
"""
# Each study day's answers by kind from the answers summed by quarter of an hour (m006), the days given in
# quarters (start and stop): one row a quarter studied.
_QUARTERS = """
    WITH day(i, start, stop) AS (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:days)
    )
    SELECT (SELECT json_array(sum(answers), sum(young_passed), sum(young_failed), sum(mature_passed),
                              sum(mature_failed))
            FROM review_quarters q WHERE q.learner_id = :learner AND q.bank_id = :bank
            AND q.quarter >= day.start AND q.quarter < day.stop)
    FROM day ORDER BY i
"""
# Whether each day has an answer (but for corrected cards): one seek in the time index.
_STUDIED_DAYS = f"""
    WITH day(i, start, stop) AS (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:days)
    )
    SELECT EXISTS (SELECT 1 FROM reviews r WHERE {_IN_DAY}) FROM day ORDER BY i
"""
# One day's review-state answers unpacked, for a day with more than a packed field holds.
_DAY_UNPACKED = f"""
    WITH day(start, stop) AS (SELECT :start, :stop)
    SELECT count(*) FILTER (WHERE young AND passed), count(*) FILTER (WHERE young AND NOT passed),
           count(*) FILTER (WHERE NOT young AND passed), count(*) FILTER (WHERE NOT young AND NOT passed)
    FROM (SELECT r.rating != {_FORGOTTEN} AS passed, coalesce(r.was_interval < {MATURE_DAYS}, 1) AS young
          FROM reviews r, day WHERE {_IN_DAY} AND r.was_queue = {QUEUE_REVIEW})
"""


class _Log:
    """The learner's answers in one bank, as the SQL reads them and as the corrected cards add to them."""

    def __init__(self, store: Store, learner_id: int, bank_id: str) -> None:
        self.conn, self.learner_id, self.bank_id = store.conn, learner_id, bank_id
        conn = self.conn
        corrected = [row[0] for row in conn.execute(
            "SELECT DISTINCT card_id FROM reviews INDEXED BY reviews_target WHERE target IS NOT NULL AND learner_id = ?",
            (learner_id,),
        )]  # fmt: skip
        self.corrected = json.dumps(corrected)
        # The rows of corrected cards leave the SQL by rowid, which the time index holds.
        excluded = [row[0] for row in conn.execute(
            "SELECT id FROM reviews WHERE learner_id = ? AND card_id IN (SELECT value FROM json_each(?))",
            (learner_id, self.corrected),
        )] if corrected else []  # fmt: skip
        scope = []
        if excluded:
            scope.append("AND r.id NOT IN (SELECT value FROM json_each(:excluded))")
        # Without cards in other banks, every answer of the learner is in this bank: no card lookups.
        if _other_banks(conn, learner_id, bank_id):
            scope.append("AND r.card_id IN (SELECT id FROM cards WHERE learner_id = :learner AND bank_id = :bank)")
        self.scope = " ".join(scope)
        self.args = {"learner": learner_id, "bank": bank_id, "excluded": json.dumps(excluded)}

    def days(self, bounds: list[int]) -> tuple[list[int], list[Retention]]:
        """Answers and retention on each day between consecutive `bounds` (ms), but for corrected cards.

        The quarters of an hour inside a day are read summed (review_quarters); a day's ends that are not
        on a quarter's edge (an offset from UTC of no whole quarter) are read from the log.
        """
        starts = [-(-bound // QUARTER_MS) for bound in bounds]  # the first whole quarter from each bound
        stops = [bound // QUARTER_MS for bound in bounds]  # the quarter each bound falls in
        spans = [[start, max(start, stop)] for start, stop in zip(starts, stops[1:])]
        figures = [
            [value or 0 for value in json.loads(row[0])]
            for row in self.conn.execute(_QUARTERS, {**self.args, "days": json.dumps(spans)})
        ]
        # The answers logged since the last fold (m007) are not summed there yet: summed here, as it will sum them.
        firsts = [first for first, _ in spans]
        for quarter, *sums in self.conn.execute(UNFOLDED_QUARTERS, (self.learner_id, self.bank_id)):
            index = bisect.bisect_right(firsts, quarter) - 1
            if 0 <= index < len(spans) and quarter < spans[index][1]:
                figures[index] = [a + b for a, b in zip(figures[index], sums)]
        edges = [
            (index, start, stop)
            for index, (first, last) in enumerate(spans)
            for start, stop in ((bounds[index], min(first * QUARTER_MS, bounds[index + 1])),
                                (last * QUARTER_MS, bounds[index + 1]))
            if start < stop
        ]
        if edges:
            counts, retention = self._raw_days([(start, stop) for _, start, stop in edges])
            for (index, _, _), count, kind in zip(edges, counts, retention):
                figures[index] = [a + b for a, b in zip(figures[index], (count, *astuple(kind)))]
        # The quarters hold the corrected cards' answers as logged: they leave here, for their effective log.
        for at, young, passed, in_review in self._corrected_logged():
            index = bisect.bisect_right(bounds, at) - 1
            if 0 <= index < len(spans) and spans[index][0] * QUARTER_MS <= at < spans[index][1] * QUARTER_MS:
                day = figures[index]
                day[0] -= 1
                if in_review:
                    day[1 + 2 * (not young) + (not passed)] -= 1
        return [day[0] for day in figures], [Retention(*day[1:]) for day in figures]

    def _raw_days(self, spans: list[tuple[int, int]]) -> tuple[list[int], list[Retention]]:
        """Answers and retention over each span (ms, start and stop) from the log, but for corrected cards."""
        counts, retention = [], []
        rows = self.conn.execute(_DAYS.replace("{scope}", self.scope), {**self.args, "days": json.dumps(spans)})
        for (day,), (start, stop) in zip(rows, spans):
            answers, packed = json.loads(day)
            counts.append(answers)
            if packed is None:
                retention.append(self._unpacked(start, stop))
            else:
                retention.append(_unpack(packed))
        return counts, retention

    def _corrected_logged(self) -> list[tuple[int, bool, bool, bool]]:
        """The corrected cards' answers in the bank as logged: time (ms), young, passed, and in review."""
        if self.corrected == "[]":
            return []
        return self.conn.execute(
            f"SELECT r.reviewed_at, coalesce(r.was_interval < {MATURE_DAYS}, 1), r.rating != {_FORGOTTEN}, "
            f"r.was_queue = {QUEUE_REVIEW} FROM reviews r JOIN cards c ON c.id = r.card_id "
            "WHERE r.learner_id = ? AND c.bank_id = ? AND r.kind = 'answer' "
            "AND r.card_id IN (SELECT value FROM json_each(?))",
            (self.learner_id, self.bank_id, self.corrected),
        ).fetchall()

    def _unpacked(self, start: int, stop: int) -> Retention:
        sql = _DAY_UNPACKED.replace("{scope}", self.scope)
        return Retention(*self.conn.execute(sql, {**self.args, "start": start, "stop": stop}).fetchone())

    def studied(self, bounds: list[int]) -> list[bool]:
        """Whether an answer that counts was given on each day between consecutive `bounds` (ms)."""
        spans = json.dumps([[start, stop] for start, stop in zip(bounds, bounds[1:])])
        flags = [bool(row[0]) for row in self.conn.execute(
            _STUDIED_DAYS.replace("{scope}", self.scope), {**self.args, "days": spans}
        )]  # fmt: skip
        for index, _ in self.corrected_answers(bounds):
            if 0 <= index < len(flags):
                flags[index] = True
        return flags

    def corrected_answers(self, bounds: list[int]) -> Iterable[tuple[int, Retention]]:
        """The corrected cards' effective answers in the bank: each one's day index in `bounds` (-1 outside) and kind.

        An answer to a card not in review adds NO_ANSWERS: it counts as an answer, not towards retention.
        """
        rows = self.conn.execute(
            "SELECT r.id, r.kind, r.target, r.reviewed_at, r.rating, r.scheduler_id, r.card_id, r.was_queue "
            "FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.learner_id = ? AND c.bank_id = ? "
            "AND r.card_id IN (SELECT value FROM json_each(?)) ORDER BY r.card_id, r.id",
            (self.learner_id, self.bank_id, self.corrected),
        ).fetchall()
        queues = {row[0]: row[7] for row in rows}
        by_card: dict[int, list[Entry]] = {}
        for row in rows:
            by_card.setdefault(row[6], []).append(entry_from_row(row[:6]))
        for entries in by_card.values():
            previous: int | None = None
            for entry, rating, _ in review.effective(entries):
                at = to_ms(entry.reviewed_at)
                index = bisect.bisect_right(bounds, at) - 1 if bounds and at < bounds[-1] else -1
                kind = NO_ANSWERS
                if queues[entry.id] == QUEUE_REVIEW:
                    young = previous is None or at - previous < MATURE_DAYS * _DAY_MS
                    passed = rating != _FORGOTTEN
                    kind = Retention(int(young and passed), int(young and not passed),
                                     int(not young and passed), int(not young and not passed))
                previous = at
                yield index, kind


def _streak(log: _Log, counts: Sequence[int], first: date, tz: tzinfo | None) -> int:
    """Study days in a row up to today (today need not be studied yet), from the calendar's `counts` of the
    days from `first` to today, and for a longer streak, from the log a year at a time before `first`."""
    streak = int(counts[-1] > 0)
    studied: Sequence[bool | int] = counts[:-1]
    while True:
        for flag in reversed(studied):
            if not flag:
                return streak
            streak += 1
        year = [first - timedelta(days=CALENDAR_DAYS - i) for i in range(CALENDAR_DAYS)]
        studied = log.studied(_starts([*year, first], tz))
        first = year[0]


def _starts(days: Sequence[date], tz: tzinfo | None) -> list[int]:
    """When each study day begins (ms), as to_ms(day_start(day, tz)) has it: an aware time's difference from the
    epoch is taken in UTC already, so a zone's day starts need no astimezone (half the cost)."""
    if tz is None:
        return [to_ms(day_start(day, None)) for day in days]
    return [to_ms(datetime.combine(day, TURNOVER, tzinfo=tz)) for day in days]


def _other_banks(conn: Any, learner_id: int, bank_id: str) -> bool:
    return any(
        conn.execute(f"SELECT 1 FROM cards WHERE learner_id = ? AND bank_id {op} ? LIMIT 1",
                     (learner_id, bank_id)).fetchone()
        for op in ("<", ">")
    )


def _other_learners(conn: Any, learner_id: int) -> bool:
    return any(
        conn.execute(f"SELECT 1 FROM cards WHERE learner_id {op} ? LIMIT 1", (learner_id,)).fetchone()
        for op in ("<", ">")
    )


def _unpack(packed: int) -> Retention:
    mask = _FIELD_LIMIT - 1
    fields = [(packed >> (_FIELD_BITS * i)) & mask for i in range(4)]
    young_failed, young_passed, mature_failed, mature_passed = fields
    return Retention(young_passed, young_failed, mature_passed, mature_failed)


def _by_month(days: Sequence[date], retention: Sequence[Retention]) -> tuple[Month, ...]:
    months: dict[str, Retention] = {}
    for day, figures in zip(days, retention):
        key = f"{day.year:04d}-{day.month:02d}"
        months[key] = months.get(key, NO_ANSWERS) + figures
    return tuple(Month(key, figures.passed, figures.failed) for key, figures in months.items())


# The card rows ###########################################################

_FORECAST = f"""
    WITH day(i, start, stop) AS (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:days)
    )
    SELECT (SELECT count(*) FROM cards WHERE learner_id = :learner AND bank_id = :bank
            AND queue IN ({QUEUE_LEARNING}, {QUEUE_REVIEW}) AND due >= day.start AND due < day.stop)
    FROM day ORDER BY i
"""


def _forecast(store: Store, learner_id: int, bank_id: str, today: date) -> tuple[Day, ...]:
    """Active studied cards falling due on each of the next FORECAST_DAYS study days, overdue ones today."""
    days = [today + timedelta(days=i) for i in range(FORECAST_DAYS)]
    bounds = _starts([*days, today + timedelta(days=FORECAST_DAYS)], store.tz)
    bounds[0] = -(1 << 62)
    spans = json.dumps([[start, stop] for start, stop in zip(bounds, bounds[1:])])
    rows = store.conn.execute(_FORECAST, {"learner": learner_id, "bank": bank_id, "days": spans})
    return tuple(Day(day, count) for day, (count,) in zip(days, rows))


# FSRS's retrievability (1 + factor * t / S) ** decay over the whole days t since the last review, as fsrs has it.
_BASE = f"1 + :factor * max(0, (:now - last_review) / {_DAY_MS}) / stability"
_RETRIEVABILITY = f"pow({_BASE}, :decay)"
# Each row's learner and bank, checked only when the file holds other learners' cards or other banks.
_MINE = "+learner_id = :learner AND +bank_id = :bank AND "
_BANK_CARDS = f"FROM cards WHERE {_MINE}NOT retired"
_STUDIED = f"{_BANK_CARDS} AND reps > 0 AND stability IS NOT NULL AND last_review IS NOT NULL"
_REVIEW = fsrs.State.Review.value
# A candidate for the hardest: a studied card at least as hard as the threshold (see _threshold), without the
# base's arithmetic: at least as many lapses, or as many and as long since the last review per day of stability.
# A stability that is not positive (a base that is NULL, which _HARDEST puts first) is a candidate too.
_CANDIDATE = (
    "lapses >= :hard_lapses AND reps > 0 AND stability IS NOT NULL AND last_review IS NOT NULL "
    "AND (lapses > :hard_lapses OR NOT stability > 0 OR :now - last_review >= :hard_elapsed * stability)"
)
# The cards by state and, in the same pass, the questions mastered: in review (a card in learning steps is
# not, however recently seen) with its retrievability above the desired retention (see _highest_base); and the
# candidates for the hardest. One string of ids each, split here: a row per card would cost more than the query.
_STATES = f"""
    SELECT count(*) FILTER (WHERE reps = 0 AND NOT suspended),
           count(*) FILTER (WHERE reps > 0 AND NOT suspended AND state != {_REVIEW}),
           count(*) FILTER (WHERE NOT suspended AND state = {_REVIEW} AND due - last_review < :mature),
           count(*) FILTER (WHERE NOT suspended AND state = {_REVIEW} AND due - last_review >= :mature),
           count(*) FILTER (WHERE suspended AND NOT leech),
           count(*) FILTER (WHERE leech),
           group_concat(question_id, char(31)) FILTER (WHERE reps > 0 AND stability IS NOT NULL
               AND last_review IS NOT NULL AND state = {_REVIEW} AND {_BASE} <= :highest_base),
           group_concat(CASE WHEN {_CANDIDATE} THEN id END)
    {_BANK_CARDS}
"""
_HARDEST = f"SELECT question_id, lapses, {_RETRIEVABILITY} AS r {_STUDIED} ORDER BY lapses DESC, r, question_id LIMIT {HARDEST}"
# _HARDEST over the candidates alone, found by rowid.
_HARDEST_OF = _HARDEST.replace(_BANK_CARDS, f"{_BANK_CARDS} AND id IN (SELECT value FROM json_each(:candidates))")
# The HARDEST-th hardest of the first studied cards in the file's order, by lapses then base (a NULL one first):
# the threshold for the candidates.
_SAMPLE = f"""
    SELECT lapses, base FROM (SELECT lapses, {_BASE} AS base {_STUDIED} LIMIT :sample)
    ORDER BY lapses DESC, base IS NULL DESC, base DESC LIMIT 1 OFFSET {HARDEST - 1}
"""
SAMPLE = 2_000
# Looking a candidate up by rowid costs several times reading a row in a scan: more candidates than one card
# in CANDIDATES_SHARE (cards much alike) are read by the scan instead.
CANDIDATES_SHARE = 20
# The same but for ties, without a power per card: the decay is negative, so the higher the base the lower the
# retrievability; computed for one more row than shown, which tells whether a tie can change the list.
_HARDEST_BY_BASE = f"""
    SELECT question_id, lapses, pow(base, :decay) FROM (
        SELECT question_id, lapses, {_BASE} AS base {_STUDIED} ORDER BY lapses DESC, base DESC LIMIT {HARDEST + 1}
    ) ORDER BY lapses DESC, base DESC
"""


def _cards(
    store: Store, learner_id: int, bank_id: str, now: datetime, desired_retention: float, scheduler: fsrs.Scheduler
) -> tuple[CardStates, tuple[Hard, ...], list[str]]:
    """The bank's cards by state, the hardest, and the questions mastered."""
    args = _card_args(learner_id, bank_id, now, desired_retention, scheduler)
    conn = store.conn
    alone = not _other_banks(conn, learner_id, bank_id) and not _other_learners(conn, learner_id)

    def run(sql: str, params: Mapping[str, Any]) -> Any:
        return conn.execute(sql.replace(_MINE, "") if alone else sql, params)

    args["hard_lapses"], args["hard_elapsed"] = _threshold(run, args, args["decay"])
    *counts, mastered, candidates = run(_STATES, args).fetchone()
    hardest = _hardest(run, args, candidates.count(",") + 1 if candidates else 0, candidates, sum(counts))
    return CardStates(*counts), hardest, mastered.split("\x1f") if mastered else []


def _card_args(
    learner_id: int, bank_id: str, now: datetime, desired_retention: float, scheduler: fsrs.Scheduler
) -> dict[str, Any]:
    """The parameters of the card statements."""
    decay = -scheduler.parameters[20]
    return {"learner": learner_id, "bank": bank_id, "now": to_ms(now), "mature": MATURE_DAYS * _DAY_MS,
            "factor": 0.9 ** (1 / decay) - 1, "decay": decay, "highest_base": _highest_base(decay, desired_retention)}


def _threshold(run: Any, args: Mapping[str, Any], decay: float) -> tuple[int, float]:
    """The lapses and the time since the last review per day of stability (ms) that a candidate for the hardest
    reaches: those of the HARDEST-th hardest of the first SAMPLE studied cards (every card if there are fewer).

    A card ranks before every card less hard than the threshold in _HARDEST's order, so if at least HARDEST
    cards reach it, the hardest are among them; the sample's own do, unless the cards changed in between.
    The threshold's base is lowered first to the least base of the same retrievability (pow keeps the bases'
    order), and its time a billionth, which covers the rounding of the base's arithmetic: the candidates then
    hold every card whose base in SQL is at least it. A base within 1e-5 of 1 (all but no time since) is not
    worth the bound: then every card of as many lapses is a candidate.
    """
    row = run(_SAMPLE, {**args, "sample": SAMPLE}).fetchone()
    if row is None:
        return -1, -math.inf
    lapses, base = row[0], math.inf if row[1] is None else row[1]
    if math.isfinite(base):
        same = math.pow(base, decay)
        while math.pow(math.nextafter(base, -math.inf), decay) <= same:
            base = math.nextafter(base, -math.inf)
    if base - 1 < 1e-5:
        return lapses, -math.inf
    return lapses, (base - 1) / args["factor"] * _DAY_MS * (1 - 1e-9)


def _highest_base(decay: float, retention: float) -> float:
    """The highest base whose retrievability pow(base, decay) is above `retention` (0 < retention < 1).

    The decay is negative, so retrievability falls as the base grows: "above the desired
    retention" is "base at most this", a comparison per card instead of a power. Found
    with math.pow, which is the C library's pow that SQLite's pow() calls.
    """
    base = retention ** (1 / decay)
    while math.pow(base, decay) <= retention:
        base = math.nextafter(base, 0.0)
    while math.pow(math.nextafter(base, math.inf), decay) > retention:
        base = math.nextafter(base, math.inf)
    return base


def _hardest(
    run: Any, args: Mapping[str, object], admitted: int, candidates: str | None, cards: int
) -> tuple[Hard, ...]:
    """The HARDEST cards as _HARDEST orders them: among the `admitted` candidates if at least HARDEST reached the
    threshold and they are few beside the bank's `cards`; otherwise by base over every card, and by _HARDEST
    itself if the cut falls in a tie."""
    if HARDEST <= admitted <= max(cards // CANDIDATES_SHARE, HARDEST):
        return tuple(Hard(*row) for row in run(_HARDEST_OF, {**args, "candidates": f"[{candidates}]"}))
    by_base = [Hard(*row) for row in run(_HARDEST_BY_BASE, args)]
    shown = sorted(by_base, key=_hardness)[:HARDEST]
    # A card after the fetched ones is at least as easy as the last fetched: if that one is easier than the
    # last shown, so are they all.
    if len(by_base) <= HARDEST or _hardness(by_base[-1])[:2] > _hardness(shown[-1])[:2]:
        return tuple(shown)
    return tuple(Hard(*row) for row in run(_HARDEST, args))


def _hardness(hard: Hard) -> tuple[int, float, str]:
    return -hard.lapses, hard.retrievability, hard.question_id


def _topics(topics: Mapping[str, Sequence[str]], mastered: Iterable[str]) -> tuple[Topic, ...]:
    """Each topic's questions, and how many of them are mastered."""
    questions = Counter(chain.from_iterable(topics.values()))
    # Along the mapping, whose keys' hashes are known: looking each mastered id up in it costs twice as much.
    known = Counter(chain.from_iterable(compress(topics.values(), map(set(mastered).__contains__, topics))))
    return tuple(Topic(name, known[name], total) for name, total in sorted(questions.items()))
