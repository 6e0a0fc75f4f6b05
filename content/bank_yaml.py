"""A bank file's YAML in one pass over libyaml's events: Tutor's limits checked, and the values built.

The pass builds the values itself for the YAML that banks are written in (mappings with text keys,
sequences, scalars plain, quoted or with a standard tag, anchors and aliases), resolving and making each
scalar with ruamel.yaml's own YAML 1.2 rules and constructors, so the values are those its safe loader
makes, an alias the very object its anchor names. Anything else (merge keys, other keys, tags on
collections, directives, a second document) or any value that cannot be made is left to that loader
(`UNBUILT`), which then reads the whole file, as it does every file when `build` is off: its errors are
the ones reported.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Limits no real bank meets, so that a hostile file is refused before it costs minutes or gigabytes. The
# largest bank Tutor is built for, 10,000 questions, is a 7 MB file of 300,000 values, 6 levels deep.
BANK_BYTES = 16 * 2**20
MAX_DEPTH = 100
MAX_VALUES = 1_000_000
MAX_ALIASES = 100_000
MAX_ALIAS_CHARS = BANK_BYTES  # the text aliases may add: as much as the largest file holds

UNBUILT: Any = object()  # the file's values are for ruamel's loader to make


class Beyond(Exception):
    """A limit the YAML passes, in words, and the line and column (from 1) where it was passed."""

    def __init__(self, reason: str, line: int, col: int) -> None:
        super().__init__(reason)
        self.reason, self.line, self.col = reason, line, col


@cache
def _scalars() -> tuple[dict[str | None, list[tuple[str, Any]]], Any]:
    """Plain scalars' tags by first character, as ruamel's resolver keeps them for YAML 1.2 (its default),
    and ruamel's safe constructor, set to make a scalar on its own as its loader makes one of a bank."""
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.resolver import implicit_resolvers

    resolvers: dict[str | None, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for char in first or [None]:
                resolvers.setdefault(char, []).append((tag, regexp.lazy_self()))

    class Scalars(SafeConstructor):
        class resolver:  # noqa: N801 (what the constructors ask of their loader)
            processing_version = (1, 2)

    return resolvers, Scalars()


_MADE = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")}
# Tags a scalar may be given, each made by its constructor whatever the scalar looks like.
_TAGGED = _MADE | {"tag:yaml.org,2002:str", "tag:yaml.org,2002:binary"}


def _made(tag: str, value: str) -> Any:
    """The value ruamel's safe constructor makes of a scalar with this tag."""
    from ruamel.yaml.nodes import ScalarNode

    scalars = _scalars()[1]
    return scalars.yaml_constructors[tag](scalars, ScalarNode(tag, value, None, None))


def _plain(value: str, resolvers: list[tuple[str, Any]]) -> Any:
    """The value of a plain scalar that `resolvers` may tag; raises where ruamel's loader would, or where
    the value is left to that loader."""
    for tag, regexp in resolvers:
        if regexp.match(value):
            if tag not in _MADE:
                raise LookupError(tag)  # a merge key, a `=`: ruamel's loader says what it makes of them
            return _made(tag, value)
    return value


def read_values(source: str, build: bool = True) -> Any:
    """The values of `source`'s one document, or UNBUILT; raises Beyond past a limit, YAMLError on bad YAML.

    Limits come first: no tree is built of a file nested deeper than the parsers can recurse or whose
    aliases would repeat gigabytes. An alias weighs what it repeats: the values and characters of the
    node it names.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                    ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

    resolvers = _scalars()[0]
    parser, _ = YAML(typ="safe", pure=False).get_constructor_parser(source)
    opened: list[tuple[str, int, int] | None] = []  # per open collection: its anchor and the counts at its start
    weights: dict[str, tuple[int, int]] = {}  # anchor -> (values, characters) of the node it names
    values = chars = aliases = alias_chars = 0
    beyond = None
    documents = 0
    root: Any = UNBUILT
    # The collections being built, innermost last; for each, the key awaiting its value (None: a key is next).
    built: list[Any] = []
    keys: list[Any] = []
    named: dict[str, Any] = {}  # anchor -> the value built of its node
    try:
        while beyond is None:
            event = parser.get_event()
            kind = type(event)
            collection = False
            if kind is ScalarEvent:
                text = event.value
                size = len(text)
                values += 1
                chars += size
                if event.anchor is not None:
                    weights[event.anchor] = (1, size)
                if build:
                    tag = event.tag
                    try:
                        if tag is not None:
                            value = _made(tag, text) if tag in _TAGGED else UNBUILT
                        elif event.implicit[0] and text[:1] in resolvers:
                            value = _plain(text, resolvers[text[:1]])
                        else:
                            value = text
                    except Exception:
                        value = UNBUILT
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                values += 1
                opened.append(None if event.anchor is None else (event.anchor, values, chars))
                if len(opened) > MAX_DEPTH:
                    beyond = f"nested more than {MAX_DEPTH} levels deep (a bank needs 6)"
                collection = True
                value = UNBUILT if event.tag is not None else {} if kind is MappingStartEvent else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                start = opened.pop()
                if start is not None:
                    weights[start[0]] = (values - start[1] + 1, chars - start[2])
                if build:
                    built.pop()
                    keys.pop()
                continue
            elif kind is AliasEvent:
                if event.anchor not in weights:
                    build = False  # an alias naming no anchor: the loader says so
                    if any(start is not None and start[0] == event.anchor for start in opened):
                        beyond = f"alias *{event.anchor} stands inside the node it names, which would never end"
                    continue
                more_values, more_chars = weights[event.anchor]
                values += more_values
                chars += more_chars
                aliases += 1
                alias_chars += more_chars
                if aliases > MAX_ALIASES:
                    beyond = f"more than {MAX_ALIASES:,} aliases"
                elif alias_chars > MAX_ALIAS_CHARS:
                    beyond = f"aliases repeat more than {MAX_ALIAS_CHARS // 2**20} MB of text"
                value = named.get(event.anchor, UNBUILT)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1 or event.version is not None or event.tags is not None:
                    build = False  # a second document, or directives: the loader's to read
                continue
            elif kind is StreamEndEvent:
                return root if build else UNBUILT
            else:
                continue
            if values > MAX_VALUES:
                beyond = f"more than {MAX_VALUES:,} values, aliases counted as what they repeat"
            if not build:
                continue
            if value is UNBUILT:
                build = False
                continue
            if kind is not AliasEvent and event.anchor is not None:
                if event.anchor in named:
                    build = False  # the same anchor twice: the loader says so
                named[event.anchor] = value
            # The value goes where the collection it is in awaits one.
            if not built:
                root = value
            else:
                into = built[-1]
                if type(into) is list:
                    into.append(value)
                elif keys[-1] is None:
                    if type(value) is not str or value in into:
                        build = False  # a key of another kind, or one given twice: the loader says so
                    keys[-1] = value
                else:
                    into[keys[-1]] = value
                    keys[-1] = None
            if collection:
                built.append(value)
                keys.append(None)
    finally:
        parser.dispose()
    mark = event.start_mark
    raise Beyond(beyond, mark.line + 1, mark.column + 1)
