"""Writing the edited bank back: only a bank that validates, through `dumps_bank` over the file's own YAML
tree, so that comments and order survive."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.bank import Bank, BankError, BankFile, dumps_bank, parse_bank
from content.editing.checks import Checker
from content.editing.model import Entry


class NotSaved(Exception):
    """The bank does not validate: nothing was written. `problems` are the messages `bank check` would give."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Written:
    """What a save wrote: the entries, the text, and the YAML tree it was written from (the next template)."""

    entries: tuple[Entry, ...]
    source: str
    tree: Any


def save_bank(path: Path, head: dict[str, Any], entries: tuple[Entry, ...], origins: dict[int, int],
              template: Any, checker: Checker) -> Written:
    """Write the entries as the bank file at `path`; NotSaved, and the file left alone, if they do not validate.

    `template` is the YAML tree of the file as it stands (its questions in the order `origins` count), and is
    left unchanged: the tree written is a copy, reordered to the entries' order so that each question keeps
    its own comments.
    """
    questions, problems = [], []
    for entry in entries:
        question, issues = checker.validate(entry.data)
        if question is None:
            problems += [i.message for i in issues]
        else:
            questions.append(question)
    if problems:
        raise NotSaved(problems)
    bank = Bank(str(head.get("id", "")), str(head.get("title", "")), str(head.get("material", "material.md")),
                questions)
    tree = _reordered(copy.deepcopy(template), entries, origins, [q.to_data() for q in questions])
    text = dumps_bank(bank, template=tree)
    try:
        file = parse_bank(text, path)
    except BankError as e:  # the bank's own fields (its id, its title)
        raise NotSaved([p.message for p in e.problems]) from None
    if checker.material is not None:
        from content.lint import lint

        errors = [p.message for p in lint(file, checker.material) if p.severity == "error"]
        if errors:
            raise NotSaved(errors)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # a crash mid-write leaves the old bank whole
    return Written(entries, text, tree)


def template_of(path: Path, source: str) -> Any:
    """The round-trip YAML tree of a bank file's text, which keeps its comments."""
    return BankFile(path, Bank("", ""), source).doc


def _reordered(tree: Any, entries: tuple[Entry, ...], origins: dict[int, int], data: list[dict[str, Any]]) -> Any:
    """The tree with its questions in the entries' order; new ones get an empty node, deleted ones go.

    A comment hangs on the last key of the question above it: one on a question that goes, or on a key its
    new data leaves out (a default written out), moves to the question or key before it rather than be lost.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(tree, CommentedMap):
        return tree
    old = tree.get("questions")
    old = old if isinstance(old, CommentedSeq) else CommentedSeq()
    kept = {origins[e.key] for e in entries if e.key in origins and origins[e.key] < len(old)}
    last_kept: Any = None
    for i, node in enumerate(old):
        if i in kept:
            last_kept = node
        elif last_kept is not None and isinstance(node, CommentedMap):
            _move_trailing(node, last_kept)
    nodes = []
    for entry, new in zip(entries, data):
        i = origins.get(entry.key)
        node = old[i] if i is not None and i < len(old) and i in kept else CommentedMap()
        kept.discard(i)  # a question kept twice (cannot happen) would share its node
        if isinstance(node, CommentedMap):
            _keep_comments_of_dropped_keys(node, new)
        nodes.append(node)
    if "questions" in tree and isinstance(tree["questions"], CommentedSeq):
        held = tree["questions"]  # the list keeps its own comments (one before the first question)
        first = held.ca.items.get(0)
        del held[:]
        held.extend(nodes)
        if first is not None and nodes:
            held.ca.items[0] = first
    else:
        tree["questions"] = CommentedSeq(nodes)
    return tree


def _move_trailing(node: Any, onto: Any) -> None:
    """The comment after a question's last key, appended after the last key of `onto`."""
    if not node:
        return
    token = node.ca.items.get(list(node)[-1])
    if token and token[2] is not None and isinstance(onto, dict) and onto:
        _append(onto, list(onto)[-1], token[2])


def _keep_comments_of_dropped_keys(node: Any, data: dict[str, Any]) -> None:
    keys = list(node)
    for i, key in enumerate(keys):
        if key in data or key not in node.ca.items:
            continue
        token = node.ca.items.pop(key)
        before = [k for k in keys[:i] if k in data]
        if before and token[2] is not None:
            _append(node, before[-1], token[2])


def _append(node: Any, key: Any, token: Any) -> None:
    """Add a comment token after `key`'s value in the mapping, after any comment already there."""
    current = node.ca.items.get(key)
    if current is None:
        node.ca.items[key] = [None, None, copy.copy(token), None]
    elif current[2] is None:
        current[2] = copy.copy(token)
    else:
        joined = copy.copy(current[2])
        joined.value = current[2].value + token.value
        current[2] = joined
