"""`tutor progress check|backups|restore` and `--db` paths that cannot hold a database, through the real command."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from progress.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)


def tutor(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    command = [*prefix, sys.executable, "-m", "tutor.cli", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)


def one_line_failure(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1, run.stderr
    return run.stderr


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def studied(path: Path, answers: int = 3, now: datetime = NOW) -> None:
    with Store.open(path, tz=timezone.utc) as store:
        learner = store.learner("ana")
        store.sync_bank(learner.id, "bank", {f"q{i}": f"p{i}" for i in range(10)})
        store.start_session(learner.id, "bank", now)
        for i in range(answers):
            store.record(learner.id, "bank", f"q{i}", rating=3, revision="0123456789ab", response="x", score=1.0,
                         duration_ms=900, hinted=False, now=now + timedelta(minutes=i))  # fmt: skip


@pytest.mark.parametrize("command", [("progress", "check"), ("study", "--learner", "ana"), ("progress", "backups")])
def test_a_db_that_is_a_folder_or_under_a_file_is_refused_in_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes\n")
    for db, words in ((tmp_path, "is a folder"), (a_file / "tutor.db", "notes.txt is a file, not a folder")):
        assert words in one_line_failure(tutor(*command, "--db", str(db)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("table", ["reviews", "sessions"])
def test_a_database_missing_a_table_is_named_by_the_check_and_refused_by_study(tmp_path: Path, table: str) -> None:
    db = tmp_path / "tutor.db"
    studied(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE outbox")  # it points at reviews
        conn.execute(f"DROP TABLE {table}")

    assert f"table {table} is missing" in one_line_failure(tutor("progress", "check", "--db", str(db)))
    assert f"table {table} is missing" in one_line_failure(tutor("study", "--learner", "ana", "--db", str(db)))


def test_the_check_names_a_missing_column(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    studied(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("ALTER TABLE learners DROP COLUMN email")

    assert "column learners.email is missing" in one_line_failure(tutor("progress", "check", "--db", str(db)))


def test_the_check_of_a_missing_path_says_so_and_makes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "tutor.db"
    assert f"{db} does not exist" in one_line_failure(tutor("progress", "check", "--db", str(db)))
    assert list(tmp_path.iterdir()) == []


def test_the_check_of_an_empty_file_says_it_is_empty_and_leaves_it_empty(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    db.touch()
    assert "is empty" in one_line_failure(tutor("progress", "check", "--db", str(db)))
    assert listing(tmp_path) == {"tutor.db": b""}


def test_the_check_of_a_healthy_database_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    studied(db)
    before = listing(tmp_path)
    assert not any(name.endswith(("-wal", "-shm")) for name in before)

    run = tutor("progress", "check", "--db", str(db))

    assert run.returncode == 0 and "is healthy (1 learner(s), 10 card(s), 3 review(s))" in run.stdout
    assert listing(tmp_path) == before


def test_a_read_only_folder_is_not_taken_for_damage(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "tutor.db"
    studied(db)
    before = listing(folder)
    folder.chmod(0o555)
    # root writes anywhere: without the capabilities that let it, it meets the folder's permissions.
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if shutil.which("capsh") is None:
            pytest.skip("running as root without capsh to drop the right to write anywhere")
        prefix = ("capsh", "--drop=cap_dac_override,cap_dac_read_search,cap_fowner", "--", "-c",
                  'exec "$0" "$@"')  # fmt: skip
    try:
        assert subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True).returncode != 0
        run = tutor("progress", "check", "--db", str(db), prefix=prefix)
    finally:
        folder.chmod(0o755)

    assert run.returncode == 0 and "is healthy (1 learner(s)" in run.stdout, run.stderr
    assert listing(folder) == before


def test_backups_of_two_files_with_one_stem_keep_apart_and_are_listed(tmp_path: Path) -> None:
    first, second = tmp_path / "tutor.db", tmp_path / "tutor.sqlite"
    studied(first, answers=2)
    studied(second, answers=5)
    # A backup an older Tutor named by the stem is listed too.
    shutil.copyfile(tmp_path / "backups" / "tutor.db-2026-12-01.db", tmp_path / "backups" / "tutor-2026-11-30.db")

    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [
        "tutor-2026-11-30.db", "tutor.db-2026-12-01.db", "tutor.sqlite-2026-12-01.db",
    ]  # fmt: skip
    lines = tutor("progress", "backups", "--db", str(second)).stdout.splitlines()
    assert "2026-12-01" in lines[1] and "1 learner(s), 0 review(s)" in lines[1]
    assert "tutor.sqlite-2026-12-01.db" in lines[1]
    assert "2026-11-30" in lines[2] and "tutor-2026-11-30.db" in lines[2]
    assert len(lines) == 3


HOLD_OPEN = """
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from progress.store import Store
with Store.open(Path(sys.argv[1])) as store:
    store.record(1, "bank", "q8", rating=3, revision="0123456789ab", response="z", score=1.0, duration_ms=9,
                 hinted=False, now=datetime(2026, 12, 1, 12, tzinfo=timezone.utc))
    print("open", flush=True)
    time.sleep(600)
"""


def test_restore_refuses_while_another_process_has_the_file_open_then_replaces_it_keeping_the_old_aside(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tutor.db"
    studied(db, answers=2)  # today's backup holds the learner and no answers: it was made at the session start
    backup = tmp_path / "backups" / "tutor.db-2026-12-01.db"
    with Store.open(db, tz=timezone.utc) as store:
        store.record(1, "bank", "q9", rating=1, revision="0123456789ab", response="y", score=0.0, duration_ms=9,
                     hinted=False, now=NOW + timedelta(hours=1))  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(db)], stdout=subprocess.PIPE, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
        before = listing(tmp_path)
        refused = one_line_failure(tutor("progress", "restore", str(backup), "--db", str(db)))
        assert "is open in another process" in refused
        assert {k: v for k, v in listing(tmp_path).items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")
        }
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # Killed, it left its -wal (holding its committed answer) and -shm beside the file, as a crash would.
    assert (tmp_path / "tutor.db-wal").stat().st_size > 0

    run = tutor("progress", "restore", str(backup), "--db", str(db))

    assert run.returncode == 0, run.stderr
    replaced = [p for p in tmp_path.iterdir() if p.name.startswith("tutor.db.replaced-")]
    assert len(replaced) == 1 and f"kept the file it replaces as {replaced[0]}" in run.stdout
    assert "restored" in run.stdout and "(1 learner(s), 0 review(s))" in run.stdout
    assert not (tmp_path / "tutor.db-wal").exists() or (tmp_path / "tutor.db-wal").stat().st_size == 0
    with Store.open(db) as store:
        assert [who.name for who in store.learners()] == ["ana"] and list(store.reviews(1)) == []
        assert store.check() == []
    with Store.open(replaced[0]) as old:  # the file as it was, its WAL folded in
        assert len(list(old.reviews(1))) == 4


def test_restore_refuses_a_backup_that_is_not_a_healthy_tutor_database(tmp_path: Path) -> None:
    db = tmp_path / "tutor.db"
    studied(db)
    before = listing(tmp_path)
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"not a database\n" * 100)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    for backup, words in ((notes, "not SQLite"), (other, "another program"), (tmp_path / "gone.db", "no such backup")):
        assert words in one_line_failure(tutor("progress", "restore", str(backup), "--db", str(db)))
    assert {k: v for k, v in listing(tmp_path).items() if k.startswith(("tutor.db", "backups"))} == before
