"""A sentence of the material with blanks to fill, each graded on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from content.matching import match_answer
from content.questions.base import BLANK, Finding, Hint, Question, Verdict, any_in, right_line, verdict


@dataclass(frozen=True)
class Blank:
    answer: str
    accept: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Cloze(Question):
    type: ClassVar[str] = "cloze"
    graded: ClassVar[tuple[str, ...]] = ("text", "blanks")
    prompt: str = "Fill in the blanks."
    text: str
    blanks: list[Blank]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Cloze:
        blanks = [b if isinstance(b, Blank) else Blank(b["answer"], list(b.get("accept", ()))) for b in data["blanks"]]
        return cls(**{**data, "blanks": blanks})

    def shown_prompt(self) -> str:
        return f"{self.prompt}\n{self.text}"

    def entities(self) -> list[str]:
        return [form for b in self.blanks for form in (b.answer, *b.accept)]

    def synonyms(self) -> list[list[str]]:
        return [[b.answer, *b.accept] for b in self.blanks]

    def answer_terms(self) -> list[str]:
        return [b.answer for b in self.blanks]

    def answer_text(self) -> str:
        return "; ".join(b.answer for b in self.blanks)

    def filled(self) -> str:
        """The text with every blank filled by its answer."""
        out = self.text
        for b in self.blanks:
            out = out.replace(BLANK, b.answer, 1)
        return out

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            letters = ", ".join(f"'{b.answer[0]}'" for b in self.blanks)
            return Hint(f"{self._topic()}The blanks start with {letters}.")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        if len(self.blanks) > 1:
            return [p.strip() for p in text.split(";" if ";" in text else ",")]
        return text

    def check(self, response: Any) -> Verdict:
        if isinstance(response, str):
            parts = [response] if len(self.blanks) == 1 else response.split(";" if ";" in response else ",")
        else:
            parts = list(response)
        parts = [*parts, *[""] * (len(self.blanks) - len(parts))][: len(self.blanks)]
        found = [
            match_answer(str(p), [b.answer, *b.accept], self._rivals)
            for p, b in zip(parts, self.blanks)
        ]
        right = sum(f is not None for f in found)
        matched = "; ".join(f.target if f else "" for f in found)
        typo = next((f for f in found if f and f.how == "typo"), None)
        return verdict(
            right / len(self.blanks), matched,
            right_line(typo.how, self.answer_text()) if typo else "Right.",
            f"Partly right: {right} of {len(self.blanks)} blanks. The answers are {self.answer_text()}.",
            f"The answer is {self.answer_text()}.",
        )

    def lint(self, quoted: str | None) -> list[Finding]:
        if quoted is None:
            return []
        return [(("blanks", j), f"blank {j + 1}'s answer does not appear in the quoted text")
                for j, b in enumerate(self.blanks) if not any_in([b.answer, *b.accept], quoted)]
