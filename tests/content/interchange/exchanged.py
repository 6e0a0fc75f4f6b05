"""Hypothesis strategies for exchange-model questions with hostile text, shared by the format tests.

Texts mix the characters GIFT and XML give meanings to, line breaks, markup-looking text and
unicode; they are stripped and non-empty, as every reader returns them.
"""

import re
from functools import cache

from hypothesis import strategies as st

from content.interchange.model import BLANK_MARK, Answer, Exchanged
from content.interchange.numbers import decimal

HOSTILE = [
    "{", "}", "~", "=", "#", ":", "::", "\\", "\\n", "\n", "\t", " ", "[html]", "[plain]", "[moodle]", "//",
    "%50%", "%", "####", "->", "<b>x</b>", "<br>", "&amp;", "&lt;", "]]>", "<![CDATA[", "$CATEGORY: x", "[id:x]",
    "{1:SHORTANSWER:=x}", "_____", "T", "é", "漢字", "🙂", "\u2028", "\xa0", '"', "'", "*", "/",
]
# A fixed alphabet draws far faster than st.characters(), and still spans what breaks parsers:
# ASCII punctuation, Latin-1, combining marks, right-to-left, CJK, astral emoji, odd spaces.
_CHARS = st.sampled_from(
    [chr(c) for c in range(0x20, 0x7F)] + list("\xa0éçßÆø\u0301\u05d0\u0627\u4e2d\u6587\U0001f642\U0001d11e\u2028\u2029\u200b\ufeff\u00ad")
)
_BLANKS = re.compile(r"\{\{\d+\}\}")
GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
          0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]


@cache  # building a strategy costs more than drawing from it: build each once
def texts(forbid: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(HOSTILE), st.text(_CHARS, min_size=1, max_size=6))
    return (
        st.lists(pieces, min_size=1, max_size=5).map("".join).map(str.strip)
        .filter(lambda t: t and not _BLANKS.search(t) and not any(f in t for f in forbid))
    )


@cache
def maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


def fractions() -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from(GRADES + [-g for g in GRADES]), st.floats(-1, 1, allow_nan=False))


@cache
def answers(min_size: int = 1, forbid: tuple[str, ...] = ()) -> st.SearchStrategy[list[Answer]]:
    answer = st.builds(Answer, text=texts(forbid), fraction=fractions(), feedback=maybe(texts(forbid)))
    return st.lists(answer, min_size=min_size, max_size=4)


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-10**6, 10**6).map(str),
        st.floats(-1e6, 1e6, allow_nan=False).map(decimal),
        st.sampled_from(["1822", "3.14", "-0.5", ".5", "+2", "1e3"]),
    )


def numerical_answers() -> st.SearchStrategy[list[Answer]]:
    number = st.builds(Answer, text=numbers(), fraction=fractions(), feedback=maybe(texts()),
                       tolerance=st.floats(0, 1e3, allow_nan=False))
    any_other = st.builds(Answer, text=st.just("*"), fraction=fractions(), feedback=maybe(texts()))
    return st.lists(st.one_of(number, number, any_other), min_size=1, max_size=4)


@st.composite
def cloze_stems(draw, blanks: int, end_blank: bool, forbid: tuple[str, ...] = ()) -> str:
    """Text with `blanks` blank marks; the last may end the text only if `end_blank`."""
    parts = [draw(maybe(texts(forbid)))]
    for n in range(blanks):
        parts.append(BLANK_MARK.format(n=n))
        last = n == blanks - 1
        parts.append(draw(maybe(texts(forbid)) if last and end_blank else texts(forbid)))
    return "".join(parts).strip()


@st.composite
def questions(draw, kinds: list[str], formats: list[str], plain_forbid: tuple[str, ...] = ("->",),
              max_blanks: int = 1, blank_forbid: tuple[str, ...] = (), named: bool = False) -> Exchanged:
    """One question of a kind in `kinds`, with every field a format might carry (a name, if `named`)."""
    kind = draw(st.sampled_from(kinds))
    fmt = draw(st.sampled_from(formats))
    # Text GIFT cannot escape in plain formats (HTML escapes ">"), for the places it would be misread.
    forbid = plain_forbid if fmt != "html" else ()
    q = Exchanged(
        kind, draw(texts()), name=draw(texts() if named else maybe(texts())), id=draw(maybe(texts())),
        general_feedback=draw(maybe(texts())), tags=draw(st.lists(texts(), max_size=3)), text_format=fmt,
        source=draw(st.lists(texts(), max_size=2)), difficulty=draw(st.one_of(st.none(), st.integers(1, 3))),
    )
    if kind == "multichoice":
        q.answers, q.single = draw(answers(min_size=2)), draw(st.booleans())
    elif kind == "shortanswer":
        q.answers = draw(answers(forbid=forbid))
    elif kind == "numerical":
        q.answers = draw(numerical_answers())
    elif kind == "truefalse":
        q.truth, q.true_feedback, q.false_feedback = draw(st.booleans()), draw(maybe(texts())), draw(maybe(texts()))
    elif kind == "matching":
        pairs = st.tuples(texts(forbid), texts())
        q.pairs = draw(st.lists(pairs, min_size=2, max_size=4)) + draw(st.lists(st.tuples(st.just(""), texts()), max_size=1))
    elif kind == "ordering":
        q.steps = draw(st.lists(texts(), min_size=2, max_size=5))
    elif kind == "cloze":
        count = draw(st.integers(1, max_blanks))
        q.stem = draw(cloze_stems(count, end_blank=max_blanks > 1, forbid=forbid))
        q.blanks = [draw(answers(forbid=forbid + blank_forbid)) for _ in range(count)]
    return q


@st.composite
def banks(draw, question_strategy: st.SearchStrategy[Exchanged]) -> list[Exchanged]:
    """Questions in order; from some point on each has a category (no format can go back to none)."""
    qs = draw(st.lists(question_strategy, min_size=1, max_size=5))
    start = draw(st.integers(0, len(qs)))
    names = texts(forbid=("\n",))
    for q in qs[start:]:
        q.category = draw(names)
    return qs
