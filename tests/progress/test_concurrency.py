"""Several processes answering on one database at once: nothing is locked out, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from progress.store import Store
from tests.progress import answer_loop
from tests.progress.replay import card_states, replayed_cards

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ANSWERS = 150


def test_two_learners_and_one_learner_twice_answer_at_once_without_losing_a_review(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    go = tmp_path / "go"
    Store.open(db).close()
    learners = ["ann", "bob", "ann"]
    children = [
        subprocess.Popen(
            [
                sys.executable, str(answer_loop.__file__), str(db), "--learner", name, "--seed", str(seed),
                "--answers", str(ANSWERS), "--real-clock", "--wait-for", str(go),
            ],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
        )  # fmt: skip
        for seed, name in enumerate(learners)
    ]
    time.sleep(0.5)  # let them all open the database and wait at the start line
    go.touch()
    outputs = [child.communicate() for child in children]

    for child, (_, stderr) in zip(children, outputs):
        assert child.returncode == 0, stderr.decode()
    reported = [[int(line.split()[1]) for line in stdout.decode().splitlines()] for stdout, _ in outputs]
    assert all(len(ids) == ANSWERS for ids in reported)
    with Store.open(db, tz=answer_loop.TZ) as store:
        assert store.check() == []
        by_name = {learner.name: learner for learner in store.learners()}
        for name in ("ann", "bob"):
            learner = by_name[name]
            stored = [review.id for review in store.reviews(learner.id)]
            mine = [i for ids, who in zip(reported, learners) for i in ids if who == name]
            assert sorted(stored) == sorted(mine)
            replayed = replayed_cards(store, name, answer_loop.BANK, answer_loop.QUESTIONS, tmp_path / f"{name}.db")
            assert card_states(store, learner.id, answer_loop.BANK) == replayed


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_WHEN_TOLD, str(db), str(go), f"learner-{index}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
        )  # fmt: skip
        for index in range(4)
    ]
    time.sleep(0.5)
    go.touch()
    for child in children:
        _, stderr = child.communicate()
        assert child.returncode == 0, stderr.decode()
    with Store.open(db) as store:
        assert [learner.name for learner in store.learners()] == [f"learner-{index}" for index in range(4)]
        assert store.check() == []


OPEN_WHEN_TOLD = """
import sys, time
from pathlib import Path
from progress.store import Store
db, go, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
while not go.exists():
    time.sleep(0.005)
with Store.open(db) as store:
    store.learner(name)
"""
