"""A learner's progress file as a class reads it: checked as the store checks it, then attached read-only.

Nothing is ever written to the file: it is opened with SQLite's read-only mode, and
the -wal and -shm files that reading a WAL-mode file makes beside it are removed
again unless they were there before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from progress import health, schema
from progress.store import StoreError

# Reviews carry the UUIDs a merge is keyed by from this upgrade on.
KEYED_BY_UUID = "m003_classes"
SOURCE = "src"


def check_learner_file(path: Path) -> None:
    """Raise StoreError, in one line, unless `path` is a Tutor progress file a class can merge."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise StoreError(f"{path} is empty, not a Tutor progress database")
    problems = health.examine(path, full=False).problems  # SQLite, healthy, Tutor's, not newer, reading only
    if problems:
        raise StoreError(problems[0])
    with _sidecars_left_as_they_were(path):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            applied = schema.applied(conn)
        finally:
            conn.close()
    if not applied:
        raise StoreError(f"{path} is an empty SQLite database, not a Tutor progress database")
    if KEYED_BY_UUID not in applied:
        raise StoreError(
            f"{path} was written by an older Tutor; open it once with this one "
            f"(`tutor study --db {path}`) to upgrade it, then merge it"
        )


@contextmanager
def attached(conn: sqlite3.Connection, path: Path, name: str = SOURCE) -> Iterator[str]:
    """The learner's file attached read-only to `conn` as the schema `name`, detached after."""
    with _sidecars_left_as_they_were(path):
        conn.execute(f"ATTACH DATABASE ? AS {name}", (f"{path.resolve().as_uri()}?mode=ro",))
        try:
            yield name
        finally:
            conn.execute(f"DETACH DATABASE {name}")


@contextmanager
def _sidecars_left_as_they_were(path: Path) -> Iterator[None]:
    """Remove the -shm, and an empty -wal, that reading the file created beside it."""
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {sidecar for sidecar in sidecars if sidecar.exists()}
    try:
        yield
    finally:
        for sidecar in sidecars:
            if sidecar not in existed and sidecar.exists():
                if sidecar.name.endswith("-shm") or sidecar.stat().st_size == 0:
                    sidecar.unlink()
