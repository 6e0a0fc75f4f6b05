"""`tutor stats`: the figures as text and JSON, and one clear line for what it cannot show."""

import json
import subprocess
import sys
import time
from datetime import datetime, timezone

import pytest

from progress.store import Store

from tests.tutor.conftest import Clock

MALI = "mali"


def tutor(*args):
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True)


@pytest.fixture(autouse=True)
def midday(monkeypatch):
    """The system's time zone set so that it is about noon now: the answers, 30 minutes apart, and the
    command's clock then fall in one study day whenever the suite runs (at 03:40 they straddled the 04:00
    turnover and the streak came out 2)."""
    offset = (datetime.now(timezone.utc).hour - 12) % 24
    offset = offset - 24 if offset > 12 else offset
    monkeypatch.setenv("TZ", f"NOON{offset:+d}")  # POSIX: local time is UTC minus the offset
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def studied(path, mali_course):
    """Ana answered three Mali questions today; Bo has not studied."""
    from tutor.study.engine import Engine

    clock = Clock()
    clock.now = datetime.now(timezone.utc).replace(microsecond=0)
    with Store.open(path) as store:
        store.learner("bo")
        engine = Engine(mali_course, store, "ana", clock=clock)
        engine.start()
        for question_id in ("ansar-dine-founder", "mnla-secretary-general", "ansar-dine-founder"):
            engine.pose(mali_course.bank.question(question_id))
            engine.say("Iyad Ag Ghali")
            clock.advance(minutes=15)
    return path


def test_stats_json_has_every_figure_of_the_learner_s_course(tmp_path, mali_course):
    db = studied(tmp_path / "tutor.db", mali_course)
    run = tutor("stats", "--learner", "ana", "--course", MALI, "--db", str(db), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["learner"] == "ana" and data["bank"] == "mali"
    assert data["answers_past_year"] == 3 and data["streak"] == 1
    assert data["questions"] == len(mali_course.bank.questions) == sum(data["cards"].values())
    assert data["cards"]["new"] == data["questions"] - 2
    assert sum(topic["questions"] for topic in data["topics"]) >= data["questions"]
    assert {hard["question_id"] for hard in data["hardest"]} == {"ansar-dine-founder", "mnla-secretary-general"}


def test_stats_text_fits_80_columns(tmp_path, mali_course):
    db = studied(tmp_path / "tutor.db", mali_course)
    run = tutor("stats", "--course", MALI, "--db", str(db))  # the last learner: ana
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("ana · Tuareg") and "Mastered" in run.stdout and "True retention" in run.stdout
    assert max(map(len, lines)) <= 80


def test_what_stats_cannot_show_is_one_line_and_exit_1(tmp_path, mali_course):
    missing = tmp_path / "none.db"
    run = tutor("stats", "--db", str(missing))
    assert run.returncode == 1 and "no progress database" in run.stderr and not missing.exists()
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    run = tutor("stats", "--db", str(empty))
    assert run.returncode == 1 and run.stderr.strip() == f"tutor: {empty} has no learners yet; study first (`tutor`)"
    db = studied(tmp_path / "tutor.db", mali_course)
    for args, says in ((["--learner", "cy"], "no learner called 'cy' (known: ana, bo)"),
                       (["--learner", "bo"], "bo has no answers in mali yet"),
                       (["--course", "atlantis"], "no course called 'atlantis'")):
        run = tutor("stats", "--db", str(db), *args)
        assert run.returncode == 1 and says in run.stderr and len(run.stderr.splitlines()) == 1, run.stderr
        assert "Traceback" not in run.stderr
