"""Answer pads: how each kind of picking question is shown and answered from the keyboard.

A question type names its pad (`Question.pad`); this table maps the name to its behaviour. The
input line keeps the focus throughout: a pad only takes the keys it uses while the line is empty
(digits pick, ↑/↓ choose, Enter submits), so every letter typed reaches the line, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.content import Content

Line = Content | str


@dataclass
class Answer:
    """The pad's answer is ready: post it."""

    response: Any


@dataclass
class Pad:
    """A pad for one question: what it shows (options, items, blanks), the learner's picks so far."""

    usage: ClassVar[str] = ""
    actions: ClassVar[frozenset[str]] = frozenset()  # of cursor, move, submit: what its bindings do

    options: list[str]
    items: list[str] = field(default_factory=list)  # a pairing's left side
    blanks: int = 0  # a cloze's blanks
    cursor: int = 0

    def lines(self) -> list[Line]:
        return []

    def key(self, character: str) -> Answer | bool:
        """What a key typed on an empty line does: an answer, True if it changed the pad, False if unused."""
        return False

    def submit(self) -> Any | None:
        return None

    def move(self, step: int) -> bool:
        return False

    def tab(self, value: str, step: int) -> str | None:
        """Tab on the line, holding `value`: the line's new text if the pad has fields to move between."""
        return None

    def line(self, value: str) -> str:
        """What Enter sends for the line holding `value`."""
        return value


def _digit(character: str, count: int) -> int | None:
    """The 0-based option a digit key names, or None."""
    return int(character) - 1 if character.isdigit() and 1 <= int(character) <= count else None


@dataclass
class PickOne(Pad):
    """One option to pick, by its number."""

    usage: ClassVar[str] = "Press the option's number."

    def lines(self) -> list[Line]:
        return [Content.assemble((f"{n}. ", "bold"), option) for n, option in enumerate(self.options, 1)]

    def key(self, character: str) -> Answer | bool:
        picked = _digit(character, len(self.options))
        return Answer(self.options[picked]) if picked is not None else False


@dataclass
class PickMany(Pad):
    """Options to tick by their numbers, then Enter."""

    usage: ClassVar[str] = "Number keys tick options; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"submit"})
    picked: set[int] = field(default_factory=set)

    def lines(self) -> list[Line]:
        return [Content.assemble((f"{n}. {'[x] ' if n - 1 in self.picked else '[ ] '}", "bold"), option)
                for n, option in enumerate(self.options, 1)]

    def key(self, character: str) -> Answer | bool:
        picked = _digit(character, len(self.options))
        if picked is None:
            return False
        self.picked ^= {picked}
        return True

    def submit(self) -> Any | None:
        return [self.options[i] for i in sorted(self.picked)]


@dataclass
class TrueOrFalse(Pad):
    """True (1) or false (2)."""

    usage: ClassVar[str] = "Press 1 (true) or 2 (false), or type t or f and Enter."

    def lines(self) -> list[Line]:
        return [Content.assemble(("1.", "bold"), " True    ", ("2.", "bold"), " False")]

    def key(self, character: str) -> Answer | bool:
        picked = _digit(character, 2)
        return Answer(picked == 0) if picked is not None else False


@dataclass
class Ordering(Pad):
    """Items to move into order with the arrow keys, then Enter."""

    usage: ClassVar[str] = "↑/↓ choose an item, shift+↑/↓ move it; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"cursor", "move", "submit"})

    def lines(self) -> list[Line]:
        out: list[Line] = []
        for n, item in enumerate(self.options):
            line = Content.assemble((f"{'▶ ' if n == self.cursor else '  '}{n + 1}. ", "bold"), item)
            out.append(line.stylize("reverse") if n == self.cursor else line)
        return out

    def move(self, step: int) -> bool:
        target = self.cursor + step
        if 0 <= target < len(self.options):
            self.options[self.cursor], self.options[target] = self.options[target], self.options[self.cursor]
            self.cursor = target
            return True
        return False

    def submit(self) -> Any | None:
        return list(self.options)


@dataclass
class Pairing(Pad):
    """Items to pair, each number with a letter, then Enter."""

    usage: ClassVar[str] = "Press an item's number, then the letter it goes with; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"submit"})
    pairs: dict[int, int] = field(default_factory=dict)
    left: int | None = None  # the item just picked by its number, waiting for its letter

    def lines(self) -> list[Line]:
        out: list[Line] = []
        for n, left in enumerate(self.items):
            chosen = self.pairs.get(n)
            arrow = f" → {chr(97 + chosen)}. {self.options[chosen]}" if chosen is not None else " → ?"
            line = Content.assemble((f"{n + 1}. ", "bold"), left, (arrow, "italic"))
            out.append(line.stylize("reverse") if n == self.left else line)
        out.append("")
        out += [Content.assemble((f"{chr(97 + n)}. ", "bold"), right) for n, right in enumerate(self.options)]
        return out

    def key(self, character: str) -> Answer | bool:
        picked = _digit(character, len(self.items))
        if picked is not None:
            self.left = picked
            return True
        # A letter pairs only right after a number: otherwise it starts a word ("hint", "skip").
        if self.left is not None and len(character) == 1 and 0 <= ord(character.lower()) - 97 < len(self.options):
            self.pairs[self.left] = ord(character.lower()) - 97
            self.left = None
            return True
        return False

    def submit(self) -> Any | None:
        return {self.items[a]: self.options[b] for a, b in self.pairs.items()}


@dataclass
class FillBlanks(Pad):
    """A cloze with several blanks: one field per blank on the input line, Tab and shift+Tab between them.

    Only Tab is the pad's: every other key is the line's, so a blank takes any text. Enter answers
    with every blank's text joined by `;` (the way a line typed in one go parts them).
    """

    usage: ClassVar[str] = "Tab: next blank · shift+Tab: back · Enter answers (or one line, ; between)"
    fills: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.fills = [""] * self.blanks

    def lines(self) -> list[Line]:
        out: list[Line] = []
        for n, fill in enumerate(self.fills):
            here = n == self.cursor
            line = Content.assemble((f"{'▶ ' if here else '  '}blank {n + 1}: ", "bold"),
                                    "(typing on the line)" if here else (fill or "___"))
            out.append(line.stylize("reverse") if here else line)
        return out

    def tab(self, value: str, step: int) -> str | None:
        """Keep the line's text as this blank's, go to the next (or previous) one: the line's new text."""
        target = self.cursor + step
        if not 0 <= target < len(self.fills):
            return None
        self.fills[self.cursor] = value
        self.cursor = target
        return self.fills[target]

    def line(self, value: str) -> str:
        """What Enter sends: the blanks joined, once any was left by Tab; else the line as typed."""
        self.fills[self.cursor] = value
        if not any(fill.strip() for n, fill in enumerate(self.fills) if n != self.cursor):
            return value
        return "; ".join(fill.strip() for fill in self.fills)


PADS: dict[str, type[Pad]] = {
    "pick-one": PickOne,
    "pick-many": PickMany,
    "true-false": TrueOrFalse,
    "order": Ordering,
    "pairs": Pairing,
    "blanks": FillBlanks,
}
