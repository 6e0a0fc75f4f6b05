"""A class of LEARNERS x QUESTIONS: merge from one file per learner, then the gradebook and the item analysis.

The learners' files are built by a fast path, not the simulator: a template file is
made through the Store (schema, a learner, the course's first QUESTIONS questions
synced as cards), copied once per learner, and each copy gets its own learner UUID
and REVIEWS_PER_QUESTION answers per question bulk-inserted with the columns `record`
writes (version 7 UUIDs from each answer's time, the question's real revision, a
response the question's type would store: a picked option, a typed answer or a wrong
one, scored by a Rasch model of the learner's ability against the question's
difficulty), and plausible card states. A share of the learners (TWO_MACHINES) also
studied on a second machine: a second file with the same learner, a common start of
the log and answers of its own, so the merge replays those cards from both logs.

Then it times, in one run: merging every file into a new class database; merging them
all again (adding nothing); the gradebook (computing it and writing Moodle's CSV); and
the item analysis over first attempts. Each step prints its seconds and the reviews
per second it went through.
Run: python bench/class_bench.py [--learners N] [--questions N] [--reviews-per-question N] [--quick]
     [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout
from content.course import open_course  # noqa: E402
from progress.classes.classdb import for_merging, open_class  # noqa: E402
from progress.classes.gradebook import FORMATS, Outline, canvas_assignment, gradebook  # noqa: E402
from progress.classes.items import item_analysis  # noqa: E402
from progress.classes.merge import merge_files  # noqa: E402
from progress.records import QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, interval_days, review_uuid, to_ms  # noqa: E402
from progress.store import Store  # noqa: E402

MALI = Path(__file__).resolve().parents[1] / "content" / "courses" / "mali"
TWO_MACHINES = 0.02
START = datetime(2025, 9, 1, 8, tzinfo=timezone.utc)
DAY_MS = 86_400_000


def build_files(folder: Path, questions: list, learners: int, per_question: int, seed: int) -> int:
    """One progress file per learner (and a second for a few), by the fast path; returns the reviews written."""
    template = folder / "template.db"
    with Store.open(template) as store:
        who = store.learner("template")
        store.sync_bank(who.id, "mali", {q.id: q.id for q in questions})
    rng = random.Random(seed)
    difficulty = {q.id: 0.9 * (q.difficulty - 2) + rng.gauss(0, 0.8) for q in questions}
    revisions = {q.id: q.revision() for q in questions}
    written = 0  # reviews in the class: a laptop's copy of the common start counts once
    for n in range(learners):
        ability = rng.gauss(0, 1)
        learner_uuid = str(uuid.uuid4())
        log = _log(questions, difficulty, ability, per_question, rng)
        path = folder / f"learner{n:04d}.db"
        written += _write(template, path, learner_uuid, f"learner{n:04d}", log, revisions)
        if rng.random() < TWO_MACHINES:  # the same learner on a laptop: a common start, then answers of its own
            shared = log[: len(log) // 2]
            laptop = _log(questions, difficulty, ability, 2, rng, after_ms=shared[-1][1])
            _write(template, folder / f"learner{n:04d}-laptop.db", learner_uuid, f"learner{n:04d}", shared + laptop,
                   revisions)
            written += len(laptop)
    template.unlink()
    return written


def _log(questions: list, difficulty: dict[str, float], ability: float, per_question: int, rng: random.Random,
         after_ms: int | None = None) -> list[tuple]:  # fmt: skip
    """(question index, time, rating, score, response, duration, queue before, UUID) for each answer, by time."""
    log = []
    base = after_ms + DAY_MS if after_ms is not None else to_ms(START)
    for index, q in enumerate(questions):
        chance = 1 / (1 + math.exp(difficulty[q.id] - ability))
        at = base + rng.randrange(0, 20 * DAY_MS)
        options = q.shown_options()
        for attempt in range(per_question):
            right = rng.random() < min(0.97, chance + 0.08 * attempt)
            if options and q.interaction().choices:
                response = q.answer_text() if right and q.type == "choice" else rng.choice(options)
            else:
                response = q.answer_text() if right else "I am not sure"
            queue = QUEUE_NEW if attempt == 0 else QUEUE_LEARNING if attempt < 2 else QUEUE_REVIEW
            log.append((index, at, 3 if right else 1, 1.0 if right else 0.0, response,
                        rng.randint(2_000, 30_000), queue, review_uuid(at)))  # fmt: skip
            at += rng.randrange(DAY_MS // 2, 4 * DAY_MS)
    log.sort(key=lambda row: row[1])
    return log


def _write(template: Path, path: Path, learner_uuid: str, name: str, log: list[tuple],
           revisions: dict[str, str]) -> int:  # fmt: skip
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute("UPDATE learners SET uuid = ?, name = ?", (learner_uuid, name))
    (learner_id, scheduler_id) = conn.execute("SELECT id, scheduler_id FROM learners").fetchone()
    cards = {question_id: card_id for card_id, question_id in conn.execute("SELECT id, question_id FROM cards")}
    order = list(revisions)
    previous: dict[int, int] = {}  # question index -> the time of its latest answer in the log so far
    rows = []
    for index, at, rating, score, response, duration, queue, review in log:
        rows.append((review, learner_id, cards[order[index]], at, rating, revisions[order[index]], response, score,
                     duration, scheduler_id, queue, interval_days(at, previous.get(index))))  # fmt: skip
        previous[index] = at
    conn.executemany(
        "INSERT INTO reviews (uuid, learner_id, card_id, kind, reviewed_at, rating, revision, response, score, "
        "duration_ms, hinted, scheduler_id, was_queue, was_suspended, was_interval) "
        "VALUES (?, ?, ?, 'answer', ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)",
        rows,
    )
    # Plausible states: the replay would cost as much as the bench; the merge copies these as they are.
    last = {}
    for index, at, rating, *_ in log:
        last[order[index]] = (at, rating)
    conn.executemany(
        "UPDATE cards SET queue = ?, state = 2, step = NULL, stability = ?, difficulty = 5.0, due = ?, "
        "last_review = ?, reps = ? WHERE id = ?",
        [(QUEUE_REVIEW, 30.0 if rating > 1 else 2.0, at + 10 * DAY_MS, at, len(log) // len(order), cards[q])
         for q, (at, rating) in last.items()],
    )  # fmt: skip
    conn.execute("COMMIT")
    conn.close()
    return len(log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--reviews-per-question", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="100 learners, to try it out")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR (empty or new) and keep the files")
    args = parser.parse_args()
    learners = 100 if args.quick else args.learners
    course = open_course(MALI)
    questions = [q for q in course.bank.questions][: args.questions]
    outline = Outline(course.id, course.title, {q.id: tuple(q.topics) for q in questions})
    with contextlib.ExitStack() as stack:
        root = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="class-bench-")))
        files_dir = root / "files"
        files_dir.mkdir(parents=True)
        started = time.perf_counter()
        reviews = build_files(files_dir, questions, learners, args.reviews_per_question, args.seed)
        files = sorted(files_dir.glob("*.db"))
        print(f"built {len(files)} files ({learners} learners x {len(questions)} questions, "
              f"{reviews:,} reviews) by the fast path in {time.perf_counter() - started:.1f} s")

        db = root / "class.db"
        with open_class(db, create=True) as store:
            for_merging(store)  # as `tutor class merge` does
            conn = store.conn
            started = clocks()
            merged = [m for _, m in merge_files(conn, files)]
            added = sum(m.reviews_added for m in merged)
            replayed = sum(m.cards_replayed for m in merged)
            step("merge", started, added, f"{added:,} reviews added, {replayed} cards replayed from two machines")
            started = clocks()
            again = [m for _, m in merge_files(conn, files)]
            step("merge again", started, reviews, f"{sum(m.reviews_added for m in again)} reviews added")
            (in_class,) = conn.execute("SELECT count(*) FROM reviews").fetchone()

            started = clocks()
            rows = gradebook(conn, outline, START + timedelta(days=80), tz=timezone.utc)
            out = io.StringIO()
            FORMATS["moodle"](out, outline, rows, canvas_assignment(outline, None))
            step("gradebook", started, in_class, f"{len(rows)} rows, {len(out.getvalue()):,} bytes of Moodle CSV")

            started = clocks()
            items = item_analysis(conn, course.id, {q.id: q for q in questions})
            step("item analysis", started, in_class,
                 f"{len(items)} items over first attempts, {sum(i.attempts for i in items):,} attempts")
        print(f"class database: {db.stat().st_size / 1e6:.0f} MB, {in_class:,} reviews")


def clocks() -> tuple[float, float]:
    """Wall-clock and this process's CPU seconds: on a shared machine the two part."""
    return time.perf_counter(), time.process_time()


def step(name: str, started: tuple[float, float], reviews: int, detail: str) -> None:
    wall, cpu = (now - then for now, then in zip(clocks(), started))
    print(f"{name:14} {wall:8.2f} s ({cpu:6.2f} s CPU)  {reviews / wall:10,.0f} reviews/s  ({detail})", flush=True)


if __name__ == "__main__":
    main()
