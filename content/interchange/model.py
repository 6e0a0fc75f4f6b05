"""The exchange model: a question as the tools schools use (Moodle, GIFT, Anki, Quizlet) see it.

It follows Moodle's question model, which GIFT and Moodle XML share and Anki and Quizlet are
subsets of. Each format reads its files into `Exchanged` questions and writes them out; each
Tutor question type maps itself to and from `Exchanged` (in its own module). So a format knows
nothing of Tutor's types, and a type nothing of file syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "multichoice",  # one right answer (single=True) or several (single=False), credit per answer
    "truefalse",
    "shortanswer",  # typed; several accepted answers, each with its credit
    "numerical",  # a number, each accepted answer with a tolerance
    "matching",  # pairs
    "ordering",  # steps in the right order (Moodle 4.4+ core)
    "cloze",  # several blanks in one text (Moodle's multianswer; GIFT only with one blank mid-sentence)
    "essay",  # not held by Tutor: reported as skipped
    "description",  # not a question: reported as skipped
    "calculated",  # not held by Tutor: reported as skipped
]

# Where a cloze question's text holds blank number n (from 0): "{{0}}", "{{1}}" ...
BLANK_MARK = "{{{{{n}}}}}"


# The credits Moodle accepts for an answer (its question_bank::fraction_options_full); an import with any
# other credit fails there, so credits Tutor computes are written as the nearest of these.
MOODLE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)


def share(n: int) -> float:
    """One of n equal shares of full credit: 1/3 as Moodle writes it (0.3333333), where its grades hold it."""
    exact = 1 / n
    return next((g for g in MOODLE_GRADES if abs(g - exact) < 1e-5), exact)


@dataclass
class Answer:
    """One answer a format lists for a question: right, partly right or wrong, by its credit."""

    text: str
    fraction: float = 0.0  # credit, -1..1 (Moodle's fraction, GIFT's %weight% / 100); 1 is right
    feedback: str = ""
    tolerance: float = 0.0  # numerical answers: accepted within +- tolerance


@dataclass
class Exchanged:
    kind: Kind
    stem: str  # the question's text, plain (formats convert HTML/Markdown at their edge); cloze: with BLANK_MARKs
    name: str = ""  # GIFT ::title::, Moodle <name>
    id: str = ""  # GIFT // [id:x], Moodle <idnumber>, Anki GUID; Tutor's question id when written by Tutor
    answers: list[Answer] = field(default_factory=list)  # multichoice, shortanswer, numerical
    single: bool = True  # multichoice: exactly one answer is right
    truth: bool | None = None  # truefalse
    true_feedback: str = ""  # truefalse: feedback shown to whoever answered true
    false_feedback: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: (item, its match)
    steps: list[str] = field(default_factory=list)  # ordering: in the right order
    blanks: list[list[Answer]] = field(default_factory=list)  # cloze: per blank, its accepted answers
    general_feedback: str = ""  # shown after any answer: Tutor's `explain`
    tags: list[str] = field(default_factory=list)  # Tutor's topics
    category: str = ""  # GIFT $CATEGORY, Moodle category path
    text_format: str = "plain"  # what the source text was written in: plain, html, markdown, moodle
    source: list[str] = field(default_factory=list)  # Tutor's verbatim quotes, where a format can carry them
    difficulty: int | None = None  # Tutor's 1-3, where a format can carry it
    line: int = 0  # where the question starts in the file it was read from (1-based; 0: unknown)
    col: int = 0


@dataclass(frozen=True)
class Skipped:
    """A question a file holds that Tutor cannot: listed for the user, never silently lost."""

    line: int
    kind: str
    title: str
    reason: str
    text: str = ""  # the question's text, plain: how the user recognises an untitled question
    id: str = ""  # its id in the file (GIFT [id:x], Moodle <idnumber>), to find it in the tool it came from
