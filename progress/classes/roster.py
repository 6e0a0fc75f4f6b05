"""A roster: the school's list of students, attaching display names, emails and student ids to learners.

A CSV file with a header row. A row finds its learner by the learner's UUID, by the
name they study under, or by a student id the learner already has; the other columns
set the learner's display name, email and student id. Header names are read loosely
(`Email address`, `email`, `E-mail` are one column) so a school's export can be used
as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from progress.records import Learner
from progress.store import Store

# Each roster column, by the header names a school's export may give it (compared without case,
# spaces, '_' and '-').
HEADERS = {
    "uuid": ("uuid", "learneruuid", "learnerid"),
    "name": ("name", "learner", "username", "login", "sisloginid"),
    "display_name": ("displayname", "fullname", "student", "studentname"),
    "email": ("email", "emailaddress", "mail"),
    "student_id": ("studentid", "idnumber", "sisuserid", "studentnumber"),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class RosterError(Exception):
    """A roster the teacher can fix; the message names the file and what to change."""


@dataclass(frozen=True)
class Unmatched:
    line: int
    why: str


@dataclass(frozen=True)
class Imported:
    matched: tuple[tuple[int, str], ...]  # (line, learner name)
    unmatched: tuple[Unmatched, ...]
    not_in_roster: tuple[str, ...]  # learners of the class no row matched


def _key(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().lower())


def read_roster(path: Path) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]]]:
    """The roster's columns (our name -> its header) and its rows (line, values by our column names)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"cannot read the roster {path} ({error})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise RosterError(f"{path} is empty; its first line names the columns (name, email, student_id, ...)")
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for ours, names in HEADERS.items():
            if _key(title) in names and ours not in columns:
                columns[ours] = index
    if not {"uuid", "name", "student_id"} & columns.keys():
        raise RosterError(
            f"{path}:1: no column to find learners by; name one 'name' (the name they study under), "
            "'uuid' or 'student_id'"
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((line, {ours: cells[i].strip() if i < len(cells) else "" for ours, i in columns.items()}))
    return {ours: header[i] for ours, i in columns.items()}, rows


def import_roster(store: Store, path: Path) -> Imported:
    """Attach the roster's display names, emails and student ids to the learners its rows find."""
    _, rows = read_roster(path)
    learners = store.learners()
    by_uuid = {who.uuid: who for who in learners}
    by_name = {who.name: who for who in learners}
    by_folded = _unique({who.name.casefold(): who for who in learners}, (who.name.casefold() for who in learners))
    by_student = _unique({who.student_id: who for who in learners if who.student_id},
                         (who.student_id for who in learners if who.student_id))
    matched, unmatched, touched = [], [], set()
    for line, row in rows:
        who = (by_uuid.get(row.get("uuid", "")) or by_name.get(row.get("name", ""))
               or by_folded.get(row.get("name", "").casefold()) or by_student.get(row.get("student_id", "")))
        if who is None:
            said = ", ".join(f"{k} {v!r}" for k, v in row.items() if v and k in ("uuid", "name", "student_id"))
            unmatched.append(Unmatched(line, f"no learner matches ({said or 'no name or id given'})"))
            continue
        if who.id in touched:
            unmatched.append(Unmatched(line, f"{who.name} was already matched by an earlier row"))
            continue
        email = row.get("email") or None
        if email is not None and not _EMAIL.fullmatch(email):
            unmatched.append(Unmatched(line, f"{email!r} is not an email address"))
            continue
        store.update_profile(who.id, display_name=row.get("display_name") or None, email=email,
                             student_id=row.get("student_id") or None)
        touched.add(who.id)
        matched.append((line, who.name))
    left = tuple(who.name for who in learners if who.id not in touched)
    return Imported(tuple(matched), tuple(unmatched), left)


def _unique(found: dict[str, Learner], keys: Iterable[str]) -> dict[str, Learner]:
    """The lookup without the keys that more than one learner shares."""
    seen: dict[str, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
    return {k: v for k, v in found.items() if seen.get(k) == 1}
