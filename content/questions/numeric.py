"""A number to type, right within a tolerance: "how many", "what year", a measurement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from content.grading.claims import NEGATIONS
from content.grading.reading import fold, format_number, read
from content.questions.base import Finding, Hint, Question, Unreadable, Verdict
from content.questions.base import Interaction  # the xAPI block
from content.questions.base import Imported, credit_lost, right_answers

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


# A number as the material writes it, for lint.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# A number as a response is read: digits for number words ("nineteen sixty" -> 1960), "27th" -> 27.
# "1960s" is a decade, not a number.
_READ_NUMBER = re.compile(r"\d+(?:\.\d+)?")


_NEGATIVE = re.compile(r"(?:^|(?<=[\s(]))-\s?(\d+(?:\.\d+)?)")


def numbers_said(text: str) -> list[float]:
    """The numbers a response gives ("about three hundred" -> [300.0], "10,000 men" -> [10000.0])."""
    negative = set(_NEGATIVE.findall(fold(text)))
    return [-float(w) if w in negative else float(w) for w in read(text)[0].words if _READ_NUMBER.fullmatch(w)]


def takes_back(text: str) -> bool:
    """Whether the response negates what it says ("not 300")."""
    return any(w in NEGATIONS for w in read(text)[0].words)


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number to type, right within a tolerance."""

    type: ClassVar[str] = "numeric"
    graded: ClassVar[tuple[str, ...]] = ("answer", "tolerance")
    answer: float
    tolerance: float = 0.0  # any number within answer +- tolerance is right

    def to_data(self) -> dict[str, Any]:
        """As the base writes it, with whole numbers written whole (`answer: 1988`, not 1988.0)."""
        data = Question.to_data(self)
        for name in ("answer", "tolerance"):
            if isinstance(data.get(name), float) and data[name].is_integer():
                data[name] = int(data[name])
        return data

    def answer_text(self) -> str:
        if self.tolerance:
            return f"{format_number(self.answer)} (± {format_number(self.tolerance)})"
        return format_number(self.answer)

    def answer_terms(self) -> list[str]:
        return [format_number(self.answer)]

    def accepts(self, value: float) -> bool:
        # A hair of slack for decimals that binary floats cannot hold exactly (0.1 + 0.2).
        return abs(value - self.answer) <= self.tolerance + 1e-9 * max(1.0, abs(self.answer))

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            digits = len(str(int(abs(self.answer))))
            plural = "s" if digits != 1 else ""
            if float(self.answer).is_integer() and not self.tolerance:
                return Hint(f"{self._topic()}The answer is a whole number of {digits} digit{plural}.")
            return Hint(f"{self._topic()}The answer has {digits} digit{plural} before the decimal point.")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        return text if numbers_said(text) else Unreadable("Type a number, in digits or in words.")

    def check(self, response: Any) -> Verdict:
        said = [float(response)] if isinstance(response, (int, float)) else numbers_said(str(response))
        if isinstance(response, str) and takes_back(response):
            return Verdict(0.0, False, "", f"The answer is {self.answer_text()}.")
        if len(set(said)) == 1 and self.accepts(said[0]):
            return Verdict(1.0, True, format_number(said[0]), "Right.")
        if len(set(said)) > 1:
            return Verdict(0.0, False, "", f"Give one number: the answer is {self.answer_text()}.")
        return Verdict(0.0, False, format_number(said[0]) if said else "", f"The answer is {self.answer_text()}.")

    def lint(self, quoted: str | None) -> list[Finding]:
        if quoted is not None and not any(self.accepts(float(n)) for n in _NUMBER.findall(quoted)):
            return [(("answer",), "the answer does not appear in the quoted text")]
        return []

    # -- interchange and grounding ---------------------------------------------------
    # numerical: the answer at 100% with its tolerance.

    exchange_kinds: ClassVar[tuple[str, ...]] = ("numerical",)

    def to_exchanged(self) -> Exchanged:
        from content.interchange.model import Answer
        from content.interchange.numbers import decimal

        return self._exchanged("numerical", answers=[Answer(decimal(self.answer), 1.0, tolerance=self.tolerance)])

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        right, rest = right_answers([a for a in q.answers if a.text != "*"])
        if not right:
            return Imported(None, refused="no number gives credit")
        lost = tuple(f"the other accepted number {a.text!r}" for a in right[1:]) + credit_lost(right + rest)
        return Imported({"prompt": q.stem, "answer": float(right[0].text), "tolerance": right[0].tolerance}, lost)

    def supported_by(self, quoted: str) -> bool:
        return not self.lint(quoted)

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        if not self.tolerance:
            return Interaction("numeric", (format_number(self.answer),))
        low, high = self.answer - self.tolerance, self.answer + self.tolerance
        return Interaction("numeric", (f"{format_number(low)}[:]{format_number(high)}",))

    def interaction_response(self, response: str) -> str:
        """The number the response gives ("" for none, or for several)."""
        said = set(numbers_said(response))
        return format_number(said.pop()) if len(said) == 1 else ""
