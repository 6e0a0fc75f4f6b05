"""The rolling backups of a progress file (one per study day, BACKUP_DAYS days kept), and restoring one.

The backup of `tutor.db` made on the study day 2026-12-01 is `backups/tutor.db-2026-12-01.db` beside
it: named by the whole file name, so `tutor.db` and `tutor.sqlite` in one folder keep their own.
Tutor named them by the stem before (`tutor-2026-12-01.db`); those are still listed and pruned.
A backup is written to a `.partial` file, checked, and only then given its name.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from progress import dbfile, health

BACKUP_DAYS = 7
_DAY = r"(\d{4}-\d{2}-\d{2})"


class BackupError(Exception):
    """A backup could not be made or restored; the message (one line) says why and what to do."""


@dataclass(frozen=True)
class Backup:
    """One backup file and the study day it was made on."""

    path: Path
    day: date
    size: int


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup read, the file written, and the rows it holds."""

    backup: Path
    path: Path
    replaced: Path | None  # where the file it replaced was kept (None: there was none)
    counts: dict[str, int]


def backup_dir(path: Path) -> Path:
    """Where the backups of the progress file at `path` live."""
    return path.parent / "backups"


def backups(path: Path) -> list[Backup]:
    """The backups of the progress file at `path`, newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = []
    names = re.compile(rf"(?:{re.escape(path.name)}|{re.escape(path.stem)})-{_DAY}\.db")
    for candidate in folder.iterdir():
        match = names.fullmatch(candidate.name)
        if match is None or not candidate.is_file():
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append(Backup(candidate, day, candidate.stat().st_size))
    return sorted(found, key=lambda b: (b.day, b.path.name.startswith(path.name)), reverse=True)


def rolling_backup(conn: sqlite3.Connection, path: Path, today: date) -> Path | None:
    """Copy the database open on `conn` (the file at `path`) for the study day `today`, keeping BACKUP_DAYS days.

    Returns the new backup, or None if today's already exists. Raises BackupError, making none,
    if the copy fails SQLite's quick_check: the database itself is damaged, and the good backups stay.
    """
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    for old in backups(path):
        if (today - old.day).days >= BACKUP_DAYS:
            old.path.unlink(missing_ok=True)
    target = folder / f"{path.name}-{today.isoformat()}.db"
    if target.exists():
        return None
    # A leftover .partial (a crash, a full disk, another Tutor's) is never reused: each process writes its own.
    # Those of other days too: a process killed mid-copy on an earlier day left its .partial (and -wal) behind.
    leftovers = [*folder.glob(f"{_glob_escape(path.name)}-????-??-??.db.partial*"),
                 *folder.glob(f"{_glob_escape(path.stem)}-????-??-??.partial")]  # an older Tutor's name
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    try:
        try:
            with closing(sqlite3.connect(partial)) as copy:
                conn.backup(copy)
                verdict = [row[0] for row in copy.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as error:
            if error.sqlite_errorcode not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise
            verdict = [str(error)]
        if verdict != ["ok"]:
            raise BackupError(
                f"{path} is damaged ({_first_problem(verdict)}); today's backup was not made, so the older ones in {folder} "
                f"stay good: run `tutor progress check --db {path}`, then `tutor progress restore`"
            )
        partial.replace(target)
    except FileNotFoundError:
        if target.exists():  # another Tutor made today's backup at the same moment
            return None
        raise
    finally:
        _remove_with_sidecars(partial)
    return target


def restore(backup: Path, path: Path, now: datetime) -> Restored:
    """Put the backup in place of the progress file at `path`, keeping the file it replaces aside.

    Refuses (BackupError) if the backup is not a healthy Tutor database, or if any other
    connection has `path` open: a study session would go on writing to the file it had.
    The replacement is written through SQLite under an exclusive lock, so the WAL beside
    the file is folded in and emptied rather than left to be replayed over the backup.
    """
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup; list them with `tutor progress backups --db {path}`")
    if backup.resolve() == path.resolve():
        raise BackupError(f"{backup} is the progress file itself")
    checked = health.examine(backup)
    if checked.problems:
        raise BackupError(f"{backup} cannot be restored: {checked.problems[0]}")
    reason = dbfile.unusable(path)
    if reason:
        raise BackupError(reason)
    existed = path.exists() and path.stat().st_size > 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as conn:
        try:
            # Held until the connection closes: no one can open the file while it is replaced.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode == sqlite3.SQLITE_BUSY:
                raise BackupError(
                    f"{path} is open in another process (a study session?); close it, then restore"
                ) from None
            raise BackupError(f"{path} cannot be opened to restore into ({error})") from None
        replaced = None
        if existed:
            replaced = path.with_name(f"{path.name}.replaced-{now:%Y%m%d-%H%M%S}")
            _keep_aside(conn, path, replaced)
        conn.execute("PRAGMA journal_mode = WAL")
        with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)) as source:
            try:
                source.backup(conn)
            except sqlite3.Error as error:
                raise BackupError(
                    f"{backup} could not be copied over {path} ({error}); the file is as it was"
                    + (f", and a copy is in {replaced}" if replaced else "")
                ) from None
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        problems = health.problems(conn, path)
        if problems:
            raise BackupError(
                f"{path} failed its check after the restore ({problems[0]}); the old file is in {replaced}"
            )
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("learners", "reviews")}
    return Restored(backup, path, replaced, counts)


def _keep_aside(conn: sqlite3.Connection, path: Path, aside: Path) -> None:
    """Copy the database open on `conn`, WAL and all, to `aside`; byte for byte if SQLite cannot read it."""
    try:
        with closing(sqlite3.connect(aside)) as copy:
            conn.backup(copy)
    except sqlite3.Error:
        _remove_with_sidecars(aside)
        shutil.copyfile(path, aside)
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copyfile(wal, aside.with_name(aside.name + "-wal"))


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _first_problem(verdict: list[str]) -> str:
    """The first problem quick_check reports, on one line, and how many more (its rows can hold several lines)."""
    lines = [line for row in verdict for line in row.splitlines() if line.strip() and not line.startswith("***")]
    if not lines:
        return " ".join(" ".join(verdict).split())
    return lines[0] + (f", and {len(lines) - 1} more" if len(lines) > 1 else "")
