"""Tolerant matching of a typed answer against the expected one, the way a fair teacher reads it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from content.text.fold import fold_marks, strip_accents

_ARTICLES = frozenset({"the", "a", "an"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NOT_WORD = re.compile(r"[^\w.]+|(?<!\d)\.|\.(?!\d)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DOTTED_ACRONYM = re.compile(r"\b(?:\w\.){2,}")
# A learner often answers at most this many words around the right answer ("It was X").
_WORDS_AROUND = 5


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower case, no diacritics or punctuation, digits for number words, no leading article."""
    from text_to_num import alpha2digit  # imported on first use, off the start-up path

    text = strip_accents(fold_marks(text)).casefold()
    text = text.replace("'", "")
    words = alpha2digit(text, "en") if any(c.isalpha() for c in text) else text
    words = _THOUSANDS.sub("", words)
    words = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), words)
    tokens = _NOT_WORD.sub(" ", words).split()
    while len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens.pop(0)
    if tokens == ["one"]:  # alpha2digit leaves a lone "one" alone, being ambiguous in prose
        tokens = ["1"]
    return " ".join(tokens)


def typos_allowed(answer: str) -> int:
    """Edits forgiven in an answer of this (normalized) length: none in short words and codes."""
    n = len(answer.replace(" ", ""))
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    if n <= 16:
        return 2
    return 3


def numbers_in(text: str) -> list[str]:
    return _NUMBER.findall(text)


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


@dataclass(frozen=True, slots=True)
class Match:
    target: str  # the accepted form that matched, as written in the bank
    how: str  # "exact", "typo" or "within"


def match_answer(
    response: str, accepted: Iterable[str], rivals: Iterable[str] = ()
) -> Match | None:
    """The accepted form the response stands for, or None.

    `accepted` is the answer then its aliases; `rivals` are the normalized names of other
    entities of the same bank (answers, options). A response that names a rival is refused
    however close its spelling is to an accepted form.
    """
    from rapidfuzz.distance import OSA

    said = normalize(response)
    if not said:
        return None
    forms = [(form, normalize(form)) for form in accepted]
    norms = {n for _, n in forms if n}
    for form, norm in forms:
        if said == norm:
            return Match(form, "exact")
    others = set(rivals) - norms
    others.discard("")
    # A rival named outright, or a response that is part of a rival's name ("Ag Aghali" of
    # "Mahmoud Ag Aghali" when the answer is "Ag Ghali"), is a different entity.
    if any(_contains(other, said) for other in others):
        return None
    best: tuple[int, str] | None = None
    for form, norm in forms:
        if not norm or numbers_in(said) != numbers_in(norm):
            continue
        distance = OSA.distance(said, norm, score_cutoff=typos_allowed(norm) + 1)
        if distance <= typos_allowed(norm) and (best is None or distance < best[0]):
            best = (distance, form)
    if best is not None:
        distance = best[0]
        if not any(OSA.distance(said, other) <= distance for other in others):
            return Match(best[1], "typo")
    # Within a longer reply, hyphens bind: "MAA-PF" names another group than "MAA".
    bound = normalize(response.replace("-", ""))
    for form, norm in forms:
        if (norm and _contains(bound, normalize(form.replace("-", "")))
                and len(said.split()) <= len(norm.split()) + _WORDS_AROUND):
            extra = set(said.split()) - set(norm.split())
            if extra & _name_words(others) or numbers_in(said) != numbers_in(norm):
                return None
            return Match(form, "within")
    return None


def _name_words(names: Iterable[str]) -> set[str]:
    """Distinctive words of other entities' names: a response naming one hedges between two."""
    return {w for name in names for w in name.split() if len(w) >= 4 or name == w}
