"""Answer pads: how each kind of picking question is shown and answered from the keyboard.

A question type names its pad (`Question.pad`); this table maps the name to its behaviour. The
`AnswerPad` widget holds one of these for the question asked, and knows nothing of question types.
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
    """A pad for one question: its options as shown, the learner's picks so far."""

    usage: ClassVar[str] = ""
    actions: ClassVar[frozenset[str]] = frozenset()  # of cursor, move, submit: what its bindings do
    keys: ClassVar[frozenset[str]] = frozenset()  # letters bound to its actions, so not typing

    question: Any
    options: list[str]
    cursor: int = 0

    def lines(self) -> list[Line]:
        return []

    def key(self, character: str) -> Answer | bool:
        """What a typed character does: an answer, True if it changed the pad, False if unused."""
        return False

    def submit(self) -> Any | None:
        return None

    def move(self, step: int) -> bool:
        return False


@dataclass
class PickOne(Pad):
    usage: ClassVar[str] = "Press the option's number."

    def lines(self) -> list[Line]:
        return [Content.assemble((f"{n}. ", "bold"), option) for n, option in enumerate(self.options, 1)]

    def key(self, character: str) -> Answer | bool:
        if character.isdigit() and 1 <= int(character) <= len(self.options):
            return Answer(self.options[int(character) - 1])
        return False


@dataclass
class PickMany(Pad):
    usage: ClassVar[str] = "Number keys toggle options; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"submit"})
    picked: set[int] = field(default_factory=set)

    def lines(self) -> list[Line]:
        return [Content.assemble((f"{n}. {'[x] ' if n - 1 in self.picked else '[ ] '}", "bold"), option)
                for n, option in enumerate(self.options, 1)]

    def key(self, character: str) -> Answer | bool:
        if character.isdigit() and 1 <= int(character) <= len(self.options):
            self.picked ^= {int(character) - 1}
            return True
        return False

    def submit(self) -> Any | None:
        return [self.options[i] for i in sorted(self.picked)]


@dataclass
class TrueOrFalse(Pad):
    usage: ClassVar[str] = "Press t (true) or f (false)."

    def lines(self) -> list[Line]:
        return [Content.assemble(("t", "bold"), " true    ", ("f", "bold"), " false")]

    def key(self, character: str) -> Answer | bool:
        if character.lower() in ("t", "f"):
            return Answer(character.lower() == "t")
        return False


@dataclass
class Ordering(Pad):
    usage: ClassVar[str] = "↑/↓ choose an item, u/d (or shift+↑/↓) move it; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"cursor", "move", "submit"})
    keys: ClassVar[frozenset[str]] = frozenset({"u", "d"})

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
    usage: ClassVar[str] = "Press an item's number, then the letter it goes with; Enter answers."
    actions: ClassVar[frozenset[str]] = frozenset({"submit"})
    pairs: dict[int, int] = field(default_factory=dict)
    left: int | None = None

    @property
    def lefts(self) -> list[str]:
        return list(self.question.shown_items())

    def lines(self) -> list[Line]:
        out: list[Line] = []
        for n, left in enumerate(self.lefts):
            chosen = self.pairs.get(n)
            arrow = f" → {chr(97 + chosen)}. {self.options[chosen]}" if chosen is not None else " → ?"
            line = Content.assemble((f"{n + 1}. ", "bold"), left, (arrow, "italic"))
            out.append(line.stylize("reverse") if n == self.left else line)
        out.append("")
        out += [Content.assemble((f"{chr(97 + n)}. ", "bold"), right) for n, right in enumerate(self.options)]
        return out

    def key(self, character: str) -> Answer | bool:
        if character.isdigit() and 1 <= int(character) <= len(self.lefts):
            self.left = int(character) - 1
            return True
        if character.isalpha() and len(character) == 1 and self.left is not None \
                and 0 <= ord(character.lower()) - 97 < len(self.options):
            self.pairs[self.left] = ord(character.lower()) - 97
            self.left = next((n for n in range(len(self.lefts)) if n not in self.pairs), None)
            return True
        return False

    def submit(self) -> Any | None:
        return {self.lefts[a]: self.options[b] for a, b in self.pairs.items()}


PADS: dict[str, type[Pad]] = {
    "pick-one": PickOne,
    "pick-many": PickMany,
    "true-false": TrueOrFalse,
    "order": Ordering,
    "pairs": Pairing,
}
