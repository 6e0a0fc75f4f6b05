"""The study day's figures for the status line: due, new still allowed, done today, the streak, next due.

A constant number of statements whatever the history: each count stops at the
day's limit, and the streak is one recursive query that walks back a study day
at a time over the reviews' time index (the day turnover is 04:00 local, DST
included, through the `study_day_before` function the store gives its connection).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from progress.records import QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, from_ms, to_ms
from progress.scope import IN_SCOPE, Syllabus, scope_of
from progress.studyday import as_utc

if TYPE_CHECKING:
    from progress.store import Store


@dataclass(frozen=True)
class Today:
    """The figures of the learner's study day: due, new left to learn, done, and the streak."""

    due: int
    new_available: int
    done_today: int
    streak: int


# Cards of a queue the learner could be asked now, counted up to :limit (-1: all), due before :before
# where given: a bound on the index's due column, so a count reads only the rows it counts. Each
# in two forms: every card, or those of the learner's topics (progress.scope).
_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM cards WHERE learner_id = :learner AND bank_id = :bank AND queue = :queue "
    "AND (buried_until IS NULL OR buried_until <= :now) {due} {scope} LIMIT :limit)"
)
_COUNT_DUE = {clause: _COUNT.format(due="AND due < :before", scope=clause) for clause in ("", IN_SCOPE)}
_COUNT_ANY = {clause: _COUNT.format(due="", scope=clause) for clause in ("", IN_SCOPE)}
_SOONEST_DUE = {
    clause: f"SELECT min(due) FROM cards WHERE learner_id = :learner AND bank_id = :bank AND queue = :queue {clause}"
    for clause in ("", IN_SCOPE)
}
_ANSWERED_BETWEEN = (
    "EXISTS (SELECT 1 FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.learner_id = :learner "
    "AND r.reviewed_at >= {start} AND r.reviewed_at < {stop} AND r.kind = 'answer' AND c.bank_id = :bank "
    "AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.target = r.id AND v.kind = 'void'))"
)
# One row per study day from today back, while the day before had an answer (today may have none yet).
_STREAK = f"""
    WITH RECURSIVE day(start, stop, studied, n) AS (
        SELECT :start, :stop, {_ANSWERED_BETWEEN.format(start=":start", stop=":stop")}, 0
        UNION ALL
        SELECT study_day_before(day.start), day.start,
               {_ANSWERED_BETWEEN.format(start="study_day_before(day.start)", stop="day.start")}, day.n + 1
        FROM day WHERE day.studied OR day.n = 0
    )
    SELECT CAST(total(studied) AS INTEGER) FROM day
"""


def today(store: Store, learner_id: int, bank_id: str, now: datetime, syllabus: Syllabus | None = None) -> Today:
    """Due, new still allowed, answers today, and the streak of study days up to today.

    With the bank's syllabus, due and new count only the learner's topics, as the queue asks them.
    """
    now = as_utc(now)
    day = store.study_day(learner_id, bank_id, now)
    learner, done = day.learner, day.done
    scope = scope_of(syllabus, learner.topics)
    args = {"learner": learner_id, "bank": bank_id, "now": to_ms(now), "only": scope.only}

    def count(queue: int, before: int | None, limit: int) -> int:
        sql = (_COUNT_ANY if before is None else _COUNT_DUE)[scope.clause()]
        return store.conn.execute(sql, {**args, "queue": queue, "before": before, "limit": limit}).fetchone()[0]

    learning = count(QUEUE_LEARNING, to_ms(now) + 1, -1)
    reviews = count(QUEUE_REVIEW, to_ms(day.end), max(0, learner.reviews_per_day - done.reviews))
    (streak,) = store.conn.execute(_STREAK, {**args, "start": to_ms(day.start), "stop": to_ms(day.end)}).fetchone()
    return Today(
        due=learning + reviews,
        new_available=count(QUEUE_NEW, None, max(0, learner.new_limit(day.date) - done.new)),
        done_today=done.total,
        streak=streak,
    )


def next_due(store: Store, learner_id: int, bank_id: str, syllabus: Syllabus | None = None) -> datetime | None:
    """When the soonest studied, active card falls due (None if there is none); of the learner's topics
    when the bank's syllabus is given."""
    scope = scope_of(syllabus, store.get_learner(learner_id).topics if syllabus is not None else ())
    sql = _SOONEST_DUE[scope.clause()]
    dues = [
        row[0]
        for queue in (QUEUE_LEARNING, QUEUE_REVIEW)
        for row in store.conn.execute(sql, {"learner": learner_id, "bank": bank_id, "queue": queue,
                                            "only": scope.only})
        if row[0] is not None
    ]
    return from_ms(min(dues)) if dues else None
