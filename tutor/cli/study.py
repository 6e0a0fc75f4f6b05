"""`tutor [study]`: study a course in the chat (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.cli.common import DB_HELP, Fail, Groups, db_path, open_store


def register(groups: Groups) -> None:
    _options(groups.top, default=None)
    groups.top.set_defaults(run=run)
    _options(groups.command("study", run, help="study a course in the chat (the default command)"),
             default=argparse.SUPPRESS)


def _options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--course", metavar="ID", default=default,
                        help="course folder name or path (default: ask when there are several)")
    parser.add_argument("--learner", metavar="NAME", default=default, help="who studies (default: ask, the last one first)")
    parser.add_argument("--db", metavar="PATH", default=default, help=DB_HELP)
    parser.add_argument("--learn-ahead", action="store_true", default=default or False,
                        help="keep going with cards not yet due when nothing is due")


def run(args: argparse.Namespace) -> int:
    from content.course_folders import course_folders
    from tutor.config import course_roots, find_course
    from tutor.tui.app import TutorApp

    try:
        folders = [find_course(args.course)] if args.course else course_folders(course_roots())
    except LookupError as e:
        raise Fail(str(e)) from None
    if not folders:
        raise Fail("no course is installed")
    db = db_path(args.db)
    # Refused here, before the screen changes, if it is not a Tutor database; the app opens its own. Not
    # opened here when the last session's end kept this start's first turns and the file is as it left it.
    if not (args.learner and len(folders) == 1 and _resumable(db, args.learner, folders[0], args.learn_ahead)):
        store = open_store(args.db)
        store.close()
        db = store.path
    app = TutorApp(db, folders, args.learner, learn_ahead=bool(args.learn_ahead))
    app.run()
    if app.summary:
        print(app.summary)
    if app.error:
        raise Fail(app.error)
    if app.return_code:
        raise Fail("the app stopped on an unexpected error (shown above); your answers until then are saved")
    return 0


def _resumable(db: Path, learner: str, folder: Path, learn_ahead: bool) -> bool:
    """Whether the last session's end kept this start's first turns and the database is as it left it."""
    from tutor.config import resume_cache
    from tutor.study import resume

    path = resume.kept_path(resume_cache(), db, learner, folder, bool(learn_ahead))
    return resume.kept(path, db, folder) is not None
