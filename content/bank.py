"""Question bank files: YAML read and written round-trip, every problem located at file:line:col."""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content.matching import normalize
from content.questions import KINDS, TYPES, Question

if TYPE_CHECKING:  # ruamel is imported when a bank is read or written, not when a course is cached
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

@dataclass
class Bank:
    id: str
    title: str
    material: str = "material.md"
    questions: list[Question] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = frozenset(normalize(name) for q in self.questions for name in q.entities())
        for q in self.questions:
            q.set_rivals(names)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int  # from 1
    col: int  # from 1
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {tag}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "line": self.line, "col": self.col,
                "severity": self.severity, "message": self.message}


class BankError(Exception):
    """A bank that cannot be loaded, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class BankFile:
    """A loaded bank and its source, whose YAML tree locates problems and keeps comments."""

    path: Path
    bank: Bank
    source: str

    @cached_property
    def doc(self) -> CommentedMap:
        """The round-trip tree: slow to build, so only when a problem is located or on writing."""
        return _yaml().load(self.source)

    def at(self, *loc: str | int) -> tuple[int, int]:
        return locate(self.doc, loc)

    def problem(self, loc: tuple[str | int, ...], message: str, severity: str = "error") -> Problem:
        line, col = self.at(*loc)
        return Problem(str(self.path), line, col, message, severity)


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def locate(doc: Any, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based line and column of the deepest node of `loc` that exists in the YAML tree."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node, line, col = doc, 0, 0
    if hasattr(doc, "lc"):
        line, col = doc.lc.line, doc.lc.col
    for step in loc:
        if isinstance(node, CommentedMap):
            if step not in node:
                break
            line, col = node.lc.value(step) if not isinstance(node[step], (CommentedMap, CommentedSeq)) else node.lc.key(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            node = node[step]
        else:
            break
    return line + 1, col + 1


def read_bank(path: Path) -> BankFile:
    """Load and validate a bank file, or raise BankError listing every problem."""
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError([Problem(name, 1, 1, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BankError([Problem(name, 1, 1, f"cannot read the file: {e}")]) from None
    return parse_bank(source, path)


def parse_bank(source: str, path: Path) -> BankFile:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    name = str(path)
    try:
        # libyaml's parser reads many times faster than the round-trip one, with the same values.
        doc = YAML(typ="safe", pure=False).load(source)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = e.problem or e.context or "invalid YAML"
        raise BankError([Problem(name, line, col, f"YAML syntax error: {what}")]) from None
    except YAMLError as e:
        raise BankError([Problem(name, 1, 1, f"YAML error: {e}")]) from None
    if not isinstance(doc, dict):
        raise BankError([Problem(name, 1, 1, "a bank file is a mapping with id, title, material and questions")])
    from pydantic import ValidationError

    try:
        bank = bank_from_data(doc)
    except ValidationError as e:
        tree = _yaml().load(source)
        raise BankError(sorted(
            (_problem(name, tree, err) for err in e.errors()), key=lambda p: (p.line, p.col)
        )) from None
    return BankFile(path, bank, source)


def _problem(name: str, doc: CommentedMap, err: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    if len(loc) >= 3 and loc[0] == "questions" and loc[2] in TYPES:
        loc = loc[:2] + loc[3:]  # drop the union tag pydantic puts in the path
    kind, where = err["type"], _describe(doc, loc)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = err.get("ctx", {}).get("tag")
        expected = ", ".join(TYPES)
        message = (f"unknown question type {tag!r}; expected one of {expected}" if kind == "union_tag_invalid"
                   else f"question has no 'type'; expected one of {expected}")
        line, col = locate(doc, (*loc, "type"))
        return Problem(name, line, col, where + message)
    line, col = locate(doc, loc)
    inner = loc[2:] if loc[:1] == ("questions",) else loc
    field_name = next((s for s in reversed(inner) if isinstance(s, str)), "")
    if kind == "missing":
        message = f"missing {field_name!r}"
    elif kind == "extra_forbidden":
        message = f"unknown field {field_name!r}" + _did_you_mean(field_name)
    elif kind == "string_pattern_mismatch" and field_name == "id":
        message = f"id {err['input']!r} must be a slug: lowercase letters, digits and hyphens"
    else:
        message = f"{field_name}: {err['msg']}" if field_name else err["msg"]
        message = message.replace("Value error, ", "")
    return Problem(name, line, col, where + message)


def _describe(doc: CommentedMap, loc: tuple[str | int, ...]) -> str:
    """'question 'x': ' when the error is inside a question."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = doc.get("questions")
        if isinstance(questions, list) and loc[1] < len(questions):
            item = questions[loc[1]]
            if isinstance(item, dict) and "id" in item:
                return f"question {item['id']!r}: "
        return f"question {loc[1] + 1}: "
    return ""


def _did_you_mean(name: str) -> str:
    known = {f for kind in KINDS.values() for f in kind.field_order()} | {"title", "material", "questions"}
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def bank_from_data(data: Any) -> Bank:
    """A bank from plain data (a parsed file); raises pydantic's ValidationError when invalid."""
    from content import schema

    valid = schema.Bank.model_validate(data)
    return Bank(valid.id, valid.title, valid.material, [schema.to_question(q) for q in valid.questions])


def bank_data(bank: Bank) -> dict[str, Any]:
    """The bank as plain data, fields in their written order, defaults left out."""
    return {"id": bank.id, "title": bank.title, "material": bank.material,
            "questions": [q.to_data() for q in bank.questions]}


def _merge(node: Any, data: Any) -> Any:
    """`data` written over the YAML tree `node`, keeping the comments and styles of what is left."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(data, dict) and isinstance(node, CommentedMap):
        for key in [k for k in node if k not in data]:
            del node[key]
        for key, value in data.items():
            node[key] = _merge(node.get(key), value)
        return node
    if isinstance(data, list) and isinstance(node, CommentedSeq):
        merged = [_merge(node[i] if i < len(node) else None, v) for i, v in enumerate(data)]
        del node[len(data):]
        for i, value in enumerate(merged):
            if i < len(node):
                node[i] = value
            else:
                node.append(value)
        return node
    if node is not None and not isinstance(node, (dict, list)) and node == data:
        return node
    return data


def dumps_bank(bank: Bank, template: CommentedMap | None = None) -> str:
    """YAML text of the bank; given the tree it was read from, its comments and order survive."""
    data = bank_data(bank)
    tree = _merge(template, data) if template is not None else data
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def write_bank(bank: Bank, path: Path, template: CommentedMap | None = None) -> None:
    text = dumps_bank(bank, template)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a crash mid-write leaves the old bank whole
