"""Words, stems and index terms of English text."""

from __future__ import annotations

import re
from functools import lru_cache

from content.text.fold import fold_marks, strip_accents
from content.text.lexicon import CANONICAL, IRREGULAR, STOPWORDS

_FOLD_APOSTROPHE = re.compile(r"['\u2019]s\b|['\u2019]")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def words(text: str) -> list[str]:
    """Lower-case words without diacritics; a number is one word ("10,000" -> "10000", "6.5" -> "6p5")."""
    text = fold_marks(text)
    if not text.isascii():
        text = strip_accents(text)
    text = _FOLD_APOSTROPHE.sub("", text.casefold())
    out = []
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            token = token.replace(",", "").replace(".", "p")
        out.append(token)
    return out


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -tion, final e; enough to match 'killed' with 'killing'.

    Irregular forms ("brought", "took") go to their base form first.
    """
    word = IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    # British and American spellings as one: organised, organized, organiser, organisation -> organiz.
    if len(word) > 6 and word not in _NOT_ISE:
        word = _ISE.sub(r"iz\1", word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("ship") and len(word) > 8:  # leadership, relationship
        word = word[:-4]
    if word.endswith("ment") and len(word) > 8:  # agreement, disagreement, deployment
        word = word[:-4]
    if word.endswith(("tion", "sion")) and len(word) > 6:
        word = word[:-3]
    while word.endswith("e") and len(word) > 4:  # disagree, disagreed, disagreement
        word = word[:-1]
    if word.endswith(("izer", "izat")):
        word = word[:-2]
    return word


_ISE = re.compile(r"is(e|es|ed|ing|er|ers|ation|ations)$")
_NOT_ISE = frozenset({"crises", "analyses", "bases", "theses", "premises", "franchise", "franchises", "expertise",
                      "otherwise", "enterprise", "enterprises", "exercise", "exercises", "exercised", "exercising",
                      "compromise", "compromises", "compromised", "surprise", "surprised", "surprises", "supervise",
                      "supervised", "advise", "advised", "advises", "advising", "adviser", "advisers", "revise",
                      "revised", "televised", "despise", "despised", "precise", "concise", "promise", "promised",
                      "promises", "raise", "raised", "raises", "raising", "praise", "praised", "rise", "rises",
                      "arise", "arises", "arising", "noise", "poise", "wise", "devise", "devised", "disguise",
                      "disguised", "demise", "merchandise", "cruise", "chemise"})


def terms(text: str) -> list[str]:
    """The indexed terms of a text: stems of its words, stopwords left out, synonyms as one."""
    out = []
    for w in words(text):
        if w not in STOPWORDS:
            t = stem(w)
            out.append(CANONICAL.get(t, t))
    return out


@lru_cache(maxsize=1 << 16)
def term_of(word: str) -> str | None:
    """The index term of one word, or None for a stopword."""
    found = terms(word)
    return found[0] if found else None
