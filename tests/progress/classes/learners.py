"""Learners' progress files for the class tests, written through the real store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from progress.records import Card
from progress.review import Step, effective, replay
from progress.store import Store

BANK = "mali"
START = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
UTC = timezone.utc


@dataclass(frozen=True)
class Said:
    """One answer: to which question, with what score and response, and what the learner did next."""

    question_id: str
    score: float = 1.0
    response: str = "an answer"
    then: str = ""  # "", "undo", "override", "rerate"
    revision: str = "0123456789ab"
    minutes: int = 30  # after the previous answer
    duration_ms: int = 4250


def write_learner(path: Path, name: str, said: Iterable[Said], *, questions: Iterable[str] = ("q1", "q2", "q3"),
                  start: datetime = START, bank: str = BANK) -> datetime:
    """Answer as `name` in the progress file at `path` (made if missing); returns the time of the last answer."""
    now = start
    with Store.open(path, tz=UTC) as store:
        learner = store.learner(name)
        store.sync_bank(learner.id, bank, {q: q for q in questions})
        last = [r.reviewed_at for r in store.reviews(learner.id)]
        now = max([now, *last])
        for one in said:
            now += timedelta(minutes=one.minutes)
            rating = 3 if one.score >= 1 else 2 if one.score > 0 else 1
            answer = store.record(
                learner.id, bank, one.question_id, rating=rating, revision=one.revision, response=one.response,
                score=one.score, duration_ms=one.duration_ms, hinted=False, now=now,
            )  # fmt: skip
            later = now + timedelta(seconds=5)
            if one.then == "undo":
                store.undo_last(learner.id, now=later)
            elif one.then == "override":
                store.override(learner.id, answer.review_id, now=later)
            elif one.then == "rerate":
                store.rerate(learner.id, answer.review_id, 4, now=later)
    return now


def union_replay(store: Store, card: Card) -> object:
    """The card's memory replayed from its log in time order, whatever order the rows were written in.

    Answers at the same millisecond (two machines) go by UUID, which does not depend on the merge order.
    """
    log = store.log(card)
    uuids = dict(store.conn.execute("SELECT id, uuid FROM reviews WHERE card_id = ?", (card.id,)).fetchall())
    answers = sorted(effective(log), key=lambda a: (a[0].reviewed_at, uuids[a[0].id]))
    return replay(card.key, [Step(rating, e.reviewed_at, store.scheduler(e.scheduler_id)) for e, rating, _ in answers])


def files_state(folder: Path) -> dict[str, bytes]:
    """Every file in the folder and its bytes: what merging must leave as it was."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
