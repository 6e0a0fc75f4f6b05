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
from tests.progress.replay import assert_cards_are_their_replays, card_states, replayed_cards

from progress.backup import BACKUP_DAYS
from progress.health import examine
from progress.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
LOOP = Path(answer_loop.__file__)
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NOW = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)


def reported_rows(stdout: bytes) -> list[tuple[str, int]]:
    """The log rows the child reported committed, as (kind, answer id); a line cut by the kill is not a report."""
    lines = stdout.decode().split("\n")
    return [(kind, int(review_id)) for kind, review_id in (line.split() for line in lines[:-1])]


def logged_rows(store: Store, learner_id: int) -> list[tuple[str, int]]:
    """Every row of the learner's review log, as (kind, the answer it is or corrects)."""
    return [
        (entry.kind.value, entry.target if entry.target is not None else entry.id)
        for card in store.cards(learner_id, answer_loop.BANK)
        for entry in store.log(card)
    ]


def test_every_answer_and_correction_reported_committed_survives_sigkill(tmp_path: Path) -> None:
    rng = random.Random(20250301)
    db = tmp_path / "tutor.db"
    reported: list[tuple[str, int]] = []
    kills = 6
    for round_ in range(kills):
        child = subprocess.Popen(
            [sys.executable, str(LOOP), str(db), "--seed", str(round_), "--corrections"],
            stdout=subprocess.PIPE, env=ENV,
        )  # fmt: skip
        assert child.stdout is not None
        # The kill timer starts at the first committed row: under load a child may take seconds to get there.
        first = child.stdout.readline()
        assert first.endswith(b"\n"), "the child died before answering"
        time.sleep(rng.uniform(0.05, 1.5))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        reported += reported_rows(first + rest)

    with Store.open(db, tz=answer_loop.TZ) as store:
        assert store.check() == []
        learner = store.last_learner()
        assert learner is not None
        logged = logged_rows(store, learner.id)
        assert len(set(logged)) == len(logged)
        assert set(reported) <= set(logged)
        # At most the row in flight at each kill was committed but not yet reported.
        assert len(logged) - len(reported) <= kills
        voided = {review_id for kind, review_id in logged if kind == "void"}
        stored = {review.id for review in store.reviews(learner.id)}
        assert stored == {review_id for kind, review_id in logged if kind == "answer"} - voided
        assert_cards_are_their_replays(store, learner.id, answer_loop.BANK)
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


def test_a_tutor_database_damaged_in_the_middle_is_found_by_the_check_and_the_backup_and_left_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tutor.db"
    with Store.open(path) as store:
        learner = store.learner("ann")
        store.sync_bank(learner.id, "bank", {f"q{i}": f"p{i}" for i in range(2000)})
        for i in range(300):
            store.record(
                learner.id, "bank", f"q{i}", rating=3, revision="0123456789ab", response="x" * 50, score=1.0,
                duration_ms=1000, hinted=False, now=NOW + timedelta(minutes=i),
            )  # fmt: skip
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(random.Random(3).randbytes(3 * 4096))
    before = snapshot(path)

    assert examine(path).problems
    # Opening is cheap and does not read every page; the day's backup does, and refuses to copy damage.
    with Store.open(path) as store, pytest.raises(StoreError, match="is damaged .*today's backup was not made"):
        store.start_session(learner.id, "bank", NOW)

    assert snapshot(path) == before
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []


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

    assert backups == [f"tutor.db-2025-03-{day:02d}.db" for day in range(11 - BACKUP_DAYS, 11)]
    with Store.open(store.backup_dir / backups[-1]) as copy:
        assert [learner.name for learner in copy.learners()] == ["ann"]
        assert copy.check() == []
