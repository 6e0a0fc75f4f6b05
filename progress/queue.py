"""The study queue: which card to ask next.

Due learning and relearning cards first, then due reviews (lowest
retrievability first, up to the daily review cap), then new cards (up to the
daily new limit). Each choice is an indexed query with LIMIT 1; only the order
of the day's due reviews is computed over all of them, once, and cached.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from weakref import WeakKeyDictionary

from progress.store import QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, Card, Store, timestamp
from progress.studyday import as_utc, day_bounds

# Choosers take the passage to avoid (None: any) and return a card id or None.
Chooser = Callable[[str | None], int | None]

_NOT_BURIED = "(buried_until IS NULL OR buried_until <= :now)"


@dataclass
class _ReviewOrder:
    """The day's due reviews, lowest retrievability first, and how far the queue got."""

    key: tuple[object, ...]
    cards: list[tuple[int, str]]
    position: int = 0


_orders: WeakKeyDictionary[Store, _ReviewOrder] = WeakKeyDictionary()


def next_card(
    store: Store,
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
    now = as_utc(now)
    start, end = day_bounds(now, store.tz)
    conn = store.db.conn
    learner = store.get_learner(learner_id)
    done = store.done_since(learner_id, bank_id, start)
    args = {"learner": learner_id, "bank": bank_id, "now": timestamp(now), "end": timestamp(end)}
    avoid = _passage_of(conn, learner_id, bank_id, after)

    due: list[Chooser] = [
        lambda passage: _first(
            conn,
            f"queue = {QUEUE_LEARNING} AND due <= :now AND {_NOT_BURIED}",
            "due",
            args,
            passage,
        )
    ]
    if done.reviews < learner.reviews_per_day:
        order = _review_order(store, learner_id, bank_id, learner.reviews_per_day - done.reviews, args)
        due.append(lambda passage: _next_review(conn, order, args, passage))
    if done.new < learner.new_per_day:
        due.append(lambda passage: _first(conn, f"queue = {QUEUE_NEW} AND {_NOT_BURIED}", "due, id", args, passage))
    chosen = _choose(due, avoid)
    if chosen is None and learn_ahead:
        chosen = _choose([lambda passage: _soonest(conn, args, passage)], avoid)
    return store.card_by_id(chosen) if chosen is not None else None


def _choose(choosers: list[Chooser], avoid: str | None) -> int | None:
    """The first card in priority order not citing `avoid`, else the first card at all."""
    for passage in (avoid, None) if avoid is not None else (None,):
        for choose in choosers:
            card_id = choose(passage)
            if card_id is not None:
                return card_id
    return None


def _passage_of(conn: sqlite3.Connection, learner_id: int, bank_id: str, question_id: str | None) -> str | None:
    if question_id is None:
        return None
    row = conn.execute(
        "SELECT passage FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
        (learner_id, bank_id, question_id),
    ).fetchone()
    return row[0] if row else None


def _first(
    conn: sqlite3.Connection, condition: str, order_by: str, args: dict[str, object], avoid: str | None
) -> int | None:
    row = conn.execute(
        f"SELECT id FROM cards WHERE learner_id = :learner AND bank_id = :bank AND {condition} "
        f"AND passage IS NOT :avoid ORDER BY {order_by} LIMIT 1",
        {**args, "avoid": avoid},
    ).fetchone()
    return row[0] if row else None


def _soonest(conn: sqlite3.Connection, args: dict[str, object], avoid: str | None) -> int | None:
    """The studied card due soonest, whenever that is."""
    rows = [
        conn.execute(
            "SELECT due, id FROM cards WHERE learner_id = :learner AND bank_id = :bank AND queue = :queue "
            f"AND {_NOT_BURIED} AND passage IS NOT :avoid ORDER BY due LIMIT 1",
            {**args, "queue": queue, "avoid": avoid},
        ).fetchone()
        for queue in (QUEUE_LEARNING, QUEUE_REVIEW)
    ]
    found = [row for row in rows if row is not None]
    return min(found)[1] if found else None


def _review_order(
    store: Store, learner_id: int, bank_id: str, limit: int, args: dict[str, object]
) -> _ReviewOrder:
    """The cached order of today's due reviews, rebuilt when the day or the data changed.

    `data_version` changes when another connection commits; `generation` when
    this store made any write but an answer. Answers only take cards out of
    the day's reviews, which `_next_review` sees and skips.
    """
    (data_version,) = store.db.conn.execute("PRAGMA data_version").fetchone()
    key = (learner_id, bank_id, args["end"], store.generation, data_version)
    order = _orders.get(store)
    if order is not None and order.key == key and order.position < len(order.cards):
        return order
    order = _ReviewOrder(key, _due_reviews(store.db.conn, limit, args))
    _orders[store] = order
    return order


def _due_reviews(conn: sqlite3.Connection, limit: int, args: dict[str, object]) -> list[tuple[int, str]]:
    """Up to `limit` reviews due this study day, lowest retrievability first.

    FSRS's retrievability (1 + factor * t / S) ** decay falls as elapsed time
    t over stability S grows, so ordering by t / S descending is the same order.
    """
    rows = conn.execute(
        "SELECT id, passage FROM cards WHERE learner_id = :learner AND bank_id = :bank "
        f"AND queue = {QUEUE_REVIEW} AND due < :end AND {_NOT_BURIED} "
        "ORDER BY (julianday(:now) - julianday(last_review)) / stability DESC, due, id LIMIT :limit",
        {**args, "limit": limit},
    )
    return [(card_id, passage) for card_id, passage in rows]


def _next_review(
    conn: sqlite3.Connection, order: _ReviewOrder, args: dict[str, object], avoid: str | None
) -> int | None:
    """The next still-due review in the order whose passage is not `avoid`."""
    index = order.position
    while index < len(order.cards):
        card_id, passage = order.cards[index]
        row = conn.execute(
            f"SELECT 1 FROM cards WHERE id = :id AND queue = {QUEUE_REVIEW} AND due < :end AND {_NOT_BURIED}",
            {**args, "id": card_id},
        ).fetchone()
        if row is None:
            if index == order.position:
                order.position += 1  # answered since the order was built: gone for today
        elif passage != avoid:
            return card_id
        index += 1
    return None
