"""The class database: a Tutor progress file holding many learners, and its write transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from progress.store import Store, StoreError


def open_class(path: Path, *, create: bool = False) -> Store:
    """The class database at `path`, made if missing when `create`; StoreError if it is no Tutor database."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such class database; make one with `tutor class merge FILE... --into {path}`")
    if not create and path.is_file() and path.stat().st_size == 0:
        raise StoreError(f"{path} is empty, not a class database; make one with `tutor class merge FILE... --into {path}`")
    return Store.open(path)


def for_merging(store: Store) -> None:
    """Set the class's connection up for merging many files: a large cache, no fsync at every file, and
    fewer checkpoints.

    A merge adds only what the class lacks, so the files a power cut loses are merged
    again by running it again; WAL mode keeps the database itself whole.
    """
    store.conn.execute("PRAGMA cache_size = -262144")  # 256 MB: the class's indexes stay in memory
    store.conn.execute("PRAGMA synchronous = NORMAL")
    # Each file's reviews land all over the UUID index: checkpointing less often writes a page once for many files.
    store.conn.execute("PRAGMA wal_autocheckpoint = 25000")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the write lock from its start (as the store's), rolled back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
