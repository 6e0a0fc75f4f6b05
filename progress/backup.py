"""The daily rolling backup: one copy of the progress file per study day, for a week."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

BACKUP_DAYS = 7


def backup_dir(path: Path) -> Path:
    """Where the backups of the progress file at `path` live."""
    return path.parent / "backups"


def rolling_backup(conn: sqlite3.Connection, path: Path, today: date) -> Path | None:
    """Copy the database open on `conn` (the file at `path`) for the study day `today`, keeping BACKUP_DAYS days.

    Returns the new backup, or None if today's already exists.
    """
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stem = path.stem
    for old in folder.glob(f"{stem}-????-??-??.db"):
        try:
            made = datetime.strptime(old.stem[len(stem) + 1 :], "%Y-%m-%d").date()
        except ValueError:
            continue
        if (today - made).days >= BACKUP_DAYS:
            old.unlink()
    target = folder / f"{stem}-{today.isoformat()}.db"
    if target.exists():
        return None
    partial = target.with_suffix(".partial")
    copy = sqlite3.connect(partial)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    # A backup cut short by a crash stays .partial and is never mistaken for a good one.
    partial.replace(target)
    return target
