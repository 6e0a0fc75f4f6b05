"""`tutor edit [COURSE]`: edit a course's question bank in the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.cli.common import Fail, Groups


def register(groups: Groups) -> None:
    edit = groups.command("edit", run, help="edit a course's question bank: its questions, their checks, try them")
    edit.add_argument("course", nargs="?", metavar="COURSE",
                      help="course folder name or path, or a bank file (default: the only course installed)")


def run(args: argparse.Namespace) -> int:
    from content.course_folders import BANK_FILE, course_folders
    from tutor.config import course_roots, find_course
    from tutor.tui.editor.app import EditorApp

    if args.course and Path(args.course).is_file():
        bank = Path(args.course)
    else:
        if args.course is None:
            folders = course_folders(course_roots())
            if len(folders) > 1:
                raise Fail(f"several courses are installed: name one ({', '.join(f.name for f in folders)})")
        try:
            bank = find_course(args.course) / BANK_FILE
        except LookupError as e:
            raise Fail(str(e)) from None
    app = EditorApp(bank)
    app.run()
    if app.return_code:
        raise Fail("the editor stopped on an unexpected error (shown above); its autosave keeps your edits")
    return 0
