"""Moodle's embedded answers (Cloze, qtype multianswer): blanks written inside the question's HTML.

A blank is `{1:SHORTANSWER:=Bamako#Yes~%50%Bamaco#Check the spelling}`: its grade, its type,
then answers separated by `~`, each with `=` (full credit) or `%n%`, and `#feedback`. As Moodle
reads it, an answer ends at a `~`, `#` or `}` not preceded by a backslash or `&` (so HTML
entities such as `&#35;` are safe), and its HTML entities are decoded. Tutor writes every
character that could end an answer as a numeric entity, so any text survives.
"""

from __future__ import annotations

import html
import re

from content.interchange.html_text import from_plain
from content.interchange.model import BLANK_MARK, Answer
from content.interchange.numbers import decimal, from_percent, is_number, percent

_TYPED = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_NUMERIC = {"NUMERICAL", "NM"}
_CHOICE = set(
    "MULTICHOICE MC MULTICHOICE_V MCV MULTICHOICE_H MCH MULTICHOICE_S MCS MULTICHOICE_VS MCVS MULTICHOICE_HS MCHS "
    "MULTIRESPONSE MR MULTIRESPONSE_H MRH MULTIRESPONSE_S MRS MULTIRESPONSE_HS MRHS".split()
)
# Only the types Moodle knows make a blank: any other {1:WORD:...} is text, as in Moodle.
_TYPES = "|".join(sorted(_TYPED | _NUMERIC | _CHOICE, key=len, reverse=True))
_BLANK = re.compile(r"\{(\d*):(" + _TYPES + r"):(.*?)(?<!\\)\}", re.S)
_ALTERNATIVES = re.compile(r"(?<!\\)~")
_FRACTION = re.compile(r"=|%(-?\d+(?:[.,]\d*)?)%")
_FEEDBACK = re.compile(r"(?<!\\)(?<!&)(?<!&amp;)#")
_ENCODED = set('&<>~#}{\\"')


class Unreadable(ValueError):
    """A blank that does not say what Moodle's syntax needs; the message says what is wrong."""


class NotTyped(ValueError):
    """A blank Tutor cannot hold: its answer is chosen from a list, not typed."""


def parse(markup: str) -> tuple[str, list[list[Answer]]]:
    """The markup with each blank replaced by its BLANK_MARK, and each blank's answers.

    Unreadable (with the reason) for a blank that cannot be read, NotTyped for a choice blank.
    """
    blanks: list[list[Answer]] = []

    def mark(m: re.Match[str]) -> str:
        kind = m.group(2)
        if kind in _CHOICE:
            raise NotTyped(f"blank {len(blanks) + 1} ({{{m.group(1)}:{kind}:...}}) is a choice; Tutor's blanks are typed")
        blanks.append([_answer(alt, kind in _NUMERIC, len(blanks) + 1) for alt in _ALTERNATIVES.split(m.group(3))])
        return BLANK_MARK.format(n=len(blanks) - 1)

    text = _BLANK.sub(mark, markup)
    if not blanks:
        raise Unreadable("a cloze question needs a blank such as {1:SHORTANSWER:=answer}")
    return text, blanks


def _answer(alternative: str, numeric: bool, blank: int) -> Answer:
    m = _FRACTION.match(alternative)
    fraction = 0.0 if m is None else 1.0 if m.group(0) == "=" else from_percent(m.group(1).replace(",", "."))
    body = alternative[m.end() :] if m else alternative
    cut = _FEEDBACK.search(body)
    text, feedback = (body[: cut.start()], body[cut.end() :]) if cut else (body, "")
    text, feedback = _decoded(text).strip(), _decoded(feedback).strip()
    if not -1 <= fraction <= 1 or not text:
        raise Unreadable(f"blank {blank} has an answer without text or with a credit outside -100%..100%")
    if not numeric or text == "*":
        return Answer(text, fraction, feedback)
    value, _, tolerance = text.partition(":")
    if not is_number(value.strip()) or not is_number(tolerance.strip() or "0"):
        raise Unreadable(f"blank {blank} is numerical, but {text!r} is not a number (write 1822 or 1822:2)")
    return Answer(value.strip(), fraction, feedback, float(tolerance or 0))


def _decoded(text: str) -> str:
    return html.unescape(text).replace("\\}", "}").replace("\\#", "#")


def blank(answers: list[Answer]) -> str:
    """One blank as Moodle reads it: NUMERICAL when an answer has a tolerance, else SHORTANSWER."""
    numeric = any(a.tolerance for a in answers)
    alternatives = []
    for a in answers:
        credit = "=" if a.fraction == 1 else f"%{percent(a.fraction)}%"
        tolerance = f":{decimal(a.tolerance)}" if numeric and a.text != "*" else ""
        feedback = f"#{_encoded(a.feedback)}" if a.feedback else ""
        alternatives.append(credit + _encoded(a.text) + tolerance + feedback)
    return "{1:" + ("NUMERICAL" if numeric else "SHORTANSWER") + ":" + "~".join(alternatives) + "}"


def text(part: str) -> str:
    """Question text around the blanks, as HTML in which no brace can start a blank."""
    return from_plain(part).replace("{", "&#123;")


def _encoded(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c in _ENCODED else c for c in text)
