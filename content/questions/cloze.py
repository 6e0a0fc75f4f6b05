"""A sentence of the material with blanks to fill, each graded on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer
from content.questions.base import BLANK, Finding, Hint, Question, Verdict, any_in, right_line, verdict
from content.questions.base import Imported, credit_lost, right_answers

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


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

    # -- interchange and grounding ---------------------------------------------------
    # cloze: the text with a mark per blank, each blank's answer and accepted forms at 100%; the prompt as
    # a first line when it is not the usual one (a prompt of several lines comes back with its first only).

    exchange_kinds: ClassVar[tuple[str, ...]] = ("cloze",)

    def to_exchanged(self) -> Exchanged:
        from content.interchange.model import BLANK_MARK, Answer

        parts = self.text.split(BLANK)
        stem = parts[0] + "".join(BLANK_MARK.format(n=n) + part for n, part in enumerate(parts[1:]))
        if self.prompt != _usual_prompt(len(self.blanks)) or BLANK not in self.text.split("\n")[0]:
            stem = f"{self.prompt}\n{stem}"  # a first line without a blank is read back as the prompt
        blanks = [[Answer(form, 1.0) for form in (b.answer, *b.accept)] for b in self.blanks]
        return self._exchanged("cloze", stem, blanks=blanks)

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        first, _, rest = q.stem.partition("\n")
        prompt, text = (first.strip(), rest.strip()) if rest.strip() and not _MARK.search(first) else ("", q.stem)
        if BLANK in text:
            return Imported(None, refused=f"its text holds {BLANK}, which Tutor reads as a blank")
        order = [int(m.group(1)) for m in _MARK.finditer(text)]
        if sorted(order) != list(range(len(q.blanks))) or not order:
            return Imported(None, refused="its text does not mark each blank once")
        blanks, lost = [], list(credit_lost([a for b in q.blanks for a in b]))
        for place, n in enumerate(order, 1):
            right, _ = right_answers([a for a in q.blanks[n] if a.text != "*"])
            if not right:
                return Imported(None, refused=f"blank {place} has no answer that gives credit")
            forms = list(dict.fromkeys(a.text for a in right))
            blanks.append({"answer": forms[0], "accept": forms[1:]})
            lost += [f"the tolerance of blank {place}"] if any(a.tolerance for a in right) else []
        fields = {"prompt": prompt or _usual_prompt(len(blanks)), "text": _MARK.sub(BLANK, text), "blanks": blanks}
        return Imported(fields, tuple(lost))

    def supported_by(self, quoted: str) -> bool:
        return not self.lint(quoted)


_MARK = re.compile(r"\{\{(\d+)\}\}")  # content.interchange.model.BLANK_MARK


def _usual_prompt(blanks: int) -> str:
    return "Fill in the blank." if blanks == 1 else "Fill in the blanks."
