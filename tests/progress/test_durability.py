"""An answer is committed whole or not at all, whatever kills the process; bad files are refused."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.progress import answer_loop
from tests.progress.replay import card_states, replayed_cards

from progress.store import BACKUP_DAYS, Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
LOOP = Path(answer_loop.__file__)
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NOW = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)


def committed_ids(stdout: bytes) -> list[int]:
    """Review ids the child printed in full (a line cut by the kill is not a report)."""
    lines = stdout.decode().split("\n")
    return [int(line) for line in lines[:-1]]


def test_every_answer_reported_committed_survives_sigkill(tmp_path: Path) -> None:
    rng = random.Random(20250301)
    db = tmp_path / "tutor.db"
    reported: list[int] = []
    for round_ in range(6):
        child = subprocess.Popen(
            [sys.executable, str(LOOP), str(db), "--seed", str(round_)], stdout=subprocess.PIPE, env=ENV
        )
        time.sleep(rng.uniform(0.2, 2.0))
        child.send_signal(signal.SIGKILL)
        stdout, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        reported += committed_ids(stdout)
    assert reported, "no child lived long enough to answer: the test proved nothing"

    with Store.open(db, tz=answer_loop.TZ) as store:
        assert store.check() == []
        learner = store.last_learner()
        assert learner is not None
        stored = {review.id for review in store.reviews(learner.id)}
        assert set(reported) <= stored
        # At most the answer in flight at each kill was committed but not yet reported.
        assert len(stored) - len(reported) <= 6
        replayed = replayed_cards(store, learner.name, answer_loop.BANK, answer_loop.QUESTIONS, tmp_path / "replay.db")
        assert card_states(store, learner.id, answer_loop.BANK) == replayed
    integrity = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchall()
    assert integrity == [("ok",)]


def snapshot(path: Path) -> dict[str, bytes]:
    """The bytes of the file and of any -wal/-shm beside it."""
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(random.Random(7).randbytes(40_000))
    before = snapshot(path)

    with pytest.raises(StoreError, match="not a Tutor progress database"):
        Store.open(path)

    assert snapshot(path) == before


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    conn.execute("INSERT INTO photos (file) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()
    before = snapshot(path)

    with pytest.raises(StoreError, match="another program"):
        Store.open(path)

    assert snapshot(path) == before


def test_a_tutor_database_damaged_in_the_middle_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    with Store.open(path) as store:
        learner = store.learner("ann")
        store.sync_bank(learner.id, "bank", {f"q{i}": f"p{i}" for i in range(2000)})
        for i in range(300):
            store.record(
                learner.id, "bank", f"q{i}", rating=3, response="x" * 50, score=1.0,
                duration_ms=1000, hinted=False, now=NOW + timedelta(minutes=i),
            )  # fmt: skip
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(random.Random(3).randbytes(3 * 4096))
    before = snapshot(path)

    with pytest.raises(StoreError, match="damaged"):
        Store.open(path)

    assert snapshot(path) == before


def test_a_database_from_a_newer_tutor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tutor', 'm999_future', '')"
    )
    conn.commit()
    conn.close()

    with pytest.raises(StoreError, match="newer Tutor"):
        Store.open(path)


def test_a_session_start_keeps_one_backup_a_day_for_a_week(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    with Store.open(path, tz=timezone.utc) as store:
        learner = store.learner("ann")
        store.sync_bank(learner.id, "bank", {"q1": "p1"})
        for day in range(10):
            store.start_session(learner.id, "bank", NOW + timedelta(days=day))
            store.start_session(learner.id, "bank", NOW + timedelta(days=day, hours=2))
        backups = sorted(p.name for p in store.backup_dir.iterdir())

    assert backups == [f"tutor-2025-03-{day:02d}.db" for day in range(11 - BACKUP_DAYS, 11)]
    with Store.open(store.backup_dir / backups[-1]) as copy:
        assert [learner.name for learner in copy.learners()] == ["ann"]
        assert copy.check() == []
