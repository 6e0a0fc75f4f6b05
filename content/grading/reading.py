"""A typed line read the way a teacher reads it: folded words, numbers as digits, dates as dates, clauses apart.

"The town of Moura, in central Mali's Mopti region" reads as two clauses, ``the town of moura`` and
``in central mali 's mopti region``; "the 20th of June, 2015" as the one word ``@2015-06-20`` when dates
are asked for; "nineteen sixty" as ``1960``; "&" as ``and``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from content.text.dates import MONTH_NUMBER, MONTHS, When, written_dates
from content.text.fold import fold_marks, strip_accents
from content.text.patterns import Pattern

DATE_MARK = "@"
POSSESSIVE = "'s"

# Clause breaks: commas (not inside a number), semicolons, colons, brackets, question and exclamation
# marks, full stops that end a sentence, dashes set apart by spaces.
_CLAUSE_BREAK = Pattern(r"(?<!\d),|,(?!\d{3}\b)|[;:()\[\]{}?!]|(?<=[a-z]{3})\.(?=\s)|\s-+\s|\s-+$|^-+\s")
_NUMBER_SIGN = Pattern(r"\b(?:no|nr|n[o°º])\.\s*(?=\d)|#\s*(?=\d)")  # "resolution no. 2100"
_THOUSANDS = Pattern(r"(?<=\d),(?=\d{3}\b)")
_DOTTED_ACRONYM = Pattern(r"\b(?:[a-z]\.){2,}")
_TOKEN = Pattern(rf"{DATE_MARK}[\d-]+|\d+(?:\.\d+)?(?:st|nd|rd|th)?(?![\w])|[^\W_]+(?:'s\b)?|/")
_ORDINAL = Pattern(r"^(\d+)(?:st|nd|rd|th)$")
_MONTH_SHORT = {short: MONTHS[n - 1] for short, n in MONTH_NUMBER.items()}

_TEENS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# A year said in two halves ("nineteen sixty", "twenty twelve", "nineteen ninety-six"), which
# text2num reads as two numbers.
_SPOKEN_YEAR = Pattern(
    rf"\b(eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)[\s-]+"
    rf"((?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|oh[\s-]+(?:{_UNITS}))\b"
)
_NUMBER_WORD = Pattern(rf"\b(?:{_UNITS}|{_TEENS}|{_TENS}|hundred|thousand|million|billion|zero"
                          r"|first|second|third|fifth|eighth|ninth|twelfth|\w+ieth|\w+th)\b")


# A number in digits with its scale in words ("6.5 million"), which text2num leaves apart.
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALED = Pattern(r"\b(\d+(?:\.\d+)?)\s+(thousand|million|billion)\b")


def format_number(value: float) -> str:
    """1822.0 -> "1822", 3.14 -> "3.14": as a teacher writes it."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True, slots=True)
class Reading:
    """A response read into words, each with its clause."""

    words: tuple[str, ...]
    clauses: tuple[int, ...]  # the clause each word stands in, from 0

    def clause(self, n: int) -> tuple[str, ...]:
        return tuple(w for w, c in zip(self.words, self.clauses) if c == n)


def date_word(when: When) -> str:
    """A date as one word: "@2017-10-15", "@2021-12", "@-06-20" (a day of a month, no year)."""
    return DATE_MARK + "-".join([str(when.year or ""), *[f"{p:02d}" for p in (when.month, when.day) if p]])


def when_of(word: str) -> When | None:
    """The date a date word stands for, or None for any other word."""
    if not word.startswith(DATE_MARK):
        return None
    year, *rest = word[1:].split("-")
    return When(int(year) if year else None, *(int(p) for p in rest))


def is_number(word: str) -> bool:
    return word[:1].isdigit()


def _spoken_year(m: re.Match[str]) -> str:
    from text_to_num import text2num

    century = text2num(m.group(1), "en")
    rest = re.sub(r"^oh[\s-]+", "", m.group(2))
    return str(century * 100 + text2num(rest.replace(" ", "-"), "en"))


def digits_for_words(text: str) -> str:
    """Number words as digits ("two hundred and three" -> "203", "twenty-seventh" -> "27th")."""
    if not _NUMBER_WORD.search(text):
        return text
    from text_to_num import alpha2digit  # imported on first use, off the start-up path

    text = _SCALED.sub(lambda m: format_number(float(m.group(1)) * _SCALE[m.group(2)]), text)
    return alpha2digit(_SPOKEN_YEAR.sub(_spoken_year, text), "en")


def fold(text: str) -> str:
    """Lower case, no diacritics, plain marks, "and" for "&", digits for number words, no thousands commas."""
    text = strip_accents(fold_marks(text)).casefold().replace("&", " and ")
    text = _NUMBER_SIGN.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    text = digits_for_words(text)
    return _THOUSANDS.sub("", text)


def _words(clause: str) -> list[str]:
    clause = re.sub(r"'(?!s\b)", "", clause)  # Jama'at -> jamaat; Mali's keeps its 's
    out: list[str] = []
    for token in _TOKEN.findall(clause):
        if token.endswith(POSSESSIVE) and len(token) > 2:
            out += [token[:-2], POSSESSIVE]
            continue
        ordinal = _ORDINAL.match(token)
        out.append(ordinal.group(1) if ordinal else "or" if token == "/" else _MONTH_SHORT.get(token, token))
    return out


_ALPHA = Pattern(r"[a-z]{3,}")


def _month_spelt(m: re.Match[str]) -> str:
    """A month's name with a typo in it ("Decmber") spelt right, as a teacher would read it in a date."""
    from rapidfuzz.distance import OSA

    word = m.group()
    if word in MONTH_NUMBER:
        return word
    near = [month for month in MONTHS if len(month) >= 4 and OSA.distance(word, month, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else word  # "Jule" is June or July: left as typed


@lru_cache(maxsize=8192)
def read(text: str, dates: bool = False) -> tuple[Reading, ...]:
    """The ways the text may be read: one, or two for a date like 02/11/2016 that is read either way round.

    With `dates`, a date that names a month is one word (see `date_word`); without, its parts are words.
    """
    folded = fold(text)
    if dates:
        folded = _ALPHA.sub(_month_spelt, folded)
    spans = written_dates(folded) if dates else []
    choices: list[list[str]] = [[]]
    last = 0
    for span in spans:
        plain = folded[last:span.start]
        choices = [[*c, plain, f" {date_word(when)} "] for c in choices for when in span.readings]
        last = span.end
    readings = []
    for pieces in choices:
        whole = "".join([*pieces, folded[last:]])
        words: list[str] = []
        clauses: list[int] = []
        for n, clause in enumerate(_CLAUSE_BREAK.split(whole)):
            found = _words(clause)
            words += found
            clauses += [n] * len(found)
        # Clause numbers without gaps: empty clauses ("x,, y") count for nothing.
        renumber = {c: i for i, c in enumerate(dict.fromkeys(clauses))}
        readings.append(Reading(tuple(words), tuple(renumber[c] for c in clauses)))
    return tuple(readings)


@lru_cache(maxsize=1 << 14)
def words_of(text: str) -> tuple[str, ...]:
    """The words of a text as a response is read, clauses and dates aside."""
    return tuple(_words(_CLAUSE_BREAK.sub(" ", fold(text))))


ARTICLES = frozenset({"the", "a", "an"})
_NOT_WORD = Pattern(r"[^\w.]+|(?<!\d)\.|\.(?!\d)")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower case, no diacritics or punctuation, digits for number words, no leading article.

    The key other modules compare names and options by (lint, rivals, the study commands).
    """
    from text_to_num import alpha2digit  # imported on first use, off the start-up path

    text = strip_accents(fold_marks(text)).casefold()
    text = text.replace("'", "")
    words = alpha2digit(text, "en") if any(c.isalpha() for c in text) else text
    words = _THOUSANDS.sub("", words)
    words = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), words)
    tokens = _NOT_WORD.sub(" ", words).split()
    while len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens.pop(0)
    if tokens == ["one"]:  # alpha2digit leaves a lone "one" alone, being ambiguous in prose
        tokens = ["1"]
    return " ".join(tokens)


def singular(word: str) -> str:
    """The singular of an English plural ("Movements", "assemblies", "Russians"); other words as they are."""
    if len(word) < 5 or not word.isalpha() or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word
