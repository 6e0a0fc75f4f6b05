"""What the commands share: failing with one line, opening a course or the progress database."""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from content.course import Course
    from progress.records import Learner
    from progress.store import Store

DB_HELP = "progress database (default: $TUTOR_DB or the user data folder)"


# C0 controls (ESC, CR, newline among them), DEL and C1 controls: a terminal acts on them, not shows them.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
C1_CONTROLS = re.compile(r"[\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """Text from a course (or naming one) as a terminal must print it on one line: shown, never acted on.

    Every control character becomes a visible escape (ESC as `\\x1b`, a newline as `\\n`), so a bank
    cannot clear the screen, set the window title or fake a line of output.
    """
    return _CONTROLS.sub(lambda m: _NAMED.get(m.group()) or f"\\x{ord(m.group()):02x}", text)


def shown_json(data: Any) -> str:
    """JSON for scripts that is also safe on a terminal: C1 controls escaped as JSON escapes C0 ones."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return C1_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Fail(Exception):
    """A failure the user can act on: its message is printed as `tutor: MESSAGE`, exit status 1."""

    def __str__(self) -> str:
        return shown(super().__str__())


class Groups:
    """The parser's commands, and command groups (`tutor bank ACTION`) that several modules add to."""

    def __init__(self, top: argparse.ArgumentParser) -> None:
        self.top = top
        self.commands = top.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, Any] = {}

    def command(self, name: str, run: Callable[[argparse.Namespace], int], **kwargs: Any) -> argparse.ArgumentParser:
        sub = self.commands.add_parser(name, **kwargs)
        sub.set_defaults(run=run)
        return sub

    def action(self, group: str, name: str, run: Callable[[argparse.Namespace], int],
               **kwargs: Any) -> argparse.ArgumentParser:
        """`tutor GROUP NAME`, the group made on first use (its help is in GROUP_HELP)."""
        if group not in self._groups:
            holder = self.commands.add_parser(group, help=GROUP_HELP.get(group))
            holder.set_defaults(run=lambda args, holder=holder: _usage(holder))
            self._groups[group] = holder.add_subparsers(dest=f"{group}_action", metavar="ACTION")
        sub = self._groups[group].add_parser(name, **kwargs)
        sub.set_defaults(run=run)
        return sub


GROUP_HELP = {
    "bank": "author question banks",
    "progress": "the learners' progress database",
}


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def open_course(name: str | None) -> Course:
    """The course called `name` (the only one when None), checked; Fail with its problems if broken."""
    import sys

    from content.bank import BankError
    from content.course import open_course as load
    from tutor.config import course_cache, find_course

    try:
        return load(find_course(name), cache=course_cache())
    except LookupError as e:
        raise Fail(str(e)) from None
    except BankError as e:
        for problem in e.problems:
            print(shown(str(problem)), file=sys.stderr)
        raise Fail("the course's bank has errors; run `tutor bank check` on it") from None


def db_path(db: str | None, *, existing: bool = False) -> Path:
    """The progress database's path (`--db`, `$TUTOR_DB` or the default); Fail if a given one's folder is
    missing (a mistyped path would start a new, empty history), or if `existing` and there is no database."""
    from tutor.config import ENV_DB, resolve_db_path

    path = resolve_db_path(db)
    given = bool(db or os.environ.get(ENV_DB))
    if existing and (not path.exists() or path.is_file() and path.stat().st_size == 0):
        raise Fail(f"{path}: no progress database there; study first (`tutor`), or check the path" if not path.exists()
                   else f"{path} is empty, not a Tutor progress database")
    if given and not path.parent.exists():  # under a file: Store.open says so
        raise Fail(f"{path}: no folder {path.parent}; check the path, or make the folder first")
    return path


def open_store(db: str | None, *, existing: bool = False) -> Store:
    """The progress database, made if new unless `existing` (for commands that only read or change one)."""
    from progress.store import Store, StoreError

    try:
        return Store.open(db_path(db, existing=existing))
    except StoreError as e:
        raise Fail(str(e)) from None


def pick_learner(store: Store, name: str | None) -> Learner:
    """The learner called `name` (the last one to study when None); Fail naming the known ones if none is."""
    known = {who.name: who for who in store.learners()}
    if not known:
        raise Fail(f"{store.path} has no learners yet; study first (`tutor`)")
    if name is not None and name not in known:
        raise Fail(f"no learner called {name!r} (known: {', '.join(sorted(known))})")
    who = known[name] if name is not None else store.last_learner()
    assert who is not None
    return who
