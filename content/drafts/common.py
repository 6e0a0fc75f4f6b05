"""What every drafted question carries besides its own fields: the facts it asks (so that no two drafts ask
the same), the sentence it stands on (so that drafts spread over the text), a score (so that the best are
kept), and the checks a draft must pass before it is offered (no prompt copied from the material, no
answer given away by its own prompt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from content.drafts.reading import Reading
from content.matching import normalize
from content.questions import Question
from content.questions.truefalse import copied_share

# The lint's limit is 10 words in a row from the material (content.lint.COPIED_PROMPT_WORDS): stay under it.
MAX_COPIED_RUN = 9
# The lint warns on a statement or explain with this share of its words copied: stay well under it.
MAX_COPIED_SHARE = 0.55


@dataclass
class Draft:
    question: Question
    score: float
    line: int  # index into Reading.lines of the sentence it mainly stands on
    facts: frozenset[str]  # what it asks: normalized answer and sentence, one key per fact
    family: str = ""  # drafts of one family ("acronym", "role") are kept to a share of the bank

    @property
    def type(self) -> str:
        return self.question.type


def fact(answer: str, sentence: str) -> str:
    """The key of what a draft asks: its answer in its sentence (the same sentence twice is one)."""
    return f"{normalize(answer)}@{normalize(sentence)}"


class Copies:
    """Runs of words of the material, to tell whether a prompt copies it."""

    def __init__(self, reading: Reading) -> None:
        self.words = normalize(reading.material.text).split()

    @cached_property
    def _runs(self) -> set[tuple[str, ...]]:
        n = MAX_COPIED_RUN + 1
        return {tuple(self.words[k:k + n]) for k in range(len(self.words) - n + 1)}

    def copied(self, text: str) -> bool:
        """Whether the text has more than MAX_COPIED_RUN words in a row from the material."""
        words = normalize(text).split()
        n = MAX_COPIED_RUN + 1
        return any(tuple(words[k:k + n]) in self._runs for k in range(len(words) - n + 1))


def restates(text: str, quote: str) -> bool:
    """Whether a statement or explanation is mostly the quote's own words."""
    return copied_share(normalize(text), normalize(quote), least=MAX_COPIED_SHARE) >= MAX_COPIED_SHARE


def gives_away(prompt: str, answers: list[str]) -> bool:
    """Whether a prompt names its own answer."""
    text = f" {normalize(prompt)} "
    return any(f" {normalize(a)} " in text for a in answers if normalize(a))


_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that do not decompose into a plain letter and a mark.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i"})


def slug(text: str, limit: int = 40) -> str:
    from content.text.fold import strip_accents

    out = _SLUG.sub("-", strip_accents(text).lower().translate(_LETTERS)).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] or out[:limit]
    return out or "q"


def a(phrase: str) -> str:
    """The phrase with its indefinite article: "an American chemist", "a Swedish chemist", "a union"."""
    first = phrase.split()[0].lower() if phrase.split() else ""
    vowel = (first[:1] in set("aeio") and not first.startswith(("eu", "one", "once"))
             or first[:1] == "u" and not first.startswith(("uni", "use", "usu", "uti", "ura", "ure")))
    return f"{'an' if vowel or first in {'hour', 'honest', 'heir'} else 'a'} {phrase}"


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def ends(text: str, mark: str = ".") -> str:
    text = text.rstrip(" ,;:")
    return text if text[-1:] in ".!?" else text + mark


@dataclass
class Context:
    """What every kind's drafting reads: the material read, its runs of words, each sentence's topic."""

    reading: Reading
    copies: Copies
    topics: dict[int, str]  # by sentence index

    @classmethod
    def of(cls, reading: Reading) -> Context:
        from content.drafts.topics import topics

        return cls(reading, Copies(reading), topics(reading))

    @cached_property
    def heads(self) -> frozenset[str]:
        """The head words of the text's names ("court" of "Federal Constitutional Court"): see gate.unnamed."""
        from content.drafts.gate import name_heads

        return name_heads(self.reading.material.text)

    @cached_property
    def shared_heads(self) -> frozenset[str]:
        """The head words two or more of the text's names share ("bank": Bank of England, Bank of Japan)."""
        from content.drafts.gate import shared_heads

        return shared_heads(self.reading.material.text)
