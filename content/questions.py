"""The seven question types, each grading its own responses.

Plain dataclasses: what a bank file may hold, and its validation, is `content.schema`'s job;
studying never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, ClassVar, Union

from content.matching import Match, match_answer, normalize

BLANK = "___"


@dataclass(frozen=True, slots=True)
class Verdict:
    score: float  # 0..1
    correct: bool  # full marks
    matched: str  # what the response was taken to mean, as written in the bank
    feedback: str  # one short line for the learner

    @property
    def partial(self) -> bool:
        return 0 < self.score < 1


def _verdict(score: float, matched: str, right: str, partial: str, wrong: str) -> Verdict:
    score = max(0.0, min(1.0, score))
    if score >= 1:
        return Verdict(1.0, True, matched, right)
    return Verdict(score, False, matched, partial if score > 0 else wrong)


@dataclass(frozen=True, kw_only=True)
class _Question:
    type: ClassVar[str]

    id: str
    prompt: str
    explain: str
    source: list[str]
    topics: list[str] = field(default_factory=list)
    difficulty: int = 2
    # Normalized names of the entities in the whole bank: a typed answer naming another is wrong.
    _rivals: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def entities(self) -> list[str]:
        """Names this question uses as answers or options, for other questions' rivals."""
        return []

    def answer_text(self) -> str:
        """The right answer, written out for feedback."""
        raise NotImplementedError

    def answer_terms(self) -> list[str]:
        """Strings to mark in the cited passage when showing feedback."""
        return self.entities()

    def check(self, response: Any) -> Verdict:
        raise NotImplementedError

    def set_rivals(self, names: frozenset[str]) -> None:
        object.__setattr__(self, "_rivals", names)


@dataclass(frozen=True, kw_only=True)
class Short(_Question):
    type: ClassVar[str] = "short"
    answer: str
    accept: list[str] = field(default_factory=list)

    def entities(self) -> list[str]:
        return [self.answer, *self.accept]

    def answer_text(self) -> str:
        return self.answer

    def check(self, response: Any) -> Verdict:
        found = match_answer(str(response), [self.answer, *self.accept], self._rivals)
        if found is None:
            return Verdict(0.0, False, "", f"The answer is {self.answer}.")
        return Verdict(1.0, True, found.target, _right_line(found, self.answer))


def _right_line(found: Match, answer: str) -> str:
    if found.how == "typo":
        return f"Right. Mind the spelling: {answer}."
    return "Right."


@dataclass(frozen=True, kw_only=True)
class Choice(_Question):
    type: ClassVar[str] = "choice"
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

    def check(self, response: Any) -> Verdict:
        picked = match_answer(str(response), self.choices())
        if picked is not None and picked.target == self.answer:
            return Verdict(1.0, True, self.answer, "Right.")
        matched = picked.target if picked else ""
        return Verdict(0.0, False, matched, f"The answer is {self.answer}.")


@dataclass(frozen=True, kw_only=True)
class Multi(_Question):
    type: ClassVar[str] = "multi"
    answers: list[str]
    options: list[str]  # the wrong options

    def entities(self) -> list[str]:
        return [*self.answers, *self.options]

    def answer_terms(self) -> list[str]:
        return list(self.answers)

    def answer_text(self) -> str:
        return ", ".join(self.answers)

    def choices(self) -> list[str]:
        return sorted(self.entities(), key=lambda o: normalize(o) + self.id)

    def check(self, response: Any) -> Verdict:
        if isinstance(response, str):
            response = [r for r in response.replace(";", ",").split(",") if r.strip()]
        choices = self.choices()
        picked = {m.target for r in response if (m := match_answer(str(r), choices))}
        hits = len(picked & set(self.answers))
        wrong = len(picked - set(self.answers))
        score = (hits - wrong) / len(self.answers)
        return _verdict(
            score, ", ".join(sorted(picked)), "Right.",
            f"Partly right: {hits} of {len(self.answers)} found"
            + (f", {wrong} wrong." if wrong else "."),
            f"Not quite. The answers are {self.answer_text()}.",
        )


_TRUE = frozenset({"t", "true", "yes", "y", "right", "correct", "1"})
_FALSE = frozenset({"f", "false", "no", "n", "wrong", "incorrect", "0"})


@dataclass(frozen=True, kw_only=True)
class TrueFalse(_Question):
    type: ClassVar[str] = "truefalse"
    prompt: str = "True or false?"
    statement: str
    answer: bool

    def answer_text(self) -> str:
        return "True" if self.answer else "False"

    def answer_terms(self) -> list[str]:
        return []

    def check(self, response: Any) -> Verdict:
        said = response if isinstance(response, bool) else _as_bool(str(response))
        if said is None:
            return Verdict(0.0, False, "", f"Answer true or false: it is {self.answer_text().lower()}.")
        if said == self.answer:
            return Verdict(1.0, True, self.answer_text(), "Right.")
        return Verdict(0.0, False, "True" if said else "False", f"It is {self.answer_text().lower()}.")


def _as_bool(text: str) -> bool | None:
    word = normalize(text)
    return True if word in _TRUE else False if word in _FALSE else None


@dataclass(frozen=True)
class Blank:
    answer: str
    accept: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Cloze(_Question):
    type: ClassVar[str] = "cloze"
    prompt: str = "Fill in the blanks."
    text: str
    blanks: list[Blank]

    def entities(self) -> list[str]:
        return [form for b in self.blanks for form in (b.answer, *b.accept)]

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
        return _verdict(
            right / len(self.blanks), matched,
            _right_line(typo, self.answer_text()) if typo else "Right.",
            f"Partly right: {right} of {len(self.blanks)} blanks. The answers are {self.answer_text()}.",
            f"The answer is {self.answer_text()}.",
        )


@dataclass(frozen=True)
class Item:
    text: str
    source: str


@dataclass(frozen=True, kw_only=True)
class Order(_Question):
    type: ClassVar[str] = "order"
    items: list[Item]  # in the right order
    source: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.source:  # an order question cites its items' quotes unless it says otherwise
            object.__setattr__(self, "source", [i.source for i in self.items])

    def answer_text(self) -> str:
        return " → ".join(i.text for i in self.items)

    def answer_terms(self) -> list[str]:
        return []

    def check(self, response: Any) -> Verdict:
        texts = [i.text for i in self.items]
        given = [m.target for r in response if (m := match_answer(str(r), texts))]
        if sorted(given) != sorted(texts):
            return Verdict(0.0, False, "", "Give every item once, in order.")
        rank = {t: n for n, t in enumerate(texts)}
        pairs = list(combinations(given, 2))
        in_order = sum(rank[a] < rank[b] for a, b in pairs)
        return _verdict(
            in_order / len(pairs), " → ".join(given), "Right.",
            f"Partly right: {in_order} of {len(pairs)} pairs in the right order.",
            "Not quite: that is the reverse of the right order.",
        )


@dataclass(frozen=True, kw_only=True)
class Pairs(_Question):
    type: ClassVar[str] = "match"
    pairs: dict[str, str]

    def entities(self) -> list[str]:
        return [*self.pairs.keys(), *self.pairs.values()]

    def answer_text(self) -> str:
        return "; ".join(f"{left} → {right}" for left, right in self.pairs.items())

    def answer_terms(self) -> list[str]:
        return list(self.pairs.keys())

    def rights(self) -> list[str]:
        return sorted(self.pairs.values(), key=lambda r: normalize(r) + self.id)

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
        return _verdict(
            right / len(self.pairs), "; ".join(f"{a} → {b}" for a, b in taken.items()), "Right.",
            f"Partly right: {right} of {len(self.pairs)} pairs.",
            "None of the pairs is right.",
        )


Question = Union[Short, Choice, Multi, TrueFalse, Cloze, Order, Pairs]
KINDS: dict[str, type[_Question]] = {
    kind.type: kind for kind in (Short, Choice, Multi, TrueFalse, Cloze, Order, Pairs)
}
TYPES: tuple[str, ...] = tuple(KINDS)


def full_prompt(question: _Question) -> str:
    """The prompt with what the learner needs to see to answer (statement, blanked text)."""
    if isinstance(question, TrueFalse):
        return f"{question.prompt}\n{question.statement}"
    if isinstance(question, Cloze):
        return f"{question.prompt}\n{question.text}"
    return question.prompt

