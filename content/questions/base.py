"""What every question type has and does: the interface the rest of Tutor asks a question through.

A type is a frozen dataclass subclassing `Question`, in a module of its own in this package; defining
it registers it (see `KINDS`). Code elsewhere calls these methods and never tests which type it has.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import normalize

if TYPE_CHECKING:  # the exchange model is imported when a bank is imported or exported, not to study
    from content.interchange.model import Answer, Exchanged

BLANK = "___"
# Every type by its `type` name, in the order their modules are listed in the package.
KINDS: dict[str, type[Question]] = {}
# Fields every type has, in the order a bank file writes them around the type's own fields.
HEAD_FIELDS = ("id", "type", "prompt")
TAIL_FIELDS = ("explain", "source", "topics", "difficulty", "status")


@dataclass(frozen=True, slots=True)
class Verdict:
    """A graded response: its score, whether full marks, what it was taken to mean, one line for the learner."""

    score: float  # 0..1
    correct: bool  # full marks
    matched: str  # what the response was taken to mean, as written in the bank
    feedback: str  # one short line for the learner

    @property
    def partial(self) -> bool:
        return 0 < self.score < 1


class Unreadable(str):
    """What `read` gives for a line that is no plausible answer: what to type instead, not a grade."""


@dataclass(frozen=True, slots=True)
class Hint:
    """A hint's line, and the passage to show with it."""

    text: str
    passage: str | None = None  # the cited passage to show with it, the answer hidden


# What a type's `lint` finds: where (a path within the question), what, and "warning" when it is no error.
Finding = tuple[tuple[str | int, ...], str] | tuple[tuple[str | int, ...], str, str]


@dataclass(frozen=True, slots=True)
class Imported:
    """What a type makes of an exchanged question (content.interchange.model): its own fields as a bank
    file writes them (prompt included; source too when the type places the quotes itself), or why it
    cannot hold the question; and what the question said that the type does not keep."""

    fields: dict[str, Any] | None
    lost: tuple[str, ...] = ()
    refused: str = ""  # when fields is None


@dataclass(frozen=True, slots=True)
class Cited:
    """A quote a question cites, where it stands in the question's fields, and what to call it."""

    loc: tuple[str | int, ...]  # path within the question, e.g. ("source", 0) or ("items", 2, "source")
    quote: str
    what: str = "quote"


def verdict(score: float, matched: str, right: str, partial: str, wrong: str) -> Verdict:
    """A verdict from a score, with the feedback line for full, partial or no credit."""
    score = max(0.0, min(1.0, score))
    if score >= 1:
        return Verdict(1.0, True, matched, right)
    return Verdict(score, False, matched, partial if score > 0 else wrong)


def option_order(options: list[str], salt: str) -> list[str]:
    """Options in a stable order that does not give the right one away: numbers by value, words by text."""
    import re

    values = [re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?", normalize(o).replace(" ", "")) for o in options]
    if all(values):  # "40, 51, 100, 160", not "100, 160, 40, 51"
        return sorted(options, key=lambda o: float(normalize(o).replace(" ", "").replace(",", "")))
    return sorted(options, key=lambda o: normalize(o) + salt)


def picks(text: str, count: int) -> list[int] | None:
    """Option numbers typed on a line ("2", "1 3", "1, 3"), as 0-based indexes; None if it is not that."""
    tokens = text.replace(",", " ").split()
    if not tokens or not all(t.isdigit() and 1 <= int(t) <= count for t in tokens):
        return None
    return [int(t) - 1 for t in tokens]


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has (its id, prompt, explanation, quotes, topics); a type adds its own fields."""

    type: ClassVar[str]
    # The answer pad that shows the question (see tutor.tui.pads); None: answered on the input line.
    pad: ClassVar[str | None] = None
    # The fields whose values decide what is right: changing one makes a new revision.
    graded: ClassVar[tuple[str, ...]] = ()

    id: str
    prompt: str
    explain: str
    source: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    difficulty: int = 2
    status: str = "ready"  # or "draft": not studied until an author accepts it
    # Normalized names of the entities in the whole bank: a typed answer naming another is wrong.
    _rivals: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            KINDS[cls.type] = cls

    # -- what the learner sees -------------------------------------------------------

    def shown_prompt(self) -> str:
        """The prompt with what the learner needs to see to answer (a statement, a blanked text)."""
        return self.prompt

    def shown_options(self) -> tuple[str, ...]:
        """What the answer pad lists (numbered from 1 or lettered from a); empty for typed answers."""
        return ()

    def shown_items(self) -> tuple[str, ...]:
        """What a pairing pad lists on the left, to pair with the options; empty for other types."""
        return ()

    def shown_blanks(self) -> int:
        """How many blanks the answer fills, each in a field of its own (a cloze's); 0 for other types."""
        return 0

    def hint(self, level: int, passage: str) -> Hint:
        """Hint 1 says something of the answer's form; hint 2 shows the passage with the answer hidden."""
        if level <= 1:
            return Hint(self._topic() + "Think of what the passage says.")
        return Hint("The passage, with the answer left out:", self.hide_answer(passage))

    def hide_answer(self, passage: str) -> str:
        from content.text.fold import find_folded

        out, last = [], 0
        for start, end in find_folded(passage, self.answer_terms()):
            out += [passage[last:start], BLANK]
            last = end
        return "".join([*out, passage[last:]])

    def _topic(self) -> str:
        return f"Topic: {self.topics[0]}. " if self.topics else ""

    # -- answers ---------------------------------------------------------------------

    def read(self, text: str) -> Any:
        """A typed line as this type's kind of response (option numbers pick options), or `Unreadable`."""
        return text

    def check(self, response: Any) -> Verdict:
        raise NotImplementedError

    def answer_text(self) -> str:
        """The right answer, written out for feedback."""
        raise NotImplementedError

    def entities(self) -> list[str]:
        """Names this question uses as answers or options, for other questions' rivals."""
        return []

    def answer_terms(self) -> list[str]:
        """Strings to mark in the cited passage when showing feedback."""
        return self.entities()

    def synonyms(self) -> list[list[str]]:
        """Groups of forms the question accepts for one another (an answer and its aliases)."""
        return []

    def set_rivals(self, names: frozenset[str]) -> None:
        object.__setattr__(self, "_rivals", names)

    # -- the bank file ---------------------------------------------------------------

    def cited(self) -> list[Cited]:
        """The quotes of the material the question stands on."""
        if len(self.source) == 1:
            return [Cited(("source",), self.source[0])]
        return [Cited(("source", j), quote) for j, quote in enumerate(self.source)]

    def lint(self, quoted: str | None) -> list[Finding]:
        """Problems of the type's own fields, given the normalized text of its cited passages (None: none found)."""
        return []

    def revision(self) -> str:
        """A short digest of what is graded: the same revision marks answers to the same question."""
        graded = {name: _plain(getattr(self, name)) for name in self.graded}
        digest = hashlib.sha256(json.dumps([self.type, graded], sort_keys=True, ensure_ascii=False).encode())
        return digest.hexdigest()[:12]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Question:
        """The question from a bank file's validated fields (nested types as plain dicts)."""
        return cls(**data)

    def to_data(self) -> dict[str, Any]:
        """The question as a bank file writes it: fields in order, defaults left out."""
        raw: dict[str, Any] = {"type": self.type}
        for f in dataclasses.fields(self):
            if f.name.startswith("_"):
                continue
            value = getattr(self, f.name)
            default = f.default_factory() if callable(f.default_factory) else f.default
            if value != default:
                raw[f.name] = _plain(value)
        if len(raw.get("source", ())) == 1:
            raw["source"] = raw["source"][0]
        return {k: raw[k] for k in sorted(raw, key=self.field_order().index)}

    # -- interchange and grounding ---------------------------------------------------

    # The exchange kinds (content.interchange.model.Kind) this type may read; `from_exchanged` says which
    # questions of those kinds it takes. Importing asks every type in turn: no list of types elsewhere.
    exchange_kinds: ClassVar[tuple[str, ...]] = ()

    def to_exchanged(self) -> Exchanged:
        """The question in the exchange model every interchange format writes from."""
        raise NotImplementedError

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        """This type's fields for an exchanged question of one of its kinds; None when another type reads it."""
        return None

    def _exchanged(self, kind: str, stem: str | None = None, **fields: Any) -> Exchanged:
        """An exchanged question of `kind` with the fields every type has: explain as general feedback,
        topics as tags, the id, the source quotes and the difficulty."""
        from content.interchange.model import Exchanged

        return Exchanged(kind, self.prompt if stem is None else stem, id=self.id,  # type: ignore[arg-type]
                         general_feedback=self.explain, tags=list(self.topics), source=list(self.source),
                         difficulty=self.difficulty, **fields)

    def supported_by(self, quoted: str) -> bool:
        """Whether a passage (its normalized text) says this question's answer: most of the words of each
        answer term stand in it, or for a type with none, most of the words of the answer."""
        return all(words_in(t, quoted) >= SUPPORTED_SHARE for t in self.answer_terms() or [self.answer_text()])

    @classmethod
    def field_order(cls) -> list[str]:
        own = [f.name for f in dataclasses.fields(cls) if f.name not in (*HEAD_FIELDS, *TAIL_FIELDS)
               and not f.name.startswith("_")]
        return [*HEAD_FIELDS, *own, *TAIL_FIELDS]

    # -- xAPI: the question as a cmi.interaction ---------------------------------------
    # A stored response is the text the review log holds: the engine writes a list of picks or
    # items as "a | b" and pairs as "left -> right; left -> right".

    def interaction(self) -> Interaction:
        """The question as an xAPI cmi.interaction: its interactionType, correct responses and components."""
        return Interaction("other")

    def interaction_response(self, response: str) -> str:
        """A stored response as this interaction's xAPI `result.response` ("" when it says nothing)."""
        return response.strip()

    def interaction_answer(self, response: str) -> Any:
        """An xAPI response to this interaction as what `check` takes (how a simulated learner answers)."""
        return response


def _plain(value: Any) -> Any:
    """Plain data for a field's value: nested dataclasses as dicts, lists and dicts copied."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items() if v not in ([], None)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def any_in(forms: list[str], text: str) -> bool:
    """Whether any of the forms stands, as whole words, in the normalized text."""
    return any(f" {normalize(f)} " in f" {text} " for f in forms if normalize(f))


# A passage holding this share of the words of an answer (their stems, stop words aside) says that answer.
SUPPORTED_SHARE = 0.6


def words_in(text: str, quoted: str) -> float:
    """The share of the content words of `text` (their stems) that the normalized `quoted` text holds."""
    from content.text.words import terms

    wanted = set(terms(normalize(text)))
    return len(wanted & set(terms(quoted))) / len(wanted) if wanted else 0.0


def right_answers(answers: list[Answer]) -> tuple[list[Answer], list[Answer]]:
    """An exchanged question's answers split into the right ones (full credit; or the best, if none has it)
    and the rest."""
    best = max((a.fraction for a in answers), default=0.0)
    top = 1.0 if best >= 1 else best
    is_right = [a.fraction >= top and a.fraction > 0 for a in answers]
    return [a for a, r in zip(answers, is_right) if r], [a for a, r in zip(answers, is_right) if not r]


def credit_lost(answers: list[Answer]) -> tuple[str, ...]:
    """What a type without partial credit loses: each answer that gave some credit but not all."""
    return tuple(f"the partial credit ({a.fraction:.0%}) of answer {a.text!r}" for a in answers if 0 < a.fraction < 1)


def right_line(how: str, answer: str) -> str:
    return f"Right. Mind the spelling: {answer}." if how == "typo" else "Right."


# -- xAPI interactions --------------------------------------------------------------------

# How xAPI 1.0.3 joins the parts of a response or a correct-response pattern.
LIST_SEPARATOR = "[,]"
PAIR_SEPARATOR = "[.]"
# Interaction types whose responses are typed rather than picked.
TYPED_INTERACTIONS = frozenset({"fill-in", "long-fill-in", "numeric", "other"})
# An interaction component: its id (no spaces) and what the learner sees.
Component = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Interaction:
    """An xAPI cmi.interaction: its `interactionType`, `correctResponsesPattern` and components."""

    kind: str
    correct: tuple[str, ...] = ()
    choices: tuple[Component, ...] = ()
    source: tuple[Component, ...] = ()
    target: tuple[Component, ...] = ()
    steps: tuple[Component, ...] = ()

    @property
    def typed(self) -> bool:
        """Whether the learner types the response (rather than picking, ordering or pairing)."""
        return self.kind in TYPED_INTERACTIONS

    def components(self) -> dict[str, tuple[Component, ...]]:
        """The components the interaction has, by their xAPI name (choices, source, target, steps)."""
        named = {"choices": self.choices, "source": self.source, "target": self.target, "steps": self.steps}
        return {name: parts for name, parts in named.items() if parts}


def component_ids(texts: list[str]) -> list[str]:
    """Stable ids for interaction components: each text as a slug (accents dropped), made unique by a suffix."""
    import re
    import unicodedata

    ids: list[str] = []
    for text in texts:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:48].strip("-") or "item"
        unique, n = slug, 1
        while unique in ids:
            n += 1
            unique = f"{slug}-{n}"
        ids.append(unique)
    return ids


def stored_parts(response: str) -> list[str]:
    """The parts of a stored list response ("a | b"), stripped, empty ones left out."""
    return [part.strip() for part in response.split(" | ") if part.strip()]
