"""The progress file on disk as SQLite leaves it: whether a path can hold one, its header, and the
journal, WAL and WAL index beside it.

Everything here works on the file system without SQLite, so it can run before a connection
exists; only `remove_left_sidecars` removes anything. A *hot* journal is one a writer left when it was killed: SQLite
rolls it back on the next read-write open, so such a file is recoverable, never damaged.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: sidecars a check made are then left
    fcntl = None  # type: ignore[assignment]

SQLITE_HEADER = b"SQLite format 3\x00"
# A rollback journal starts with this magic once its header is written (SQLite's journal format).
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
SIDECAR_SUFFIXES = ("-journal", "-wal", "-shm")
# SQLite's lock bytes in the database file (os_unix.c): PENDING, RESERVED, then 510 SHARED bytes.
# Every open WAL-mode connection holds a read lock on the SHARED range for as long as it is open.
_PENDING_BYTE = 0x40000000
_LOCK_SPAN = 2 + 510


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def sidecars(path: Path) -> dict[str, Path]:
    """The -journal, -wal and -shm beside `path` that exist now, by suffix."""
    return {suffix: p for suffix in SIDECAR_SUFFIXES if (p := sidecar(path, suffix)).exists()}


def unusable(path: Path) -> str | None:
    """Why `path` cannot be a progress file (a folder, under a file, not SQLite), or None if it can.

    A missing or empty file can become one; a file whose start is not SQLite's header but
    that has a hot journal beside it is a database a killed writer left half-made.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    return f"{path} cannot be made: {parent} is a file, not a folder"
                return None
        return None
    except NotADirectoryError:
        parent = next(p for p in path.parents if p.exists() and not p.is_dir())
        return f"{path} cannot be made: {parent} is a file, not a folder"
    except OSError as error:
        return f"{path} cannot be read ({error.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return f"{path} is a folder; give --db the path of a file (such as {path / 'tutor.db'})"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file; give --db the path of a file"
    if info.st_size == 0 or has_hot_journal(path):
        return None
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        return f"{path} cannot be read ({error.strerror})"
    if header != SQLITE_HEADER:
        return f"{path} is not a Tutor progress database (not SQLite); choose another file with --db"
    return None


def has_hot_journal(path: Path) -> bool:
    """Whether a rollback journal with a written header lies beside `path` (a killed writer's)."""
    try:
        with sidecar(path, "-journal").open("rb") as file:
            return file.read(len(_JOURNAL_MAGIC)) == _JOURNAL_MAGIC
    except OSError:
        return False


def remove_left_sidecars(path: Path, before: set[Path]) -> None:
    """Remove the -wal (if empty) and -shm that a read-only connection made beside `path`, unless
    they existed in `before` or another connection has the database open (it needs them).

    Whether one has is probed with an open-file-description lock on SQLite's lock bytes: it
    conflicts with the read lock every open WAL connection holds, even this process's own.
    """
    made = [p for p in (sidecar(path, "-wal"), sidecar(path, "-shm")) if p not in before and p.exists()]
    made = [p for p in made if p.name.endswith("-shm") or p.stat().st_size == 0]
    if not made:
        return
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        # Held while unlinking: a process opening the database now waits on it before it looks for a -shm.
        if _try_lock(fd):
            for p in made:
                p.unlink(missing_ok=True)
    finally:
        # When the lock was had, no connection of this process holds a lock on these bytes, so
        # closing this descriptor (which drops the process's POSIX locks on the file) drops none.
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """Whether an exclusive lock on SQLite's lock bytes was had (False too where OFD locks do not exist)."""
    if fcntl is None or not hasattr(fcntl, "F_OFD_SETLK"):
        return False
    # struct flock on 64-bit Linux: l_type, l_whence, l_start, l_len, l_pid (0 for OFD locks), padded.
    request = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _PENDING_BYTE, _LOCK_SPAN, 0)
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
    except OSError:
        return False
    return True
