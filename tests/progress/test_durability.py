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


def data_snapshot(path: Path) -> dict[str, bytes]:
    """As snapshot, but a -shm only by its presence: it is SQLite's index of the WAL, rebuilt by any reader."""
    return {name: b"" if name.endswith("-shm") else data for name, data in snapshot(path).items()}


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


def test_a_leftover_or_corrupt_partial_of_today_s_backup_never_blocks_studying(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    for leftover in ("tutor.db-2025-03-01.db.partial-1", "tutor-2025-03-01.partial"):
        (folder / leftover).write_bytes(random.Random(5).randbytes(9000))
    with Store.open(path, tz=timezone.utc) as store:
        learner = store.learner("ann")
        store.start_session(learner.id, "bank", NOW)

    assert sorted(p.name for p in folder.iterdir()) == ["tutor.db-2025-03-01.db"]
    with Store.open(folder / "tutor.db-2025-03-01.db") as copy:
        assert [who.name for who in copy.learners()] == ["ann"] and copy.check() == []


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


FIRST_OPEN = """
import sys, time
from pathlib import Path
from progress.store import Store
print("opening", flush=True)
start = time.perf_counter()
Store.open(Path(sys.argv[1])).close()
print(time.perf_counter() - start, flush=True)
"""


def left_beside(path: Path) -> set[str]:
    return {p.name[len(path.name):] for p in path.parent.iterdir() if p.name.startswith(path.name + "-")}


def test_a_kill_at_any_moment_of_the_very_first_open_never_locks_the_learner_out(tmp_path: Path) -> None:
    """Real SIGKILLs at random moments of creating a new file, until some land mid-write of each journal."""
    rng = random.Random(20261202)
    # How long creating a file takes here: the kills fall within it.
    warmups = [subprocess.run([sys.executable, "-c", FIRST_OPEN, str(tmp_path / f"warm{i}.db")], env=ENV,
                              capture_output=True, check=True, text=True) for i in range(3)]  # fmt: skip
    creation = sorted(float(run.stdout.split()[-1]) for run in warmups)[1]
    landed: dict[str, int] = {"-journal": 0, "-wal": 0}
    kills = 0
    while (landed["-journal"] < 2 or landed["-wal"] < 2) and kills < 150:
        kills += 1
        path = tmp_path / f"k{kills}" / "tutor.db"
        path.parent.mkdir()
        child = subprocess.Popen([sys.executable, "-c", FIRST_OPEN, str(path)], stdout=subprocess.PIPE, env=ENV)
        assert child.stdout is not None and child.stdout.readline() == b"opening\n"
        time.sleep(rng.uniform(0, creation * 1.2))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        left = left_beside(path)
        for journal in landed:
            landed[journal] += journal in left

        with Store.open(path) as store:
            store.learner("ann")
            assert store.check() == [], (kills, left)
    assert landed["-journal"] >= 1 and landed["-wal"] >= 1, (kills, landed)


HOLD_A_WRITE = """
import sqlite3, sys, time
from pathlib import Path
from progress.store import Store
path, mode = Path(sys.argv[1]), sys.argv[2]
if mode == "wal":
    Store.open(path).close()
conn = sqlite3.connect(path, isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill the transaction's pages to the file (or the WAL) as it goes
conn.execute("BEGIN IMMEDIATE")
numbers = "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < {}) "
if mode == "rollback":
    conn.execute("CREATE TABLE half_made (x)")
    conn.execute(numbers.format(2000) + "INSERT INTO half_made SELECT randomblob(1000) FROM n")
else:
    conn.execute(
        numbers.format(5000) + "INSERT INTO learners (name, created_at, uuid) "
        "SELECT 'ghost' || value || hex(randomblob(200)), 0, hex(randomblob(16)) FROM n"
    )
print("holding", flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("mode, journal", [("rollback", "-journal"), ("wal", "-wal")])
def test_a_file_left_with_a_killed_writers_journal_opens_as_if_the_write_never_began(
    tmp_path: Path, mode: str, journal: str
) -> None:
    path = tmp_path / "tutor.db"
    child = subprocess.Popen([sys.executable, "-c", HOLD_A_WRITE, str(path), mode], stdout=subprocess.PIPE, env=ENV)
    assert child.stdout is not None and child.stdout.readline() == b"holding\n"
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert journal in left_beside(path) and path.stat().st_size > 0
    before = data_snapshot(path)

    health = examine(path)  # reading only: it checks a rolled-back copy, or reads past the WAL's uncommitted end
    assert not any("damaged" in problem for problem in health.problems), health.problems
    assert data_snapshot(path) == before

    with Store.open(path) as store:
        assert store.learners() == []
        assert store.learner("ann").name == "ann"
        assert store.check() == []
    assert "half_made" not in {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}


BACKING_UP = """
import sys, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from progress.store import Store
path, day = Path(sys.argv[1]), int(sys.argv[2])
store = Store.open(path, tz=timezone.utc)
print("ready", flush=True)
began = time.perf_counter()
store.backup(datetime(2025, 3, 1, 9, tzinfo=timezone.utc) + timedelta(days=day))
print(time.perf_counter() - began, flush=True)
"""


def test_a_kill_during_the_daily_backup_leaves_the_file_and_the_good_backups_whole(tmp_path: Path) -> None:
    """Real SIGKILLs at random moments of making a backup of a 4 MB file: the file keeps everything, every
    backup listed is whole (a cut copy stays a .partial), and the next start makes the day's backup."""
    from progress.backup import backups

    path = tmp_path / "tutor.db"
    with Store.open(path, tz=timezone.utc) as store:
        store.learner("ann")
        store.conn.execute(
            "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 20000) "
            "INSERT INTO learners (name, created_at, uuid) SELECT 'l' || value || hex(randomblob(100)), 0, "
            "hex(randomblob(16)) FROM n")
        store.conn.commit()
    learners = 20001

    def run(day: int) -> subprocess.Popen[bytes]:
        child = subprocess.Popen([sys.executable, "-c", BACKING_UP, str(path), str(day)], stdout=subprocess.PIPE,
                                 env=ENV)  # fmt: skip
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        return child

    durations = []
    for day in range(3):  # how long a backup takes here: the kills fall within it
        out, _ = run(day).communicate()
        durations.append(float(out.split()[-1]))
    took = sorted(durations)[1]
    rng = random.Random(20261202)
    cut = 0
    for kill in range(15):
        day = kill % 5
        for made in backups(path):
            if made.day == (NOW + timedelta(days=day)).date():
                made.path.unlink()
        child = run(day)
        time.sleep(rng.uniform(0, took * 1.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        cut += not out.strip() and any(".partial" in p.name for p in (tmp_path / "backups").iterdir())
        with Store.open(path, tz=timezone.utc) as store:
            assert len(store.learners()) == learners and store.check() == []
        for made in backups(path):
            with sqlite3.connect(made.path) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok", (kill, made)
                assert copy.execute("SELECT count(*) FROM learners").fetchone()[0] == learners
    assert cut >= 1  # some kills landed mid-copy

    with Store.open(path, tz=timezone.utc) as store:
        assert store.backup(NOW + timedelta(days=5)) is not None
    assert not [p for p in (tmp_path / "backups").iterdir() if ".partial" in p.name]
