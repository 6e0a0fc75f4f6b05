"""The checks of edited questions: what `tutor bank check` would say of each, and where in the question.

A question's schema problems come from parsing it as a bank file would be parsed, so their messages are
the ones `bank check` prints; its lint problems come from `content.lint` itself, run on a bank of that one
question (and the others that share its id, so that a repeated id is found). Nothing here depends on the
size of the bank: checking one question costs the same in a bank of ten or of ten thousand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content.bank import Bank, BankError, BankFile, parse_bank
from content.questions import Question

if TYPE_CHECKING:
    from content.editing.model import Entry
    from content.material import Material

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem of a question: where within it (a path of its fields), what, and how bad."""

    loc: Loc
    message: str  # as `bank check` prints it after file:line:col
    severity: str = "error"  # or "warning"

    @property
    def error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Check:
    """What the checks found in one version of a question; `question` is the study-time question when valid."""

    question: Question | None
    issues: tuple[Issue, ...] = ()
    peers: int = 0  # how many other valid questions shared its id when it was checked

    @property
    def errors(self) -> int:
        return sum(i.error for i in self.issues)

    @property
    def warnings(self) -> int:
        return sum(not i.error for i in self.issues)

    def at(self, loc: Loc) -> list[Issue]:
        """The issues at this field or within it."""
        return [i for i in self.issues if i.loc[: len(loc)] == loc]


class _Located(BankFile):
    """A bank file whose problems keep the place within the question instead of a line of a file."""

    def problem(self, loc: Loc, message: str, severity: str = "error") -> Any:
        return Issue(tuple(loc), message, severity)


# The bank a question is checked in on its own: a valid head, so that only the question's problems show.
_HEAD = {"id": "edited", "title": "edited"}


@dataclass
class Checker:
    """Checks questions of the bank at `path` against its material (None: the material could not be read)."""

    path: Path
    material: Material | None
    _adapter: Any = field(default=None, repr=False)

    def validate(self, data: Any) -> tuple[Question | None, list[Issue]]:
        """The question if `data` is a valid one, else the problems `bank check` would report, located."""
        from pydantic import ValidationError

        from content import schema

        if self._adapter is None:
            from pydantic import TypeAdapter

            self._adapter = TypeAdapter(schema.Question)
        try:
            return schema.to_question(self._adapter.validate_python(data)), []
        except ValidationError:
            pass
        except Exception:  # not even a mapping pydantic can look at: the bank file parser says what is wrong
            pass
        return None, self._problems(data)

    def _problems(self, data: Any) -> list[Issue]:
        source = _dump({**_HEAD, "questions": [data]})
        try:
            parse_bank(source, self.path)
        except BankError as e:
            where = _places(source)
            return [Issue(where.get((p.line, p.col), ()), p.message, p.severity) for p in e.problems]
        # Valid as a file, not as data (a value YAML writes and reads back otherwise): say so plainly.
        return [Issue((), "the question cannot be read as it is; edit it in the YAML view")]

    def one(self, entry: Entry, peers: Sequence[Entry] = ()) -> Check:
        """Check one question; `peers` are the other questions of the bank with its id."""
        question, issues = self.validate(entry.data)
        if question is None:
            return Check(None, tuple(issues))
        others = [q for q in (self.validate(p.data)[0] for p in peers) if q is not None]
        found = self._lint([question, *others])
        return Check(question, tuple(i for n, i in found if n == 0), len(others))

    def many(self, entries: Sequence[Entry]) -> dict[Entry, Check]:
        """Check every question of a bank at once: one lint over all the valid ones."""
        valid: list[tuple[Entry, Question]] = []
        out: dict[Entry, Check] = {}
        for entry in entries:
            question, issues = self.validate(entry.data)
            if question is None:
                out[entry] = Check(None, tuple(issues))
            else:
                valid.append((entry, question))
        found: dict[int, list[Issue]] = {}
        for n, issue in self._lint([q for _, q in valid]):
            found.setdefault(n, []).append(issue)
        counts: dict[str, int] = {}
        for _, q in valid:
            counts[q.id] = counts.get(q.id, 0) + 1
        for n, (entry, q) in enumerate(valid):
            out[entry] = Check(q, tuple(found.get(n, ())), counts[q.id] - 1)
        return out

    def _lint(self, questions: list[Question]) -> Iterable[tuple[int, Issue]]:
        """Lint's issues, each with the index of its question, located within it."""
        if self.material is None or not questions:
            return []
        from content.lint import lint

        file = _Located(self.path, Bank(_HEAD["id"], _HEAD["title"], "material.md", questions), "")
        return [(issue.loc[1], Issue(issue.loc[2:], issue.message, issue.severity)) for issue in lint(file, self.material)]


def _dump(data: Any) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _places(source: str) -> dict[tuple[int, int], Loc]:
    """For each 1-based line and column where a node of the one question in `source` starts, its path.

    A problem is located at a value, at a key or at a list's item: all three are here, the shallowest path
    first where two start at the same place (a record and its first key).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    root = YAML(typ="safe", pure=False).compose(source)
    places: dict[tuple[int, int], Loc] = {}

    def mark(node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(node: Any, loc: Loc) -> None:
        places.setdefault(mark(node), loc)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                step = key.value if isinstance(key, ScalarNode) else str(key)
                places.setdefault(mark(key), (*loc, step))
                walk(value, (*loc, step))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*loc, i))

    for key, value in root.value:
        if key.value == "questions" and isinstance(value, SequenceNode) and value.value:
            walk(value.value[0], ())
    return places
