"""A statement to judge true or false."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import normalize
from content.questions.base import Finding, Question, Unreadable, Verdict
from content.questions.base import Interaction  # the xAPI block
from content.questions.base import Imported, words_in

if TYPE_CHECKING:
    from content.interchange.model import Exchanged

_TRUE = frozenset({"t", "true", "yes", "y", "right", "correct", "1"})
_FALSE = frozenset({"f", "false", "no", "n", "wrong", "incorrect", "0"})
# A statement with this share of its words in runs of _RUN or more words of its source copies the source.
# The rule holds for false statements too: a copied sentence with one word swapped is a spot-the-difference
# puzzle, and if only true statements had to be reworded, looking copied would mark a statement false.
COPIED_SHARE = 0.6
_RUN = 3
# A passage holding this share of a statement's words (their stems) is the one it is true or false of.
STATEMENT_SHARE = 0.5


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    """A statement to judge true or false."""

    type: ClassVar[str] = "truefalse"
    pad: ClassVar[str | None] = "true-false"
    graded: ClassVar[tuple[str, ...]] = ("statement", "answer")
    prompt: str = "True or false?"
    statement: str
    answer: bool

    def shown_prompt(self) -> str:
        return f"{self.prompt}\n{self.statement}"

    def answer_text(self) -> str:
        return "True" if self.answer else "False"

    def answer_terms(self) -> list[str]:
        return []

    def read(self, text: str) -> Any:
        said = _as_bool(text)
        return Unreadable("Answer true or false (t or f).") if said is None else said

    def check(self, response: Any) -> Verdict:
        said = response if isinstance(response, bool) else _as_bool(str(response))
        if said is None:
            return Verdict(0.0, False, "", f"Answer true or false: it is {self.answer_text().lower()}.")
        if said == self.answer:
            return Verdict(1.0, True, self.answer_text(), "Right.")
        return Verdict(0.0, False, "True" if said else "False", f"It is {self.answer_text().lower()}.")

    def lint(self, quoted: str | None) -> list[Finding]:
        if quoted is None:
            return []
        share = copied_share(normalize(self.statement), quoted, least=COPIED_SHARE)
        if share < COPIED_SHARE:
            return []
        return [(("statement",), f"statement copies its source nearly word for word ({share:.0%} of its words); "
                                 "restate it in other words, true or false", "warning")]

    # -- interchange and grounding ---------------------------------------------------
    # truefalse: the statement is the question's text, under its prompt when that is not the usual one (read
    # back as the prompt when it is one line ending in "?" or ":").

    exchange_kinds: ClassVar[tuple[str, ...]] = ("truefalse",)

    def to_exchanged(self) -> Exchanged:
        usual = self.prompt == TrueFalse.__dataclass_fields__["prompt"].default and "\n" not in self.statement
        return self._exchanged("truefalse", self.statement if usual else f"{self.prompt}\n{self.statement}",
                               truth=self.answer)

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        if q.truth is None:
            return Imported(None, refused="it does not say whether the statement is true")
        first, _, rest = q.stem.partition("\n")
        if rest.strip() and first.rstrip().endswith(("?", ":")):  # a prompt line above the statement
            return Imported({"prompt": first.strip(), "statement": rest.strip(), "answer": q.truth})
        return Imported({"statement": q.stem, "answer": q.truth})

    def supported_by(self, quoted: str) -> bool:
        # A false statement changes what its passage says, so less of it stands there than of an answer.
        return words_in(self.statement, quoted) >= STATEMENT_SHARE

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        return Interaction("true-false", ("true" if self.answer else "false",))

    def interaction_response(self, response: str) -> str:
        said = _as_bool(response)
        return "" if said is None else "true" if said else "false"

    def interaction_answer(self, response: str) -> Any:
        return {"true": True, "false": False}.get(response, response)


def copied_share(text: str, source: str, run: int = _RUN, least: float = 0.0) -> float:
    """The share of the words of `text` that stand in runs of `run` or more words of `source`, in order
    (both normalized). A share below `least` may be given as 0.0: it is then not measured."""
    from difflib import SequenceMatcher  # only checks need it: off the start-up path

    a, b = text.split(), source.split()
    if not a:
        return 0.0
    # A bound in linear time: each run the matcher finds is made of `run`-word sequences found in the source.
    grams = {tuple(b[j:j + run]) for j in range(len(b) - run + 1)}
    covered = last = 0  # words of `text` in some such sequence; the end of the last one counted
    for i in range(len(a) - run + 1):
        if tuple(a[i:i + run]) in grams:
            covered += i + run - max(i, last)
            last = i + run
    if covered == 0 or covered / len(a) < least:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= run) / len(a)


def _as_bool(text: str) -> bool | None:
    word = normalize(text)
    return True if word in _TRUE else False if word in _FALSE else None
