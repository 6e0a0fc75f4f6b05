"""Answer to feedback through the real app: from Enter on a typed answer to the feedback painted.

The Textual app runs headless with its study thread, a real SQLite file, the real scheduler and the
bundled course; answers are typed (right, typo'd and wrong in turn) and timed from the moment the
input line submits to the frame after the feedback is shown. Budget: p95 under 50 ms. It also
prints the engine alone (no app, no thread) in the same run, the floor under the app's figure.
Run: python bench/answer_bench.py [--answers N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from content.course import open_course  # noqa: E402
from progress.store import Store  # noqa: E402
from tutor.study.engine import Engine, Phase  # noqa: E402
from tutor.tui import screens, widgets  # noqa: E402
from tutor.tui.app import TutorApp  # noqa: E402

MALI = Path(__file__).resolve().parents[1] / "content" / "courses" / "mali"


def typed_answer(question, n: int) -> str:
    """A right answer, a typo'd one or a wrong one, in turn; an option's number on picking types."""
    answer = getattr(question, "answer", None)
    if question.pad or not isinstance(answer, (str, int, float)):
        return "1" if question.pad != "true-false" else "t"
    if isinstance(answer, float):  # numeric: right, one off, far off
        return str(int(answer) + (0, 1, 1000)[n % 3])
    text = str(answer)
    if n % 3 == 1 and len(text) > 5:
        return text[:-1] + ("x" if text[-1] != "x" else "y")
    return "something else entirely" if n % 3 == 2 else text


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def through_the_app(db: Path, answers: int) -> list[float]:
    now = [datetime(2026, 11, 23, 10, tzinfo=timezone.utc)]
    timings: list[float] = []
    submitted: list[float] = []
    shown = asyncio.Event()
    first_submit = widgets.EntryLine.action_submit
    first_show = screens.StudyScreen.show

    async def submit(self):
        submitted.append(time.perf_counter())
        await first_submit(self)

    def show(self, messages, status):
        first_show(self, messages, status)
        if any(m.kind == "feedback" for m in messages):
            self.call_after_refresh(lambda: (timings.append(time.perf_counter() - submitted[-1]), shown.set()))

    widgets.EntryLine.action_submit = submit
    screens.StudyScreen.show = show

    async def session() -> None:
        app = TutorApp(db, [MALI], "bench", clock=lambda: now[0], tz=timezone.utc)
        async with app.run_test(size=(80, 24)) as pilot:
            while app.engine is None or app.session.pending or not app.screen.query("#entry"):
                await asyncio.sleep(0.01)
            for n in range(answers):
                engine = app.engine
                if engine.phase is not Phase.ASKING:
                    now[0] += timedelta(days=1)
                    app.session.say("more")
                    while app.session.pending:
                        await asyncio.sleep(0.005)
                    continue
                entry = app.screen.query_one("#entry")
                entry.value = typed_answer(engine.question, n)
                shown.clear()
                await pilot.press("enter")
                await shown.wait()
                now[0] += timedelta(seconds=30)
                await pilot.press("enter")  # on to the next question
                while app.session.pending:
                    await asyncio.sleep(0.005)

    asyncio.run(session())
    widgets.EntryLine.action_submit, screens.StudyScreen.show = first_submit, first_show
    return timings


def engine_alone(db: Path, answers: int) -> list[float]:
    course = open_course(MALI)
    now = [datetime(2026, 11, 23, 10, tzinfo=timezone.utc)]
    with Store.open(db, tz=timezone.utc) as store:
        engine = Engine(course, store, "bench", clock=lambda: now[0])
        engine.start()
        timings = []
        for n in range(answers):
            if engine.question is None:
                now[0] += timedelta(days=1)
                engine.say("more")
                continue
            typed = typed_answer(engine.question, n)
            start = time.perf_counter()
            engine.say(typed)
            timings.append(time.perf_counter() - start)
            now[0] += timedelta(seconds=30)
            engine.say("")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("app.db", "engine.db"):
            with Store.open(Path(tmp) / name) as store:
                store.update_settings(store.learner("bench").id, new_per_day=10_000, reviews_per_day=10_000)
        app = through_the_app(Path(tmp) / "app.db", args.answers)
        alone = engine_alone(Path(tmp) / "engine.db", args.answers)
    for name, timings in (("engine alone (floor)", alone), ("through the app", app)):
        p50, p95 = percentiles(timings)
        print(f"{name:<22} {len(timings)} answers: p50 {p50:6.2f} ms, p95 {p95:6.2f} ms")
    print(f"answer to feedback through the app: p95 {percentiles(app)[1]:.2f} ms (budget 50 ms)")


if __name__ == "__main__":
    main()
