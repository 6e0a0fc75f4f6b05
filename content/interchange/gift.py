"""GIFT, Moodle's text format for questions: read into the exchange model and written from it.

Written from Moodle's GIFT documentation. Reads every construct: `::title::`; multiple choice
with one or several right answers and `%weight%` credit (a block without `=` allows several
answers); true/false with its two feedbacks (`{T#shown to a wrong answer#shown to a right
one}`); short answer; numerical (`{#1822:2}`, `{#1..5}`, several weighted answers, `~#...`
for any other number); matching; essays and descriptions (listed as skipped); an answer
block mid-sentence (a short answer becomes a one-blank cloze, other kinds keep `_____` in
their text); `$CATEGORY:`; `#feedback` and `####general feedback`; the `[html]`,
`[markdown]`, `[plain]` and `[moodle]` prefixes (HTML becomes plain text here); `// [id:x]`
and `// [tag:x]` comments; and the escapes in gift_syntax.ESCAPES.

Tutor's `source` quotes and `difficulty` are written as `// [tutor-source:...]` and
`// [tutor-difficulty:n]`, which Moodle ignores and `read` reads back.

What GIFT cannot express (`cannot_write` says why, and `write` refuses such a question):
ordering questions; a cloze with more than one blank, or with its blank at the very end (GIFT
reads that as a short answer); "->" in a matching item, or in a short answer that is not HTML
(GIFT reads it as matching and has no escape for it); a question with no category after one
with a category (GIFT cannot return to the default category).
"""

from __future__ import annotations

import re

from content.interchange import Problem, Read
from content.interchange import gift_syntax as syntax
from content.interchange.encoding import EncodingRefused, decode
from content.interchange.gift_syntax import Piece
from content.interchange.gift_write import cannot_write, write
from content.interchange.html_text import to_plain
from content.interchange.model import BLANK_MARK, Answer, Exchanged, Skipped
from content.interchange.numbers import from_percent, is_number, midpoint

__all__ = ["cannot_write", "read", "sniff", "write"]

_WEIGHT = re.compile(r"%(-?(?:\d+(?:\.\d*)?|\.\d+))%")
_LITERAL_BLANK = re.compile(r"\{\{\d+\}\}")
_SNIFF = re.compile(
    r"^[ \t]*(?:::.+?::|\$CATEGORY:|//\s*\[(?:id|tag):)|(?<![{\\])\{\s*(?:[=~#]|(?:T|F|TRUE|FALSE)\s*[#}])", re.M
)
_BLANK = "_____"
_TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def sniff(head: str) -> bool:
    return not head.lstrip("\ufeff \t\n").startswith("<") and _SNIFF.search(head) is not None


def read(data: bytes, path: str) -> Read:
    try:
        text = decode(data)
    except EncodingRefused as refused:
        return Read(problems=[Problem(0, 0, str(refused))])
    result = Read()
    category, unused_category = "", 0  # the line of a $CATEGORY no question has used yet
    for block in syntax.blocks(text):
        problems: list[Problem] = []
        meta = syntax.metadata(block.comments, problems)
        lines = block.lines
        if lines and lines[0][1].lstrip().startswith("$CATEGORY:"):
            number, line = lines.pop(0)
            if unused_category:
                result.problems.append(_unused(unused_category))
            category, unused_category = line.split("$CATEGORY:", 1)[1].strip(), number
            if not category:
                problems.append(Problem(number, line.index("$") + 1, "$CATEGORY needs a category path after the colon"))
        if lines:
            question = _question(syntax.decode(lines, problems), meta, category, problems)
            unused_category = 0
            if isinstance(question, Skipped):
                result.skipped.append(question)
            elif question is not None:
                result.questions.append(question)
        elif meta.found:
            where = block.comments[0][0]
            result.problems.append(
                Problem(where, 1, "this [id:], [tag:] or [tutor-...] comment has no question after it: "
                        "put it directly above its question, with no blank line between", "warning")
            )
        result.problems += problems
    if unused_category:
        result.problems.append(_unused(unused_category))
    if result.errors:
        result.questions, result.skipped = [], []
    return result


def _unused(line: int) -> Problem:
    return Problem(line, 1, "no question follows this $CATEGORY; Tutor keeps a category only on its questions", "warning")


def _question(piece: Piece, meta: syntax.Metadata, category: str, problems: list[Problem]) -> Exchanged | Skipped | None:
    rest = piece.strip()
    where = rest.at(0)
    name = ""
    if rest.text.startswith("::") and not any(rest.literal[:2]):
        close = rest.find("::", 2)
        if close < 0:
            return _fail(problems, where, "this title has no closing ::; write \\: for a colon in a title")
        name, rest = rest[2:close].text.strip(), rest[close + 2 :]
    bounds = _answer_block(rest, problems)
    if bounds is None:
        return None
    opening, closing = bounds
    if opening < 0:
        fmt, text = rest.split_format()
        return _skipped(problems, where, "description", name, _plain(text.text, fmt or "moodle"), meta.id,
                        "a description is text between questions, not a question")
    fmt, before = rest[:opening].split_format()
    fmt = fmt or "moodle"
    question = _answers(rest[opening + 1 : closing], fmt, problems)
    stem = _stem(question, before, rest[closing + 1 :], fmt, problems) if question else None
    if question is None or stem is None:
        return None
    if question.kind == "essay":
        return _skipped(problems, where, "essay", name, stem, meta.id,
                        "an essay needs a teacher to mark it; Tutor has no essay questions")
    if not stem:
        return _fail(problems, where, "a question needs text before its answer block")
    question.stem, question.name, question.id, question.tags = stem, name, meta.id, meta.tags
    question.category, question.text_format, question.source = category, fmt, meta.source
    question.difficulty, (question.line, question.col) = meta.difficulty, where
    return question


def _answer_block(rest: Piece, problems: list[Problem]) -> tuple[int, int] | None:
    """Where the one answer block opens and closes, (-1, -1) if there is none, None after a problem."""
    opening, closing = rest.find("{"), rest.find("}")
    if 0 <= closing < opening or (closing >= 0 and opening < 0):
        return _fail(problems, rest.at(closing), "} without an opening {: write \\} for a brace in text")
    if opening < 0:
        return -1, -1
    closing = rest.find("}", opening + 1)
    if closing < 0:
        return _fail(problems, rest.at(opening), "this answer block is not closed: end it with } before the next "
                     "blank line, or write \\{ for a brace in text")
    nested = rest.find("{", opening + 1)
    if 0 <= nested < closing:
        return _fail(problems, rest.at(nested), "a { inside an answer block: write \\{ for a brace in an answer")
    after = rest[closing + 1 :]
    stray = [i for i in (after.find("{"), after.find("}")) if i >= 0]
    if stray:
        return _fail(problems, after.at(min(stray)), "a question has one answer block: write \\{ and \\} for braces in text")
    return opening, closing


def _stem(question: Exchanged, before: Piece, after: Piece, fmt: str, problems: list[Problem]) -> str | None:
    """The question's text; an answer block mid-sentence leaves a blank (a short answer becomes a cloze)."""
    mid = after.strip()
    if not mid.text:
        return _plain(before.text, fmt)
    if question.kind not in ("multichoice", "shortanswer", "numerical"):
        what = "an essay's {} must end the question" if question.kind == "essay" else \
            "only multiple choice, short answer and numerical answers can stand mid-sentence"
        return _fail(problems, mid.at(0), f"text after the answer block: {what}; move this text before the {{")
    if question.kind != "shortanswer":
        return _plain(before.text + _BLANK + after.text, fmt)
    if _LITERAL_BLANK.search(before.text) or _LITERAL_BLANK.search(after.text):
        return _fail(problems, before.at(0), "this text holds {{n}}, which Tutor uses to mark a blank")
    question.kind, question.blanks, question.answers = "cloze", [question.answers], []
    return _plain(before.text + BLANK_MARK.format(n=0) + after.text, fmt)


def _answers(body: Piece, fmt: str, problems: list[Problem]) -> Exchanged | None:
    """The answer block's question, without its stem; kind "essay" for an empty block."""
    general = ""
    cut = body.find("####")
    if cut >= 0:
        general, body = _text(body[cut + 4 :], fmt), body[:cut]
    core = body.strip()
    if not core.text:
        question: Exchanged | None = Exchanged("essay", "")
    elif core.text[0] == "#" and not core.literal[0]:
        question = _numerical(core[1:].strip(), fmt, problems)
    elif core.marks("~"):
        question = _choices(core, fmt, problems, "multichoice")
    elif core.marks("=") and core.find("->") >= 0:
        question = _matching(core, fmt, problems)
    elif _truth(core) is not None:
        question = _truefalse(core, fmt)
    elif core.text[0] == "=" and not core.literal[0]:
        question = _choices(core, fmt, problems, "shortanswer")
    else:
        return _fail(problems, core.at(0), "this answer block holds no answer: start a right answer with =, "
                     "a wrong one with ~, a number with #, or write T or F")
    if question is not None:
        question.general_feedback = general
    return question


def _segments(core: Piece, marks: list[int], problems: list[Problem], what: str) -> list[tuple[str, Piece, tuple[int, int]]] | None:
    """(mark, text after it, where the mark is) for each answer; None if text comes before the first."""
    if not marks or marks[0] != 0:
        return _fail(problems, core.at(0), f"text before the first answer: start each {what}")
    ends = marks[1:] + [len(core)]
    return [(core.text[m], core[m + 1 : e].strip(), core.at(m)) for m, e in zip(marks, ends)]


def _choices(core: Piece, fmt: str, problems: list[Problem], kind: str) -> Exchanged | None:
    segments = _segments(core, core.marks("=~"), problems, "answer with = (right) or ~ (wrong)")
    if segments is None:
        return None
    answers = [a for mark, seg, where in segments if (a := _answer(mark, seg, where, fmt, problems))]
    if kind == "multichoice" and len(segments) < 2:
        return _fail(problems, core.at(0), "a multiple choice question needs at least 2 answers")
    return Exchanged(kind, "", answers=answers, single=kind != "multichoice" or "=" in {s[0] for s in segments})


def _weight(mark: str, seg: Piece, problems: list[Problem]) -> tuple[float, Piece]:
    fraction = 1.0 if mark == "=" else 0.0
    m = _WEIGHT.match(seg.text)
    if m is None:
        return fraction, seg
    fraction = from_percent(m.group(1))
    if not -1 <= fraction <= 1:
        problems.append(Problem(*seg.at(0), f"a weight is between -100% and 100%, not {m.group(0)}"))
    return fraction, seg[m.end() :]


def _answer(mark: str, seg: Piece, where: tuple[int, int], fmt: str, problems: list[Problem]) -> Answer | None:
    fraction, seg = _weight(mark, seg, problems)
    cut = seg.find("#")
    text = _text(seg[:cut] if cut >= 0 else seg, fmt)
    if not text:
        return _fail(problems, where, f"an empty answer: write its text after the {mark}")
    return Answer(text, fraction, _text(seg[cut + 1 :], fmt) if cut >= 0 else "")


def _matching(core: Piece, fmt: str, problems: list[Problem]) -> Exchanged | None:
    segments = _segments(core, core.marks("="), problems, "pair with =, as =item -> its match")
    if segments is None:
        return None
    pairs = []
    for _, seg, where in segments:
        arrow = seg.find("->")
        if arrow < 0 or not seg[arrow + 2 :].text.strip():
            problems.append(Problem(*where, "a matching pair is =item -> its match"))
        else:
            pairs.append((_text(seg[:arrow], fmt), seg[arrow + 2 :].text.strip()))
    if sum(1 for item, _ in pairs if item) < 2:
        return _fail(problems, core.at(0), "a matching question needs at least 2 pairs")
    return Exchanged("matching", "", pairs=pairs)


def _truth(core: Piece) -> bool | None:
    cut = core.find("#")
    return _TRUTH.get((core[:cut] if cut >= 0 else core).text.strip().upper())


def _truefalse(core: Piece, fmt: str) -> Exchanged:
    truth = _truth(core)
    wrong = right = ""
    cut = core.find("#")
    if cut >= 0:
        rest = core[cut + 1 :]
        second = rest.find("#")
        wrong = _text(rest[:second] if second >= 0 else rest, fmt)
        right = _text(rest[second + 1 :], fmt) if second >= 0 else ""
    # GIFT's first feedback is for a wrong answer, the second for a right one.
    true_fb, false_fb = (right, wrong) if truth else (wrong, right)
    return Exchanged("truefalse", "", truth=truth, true_feedback=true_fb, false_feedback=false_fb)


def _numerical(core: Piece, fmt: str, problems: list[Problem]) -> Exchanged | None:
    marks = core.marks("=~")
    segments = _segments(core, marks, problems, "answer with = or ~") if marks else [("=", core, core.at(0))]
    if segments is None:
        return None
    answers = [a for mark, seg, where in segments if (a := _number(mark, seg, where, fmt, problems))]
    return Exchanged("numerical", "", answers=answers) if answers else None


def _number(mark: str, seg: Piece, where: tuple[int, int], fmt: str, problems: list[Problem]) -> Answer | None:
    fraction, seg = _weight(mark, seg, problems)
    cut = seg.find("#")
    value = (seg[:cut] if cut >= 0 else seg).strip()
    feedback = _text(seg[cut + 1 :], fmt) if cut >= 0 else ""
    text, tolerance = value.text, 0.0
    if text in ("", "*"):
        if text or mark == "~":  # Moodle's answer for any other number, for its feedback
            return Answer("*", fraction, feedback)
        return _fail(problems, where, "a numerical answer needs a number")
    parts = text.split("..") if ".." in text else text.split(":")
    if len(parts) > 2 or not all(is_number(p.strip()) for p in parts):
        return _fail(problems, value.at(0), f"not a number: {text!r} (write 1822, 3.14:0.01 or 1..5)")
    if ".." in text:
        low, high = (p.strip() for p in parts)
        if float(low) > float(high):
            return _fail(problems, value.at(0), f"the range {text} runs backwards: write the smaller number first")
        text, tolerance = midpoint(low, high)
    elif len(parts) == 2:
        text, tolerance = parts[0].strip(), float(parts[1])
    return Answer(text, fraction, feedback, tolerance)


def _text(piece: Piece, fmt: str) -> str:
    own, text = piece.split_format()
    return _plain(text.text, own or fmt)


def _plain(text: str, fmt: str) -> str:
    return to_plain(text) if fmt == "html" else text.strip()


def _fail(problems: list[Problem], where: tuple[int, int], message: str) -> None:
    problems.append(Problem(where[0], where[1], message))
    return None


def _skipped(problems: list[Problem], where: tuple[int, int], kind: str, name: str, text: str, id: str,
             reason: str) -> Skipped | None:
    if not text:
        return _fail(problems, where, "a question needs text")
    return Skipped(where[0], kind, name, reason, text=text, id=id)
