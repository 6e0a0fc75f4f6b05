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
    # Best, a neighbour that speaks of the answer itself: it says more of what was asked, where one that
    # only shares the sentence's words ("Bruges had no single compound" for the London Steelyard) misleads.
    found = _neighbour(reading, line, quote, answer, set(), 1, about_answer=True)
    if found is None:
        found = _neighbour(reading, line, quote, answer, own, 2)
    if found is None:
        # Next best, the sentence right next to it in its paragraph on the same subject (one content word
        # in common: "Chloroplasts are green ..." after "... structures called chloroplasts").
        # The word in common must be rare in the text (not "plant" in a text on plants), and the neighbour
        # must not lean on its own sentence before.
        rare = {t for t in own if len(t) >= 4 and _spread(reading).get(t, 0) <= RARE_IN_SENTENCES}
        found = _neighbour(reading, line, quote, answer, rare, 1, near=True)
    return found or fallback or None


def _neighbour(reading: Reading, line: Line, quote: str, answer: str, own: set[str], least: int,
               near: bool = False, about_answer: bool = False) -> str | None:
    asked = set(terms(answer))
    for other in _neighbours(reading, line):
        if about_answer and not (asked and asked <= set(terms(other.text))):
            continue
        if _other_number(answer, other.text):
            continue
        if near and (abs(other.index - line.index) != 1 or other.leans
                     or leaning(other.text, _person(reading)) is not None):
            continue
        if not other.usable and not other.text.strip():
            continue
        shared = own & set(terms(other.text))
        # It must speak of the same thing: two words in common, or the answer, or it goes on from the sentence.
        about = (len(shared) >= least or set(terms(answer)) & set(terms(other.text)) or _names(line.text) & _names(other.text)
                 or other.leans and other.index == line.index + 1)
        # A sentence before that points back ("In 1887, he constructed ...") speaks of what the reader has not seen.
        after = other.index == line.index + 1
        if about and not restates(other.text, quote) and (after or leaning(other.text, _person(reading)) is None):
            text = _cut(other.text)
            if text and not restates(text, quote):
                return text
    return None


RARE_IN_SENTENCES = 4
_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")
_FIGURE = re.compile(r"\b\d[\d,.]*\d\b")  # two digits or more: not the 2 and 1 of a formula


def _other_number(answer: str, text: str) -> bool:
    """Whether `text` gives another figure of the answer's kind, when the answer is one: a year's draft
    explained by the sentence on the next year ("In 1728, ..." for 1722) invites mixing the two up."""
    for kind in (_YEAR, _FIGURE):
        asked = set(kind.findall(answer))
        if asked:
            return any(n not in asked for n in kind.findall(text))
    return False


def _spread(reading: Reading) -> dict[str, int]:
    """In how many sentences of the text each term stands."""
    cached = _SPREADS.get(id(reading))
    if cached is None or cached[0] is not reading:
        counts: dict[str, int] = {}
        for x in reading.lines:
            for t in set(terms(x.text)):
                counts[t] = counts.get(t, 0) + 1
        cached = _SPREADS[id(reading)] = (reading, counts)
        if len(_SPREADS) > 8:
            _SPREADS.pop(next(iter(_SPREADS)))
    return cached[1]


_SPREADS: dict[int, tuple[Reading, dict[str, int]]] = {}


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
