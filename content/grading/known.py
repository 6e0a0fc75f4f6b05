"""What a bank and its material know of names, which a typed answer is judged against.

Built once for a bank (`teach`), then shared by all its questions: the names of the bank's entities and
of the material, the words its prose uses in lower case (so not names), people's names and surnames,
acronyms, and the country/adjective pairs the texts use both of ("France", "French").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from content.grading.reading import POSSESSIVE, normalize, singular, words_of
from content.text.dates import MONTHS
from content.text.fold import strip_accents
from content.text.lexicon import STOPWORDS
from content.text.names import (
    IRREGULAR_ADJECTIVES, NAME_JOINERS, NAME_PARTS_NOT_NAMES, TITLES, adjective_forms, name_runs, plain,
)
from content.text.patterns import Pattern

if TYPE_CHECKING:
    from content.material import Material

_RAW_WORD = Pattern(r"[^\W\d_][\w'’]*")
# A word that opens a sentence is capitalised whatever it is: only a later one says it is a name.
_SENTENCE_END = Pattern(r"[.!?]['\"’”]?\s+|\n+")

_WORD_PARTS = Pattern(r"['’]s$|['’]|-")

Name = tuple[str, ...]


@lru_cache(maxsize=1 << 15)
def _fold_word(word: str) -> str:
    return strip_accents(word).casefold() if not word.isascii() else word.casefold()


@lru_cache(maxsize=1 << 16)
def _parts(raw: str) -> tuple[tuple[str, bool, bool], ...]:
    """The words of a raw token ("al-Qaida's"), each folded, whether in capitals, whether lower case."""
    return tuple((_fold_word(p), p.isupper() and len(p) > 1, p[0].islower()) for p in _WORD_PARTS.split(raw) if p)


# An entity that is a name as it stands: capitalised words, with particles or joiners between.
_NAME_LIKE = Pattern(r"(?:(?:al|ag|el|de|du|la|le|the|of|for|and|in|bin|ibn|wa)[\s-]+)?"
                        r"[A-Z\d][\w'’.]*(?:[\s-]+(?:(?:al|ag|el|de|du|la|le|the|of|for|and|in|bin|ibn|wa)[\s-]+)*"
                        r"[A-Z\d][\w'’.]*)*")


class Known(frozenset[str]):
    """The bank's rivals (the normalized names of its entities), with what the bank and material know of names.

    A frozenset, as `Question._rivals` has always been, so code that only needs the rivals reads it as one.
    """

    common: frozenset[str]  # words prose uses in lower case, singular: not names
    names: frozenset[Name]  # every known name, as words
    name_words: frozenset[str]  # the words of names that are not common words
    by_word: dict[str, frozenset[Name]]  # name word -> the names it stands in
    people: dict[str, frozenset[Name]]  # surname -> the people's names ending with it
    given: frozenset[str]  # words that stand before a surname in a person's name
    codes: frozenset[str]  # words only ever written in capitals (MINUSMA): spelt exactly or not at all
    by_length: dict[int, tuple[str, ...]]  # the rivals by their length, to find those a typo away
    cased: bool  # whether the names came as written (else normalized rivals, which lost their capitals)
    canon: dict[str, str]  # country word -> its adjective, where the texts use both
    countries: frozenset[Name]  # names with a country's adjective, or known as countries: where answers are
    sentences_with: dict[str, frozenset[int]]  # name word -> the sentences of the texts that hold it

    @classmethod
    def build(cls, entities: Iterable[str], prose: Iterable[str] = (), notes: Iterable[str] = (),
              cased: bool = True) -> Known:
        """From the entities as the bank writes them, the material's prose and the bank's own notes
        (prompts, explanations): names are taken from the prose, or from the notes when there is none.
        `cased=False` when the entities are normalized rivals, all names since no capital is left to tell."""
        entities = list(entities)
        known = cls(normalize(e) for e in entities)
        known._learn(entities, [t for t in prose if t], [t for t in notes if t], cased)
        return known

    def _learn(self, entities: list[str], prose: list[str], notes: list[str], cased: bool) -> None:
        self.cased = cased
        by_length: dict[int, list[str]] = defaultdict(list)
        for rival in self:
            by_length[len(rival)].append(rival)
        self.by_length = {n: tuple(rs) for n, rs in by_length.items()}
        sentences = list(dict.fromkeys(s for t in prose or notes for s in _SENTENCE_END.split(plain(t))))
        others = list(dict.fromkeys(s for t in notes for s in _SENTENCE_END.split(plain(t)))) if prose else []
        inner_caps = self._learn_words([*sentences, *others], entities)
        self._learn_names(sentences, entities, inner_caps)
        self._learn_countries()
        self._learn_people()
        places: dict[str, set[int]] = defaultdict(set)
        for n, sentence in enumerate(sentences):
            for w in words_of(sentence):
                if w in self.name_words:
                    places[self.canonical(w)].add(n)
        self.sentences_with = {w: frozenset(ns) for w, ns in places.items()}

    def _learn_words(self, sentences: list[str], entities: list[str]) -> set[str]:
        """The prose's lower-case words and the acronyms; returns the words capitalised inside a sentence."""
        shapes: dict[str, set[bool]] = defaultdict(set)  # folded word -> written in capitals or not
        inner_caps: set[str] = set()  # words capitalised where no sentence starts: names, or parts of one
        common = set(STOPWORDS) | TITLES | set(MONTHS)
        for text, in_prose in [*((s, True) for s in sentences), *((e, False) for e in entities)]:
            for i, raw in enumerate(_RAW_WORD.findall(text)):
                for word, upper, lower_initial in _parts(raw):
                    shapes[word].add(upper)
                    if in_prose and lower_initial:
                        common.add(singular(word))
                    elif not lower_initial and (i or not in_prose):
                        inner_caps.add(word)
        self.codes = frozenset(w for w, s in shapes.items() if s == {True})
        common -= self.codes  # "UN" is no "un"
        self.common = frozenset(common)
        return inner_caps

    def _learn_names(self, sentences: list[str], entities: list[str], inner_caps: set[str]) -> None:
        """The names of the prose (runs of capitalised words) and of the entities, and the words in them."""

        def is_common(word: str) -> bool:
            folded = _fold_word(word)
            return singular(folded) in self.common or folded not in inner_caps

        runs: list[Name] = []
        for sentence in sentences:
            if any(c.isupper() for c in sentence[1:]):
                runs += [words_of(run.text) for run in name_runs(sentence, is_common)]
        for entity in dict.fromkeys(entities):
            if not self.cased or _NAME_LIKE.fullmatch(entity):  # most answers are names as they stand
                runs.append(words_of(entity))
                continue
            found = name_runs(plain(entity), is_common)
            runs += [words_of(run.text) for run in found]
            if len(found) == 1 and found[0].text == entity.strip():
                runs.append(words_of(entity))
        names: set[Name] = set()
        for run in runs:
            names.add(run)
            names.update(self._pieces(run))
        names.discard(())
        self.names = frozenset(names)
        self.name_words = frozenset(w for n in names for w in n if self.is_name_word(w))
        by_word: dict[str, set[Name]] = defaultdict(set)
        for name in names:
            for w in name:
                by_word[w].add(name)
        self.by_word = {w: frozenset(ns) for w, ns in by_word.items()}

    def _learn_countries(self) -> None:
        """Countries, and country words and adjectives the texts both use, as one ("France", "French")."""
        canon: dict[str, str] = {}
        countries: set[Name] = set()
        compass = [(w,) for w in ("north", "south", "east", "west") if w in self.common]
        for name in [*sorted(self.names, key=len, reverse=True), *compass]:
            country = " ".join(name)
            if country in IRREGULAR_ADJECTIVES:
                countries.add(name)
            for adjective in adjective_forms(country):
                if (adjective in self.by_word or adjective in self.common) and adjective not in canon.values():
                    if name not in compass:
                        countries.add(name)
                    if len(name) == 1:
                        canon[country] = adjective
                    break
        self.canon = canon
        self.countries = frozenset(countries)

    def _learn_people(self) -> None:
        """People's names by surname, and the given names that stand before one."""
        alone = {n[0] for n in self.names if len(n) == 1}
        # A people's name takes a plural ("Tuaregs"): a name ending with one is no person's.
        peoples = {singular(w) for w in self.name_words if singular(w) != w}
        people: dict[str, set[Name]] = defaultdict(set)
        for name in self.names:
            if self._person_like(name, alone) and name[-1] not in peoples and name not in self.countries:
                people[name[-1]].add(name)
        self.people = {w: frozenset(ns) for w, ns in people.items()}
        self.given = frozenset(w for ns in people.values() for n in ns for w in n[:-1] if w not in NAME_PARTS_NOT_NAMES)

    def _pieces(self, run: Name) -> list[Name]:
        """The names inside a run: split at joiners and titles ("Burkina Faso President X")."""
        pieces: list[Name] = []
        current: list[str] = []
        for w in run:
            if w in NAME_PARTS_NOT_NAMES and current:
                current.append(w)
            elif w in NAME_JOINERS or w in TITLES or w == POSSESSIVE:
                pieces.append(tuple(current))
                current = []
            else:
                current.append(w)
        pieces.append(tuple(current))
        return [tuple(p[:max(i for i, w in enumerate(p) if w not in NAME_PARTS_NOT_NAMES) + 1]) for p in pieces
                if any(w not in NAME_PARTS_NOT_NAMES for w in p)]

    def _person_like(self, name: Name, alone: set[str]) -> bool:
        """Two to four name words, the first never a name by itself: a given name and a surname."""
        return (2 <= len(name) <= 4 and name[0] not in alone and name[0] not in NAME_PARTS_NOT_NAMES
                and name[-1] not in NAME_PARTS_NOT_NAMES
                and all(w in NAME_PARTS_NOT_NAMES or (self.is_name_word(w) and w.isalpha() and w not in self.codes)
                        for w in name))

    # -- asked while grading -------------------------------------------------------------

    def is_name_word(self, word: str) -> bool:
        return word not in self.common and singular(word) not in self.common and not word[:1].isdigit() \
            and word not in NAME_PARTS_NOT_NAMES and word != POSSESSIVE

    def same(self, a: str, b: str) -> bool:
        """Whether two words are one: equal, one the plural of the other, or a country and its adjective."""
        return a == b or self.canonical(a) == self.canonical(b)

    def canonical(self, word: str) -> str:
        if word in self.codes or not word.isalpha():
            return word
        one = singular(word)
        if one == word and word.endswith("is") and (word[:-1] in self.by_word or word[:-1] in self.common):
            one = word[:-1]  # "Sufis", "Iraqis": the plural of a word the texts use, unlike "crisis"
        return self.canon.get(one, self.canon.get(word, one))

    def nearer_a_rival(self, said: str, distance: int, own: set[str]) -> bool:
        """Whether another entity's name is as near the (normalized) response as the answer is."""
        from rapidfuzz.distance import OSA

        return any(OSA.distance(said, other, score_cutoff=distance) <= distance
                   for n in range(len(said) - distance, len(said) + distance + 1)
                   for other in self.by_length.get(n, ()) if other not in own)

    def together(self, these: Iterable[str], those: Iterable[str]) -> bool:
        """Whether a sentence of the texts names one of these words and one of those ("Jeddah", "Saudi")."""
        def where(words: Iterable[str]) -> set[int]:
            return {n for w in words for n in self.sentences_with.get(self.canonical(w), ())}

        return bool(where(these) & where(those))


@lru_cache(maxsize=16)
def known_of(rivals: frozenset[str]) -> Known:
    """What is known of a bank's names: what `teach` attached, else what its rivals' names alone tell."""
    return rivals if isinstance(rivals, Known) else Known.build(rivals, cased=False)


def teach(questions: Iterable[Any], material: Material | None = None) -> Known:
    """Tell every question what its bank and material know of names (their rivals among them); once per bank."""
    questions = list(questions)
    notes = [t for q in questions for t in (q.shown_prompt(), q.explain, *(() if material else q.source))]
    known = Known.build([e for q in questions for e in q.entities()], [material.text] if material else [], notes)
    for q in questions:
        q.set_rivals(known)
    return known
