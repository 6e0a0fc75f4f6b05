"""Pairs to match: items on the left, each with its partner on the right."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer, normalize
from content.questions.base import Finding, Hint, Question, Unreadable, Verdict, verdict
from content.questions.base import LIST_SEPARATOR, PAIR_SEPARATOR, Interaction, component_ids  # the xAPI block
from content.questions.base import SUPPORTED_SHARE, Imported, words_in

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True, kw_only=True)
class Pairs(Question):
    """Items to pair with their partners."""

    type: ClassVar[str] = "match"
    pad: ClassVar[str | None] = "pairs"
    graded: ClassVar[tuple[str, ...]] = ("pairs",)
    pairs: dict[str, str]

    def entities(self) -> list[str]:
        return [*self.pairs.keys(), *self.pairs.values()]

    def answer_text(self) -> str:
        return "; ".join(f"{left} → {right}" for left, right in self.pairs.items())

    def answer_terms(self) -> list[str]:
        return list(self.pairs.keys())

    def rights(self) -> list[str]:
        return sorted(self.pairs.values(), key=lambda r: normalize(r) + self.id)

    def shown_options(self) -> tuple[str, ...]:
        return tuple(self.rights())

    def shown_items(self) -> tuple[str, ...]:
        return tuple(self.pairs)

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            left, right = next(iter(self.pairs.items()))
            return Hint(f"{self._topic()}One pair: {left} → {right}.")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        """'1b 2a 3c': left item number, right item letter."""
        lefts, rights = list(self.pairs), self.rights()
        out = {}
        for token in text.replace(",", " ").split():
            digits, letter = token[:-1], token[-1:].lower()
            if digits.isdigit() and 1 <= int(digits) <= len(lefts) and "a" <= letter < chr(ord("a") + len(rights)):
                out[lefts[int(digits) - 1]] = rights[ord(letter) - ord("a")]
            else:
                return Unreadable(f"Pair each item's number with a letter, e.g. 1b 2a: {token!r} is not a pair.")
        return out or Unreadable("Pair each item's number with a letter, e.g. 1b 2a.")

    def check(self, response: Any) -> Verdict:
        if not isinstance(response, Mapping):
            return Verdict(0.0, False, "", "Pair each item on the left with one on the right.")
        lefts, rights = list(self.pairs), list(self.pairs.values())
        taken: dict[str, str] = {}
        for left, right in response.items():
            lm, rm = match_answer(str(left), lefts), match_answer(str(right), rights)
            if lm and rm:
                taken[lm.target] = rm.target
        right = sum(taken.get(left) == r for left, r in self.pairs.items())
        return verdict(
            right / len(self.pairs), "; ".join(f"{a} → {b}" for a, b in taken.items()), "Right.",
            f"Partly right: {right} of {len(self.pairs)} pairs.",
            "None of the pairs is right.",
        )

    def lint(self, quoted: str | None) -> list[Finding]:
        if len({normalize(k) for k in self.pairs}) != len(self.pairs):
            return [(("pairs",), "items on the left of pairs must be distinct")]
        return []

    # -- interchange and grounding ---------------------------------------------------
    # matching: the pairs in order.

    exchange_kinds: ClassVar[tuple[str, ...]] = ("matching",)

    def to_exchanged(self) -> Exchanged:
        return self._exchanged("matching", pairs=list(self.pairs.items()))

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        pairs = [(item, match) for item, match in q.pairs if item]
        if len({item for item, _ in pairs}) != len(pairs):
            return Imported(None, refused="two of its pairs have the same item")
        lost = tuple(f"the extra match {match!r}, which no item pairs with" for item, match in q.pairs if not item)
        return Imported({"prompt": q.stem, "pairs": dict(pairs)}, lost)

    def supported_by(self, quoted: str) -> bool:
        # Every item stands in the passage, and most of what the matches say: they describe rather than quote.
        described = sum(words_in(match, quoted) for match in self.pairs.values()) / len(self.pairs)
        return all(words_in(item, quoted) >= SUPPORTED_SHARE for item in self.pairs) and described >= SUPPORTED_SHARE

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        lefts, rights = list(self.pairs), self.rights()
        left_ids, right_ids = dict(zip(lefts, component_ids(lefts))), dict(zip(rights, component_ids(rights)))
        pattern = LIST_SEPARATOR.join(f"{left_ids[a]}{PAIR_SEPARATOR}{right_ids[b]}" for a, b in self.pairs.items())
        return Interaction("matching", (pattern,), source=tuple((left_ids[a], a) for a in lefts),
                           target=tuple((right_ids[b], b) for b in rights))

    def interaction_response(self, response: str) -> str:
        """The pairs given, as source and target ids ("left -> right; ..." in the log)."""
        lefts, rights = list(self.pairs), self.rights()
        left_ids, right_ids = dict(zip(lefts, component_ids(lefts))), dict(zip(rights, component_ids(rights)))
        pairs = []
        for pair in response.split("; "):
            left, arrow, right = pair.partition(" -> ")
            lm, rm = match_answer(left, lefts), match_answer(right, rights)
            if arrow and lm and rm:
                pairs.append(f"{left_ids[lm.target]}{PAIR_SEPARATOR}{right_ids[rm.target]}")
        return LIST_SEPARATOR.join(pairs)

    def interaction_answer(self, response: str) -> Any:
        interaction = self.interaction()
        lefts, rights = dict(interaction.source), dict(interaction.target)
        pairs = (pair.partition(PAIR_SEPARATOR) for pair in response.split(LIST_SEPARATOR) if pair)
        return {lefts.get(a, a): rights.get(b, b) for a, _, b in pairs}
