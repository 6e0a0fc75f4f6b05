"""A learner answering in a loop, for the durability and concurrency tests.

Run as a script with the project's python: it prints each review id on its own
line, flushed, only after `Store.record` has returned (the answer is committed).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from progress.queue import next_card
from progress.store import Store

BANK = "loop-bank"
# 300 questions over 100 passages, three each: enough that random answers make few leeches.
QUESTIONS = {f"q{index:03d}": f"passage-{index // 3}" for index in range(300)}
START = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
TZ = timezone(timedelta(hours=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--learner", default="ann")
    parser.add_argument("--answers", type=int, default=-1, help="stop after this many (-1: never)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real-clock", action="store_true")
    parser.add_argument("--wait-for", type=Path, help="start answering once this file exists")
    args = parser.parse_args()

    store = Store.open(args.db, tz=TZ)
    learner = store.learner(args.learner)
    store.sync_bank(learner.id, BANK, QUESTIONS)
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
        card = next_card(store, learner.id, BANK, now, learn_ahead=True, after=previous)
        assert card is not None
        rating = rng.choices([1, 2, 3, 4], weights=[1, 1, 16, 2])[0]
        answer = store.record(
            learner.id, BANK, card.question_id,
            rating=rating, response=f"answer {answered}", score=rating / 4, duration_ms=rng.randint(500, 9000),
            hinted=rating == 2, now=now,
        )  # fmt: skip
        sys.stdout.write(f"{answer.review_id}\n")
        sys.stdout.flush()
        previous = card.question_id
        answered += 1
    store.close()


if __name__ == "__main__":
    main()
