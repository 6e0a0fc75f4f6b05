"""One right option among wrong ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from content.matching import match_answer, normalize
from content.questions.base import Hint, Question, Unreadable, Verdict, picks


@dataclass(frozen=True, kw_only=True)
class Choice(Question):
    type: ClassVar[str] = "choice"
    pad: ClassVar[str | None] = "pick-one"
    graded: ClassVar[tuple[str, ...]] = ("answer", "options")
    answer: str
    options: list[str]  # the wrong options

    def entities(self) -> list[str]:
        return [self.answer, *self.options]

    def answer_terms(self) -> list[str]:
        return [self.answer]

    def answer_text(self) -> str:
        return self.answer

    def choices(self) -> list[str]:
        """Every option, right one included, in a stable order that does not give it away."""
        return sorted([self.answer, *self.options], key=lambda o: normalize(o) + self.id)

    def shown_options(self) -> tuple[str, ...]:
        return tuple(self.choices())

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            return Hint(f"{self._topic()}The answer starts with '{self.answer[0]}' "
                        f"({len(self.answer.split())} word(s)).")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        choices = self.choices()
        picked = picks(text, len(choices))
        if picked is not None and len(picked) == 1:
            return choices[picked[0]]
        if picked is not None or text.strip().isdigit() or match_answer(text, choices) is None:
            return Unreadable(f"That is not one of the options: press its number (1-{len(choices)}) or type its words.")
        return text

    def check(self, response: Any) -> Verdict:
        picked = match_answer(str(response), self.choices())
        if picked is not None and picked.target == self.answer:
            return Verdict(1.0, True, self.answer, "Right.")
        matched = picked.target if picked else ""
        return Verdict(0.0, False, matched, f"The answer is {self.answer}.")

    def lint(self, quoted: str | None) -> list[tuple[tuple[str | int, ...], str]]:
        return option_problems([self.answer], self.options)


def option_problems(right: list[str], wrong: list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    """Wrong options that repeat a right one or each other."""
    seen: dict[str, str] = {normalize(r): r for r in right}
    out: list[tuple[tuple[str | int, ...], str]] = []
    for j, option in enumerate(wrong):
        key = normalize(option)
        if key in seen:
            what = "an answer" if seen[key] in right else "another option"
            out.append((("options", j), f"option {option!r} is the same as {what}"))
        seen[key] = option
    return out
