"""`tutor progress check|backups|restore|optimize`: the learners' progress database."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from tutor.cli.common import DB_HELP, Fail, Groups, open_store, pick_learner


def register(groups: Groups) -> None:
    check = groups.action(
        "progress", "check", check_database,
        help="check the database without changing it: SQLite's integrity and foreign keys, and that every "
             "table and column of its schema is there",
    )  # fmt: skip
    check.add_argument("--db", metavar="PATH", help=DB_HELP)
    listing = groups.action("progress", "backups", list_backups,
                            help="list the daily backups of the database, with their size, learners and reviews")
    listing.add_argument("--db", metavar="PATH", help=DB_HELP)
    restore = groups.action(
        "progress", "restore", restore_backup,
        help="put a backup in place of the database (refused while Tutor has it open); the replaced file "
             "is kept beside it as NAME.replaced-DATE-TIME",
    )  # fmt: skip
    restore.add_argument("backup", metavar="BACKUP", type=Path,
                         help="a backup's file (see `tutor progress backups`)")
    restore.add_argument("--db", metavar="PATH", help=DB_HELP)
    optimize = groups.action("progress", "optimize", optimize_learner,
                             help="fit a learner's FSRS parameters to their own reviews")
    optimize.add_argument("--learner", metavar="NAME", help="whose parameters (default: the last learner)")
    optimize.add_argument("--db", metavar="PATH", help=DB_HELP)


def check_database(args: argparse.Namespace) -> int:
    from progress.backup import backup_dir
    from progress.health import examine
    from tutor.config import resolve_db_path

    path = resolve_db_path(args.db)
    health = examine(path)
    for note in health.notes:
        print(f"note: {note}")
    if health.problems:
        for problem in health.problems[1:]:
            print(problem)
        more = f" (and {len(health.problems) - 1} more above)" if len(health.problems) > 1 else ""
        hint = f"; backups are in {backup_dir(path)}" if backup_dir(path).is_dir() else ""
        raise Fail(f"{health.problems[0]}{more}{hint}")
    counts = health.counts
    print(f"ok: {path} is healthy ({counts.get('learners', 0)} learner(s), {counts.get('cards', 0)} card(s), "
          f"{counts.get('reviews', 0)} review(s))")
    return 0


def list_backups(args: argparse.Namespace) -> int:
    import sqlite3
    from contextlib import closing

    from progress.backup import backup_dir, backups
    from progress.dbfile import unusable
    from tutor.config import resolve_db_path

    path = resolve_db_path(args.db)
    reason = unusable(path)
    if reason:
        raise Fail(reason)
    found = backups(path)
    if not found:
        print(f"no backups of {path} yet (they are made in {backup_dir(path)} at the start of each study day)")
        return 0
    print(f"backups of {path}, newest first:")
    for backup in found:
        try:
            # immutable: nothing writes a backup, and reading it so leaves no -wal or -shm beside it.
            uri = f"{backup.path.resolve().as_uri()}?mode=ro&immutable=1"
            with closing(sqlite3.connect(uri, uri=True)) as conn:
                learners, reviews = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                     for t in ("learners", "reviews"))
            what = f"{learners} learner(s), {reviews} review(s)"
        except sqlite3.Error as e:
            what = f"unreadable ({e})"
        print(f"  {backup.day.isoformat()}  {_size(backup.size):>9}  {what}  {backup.path}")
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    from progress.backup import BackupError, restore
    from tutor.config import resolve_db_path

    path = resolve_db_path(args.db)
    try:
        done = restore(args.backup.expanduser(), path, datetime.now())
    except BackupError as e:
        raise Fail(str(e)) from None
    if done.replaced is not None:
        print(f"kept the file it replaces as {done.replaced}")
    print(f"restored {done.backup} to {done.path} ({done.counts['learners']} learner(s), "
          f"{done.counts['reviews']} review(s)); it passed its integrity check")
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024**2 else f"{size / 1024**2:.1f} MB"


def optimize_learner(args: argparse.Namespace) -> int:
    from progress.optimize import NotEnoughHistory, fit_learner

    store = open_store(args.db, existing=True)
    who = pick_learner(store, args.learner)
    try:
        fit = fit_learner(store, who.id)
    except NotEnoughHistory as e:
        raise Fail(f"{who.name}: {e}") from None
    kept = "kept" if fit.log_loss_after < fit.log_loss_before else "not kept: the defaults predict as well"
    print(f"{who.name}: fitted FSRS parameters to {fit.reviews_used} reviews of {fit.cards_used} cards; "
          f"log loss {fit.log_loss_before:.4f} before, {fit.log_loss_after:.4f} after ({kept})")
    return 0
