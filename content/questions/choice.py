"""One right option among wrong ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer, normalize
from content.questions.base import Finding, Hint, Question, Unreadable, Verdict, option_order, picks
from content.questions.base import Interaction, component_ids  # the xAPI block
from content.questions.base import SUPPORTED_SHARE, Imported, credit_lost, right_answers, words_in

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True, kw_only=True)
class Choice(Question):
    """One right option among wrong ones."""

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
        return option_order([self.answer, *self.options], self.id)

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

    def lint(self, quoted: str | None) -> list[Finding]:
        return [*option_problems([self.answer], self.options),
                *giveaways([(("answer",), self.answer)], self.options)]

    # -- interchange and grounding ---------------------------------------------------
    # multichoice, one answer: the answer at 100%, the wrong options at 0%.

    exchange_kinds: ClassVar[tuple[str, ...]] = ("multichoice",)

    def to_exchanged(self) -> Exchanged:
        from content.interchange.model import Answer

        answers = [Answer(self.answer, 1.0), *(Answer(option, 0.0) for option in self.options)]
        return self._exchanged("multichoice", answers=answers, single=True)

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        if not q.single:
            return None  # several answers may be chosen: select all that apply
        right, rest = right_answers(q.answers)
        if not right:
            return Imported(None, refused="no answer gives credit")
        if not rest:
            return Imported(None, refused="it has no wrong option")
        lost = tuple(f"the second right answer {a.text!r}" for a in right[1:]) + credit_lost(right + rest)
        return Imported({"prompt": q.stem, "answer": right[0].text, "options": [a.text for a in rest]}, lost)

    def supported_by(self, quoted: str) -> bool:
        share = words_in(self.answer, quoted)
        return share >= SUPPORTED_SHARE and all(words_in(o, quoted) < share for o in self.options)

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        choices = self.choices()
        ids = dict(zip(choices, component_ids(choices)))
        return Interaction("choice", (ids[self.answer],), choices=tuple((ids[c], c) for c in choices))

    def interaction_response(self, response: str) -> str:
        """The id of the option the response picks ("" for none)."""
        choices = self.choices()
        ids = dict(zip(choices, component_ids(choices)))
        picked = response if response in ids else getattr(match_answer(response, choices), "target", None)
        return ids.get(picked, "") if picked else ""

    def interaction_answer(self, response: str) -> Any:
        return dict(self.interaction().choices).get(response, response)


# Words and phrases that qualify a claim. When only right options carry one, the hedge gives them away:
# the careful option looks like the true one.
HEDGES = frozenset({
    "allegedly", "alleged", "suspected", "reportedly", "apparently", "seemingly", "supposedly",
    "approximately", "roughly", "nearly", "almost", "some", "mostly", "mainly", "largely",
    "often", "usually", "generally", "sometimes", "perhaps", "possibly", "probably", "likely", "may",
    "might", "could", "seem", "seems", "seemed", "partly", "claimed",
})
_HEDGE_PHRASES = ("at least", "up to", "more than", "less than", "such as", "in principle")
# Hedges only before a number ("about 300"); elsewhere prepositions ("news about Kidal").
_NUMBER_HEDGES = frozenset({"about", "around", "over", "under"})
# A right option this many times as long as the longest wrong one, and this many characters longer,
# stands out: authors pad the true option with qualifications and leave the others bare.
LONGER_RATIO = 1.4
LONGER_CHARS = 10


def hedges_in(option: str) -> list[str]:
    """The hedge words and phrases an option uses, as normalized text."""
    text = normalize(option)
    words = text.split()
    found = [w for w, after in zip(words, [*words[1:], ""])
             if w in HEDGES or (w in _NUMBER_HEDGES and after[:1].isdigit())]
    return found + [p for p in _HEDGE_PHRASES if f" {p} " in f" {text} "]


def giveaways(right: list[tuple[tuple[str | int, ...], str]], wrong: list[str]) -> list[Finding]:
    """Warnings for right options (each with its place in the question) that stand out from the wrong ones:
    much longer than every wrong option, or hedged when no wrong option is."""
    out: list[Finding] = []
    if not wrong:
        return out
    longest = max(len(normalize(w)) for w in wrong)
    for loc, option in right:
        size = len(normalize(option))
        if size >= LONGER_RATIO * longest and size - longest >= LONGER_CHARS:
            out.append((loc, f"right option {option!r} is much longer than every wrong one "
                             f"({size} characters against at most {longest}); balance the options", "warning"))
    if not any(hedges_in(w) for w in wrong):
        for loc, option in right:
            if found := hedges_in(option):
                out.append((loc, f"right option {option!r} is hedged ({', '.join(repr(h) for h in found)}) "
                                 "and no wrong option is; hedge a wrong one too or drop the hedge",
                            "warning"))
    return out


def option_problems(right: list[str], wrong: list[str]) -> list[Finding]:
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
