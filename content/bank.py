"""Question bank files: YAML read and written round-trip, every problem located at file:line:col.

Over 400 lines because reading, locating and writing share one round-trip document: a problem is
located through the same parse that a write keeps comments and stated defaults from, and
splitting them would pass that document's private structure between modules.
"""

from __future__ import annotations

import difflib
import io
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content.bank_yaml import BANK_BYTES
from content.files import Refused, read_text
from content.matching import normalize
from content.questions import KINDS, TYPES, Question

if TYPE_CHECKING:  # ruamel is imported when a bank is read or written, not when a course is cached
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.nodes import Node

@dataclass
class Bank:
    """A question bank: its id, title, material file and questions."""

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
    """One problem found in a bank file, where it is."""

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
    """A loaded bank and its source, whose YAML nodes locate problems and whose tree keeps comments."""

    path: Path
    bank: Bank
    source: str
    # For each of the bank's questions, its place among the file's: not the same when invalid ones are left out.
    positions: list[int] | None = None

    @cached_property
    def doc(self) -> CommentedMap:
        """The round-trip tree, which keeps comments: slow to build, so only on writing."""
        return _yaml().load(self.source)

    @cached_property
    def nodes(self) -> Node:
        """The file's YAML nodes, which know their lines: built (by libyaml) only when a problem is located."""
        return compose(self.source)

    def at(self, *loc: str | int) -> tuple[int, int]:
        if self.positions is not None and loc[:1] == ("questions",) and len(loc) > 1 and isinstance(loc[1], int):
            loc = ("questions", self.positions[loc[1]], *loc[2:])
        return locate(self.nodes, loc)

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


def compose(source: str) -> Node:
    """The YAML nodes of a source within the limits of `read_values`, composed by libyaml (whose recursion
    those limits bound)."""
    from ruamel.yaml import YAML

    loader, _ = YAML(typ="safe", pure=False).get_constructor_parser(source)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def locate(root: Node | None, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based line and column of the deepest node of `loc` that exists: a scalar value, else its key."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if root is None:
        return 1, 1
    node, mark = root, root.start_mark
    for step in loc:
        if isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(step)), None)
            if pair is None:
                break
            key, node = pair
            mark = node.start_mark if isinstance(node, ScalarNode) else key.start_mark
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


def read_bank(path: Path) -> BankFile:
    """Load and validate a bank file, or raise BankError listing every problem."""
    file, problems = read_bank_problems(path)
    if problems or file is None:
        raise BankError(problems)
    return file


def parse_bank(source: str, path: Path) -> BankFile:
    """The bank in `source` (read from `path`), or BankError listing every problem."""
    file, problems = parse_bank_problems(source, path)
    if problems or file is None:
        raise BankError(problems)
    return file


def read_bank_problems(path: Path) -> tuple[BankFile | None, list[Problem]]:
    """Every problem in the bank file, and its valid questions to lint (no file when nothing can be)."""
    try:
        source = read_text(path, BANK_BYTES)
    except Refused as e:
        return None, [Problem(str(path), e.line or 1, e.col or 1, f"bank file {e.reason}")]
    return parse_bank_problems(source, path)


def parse_bank_problems(source: str, path: Path, one_pass: bool = True) -> tuple[BankFile | None, list[Problem]]:
    """As `read_bank_problems`, for a source already read; without `one_pass`, ruamel's loader makes
    every file's values (as it does anyway for YAML beyond what banks are written in)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from content.bank_yaml import UNBUILT, Beyond, read_values

    name = str(path)
    try:
        doc = read_values(source, build=one_pass)
        if doc is UNBUILT:  # libyaml's parser reads many times faster than the round-trip one, with the same values
            doc = YAML(typ="safe", pure=False).load(source)
    except Beyond as e:
        return None, [Problem(name, e.line, e.col, f"{e.reason}: past the limit Tutor sets for a bank file")]
    except YAMLError as e:
        return None, [_yaml_problem(name, source, e)]
    except Exception as e:  # a value its tag cannot make: a date with month 13, a number too long for Python
        return None, [_value_problem(name, source, e)]
    if not isinstance(doc, dict):
        return None, [Problem(name, 1, 1, "a bank file is a mapping with id, title, material and questions")]
    return _validated(doc, source, path)


def _yaml_problem(name: str, source: str, e: Exception) -> Problem:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.parser import ParserError
    from ruamel.yaml.reader import ReaderError
    from ruamel.yaml.scanner import ScannerError

    if isinstance(e, MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = e.problem or e.context or "invalid YAML"
        if e.context and what.startswith("but "):  # "expected a single document in the stream but found another"
            what = f"{e.context} {what}"
        what = _clip(what, 300)
        syntax = "syntax " if isinstance(e, (ScannerError, ParserError)) else ""
        return Problem(name, line, col, f"YAML {syntax}error: {what}")
    if isinstance(e, ReaderError):  # libyaml counts its position in bytes of UTF-8
        before = source.encode("utf-8", "surrogatepass")[:max(e.position, 0)].decode("utf-8", "ignore")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        code = ord(e.character) if isinstance(e.character, str) else e.character
        return Problem(name, line, col, f"YAML error: character U+{code:04X} is not allowed ({e.reason})")
    return Problem(name, 1, 1, f"YAML error: {e}")


def _value_problem(name: str, source: str, error: Exception) -> Problem:
    """The value that cannot be made into what its tag says, found by making each scalar on its own."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode

    loader, _ = YAML(typ="safe", pure=False).get_constructor_parser(source)
    try:
        pending = [loader.get_single_node()]
        while pending:
            node = pending.pop()
            if not isinstance(node, ScalarNode):
                pending.extend(n for pair in node.value for n in (pair if isinstance(pair, tuple) else (pair,)))
                continue
            try:
                loader.construct_object(node, deep=True)
            except Exception as e:
                mark, tag = node.start_mark, node.tag.replace("tag:yaml.org,2002:", "!!")
                if "integer string conversion" in str(e):
                    why = f"a number of more than {sys.get_int_max_str_digits()} digits"
                else:
                    why = "no such value" if isinstance(e, KeyError) else str(e) or type(e).__name__
                return Problem(name, mark.line + 1, mark.column + 1, f"value {_quoted(node.value)} cannot be read "
                               f"as {tag} ({why}); quote it to keep it as text")
    finally:
        loader.dispose()
    return Problem(name, 1, 1, f"YAML error: {type(error).__name__}: {error}")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> str:
    return repr(_clip(text))


def _validated(doc: dict[Any, Any], source: str, path: Path) -> tuple[BankFile | None, list[Problem]]:
    """The bank's valid questions, and the problems of the rest: each question is checked on its own."""
    from pydantic import ValidationError

    from content import schema

    name = str(path)
    errors: list[tuple[dict[str, Any], tuple[str | int, ...]]] = []
    given = doc.get("questions", [])
    items = given if isinstance(given, list) else []
    try:  # the bank's own fields; its questions too when they are not a list
        head = schema.Bank.model_validate({**doc, "questions": given if given is not items else []})
    except ValidationError as e:
        head = None
        errors += [(err, ()) for err in e.errors()]
    questions: list[Question] = []
    positions: list[int] = []
    broken: list[tuple[int, Exception]] = []
    for i, item in enumerate(items):
        try:
            questions.append(schema.to_question(schema.QUESTION.validate_python(item)))
            positions.append(i)
        except ValidationError as e:
            errors += [(err, ("questions", i)) for err in e.errors()]
        except Exception as e:  # a bug in Tutor: still, the rest of the bank is checked and the place named
            broken.append((i, e))
    file = None
    material = doc.get("material", "material.md")
    if head is not None or (isinstance(material, str) and material.strip()):
        bank_id, title = (head.id, head.title) if head is not None else ("", "")
        file = BankFile(path, Bank(bank_id, title, material.strip() if head is None else head.material, questions),
                        source, positions if len(positions) != len(items) else None)
    if not errors and not broken:
        return file, []
    nodes = file.nodes if file is not None else compose(source)
    problems = [_problem(name, nodes, doc, err, prefix) for err, prefix in errors]
    problems += [Problem(name, *locate(nodes, ("questions", i)), f"{_describe(doc, ('questions', i))}internal "
                         f"error while validating ({type(e).__name__}: {e}); please report it") for i, e in broken]
    return file, sorted(problems, key=lambda p: (p.line, p.col))


def _problem(name: str, nodes: Node, doc: dict[Any, Any], err: Any, prefix: tuple[str | int, ...]) -> Problem:
    loc: tuple[str | int, ...] = prefix + tuple(err["loc"])
    if len(loc) >= 3 and loc[0] == "questions" and loc[2] in TYPES:
        loc = loc[:2] + loc[3:]  # drop the union tag pydantic puts in the path
    kind, where = err["type"], _describe(doc, loc)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = err.get("ctx", {}).get("tag")
        expected = ", ".join(TYPES)
        message = (f"unknown question type {_quoted(str(tag))}; expected one of {expected}"
                   if kind == "union_tag_invalid" else f"question has no 'type'; expected one of {expected}")
        line, col = locate(nodes, (*loc, "type"))
        return Problem(name, line, col, where + message)
    line, col = locate(nodes, loc)
    inner = loc[2:] if loc[:1] == ("questions",) and len(loc) > 1 and isinstance(loc[1], int) else loc
    field_name = next((s for s in reversed(inner) if isinstance(s, str)), "")
    if kind == "missing":
        message = f"missing {field_name!r}"
    elif kind == "extra_forbidden":
        message = f"unknown field {_quoted(field_name)}" + _did_you_mean(field_name)
    elif kind in ("int_type", "float_type") and isinstance(err["input"], bool):
        message = f"{_clip(field_name)}: {str(err['input']).lower()} is a yes-or-no value, not a number"
    elif kind == "string_pattern_mismatch" and field_name == "id":
        message = f"id {_quoted(str(err['input']))} must be a slug: lowercase letters, digits and hyphens"
    else:
        message = f"{_clip(field_name)}: {err['msg']}" if field_name else err["msg"]
        message = message.replace("Value error, ", "")
    return Problem(name, line, col, where + message)


def _describe(doc: dict[Any, Any], loc: tuple[str | int, ...]) -> str:
    """'question 'x': ' when the error is inside a question."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = doc.get("questions")
        if isinstance(questions, list) and loc[1] < len(questions):
            item = questions[loc[1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return f"question {_quoted(item['id'])}: "
        return f"question {loc[1] + 1}: "
    return ""


def _did_you_mean(name: str) -> str:
    known = {f for kind in KINDS.values() for f in kind.field_order()} | {"title", "material", "questions"}
    close = difflib.get_close_matches(name[:100], sorted(known), n=1)
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


def _keep_stated_defaults(bank: Bank, data: dict[str, Any], template: Any) -> None:
    """Fields the file states at their default value ("difficulty: 2") stay written, with their comments."""
    nodes = template.get("questions") if isinstance(template, dict) else None
    if not isinstance(nodes, list):
        return
    for question, written, node in zip(bank.questions, data["questions"], nodes):
        if not isinstance(node, dict) or node.get("id") != question.id:
            continue
        for key in node:
            if key not in written and not str(key).startswith("_") and _same(node[key], getattr(question, str(key), None)):
                written[key] = node[key]


def _same(stated: Any, value: Any) -> bool:
    """Whether what the file states is the question's value (a one-quote list is stated as the quote)."""
    if value is None:
        return False
    return stated == value or (isinstance(value, list) and len(value) == 1 and stated == value[0])


def dumps_bank(bank: Bank, template: CommentedMap | None = None) -> str:
    """YAML text of the bank; given the tree it was read from, its comments and order survive."""
    data = bank_data(bank)
    if template is not None:
        _keep_stated_defaults(bank, data, template)
    tree = _merge(template, data) if template is not None else data
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def write_bank(bank: Bank, path: Path, template: CommentedMap | None = None) -> None:
    text = dumps_bank(bank, template)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a crash mid-write leaves the old bank whole
