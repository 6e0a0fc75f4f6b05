"""A question type's form, derived from its model: which fields, in what order, of what kind.

Nothing here names a type or a field: the order comes from the type's dataclass (`field_order`), the kind
of each field from its pydantic model in `content.schema` (what a bank file may hold).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from content.questions import KINDS

# The kinds of field a form shows: one line of text, a list of strings (one a line), a yes-or-no, a number,
# one of a few words, a list of records (each a small form of its own), pairs (left -> right), and any
# other value as YAML text.
FIELD_KINDS = ("text", "lines", "flag", "number", "choice", "records", "pairs", "yaml")


class _Missing:
    """A field left out of the question's data: its default holds."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # one of FIELD_KINDS
    required: bool
    default: Any = MISSING
    choices: tuple[str, ...] = ()  # for "choice"
    fields: tuple[FieldSpec, ...] = ()  # for "records": the fields of each record
    description: str = ""
    integer: bool = False  # for "number"

    def shown(self, value: Any) -> Any:
        """The field's value as its widget holds it: text, a list of lines, a flag, or records' shown values."""
        if value is MISSING:
            value = None if self.default is MISSING else self.default
        if self.kind == "flag":
            return value if isinstance(value, bool) else False
        if self.kind == "lines":
            if value is None:
                return []
            return [_text(v) for v in value] if isinstance(value, list) else [_text(value)]
        if self.kind == "records":
            items = value if isinstance(value, list) else []
            return [{f.name: f.shown(item.get(f.name, MISSING) if isinstance(item, dict) else MISSING)
                     for f in self.fields} for item in items]
        if self.kind == "pairs":
            return [(_text(k), _text(v)) for k, v in value.items()] if isinstance(value, dict) else []
        if self.kind == "yaml":
            return "" if value is None else yaml_text(value)
        return "" if value is None else _text(value)

    def data(self, shown: Any) -> Any:
        """The value to store for what the widget holds; MISSING when the field is left to its default."""
        if self.kind == "flag":
            value: Any = bool(shown)
        elif self.kind == "lines":
            value = [line.strip() for line in shown if line.strip()]
        elif self.kind == "records":
            value = [{f.name: v for f in self.fields if (v := f.data(item.get(f.name))) is not MISSING}
                     for item in shown]
        elif self.kind == "pairs":
            value = {left.strip(): right.strip() for left, right in shown if left.strip() or right.strip()}
        elif self.kind == "number":
            value = _number(shown.strip())
        elif self.kind == "yaml":
            value = _yaml_value(shown)
        else:
            value = shown
        empty = value in ("", [], {}, None)
        if not self.required and (empty or value == self.default):
            return MISSING
        return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e16 else str(value)
    return value if isinstance(value, str) else yaml_text(value) if isinstance(value, (list, dict)) else str(value)


def _number(text: str) -> Any:
    """A number typed, as YAML would read it; anything else is kept as typed for validation to name."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def yaml_text(value: Any) -> str:
    import io

    from ruamel.yaml import YAML

    out = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # as bank files are written
    yaml.dump(value, out)
    return out.getvalue().removesuffix("\n...\n").rstrip("\n")


def _yaml_value(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=False).load(text)
    except YAMLError:
        return text


@cache
def models() -> dict[str, type[BaseModel]]:
    """Each question type's pydantic model, by type name."""
    from content import schema

    (union, *_) = typing.get_args(schema.Question)
    return {model.model_fields["type"].default: model for model in typing.get_args(union)}


@cache
def form_of(kind: str) -> tuple[FieldSpec, ...]:
    """The fields a question of this type has, in the order its bank entry writes them ('type' aside)."""
    model = models()[kind]
    order = [name for name in KINDS[kind].field_order() if name in model.model_fields and name != "type"]
    return tuple(_spec(name, model.model_fields[name]) for name in order)


def _spec(name: str, info: Any) -> FieldSpec:
    kind, choices, fields, integer = _kind(info.annotation)
    default = MISSING if info.is_required() or info.default is PydanticUndefined else info.default
    return FieldSpec(name, kind, info.is_required(), default, choices, fields, info.description or "", integer)


def _kind(annotation: Any) -> tuple[str, tuple[str, ...], tuple[FieldSpec, ...], bool]:
    annotation = _bare(annotation)
    origin, args = typing.get_origin(annotation), [_bare(a) for a in typing.get_args(annotation)]
    if origin is Literal:
        return "choice", tuple(map(str, args)), (), False
    if annotation is bool:
        return "flag", (), (), False
    if annotation in (int, float):
        return "number", (), (), annotation is int
    if annotation is str:
        return "text", (), (), False
    if origin is list and args == [str]:
        return "lines", (), (), False
    if origin is list and len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        record = args[0]
        return "records", (), tuple(_spec(n, f) for n, f in record.model_fields.items()), False
    if origin is dict and args == [str, str]:
        return "pairs", (), (), False
    return "yaml", (), (), False


def _bare(annotation: Any) -> Any:
    """The type under Annotated[...] and Optional[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return _bare(rest[0])
    return annotation


def template(kind: str, question_id: str) -> dict[str, Any]:
    """A new question of this type: its required fields empty (each marked until filled), nothing else."""
    data: dict[str, Any] = {}
    for spec in form_of(kind):
        if spec.name == "id":
            data["id"] = question_id
            data["type"] = kind
        elif spec.required:
            data[spec.name] = _empty(spec)
    data.setdefault("type", kind)
    return data


def _empty(spec: FieldSpec) -> Any:
    if spec.kind == "records":
        return [{f.name: _empty(f) for f in spec.fields if f.required}]
    return {"lines": [], "pairs": {}, "flag": False, "number": 0}.get(spec.kind, "")
