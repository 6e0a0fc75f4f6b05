"""Rebuild a learner's cards by replaying their review log into a fresh store."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from progress.store import Store


def replayed_cards(original: Store, learner_name: str, bank_id: str, questions: dict[str, str], into: Path) -> list[dict]:
    """The learner's cards after replaying every review of `original`, in commit order."""
    learner = next(learner for learner in original.learners() if learner.name == learner_name)
    question_of = {card.id: card.question_id for card in original.cards(learner.id, bank_id)}
    reviews = sorted(original.reviews(learner.id, bank_id), key=lambda review: review.id)
    with Store.open(into, tz=original.tz) as fresh:
        twin = fresh.learner(learner_name)
        fresh.sync_bank(twin.id, bank_id, questions)
        for review in reviews:
            fresh.record(
                twin.id, bank_id, question_of[review.card_id],
                rating=review.rating, response=review.response, score=review.score,
                duration_ms=review.duration_ms, hinted=review.hinted, now=review.reviewed_at,
            )  # fmt: skip
        return card_states(fresh, twin.id, bank_id)


def card_states(store: Store, learner_id: int, bank_id: str) -> list[dict]:
    """Every card's scheduling state, without the row ids that differ between files."""
    return [
        {key: value for key, value in asdict(card).items() if key not in ("id", "learner_id")}
        for card in store.cards(learner_id, bank_id)
    ]
