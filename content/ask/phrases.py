"""The phrase of a sentence that answers a "what" question: candidate phrases (the runs of words between
function words and marks, and their heads and tails), each scored by features weighed in phrases.tsv.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from content.text.words import term_of

# Words that end a phrase: verbs of being, pronouns, prepositions, conjunctions; an answer stands between them.
BOUNDS = frozenset("""is was are were be been being has have had do does did that which who whom whose where when
why how by with from for to in on at as because while since after before during into through it its their this
these those they he she his her him them also not can could would will may might should must than but or and of if
so such there here then about over under between against among within without upon via per including""".split())
# Words whose presence right before or after a phrase says much of what it is ("called X", "X is").
_CUES = ("is", "was", "are", "were", "called", "as", "of", "by", "the", "a", "an", "and", "in", "to", "for", "with",
         "known", "named", "that", "which", "from", "on", "or", "include", "includes", "including", "such")
_TOKEN = re.compile(r"[\w'\u2019$%.-]*[\w$%]|[^\w\s]")
# At most this many words in a phrase: SQuAD's answers to "what" questions are short.
LONGEST = 6


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int  # character span in the sentence
    end: int
    text: str
    features: dict[str, float]


def phrases(sentence: str, question_terms: set[str], near: set[str], focus: str | None) -> list[Phrase]:
    """Candidate answers in `sentence`: `question_terms` are the question's terms (an answer says something new),
    `near` those it should stand near, `focus` the term of the noun a "what NOUN" question asks about."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    lower = [t[2].casefold() for t in tokens]
    matched = [k for k, word in enumerate(lower) if term_of(word) in near]
    runs: list[tuple[int, int]] = []
    start = None
    for k, word in enumerate(lower):
        inside = (word[0].isalnum() or word[0] == "$") and word not in BOUNDS
        if inside and start is None:
            start = k
        elif not inside and start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(tokens)))
    out: list[Phrase] = []
    for a, b in runs:
        for i in range(a, b):
            for j in range(i + 1, min(b, i + LONGEST) + 1):
                if i != a and j != b:
                    continue  # a whole run, or its head or tail
                out.append(_phrase(sentence, tokens, lower, i, j, a, b, question_terms, focus, matched))
    for (a, b), (c, d) in zip(runs, runs[1:]):  # two runs joined by one word: "barley and rye", "the Bank of Spain"
        asked = [k for k in range(a, b) if term_of(lower[k]) in question_terms]
        a = max([a, *(k + 1 for k in asked)])  # what the question says is no part of the answer
        if a < b and c == b + 1 and lower[b] in _JOINERS and d - a <= LONGEST:
            joined = _phrase(sentence, tokens, lower, a, d, a, d, question_terms, focus, matched)
            joined.features["joined"] = 1.0
            out.append(joined)
    return out


_JOINERS = frozenset({"and", "or", "of"})


def _phrase(sentence: str, tokens: list[tuple[int, int, str]], lower: list[str], i: int, j: int, a: int, b: int,
            question_terms: set[str], focus: str | None, matched: list[int]) -> Phrase:
    words = [t[2] for t in tokens[i:j]]
    terms = [t for w in lower[i:j] if (t := term_of(w)) is not None]
    asked = sum(t in question_terms for t in terms)
    before = lower[i - 1] if i else "^"
    after = lower[j] if j < len(tokens) else "$"
    left = [m for m in matched if m < i]
    right = [m for m in matched if m >= j]
    inside_match = any(i <= m < j for m in matched)
    f: dict[str, float] = {
        "bias": 1.0,
        "words": math.log(len(words)),
        "one_word": float(len(words) == 1),
        "asked_part": asked / max(1, len(terms)),
        "all_asked": float(bool(terms) and asked == len(terms)),
        "whole_run": float(i == a and j == b),
        "head": float(i == a and j < b),
        "tail": float(i > a and j == b),
        "capital": float(words[0][:1].isupper()),
        "all_capital": float(all(w[:1].isupper() for w in words)),
        "number": float(any(any(c.isdigit() for c in w) for w in words)),
        "first": float(i == 0),
        "left_gap": math.log1p(i - max(left)) if left else 3.0,
        "right_gap": math.log1p(min(right) - j) if right else 3.0,
        "no_left": float(not left),
        "no_right": float(not right),
        "holds_match": float(inside_match),
        "focus_in": float(focus is not None and focus in terms),
        "focus_last": float(focus is not None and bool(terms) and terms[-1] == focus),
        "focus_next": float(focus is not None and term_of(after) == focus),
        "comma_after": float(after in (",", ";", ".", ")", "$")),
        "paren_before": float(before == "("),
        "quote": float(before in ('"', "\u201c") or after in ('"', "\u201d")),
    }
    for cue in _CUES:
        if before == cue:
            f["before_" + cue] = 1.0
        if after == cue:
            f["after_" + cue] = 1.0
    start, end = tokens[i][0], tokens[j - 1][1]
    return Phrase(start, end, sentence[start:end], f)


@cache
def phrase_weights() -> dict[str, float]:
    """Feature -> weight, from content/ask/phrases.tsv (written by `bench/ask_bench.py --fit-phrases`)."""
    path = Path(__file__).with_name("phrases.tsv")
    rows = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {name: float(value) for name, value, *_ in (r.split("\t") for r in rows if r and not r.startswith("#"))}


def phrase_score(features: dict[str, float]) -> float:
    weights = phrase_weights()
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def best_phrase(found: list[Phrase]) -> tuple[Phrase, float] | None:
    """The phrase of highest score, with its probability among the candidates."""
    if not found:
        return None
    scores = [phrase_score(p.features) for p in found]
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    k = scores.index(top)
    return found[k], 1.0 / total
