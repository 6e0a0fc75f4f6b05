"""A progress file's health, judged without writing to it: what `tutor progress check` reports.

It checks what opening does not (opening stays cheap): SQLite's integrity_check and
foreign_key_check, and that every table and column the file's schema version should have is
there. It reads through a read-only connection and removes the -wal and -shm that reading a
WAL-mode file makes, unless they were there or another process uses them. A file with a hot
journal (a writer killed mid-write) cannot be read without rolling it back, so a copy of it is
checked instead: it is recoverable, not damaged.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from progress import dbfile, schema

# integrity_check stops after this many problems: enough to see what is wrong.
_MAX_PROBLEMS = 20


@dataclass
class Health:
    """What a check found: `problems` (none: healthy), `notes` that are not problems, row counts."""

    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def examine(path: Path, *, full: bool = True) -> Health:
    """Check the progress file at `path`, reading only.

    Not `full`: SQLite's quick_check alone, without the foreign keys and the schema's columns.
    """
    health = Health(path)
    reason = dbfile.unusable(path)
    if reason:
        health.problems.append(reason)
        return health
    if not path.exists():
        health.problems.append(f"{path} does not exist")
        return health
    if path.stat().st_size == 0 and not dbfile.has_hot_journal(path):
        health.problems.append(f"{path} is empty (0 bytes): not a progress database yet")
        return health
    try:
        if dbfile.has_hot_journal(path):
            health.notes.append(
                f"a process stopped while writing it and left {dbfile.sidecar(path, '-journal').name}: "
                "the next open rolls that write back (this check rolled back a copy)"
            )
            with _recovered_copy(path) as copy, closing(sqlite3.connect(copy)) as conn:
                _examine_connection(conn, health, full)
        else:
            with _read_only(path) as conn:
                _examine_connection(conn, health, full)
    except sqlite3.DatabaseError as error:
        health.problems.append(f"{path} is damaged or not a database ({error})")
    except OSError as error:
        health.problems.append(f"{path} cannot be read ({error.strerror})")
    return health


def problems(conn: sqlite3.Connection, path: Path) -> list[str]:
    """What is wrong with the database open on `conn` (the file at `path`); empty when healthy."""
    health = Health(path)
    _examine_connection(conn, health)
    return health.problems


def _examine_connection(conn: sqlite3.Connection, health: Health, full: bool = True) -> None:
    path = health.path
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        health.problems.append(f"{path} is an empty SQLite database: it has no Tutor tables yet")
        return
    applied = schema.applied(conn) if schema.MIGRATIONS_TABLE in tables else set()
    if not applied:
        health.problems.append(f"{path} is an SQLite database of another program, not Tutor's")
        return
    if applied - schema.NAMES:
        health.problems.append(f"{path} was written by a newer Tutor; upgrade Tutor to check it")
        return
    rows = conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}({_MAX_PROBLEMS})").fetchall()
    health.problems += [f"{path} is damaged: {row[0]}" for row in rows if row[0] != "ok"]
    if not full:
        return
    for table, columns in _expected_columns(frozenset(applied)).items():
        if table not in tables:
            health.problems.append(f"table {table} is missing")
            continue
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        health.problems += [f"column {table}.{column} is missing" for column in sorted(columns - have)]
    health.problems += [
        f"{table} row {rowid} points to a missing {parent} row"
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
    ]
    if applied != schema.NAMES:
        health.notes.append("it was written by an older Tutor: the next open upgrades it")
    for table in ("learners", "cards", "reviews"):
        if table in tables:
            health.counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@cache
def _expected_columns(applied: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each table's columns in a file with these upgrades applied, found by applying them to an empty database."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    for step in schema.STEPS:
        if step.__name__ in applied:
            step(db)
    return {
        table.name: frozenset(column.name for column in table.columns)
        for table in db.tables
    }


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    before = set(dbfile.sidecars(path).values())
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            # A WAL-mode file in a folder this user cannot write: no -shm can be made, and no writer
            # (which would need one) can be changing the file, so it is read as it lies.
            if before or _writable(path.parent):
                raise
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        with closing(conn):
            yield conn
    finally:
        dbfile.remove_left_sidecars(path, before)


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


@contextmanager
def _recovered_copy(path: Path) -> Iterator[Path]:
    """A copy of the file and its hot journal in a temporary folder, which SQLite rolls back on reading."""
    with tempfile.TemporaryDirectory(prefix="tutor-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(dbfile.sidecar(path, "-journal"), dbfile.sidecar(copy, "-journal"))
        yield copy
