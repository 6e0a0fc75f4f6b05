"""Start-up: process start to the first question painted, against a bare Textual app's start.

Both run headless in fresh processes, alternately, in the same run, each timed from the moment it
is started to the moment its first frame has been painted (not to its exit); for Tutor, to the
frame that shows the first question. The figure that matters is the ratio of medians (budget: at
most 1.25, issue 8): a learner's usual start, on the database and course as their last session
left them, which shows the first turns that session's end kept (tutor.study.resume). Printed too:
Tutor's own first frame, and a start with nothing kept (the first after a change to the database
or the course), whose first question waits for the course and the store to load.
Run: python bench/startup_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.time(), flush=True)
        self.exit()

Bare().run(headless=True)
"""

TUTOR = """
import sys
import time
from tutor.tui import app as study, screens

first_show, first_mount = screens.StudyScreen.show, screens.StudyScreen.on_mount
frame = []

def on_mount(self):
    first_mount(self)
    self.call_after_refresh(lambda: frame.append(time.time()))

def show(self, messages, status, **kw):
    first_show(self, messages, status, **kw)
    if any(m.kind == "question" for m in messages):
        self.call_after_refresh(painted, self.app)

def painted(app):
    print(time.time(), (frame or [time.time()])[0], flush=True)
    app.exit()

screens.StudyScreen.show, screens.StudyScreen.on_mount = show, on_mount
headful_run = study.TutorApp.run
study.TutorApp.run = lambda self, **kw: headful_run(self, headless=True)

from tutor.cli import main
sys.exit(main(["study", "--db", sys.argv[1], "--learner", "bench"]))
"""


# As on a learner's machine, modules are compiled once and their bytecode kept: a set
# PYTHONDONTWRITEBYTECODE would make every start compile the project's sources again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(code: str, *args: str, env: dict[str, str] = ENV) -> list[float]:
    """Seconds from starting the process to the frames the child names (it prints the wall clock of each)."""
    start = time.time()
    run = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
    return [float(t) - start for t in run.stdout.split()[:2]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        cache = Path(tmp) / "cache"
        env = {**ENV, "TUTOR_CACHE": str(cache)}  # the course cache and the kept turns: the bench's own
        timed(TUTOR, db, env=env)  # warm the caches and create the database, as a learner's second start
        timed(BARE)
        bare, tutor, shell, cold = [], [], [], []
        for _ in range(args.runs):
            bare.append(timed(BARE)[0])
            question, frame = timed(TUTOR, db, env=env)
            tutor.append(question)
            shell.append(frame)
            shutil.rmtree(cache / "resume", ignore_errors=True)
            cold.append(timed(TUTOR, db, env=env)[0])
    b, t, f, c = (statistics.median(x) for x in (bare, tutor, shell, cold))
    print(f"bare Textual app start:        median {b * 1000:7.1f} ms")
    print(f"tutor to its first frame:      median {f * 1000:7.1f} ms")
    print(f"tutor, nothing kept:           median {c * 1000:7.1f} ms to the first question ({c / b:.2f} x bare)")
    print(f"tutor to first question shown: median {t * 1000:7.1f} ms (the turns the last session kept)")
    print(f"ratio tutor / bare: {t / b:.2f} (budget 1.25)")


if __name__ == "__main__":
    main()
