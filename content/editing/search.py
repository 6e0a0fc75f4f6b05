"""Finding questions in the list: words to search for, and filters by type, topic, status and problems.

A query is typed on one line: `type:cloze topic:"armed groups" status:draft has:problems ghali`. Words
without a name are searched for in every text of the question (its id, prompt, answers, topics...).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from content.editing.checks import Check
from content.editing.model import Entry
from content.matching import normalize

# What `has:` can ask for, and the state of a question's checks it asks about.
HAS = {
    "problems": lambda c: c is not None and bool(c.issues),
    "errors": lambda c: c is not None and c.errors > 0,
    "warnings": lambda c: c is not None and c.warnings > 0,
    "none": lambda c: c is not None and not c.issues,
}
QUERY_HELP = ("words anywhere · type:NAME · topic:WORDS · status:draft|ready · has:problems|errors|warnings|none "
              '· quote with "" · a leading - negates')


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    filters: tuple[tuple[str, str, bool], ...] = ()  # (name, value, negated)
    problems: tuple[str, ...] = field(default=())  # what could not be read, for the user

    @property
    def empty(self) -> bool:
        return not self.words and not self.filters


def parse_query(text: str) -> Query:
    try:
        tokens = shlex.split(text)
    except ValueError:  # an unclosed quote while it is being typed
        tokens = shlex.split(text + '"') if text.count('"') % 2 else text.split()
    words: list[str] = []
    filters: list[tuple[str, str, bool]] = []
    problems: list[str] = []
    for token in tokens:
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        name, colon, value = body.partition(":")
        if colon and name.lower() in ("type", "topic", "status", "has", "id"):
            name = name.lower()
            if name == "has" and value.lower() not in HAS:
                problems.append(f"has:{value}? (one of {', '.join(HAS)})")
                continue
            filters.append((name, value.lower(), negated))
        elif normalize(body):
            words.append(("-" if negated else "") + normalize(body))
    return Query(tuple(words), tuple(filters), tuple(problems))


def haystack(entry: Entry) -> str:
    """Every text of the question, normalized, in one string to search."""
    return f" {normalize(' '.join(_texts(entry.data)))} "


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [str(value)] if value is not None else []


def matches(query: Query, entry: Entry, check: Check | None, text: str) -> bool:
    """Whether the entry (whose `haystack` is `text`, and whose latest check is `check`) meets the query."""
    for word in query.words:
        found = f" {word.lstrip('-')} " in text if " " not in word.lstrip("-") else word.lstrip("-") in text
        if found == word.startswith("-"):
            return False
    for name, value, negated in query.filters:
        if _meets(name, value, entry, check) == negated:
            return False
    return True


def _meets(name: str, value: str, entry: Entry, check: Check | None) -> bool:
    if name == "type":
        return entry.type.lower().startswith(value)
    if name == "status":
        status = entry.data.get("status", "ready") if isinstance(entry.data, dict) else ""
        return str(status).lower().startswith(value)
    if name == "topic":
        folded = normalize(value)
        return any(folded in normalize(t) for t in entry.topics)
    if name == "id":
        return value in entry.id.lower()
    return HAS[value](check)
