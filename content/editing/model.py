"""The bank being edited: its questions as plain data, the operations on them, and undo and redo.

Each question is an `Entry`: a key that stays with it through every edit of the session, and its data
as a bank file holds it, valid or not. Entries are never changed in place: an edit makes a new entry, and
the bank's state is a tuple of entries, so undo keeps whole states at the cost of a tuple each.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.bank import BankError, Problem
from content.editing.fields import MISSING, template

# Undo goes back this many steps at most.
UNDO_DEPTH = 500
DRAFT = "draft"

_keys = itertools.count(1)


@dataclass(frozen=True, eq=False)
class Entry:
    """One question as edited. Compared by identity: the same entry is the same version of the question."""

    key: int
    data: dict[str, Any]  # never changed once made

    @classmethod
    def new(cls, data: dict[str, Any]) -> Entry:
        return cls(next(_keys), data)

    def with_data(self, data: dict[str, Any]) -> Entry:
        return Entry(self.key, data)

    @property
    def id(self) -> str:
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else ""

    @property
    def type(self) -> str:
        value = self.data.get("type") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else ""

    @property
    def draft(self) -> bool:
        return isinstance(self.data, dict) and self.data.get("status") == DRAFT

    @property
    def topics(self) -> list[str]:
        value = self.data.get("topics") if isinstance(self.data, dict) else None
        return [str(t) for t in value] if isinstance(value, list) else [str(value)] if value else []


@dataclass(frozen=True)
class Step:
    """One undoable change: what it was called, the states before and after, and the entry to show after."""

    label: str
    before: tuple[Entry, ...]
    after: tuple[Entry, ...]
    focus: int | None = None  # key of the entry the change was about
    typing: tuple[int, str] | None = None  # (key, field) of a run of typing that later keys join


@dataclass
class EditedBank:
    """A bank file's questions as edited, with what is needed to write them back in place."""

    path: Path
    head: dict[str, Any]  # the bank's own fields (id, title, material), as in the file
    entries: tuple[Entry, ...]
    source: str  # the file's text as last read or saved
    origins: dict[int, int] = field(default_factory=dict)  # entry key -> its index among the file's questions
    saved: tuple[Entry, ...] = ()
    _undo: list[Step] = field(default_factory=list)
    _redo: list[Step] = field(default_factory=list)
    _sealed: bool = True
    _index: dict[int, int] | None = None

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> EditedBank:
        """The bank file's questions as they stand, valid or not; BankError if it is not YAML or not a bank."""
        try:
            source = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BankError([Problem(str(path), 1, 1, "no such file")]) from None
        except (OSError, UnicodeDecodeError) as e:
            raise BankError([Problem(str(path), 1, 1, f"cannot read the file: {e}")]) from None
        return cls.parse(source, path)

    @classmethod
    def parse(cls, source: str, path: Path) -> EditedBank:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        try:
            doc = YAML(typ="safe", pure=False).load(source)
        except MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise BankError([Problem(str(path), line, col, f"YAML syntax error: {e.problem or e.context}")]) from None
        except YAMLError as e:
            raise BankError([Problem(str(path), 1, 1, f"YAML error: {e}")]) from None
        if doc is None:
            doc = {}
        if not isinstance(doc, dict) or not isinstance(doc.get("questions", []), list):
            raise BankError([Problem(str(path), 1, 1, "a bank file is a mapping with id, title, material and "
                                     "a list of questions")])
        entries = tuple(Entry.new(q if isinstance(q, dict) else {"value": q}) for q in doc.get("questions") or [])
        head = {k: v for k, v in doc.items() if k != "questions"}
        return cls(path, head, entries, source, {e.key: i for i, e in enumerate(entries)}, entries)

    @property
    def digest(self) -> str:
        """Of the file's text as last read or saved: an autosave made over another text is not of this one."""
        return hashlib.sha256(self.source.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def material(self) -> Path:
        name = self.head.get("material")
        return self.path.parent / (name if isinstance(name, str) and name.strip() else "material.md")

    @property
    def title(self) -> str:
        title = self.head.get("title")
        return title if isinstance(title, str) else self.path.parent.name

    # -- reading ---------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return len(self.entries) != len(self.saved) or any(a is not b for a, b in zip(self.entries, self.saved))

    def position(self, key: int) -> int:
        if self._index is None:
            self._index = {e.key: i for i, e in enumerate(self.entries)}
        return self._index[key]

    def entry(self, key: int) -> Entry:
        return self.entries[self.position(key)]

    def __contains__(self, key: int) -> bool:
        try:
            self.position(key)
        except KeyError:
            return False
        return True

    def same_id(self, entry: Entry) -> list[Entry]:
        """The other entries with the entry's id."""
        return [e for e in self.entries if e.id == entry.id and e.key != entry.key] if entry.id else []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- editing ---------------------------------------------------------------------------

    def set_field(self, key: int, name: str, value: Any) -> Entry:
        """Set (or, with MISSING, leave out) one field; keys typed into the same field undo together."""
        old = self.entry(key)
        data = {k: v for k, v in old.data.items() if k != name}
        if value is not MISSING:
            data = _placed(old.data, data, name, value)
        if identical(data, old.data):
            return old
        new = old.with_data(data)
        self._replace([new], f"edit {name} of {new.id or 'a question'}", key, typing=(key, name))
        return new

    def replace(self, key: int, data: dict[str, Any], label: str = "edit") -> Entry:
        """Put new data in place of a question's (its YAML edited as a whole)."""
        old = self.entry(key)
        if identical(data, old.data):
            return old
        new = old.with_data(data)
        self._replace([new], f"{label} {new.id or 'a question'}", key, typing=(key, "\0yaml"))
        return new

    def seal(self) -> None:
        """End a run of typing: the next key typed starts a new undo step."""
        self._sealed = True

    def add(self, kind: str, after: int | None = None) -> Entry:
        """A new question of this type from its template, after the entry `after` (else at the end)."""
        base = f"new-{kind}"
        new = Entry.new(template(kind, self.free_id(base)))
        at = self.position(after) + 1 if after is not None and after in self else len(self.entries)
        self._apply(self.entries[:at] + (new,) + self.entries[at:], f"add {new.id}", new.key)
        return new

    def duplicate(self, keys: Iterable[int]) -> list[Entry]:
        """A copy of each, right after it, with a new id."""
        keys = set(keys)
        out: list[Entry] = []
        made: list[Entry] = []
        taken = {e.id for e in self.entries}
        for entry in self.entries:
            out.append(entry)
            if entry.key in keys:
                copy_id = self.free_id(f"{entry.id or 'question'}-copy", taken)
                taken.add(copy_id)
                copy = Entry.new({**entry.data, "id": copy_id} if "id" in entry.data else dict(entry.data))
                out.append(copy)
                made.append(copy)
        if made:
            self._apply(tuple(out), f"duplicate {_count(made)}", made[-1].key)
        return made

    def delete(self, keys: Iterable[int], label: str = "delete") -> int:
        keys = set(keys)
        kept = tuple(e for e in self.entries if e.key not in keys)
        gone = len(self.entries) - len(kept)
        if gone:
            near = self._neighbour(keys, kept)
            self._apply(kept, f"{label} {_count(range(gone))}", near)
        return gone

    def move(self, keys: Iterable[int], step: int) -> bool:
        """Move the entries one place up (step -1) or down (+1), as a block; False at the end of the list."""
        keys = set(keys)
        order = list(self.entries)
        picked = [i for i, e in enumerate(order) if e.key in keys]
        if not picked or (step < 0 and picked[0] == 0) or (step > 0 and picked[-1] == len(order) - 1):
            return False
        for i in picked if step < 0 else reversed(picked):
            order[i], order[i + step] = order[i + step], order[i]
        self._apply(tuple(order), f"move {_count(picked)} {'up' if step < 0 else 'down'}", order[picked[0] + step].key)
        return True

    def accept(self, keys: Iterable[int]) -> int:
        """Accept the drafts among these: their status is removed, so they are studied."""
        keys = set(keys)
        changed = [e.with_data({k: v for k, v in e.data.items() if k != "status"})
                   for e in self.entries if e.key in keys and e.draft]
        if changed:
            self._replace(changed, f"accept {_count(changed)} draft(s)", changed[-1].key)
        return len(changed)

    def reject(self, keys: Iterable[int]) -> int:
        """Reject the drafts among these: they are deleted."""
        drafts = {e.key for e in self.entries if e.key in set(keys) and e.draft}
        return self.delete(drafts, "reject") if drafts else 0

    def free_id(self, base: str, taken: set[str] | None = None) -> str:
        taken = {e.id for e in self.entries} if taken is None else taken
        if base not in taken:
            return base
        return next(f"{base}-{n}" for n in itertools.count(2) if f"{base}-{n}" not in taken)

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        self._set(step.before)
        self._sealed = True
        return step

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        self._set(step.after)
        self._sealed = True
        return step

    # -- saving ----------------------------------------------------------------------------

    def was_saved(self, entries: tuple[Entry, ...], source: str) -> None:
        """These entries were written as `source`: they are the file's questions now, in this order."""
        self.saved, self.source = entries, source
        self.origins = {e.key: i for i, e in enumerate(entries)}

    def restore(self, questions: list[tuple[int | None, dict[str, Any]]]) -> None:
        """Take the questions of an autosave (each with its place in the file) as an edit that undo reverts."""
        entries = []
        by_origin = {i: key for key, i in self.origins.items()}
        for origin, data in questions:
            key = by_origin.get(origin) if origin is not None else None
            entries.append(Entry(key, data) if key is not None else Entry.new(data))
        self._apply(tuple(entries), "restore the autosaved edits", None)

    # -- inside ----------------------------------------------------------------------------

    def _replace(self, new: list[Entry], label: str, focus: int | None,
                 typing: tuple[int, str] | None = None) -> None:
        entries = list(self.entries)
        for entry in new:
            entries[self.position(entry.key)] = entry
        last = self._undo[-1] if self._undo else None
        if typing is not None and not self._sealed and last is not None and last.typing == typing and not self._redo:
            self._undo[-1] = Step(last.label, last.before, tuple(entries), focus, typing)
            self.entries = tuple(entries)
            return
        self._apply(tuple(entries), label, focus, typing)

    def _apply(self, entries: tuple[Entry, ...], label: str, focus: int | None,
               typing: tuple[int, str] | None = None) -> None:
        self._undo.append(Step(label, self.entries, entries, focus, typing))
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._set(entries)
        self._sealed = typing is None

    def _set(self, entries: tuple[Entry, ...]) -> None:
        if [e.key for e in entries] != [e.key for e in self.entries]:
            self._index = None
        self.entries = entries

    def _neighbour(self, gone: set[int], kept: tuple[Entry, ...]) -> int | None:
        """The entry that takes the place of the first one gone."""
        first = next(i for i, e in enumerate(self.entries) if e.key in gone)
        after = [e for e in self.entries[first:] if e.key not in gone]
        if after:
            return after[0].key
        return kept[-1].key if kept else None


def identical(a: Any, b: Any) -> bool:
    """Equal, and mappings in the same order: pairs moved are a change a file shows."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _placed(old: dict[str, Any], data: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """`data` with `name` set, where it stood in `old` (else in its type's order: at the end will do)."""
    if name in old:
        return {k: (value if k == name else old[k]) for k in old if k == name or k in data}
    return {**data, name: value}


def _count(things: Iterable[object] | list[Any]) -> str:
    n = len(list(things))
    return f"{n} question{'s' if n != 1 else ''}"
