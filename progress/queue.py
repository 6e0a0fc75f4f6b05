"""The study queue: which card to ask next.

Due learning and relearning cards first, then due reviews (lowest
retrievability first, up to the daily review cap), then new cards (up to the
daily new limit). Learning cards are an indexed query with LIMIT 1. The order
of the day's due reviews is computed over all of them once, kept by the Queue,
and walked past the cards its store has answered since. New cards come in the
order of the bank's syllabus (see progress.scope and content.study_order), kept the
same way; without a syllabus, in the order the bank's cards were made, one
indexed query each. A learner studying by topic is asked only those topics.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from progress.records import (CARD_COLUMNS, QUEUE_INACTIVE, QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, Card,
                              card_from_row, to_ms)
from progress.scope import IN_SCOPE, Syllabus, Scope, scope_of
from progress.store import Store
from progress.studyday import as_utc

# A row of CARD_COLUMNS: its id is row[0], its question row[3], its passage row[4], its due row[9].
Row = tuple
# Choosers take the passage to avoid (None: any) and return a card's row or None.
Chooser = Callable[[str | None], Row | None]

_NOT_BURIED = "(buried_until IS NULL OR buried_until <= :now)"
# Each statement has a {scope} slot for progress.scope's clause.
_FIRST_LEARNING = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_LEARNING} AND due <= :now AND {_NOT_BURIED} AND passage IS NOT :avoid {{scope}} "
    "ORDER BY due LIMIT 1"
)
_FIRST_NEW = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_NEW} AND {_NOT_BURIED} AND passage IS NOT :avoid {{scope}} ORDER BY due, id LIMIT 1"
)
_NEW_CARDS = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_NEW} AND {_NOT_BURIED} {{scope}}"
)
_SOONEST = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank AND queue = :queue "
    f"AND {_NOT_BURIED} AND passage IS NOT :avoid {{scope}} ORDER BY due LIMIT 1"
)
# FSRS's retrievability (1 + factor * t / S) ** decay falls as elapsed time t over
# stability S grows, so ordering by t / S descending is lowest retrievability first.
_DUE_REVIEWS = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_REVIEW} AND due < :end AND {_NOT_BURIED} {{scope}} "
    "ORDER BY (:now - last_review) / stability DESC, due, id LIMIT :limit"
)

_STATEMENTS = {
    clause: {name: sql.format(scope=clause) for name, sql in (
        ("learning", _FIRST_LEARNING), ("first new", _FIRST_NEW), ("new", _NEW_CARDS), ("soonest", _SOONEST),
        ("reviews", _DUE_REVIEWS))}
    for clause in ("", IN_SCOPE)
}


@dataclass
class _Order:
    """Cards in the order to ask them (the day's due reviews, or its new cards), and how far the queue got.

    `answers` is the store's answer count when the order was built: a card the
    store answered after that has left the queue it was in. `complete`: no cap
    cut the order short, so once it is used up there is nothing to reload.
    """

    key: tuple[object, ...]
    rows: list[Row]
    answers: int
    complete: bool
    position: int = 0


class Queue:
    """Chooses the next card from one store (in the store's thread), keeping the day's orders.

    With a `syllabus` of the bank, new cards come in its order and the learner's topics
    limit every card asked; without one, new cards come in the order they were made.
    """

    def __init__(self, store: Store, syllabus: Syllabus | None = None) -> None:
        self.store = store
        self.syllabus = syllabus
        self._order: _Order | None = None
        self._new: _Order | None = None
        # The card last chosen and the store generation it was read at: the question asked next,
        # whose passage the choice after it avoids, without looking it up again.
        self._chosen: tuple[Card, int] | None = None

    def next_card(
        self,
        learner_id: int,
        bank_id: str,
        now: datetime,
        *,
        learn_ahead: bool = False,
        after: str | None = None,
    ) -> Card | None:
        """The card to ask now, or None when nothing is due (learn_ahead: the soonest due then).

        `after` is the question just asked: a card citing the same passage is not
        chosen next when any other card can be.
        """
        store = self.store
        now = as_utc(now)
        day = store.study_day(learner_id, bank_id, now)
        learner, done, conn = day.learner, day.done, store.conn
        scope = scope_of(self.syllabus, learner.topics)
        args = {"learner": learner_id, "bank": bank_id, "now": to_ms(now), "end": to_ms(day.end), "avoid": None,
                "only": scope.only}
        avoid = self._passage_of(learner_id, bank_id, after, day.generation) if after is not None else None
        key = (learner_id, bank_id, day.end, day.generation, scope)

        sql = _STATEMENTS[scope.clause()]
        due: list[Chooser] = [lambda passage: _first(conn, sql["learning"], args, passage)]
        if done.reviews < learner.reviews_per_day:
            order = self._review_order(key, learner.reviews_per_day - done.reviews, args, scope)
            due.append(lambda passage: self._next_in(order, passage))
        if done.new < learner.new_limit(day.date):
            if self.syllabus is not None:
                new = self._new_order(key, args, scope, self.syllabus)
                due.append(lambda passage: self._next_in(new, passage))
            else:
                due.append(lambda passage: _first(conn, sql["first new"], args, passage))
        chosen = _choose(due, avoid)
        if chosen is None and learn_ahead:
            chosen = _choose([lambda passage: _soonest(conn, args, scope, passage)], avoid)
        if chosen is None:
            return None
        card = card_from_row(chosen)
        store.remember(card)
        self._chosen = (card, day.generation)
        return card

    def askable(self, learner_id: int, bank_id: str, question_id: str, now: datetime) -> bool:
        """Whether `next_card` could ask this question now, if not first: its card is active, in the learner's
        topics, not buried, and due (a learning step now, a review today) or new, within today's limits."""
        store = self.store
        now = as_utc(now)
        card = store.card(learner_id, bank_id, question_id)
        if card is None or card.queue == QUEUE_INACTIVE or card.buried_until is not None and card.buried_until > now:
            return False
        day = store.study_day(learner_id, bank_id, now)
        learner, done = day.learner, day.done
        if not scope_of(self.syllabus, learner.topics).allows(question_id):
            return False
        if card.queue == QUEUE_NEW:
            return done.new < learner.new_limit(day.date)
        due = card.due is not None and (card.due <= now if card.queue == QUEUE_LEARNING else card.due < day.end)
        return due and (card.queue == QUEUE_LEARNING or done.reviews < learner.reviews_per_day)

    def _passage_of(self, learner_id: int, bank_id: str, question_id: str, generation: int) -> str | None:
        """The passage of the question asked: the card this queue chose, unless the file changed since."""
        if self._chosen is not None:
            card, chosen_at = self._chosen
            if chosen_at == generation and (card.learner_id, card.bank_id, card.question_id) == (
                learner_id, bank_id, question_id
            ):
                return card.passage
        asked = self.store.card(learner_id, bank_id, question_id)
        return asked.passage if asked is not None else None

    def _review_order(self, key: tuple[object, ...], limit: int, args: dict[str, object], scope: Scope) -> _Order:
        """The order of today's due reviews, rebuilt when the day, the scope or the data changed.

        The store's generation changes with every write but an answer, and with any
        other connection's commit. Answers only take cards out of the day's
        reviews, which `_next_in` sees in the store's `answered` and skips.
        """
        order = self._order
        if order is not None and order.key == key and (order.complete or order.position < len(order.rows)):
            return order
        sql = _STATEMENTS[scope.clause()]["reviews"]
        rows = self.store.conn.execute(sql, {**args, "limit": limit}).fetchall()
        order = self._order = _Order(key, rows, self.store.answers, complete=len(rows) < limit)
        return order

    def _new_order(self, key: tuple[object, ...], args: dict[str, object], scope: Scope, syllabus: Syllabus) -> _Order:
        """Today's new cards in the syllabus' order (cards it does not know last), rebuilt as `_review_order` is."""
        order = self._new
        if order is not None and order.key == key:
            return order
        rows = self.store.conn.execute(_STATEMENTS[scope.clause()]["new"], args).fetchall()
        rank, last = syllabus.rank, len(syllabus.rank)
        rows.sort(key=lambda row: (rank.get(row[3], last), row[0]))
        order = self._new = _Order(key, rows, self.store.answers, complete=True)
        return order

    def _next_in(self, order: _Order, avoid: str | None) -> Row | None:
        """The next card of the order not answered since it was built and whose passage is not `avoid`."""
        answered = self.store.answered
        index = order.position
        while index < len(order.rows):
            row = order.rows[index]
            if answered.get(row[0], 0) > order.answers:
                if index == order.position:
                    order.position += 1  # answered since the order was built: gone from it for today
            elif row[4] != avoid:
                return row
            index += 1
        return None


def _choose(choosers: list[Chooser], avoid: str | None) -> Row | None:
    """The first card in priority order not citing `avoid`, else the first card at all."""
    for passage in (avoid, None) if avoid is not None else (None,):
        for choose in choosers:
            row = choose(passage)
            if row is not None:
                return row
    return None


def _first(conn: sqlite3.Connection, sql: str, args: dict[str, object], avoid: str | None) -> Row | None:
    args["avoid"] = avoid
    return conn.execute(sql, args).fetchone()


def _soonest(conn: sqlite3.Connection, args: dict[str, object], scope: Scope, avoid: str | None) -> Row | None:
    """The studied card due soonest, whenever that is."""
    sql = _STATEMENTS[scope.clause()]["soonest"]
    rows = [
        conn.execute(sql, {**args, "queue": queue, "avoid": avoid}).fetchone()
        for queue in (QUEUE_LEARNING, QUEUE_REVIEW)
    ]
    found = [row for row in rows if row is not None]
    return min(found, key=lambda row: row[9]) if found else None
