"""A learner's cards rebuilt from their review log: by the pure replay, and by answering again in a fresh store."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from progress.records import Card, Memory
from progress.review import Step, effective, replay
from progress.store import Store


def replayed_memory(store: Store, card: Card) -> Memory:
    """`review.replay` of the card's log as the store wrote it (answers, undos, re-ratings, overrides)."""
    steps = [
        Step(rating, entry.reviewed_at, store.scheduler(entry.scheduler_id))
        for entry, rating, _ in effective(store.log(card))
        if entry.scheduler_id is not None
    ]
    return replay(card.key, steps)


def assert_cards_are_their_replays(store: Store, learner_id: int, bank_id: str) -> None:
    """Every stored card's memory is the replay of its log."""
    for card in store.cards(learner_id, bank_id):
        assert card.memory == replayed_memory(store, card), card.question_id


def replayed_cards(original: Store, learner_name: str, bank_id: str, questions: dict[str, str], into: Path) -> list[dict]:
    """The learner's cards after answering their effective log again in a fresh store, in commit order."""
    learner = next(learner for learner in original.learners() if learner.name == learner_name)
    question_of = {card.id: card.question_id for card in original.cards(learner.id, bank_id)}
    reviews = sorted(original.reviews(learner.id, bank_id), key=lambda review: review.id)
    with Store.open(into, tz=original.tz) as fresh:
        twin = fresh.learner(learner_name)
        fresh.sync_bank(twin.id, bank_id, questions)
        for review in reviews:
            fresh.record(
                twin.id, bank_id, question_of[review.card_id],
                rating=review.rating, revision=review.revision or "", response=review.response, score=review.score,
                duration_ms=review.duration_ms, hinted=review.hinted, now=review.reviewed_at,
            )  # fmt: skip
        return card_states(fresh, twin.id, bank_id)


def card_states(store: Store, learner_id: int, bank_id: str) -> list[dict]:
    """Every card's scheduling state, without the row ids that differ between files."""
    return [
        {key: value for key, value in asdict(card).items() if key not in ("id", "learner_id")}
        for card in store.cards(learner_id, bank_id)
    ]
