"""A learner's statistics over the same reviews: Tutor's against Anki's graphs, same run.

Builds, in a temporary folder, the Tutor database and the Anki collection of
bench/progress_bench.py (one learner, CARDS cards, REVIEWS reviews over two
years), then times, interleaved, Tutor's `progress.statistics.statistics` (every
figure of `tutor stats`, the bank's questions spread over 12 topics) and Anki's
statistics page for 365 days: the backend's `graphs(search="", days=365)`, what
the stats screen asks the Rust backend for (GraphsRequest in anki's stats.proto,
`graph_data_for_search`). It prints the best and median of each, what Tutor's
time goes to, and the ratio against the budget (at most 0.5).
Run: python bench/stats_bench.py [--cards N] [--reviews N] [--rounds N] [--quick]
"""

from __future__ import annotations

import argparse
import statistics as stats
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from anki.collection import Collection

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))
from progress_bench import BANK, Plan, build_anki, build_tutor, timed  # noqa: E402

from progress import statistics  # noqa: E402
from progress.store import Store  # noqa: E402

TOPICS = 12


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="10,000 cards and 100,000 reviews, for iterating")
    args = parser.parse_args(argv)
    if args.quick:
        args.cards, args.reviews = 10_000, 100_000
    plan = Plan(cards=args.cards, reviews=args.reviews, seed=args.seed)
    topics = {f"q{index}": (f"topic {index % TOPICS}",) for index in range(plan.cards)}

    with tempfile.TemporaryDirectory(prefix="tutor-stats-bench-") as folder:
        anki_path, tutor_path = Path(folder) / "collection.anki2", Path(folder) / "tutor.db"
        timed("Anki collection", lambda: build_anki(anki_path, plan))
        timed("Tutor database", lambda: build_tutor(tutor_path, plan))
        col = Collection(str(anki_path))
        store = Store.open(tutor_path)
        learner = store.last_learner()
        assert learner is not None
        try:
            seconds: dict[str, list[float]] = {"Anki": [], "Tutor": []}
            for _ in range(args.rounds):
                start = time.perf_counter()
                col._backend.graphs(search="", days=365)
                seconds["Anki"].append(time.perf_counter() - start)
                start = time.perf_counter()
                figures = statistics.statistics(store, learner.id, BANK, datetime.now(timezone.utc), topics)
                seconds["Tutor"].append(time.perf_counter() - start)
            parts = breakdown(store, learner.id, topics)
        finally:
            col.close()
            store.close()

    print(f"a learner's statistics: {args.cards:,} cards, {args.reviews:,} reviews, {args.rounds} rounds")
    for name, values in seconds.items():
        print(f"  {name}: best {min(values) * 1000:.0f} ms, median {stats.median(values) * 1000:.0f} ms")
    year = figures.true_retention["year"]
    print(f"  Tutor's figures: {figures.answers:,} answers in the year, {year.passed + year.failed:,} of them reviews, "
          f"{figures.mastered:,} of {figures.questions:,} mastered")
    print("  where Tutor's time goes: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in parts.items()))
    ratio = stats.median(seconds["Tutor"]) / stats.median(seconds["Anki"])
    print(f"  Tutor/Anki median: {ratio:.2f} (budget: at most 0.50)")


def breakdown(store: Store, learner_id: int, topics: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Milliseconds of each part of one statistics() call, by the statements it runs."""
    now = datetime.now(timezone.utc)
    learner = store.get_learner(learner_id)
    today = statistics.study_date(now, store.tz)
    days = [today.fromordinal(today.toordinal() - statistics.CALENDAR_DAYS + 1 + i)
            for i in range(statistics.CALENDAR_DAYS + 1)]
    bounds = [statistics.to_ms(statistics.day_start(day, store.tz)) for day in days]
    parts = {}
    start = time.perf_counter()
    log = statistics._Log(store, learner_id, BANK)
    counts, _ = log.days(bounds)
    parts["the log's days (calendar, true retention, by month)"] = time.perf_counter() - start
    start = time.perf_counter()
    statistics._streak(log, counts, days[0], store.tz)
    parts["streak"] = time.perf_counter() - start
    start = time.perf_counter()
    _, _, mastered = statistics._cards(
        store, learner_id, BANK, now, learner.desired_retention, store.scheduler(learner.scheduler_id)
    )
    parts["cards (states, mastered, hardest)"] = time.perf_counter() - start
    start = time.perf_counter()
    statistics._topics(topics, mastered)
    parts["mastery by topic"] = time.perf_counter() - start
    return {name: seconds * 1000 for name, seconds in parts.items()}


if __name__ == "__main__":
    main()
