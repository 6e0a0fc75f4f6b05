"""Hypothesis strategies for exchanged questions with hostile text, shared by the format tests."""

import re

from hypothesis import strategies as st

from content.interchange.model import BLANK_MARK, Answer, Exchanged

HOSTILE = ["\t", ";", ",", '"', "''", "\n", "{{c1::", "}}", "::", "{{", "<b>", "</div>", "&amp;", "&lt;", "#",
           "é", "ß", "🙂", "ﬁ", "\u00a0", "\u200b", "tags:", "\\", "|", "<br>", "e\u0301"]
characters = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85") | st.sampled_from("\t\n")


def texts(*, newlines: bool = True, min_size: int = 1):
    """Stripped, non-empty text mixing ordinary characters with markup and separators."""
    pieces = st.lists(st.text(characters, max_size=8) | st.sampled_from(HOSTILE), min_size=1, max_size=8)
    text = pieces.map("".join).map(str.strip)
    if not newlines:
        text = text.map(lambda t: re.sub(r"\s", " ", t).strip())
    return text.filter(lambda t: len(t) >= min_size)


def without_blank_marks(text: str) -> str:
    return re.sub(r"\{\{(\d+)\}\}", r"{ {\1} }", text)


tags = st.lists(texts(newlines=False).map(lambda t: re.sub(r"\s", "_", t)), max_size=4)
ids = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@st.composite
def shortanswers(draw, *, many_answers=True, feedback=True):
    answers = draw(st.lists(texts(), min_size=1, max_size=3 if many_answers else 1))
    return Exchanged(kind="shortanswer", stem=draw(texts()), id=draw(ids),
                     answers=[Answer(a, 1.0) for a in answers],
                     general_feedback=draw(texts() | st.just("")) if feedback else "",
                     tags=draw(tags), category=draw(texts(newlines=False) | st.just("")))


@st.composite
def clozes(draw):
    blanks = draw(st.lists(texts().map(without_blank_marks), min_size=1, max_size=4))
    order = draw(st.permutations(range(len(blanks))))
    between = draw(st.lists(texts().map(without_blank_marks) | st.just(" "), min_size=len(blanks) + 1,
                            max_size=len(blanks) + 1))
    stem = between[0] + "".join(BLANK_MARK.format(n=n) + between[i + 1] for i, n in enumerate(order))
    return Exchanged(kind="cloze", stem=stem.strip(), id=draw(ids), blanks=[[Answer(b, 1.0)] for b in blanks],
                     general_feedback=draw(texts() | st.just("")), tags=draw(tags),
                     category=draw(texts(newlines=False) | st.just("")))
