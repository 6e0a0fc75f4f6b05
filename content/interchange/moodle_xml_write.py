"""Writing Moodle XML in the shape of Moodle's own export, so that moodle_xml.read reads it back."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from content.interchange import Meta
from content.interchange import moodle_cloze as cloze
from content.interchange.html_text import from_plain
from content.interchange.model import BLANK_MARK, Answer, Exchanged
from content.interchange.numbers import decimal, is_number, percent

_MARKS = re.compile(r"\{\{\d+\}\}")
_NOT_WRITTEN = {
    "essay": "Tutor does not write essay questions",
    "description": "Tutor does not write descriptions",
    "calculated": "Tutor does not write calculated questions",
}


def write(questions: list[Exchanged], meta: Meta) -> bytes:
    """The questions as a Moodle XML file; ValueError for a question `cannot_write` refuses."""
    about = re.sub(r"-(?=-)", "- ", f"{meta.title} ({meta.id}): written by Tutor")  # "--" may not be in a comment
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", f"<!-- {about} -->"]
    category = ""
    for q in questions:
        reason = cannot_write(q)
        if not reason and category and not q.category:
            reason = "it has no category after one with a category, and Moodle XML cannot go back to none"
        if reason:
            raise ValueError(f"cannot write question {q.id or q.name or q.stem[:40]!r} as Moodle XML: {reason}")
        if q.category != category:
            category = q.category
            lines += ['  <question type="category">', *_plain("category", category, 4), "  </question>"]
        lines += _question(q)
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def cannot_write(q: Exchanged) -> str:
    """Why Moodle XML cannot hold this question as it is, or "" when it can."""
    if q.kind in _NOT_WRITTEN:
        return _NOT_WRITTEN[q.kind]
    answers = [a for blank in q.blanks for a in blank] if q.kind == "cloze" else q.answers
    texts = [q.stem, q.name, q.general_feedback, q.true_feedback, q.false_feedback, q.category, q.id, *q.tags,
             *q.source, *q.steps, *(t for pair in q.pairs for t in pair), *(t for a in answers for t in (a.text, a.feedback))]
    if any(not _xml_char(c) for t in texts for c in t):
        return "a text holds a control character, which XML cannot carry"
    if not q.stem.strip():
        return "it has no text"
    if q.difficulty not in (None, 1, 2, 3):
        return "difficulty is 1, 2 or 3"
    if any(not a.text.strip() for a in answers) or any(not -1 <= a.fraction <= 1 for a in answers):
        return "every answer needs text and a credit between -1 and 1"
    if q.kind not in ("numerical", "cloze") and any(a.tolerance for a in answers):
        return "only numerical answers have a tolerance"
    if q.kind == "numerical" or q.kind == "cloze" and any(a.tolerance for a in answers):
        numeric = q.answers if q.kind == "numerical" else [a for b in q.blanks if any(x.tolerance for x in b) for a in b]
        if any(not (is_number(a.text) or a.text == "*") or a.tolerance < 0 for a in numeric):
            return "every numerical answer is a number (or * for any other) with a tolerance of 0 or more"
    return _shape(q)


def _shape(q: Exchanged) -> str:
    """What each kind needs beyond its texts, or ""."""
    if q.kind == "multichoice" and len(q.answers) < 2:
        return "a multiple choice question needs at least 2 answers"
    if q.kind in ("shortanswer", "numerical") and not q.answers:
        return "it has no answer"
    if q.kind == "truefalse" and q.truth is None:
        return "a true/false question needs its truth"
    if q.kind == "matching" and (sum(1 for i, _ in q.pairs if i.strip()) < 2 or any(not m.strip() for _, m in q.pairs)):
        return "a matching question needs at least 2 pairs, each with its match"
    if q.kind == "ordering" and (len(q.steps) < 2 or not all(s.strip() for s in q.steps)):
        return "an ordering question needs at least 2 steps, each with text"
    if q.kind == "cloze":
        if _MARKS.findall(q.stem) != [BLANK_MARK.format(n=n) for n in range(len(q.blanks))] or not q.blanks:
            return "a cloze text marks its blanks {{0}}, {{1}}... in order, one mark for each blank"
        if not all(q.blanks):
            return "every blank needs an answer"
        if any("\\#" in t or "\\}" in t for b in q.blanks for a in b for t in (a.text, a.feedback)):
            return 'a blank\'s answer holds \\# or \\}, which Moodle reads as # or }'
    return ""


def _xml_char(c: str) -> bool:
    # XML 1.0's characters, less CR, which every XML parser turns into LF.
    n = ord(c)
    return c in "\t\n" or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or n >= 0x10000


def _question(q: Exchanged) -> list[str]:
    if q.kind == "cloze":
        parts = _MARKS.split(q.stem)
        markup = cloze.text(parts[0]) + "".join(cloze.blank(b) + cloze.text(p) for b, p in zip(q.blanks, parts[1:]))
    else:
        markup = from_plain(q.stem)
    lines = [f'  <question type="{q.kind}">', *_plain("name", q.name or _name_from(q.stem), 4),
             *_html("questiontext", markup, 4), *_html("generalfeedback", from_plain(q.general_feedback), 4),
             "    <defaultgrade>1</defaultgrade>", f"    <penalty>{'1' if q.kind == 'truefalse' else '0.3333333'}</penalty>",
             "    <hidden>0</hidden>", f"    <idnumber>{escape(q.id)}</idnumber>", *_BODIES[q.kind](q)]
    if q.tags:
        lines += ["    <tags>", *(line for t in q.tags for line in _plain("tag", t, 6)), "    </tags>"]
    if q.source or q.difficulty:
        lines += ["    <tutor>", *(f"      <source>{escape(s)}</source>" for s in q.source)]
        lines += [f"      <difficulty>{q.difficulty}</difficulty>"] if q.difficulty else []
        lines.append("    </tutor>")
    return lines + ["  </question>"]


def _name_from(stem: str) -> str:
    """Moodle requires a name: the start of the text's first line, as Moodle names untitled GIFT."""
    line = _MARKS.sub("_____", stem).strip().split("\n")[0]
    return line if len(line) <= 60 else line[:59] + "…"


def _multichoice(q: Exchanged) -> list[str]:
    lines = [f"    <single>{'true' if q.single else 'false'}</single>", "    <shuffleanswers>true</shuffleanswers>",
             "    <answernumbering>abc</answernumbering>"]
    return lines + [line for a in q.answers for line in _answer(a, html=True)]


def _truefalse(q: Exchanged) -> list[str]:
    true = Answer("true", 1.0 if q.truth else 0.0, q.true_feedback)
    false = Answer("false", 0.0 if q.truth else 1.0, q.false_feedback)
    return _answer(true, html=False) + _answer(false, html=False)


def _shortanswer(q: Exchanged) -> list[str]:
    return ["    <usecase>0</usecase>", *(line for a in q.answers for line in _answer(a, html=False))]


def _numerical(q: Exchanged) -> list[str]:
    answers = [line for a in q.answers for line in _answer(a, html=False, tolerance=True)]
    return answers + ["    <unitgradingtype>0</unitgradingtype>", "    <unitpenalty>0.1000000</unitpenalty>",
                      "    <showunits>3</showunits>", "    <unitsleft>0</unitsleft>"]


def _matching(q: Exchanged) -> list[str]:
    lines = ["    <shuffleanswers>true</shuffleanswers>"]
    for item, match in q.pairs:
        lines += ['    <subquestion format="html">', f"      <text>{_cdata(from_plain(item))}</text>",
                  *_plain("answer", match, 6), "    </subquestion>"]
    return lines


def _ordering(q: Exchanged) -> list[str]:
    lines = ["    <layouttype>VERTICAL</layouttype>", "    <selecttype>ALL</selecttype>", "    <selectcount>0</selectcount>",
             "    <gradingtype>ABSOLUTE_POSITION</gradingtype>", "    <showgrading>SHOW</showgrading>",
             "    <numberingstyle>none</numberingstyle>"]
    for place, step in enumerate(q.steps, start=1):  # qtype_ordering's fraction is the step's place
        lines += [f'    <answer fraction="{place}" format="html">', f"      <text>{_cdata(from_plain(step))}</text>",
                  "    </answer>"]
    return lines


_BODIES: dict[str, Callable[[Exchanged], list[str]]] = {
    "multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer, "numerical": _numerical,
    "matching": _matching, "ordering": _ordering, "cloze": lambda q: [],
}


def _answer(a: Answer, html: bool, tolerance: bool = False) -> list[str]:
    fmt = "html" if html else "moodle_auto_format"
    text = _cdata(from_plain(a.text)) if html else escape(a.text)
    lines = [f'    <answer fraction="{percent(a.fraction)}" format="{fmt}">', f"      <text>{text}</text>",
             *_html("feedback", from_plain(a.feedback), 6)]
    if tolerance:
        lines.append(f"      <tolerance>{decimal(a.tolerance)}</tolerance>")
    return lines + ["    </answer>"]


def _html(tag: str, markup: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f'{pad}<{tag} format="html">', f"{pad}  <text>{_cdata(markup)}</text>", f"{pad}</{tag}>"]


def _plain(tag: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}<{tag}>", f"{pad}  <text>{escape(text)}</text>", f"{pad}</{tag}>"]


def _cdata(markup: str) -> str:
    # from_plain escapes ">", so "]]>" cannot end the section early.
    return f"<![CDATA[{markup}]]>" if markup else ""
