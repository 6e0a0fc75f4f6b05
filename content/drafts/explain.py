"""The `explain` of a draft: what the sentences around its source add, never its own passage restated."""

from __future__ import annotations

import re


from content.drafts.common import ends, restates
from content.drafts.gate import leaning
from content.drafts.reading import Line, Reading
from content.text.words import terms

MAX_WORDS = 40


def explain_for(reading: Reading, line: Line, quote: str, answer: str, fallback: str = "") -> str | None:
    """The source sentence whole when the quote is only part of it (it says the fact with what surrounds
    it); else a neighbouring sentence of the same paragraph that speaks of the same thing, cut to a readable
    length; else `fallback`."""
    whole = _cut(line.text)
    if whole and len(whole.split()) >= len(quote.split()) + 6 and not restates(whole, quote) \
            and leaning(whole, _person(reading)) is None:
        return whole
    own = set(terms(line.text))
    for other in _neighbours(reading, line):
        if not other.usable and not other.text.strip():
            continue
        shared = own & set(terms(other.text))
        # It must speak of the same thing: two words in common, or the answer, or it goes on from the sentence.
        about = (len(shared) >= 2 or set(terms(answer)) & set(terms(other.text)) or _names(line.text) & _names(other.text)
                 or other.leans and other.index == line.index + 1)
        # A sentence before that points back ("In 1887, he constructed ...") speaks of what the reader has not seen.
        after = other.index == line.index + 1
        if about and not restates(other.text, quote) and (after or leaning(other.text, _person(reading)) is None):
            text = _cut(other.text)
            if text and not restates(text, quote):
                return text
    return fallback or None


def _names(text: str) -> set[str]:
    """Capitalised words inside a sentence (not its first): the names it speaks of."""
    return set(re.findall(r"(?<=[\w,;:)] )[A-Z][\w'’-]{2,}", text))


def _person(reading: Reading):
    return lambda name: reading.person(name) is not None


def _neighbours(reading: Reading, line: Line) -> list[Line]:
    at = {x.index: x for x in reading.lines}
    out = []
    for n in (line.index + 1, line.index - 1, line.index + 2):
        other = at.get(n)
        if other is not None and other.paragraph == line.paragraph and other.usable:
            out.append(other)
    return out


def _cut(text: str) -> str:
    """The text whole when short; else up to the last clause boundary within MAX_WORDS words."""
    text = text.strip()
    if text.startswith("(") and text.endswith((")", ").")):
        text = text[1:].rstrip(".").rstrip(")").strip() + "."
    if text[:1] in "([" or text[:1].islower():
        return ""
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text.strip()
    head = " ".join(words[:MAX_WORDS])
    cut = max(head.rfind("; "), head.rfind(", "), head.rfind(": "))
    if cut < len(head) // 2:
        return ""
    return ends(head[:cut])
