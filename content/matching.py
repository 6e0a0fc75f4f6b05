"""Tolerant matching of a typed answer against the expected one, the way a fair teacher reads it.

A response is read (`content.grading.reading`), an accepted form is looked for in it
(`content.grading.forms`), and what it says besides is judged (`content.grading.claims`), all against
what the bank and its material know of names (`content.grading.known`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from content.grading.claims import refusal
from content.grading.forms import find, forms_of, person_of, typos_allowed
from content.grading.known import known_of
from content.grading.reading import DATE_MARK, normalize, read

__all__ = ["Match", "match_answer", "normalize", "typos_allowed"]


@dataclass(frozen=True, slots=True)
class Match:
    """The accepted form a response stands for, and how it was matched."""

    target: str  # the accepted form that matched, as written in the bank
    how: str  # "exact", "within" (with words around it), "name" (a person's shorter name) or "typo"


def match_answer(
    response: str, accepted: Iterable[str], rivals: frozenset[str] = frozenset()
) -> Match | None:
    """The accepted form the response stands for, or None.

    `accepted` is the answer then its aliases; `rivals` are the normalized names of other entities of
    the same bank (a `Known` when the bank was taught its material's names). A response that names
    another entity, hedges, takes the answer back or adds a second one is refused (see `refusal`).
    """
    known = known_of(rivals)
    accepted = list(accepted)
    dates = any(w.startswith(DATE_MARK) for a in accepted for w in read(a, True)[0].words)
    forms = forms_of(accepted, known, dates)
    person = person_of(forms, known)
    for reading in read(response, dates):
        for found in find(reading, forms, person, known):
            if refusal(reading, found, forms, person, known) is None:
                how = found.how
                if how == "exact" and len(reading.words) > found.end - found.start:
                    how = "within"
                return Match(found.form.text, how)
    return None
