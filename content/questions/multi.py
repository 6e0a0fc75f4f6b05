"""Select all that apply: several right options among wrong ones, with partial credit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer, normalize
from content.questions.base import Finding, Hint, Question, Unreadable, Verdict, option_order, picks, verdict
from content.questions.base import LIST_SEPARATOR, Interaction, component_ids, stored_parts  # the xAPI block
from content.questions.choice import giveaways, option_problems
from content.questions.base import Imported

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True, kw_only=True)
class Multi(Question):
    """Several right options among wrong ones, with partial credit."""

    type: ClassVar[str] = "multi"
    pad: ClassVar[str | None] = "pick-many"
    graded: ClassVar[tuple[str, ...]] = ("answers", "options")
    answers: list[str]
    options: list[str]  # the wrong options

    def entities(self) -> list[str]:
        return [*self.answers, *self.options]

    def answer_terms(self) -> list[str]:
        return list(self.answers)

    def answer_text(self) -> str:
        return ", ".join(self.answers)

    def choices(self) -> list[str]:
        return option_order(self.entities(), self.id)

    def shown_options(self) -> tuple[str, ...]:
        return tuple(self.choices())

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            return Hint(f"{self._topic()}{len(self.answers)} of the options are right.")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        choices = self.choices()
        picked = picks(text, len(choices))
        if picked is not None:
            return [choices[n] for n in picked]
        parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
        if not parts or any(p.strip().isdigit() or match_answer(p, choices) is None for p in parts):
            return Unreadable(f"Name options by their numbers (1-{len(choices)}, e.g. 1 3) or their words, "
                              "separated by commas.")
        return parts

    def check(self, response: Any) -> Verdict:
        if isinstance(response, str):
            response = [r for r in response.replace(";", ",").split(",") if r.strip()]
        choices = self.choices()
        picked = {m.target for r in response if (m := match_answer(str(r), choices))}
        hits = len(picked & set(self.answers))
        wrong = len(picked - set(self.answers))
        score = (hits - wrong) / len(self.answers)
        return verdict(
            score, ", ".join(sorted(picked)), "Right.",
            f"Partly right: {hits} of {len(self.answers)} found"
            + (f", {wrong} wrong." if wrong else "."),
            f"Not quite. The answers are {self.answer_text()}.",
        )

    def lint(self, quoted: str | None) -> list[Finding]:
        out: list[Finding] = []
        if len({normalize(a) for a in self.answers}) != len(self.answers):
            out.append((("answers",), "answers repeat each other"))
        right = [(("answers", j), a) for j, a in enumerate(self.answers)]
        return [*out, *option_problems(list(self.answers), self.options), *giveaways(right, self.options)]

    # -- interchange and grounding ---------------------------------------------------
    # multichoice, several answers: the right ones share full credit; each wrong one takes away a share,
    # as Tutor grades (a wrong pick cancels a right one).

    exchange_kinds: ClassVar[tuple[str, ...]] = ("multichoice",)

    def to_exchanged(self) -> Exchanged:
        from content.interchange.model import Answer, share

        credit = share(len(self.answers))
        answers = [*(Answer(a, credit) for a in self.answers), *(Answer(o, -credit) for o in self.options)]
        return self._exchanged("multichoice", answers=answers, single=False)

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        from content.interchange.model import share

        if q.single:
            return None  # one answer to pick: a choice question
        right = [a for a in q.answers if a.fraction > 0]
        wrong = [a for a in q.answers if a.fraction <= 0]
        if not right:
            return Imported(None, refused="no answer gives credit")
        if not wrong:
            return Imported(None, refused="it has no wrong option")
        credit, lost = share(len(right)), []
        if any(abs(a.fraction - credit) > 1e-5 for a in right):
            lost.append("the unequal credit of its right answers (Tutor gives each an equal share)")
        if any(abs(a.fraction + credit) > 1e-5 for a in wrong):
            lost.append(f"its credit for wrong options (Tutor takes away {credit:.0%} for each)")
        return Imported({"prompt": q.stem, "answers": [a.text for a in right], "options": [a.text for a in wrong]},
                        tuple(lost))

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        choices = self.choices()
        ids = dict(zip(choices, component_ids(choices)))
        return Interaction("choice", (LIST_SEPARATOR.join(ids[a] for a in self.answers),),
                           choices=tuple((ids[c], c) for c in choices))

    def interaction_response(self, response: str) -> str:
        """The ids of the options the response picks, each once, in the order picked."""
        choices = self.choices()
        ids = dict(zip(choices, component_ids(choices)))
        picked: list[str] = []
        for part in stored_parts(response):
            option = part if part in ids else getattr(match_answer(part, choices), "target", None)
            if option is not None and ids[option] not in picked:
                picked.append(ids[option])
        return LIST_SEPARATOR.join(picked)

    def interaction_answer(self, response: str) -> Any:
        texts = dict(self.interaction().choices)
        return [texts.get(part, part) for part in response.split(LIST_SEPARATOR) if part]
