"""The study queue: which card to ask next.

Due learning and relearning cards first, then due reviews (lowest
retrievability first, up to the daily review cap), then new cards (up to the
daily new limit). Learning and new cards are each an indexed query with
LIMIT 1; the order of the day's due reviews is computed over all of them once,
kept by the Queue, and walked past the cards its store has answered since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from progress.records import CARD_COLUMNS, QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, Card, card_from_row, to_ms
from progress.store import Store
from progress.studyday import as_utc

# A row of CARD_COLUMNS: its id is row[0], its passage row[4], its due row[9].
Row = tuple
# Choosers take the passage to avoid (None: any) and return a card's row or None.
Chooser = Callable[[str | None], Row | None]

_NOT_BURIED = "(buried_until IS NULL OR buried_until <= :now)"
_FIRST_LEARNING = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_LEARNING} AND due <= :now AND {_NOT_BURIED} AND passage IS NOT :avoid "
    "ORDER BY due LIMIT 1"
)
_FIRST_NEW = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_NEW} AND {_NOT_BURIED} AND passage IS NOT :avoid ORDER BY due, id LIMIT 1"
)
_SOONEST = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank AND queue = :queue "
    f"AND {_NOT_BURIED} AND passage IS NOT :avoid ORDER BY due LIMIT 1"
)
# FSRS's retrievability (1 + factor * t / S) ** decay falls as elapsed time t over
# stability S grows, so ordering by t / S descending is lowest retrievability first.
_DUE_REVIEWS = (
    f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = :learner AND bank_id = :bank "
    f"AND queue = {QUEUE_REVIEW} AND due < :end AND {_NOT_BURIED} "
    "ORDER BY (:now - last_review) / stability DESC, due, id LIMIT :limit"
)


@dataclass
class _ReviewOrder:
    """The day's due reviews, lowest retrievability first, and how far the queue got.

    `answers` is the store's answer count when the order was built: a card the
    store answered after that is no longer due today. `complete`: the daily cap
    did not cut the order short, so once it is used up there is nothing to reload.
    """

    key: tuple[object, ...]
    rows: list[Row]
    answers: int
    complete: bool
    position: int = 0


class Queue:
    """Chooses the next card from one store (in the store's thread), keeping the day's review order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._order: _ReviewOrder | None = None

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
        args = {"learner": learner_id, "bank": bank_id, "now": to_ms(now), "end": to_ms(day.end), "avoid": None}
        asked = store.card(learner_id, bank_id, after) if after is not None else None
        avoid = asked.passage if asked is not None else None

        due: list[Chooser] = [lambda passage: _first(conn, _FIRST_LEARNING, args, passage)]
        if done.reviews < learner.reviews_per_day:
            limit = learner.reviews_per_day - done.reviews
            order = self._review_order((learner_id, bank_id, day.end, day.generation), limit, args)
            due.append(lambda passage: self._next_review(order, passage))
        if done.new < learner.new_limit(day.date):
            due.append(lambda passage: _first(conn, _FIRST_NEW, args, passage))
        chosen = _choose(due, avoid)
        if chosen is None and learn_ahead:
            chosen = _choose([lambda passage: _soonest(conn, args, passage)], avoid)
        if chosen is None:
            return None
        card = card_from_row(chosen)
        store.remember(card)
        return card

    def _review_order(self, key: tuple[object, ...], limit: int, args: dict[str, object]) -> _ReviewOrder:
        """The order of today's due reviews, rebuilt when the day or the data changed.

        The store's generation changes with every write but an answer, and with any
        other connection's commit. Answers only take cards out of the day's
        reviews, which `_next_review` sees in the store's `answered` and skips.
        """
        order = self._order
        if order is not None and order.key == key and (order.complete or order.position < len(order.rows)):
            return order
        rows = self.store.conn.execute(_DUE_REVIEWS, {**args, "limit": limit}).fetchall()
        order = self._order = _ReviewOrder(key, rows, self.store.answers, complete=len(rows) < limit)
        return order

    def _next_review(self, order: _ReviewOrder, avoid: str | None) -> Row | None:
        """The next review in the order not answered since it was built and whose passage is not `avoid`."""
        answered = self.store.answered
        index = order.position
        while index < len(order.rows):
            row = order.rows[index]
            if answered.get(row[0], 0) > order.answers:
                if index == order.position:
                    order.position += 1  # answered since the order was built: gone for today
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


def _soonest(conn: sqlite3.Connection, args: dict[str, object], avoid: str | None) -> Row | None:
    """The studied card due soonest, whenever that is."""
    rows = [
        conn.execute(_SOONEST, {**args, "queue": queue, "avoid": avoid}).fetchone()
        for queue in (QUEUE_LEARNING, QUEUE_REVIEW)
    ]
    found = [row for row in rows if row is not None]
    return min(found, key=lambda row: row[9]) if found else None
