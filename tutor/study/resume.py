"""The next start's first turns, kept when a study session ends, so that the next start shows them at once.

Without them the first question waits for the course, the grading and the progress store to load on the
study thread, about a third of the time to start. So when a session ends, the study thread works out what
a start would show then (the greeting, the first question, the status line) after the session's last
write, and keeps it in the user cache folder with the database file's size and modification time and
the course folder's. The next start by the same learner, on the same course, database and options, shows
them in its first frame if those are unchanged and the study day is the same; the study thread then asks
that question if the queue may ask it now (`Engine.start(shown=...)`), and its first reply takes the kept
turns' place either way. A kept file that cannot be read or does not match is ignored: it is only a
head start, never the record of anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tutor.study.turns import Message, Phase, Status

VERSION = 1
_KEPT_FIELDS = ("kind", "text", "passage", "marks", "location", "question_id", "pad", "options", "items", "blanks")


@dataclass(frozen=True, slots=True)
class Kept:
    """The turns and status a start shows, and the question they ask."""

    messages: list[Message]
    status: Status
    question_id: str


def kept_path(cache: Path, db: Path, learner: str, folder: Path, learn_ahead: bool) -> Path:
    """Where the next start of this learner on this course and database finds its first turns."""
    who = "\0".join((str(db.resolve()), learner, str(folder.resolve()), str(learn_ahead)))
    return cache / f"{hashlib.sha256(who.encode('utf-8', 'surrogatepass')).hexdigest()[:24]}.json"


def keep(path: Path, messages: list[Message], status: Status, until: float, db: Path, folder: Path) -> None:
    """Keep a start's first turns, to be shown until `until` (a Unix time: the study day's end) while the
    database and the course folder stay as they are now. Call it once the database is closed."""
    asking = next((m for m in messages if m.kind == "question"), None)
    state = _db_state(db)
    if asking is None or asking.question_id is None or state is None:
        forget(path)
        return
    data = {
        "version": VERSION, "db": state, "course": _folder_state(folder), "until": until,
        "messages": [{name: getattr(m, name) for name in _KEPT_FIELDS} for m in messages],
        "status": {**asdict(status), "phase": status.phase.value},
        "question_id": asking.question_id,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, path)
    except OSError:  # a cache that cannot be written only costs the next start its head start
        pass


def kept(path: Path, db: Path, folder: Path, now: float | None = None) -> Kept | None:
    """The kept first turns, if they still hold for this database and course folder now; else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (data["version"] != VERSION or data["db"] != _db_state(db) or data["course"] != _folder_state(folder)
                or not (time.time() if now is None else now) < data["until"]):
            return None
        messages = [_message(m) for m in data["messages"]]
        status = Status(**{**data["status"], "phase": Phase(data["status"]["phase"])})
        question_id = data["question_id"]
    except (OSError, ValueError, KeyError, TypeError):  # none kept, or not as this version keeps them
        return None
    if not isinstance(question_id, str) or not any(m.question_id == question_id for m in messages):
        return None
    return Kept(messages, status, question_id)


def forget(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _message(data: dict[str, Any]) -> Message:
    fields = {name: data[name] for name in _KEPT_FIELDS}
    if not all(isinstance(fields[name], str) for name in ("kind", "text")):
        raise TypeError("a kept turn without its text")
    fields["marks"] = tuple((int(a), int(b)) for a, b in fields["marks"])
    fields["options"], fields["items"] = tuple(map(str, fields["options"])), tuple(map(str, fields["items"]))
    return Message(**fields)


def _db_state(db: Path) -> list[int] | None:
    """The database file's size and modification time; None when it is open (its write-ahead log exists)."""
    try:
        if os.path.exists(f"{db}-wal"):
            return None
        stat = os.stat(db)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _folder_state(folder: Path) -> list[list[Any]]:
    """Each file of the course folder, by name, with its size and modification time."""
    try:
        with os.scandir(folder) as entries:
            files = [[e.name, (s := e.stat()).st_size, s.st_mtime_ns] for e in entries if e.is_file()]
    except OSError:
        return []
    return sorted(files)
