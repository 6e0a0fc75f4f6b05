"""Answer recorded + next card chosen: Tutor's Store against Anki, same run.

Builds, in a temporary folder, a Tutor database and an Anki collection of the
same size (one learner, CARDS cards, REVIEWS past reviews, a mix of due reviews
and new cards), and a Tutor database a hundredth of that size, then times the
loop "record an answer durably, then choose the next card" on each, interleaved
answer by answer with a one-row durable commit (the floor under any loop that
commits each answer). Both fsync every commit (WAL, synchronous=FULL); another
loop runs Tutor without that fsync (NORMAL, not shipped), to show what
durability costs on this disk. It prints p50/p99, how Tutor's p50 grows from the
small database to the large one, the size per million reviews, and last the two
budgets: p99 Tutor/Anki, and Tutor's p50 above the floor over Anki's.
Run: python bench/progress_bench.py [--cards N] [--reviews N] [--answers N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from anki.collection import Collection  # first: anki.cards alone is a circular import
from anki.cards import Card
from anki.scheduler.v3 import CardAnswer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout
from progress import schema  # noqa: E402
from progress.queue import Queue  # noqa: E402
from progress.records import QUEUE_NEW, QUEUE_REVIEW, interval_days, review_uuid, to_ms  # noqa: E402
from progress.store import Store  # noqa: E402

DAY_SECONDS = 86_400
HISTORY_DAYS = 730
# Share of cards already studied (the rest are new) and, of those, share due today.
STUDIED_SHARE = 0.7
DUE_SHARE = 0.05
# The learner's answers in the timed loop: mostly right, some lapses.
RATING_WEIGHTS = {1: 0.10, 2: 0.05, 3: 0.80, 4: 0.05}
# Questions citing the same passage: the queue keeps them apart.
QUESTIONS_PER_PASSAGE = 3
BANK = "bench"
# Daily limits high enough that the timed loop never runs dry, on both sides.
NEW_PER_DAY = 9999
REVIEWS_PER_DAY = 9999
# What content's question.revision() gives: a 12-hex digest of what is graded.
REVISION = "3f2a9c0d11be"
# The small Tutor database has this share of the large one's reviews (and cards, if enough).
SMALL = 0.01


@dataclass(frozen=True)
class Timings:
    """Seconds per loop iteration, in the order they ran."""

    seconds: list[float]

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Plan:
    """The shared shape of both databases: which cards are studied, due, or new."""

    cards: int
    reviews: int
    seed: int
    # Share of studied cards due today.
    due_share: float = DUE_SHARE

    def studied_cards(self) -> int:
        return int(self.cards * STUDIED_SHARE)

    def reviews_of(self, studied_index: int) -> int:
        """Past reviews of one studied card, spreading REVIEWS evenly."""
        studied = self.studied_cards()
        base, extra = divmod(self.reviews, studied)
        return base + (1 if studied_index < extra else 0)

    def ratings(self, count: int) -> list[int]:
        """The ratings the timed loop answers with, the same for both sides."""
        rng = random.Random(self.seed)
        return rng.choices(list(RATING_WEIGHTS), weights=list(RATING_WEIGHTS.values()), k=count)


# Anki #########################################################################


def build_anki(path: Path, plan: Plan) -> None:
    """An Anki collection (v3 scheduler, FSRS on) with plan's cards and revlog."""
    col = Collection(str(path))
    try:
        col.set_config("fsrs", True)
        config = col.decks.config_dict_for_deck_id(1)
        config["new"]["perDay"] = NEW_PER_DAY
        config["rev"]["perDay"] = REVIEWS_PER_DAY
        config["reviewOrder"] = 7  # retrievability ascending, as Tutor's queue orders reviews
        col.decks.update_config(config)
        col.crt = col.crt - HISTORY_DAYS * DAY_SECONDS
        today = col.sched.today
        notetype_id = col.models.by_name("Basic")["id"]
        rng = random.Random(plan.seed)
        now_ms = int(time.time() * 1000)
        base_id = now_ms - HISTORY_DAYS * DAY_SECONDS * 1000

        notes, cards, revlog = [], [], []
        studied = plan.studied_cards()
        revlog_ids: set[int] = set()
        for index in range(plan.cards):
            note_id = card_id = base_id + index
            front = f"Question {index}: what happened in year {1900 + index % 120}?"
            notes.append(
                (note_id, f"g{index:08d}", notetype_id, now_ms // 1000, 0, "",
                 f"{front}\x1fAnswer {index}", front, index, 0, "")
            )  # fmt: skip
            if index >= studied:
                new_card = (card_id, note_id, 1, 0, now_ms // 1000, 0, 0, 0, index - studied, 0, 0, 0, 0, 0, 0, 0, 0, "")
                cards.append(new_card)
                continue
            count = plan.reviews_of(index)
            ivl = rng.randint(1, 365)
            due = today - rng.randint(0, 30) if rng.random() < plan.due_share else today + rng.randint(1, ivl)
            memory = json.dumps({"s": float(ivl), "d": round(rng.uniform(2, 9), 2), "dr": 0.9})
            cards.append(
                (card_id, note_id, 1, 0, now_ms // 1000, 0, 2, 2, due, ivl, 2500, count, 0, 0, 0, 0, 0, memory)
            )
            # Revlog ids are the answers' epoch milliseconds, spread over the history.
            last_ms = now_ms + min(due - today - ivl, -1) * DAY_SECONDS * 1000
            step_ms = (last_ms - base_id) // max(1, count)
            for review in range(count):
                revlog_id = base_id + review * step_ms + rng.randrange(step_ms // 2)
                while revlog_id in revlog_ids:
                    revlog_id += 1
                revlog_ids.add(revlog_id)
                ease = 1 if rng.random() < 0.1 else 3
                revlog.append(
                    (revlog_id, card_id, 0, ease, max(1, review * 3), max(0, (review - 1) * 3), 2500,
                     rng.randint(2_000, 20_000), 1 if review else 0)
                )  # fmt: skip

        def insert() -> None:
            col.db.executemany("insert into notes values (?,?,?,?,?,?,?,?,?,?,?)", notes)
            col.db.executemany("insert into cards values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
            col.db.executemany("insert into revlog values (?,?,?,?,?,?,?,?,?)", revlog)

        col.db.transact(insert)
    finally:
        col.close()


class AnkiLoop:
    """Anki's reviewer on an open collection: answer the shown card, fetch the next."""

    RATINGS = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}

    def __init__(self, path: Path) -> None:
        self.col = Collection(str(path))
        self.queued = self.col.sched.get_queued_cards().cards[0]

    def answer(self, rating: int) -> None:
        card = Card(self.col, backend_card=self.queued.card)
        card.start_timer()
        self.col.sched.answer_card(
            self.col.sched.build_answer(card=card, states=self.queued.states, rating=self.RATINGS[rating])
        )
        self.queued = self.col.sched.get_queued_cards().cards[0]

    def idle(self) -> None:
        pass

    def journal(self) -> str:
        return journal(lambda name: self.col.db.scalar(f"PRAGMA {name}"))

    def close(self) -> None:
        self.col.close()


# Tutor ########################################################################


def build_tutor(path: Path, plan: Plan) -> None:
    """A Tutor database with one learner holding plan's cards and review log.

    Cards come from the public `sync_bank`; their studied state and the review
    log are bulk-inserted in one transaction, with the columns `record` writes.
    """
    with Store.open(path) as store:
        learner = store.learner("bench")
        learner = store.update_settings(learner.id, new_per_day=NEW_PER_DAY, reviews_per_day=REVIEWS_PER_DAY)
        store.sync_bank(
            learner.id, BANK, {f"q{index}": f"p{index // QUESTIONS_PER_PASSAGE}" for index in range(plan.cards)}
        )
        card_ids = dict(
            store.db.conn.execute("SELECT question_id, id FROM cards WHERE learner_id = ?", (learner.id,))
        )
        rng = random.Random(plan.seed)
        now = datetime.now(timezone.utc)
        start = now - timedelta(days=HISTORY_DAYS)
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        cards, reviews = [], []
        for index in range(plan.studied_cards()):
            card_id = card_ids[f"q{index}"]
            count = plan.reviews_of(index)
            ivl = rng.randint(1, 365)
            if rng.random() < plan.due_share:
                due = today - timedelta(days=rng.randint(0, 30), hours=rng.uniform(0, 12))
            else:
                due = today + timedelta(days=rng.randint(2, ivl + 1), hours=rng.uniform(0, 12))
            last_review = min(due - timedelta(days=ivl), now - timedelta(days=1))
            stability, difficulty = float(ivl), round(rng.uniform(2, 9), 2)
            cards.append((QUEUE_REVIEW, 2, stability, difficulty, to_ms(due), to_ms(last_review), count, card_id))
            reviewed_at = start + timedelta(hours=rng.uniform(0, 48))
            step = (last_review - reviewed_at) / max(1, count - 1)
            previous = None
            for review in range(count):
                rating = 1 if rng.random() < 0.1 else 3
                at = to_ms(reviewed_at)
                reviews.append(
                    (review_uuid(at), learner.id, card_id, at, rating, REVISION, f"answer {index}", float(rating > 1),
                     rng.randint(2_000, 20_000), 0, learner.scheduler_id, QUEUE_REVIEW if review else QUEUE_NEW, 0,
                     interval_days(at, previous))
                )  # fmt: skip
                previous = at
                reviewed_at += step
        conn = store.db.conn
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "UPDATE cards SET queue = ?, state = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, "
            "reps = ?, step = NULL WHERE id = ?",
            cards,
        )
        conn.executemany(
            "INSERT INTO reviews (uuid, learner_id, card_id, kind, reviewed_at, rating, revision, response, score, "
            "duration_ms, hinted, scheduler_id, was_queue, was_suspended, was_interval) "
            "VALUES (?, ?, ?, 'answer', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reviews,
        )
        schema.fold_quarters(conn)  # as the learner's next session's start sums a history logged before it
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class TutorLoop:
    """Tutor's engine on an open Store: record the shown card's answer, choose the next."""

    def __init__(self, path: Path, *, synchronous: str | None = None) -> None:
        self.store = Store.open(path)
        if synchronous is not None:
            self.store.db.execute(f"PRAGMA synchronous = {synchronous}")
        learner = self.store.last_learner()
        assert learner is not None
        self.learner_id = learner.id
        self.queue = Queue(self.store)
        self.card = self.queue.next_card(self.learner_id, BANK, datetime.now(timezone.utc))
        # Seconds spent in record alone, so a slow loop shows which half to look at.
        self.recording: list[float] = []
        (self.first_timed,) = self.store.db.execute("SELECT coalesce(max(id), 0) + 1 FROM reviews").fetchone()

    def answer(self, rating: int) -> None:
        assert self.card is not None, "the queue ran dry: raise --cards"
        start = time.perf_counter()
        now = datetime.now(timezone.utc)
        self.store.record(
            self.learner_id, BANK, self.card.question_id,
            rating=rating, revision=REVISION, response="an answer", score=float(rating > 1), duration_ms=8000,
            hinted=False, now=now,
        )  # fmt: skip
        self.recording.append(time.perf_counter() - start)
        self.card = self.queue.next_card(self.learner_id, BANK, now, after=self.card.question_id)

    def idle(self) -> None:
        """Between answers, as the app's study thread does once a reply is sent: checkpoint the log when due."""
        self.store.tidy()

    def journal(self) -> str:
        return journal(lambda name: self.store.db.execute(f"PRAGMA {name}").fetchone()[0])

    def reviewed(self) -> str:
        """How many of the timed answers were to cards in review, so loops compared do the same work."""
        (reviews, answers) = self.store.db.execute(
            f"SELECT count(*) FILTER (WHERE was_queue = {QUEUE_REVIEW}), count(*) FROM reviews WHERE id >= ?",
            (self.first_timed,),
        ).fetchone()
        return f"{reviews} of its {answers} answers to cards in review"

    def close(self) -> None:
        self.store.close()


def database_bytes(path: Path) -> int:
    """The database file with its WAL, as the learner's disk holds it."""
    return sum(file.stat().st_size for file in path.parent.glob(path.name + "*"))


class FloorLoop:
    """One-row commits in WAL mode with synchronous=FULL: what one durable commit costs on this disk."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, rating INTEGER)")

    def answer(self, rating: int) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO answers (rating) VALUES (?)", (rating,))
        self.conn.execute("COMMIT")

    def idle(self) -> None:
        pass

    def journal(self) -> str:
        return journal(lambda name: self.conn.execute(f"PRAGMA {name}").fetchone()[0])

    def close(self) -> None:
        self.conn.close()


def journal(db_pragma: Callable[[str], object]) -> str:
    """The durability settings a timing was made under."""
    return f"journal_mode={db_pragma('journal_mode')} synchronous={db_pragma('synchronous')}"


# Report #######################################################################


def timed(label: str, build: Callable[[], None]) -> None:
    start = time.perf_counter()
    build()
    print(f"built {label} in {time.perf_counter() - start:.1f} s", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="10,000 cards and 100,000 reviews, for iterating")
    args = parser.parse_args(argv)
    if args.quick:
        args.cards, args.reviews = 10_000, 100_000
    plan = Plan(cards=args.cards, reviews=args.reviews, seed=args.seed)
    # Enough new cards that the small database's queue never runs dry, and enough due reviews that its
    # timed answers are to review cards as the large one's are: answering a new card skips the interval
    # fuzz and the retrievability, so a mix of new cards would make the large file look slower than it is.
    small_cards = max(round(args.cards * SMALL), 4 * args.answers)
    small = Plan(
        cards=small_cards, reviews=round(args.reviews * SMALL), seed=args.seed,
        due_share=min(1.0, max(DUE_SHARE, 1.5 * args.answers / int(small_cards * STUDIED_SHARE))),
    )

    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as folder:
        paths = {
            name: Path(folder) / name / "tutor.db" for name in ("anki", "tutor", "tutor-small", "tutor-normal", "floor")
        }
        for path in paths.values():
            path.parent.mkdir()
        anki_path = paths["anki"].with_name("collection.anki2")
        timed("Anki collection", lambda: build_anki(anki_path, plan))
        timed("Tutor database", lambda: build_tutor(paths["tutor"], plan))
        timed("small Tutor database", lambda: build_tutor(paths["tutor-small"], small))
        shutil.copyfile(paths["tutor"], paths["tutor-normal"])
        sizes = {"Anki": database_bytes(anki_path), "Tutor": database_bytes(paths["tutor"])}
        os.sync()  # the builds' dirty pages would otherwise be written back during the timings
        tutor_loop = TutorLoop(paths["tutor"])
        small_name = f"Tutor at {small.cards:,} cards, {small.reviews:,} reviews"
        normal_name = "Tutor, synchronous=NORMAL (not shipped: a power cut may lose answers)"
        floor_name = "one-row durable commit on this disk, the floor under both"
        loops: dict[str, AnkiLoop | TutorLoop | FloorLoop] = {
            "Anki": AnkiLoop(anki_path),
            "Tutor": tutor_loop,
            small_name: TutorLoop(paths["tutor-small"]),
            normal_name: TutorLoop(paths["tutor-normal"], synchronous="NORMAL"),
            floor_name: FloorLoop(paths["floor"]),
        }
        try:
            timings = interleaved(loops, plan.ratings(args.answers))
            journals = {name: loop.journal() for name, loop in loops.items()}
            mixes = {name: loop.reviewed() for name, loop in loops.items() if isinstance(loop, TutorLoop)}
            recording = Timings(tutor_loop.recording)
        finally:
            for loop in loops.values():
                loop.close()

    anki, tutor = timings["Anki"], timings["Tutor"]
    p50 = {name: timing.percentile(0.5) for name, timing in timings.items()}
    print(f"answer recorded + next card chosen: {args.cards:,} cards, {args.reviews:,} reviews, {args.answers} answers")
    for name, timing in timings.items():
        print(f"  {name}: p50 {p50[name] * 1000:.2f} ms, p99 {timing.percentile(0.99) * 1000:.2f} ms")
        print(f"      {journals[name]}" + (f"; {mixes[name]}" if name in mixes else ""))
        if name == "Tutor":
            print(f"      of which store.record: p50 {recording.percentile(0.5) * 1000:.2f} ms")
    print(
        f"  Tutor's p50 from {small.reviews:,} to {args.reviews:,} reviews: {p50[small_name] * 1000:.2f} -> "
        f"{p50['Tutor'] * 1000:.2f} ms, {p50['Tutor'] / p50[small_name]:.2f}x (budget: at most 1.20)"
    )
    # Bytes per review are megabytes per million reviews.
    print(
        f"  database size per million reviews: Tutor {sizes['Tutor'] / args.reviews:.0f} MB, "
        f"Anki {sizes['Anki'] / args.reviews:.0f} MB"
    )
    print(f"  Tutor/Anki p99: {tutor.percentile(0.99) / anki.percentile(0.99):.2f} (budget: at most 0.50)")
    # Each answer's time above the floor's commit of the same round: a slow moment of the disk hits all three.
    floor = timings[floor_name].seconds
    tutor_above, anki_above = (
        Timings([seconds - commit for seconds, commit in zip(timings[name].seconds, floor)]).percentile(0.5)
        for name in ("Tutor", "Anki")
    )
    print(
        f"  Tutor/Anki p50 above the floor: {tutor_above / anki_above:.2f} (Tutor {tutor_above * 1000:.2f} ms, "
        f"Anki {anki_above * 1000:.2f} ms above the same round's one-row commit; budget: at most 1.00)"
    )


def interleaved(loops: dict[str, AnkiLoop | TutorLoop | FloorLoop], ratings: list[int]) -> dict[str, Timings]:
    """Each loop answers each rating in turn, so a disturbance hits all of them alike.

    Whichever loop runs first in a round runs colder (after the previous round's last
    commit), so the first place goes round: each loop runs first in as many rounds.
    """
    seconds: dict[str, list[float]] = {name: [] for name in loops}
    names = list(loops)
    for index, rating in enumerate(ratings):
        first = index % len(names)
        for name in names[first:] + names[:first]:
            loop = loops[name]
            start = time.perf_counter()
            loop.answer(rating)
            seconds[name].append(time.perf_counter() - start)
            loop.idle()
    return {name: Timings(values) for name, values in seconds.items()}

if __name__ == "__main__":
    main()
