"""The queue with a bank's syllabus: new cards in its order, and a learner's topics limiting every card asked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from progress.queue import Queue
from progress.review import AGAIN, EASY, GOOD
from progress.scope import Syllabus
from progress.store import Store

NOW = datetime(2025, 1, 6, 15, tzinfo=timezone.utc)
BANK = "b"
REVISION = "0123456789ab"
# Cards made in this order, introduced in the syllabus'; a3 and c2 come into the bank later.
PASSAGES = {"a1": "pa", "a2": "pa", "b1": "pb", "b2": "pc", "c1": "pd"}
SYLLABUS = Syllabus(["b1", "a1", "c1", "b2", "a2", "c2", "a3"],
                  {"a1": ["alpha"], "a2": ["alpha"], "b1": ["beta"], "b2": ["beta", "alpha"], "c1": ["gamma"],
                   "c2": ["gamma"], "a3": ["alpha"]})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "tutor.db", tz=timezone.utc) as store:
        yield store


def answer(store: Store, learner_id: int, question_id: str, rating: int, now: datetime) -> None:
    store.record(learner_id, BANK, question_id, rating=rating, revision=REVISION, response="r", score=1.0,
                 duration_ms=900, hinted=False, now=now)


def asked(store: Store, learner_id: int, now: datetime, rating: int = GOOD, queue: Queue | None = None) -> list[str]:
    """Question ids in the order the queue asks them, each answered at once with `rating`."""
    queue = queue or Queue(store, SYLLABUS)
    out: list[str] = []
    while (card := queue.next_card(learner_id, BANK, now, after=out[-1] if out else None)) is not None:
        out.append(card.question_id)
        answer(store, learner_id, card.question_id, rating, now)
    return out


def test_new_cards_come_in_the_syllabus_order_not_the_order_they_were_made(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, PASSAGES)
    assert asked(store, ann.id, NOW, EASY) == ["b1", "a1", "c1", "b2", "a2"]


def test_without_a_syllabus_new_cards_come_in_the_order_they_were_made(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, PASSAGES)
    assert asked(store, ann.id, NOW, EASY, Queue(store)) == ["a1", "b1", "a2", "b2", "c1"]  # a2 kept off a1


def test_a_card_undone_comes_back_in_its_place(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, PASSAGES)
    queue = Queue(store, SYLLABUS)
    first = queue.next_card(ann.id, BANK, NOW)
    answer(store, ann.id, first.question_id, EASY, NOW)
    assert queue.next_card(ann.id, BANK, NOW).question_id == "a1"
    store.undo_last(ann.id, now=NOW)
    assert queue.next_card(ann.id, BANK, NOW).question_id == "b1"


def test_topics_limit_new_cards_learning_cards_and_reviews(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, PASSAGES)
    for question in PASSAGES:  # every card studied a month ago: all due for review now
        answer(store, ann.id, question, EASY, NOW - timedelta(days=60))
    store.update_settings(ann.id, topics=["alpha"])
    assert sorted(asked(store, ann.id, NOW)) == ["a1", "a2", "b2"]

    store.sync_bank(ann.id, BANK, {**PASSAGES, "a3": "pe", "c2": "pf"})  # new cards
    answer(store, ann.id, "c1", AGAIN, NOW)  # a learning card, of another topic
    later = NOW + timedelta(hours=1)
    assert asked(store, ann.id, later, EASY) == ["a3"]
    queue = Queue(store, SYLLABUS)
    assert queue.next_card(ann.id, BANK, later, learn_ahead=True).question_id != "c1"
    today = store.stats_today(ann.id, BANK, later, SYLLABUS)
    assert (today.due, today.new_available) == (0, 0)
    assert store.stats_today(ann.id, BANK, later).due == 2  # c1 and b1, counted when topics are not known

    store.update_settings(ann.id, topics=[])  # all topics again
    assert asked(store, ann.id, later) == ["c1", "b1", "c2"]


def test_topics_the_bank_does_not_have_are_ignored_and_named(store: Store) -> None:
    ann = store.learner("ann")
    store.sync_bank(ann.id, BANK, PASSAGES)
    store.update_settings(ann.id, topics=["cooking", "gamma"])
    assert SYLLABUS.scope(["cooking", "gamma"]).ignored == ("cooking",)
    assert asked(store, ann.id, NOW, EASY) == ["c1"]

    store.update_settings(ann.id, topics=["cooking"])  # nothing left: every topic
    assert SYLLABUS.scope(["cooking"]).only is None
    assert asked(store, ann.id, NOW, EASY) == ["b1", "a1", "b2", "a2"]
