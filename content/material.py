"""A course's material: its text split into paragraphs and sentences with character spans."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from content.files import read_text
from content.text.fold import fold_marks, fold_marks_with_offsets
from content.text.patterns import Pattern
from content.text.search import WordIndex

# Six times the 5 MB material Tutor's budgets are set for (a long book is 3 MB): no course needs more.
MATERIAL_BYTES = 32 * 2**20

_PARAGRAPH_BREAK = Pattern(r"\n[ \t]*\n")
_HEADING = Pattern(r"#{1,6}\s")
# A heading in plain text: a paragraph of one short line that opens with a capital or a digit and ends
# without a sentence's mark ("Where Magma Comes From", "The Calvin Cycle"), before a paragraph of text.
_PLAIN_HEADING = Pattern(r"[A-Z0-9][^\n]{0,78}[^\s.!?,;:]")
PLAIN_HEADING_WORDS = 12

# pysbd splits well but slowly, and in time quadratic in a paragraph's length (one 200 KB line takes a minute):
# a material longer than this, or a paragraph longer than that, is split by `rule_spans` instead.
PYSBD_MATERIAL = 1_000_000
PYSBD_PARAGRAPH = 20_000
# A sentence longer than this is cut at its last clause break (or space) before it, so none runs unbounded.
LONGEST_SENTENCE = 2_000

# The end of a sentence: its marks, closing quotes or brackets, then space before what may open the next.
_END = Pattern(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f])")
# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev fr hon pres vs etc no nos fig figs vol "
    "vols pp ed eds approx dept univ inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave e.g "
    "i.e cf al u.s u.k u.n a.m p.m".split())


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the material, where it stands."""

    index: int  # position in the whole material, from 0
    paragraph: int  # index of its paragraph, from 0
    start: int  # character span in Material.text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the material, where it stands, and its text."""

    index: int
    start: int
    end: int
    text: str
    heading: bool
    sentences: range  # indexes into Material.sentences


@dataclass(frozen=True, slots=True)
class Location:
    """Where a passage stands, as a reader counts: paragraph 1 is the title heading when there is one."""

    paragraph: int  # from 1
    sentences: tuple[int, ...]  # within the paragraph, from 1

    def __str__(self) -> str:
        if len(self.sentences) == 1:
            return f"paragraph {self.paragraph}, sentence {self.sentences[0]}"
        return f"paragraph {self.paragraph}, sentences {self.sentences[0]}-{self.sentences[-1]}"


@dataclass(frozen=True, slots=True)
class Passage:
    """Where a quote stands: its span and the sentences it touches."""

    start: int
    end: int
    sentences: tuple[int, ...]

    @property
    def key(self) -> str:
        """Questions with the same key cite the same passage."""
        return f"s{self.sentences[0]}"


class Material:
    """Text split into paragraphs (blank-line separated) and sentences (pysbd)."""

    def __init__(self, text: str, name: str = "material") -> None:
        self.text = text.replace("\r\n", "\n")
        self.name = name
        self.paragraphs: list[Paragraph] = []
        self.sentences: list[Sentence] = []
        self._split()

    @classmethod
    def from_file(cls, path: Path) -> Material:
        """The material in a UTF-8 text file; Refused (an OSError) for anything else, before it is read."""
        return cls(read_text(path, MATERIAL_BYTES), name=str(path))

    def _split(self) -> None:
        from pysbd import Segmenter  # slow to import: only when material is split

        segmenter = Segmenter(language="en", clean=False, char_span=True)
        by_rule = len(self.text) > PYSBD_MATERIAL
        pos = 0
        for chunk in _PARAGRAPH_BREAK.split(self.text):
            start = self.text.index(chunk, pos) if chunk else pos
            pos = start + len(chunk)
            stripped = chunk.strip()
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip())
            end = start + len(stripped)
            heading = bool(_HEADING.match(stripped)) or self._plain_heading(stripped, self.text[pos:])
            first = len(self.sentences)
            if heading:
                pieces = [(0, len(stripped))]
            elif by_rule or len(stripped) > PYSBD_PARAGRAPH:
                pieces = rule_spans(stripped)
            else:
                pieces = [(span.start, span.end) for span in segmenter.segment(stripped)]
            for s, e in pieces:
                body = stripped[s:e]
                lead = len(body) - len(body.lstrip())
                body = body.strip()
                if not body:
                    continue
                if not any(c.isalnum() for c in body) and len(self.sentences) > first:
                    # pysbd sometimes leaves a closing quote mark on its own: keep it with its sentence
                    prev = self.sentences[-1]
                    new_end = start + s + lead + len(body)
                    self.sentences[-1] = Sentence(prev.index, prev.paragraph, prev.start, new_end,
                                                  self.text[prev.start:new_end])
                else:
                    self.sentences.append(
                        Sentence(len(self.sentences), len(self.paragraphs),
                                 start + s + lead, start + s + lead + len(body), body)
                    )
            self.paragraphs.append(
                Paragraph(len(self.paragraphs), start, end, stripped, heading,
                          range(first, len(self.sentences)))
            )

    @staticmethod
    def _plain_heading(paragraph: str, rest: str) -> bool:
        """Whether a paragraph of plain text is a heading: see _PLAIN_HEADING; text must follow it."""
        return (_PLAIN_HEADING.fullmatch(paragraph) is not None and len(paragraph.split()) <= PLAIN_HEADING_WORDS
                and any(c.isalpha() for c in rest))

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        """The text with marks folded, and for each folded character its offset in self.text."""
        return fold_marks_with_offsets(self.text)

    def word_index(self) -> WordIndex:
        """An index of the folded text for `find`, worth building for many quotes of a long material."""
        return WordIndex(self._folded[0])

    def find(self, quote: str, words: WordIndex | None = None) -> Passage | None:
        """The passage a quote stands for, tolerating whitespace and typographic marks only; the same
        with or without the `words` of `word_index()`, sooner with them."""
        needle = fold_marks(quote).strip()
        if not needle:
            return None
        folded, offsets = self._folded
        at = folded.find(needle) if words is None else words.find(needle)
        if at < 0:
            return None
        start, end = offsets[at], offsets[at + len(needle) - 1] + 1
        starts, ends = self._spans
        # The sentences touched: those ending after the start and starting before the end.
        return Passage(start, end, tuple(range(bisect_right(ends, start), bisect_left(starts, end))))

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        """The sentences' starts and ends, both in order as the sentences follow one another in the text."""
        return [s.start for s in self.sentences], [s.end for s in self.sentences]

    def location(self, sentences: list[int] | tuple[int, ...]) -> Location:
        """Where these sentences (indexes into `sentences`, one paragraph) stand for a reader."""
        paragraph = self.paragraphs[self.sentences[sentences[0]].paragraph]
        return Location(paragraph.index + 1, tuple(n - paragraph.sentences.start + 1 for n in sentences))

    @property
    def title(self) -> str | None:
        if self.paragraphs and self.paragraphs[0].heading:
            return self.paragraphs[0].text.lstrip("#").strip()
        return None


def rule_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` by a plain rule, in time linear in its length: a full stop, question or
    exclamation mark (and closing quotes) before space and a capital or digit ends a sentence, unless it
    ends an abbreviation ("Dr.", "e.g.") or an initial ("J. R. R. Tolkien")."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            word = re.search(r"([\w.]+)$", text[max(start, m.start() - 20):m.start()])
            if word and (word.group(1).casefold() in _ABBREVIATIONS
                         or len(word.group(1)) == 1 and word.group(1).isupper()):
                continue
        spans.extend(_bounded(text, start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.extend(_bounded(text, start, len(text)))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut into pieces of at most LONGEST_SENTENCE characters, at a clause break or a space."""
    pieces = []
    while end - start > LONGEST_SENTENCE:
        window = text[start:start + LONGEST_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(": "))
        if cut < LONGEST_SENTENCE // 4:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else LONGEST_SENTENCE
        pieces.append((start, start + cut))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
