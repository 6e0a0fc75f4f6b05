"""Where a question's quotes stand in the material, or, for a quote that is not there, the nearest passage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content.material import Material
from content.questions import Question
from content.text.fold import fold_marks

# A passage less alike than this (0-100) is no near miss of the quote: nothing is shown for it.
NEAREST_AT_LEAST = 50


@dataclass(frozen=True)
class Spot:
    """A quote and the span of the material it stands for (found), or of the passage nearest to it."""

    loc: tuple[str | int, ...]
    quote: str
    start: int
    end: int
    found: bool
    likeness: int  # 0-100: how alike the quote and the nearest passage are; 100 when found
    where: str  # "paragraph 17, sentence 2"


def quotes_of(question: Question | None, data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """The quotes a question cites, with their places: the type says which, or, while the question is not
    valid, every text under a `source` field."""
    if question is not None:
        return [(c.loc, c.quote) for c in question.cited()]
    out: list[tuple[tuple[str | int, ...], str]] = []

    def walk(value: Any, loc: tuple[str | int, ...], under_source: bool) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*loc, k), k == "source")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*loc, i), under_source)
        elif under_source and isinstance(value, str) and value.strip():
            out.append((loc, value))

    walk(data, (), False)
    return out


def spots(material: Material, quotes: list[tuple[tuple[str | int, ...], str]]) -> list[Spot | None]:
    """For each quote, where it stands, else the nearest passage, else None."""
    out: list[Spot | None] = []
    for loc, quote in quotes:
        passage = material.find(quote)
        if passage is not None:
            out.append(Spot(loc, quote, passage.start, passage.end, True, 100, _where(material, passage.sentences)))
            continue
        out.append(nearest(material, loc, quote))
    return out


def _where(material: Material, sentences: tuple[int, ...]) -> str:
    if not sentences:
        return ""
    paragraph = material.sentences[sentences[0]].paragraph
    return str(material.location([n for n in sentences if material.sentences[n].paragraph == paragraph]))


def nearest(material: Material, loc: tuple[str | int, ...], quote: str) -> Spot | None:
    """The sentence (or two in a row) most like the quote."""
    from rapidfuzz import fuzz

    needle = fold_marks(quote).strip().lower()
    if not needle or not material.sentences:
        return None
    best, best_score = None, 0.0
    sentences = material.sentences
    for i, sentence in enumerate(sentences):
        for j in (i, i + 1):
            if j >= len(sentences) or sentences[j].paragraph != sentence.paragraph:
                continue
            text = fold_marks(material.text[sentence.start:sentences[j].end]).lower()
            score = fuzz.partial_ratio(needle, text) if len(needle) <= len(text) else fuzz.ratio(needle, text)
            if score > best_score + 0.5:  # the shorter span wins a tie
                best, best_score = (i, j), score
    if best is None or best_score < NEAREST_AT_LEAST:
        return None
    first, last = sentences[best[0]], sentences[best[1]]
    return Spot(loc, quote, first.start, last.end, False, round(best_score),
                _where(material, tuple(range(best[0], best[1] + 1))))
