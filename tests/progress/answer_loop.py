"""A learner answering in a loop, for the durability and concurrency tests.

Run as a script with the project's python: it prints a line for each row it
writes to the review log, flushed, only after the store has returned (the row is
committed): "answer ID" for an answer, and with --corrections also "rerate ID",
"override ID" and "void ID" for the answer (ID) that a re-rating, an override
or an undo corrects.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from progress.queue import Queue
from progress.store import Store

BANK = "loop-bank"
# 300 questions over 100 passages, three each: enough that random answers make few leeches.
QUESTIONS = {f"q{index:03d}": f"passage-{index // 3}" for index in range(300)}
START = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
TZ = timezone(timedelta(hours=1))


def report(kind: str, review_id: int) -> None:
    sys.stdout.write(f"{kind} {review_id}\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--learner", default="ann")
    parser.add_argument("--answers", type=int, default=-1, help="stop after this many (-1: never)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real-clock", action="store_true")
    parser.add_argument("--wait-for", type=Path, help="start answering once this file exists")
    parser.add_argument("--corrections", action="store_true", help="also re-rate, override and undo at random")
    args = parser.parse_args()

    store = Store.open(args.db, tz=TZ)
    learner = store.learner(args.learner)
    store.sync_bank(learner.id, BANK, QUESTIONS)
    queue = Queue(store)
    rng = random.Random(args.seed)
    last = [review.reviewed_at for review in store.reviews(learner.id, BANK)]
    now = max(last, default=START)
    previous = None
    if args.wait_for is not None:
        while not args.wait_for.exists():
            time.sleep(0.01)
    answered = 0
    while answered != args.answers:
        now = datetime.now(timezone.utc) if args.real_clock else now + timedelta(minutes=rng.randint(1, 300))
        card = queue.next_card(learner.id, BANK, now, learn_ahead=True, after=previous)
        assert card is not None
        rating = rng.choices([1, 2, 3, 4], weights=[1, 1, 16, 2])[0]
        answer = store.record(
            learner.id, BANK, card.question_id,
            rating=rating, revision=f"{answered % 7:012x}", response=f"answer {answered}", score=rating / 4,
            duration_ms=rng.randint(500, 9000), hinted=rating == 2, now=now,
        )  # fmt: skip
        report("answer", answer.review_id)
        previous = card.question_id
        answered += 1
        if args.corrections:
            correct(store, learner.id, answer.review_id, rng, now)
    store.close()


def correct(store: Store, learner_id: int, review_id: int, rng: random.Random, now: datetime) -> None:
    """Now and then change the answer just given, as a learner may: re-rate it, claim it was right, undo it."""
    later = now + timedelta(seconds=5)
    choice = rng.random()
    if choice < 0.1:
        store.rerate(learner_id, review_id, rng.randint(1, 4), now=later)
        report("rerate", review_id)
    elif choice < 0.15:
        store.override(learner_id, review_id, now=later)
        report("override", review_id)
    elif choice < 0.2:
        undone = store.undo_last(learner_id, now=later)
        assert undone is not None and undone.review_id == review_id
        report("void", review_id)


if __name__ == "__main__":
    main()
