"""A learner's question as weighted concepts: its words, their synonyms, other forms and typo fixes."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from content.ask import weights as w
from content.ask.index import Index, alias_hits, group_token
from content.text.lexicon import GROUPS, STOPWORDS, rewrite_phrases
from content.text.words import term_of, terms


# A console markup tag pasted into a question ("[b]", "[/]", "[@click=app.quit]"): not words to search for.
_MARKUP_TAG = re.compile(r"\[/?[@#$a-zA-Z]?[^\[\]\s]*\]")


# "What's the name of the town where ...": a "which town" question whose word "name" is no word to search for.
_NAME_OF = re.compile(r"\bwhat(?:['\u2019]s|\s+is|\s+was|\s+are|\s+were)\s+the\s+names?\s+of\s+(?:the\s+|an?\s+)?",
                      re.IGNORECASE)


# "Which two countries ...": the number says how many answers, not a word of the answering sentence.
_HOW_MANY_ASKED = re.compile(r"\b(which|what)\s+(?:two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6)\b",
                             re.IGNORECASE)



def clean_question(question: str) -> str:
    """The question without pasted markup, "the name of" read as "which", and "which two" as "which"."""
    return _HOW_MANY_ASKED.sub(r"\1", _NAME_OF.sub("which ", _MARKUP_TAG.sub(" ", question)))


def _corrected(index: Index, term: str) -> str | None:
    """The material's term closest to an unknown one (a typo), or None."""
    if len(term) < 5 or not term.isalpha():
        return None
    allowed = 1 if len(term) <= 8 else 2
    best, best_distance = None, allowed + 1
    for known in index.prefixes.get(term[:w.PREFIX], ()) if len(term) > 8 else index.df:
        if abs(len(known) - len(term)) <= allowed and known[0] == term[0]:
            d = OSA.distance(term, known, score_cutoff=allowed)
            if d < best_distance or (d == best_distance and best and index.df[known] > index.df[best]):
                best, best_distance = known, d
    return best


def _near_forms(index: Index, term: str) -> list[str]:
    """The material's terms that are other forms of an unknown one ("organiz" -> "organizer")."""
    if len(term) < w.PREFIX or not term.isalpha():
        return []
    found = []
    for known in index.prefixes.get(term[:w.PREFIX], ()):
        shared = len(term) if known.startswith(term) else len(known) if term.startswith(known) else \
            next(i for i, (a, b) in enumerate(zip(term, known)) if a != b)
        if shared >= min(len(term), len(known)) - 2:
            found.append((shared, index.df[known], known))
    return [known for _, _, known in sorted(found, reverse=True)[:2]]


@lru_cache(maxsize=1)
def _thesaurus() -> dict[str, frozenset[str]]:
    """Term -> the terms of every thesaurus group it belongs to."""
    related: dict[str, set[str]] = defaultdict(set)
    for group in GROUPS:
        members = {t[0] for word in group if len(t := terms(word)) == 1}
        for member in members:
            related[member] |= members - {member}
    return {term: frozenset(others) for term, others in related.items()}


@dataclass
class Concept:
    """One word of the question, and the material's terms that say it, each with a factor (1: the word itself)."""

    word: str  # the question's term
    alternatives: dict[str, float]
    weight: float  # IDF of the word: its part of the question
    boost: float = 1.0  # the word the question asks about ("what line ...") weighs more in ranking
    at: int = 0  # where the word stands in the question, in terms
    named: bool = False  # a name or a number the question gives ("Kubiak", "1998"): what an answer must match


@dataclass(frozen=True, slots=True)
class Unknown:
    """A word of the question that the material says in no form, synonym or spelling."""

    word: str
    weight: float  # its IDF in the material, as if one sentence said it: the most any word weighs
    named: bool  # a name or a number the question gives


@dataclass
class Query:
    concepts: list[Concept]
    total: float  # the question's whole weight, its words unknown to the material included
    searched: list[str]  # the terms given to FTS5; the others are too common to search for (see w.POSTINGS)
    idf: dict[str, float]  # FTS5's BM25 IDF of every alternative
    pairs: list[tuple[Concept, Concept]] = field(default_factory=list)  # neighbouring words of the question
    unknown: list[Unknown] = field(default_factory=list)  # the question's words the material never says
    focus: str | None = None  # the noun the question asks about ("what line", "how many troops"), as a term
    # Whether that noun is what the question asks about ("the population of", "how many troops"), not the kind of
    # thing its answer is ("which team": the answer names a team without the word)
    focus_said: bool = False

    @property
    def known(self) -> float:
        """Part of the question's weight that the material says somewhere."""
        return sum(c.weight for c in self.concepts) / self.total

    @property
    def rarest(self) -> Concept | None:
        """The concept of most weight: the word the question is most about."""
        return max(self.concepts, key=lambda c: c.weight, default=None)

    def names_missed(self, counts: dict[str, int]) -> float:
        """Part of the weight of the question's names and numbers that a sentence does not say."""
        named = [c for c in self.concepts if c.named]
        total = sum(c.weight for c in named)
        if not total:
            return 0.0
        return sum(c.weight for c in named if not c.alternatives.keys() & counts.keys()) / total

    def near_forms(self, sentence: tuple[str, ...]) -> float:
        """Part of the question's weight said only in another form: a word sharing its first letters ("champs",
        "championship"), for the words the sentence does not say as they are."""
        present = set(sentence)
        missed = [c for c in self.concepts if not c.named and len(c.word) >= 4 and not c.alternatives.keys() & present]
        if not missed:
            return 0.0
        found = sum(c.weight for c in missed
                    if any(t[:4] == c.word[:4] and (t.startswith(c.word) or c.word.startswith(t) or t[:6] == c.word[:6])
                           for t in present if len(t) >= 4))
        return found / self.total

    def spread(self, sentence: tuple[str, ...]) -> tuple[float, float]:
        """How close together the question's words stand in a sentence (those matched over the span they take),
        and the part of them said in the question's order."""
        first: dict[int, int] = {}
        wanted = {t: k for k, c in reversed(list(enumerate(self.concepts))) for t in c.alternatives}
        for at, term in enumerate(sentence):
            k = wanted.get(term)
            if k is not None and k not in first:
                first[k] = at
        if len(first) < 2:
            return 0.0, 0.0
        found = sorted((at, k) for k, at in first.items())
        ats = [self.concepts[k].at for _, k in found]
        return (len(found) / (found[-1][0] - found[0][0] + 1),
                sum(a < b for a, b in zip(ats, ats[1:])) / (len(ats) - 1))

    def proximity(self, sentence: tuple[str, ...]) -> float:
        """Weight of the question's neighbouring words that stand side by side in a sentence ("child soldiers")."""
        score = 0.0
        for a, b in self.pairs:
            for x, y in zip(sentence, sentence[1:]):
                if x in a.alternatives and y in b.alternatives or x in b.alternatives and y in a.alternatives:
                    score += min(a.weight, b.weight)
                    break
        return score

    def pairs_in(self, sentence: tuple[str, ...]) -> int:
        """How many of the question's pairs of neighbouring words stand side by side in a sentence."""
        found = 0
        for a, b in self.pairs:
            for x, y in zip(sentence, sentence[1:]):
                if x in a.alternatives and y in b.alternatives or x in b.alternatives and y in a.alternatives:
                    found += 1
                    break
        return found

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(t for c in self.concepts for t in c.alternatives))

    def match(self) -> str:
        return " OR ".join(f'"{t}"' for t in self.searched)

    def score(self, counts: dict[str, int], more: dict[str, int], length: int, average: float) -> float:
        """BM25 of a sentence (with the next one's counts in `more` for a window), each concept by its best term."""
        norm = 1.2 * (0.25 + 0.75 * length / average)
        score = 0.0
        for c in self.concepts:
            best = 0.0
            for t, factor in c.alternatives.items():
                tf = counts.get(t, 0) + more.get(t, 0)
                if tf:
                    boost = c.boost if factor == 1.0 else 1.0
                    best = max(best, boost * factor * self.idf[t] * tf * 2.2 / (tf + norm))
            score += best
        return score

    def coverage(self, present: set[str]) -> float:
        """Part of the question's weight that a block matches (a synonym for its factor of its word)."""
        matched = sum(c.weight * max((f for t, f in c.alternatives.items() if t in present), default=0.0)
                      for c in self.concepts)
        return min(1.0, matched / self.total)


def build_query(index: Index, question: str) -> Query:
    """The question's concepts, with the FTS5 terms that find candidate sentences for them."""
    n = max(1, len(index.material.sentences))

    def idf(term: str) -> float:
        return math.log(1 + n / (index.df.get(term, 0) + 0.5))

    qterms = terms(rewrite_phrases(question))
    focus = focus_of(question)
    said_noun = _noun_of(question) or counted_noun(question)
    asked_noun = said_noun or focus
    if asked_noun in _PARTS:  # "what share of ...": the kind of answer, not a word the material must say
        asked_noun = None
    given = _named_terms(question)
    # A name the question gives is searched as its alias group's token, so that "Abu Bakr" weighs
    # as much as "Abu Bakr al Siddiq" (whose "al" and "siddiq" it lacks) and counts once, not once per word.
    named: set[int] = set()
    concepts: dict[str, Concept] = {}
    for phrase, at, group in alias_hits(index.aliases, qterms):
        token = group_token(group)
        if token in index.df:
            named.update(range(at, at + len(phrase)))
            concepts.setdefault(token, Concept(token, {token: 1.0}, idf(token), at=at, named=True))
    total = sum(c.weight for c in concepts.values())
    related = _thesaurus()
    unknown: list[Unknown] = []
    for term in dict.fromkeys(t for k, t in enumerate(qterms) if k not in named):
        total += idf(term)
        alternatives: dict[str, float] = {}
        if term in index.df or term in index.prompt_vocabulary:
            alternatives[term] = 1.0
        elif (fixed := _corrected(index, term)) is not None:
            alternatives[fixed] = w.TYPO
        else:
            alternatives.update((t, w.NEAR_FORM) for t in _near_forms(index, term))
        for other in related.get(term, ()):
            if other in index.df and other not in qterms:  # a word the question says itself counts once
                alternatives.setdefault(other, w.SYNONYM)
        if alternatives:
            weight = idf(term) if term in index.df else max(idf(t) for t in alternatives)
            total += weight - idf(term)
            concepts[term] = Concept(term, alternatives, weight, w.FOCUS if term == focus else 1.0,
                                     qterms.index(term), term in given)
        else:
            unknown.append(Unknown(term, idf(term), term in given))
    chosen = list(concepts.values())
    if len(chosen) > w.MAX_TERMS:
        chosen = sorted(chosen, key=lambda c: -c.weight)[:w.MAX_TERMS]
    searched: list[str] = []
    postings = 0
    every = dict.fromkeys(t for c in chosen for t in c.alternatives)
    for t in sorted(every, key=lambda t: index.df.get(t, 0)):
        postings += index.df.get(t, 0)
        if searched and postings > w.POSTINGS:
            break
        searched.append(t)
    bm25_idf = {t: max(math.log((n - index.df.get(t, 0) + 0.5) / (index.df.get(t, 0) + 0.5)), 1e-6) for t in every}
    kept = {c.word: c for c in chosen}
    plain_terms = [t for k, t in enumerate(qterms) if k not in named]
    pairs = [(kept[a], kept[b]) for a, b in dict.fromkeys(zip(plain_terms, plain_terms[1:]))
             if a in kept and b in kept and a != b]
    return Query(chosen, total or 1.0, searched, bm25_idf, pairs, unknown, asked_noun, said_noun is not None)


_PARTS = frozenset(t for w in ("percentage", "percent", "proportion", "share", "fraction") if (t := term_of(w)))


_COUNTED = re.compile(r"\bhow\s+(?:many|much)\s+(?:\w+\s+)??([a-z][\w-]*)", re.IGNORECASE)


# "What is the total population of ...": the noun before "of", past its adjectives.
_NOUN_OF = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\s+"
                      r"(?:of|for|in|on|behind|between)\b", re.IGNORECASE)


def _noun_of(question: str) -> str | None:
    """The noun before "of" in "What is the ... NOUN of" (where focus_of would read "capital" as an adjective)."""
    m = _NOUN_OF.search(question[:500])
    word = m.group(1).casefold() if m else None
    found = term_of(word) if word and word not in _NOT_FOCUS else None
    return None if found is None or found in STOPWORDS else found


def counted_noun(question: str) -> str | None:
    """The term of what a "how many/how much" question counts ("How many troops ..." -> "troop")."""
    m = _COUNTED.search(question[:500])
    if not m:
        return None
    found = term_of(m.group(1))
    return None if found is None or found in STOPWORDS else found


def _named_terms(question: str) -> set[str]:
    """The terms of the names and numbers a question gives: capitalised words past its first, and digits."""
    found = re.findall(r"[\w'\u2019-]+", question[:2000])
    return {t for k, word in enumerate(found)
            if word[0].isdigit() or k and word[0].isupper() and word != "I" if (t := term_of(word)) is not None}


# Words after "what" that are no noun asked about, or that name the kind of answer rather than a word in it.
_NOT_FOCUS = frozenset("is was are were do does did has have had can could would will should may might kind sort "
                       "type year date month day time town city region country place number name".split())


_ADJECTIVE_ENDINGS = ("al", "ian", "an", "ern", "ic", "ive", "ous", "ist", "ed")


def focus_of(question: str) -> str | None:
    """The term of the noun a "what/which NOUN" question asks about ("What line ..." -> "line")."""
    q = question[:500].casefold()
    m = re.search(r"\b(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\s+(\w+)", q) \
        or re.search(r"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?(\w+)\s+(?:of|for|behind)\b", q) \
        or re.search(r"\b(?:what|which)\s+(\w+)", q)
    word = m.group(1) if m else None
    if m and word not in _NOT_FOCUS:
        # The noun after its adjectives: "which central Peruvian town" asks for a town, "which Scottish clan" a clan.
        original = question[:500].split()
        for after in re.findall(r"[\w'-]+", q[m.end():])[:2]:
            adjective = word.endswith(_ADJECTIVE_ENDINGS) or any(w.strip("?,.").casefold() == word and w[:1].isupper()
                                                                  for w in original)
            if not adjective or after in STOPWORDS:
                break
            word = after
    focus = term_of(word) if word else None
    return None if focus is None or focus in {term_of(w) for w in _NOT_FOCUS} else focus
