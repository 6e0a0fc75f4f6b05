"""Where an accepted form stands in a response: word for word, run together, a person's shorter name, or a typo.

A form is found as a window of the response's words. What stands around the window is judged apart
(see `content.grading.claims`): here only the window itself must say the form.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from content.grading.known import Known, Name
from content.grading.reading import ARTICLES, DATE_MARK, Reading, is_number, read, when_of
from content.text.names import NAME_PARTS_NOT_NAMES


@dataclass(frozen=True, slots=True)
class Form:
    """An accepted form of the answer, read once."""

    text: str  # as the bank writes it
    words: tuple[str, ...]
    codes: frozenset[str]  # its words that are acronyms: typed exactly or not at all

    @property
    def figures(self) -> tuple[str, ...]:
        """Its numbers and dates, which a response must give exactly."""
        return tuple(w for w in self.words if is_figure(w))


@dataclass(frozen=True, slots=True)
class Found:
    """An accepted form found in a response, where, and how it matched."""

    form: Form
    start: int  # the window of the response's words that says the form
    end: int
    how: str  # "exact", "name" (a person's shorter name), "typo"


def is_figure(word: str) -> bool:
    return is_number(word) or word.startswith(DATE_MARK)


def forms_of(accepted: Sequence[str], known: Known, dates: bool) -> list[Form]:
    forms = []
    for text in accepted:
        reading = read(text, dates)[0]
        if reading.words:
            written = {w.casefold() for w in text.replace("-", " ").split() if w.isupper() and len(w) > 1}
            codes = frozenset(w for w in reading.words if w in known.codes or not known.cased and w in written)
            forms.append(Form(text, reading.words, codes))
            if len(reading.words) > 1 and reading.words[0] in ARTICLES:
                forms.append(Form(text, reading.words[1:], codes))  # "fourth" for "The fourth", "town" for "the town"
    return forms


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


def same_word(said: str, form: str, known: Known) -> bool:
    """Whether a word of the response says a word of the form (a date: every part of it, the same)."""
    if said.startswith(DATE_MARK) or form.startswith(DATE_MARK):
        a, b = when_of(said), when_of(form)
        return a is not None and b is not None and a.agrees_with(b)
    return known.same(said, form)


def person_of(forms: Sequence[Form], known: Known) -> Name | None:
    """The person the answer names, by the fullest name the bank or material knows them by; None if no person.

    A known person's name is theirs when it holds all the words of one of the forms ("Keita" is Ibrahim
    Boubacar Keita's); of several, the one the forms themselves spell, else none (two Keitas).
    """
    own = {w for f in forms for w in f.words}
    candidates = {name for f in forms for name in known.people.get(f.words[-1], ())
                  if {w for w in f.words if w not in NAME_PARTS_NOT_NAMES} <= set(name)}
    spelt = [n for n in candidates if set(n) <= own]
    if spelt:
        return max(spelt, key=len)
    return next(iter(candidates)) if len(candidates) == 1 else None


def find(reading: Reading, forms: Sequence[Form], person: Name | None, known: Known) -> Iterator[Found]:
    """The windows of the response that say one of the forms, the fullest and plainest first."""
    words = reading.words
    by_length = sorted(forms, key=lambda f: -len(f.words))
    for form in by_length:
        k = len(form.words)
        for i in range(len(words) - k + 1):
            if all(same_word(words[i + j], form.words[j], known) for j in range(k)):
                yield Found(form, i, i + k, "exact")
    for form in by_length:
        joined = "".join(known.canonical(w) for w in form.words)
        for size in range(1, len(form.words) + 3):
            for i in range(len(words) - size + 1):
                if size != len(form.words) and "".join(known.canonical(w) for w in words[i:i + size]) == joined:
                    yield Found(form, i, i + size, "exact")
    if person is not None:
        found = _shorter_name(words, person, forms)
        if found is not None:
            yield found
    yield from _typos(reading, by_length, known)


def _shorter_name(words: tuple[str, ...], person: Name, forms: Sequence[Form]) -> Found | None:
    """A person named by part of their name that keeps the surname ("Ibrahim Keita", "Keita")."""
    surname = person[-1]
    own = {w for f in forms for w in f.words}
    for end in range(len(words), 0, -1):
        if words[end - 1] != surname:
            continue
        start = end - 1
        at = len(person) - 1  # where in the full name the window's first word stands
        while start > 0:
            earlier = [j for j in range(at) if person[j] == words[start - 1]]
            if not earlier:
                break
            start, at = start - 1, earlier[-1]
        window = words[start:end]
        if any(w not in NAME_PARTS_NOT_NAMES for w in window) and all(w in own or w in person for w in window):
            form = max(forms, key=lambda f: len(f.words))
            return Found(form, start, end, "name")
    return None


def _typos(reading: Reading, forms: Sequence[Form], known: Known) -> Iterator[Found]:
    """Windows a small typo away from a form, nearest first: not in codes, numbers or dates, nor onto
    another name's word, nor nearer another entity than the answer."""
    from rapidfuzz.distance import OSA

    words = reading.words
    own = {w for f in forms for w in f.words}
    own_names = {" ".join(f.words) for f in forms}
    found: list[tuple[int, int, Found]] = []
    for form in forms:
        target = " ".join(form.words)
        allowed = typos_allowed(target)
        if not allowed:
            continue
        k = len(form.words)
        for size in {k - 1, k, k + 1} - {0}:
            for i in range(len(words) - size + 1):
                window = words[i:i + size]
                if tuple(w for w in window if is_figure(w)) != form.figures:
                    continue
                if any(c not in window for c in form.codes):
                    continue
                said = " ".join(window)
                distance = OSA.distance(said, target, score_cutoff=allowed + 1)
                if not 0 < distance <= allowed:
                    continue
                # A "typo" that lands on another name's word names that other ("Mahmoud Ag Ghali").
                if any(w not in own and w in known.name_words for w in window):
                    continue
                found.append((distance, -size, Found(form, i, i + size, "typo")))
    for distance, _, typo in sorted(found, key=lambda t: t[:2]):
        if not known.nearer_a_rival(" ".join(words[typo.start:typo.end]), distance, own_names):
            yield typo
