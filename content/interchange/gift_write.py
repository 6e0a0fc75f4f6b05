"""Writing GIFT: each question as gift.read reads it back, the same `Exchanged` field for field.

Every text carries its format prefix ([plain] for Tutor's own text) and every character GIFT
gives a meaning to is escaped, so no text can be misread as syntax: not `//` at a line start,
not `[html]` at its start, not `%50%` at an answer's start, not `::`.
"""

from __future__ import annotations

import re
import unicodedata

from content.interchange import Meta
from content.interchange import gift_syntax as syntax
from content.interchange.gift_syntax import escape
from content.interchange.html_text import from_plain
from content.interchange.model import BLANK_MARK, Answer, Exchanged
from content.interchange.numbers import decimal, is_number, percent

_BLANK_MARKS = re.compile(r"\{\{\d+\}\}")
_NOT_WRITTEN = {
    "ordering": "GIFT has no ordering questions",
    "essay": "Tutor does not write essay questions",
    "description": "Tutor does not write descriptions",
    "calculated": "GIFT has no calculated questions",
}


def write(questions: list[Exchanged], meta: Meta) -> bytes:
    """The questions as a GIFT file; ValueError for a question `cannot_write` refuses."""
    title = f"{meta.title} ({meta.id})".replace("\n", " ").replace("[", "(").replace("]", ")")
    parts = [f"// {title}: written by Tutor"]
    category = ""
    for q in questions:
        reason = cannot_write(q)
        if not reason and category and not q.category:
            reason = "it has no category after one with a category, and GIFT cannot go back to none"
        if reason:
            raise ValueError(f"cannot write question {q.id or q.name or q.stem[:40]!r} as GIFT: {reason}")
        if q.category != category:
            category = q.category
            parts.append(f"$CATEGORY: {category}")
        parts.append("\n".join(syntax.metadata_comments(q.id, q.tags, q.source, q.difficulty) + [_question(q)]))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def cannot_write(q: Exchanged) -> str:
    """Why GIFT cannot hold this question as it is, or "" when it can."""
    if q.kind in _NOT_WRITTEN:
        return _NOT_WRITTEN[q.kind]
    texts = [q.stem, q.name, q.general_feedback, q.true_feedback, q.false_feedback, q.category, q.id, *q.tags,
             *q.source, *(t for pair in q.pairs for t in pair),
             *(t for a in [*q.answers, *(a for b in q.blanks for a in b)] for t in (a.text, a.feedback))]
    plain = q.text_format != "html"  # HTML escapes ">", so only other formats can hold a raw "->"
    if q.text_format not in syntax.FORMATS:
        return f"GIFT has no text format {q.text_format!r}"
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n" for t in texts for c in t):
        return "a text holds a control character, which a GIFT file cannot carry"
    if "\n" in q.category:
        return "a category is one line"
    if not q.stem.strip():
        return "it has no text"
    if q.difficulty not in (None, 1, 2, 3):
        return "difficulty is 1, 2 or 3"
    if q.kind == "cloze":
        mark = BLANK_MARK.format(n=0)
        if len(q.blanks) != 1 or len(_BLANK_MARKS.findall(q.stem)) != 1 or mark not in q.stem:
            return "GIFT holds one blank per question"
        if not q.stem.split(mark)[1].strip():
            return "the blank ends the text, which GIFT reads as a short answer question"
    answers = q.blanks[0] if q.kind == "cloze" else q.answers
    if any(not a.text.strip() for a in answers) or any(not -1 <= a.fraction <= 1 for a in answers):
        return "every answer needs text and a credit between -1 and 1"
    if q.kind == "multichoice" and len(q.answers) < 2:
        return "a multiple choice question needs at least 2 answers"
    if q.kind in ("shortanswer", "numerical", "cloze") and not answers:
        return "it has no answer"
    if q.kind in ("shortanswer", "cloze") and plain and any("->" in a.text + a.feedback for a in answers):
        return 'an answer holds "->", which GIFT would read as a matching pair'
    if q.kind != "numerical" and any(a.tolerance for a in answers):
        return "only numerical answers have a tolerance in GIFT"
    if q.kind == "numerical" and any(not (is_number(a.text) or a.text == "*") or a.tolerance < 0 for a in q.answers):
        return "every numerical answer is a number (or * for any other) with a tolerance of 0 or more"
    if q.kind == "truefalse" and q.truth is None:
        return "a true/false question needs its truth"
    if q.kind == "matching":
        if sum(1 for item, _ in q.pairs if item.strip()) < 2 or any(not m.strip() for _, m in q.pairs):
            return "a matching question needs at least 2 pairs, each with its match"
        if plain and any("->" in item for item, _ in q.pairs):
            return 'a matching item holds "->", which GIFT has no escape for'
    return ""


def _question(q: Exchanged) -> str:
    fmt = q.text_format
    head = (f"::{escape(q.name)}::" if q.name else "") + f"[{fmt}]"
    if q.kind == "cloze":
        before, after = q.stem.split(BLANK_MARK.format(n=0))
        return head + _text(before, fmt) + "{\n" + _lines(q, q.blanks[0]) + "}" + _text(after, fmt)
    if q.kind == "truefalse":
        right, wrong = (q.true_feedback, q.false_feedback) if q.truth else (q.false_feedback, q.true_feedback)
        feedback = (f"#{_own(wrong, fmt)}" if wrong or right else "") + (f"#{_own(right, fmt)}" if right else "")
        general = f"####{_own(q.general_feedback, fmt)}" if q.general_feedback else ""
        return head + _text(q.stem, fmt) + "{" + ("TRUE" if q.truth else "FALSE") + feedback + general + "}"
    opening = "{#\n" if q.kind == "numerical" else "{\n"
    return head + _text(q.stem, fmt) + opening + _lines(q, q.answers) + "}"


def _lines(q: Exchanged, answers: list[Answer]) -> str:
    """The answer block's lines, each tab-indented and ending with a line break."""
    if q.kind == "matching":
        lines = [f"={_own(item, q.text_format)} -> {escape(match)}" for item, match in q.pairs]
    elif q.kind == "numerical":
        lines = [_numerical(a, q.text_format) for a in answers]
    else:
        lines = [_choice(a, q, first) for a, first in zip(answers, _right_marks(q, answers))]
    if q.general_feedback:
        lines.append(f"####{_own(q.general_feedback, q.text_format)}")
    return "".join(f"\t{line}\n" for line in lines)


def _right_marks(q: Exchanged, answers: list[Answer]) -> list[bool]:
    """Which answers take "=": all for a short answer; for one-answer multiple choice the best
    (any "=" makes a block one-answer); none when several answers may be chosen."""
    if q.kind != "multichoice":
        return [True] * len(answers)
    if not q.single:
        return [False] * len(answers)
    best = max(range(len(answers)), key=lambda i: answers[i].fraction)
    return [i == best for i in range(len(answers))]


def _choice(a: Answer, q: Exchanged, right: bool) -> str:
    text = _own(a.text, q.text_format)
    # The mark's own credit (= is 100%, ~ is 0%) needs no weight, unless the text starts with %.
    weighted = a.fraction != (1 if right else 0) or text.startswith("%")
    weight = f"%{percent(a.fraction)}%" if weighted else ""
    return ("=" if right else "~") + weight + text + _feedback(a, q.text_format)


def _numerical(a: Answer, fmt: str) -> str:
    if a.text == "*":
        weight = f"%{percent(a.fraction)}%" if a.fraction else ""
        return f"~{weight}" + (f"#{_own(a.feedback, fmt)}" if a.feedback else "")
    weight = f"%{percent(a.fraction)}%" if a.fraction != 1 else ""
    tolerance = f":{decimal(a.tolerance)}" if a.tolerance else ""
    return f"={weight}{a.text}{tolerance}" + _feedback(a, fmt)


def _feedback(a: Answer, fmt: str) -> str:
    return f"#{_own(a.feedback, fmt)}" if a.feedback else ""


def _text(text: str, fmt: str) -> str:
    return escape(from_plain(text) if fmt == "html" else text)


def _own(text: str, fmt: str) -> str:
    """A text that may carry its own format prefix: repeat the question's when it would be misread."""
    written = _text(text, fmt)
    return f"[{fmt}]{written}" if syntax.needs_prefix(written) else written
