"""A typed answer: one right answer and the other forms it may take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer
from content.questions.base import Finding, Hint, Question, Verdict, any_in, right_line
from content.questions.base import Interaction  # the xAPI block
from content.questions.base import Imported, credit_lost, right_answers

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True, kw_only=True)
class Short(Question):
    """A typed answer, with the other forms it may take."""

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

    # -- interchange and grounding ---------------------------------------------------
    # shortanswer: the answer and each accepted form as a right answer (100%).

    exchange_kinds: ClassVar[tuple[str, ...]] = ("shortanswer",)

    def to_exchanged(self) -> Exchanged:
        from content.interchange.model import Answer

        return self._exchanged("shortanswer", answers=[Answer(form, 1.0) for form in (self.answer, *self.accept)])

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        right, rest = right_answers([a for a in q.answers if a.text != "*"])
        if not right:
            return Imported(None, refused="no answer gives credit")
        forms = list(dict.fromkeys(a.text for a in right))
        lost = credit_lost(right) + tuple(f"the wrong answer {a.text!r} it lists" for a in rest if a.fraction <= 0)
        return Imported({"prompt": q.stem, "answer": forms[0], "accept": forms[1:]}, lost + credit_lost(rest))

    def supported_by(self, quoted: str) -> bool:
        return not self.lint(quoted)

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        # Each pattern is a right response; xAPI fill-in patterns ignore case unless they say otherwise.
        return Interaction("fill-in", (self.answer, *self.accept))
