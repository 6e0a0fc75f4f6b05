"""Folding text for comparison: typographic marks, accents and case, with offsets kept where needed."""

from __future__ import annotations

import re
import unicodedata

# Typographic marks a quote may use in place of the plain ones (and vice versa).
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def fold_marks(text: str) -> str:
    """Plain quotes and dashes for typographic ones; one space for any run of whitespace."""
    return _SPACE.sub(" ", text.translate(TYPOGRAPHIC))


def strip_accents(text: str) -> str:
    """The text without diacritics (é -> e), other characters kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_marks_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold_marks(text)`, and for each of its characters the offset it came from in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(TYPOGRAPHIC)):
        if ch.isspace():
            if in_space:
                continue
            in_space, ch = True, " "
        else:
            in_space = False
        out.append(ch)
        offsets.append(i)
    return "".join(out), offsets


def fold_case_with_offsets(text: str) -> tuple[str, list[int]]:
    """Lower-case text without diacritics, and for each folded character its offset in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(c):
                out.append(c.casefold()[:1] or c)
                offsets.append(i)
    return "".join(out), offsets


def find_folded(text: str, terms: list[str]) -> tuple[tuple[int, int], ...]:
    """Spans of `text` where any of the terms stands, ignoring case and diacritics; overlaps merged."""
    if not text:
        return ()
    folded, offsets = fold_case_with_offsets(text)
    spans = []
    for term in terms:
        needle, _ = fold_case_with_offsets(term.strip())
        if not needle:
            continue
        at = folded.find(needle)
        while at >= 0:
            spans.append((offsets[at], offsets[at + len(needle) - 1] + 1))
            at = folded.find(needle, at + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)
