"""A sentence of the material with blanks to fill, each graded on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, ClassVar

from content.grading.reading import words_of
from content.matching import Match, match_answer
from content.questions.base import BLANK, Finding, Hint, Question, Verdict, any_in, right_line, verdict
from content.questions.base import LIST_SEPARATOR, Interaction  # the xAPI block
from content.questions.base import Imported, credit_lost, right_answers

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True)
class Blank:
    """A blank: its answer and the other forms it may take."""

    answer: str
    accept: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Cloze(Question):
    """A sentence with blanks to fill, each graded on its own."""

    type: ClassVar[str] = "cloze"
    graded: ClassVar[tuple[str, ...]] = ("text", "blanks", "any_order")
    prompt: str = "Fill in the blanks."
    text: str
    blanks: list[Blank]
    any_order: bool = False  # the blanks are interchangeable: each answer counts in any blank, once

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Cloze:
        blanks = [b if isinstance(b, Blank) else Blank(b["answer"], list(b.get("accept", ()))) for b in data["blanks"]]
        return cls(**{**data, "blanks": blanks})

    def shown_blanks(self) -> int:
        return len(self.blanks)

    @property
    def pad(self) -> str | None:  # type: ignore[override]
        """Several blanks get a field each on the input line (tutor.tui.pads.FillBlanks); one is typed."""
        return "blanks" if len(self.blanks) > 1 else None

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
        """One line as the blanks' answers: `;` parts them, else commas (never the one in "10,000")."""
        if len(self.blanks) == 1:
            return text
        return max(split_blanks(text, len(self.blanks)), key=lambda parts: self._grade(parts)[0])

    def check(self, response: Any) -> Verdict:
        parts = self.read(response) if isinstance(response, str) else [str(p) for p in response]
        if len(self.blanks) == 1 and isinstance(parts, str):
            parts = [parts]
        right, found = self._grade(parts)
        matched = "; ".join(f.target if f else "" for f in found)
        typo = next((f for f in found if f and f.how == "typo"), None)
        return verdict(
            right / len(self.blanks), matched,
            right_line(typo.how, self.answer_text()) if typo else "Right.",
            f"Partly right: {right} of {len(self.blanks)} blanks. The answers are {self.answer_text()}.",
            f"The answer is {self.answer_text()}.",
        )

    def _grade(self, parts: list[str]) -> tuple[int, list[Match | None]]:
        """How many blanks the parts fill right, and what each blank was taken to hold."""
        parts = [*parts, *[""] * (len(self.blanks) - len(parts))][: len(self.blanks)]
        said = [[self._fills(p, j) for j in range(len(self.blanks))] for p in parts]
        if not self.any_order:
            found = [said[j][j] for j in range(len(self.blanks))]
            return sum(f is not None for f in found), found
        return _best_assignment(said)

    def _fills(self, part: str, j: int) -> Match | None:
        """What the part says in blank j, the sentence's own words around the blank aside ("Northern
        Militias" for "Platform of ___ Militias")."""
        if not part.strip():
            return None
        blank = self.blanks[j]
        found = match_answer(part, [blank.answer, *blank.accept], self._rivals)
        if found is None:
            bare = _without_context(part, *self._context(j))
            if bare != part:
                found = match_answer(bare, [blank.answer, *blank.accept], self._rivals)
        return found

    def _context(self, j: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words of the text just before and just after blank j."""
        pieces = self.text.split(BLANK)
        return words_of(pieces[j])[-3:], words_of(pieces[j + 1])[:3]

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

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        # One response per blank; interchangeable blanks say so as xAPI does.
        pattern = LIST_SEPARATOR.join(b.answer for b in self.blanks)
        return Interaction("fill-in", (("{order_matters=false}" if self.any_order else "") + pattern,))

    def interaction_response(self, response: str) -> str:
        """What was typed in each blank, in order."""
        if len(self.blanks) == 1:
            return response.strip()
        parts = response.split(" | ") if " | " in response else self.read(response)
        return LIST_SEPARATOR.join(p.strip() for p in parts)

    def interaction_answer(self, response: str) -> Any:
        return response if len(self.blanks) == 1 else response.split(LIST_SEPARATOR)


_MARK = re.compile(r"\{\{(\d+)\}\}")  # content.interchange.model.BLANK_MARK


def _usual_prompt(blanks: int) -> str:
    return "Fill in the blank." if blanks == 1 else "Fill in the blanks."


# A comma that parts two blanks' answers: not the thousands comma of "10,000".
_BLANK_COMMA = re.compile(r",(?!\d{3}\b)|(?<!\d),")
_BLANK_JOINER = re.compile(r"\s+(?:and|or|&)\s+|\s*/\s*", re.IGNORECASE)
# Ways of joining comma-parted pieces into blanks' answers tried at most, for a reply with commas inside answers.
_MOST_GROUPINGS = 64


def split_blanks(text: str, blanks: int) -> list[list[str]]:
    """The ways a line may part into the answers of `blanks` blanks: at `;`, else at commas.

    With more comma-parted pieces than blanks ("1996, Iyad ag Ghali, the leader"), neighbouring pieces
    are joined in each way that leaves one part per blank; with fewer, the line is also parted at
    "and" or "or" ("investigations and prosecutions"), then between words ("French ten"). The caller
    keeps the way that fills the most blanks.
    """
    if ";" in text:
        return [[p.strip() for p in text.split(";")]]
    pieces = [p.strip() for p in _BLANK_COMMA.split(text)]
    if len(pieces) > blanks:
        return _groupings(pieces, blanks, ", ")
    ways = [pieces]
    if len(pieces) < blanks:
        joined = [p.strip() for p in _BLANK_JOINER.split(text)]
        if blanks <= len(joined) != len(pieces):
            ways += _groupings(joined, blanks, " and ")
        ways += _groupings(text.split(), blanks, " ")
    return ways


def _groupings(pieces: list[str], blanks: int, glue: str) -> list[list[str]]:
    """Each way of joining neighbouring pieces into `blanks` parts (a bounded number of them)."""
    ways = []
    for cuts in combinations(range(1, len(pieces)), blanks - 1):
        bounds = [0, *cuts, len(pieces)]
        ways.append([glue.join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])])
        if len(ways) >= _MOST_GROUPINGS:
            break
    return ways


def _without_context(part: str, before: tuple[str, ...], after: tuple[str, ...]) -> str:
    """The part without the words of the sentence it repeats on either side of the blank."""
    words = list(words_of(part))
    for n in range(len(before), 0, -1):
        if len(words) > n and tuple(words[:n]) == before[-n:]:
            words = words[n:]
            break
    for n in range(len(after), 0, -1):
        if len(words) > n and tuple(words[-n:]) == after[:n]:
            words = words[:-n]
            break
    return " ".join(words)


def _best_assignment(said: list[list[Match | None]]) -> tuple[int, list[Match | None]]:
    """Each part given to one blank so that the most blanks are right (for interchangeable blanks).

    A maximum bipartite matching of parts to the blanks they fill, by augmenting paths.
    """
    n = len(said)
    part_of: list[int | None] = [None] * n  # blank -> the part it holds

    def place(part: int, seen: set[int]) -> bool:
        for blank in range(n):
            if said[part][blank] is not None and blank not in seen:
                seen.add(blank)
                holder = part_of[blank]
                if holder is None or place(holder, seen):
                    part_of[blank] = part
                    return True
        return False

    right = sum(place(part, set()) for part in range(n))
    return right, [said[p][j] if p is not None else None for j, p in enumerate(part_of)]
