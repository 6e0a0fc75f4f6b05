"""Hypothesis strategies for Tutor questions of every type, valid as a bank file, with hostile text.

They are built as bank-file data and validated by the schema, so every question drawn is one a bank
can hold. Texts mix what GIFT and XML give meanings to (see exchanged.HOSTILE).
"""

from hypothesis import assume
from hypothesis import strategies as st
from pydantic import ValidationError

from content.bank import bank_from_data
from tests.content.interchange.exchanged import texts

ids = st.from_regex(r"[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}", fullmatch=True)
# No "___" (Tutor's blank) in texts; no answer that is only "*", which Moodle reads as "any answer".
plain = texts(forbid=("___",)).filter(lambda t: t != "*")
one_line = texts(forbid=("___", "\n"))


def distinct(strategy, min_size=1, max_size=4):
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def common(draw, **own):
    return {"id": draw(ids), "prompt": draw(plain), "explain": draw(plain), "source": draw(distinct(plain, 0, 2)),
            "topics": draw(distinct(plain, 0, 3)), "difficulty": draw(st.integers(1, 3)), **own}


@st.composite
def question(draw, kind: str):
    base = draw(common())
    if kind == "short":
        forms = draw(distinct(plain))
        own = {"answer": forms[0], "accept": forms[1:]}
    elif kind == "choice":
        own = {"answer": draw(plain), "options": draw(distinct(plain))}
    elif kind == "multi":
        own = {"answers": draw(distinct(plain)), "options": draw(distinct(plain))}
    elif kind == "truefalse":
        own = {"statement": draw(plain), "answer": draw(st.booleans())}
        # A prompt of its own comes back when it is one line ending in "?" or ":".
        own["prompt"] = draw(st.one_of(st.just("True or false?"), one_line.map(lambda t: t + "?")))
    elif kind == "cloze":
        count = draw(st.integers(1, 3))
        parts = [draw(st.one_of(st.just(""), plain)) for _ in range(count + 1)]
        own = {"text": (parts[0] + "".join(" ___ " + p for p in parts[1:])).strip(),
               "blanks": [{"answer": f[0], "accept": f[1:]} for f in (draw(distinct(plain, 1, 3)) for _ in range(count))],
               "prompt": draw(st.one_of(st.just("Fill in the blank." if count == 1 else "Fill in the blanks."), one_line))}
    elif kind == "order":
        own = {"items": [{"text": t, "source": draw(plain)} for t in draw(distinct(plain, 2, 5))]}
    elif kind == "match":
        lefts = draw(distinct(plain, 2, 4))
        own = {"pairs": dict(zip(lefts, draw(distinct(plain, len(lefts), len(lefts)))))}
    else:
        own = {"answer": draw(st.floats(-1e6, 1e6, allow_nan=False)), "tolerance": draw(st.floats(0, 1e3))}
    return {**base, "type": kind, **own}


@st.composite
def bank(draw, kinds: list[str]):
    """A bank of up to 4 questions of these kinds that `tutor bank check` accepts, ids unique."""
    data = draw(st.lists(st.sampled_from(kinds).flatmap(question), min_size=1, max_size=4,
                         unique_by=lambda q: q["id"]))
    try:
        drawn = bank_from_data({"id": "b", "title": "A bank", "questions": data})
    except ValidationError:  # pairs whose sides repeat once normalized, and the like
        assume(False)
    # Nor what a type's own checks refuse (an option that repeats the answer): `bank check` would fail it.
    assume(not any(len(finding) == 2 for q in drawn.questions for finding in q.lint(None)))
    return drawn
