"""A typed answer: one right answer and the other forms it may take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from content.matching import match_answer
from content.questions.base import Finding, Hint, Question, Verdict, any_in, right_line


@dataclass(frozen=True, kw_only=True)
class Short(Question):
    type: ClassVar[str] = "short"
    graded: ClassVar[tuple[str, ...]] = ("answer", "accept")
    answer: str
    accept: list[str] = field(default_factory=list)

    def entities(self) -> list[str]:
        return [self.answer, *self.accept]

    def synonyms(self) -> list[list[str]]:
        return [[self.answer, *self.accept]]

    def answer_text(self) -> str:
        return self.answer

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            return Hint(f"{self._topic()}The answer starts with '{self.answer[0]}' "
                        f"({len(self.answer.split())} word(s)).")
        return super().hint(level, passage)

    def check(self, response: Any) -> Verdict:
        found = match_answer(str(response), [self.answer, *self.accept], self._rivals)
        if found is None:
            return Verdict(0.0, False, "", f"The answer is {self.answer}.")
        return Verdict(1.0, True, found.target, right_line(found.how, self.answer))

    def lint(self, quoted: str | None) -> list[Finding]:
        if quoted is not None and not any_in([self.answer, *self.accept], quoted):
            return [(("answer",), "neither the answer nor an alias appears in the quoted text")]
        return []
