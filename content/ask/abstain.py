"""Whether the best passage answers the question at all: the evidence a reader weighs, and the fitted model.

A reader who finds no answer notices that the material never says the question's rarest word or the noun it asks
about ("the capital of France": no capital anywhere), that the best passage says too little of the question, that
it holds nothing of the kind asked for ("how many troops": no number of troops), or that it barely beats the next
passage. Each is a feature; a small logistic model weighs them (content/ask/abstain.tsv, fitted by
`bench/ask_bench.py --fit-abstain`), and ask says "the material does not say" when the probability that the
passage answers falls under `weights.MIN_ANSWERED`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from content.ask import weights as w
from content.ask.answer import HOW_MANY, WHEN, WHERE, WHO, Found
from content.ask.query import Query
from content.text.words import terms

ANSWER_KINDS = (WHO, WHEN, WHERE, HOW_MANY)

# "What percentage ...", "what share ...": a number said as a part, not any number.
_ASKS_PART = re.compile(r"\b(?:percentage|percent|per\s+cent|proportion|share)\b", re.IGNORECASE)
_A_PART = re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bhalf\b|\bquarter\b|\bthird\b|\bmajority\b|\bminority\b"
                     r"|\bmost\b|\bfew\b", re.IGNORECASE)


def evidence(query: Query, kind: str, question: str, passage: str, own: set[str], present: set[str],
             found: Found | None, phrase: float | None, score: float, others: Iterable[float]) -> dict[str, float]:
    """What says whether a passage answers: `own` holds its terms, `present` those and the terms of the bank's
    questions citing it (how people ask about it), `found` the answer of the kind asked that
    it gives (None: none), `phrase` how sure the phrase model is of the phrase that answers a "what" question
    (None: not such a question), `score` its fitted ranking score and `others` those of the sentences outside it."""
    total = query.total
    focus = query.focus
    unknown_focus = focus is not None and any(u.word == focus for u in query.unknown)
    focus_concept = next((c for c in query.concepts if c.word == focus), None)
    typed = kind in ANSWER_KINDS
    second = max(others, default=None)
    said = {t for c in query.concepts for t in c.alternatives} | _GENERIC
    return {
        "coverage": query.coverage(present),
        # The noun of "which team" names the kind of answer: the material may name a team without the word.
        "unknown": sum(u.weight for u in query.unknown if query.focus_said or u.word != focus) / total,
        "unknown_named": sum(u.weight for u in query.unknown if u.named) / total,
        "focus_unknown": float(unknown_focus and query.focus_said),
        "kind_unknown": float(unknown_focus and not query.focus_said),
        "focus_missed": float(focus_concept is not None and not focus_concept.alternatives.keys() & present),
        "names_missed": query.names_missed(dict.fromkeys(present, 1)),
        **{f"no_answer_{k.replace(' ', '_')}": float(kind == k and found is None) for k in ANSWER_KINDS},
        "far_answer": min(1.0, found.distance / w.ANSWER_REACH) if typed and found is not None else 0.0,
        "unit_missed": float(kind == HOW_MANY and found is not None and focus_concept is not None
                             and not focus_concept.alternatives.keys() & set(_after(passage, found.text))),
        "no_part": float(bool(_ASKS_PART.search(question[:500])) and not _A_PART.search(passage)),
        "phrase_doubt": 1.0 - phrase if phrase is not None else 0.0,
        "nothing_new": float(not own - said),
        "margin": max(-1.0, min(w.MARGIN_CAP, score - second) / w.MARGIN_CAP) if second is not None else 1.0,
        "score": max(-w.MARGIN_CAP, min(w.MARGIN_CAP, score)) / w.MARGIN_CAP,
    }


# Words a passage may say beside the question's without saying anything new (most are no terms at all).
_GENERIC = frozenset(terms("the a an of in on at to by for with and or but is are was were be been has have had this "
                           "that these those it its their they he she his her which who also as from"))


def _after(passage: str, answer: str) -> list[str]:
    """The terms of the answer and of the few words after it in the passage: what a count counts."""
    at = passage.find(answer)
    return terms(passage[at:at + len(answer) + w.UNIT_REACH]) if at >= 0 else []


@cache
def abstain_weights() -> dict[str, float]:
    """Feature -> weight (and `bias`), from content/ask/abstain.tsv (written by `bench/ask_bench.py --fit-abstain`)."""
    rows = Path(__file__).with_name("abstain.tsv").read_text(encoding="utf-8").splitlines()
    return {name: float(value) for name, value, *_ in (r.split("\t") for r in rows if r and not r.startswith("#"))}


def answer_probability(features: dict[str, float]) -> float:
    """The fitted probability that the passage with these features answers the question."""
    weights = abstain_weights()
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def answers(features: dict[str, float]) -> bool:
    """Whether to give the passage: the probability that it answers is at least `weights.MIN_ANSWERED`."""
    return answer_probability(features) >= w.MIN_ANSWERED
