"""Moodle XML: the question bank export and import of Moodle, read into the exchange model and back.

Reads and writes multichoice (one or several answers, credit in percent as Moodle writes it,
e.g. 33.33333), truefalse, shortanswer, numerical (with tolerances), matching, ordering
(qtype_ordering, core since Moodle 4.4) and cloze (qtype multianswer) with any number of
typed blanks (`{1:SHORTANSWER:=x~%50%y}`, see moodle_cloze); category questions, names,
<idnumber>, tags, general and answer feedback. HTML (format="html", in CDATA) becomes plain
text on reading, and Tutor's plain text is written as escaped HTML, so a question read back
has text_format "html" and the same text. A question without a name is written with the start
of its text as its name, since Moodle requires one. Other qtypes (essay, description,
calculated, random, drag and drop...) and cloze questions with a choice blank are listed as
skipped, with their line. What Moodle XML cannot hold (`cannot_write` says why): essays and
other kinds Tutor does not write, control characters, and `\\#` or `\\}` in a blank's answer
(Moodle reads them as `#` and `}`).

The file is parsed by safe_xml: no DTD or entity is ever expanded, no other file read; a file
that is not a Moodle <quiz> is refused. Tutor's `source` quotes and `difficulty` are written in
a <tutor> element inside each question, which Moodle's importer ignores.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from content.interchange import Problem, Read
from content.interchange import moodle_cloze as cloze
from content.interchange.encoding import EncodingRefused, decode
from content.interchange.html_text import to_plain
from content.interchange.model import BLANK_MARK, Answer, Exchanged, Skipped
from content.interchange.moodle_xml_write import cannot_write, write
from content.interchange.numbers import from_percent, is_number
from content.interchange.safe_xml import Element, Refused, parse

__all__ = ["cannot_write", "read", "sniff", "write"]

_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
_MARKS = re.compile(r"\{\{\d+\}\}")
_SKIPPED = {
    "essay": "an essay needs a teacher to mark it; Tutor has no essay questions",
    "description": "a description is text between questions, not a question",
    "random": "a random question picks from a category when a quiz runs; import that category instead",
}


class _Invalid(ValueError):
    """A problem in one question: its message, and the element it is at."""

    def __init__(self, at: Element, message: str):
        super().__init__(message)
        self.at = at


def sniff(head: str) -> bool:
    text = head.lstrip("\ufeff \t\n")
    return text.startswith("<") and re.search(r"<quiz[\s>]", text) is not None


def read(data: bytes, path: str) -> Read:
    try:
        root = parse(decode(data))
    except EncodingRefused as refused:
        return Read(problems=[Problem(0, 0, str(refused))])
    except Refused as refused:
        return Read(problems=[Problem(refused.line, refused.col, refused.message)])
    if root.tag != "quiz":
        return Read(problems=[Problem(root.line, root.col, f"this is not Moodle XML: its root element is <{root.tag}>, not <quiz>")])
    result, category = Read(), ""
    for node in root.findall("question"):
        qtype = node.attrs.get("type", "")
        try:
            if qtype == "category":
                category = node.text_at("category", "text").strip()
            elif qtype in _READERS:
                result.questions.append(_question(node, qtype, category))
            else:
                result.skipped.append(_skipped(node, qtype, _SKIPPED.get(qtype, f"Tutor has no {qtype or 'untyped'} questions")))
        except cloze.NotTyped as choice:
            result.skipped.append(_skipped(node, "cloze", str(choice)))
        except _Invalid as invalid:
            result.problems.append(Problem(invalid.at.line, invalid.at.col, f"{qtype} question: {invalid}"))
    if result.errors:
        result.questions, result.skipped = [], []
    return result


def _skipped(node: Element, kind: str, reason: str) -> Skipped:
    stem = _text(node.find("questiontext"))
    return Skipped(node.line, kind, node.text_at("name", "text").strip(), reason, text=stem, id=_idnumber(node))


def _question(node: Element, qtype: str, category: str) -> Exchanged:
    text = node.find("questiontext")
    if text is None:
        raise _Invalid(node, "it has no <questiontext>")
    q = Exchanged(
        "cloze" if qtype == "multianswer" else qtype, _text(text), name=node.text_at("name", "text").strip(),
        id=_idnumber(node), general_feedback=_text(node.find("generalfeedback")), category=category,
        text_format=_FORMATS.get(text.attrs.get("format", ""), "moodle"), line=node.line, col=node.col,
    )
    tags = node.find("tags")
    q.tags = [t.text_at("text").strip() for t in tags.findall("tag")] if tags is not None else []
    tutor = node.find("tutor")
    if tutor is not None:
        q.source = [s.text for s in tutor.findall("source")]
        difficulty = tutor.text_at("difficulty").strip()
        if difficulty and difficulty not in ("1", "2", "3"):
            raise _Invalid(tutor, f"<difficulty> is 1, 2 or 3, not {difficulty!r}")
        q.difficulty = int(difficulty) if difficulty else None
    _READERS[qtype](node, q)
    if not q.stem:
        raise _Invalid(text, "its <questiontext> is empty")
    return q


def _choices(node: Element, q: Exchanged) -> None:
    q.answers = [_answer(a) for a in node.findall("answer")]
    q.single = node.text_at("single").strip().lower() not in ("false", "0")
    if len(q.answers) < 2:
        raise _Invalid(node, "it needs at least 2 <answer>s")


def _typed(node: Element, q: Exchanged) -> None:
    q.answers = [_answer(a) for a in node.findall("answer")]
    if not q.answers:
        raise _Invalid(node, "it has no <answer>")


def _numerical(node: Element, q: Exchanged) -> None:
    _typed(node, q)
    for a, element in zip(q.answers, node.findall("answer")):
        tolerance = element.text_at("tolerance").strip() or "0"
        if not (is_number(a.text) or a.text == "*") or not is_number(tolerance) or float(tolerance) < 0:
            raise _Invalid(element, f"an answer is a number (or *) with a tolerance of 0 or more, not {a.text!r}:{tolerance!r}")
        a.tolerance = float(tolerance)


def _truefalse(node: Element, q: Exchanged) -> None:
    answers = {a.text.lower(): a for a in map(_answer, node.findall("answer"))}
    if set(answers) != {"true", "false"}:
        raise _Invalid(node, "it needs an <answer> whose text is true and one whose text is false")
    q.truth = answers["true"].fraction > answers["false"].fraction
    q.true_feedback, q.false_feedback = answers["true"].feedback, answers["false"].feedback


def _matching(node: Element, q: Exchanged) -> None:
    q.pairs = [(_text(s), s.text_at("answer", "text").strip()) for s in node.findall("subquestion")]
    if sum(1 for item, _ in q.pairs if item) < 2 or any(not match for _, match in q.pairs):
        raise _Invalid(node, "it needs at least 2 <subquestion>s, each with its <answer>")


def _ordering(node: Element, q: Exchanged) -> None:
    # qtype_ordering's fraction is not a credit: it is the item's place in the right order.
    items = [(_number(a, a.attrs.get("fraction", str(i))), i, _text(a)) for i, a in enumerate(node.findall("answer"))]
    q.steps = [text for _, _, text in sorted(items)]
    if len(q.steps) < 2 or not all(q.steps):
        raise _Invalid(node, "it needs at least 2 <answer>s to put in order, each with text")


def _cloze(node: Element, q: Exchanged) -> None:
    text = node.find("questiontext")
    assert text is not None  # _question checked
    try:
        markup, q.blanks = cloze.parse(text.text_at("text"))
    except cloze.Unreadable as unreadable:
        raise _Invalid(text, str(unreadable)) from None
    q.stem = _plain(markup, text.attrs.get("format", ""))
    if _MARKS.findall(q.stem) != [BLANK_MARK.format(n=n) for n in range(len(q.blanks))]:
        raise _Invalid(text, "its text holds {{n}}, which Tutor uses to mark a blank")


_READERS: dict[str, Callable[[Element, Exchanged], None]] = {
    "multichoice": _choices,
    "truefalse": _truefalse,
    "shortanswer": _typed,
    "numerical": _numerical,
    "matching": _matching,
    "ordering": _ordering,
    "cloze": _cloze,
    "multianswer": _cloze,
}


def _answer(node: Element) -> Answer:
    text = _text(node)
    if not text:
        raise _Invalid(node, "an <answer> has no text")
    written = node.attrs.get("fraction", "0")
    fraction = from_percent(written) if is_number(written.strip()) else None
    if fraction is None or not -1 <= fraction <= 1:
        raise _Invalid(node, f"fraction {written!r} is not a percentage from -100 to 100")
    return Answer(text, fraction, _text(node.find("feedback")))


def _number(node: Element, text: str) -> float:
    if not is_number(text.strip()):
        raise _Invalid(node, f"{text!r} is not a number")
    return float(text)


def _text(node: Element | None) -> str:
    """A Moodle text element's text, plain: its <text>, converted from HTML if its format says so."""
    return _plain(node.text_at("text"), node.attrs.get("format", "")) if node is not None else ""


def _plain(text: str, fmt: str) -> str:
    return to_plain(text) if fmt == "html" else text.strip()


def _idnumber(node: Element) -> str:
    return node.text_at("idnumber").strip()
