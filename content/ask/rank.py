"""Ranking the material's sentences for a question, and the reply: passage, short answer, location.

Retrieval is SQLite FTS5 (BM25) over the material's sentences and over windows of two consecutive
sentences; the question is expanded with the aliases and acronyms found in the bank and in the
material, then the best few sentences are reranked by their context and by whether they hold the
kind of answer asked for (a date for "when", a number for "how many", ...).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from content.ask import weights as w
from content.ask.answer import (
    STAND_FOR, WHO, Found, answer_in, asked_definition, question_kind, question_words, wanted_terms,
)
from content.ask.aliases import Definition
from content.ask.index import Index
from content.ask.query import Query, build_query, clean_question
from content.material import Location
from content.text.lexicon import rewrite_phrases
from content.text.words import term_of, words


@dataclass(frozen=True, slots=True)
class Reply:
    passage: str | None  # the answering sentence(s), verbatim from the material
    answer: str | None  # the short answer, when the question asks for one and the passage gives it
    location: Location | None
    score: float  # higher is better; 0 when nothing matched
    kind: str  # what the question asks for: who, when, where, how many, stand for, other
    message: str  # one line for the learner
    sentences: tuple[int, ...] = ()  # indexes into Material.sentences


class _Blocks:
    """Term counts of sentences and of pairs of neighbouring sentences, for one question."""

    def __init__(self, index: Index, query: Query) -> None:
        self.index, self.query = index, query
        self.counts: dict[int, dict[str, int]] = {}
        self.windows: dict[int, float] = {}
        self.paragraphs: dict[int, float] = {}

    def count(self, i: int) -> dict[str, int]:
        if i not in self.counts:
            counts: dict[str, int] = {}
            for t in self.index.sentence_terms[i]:
                counts[t] = counts.get(t, 0) + 1
            self.counts[i] = counts
        return self.counts[i]

    def paired(self, i: int) -> bool:
        """Whether sentence i and i + 1 stand in one paragraph."""
        sentences = self.index.material.sentences
        return 0 <= i and i + 1 < len(sentences) and sentences[i].paragraph == sentences[i + 1].paragraph

    def sentence(self, i: int) -> float:
        terms_of_i = self.index.sentence_terms[i]
        return self.query.score(self.count(i), {}, len(terms_of_i), self.index.average_length) \
            + w.PROXIMITY * self.query.proximity(terms_of_i)

    def prompts(self, i: int) -> float:
        """BM25 of the bank's questions citing sentence i."""
        asked = self.index.prompt_terms[i]
        return self.query.score(Counter(asked), {}, len(asked), self.index.prompt_average) if asked else 0.0

    def coverage_with(self, i: int, n: int) -> float:
        """Part of the question's weight that sentence i and its neighbour n match together (0: no neighbour)."""
        if not self.paired(min(i, n)):
            return 0.0
        return self.query.coverage(set(self.index.sentence_terms[i]) | set(self.index.sentence_terms[n]))

    def paragraph(self, i: int) -> float:
        """BM25 of the paragraph of sentence i, as one block: what the sentence's surroundings are about."""
        number = self.index.material.sentences[i].paragraph
        if number not in self.paragraphs:
            span = self.index.material.paragraphs[number].sentences
            counts: Counter[str] = Counter()
            for n in span:
                counts.update(self.index.sentence_terms[n])
            length = sum(len(self.index.sentence_terms[n]) for n in span)
            self.paragraphs[number] = self.query.score(counts, {}, length, self.index.paragraph_average) \
                if length else 0.0
        return self.paragraphs[number]

    def window(self, i: int) -> float:
        if i not in self.windows:
            length = len(self.index.sentence_terms[i]) + len(self.index.sentence_terms[i + 1]) \
                if self.paired(i) else 0
            self.windows[i] = self.query.score(self.count(i), self.count(i + 1), length,
                                               2 * self.index.average_length) if length else 0.0
        return self.windows[i]


def ask(index: Index, question: str) -> Reply:
    """The sentence of the material that best answers `question`, with the short answer when there is one."""
    question = clean_question(question)
    kind = question_kind(question[:500])
    if not question.strip():
        return Reply(None, None, None, 0.0, kind, "Ask a question about the material.")
    query = build_query(index, question)
    if not query.concepts:
        return _nothing(kind)
    definition = asked_definition(index, question, kind)
    defines = w.DEFINES
    if definition is not None:
        defines = w.NAMED_DEFINITION if kind == STAND_FOR else w.DEFINES
        kind = STAND_FOR
    subject = _subject(question) if definition is None else None
    with index.lock:
        found = index.db.execute("SELECT rowid FROM sentence WHERE sentence MATCH ? ORDER BY rank LIMIT ?",
                                 (query.match(), w.CANDIDATES)).fetchall()
        window_rows = index.db.execute("SELECT rowid FROM window WHERE window MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), w.CANDIDATES)).fetchall()
        prompt_rows = index.db.execute("SELECT rowid FROM prompt WHERE prompt MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), w.CANDIDATES)).fetchall() if index.prompt_average else []
    if not found:
        return _nothing(kind)
    candidates = dict.fromkeys(i for (i,) in found)
    for (first,) in window_rows:  # a sentence whose neighbour holds the rest of the question is a candidate too
        candidates.update(dict.fromkeys((first, first + 1)))
    candidates.update(dict.fromkeys(i for (i,) in prompt_rows))
    if definition is not None:
        candidates[definition.sentence] = None
    blocks = _Blocks(index, query)
    why = _asks_why(question)
    focus = next((c.alternatives for c in query.concepts if c.boost != 1.0), None)
    agent = _agent(question, query) if kind == WHO else None
    # BM25 of each candidate and of its surroundings first; the finer features for the best of them only.
    first = sorted(candidates, key=lambda i: -(blocks.query.score(blocks.count(i), {}, len(index.sentence_terms[i]),
                                                                  index.average_length)
                                               + w.CONTEXT * max(blocks.window(i - 1), blocks.window(i))
                                               + w.PARAGRAPH * blocks.paragraph(i)))
    shortlist = first[:w.RERANKED]
    if definition is not None and definition.sentence not in shortlist:
        shortlist.append(definition.sentence)
    ranked = []
    for i in shortlist:
        features = _features(index, blocks, i, definition, subject, why, focus, agent)
        ranked.append((_score(features, defines), -i))
    ranked.sort(reverse=True)
    best: tuple[float, int, str | None] | None = None
    qwords = question_words(index, question)
    wanted = wanted_terms(question, query)
    for total_score, i in ranked:
        i = -i
        if best is not None and total_score <= best[0]:
            break  # the answer check only lowers scores: no sentence further down can win
        found = answer_in(index, kind, index.material.sentences[i].text, question, qwords, wanted, definition)
        total_score *= _answer_factor(kind, found)
        if best is None or total_score > best[0]:
            best = (total_score, i, found.text if found else None)
    assert best is not None
    score, i, answer = best
    chosen = _with_neighbour(index, query, i, why, focus)
    coverage = query.coverage({t for n in chosen for t in (*index.sentence_terms[n], *index.prompt_terms[n])})
    if coverage < w.MIN_COVERAGE and definition is None:
        return _nothing(kind)
    if len(chosen) == 1:
        chosen = _with_close_second(index, i, {-n: score for score, n in ranked})
    for n in chosen:
        if answer is None and n != i:  # the neighbour that joined the passage may hold the answer
            found = answer_in(index, kind, index.material.sentences[n].text, question, qwords, wanted, definition)
            answer = found.text if found else None
    location = index.material.location(chosen)
    passage = index.material.text[index.material.sentences[chosen[0]].start:index.material.sentences[chosen[-1]].end]
    where = str(location)
    message = f"Answer: {answer} ({where})." if answer else f"From {where}."
    return Reply(passage, answer, location, round(score, 4), kind, message, chosen)


def _features(index: Index, blocks: _Blocks, i: int, definition: Definition | None, subject: re.Pattern[str] | None,
              why: bool, focus: dict[str, float] | None, agent: Callable[[str], bool] | None) -> dict[str, float]:
    """What the score of candidate sentence i is made of: BM25 of it, of its windows and paragraph, and flags."""
    text = index.material.sentences[i].text
    terms_of_i = index.sentence_terms[i]
    return {
        "bm25": blocks.query.score(blocks.count(i), {}, len(terms_of_i), index.average_length),
        "proximity": blocks.query.proximity(terms_of_i),
        "context": max(blocks.window(i - 1), blocks.window(i)),
        # "It is surrounded by ...": a sentence opening with a pronoun is about what the one before names
        "continues": blocks.window(i - 1) if _CONTINUES.match(text) else 0.0,
        "paragraph": blocks.paragraph(i),
        "prompts": blocks.prompts(i),
        "coverage": blocks.query.coverage(set(terms_of_i)),
        "window_coverage": max(blocks.coverage_with(i, i - 1), blocks.coverage_with(i, i + 1)),
        "pairs": float(blocks.query.pairs_in(terms_of_i)),
        "length": math.log1p(len(terms_of_i)),
        "defines": float(definition is not None and definition.sentence == i or bool(subject and subject.search(text))),
        "cause": float(why and bool(CAUSE.search(text))),
        "no_focus": float(bool(focus) and not focus.keys() & blocks.count(i).keys()),  # type: ignore[union-attr]
        "agent": float(bool(agent and agent(text))),
    }


def _score(f: dict[str, float], defines: float) -> float:
    """The candidate's score from its features, before the check for an answer of the kind asked."""
    score = f["bm25"] + w.PROXIMITY * f["proximity"] + w.CONTEXT * f["context"] + w.PARAGRAPH * f["paragraph"] \
        + w.ASKED_LIKE * f["prompts"] + w.CONTINUES * f["continues"] + w.COVERAGE * f["coverage"] \
        + w.PAIRS * f["pairs"] + w.LENGTH * f["length"]
    score = max(score, 1e-6)
    if f["defines"]:
        score *= defines
    if f["cause"]:
        score *= w.GIVES_CAUSE
    if f["no_focus"]:
        score *= w.NO_FOCUS
    if f["agent"]:
        score *= w.NAMES_AGENT
    return score


def _answer_factor(kind: str, found: Found | None) -> float:
    """Score factor of a sentence by the answer of the kind asked that it holds: none, or far from the question's
    words, lowers it (never raises it: ranking stops at the first sentence that no later one can pass)."""
    if kind not in w.NO_ANSWER:
        return 1.0
    if found is None:
        return w.NO_ANSWER[kind]
    return w.FAR_ANSWER ** min(1.0, found.distance / w.ANSWER_REACH)


# A sentence that opens by pointing back at the one before it.
_CONTINUES = re.compile(r"\W*(?:they|it|he|she|this|these|those|its|their|his|her|both|such)\b", re.IGNORECASE)


# Words that give a cause or a means: what a "why" question looks for.
CAUSE = re.compile(r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|caused\s+by|triggered\s+by|led\s+to|thanks\s+to"
                    r"|in\s+order\s+to|so\s+that|reasons?|at\s+the\s+request|by\s+\w+ing)\b", re.IGNORECASE)


def _agent(question: str, query: Query) -> Callable[[str], bool] | None:
    """For "Who VERBed ...?", whether a sentence names who did it: "VERBed ... by X", "VERBer was X"."""
    m = re.match(r"\s*who\s+(?!(?:is|was|are|were|have|has|had|did|do|does|will|would|can|could)\b)(.+)",
                 rewrite_phrases(question[:500]), re.IGNORECASE)
    if not m:
        return None
    verbs = {term_of(w) for w in re.findall(r"\b[a-z][\w'-]*", m.group(1))} - {None}
    forms = {t for c in query.concepts if c.word in verbs for t in c.alternatives}
    if not forms:
        return None

    def names_agent(sentence: str) -> bool:
        tokens = re.findall(r"[\w'-]+", sentence)
        for at, token in enumerate(tokens):
            if term_of(token) in forms:
                after = tokens[at + 1:at + 6]
                if "by" in after or after[:1] in (["was"], ["is"]) and after[1:2] and after[1][0].isupper():
                    return True
        return False

    return names_agent


def _asks_why(question: str) -> bool:
    return bool(re.search(r"\bwhy\b|\bhow\s+come\b|\bwhat\s+(?:caused|led\s+to|was\s+the\s+reason|explains?)\b"
                          r"|\breasons?\b", question[:500], re.IGNORECASE))


def _with_neighbour(index: Index, query: Query, best: int, why: bool = False,
                    focus: dict[str, float] | None = None) -> tuple[int, ...]:
    """The best sentence, with the neighbour that says much of the rest of the question if there is one.

    For a "why" question, a next sentence that gives a cause ("This may be due to ...") comes too; for a
    "what NOUN" question, the neighbour that names the noun when the sentence does not.
    """
    sentences = index.material.sentences
    own = set(index.sentence_terms[best])
    if focus and not focus.keys() & own:
        for n in (best - 1, best + 1):
            if 0 <= n < len(sentences) and sentences[n].paragraph == sentences[best].paragraph \
                    and focus.keys() & set(index.sentence_terms[n]):
                return tuple(sorted((best, n)))
    base = query.coverage(own)
    gains = []
    for n in (best - 1, best + 1):
        if 0 <= n < len(sentences) and sentences[n].paragraph == sentences[best].paragraph:
            gain = query.coverage(own | set(index.sentence_terms[n])) - base
            # A next sentence that goes on about the same subject ("They brought ...") needs to add less.
            if n > best and _CONTINUES.match(sentences[n].text):
                gain *= w.CONTINUED
            gains.append((gain, n))
    if gains and max(gains)[0] >= w.NEIGHBOUR_GAIN:
        return tuple(sorted((best, max(gains)[1])))
    after = best + 1
    if why and after < len(sentences) and sentences[after].paragraph == sentences[best].paragraph \
            and not CAUSE.search(sentences[best].text) and CAUSE.search(sentences[after].text):
        return (best, after)
    return (best,)


def _with_close_second(index: Index, best: int, scores: dict[int, float]) -> tuple[int, ...]:
    """The best sentence, with a neighbour in its paragraph that ranked almost as well (the two say it together)."""
    sentences = index.material.sentences
    near = [(scores[n], n) for n in (best - 1, best + 1)
            if n in scores and sentences[n].paragraph == sentences[best].paragraph]
    if near and max(near)[0] >= w.CLOSE_SECOND * scores[best]:
        return tuple(sorted((best, max(near)[1])))
    return (best,)


def _subject(question: str) -> re.Pattern[str] | None:
    """For "What is X?", a pattern for a sentence that says what X is: "X is ...", "X, a ..."."""
    m = re.match(r"\s*(?:what|who)\s+(?:is|was|are|were)\s+(?:the\s+|an?\s+)?([^?.!]{1,80}?)[\s?.!]*$",
                 question, re.IGNORECASE)
    if not m or not words(m.group(1)):
        return None
    name = r"\W+".join(re.escape(w) for w in m.group(1).split())
    return re.compile(rf"(?:^|[.;:]\s+)(?:the\s+)?{name}\s+(?:is|was|are|were|refers|means)\s"
                      rf"|\b{name},\s+(?:an?|the)\s", re.IGNORECASE)


def _nothing(kind: str) -> Reply:
    return Reply(None, None, None, 0.0, kind,
                 "The material does not say. Try other words, or a name the material uses.")
