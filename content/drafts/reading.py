"""A material read once for drafting: each sentence's words, names, dates and counts, and what the whole
text says about them (who is a person and in what role, which names are places, the section of each
sentence). Every question kind drafts from this reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from content.material import Material
from content.text.dates import Span, counts_in, dates_in
from content.text.lexicon import STOPWORDS
from content.text.names import name_runs

TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_][\w’'-]*|[^\w\s]")
YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b(?!s)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufffd]")
# Words opening a sentence that lean on the one before: a sentence opening so reads badly alone.
LEANING = frozenset({"he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "its", "their",
                     "such", "both", "another", "also", "then", "there", "here", "him", "them", "we", "our", "i"})

ROLES = frozenset("""
chemist physicist historian writer engineer architect metallurgist doctor physician pharmacist ironmaster
scientist astronomer mathematician philosopher poet novelist author inventor explorer leader president minister
king queen emperor empress general politician expert specialist journalist economist biologist geologist botanist
naturalist painter composer artist priest bishop monk missionary merchant lawyer judge senator governor officer
commander admiral activist reformer revolutionary founder entrepreneur industrialist businessman
banker diplomat ambassador astronaut researcher professor scholar sociologist psychologist anthropologist
archaeologist linguist theologian ruler sultan chief secretary spokesman spokesperson director chairman
chairwoman prince princess duke playwright photographer surgeon mayor colonel captain pope pharaoh tsar
czar prophet critic editor publisher teacher economist statesman monarch viceroy chancellor premier
analyst advisor adviser official strategist geographer cartographer navigator pilot physiologist
anatomist geneticist zoologist ecologist meteorologist chemists physicists
""".split())
# Capitalised words that stand for a role before a name ("Pope Pius II", "Foreign Minister Djibril Bassole").
TITLES = frozenset({"Pope", "King", "Queen", "Emperor", "Empress", "President", "Minister", "General", "Prince",
                    "Princess", "Duke", "Sultan", "Chief", "Secretary", "Senator", "Governor", "Mayor", "Colonel",
                    "Captain", "Admiral", "Bishop", "Saint", "St", "Sir", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms",
                    "Professor", "Chancellor", "Premier", "Tsar", "Czar", "Pharaoh", "Baron", "Count"})
NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ish|ese|ic|ch|i|ss|ek|ai)$|Greek|Swiss|Thai|Dutch|French|British$")
# Words that make a name an organisation, a document or an event, never a place or a person.
ORG_WORDS = frozenset("""
Academy University Council Company Compagnie Mission Movement Group Party Front Army Agency Society Institute
Ministry Watch Organization Organisation Coalition Alliance Assembly Congress Parliament Court Commission Committee
Bank Union Rights Declaration Constitution Revolution War Process System Accord Agreement Treaty Act Law
Exposition Expo Crusades Age Ages Era Rebellion Revolt Blockade Cortes Inquisition Church State States Service
Forces Force Movements History Wars Office Department Board Federation League Corporation Institution Program Programme
""".split())
_KEPT_TITLES = frozenset({"Pope", "King", "Queen", "Saint", "St", "Sir", "Baron", "Count", "Lord", "Lady", "Prince",
                          "Princess", "Duke", "Emperor", "Empress", "Tsar", "Czar", "Pharaoh", "Sultan"})
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
# A number right after a capitalised word belongs to a name ("Voyager 2", "Pioneers 10 and 11").
_NAMED_NUMBER = re.compile(r"[A-Z][\w'’-]*\s+(?:\d+\s+and\s+)?$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|into|across|throughout|toward|towards)\s+(?:the\s+)?$",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # as first written in full
    role: str  # "German chemist", "" when the text gives none
    sentence: int  # where the role is given (or the name first stands)
    quote: str  # the words naming the person with the role, verbatim

    @property
    def surname(self) -> str:
        return surname(self.name)


def surname(name: str) -> str:
    words = name.split()
    if len(words) > 1 and (_ROMAN.match(words[-1]) or words[-1] in {"Elder", "Younger", "Great"}):
        return words[0] if words[0] not in TITLES else words[1]
    return words[-1]


@dataclass
class Line:
    """One sentence of the material, with what drafting needs of it."""

    index: int
    text: str
    section: str  # the heading above it ("" for none)
    paragraph: int
    tokens: list[Token]
    names: list[Span]
    dates: list[Span]
    years: list[Span]
    counts: list[Span]
    usable: bool  # a plain prose sentence a question may stand on

    @property
    def words(self) -> int:
        return sum(t.text[0].isalnum() for t in self.tokens)

    @property
    def leans(self) -> bool:
        """Whether it opens with a word that needs the sentence before ("He", "This", "Both")."""
        first = next((t.lower for t in self.tokens if t.text[0].isalnum()), "")
        return first in LEANING


@dataclass
class Reading:
    material: Material
    lines: list[Line]
    common: frozenset[str]  # words the text writes in lower case somewhere
    persons: dict[str, Person] = field(default_factory=dict)  # by full name
    capitalized: frozenset[str] = frozenset()  # words written capitalised inside a sentence somewhere
    places: set[str] = field(default_factory=set)

    @cached_property
    def by_surname(self) -> dict[str, Person]:
        out: dict[str, Person] = {}
        for p in self.persons.values():
            out.setdefault(p.surname, p)
        return out

    def person(self, name: str) -> Person | None:
        """The person a name stands for: the full name, or a surname used alone."""
        return self.persons.get(name) or (self.by_surname.get(name) if " " not in name else None)

    def is_common(self, word: str) -> bool:
        return word.casefold() in self.common or word.casefold() in STOPWORDS

    def line(self, index: int) -> Line:
        """The sentence of that index in the material."""
        return self._by_index[index]

    @cached_property
    def _by_index(self) -> dict[int, Line]:
        return {line.index: line for line in self.lines}

    @cached_property
    def all_years(self) -> list[int]:
        return sorted({int(y.text) for line in self.lines for y in line.years})

    @cached_property
    def word_count(self) -> int:
        return sum(line.words for line in self.lines)


def read(material: Material) -> Reading:
    """The reading of a material: its sentences analysed, persons and places gathered."""
    text = material.text
    lower = {m.group().casefold() for m in re.finditer(r"(?<![\w’'-])[a-z][\w’'-]*", text)}
    common = frozenset(lower)
    reading = Reading(material, [], common)
    reading.capitalized = frozenset(m.group(1) for m in re.finditer(r"(?<=[\w,;:)’'\"”] )([A-Z][\w’'-]*)", text))
    section = ""
    for paragraph in material.paragraphs:
        if paragraph.heading:
            section = paragraph.text.lstrip("#").strip()
            continue
        for n in paragraph.sentences:
            s = material.sentences[n]
            reading.lines.append(_line(s.index, s.text, section, paragraph.index, reading))
    if reading.lines and material.title and all(line.section == material.title for line in reading.lines):
        for line in reading.lines:
            line.section = ""  # only the title above: no sections to speak of
    _mark_broken_splits(reading)
    _gather_persons(reading)
    _gather_places(reading)
    return reading


_OPENING = re.compile(r"[“\"‘']?(?:[A-Z]|(?:1[0-9]\d\d|20\d\d)\b)")
_CUT_END = re.compile(r"(?:^|\s)[A-Za-z]\.$")


def whole(text: str) -> bool:
    """Whether a sentence reads as a whole one: it opens with a capital (or a year), holds no editor's mark
    ("[citation needed]"), and does not end on a lone letter (a split inside "O2", "St. Johns")."""
    text = text.strip()
    return bool(_OPENING.match(text)) and "[" not in text and not _CUT_END.search(text)


def _mark_broken_splits(reading: Reading) -> None:
    """A sentence followed in its paragraph by one that opens in lower case or with a number was split
    where it should not have been: neither reads alone."""
    for line, after in zip(reading.lines, reading.lines[1:]):
        if after.paragraph == line.paragraph and re.match(r"[\W_]*(?:[a-z]|\d)", after.text.strip()) \
                and not _OPENING.match(after.text.strip()):
            line.usable = after.usable = False
            line.names = after.names = []


def _line(index: int, text: str, section: str, paragraph: int, reading: Reading) -> Line:
    tokens = [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    usable = (not _CONTROL.search(text) and 5 <= sum(t.text[0].isalnum() for t in tokens) <= 90
              and text.rstrip()[-1:] in ".!\"”’')" and not text.rstrip().endswith("?") and whole(text))
    dates = dates_in(text)
    years = [Span(m.start(), m.end(), m.group()) for d in dates for m in YEAR.finditer(text, d.start, d.end)]
    counts = [c for c in counts_in(text) if not any(c.start < y.end and y.start < c.end for y in years)
              and not _NAMED_NUMBER.search(text, 0, c.start)]
    names = [_with_particle(text, s) for s in name_runs(text, reading.is_common)] if usable else []
    return Line(index, text, section, paragraph, tokens, names, dates, years, counts, usable)


_PARTICLE_BEFORE = re.compile(r"\b(?:Ag|Al|El|De|Van|Von|Le|La|Du)\s+$")
_PARTICLE_AFTER = re.compile(r"\s+(?:d[’']|de\s+|du\s+|von\s+|van\s+|da\s+|ag\s+|al\s+)[A-Z][\w’'-]+")


def _with_particle(text: str, span: Span) -> Span:
    """A name with the particle the name runs left out: "Ag Ghali" (not "Ghali"), "Baron d'Hénouville"."""
    start, end = span.start, span.end
    before = _PARTICLE_BEFORE.search(text, 0, start)
    if before:
        start = before.start()
    after = _PARTICLE_AFTER.match(text, end)
    if after:
        end = after.end()
    return span if (start, end) == (span.start, span.end) else Span(start, end, text[start:end])


def _role_before(line: Line, start: int) -> tuple[str, int] | None:
    """The role words right before a name ("German chemist", "French chemist and pharmacist") and where
    they start, when the word right before the name is a role noun."""
    before = [t for t in line.tokens if t.end <= start]
    if not before or before[-1].lower not in ROLES or not before[-1].text.islower():
        return None
    k = len(before) - 1
    while k > 0 and (before[k - 1].text.islower() and before[k - 1].text.isalpha() and len(before) - k < 4
                     and before[k - 1].lower not in STOPWORDS | {"and"} or before[k - 1].lower == "and"
                     and k > 1 and before[k - 2].lower in ROLES):
        k -= 1
    while k > 0 and NATIONALITY.match(before[k - 1].text) and len(before) - k < 6:
        k -= 1
    return line.text[before[k].start:before[-1].end], before[k].start


_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the)\s+)?([^,;.()]{1,80})")


def _role_after(line: Line, end: int) -> tuple[str, int] | None:
    """The role an appositive gives right after a name ("X, a former Tuareg rebel leader,") and its end."""
    m = _APPOSITIVE.match(line.text, end)
    if not m:
        return None
    for k, word in enumerate(re.finditer(r"[\w’'-]+", m.group(1))):
        if k > 5 or k == 0 and (word.group()[0].isupper() or word.group().lower() in STOPWORDS | {"and"}):
            return None
        after = m.group(1)[word.end():]
        if word.group() in ROLES and (not after.strip() or re.match(r"\s+(?:of|who|in|and|for|at)\b", after)):
            return m.group(1)[:word.end()], m.start(1) + word.end()
    return None


def _gather_persons(reading: Reading) -> None:
    for line in reading.lines:
        if not line.usable:
            continue
        for span in line.names:
            name, role, start, end = span.text, "", span.start, span.end
            words = name.split()
            titled = [k for k, w in enumerate(words[:-1]) if w in TITLES and words[k + 1][0].isupper()]
            if any(w in ORG_WORDS for w in words):
                continue
            found = _role_before(line, span.start)
            if found:
                role, start = found
            elif titled:
                k = titled[-1]
                role = " ".join(words[:k + 1])
                name = name if words[k] in _KEPT_TITLES else " ".join(words[k + 1:])
            elif after := _role_after(line, span.end):
                role, end = after
            elif not _ROMAN.match(words[-1]) or len(words) < 2 or words[-1] == "I":
                continue  # "Louis XIV" is a person without a title; "World War I", "Warsaw I" are not
            first, _, second = name.partition(" and ")
            for one in (first, second):
                if one and len(one.split()) <= 5 and one not in reading.persons and not NATIONALITY.match(one):
                    single = role[:-1] if role.endswith(("ists", "ers", "ors", "ians")) and second else role
                    reading.persons[one] = Person(one, single, line.index, line.text[start:end])
    # A surname alone also names a person: "Davy" once "British chemist Humphry Davy" is known.
    for p in list(reading.persons.values()):
        if surname(p.name) in reading.persons and surname(p.name) != p.name:
            del reading.persons[surname(p.name)]


def _gather_places(reading: Reading) -> None:
    for line in reading.lines:
        for span in line.names:
            words = span.text.split()
            if (len(words) > 3 or any(w in ORG_WORDS or w in TITLES for w in words) or reading.person(span.text)
                    or YEAR.search(span.text) or not span.text[0].isupper() or span.text.isupper()):
                continue
            if NATIONALITY.match(words[-1].rstrip("s")) or " and " in span.text or " to " in span.text:
                continue
            if _PLACE_BEFORE.search(line.text, 0, span.start) and not re.match(r"[’']s\b", line.text[span.end:]) \
                    and not span.text.endswith(("'s", "’s")):
                after = line.text[span.end:span.end + 12]
                if re.match(r"\s+(?:[A-Z]|\d)", after):  # "in Natural History" stays out
                    continue
                if NATIONALITY.match(span.text) and re.match(r"\s+[a-z]", after):  # "in European pharmacy"
                    continue
                reading.places.add(span.text)
