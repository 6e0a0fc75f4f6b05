"""The general English lexicon, kept as data in `lexicon/` so that it can be read and grown without code.

- `thesaurus.tsv`: groups of near-synonyms in the register of news and history writing, in any inflected
  form (they are stemmed where used). A question's word is searched with the other words of its groups.
- `canonical.tsv`: stems indexed as one term, so that a sentence saying two of them counts once.
- `irregular.tsv`: irregular verb forms and their base form, which stemming cannot find.
- `phrases.tsv`: phrasal verbs and set phrases read as one word, since their particles are stopwords.
- `stopwords.txt`: words too common to search for.
- `openers.txt`: words that open a sentence capitalised without being part of a name ("Despite", "Since").
- `common.txt`: the commonest English words (from wordfreq's frequencies; CC BY-SA 4.0, see its header),
  too general to be the term a question asks for.
- `epithets.txt`: the words that follow a name after "the" as part of it ("Alexander the Great").
- `particles.tsv`: the lower-case particles of names in other languages ("van", "von", "al", "bin"), the
  articles among them, and those bound to a name by a hyphen.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).with_name("lexicon")


def _rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated lexicon file, '#' lines and blank lines left out."""
    lines = (LEXICON / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _groups(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.strip() for w in row if w.strip()) for row in _rows(name))


GROUPS: tuple[tuple[str, ...], ...] = _groups("thesaurus.tsv")
CANONICAL: dict[str, str] = {word: group[0] for group in _groups("canonical.tsv") for word in group}
IRREGULAR: dict[str, str] = {form: row[0] for row in _groups("irregular.tsv") for form in row[1:]}
OPENERS: frozenset[str] = frozenset(
    word for line in (LEXICON / "openers.txt").read_text(encoding="utf-8").splitlines()
    if not line.lstrip().startswith("#") for word in line.split()
)
EPITHETS: frozenset[str] = frozenset(
    word for line in (LEXICON / "epithets.txt").read_text(encoding="utf-8").splitlines()
    if not line.lstrip().startswith("#") for word in line.split()
)
_PARTICLE_ROWS = {row[0].strip(): {w.strip() for w in row[1:] if w.strip()} for row in _rows("particles.tsv")}
NAME_ARTICLES: frozenset[str] = frozenset(_PARTICLE_ROWS.pop("articles", ()))
NAME_BOUND: frozenset[str] = frozenset(_PARTICLE_ROWS.pop("bound", ()))
NAME_PARTICLES: frozenset[str] = frozenset(w for ws in _PARTICLE_ROWS.values() for w in ws) | NAME_ARTICLES
STOPWORDS: frozenset[str] = frozenset(
    word for line in (LEXICON / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    if not line.lstrip().startswith("#") for word in line.split()
)


@cache
def _common() -> frozenset[str]:
    lines = (LEXICON / "common.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def common(word: str) -> bool:
    """Whether a word is among the commonest of English ("body", "metal"; not "xylem", "alloy")."""
    return word.lower() in _common()


@cache
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"\b{row[0]}\b", re.IGNORECASE), row[1].strip() or " ") for row in _rows("phrases.tsv"))


def rewrite_phrases(text: str) -> str:
    """The text with its phrasal verbs as one word ("set up" -> "create"), for searching."""
    for pattern, word in _phrases():
        text = pattern.sub(word, text)
    return text
