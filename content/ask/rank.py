"""Ranking the material's sentences for a question, and the reply: passage, short answer, location.

Retrieval is SQLite FTS5 (BM25) over the material's sentences and over windows of two consecutive
sentences; the question is expanded with the aliases and acronyms found in the bank and in the
material, then the best few sentences are reranked by their context and by whether they hold the
kind of answer asked for (a date for "when", a number for "how many", ...); the reply is given only
when the evidence of content/ask/abstain.py says it answers.

Over 400 lines: the shortlist, its features and the reply built from them share the ranked candidates
and read best side by side; the index, query reading, answer extraction, abstaining and weights are
modules of their own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from content.ask import weights as w
from content.ask.abstain import ANSWER_KINDS, answers, evidence
from content.ask.answer import (
    OTHER, STAND_FOR, WHO, Found, answer_in, asked_definition, phrase_in, question_kind,
    question_words, wanted_terms,
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

    def bm25(self, i: int) -> float:
        return self.query.score(self.count(i), {}, len(self.index.sentence_terms[i]), self.index.average_length)

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


@dataclass
class Asked:
    """What one question asks, read once: its concepts, its kind, and the cues its wording gives."""

    text: str
    kind: str
    query: Query
    definition: Definition | None
    subject: re.Pattern[str] | None
    why: bool
    focus: dict[str, float] | None
    agent: Callable[[str], bool] | None
    qwords: set[str]
    wanted: set[str]
    called: bool = False  # the question asks what a thing is called ("What is X called?", "the term for")
    stands_for: bool = False  # the question asks what a name stands for in those words ("stand for", "full name")


@dataclass
class Candidate:
    """A sentence of the shortlist, with what its score is made of."""

    sentence: int
    features: dict[str, float]
    score: float = 0.0


def read_question(index: Index, question: str) -> Asked | None:
    """The question as searched, or None when it has nothing to search for."""
    question = clean_question(question)
    kind = question_kind(question[:500])
    if not question.strip():
        return None
    query = build_query(index, question)
    if not query.concepts:
        return Asked(question, kind, query, None, None, False, None, None, set(), set())
    definition = asked_definition(index, question, kind)
    stands_for = definition is not None and kind == STAND_FOR
    if definition is not None:
        kind = STAND_FOR
    subject = _subject(question) if definition is None else None
    focus = next((c.alternatives for c in query.concepts if c.boost != 1.0), None)
    agent = _agent(question, query) if kind == WHO else None
    return Asked(question, kind, query, definition, subject, _asks_why(question), focus, agent,
                 question_words(index, question), wanted_terms(question, query), bool(_ASKS_CALLED.search(question)),
                 stands_for)


def shortlist(index: Index, asked: Asked) -> tuple[_Blocks, list[Candidate]]:
    """The sentences worth reranking, each with its features (answer features aside), best first by BM25."""
    query = asked.query
    blocks = _Blocks(index, query)
    if not query.concepts:
        return blocks, []
    with index.lock:
        found = index.db.execute("SELECT rowid FROM sentence WHERE sentence MATCH ? ORDER BY rank LIMIT ?",
                                 (query.match(), w.CANDIDATES)).fetchall()
        window_rows = index.db.execute("SELECT rowid FROM window WHERE window MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), w.CANDIDATES)).fetchall()
        prompt_rows = index.db.execute("SELECT rowid FROM prompt WHERE prompt MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), w.CANDIDATES)).fetchall() if index.prompt_average else []
    if not found:
        return blocks, []
    candidates = dict.fromkeys(i for (i,) in found)
    for (first,) in window_rows:  # a sentence whose neighbour holds the rest of the question is a candidate too
        candidates.update(dict.fromkeys((first, first + 1)))
    candidates.update(dict.fromkeys(i for (i,) in prompt_rows))
    if asked.definition is not None:
        candidates[asked.definition.sentence] = None
    # BM25 of each candidate and of its surroundings first; the finer features for the best of them only.
    first = {i: blocks.bm25(i) + w.CONTEXT * max(blocks.window(i - 1), blocks.window(i))
             + w.PARAGRAPH * blocks.paragraph(i) for i in candidates}
    order = sorted(first, key=lambda i: -first[i])
    chosen = order[:w.RERANKED]
    if asked.definition is not None and asked.definition.sentence not in chosen:
        chosen.append(asked.definition.sentence)
    top = first[order[0]] or 1.0
    out = []
    for rank, i in enumerate(chosen):
        features = _features(index, blocks, asked, i)
        features["first"] = first[i] / top
        features["first_rank"] = math.log1p(rank)
        out.append(Candidate(i, features))
    for name in _RELATIVE:  # each score also as a part of the shortlist's best: comparable across questions
        best = max(c.features[name] for c in out) or 1.0
        for c in out:
            c.features[name + "_rel"] = c.features[name] / best
    for c in out:
        c.score = rank_score(c.features)
    return blocks, out


_ASKS_CALLED = re.compile(r"\b(?:called|known\s+as|referred\s+to\s+as|termed|dubbed|(?:term|word|name)\s+(?:for|given))\b",
                          re.IGNORECASE)


_RELATIVE = ("bm25", "context", "paragraph", "proximity", "prompts")


@cache
def ranking_weights() -> dict[str, float]:
    """Feature -> weight, from content/ask/ranking.tsv (written by `bench/ask_bench.py --fit`)."""
    rows = Path(__file__).with_name("ranking.tsv").read_text(encoding="utf-8").splitlines()
    return {name: float(value) for name, value, *_ in (r.split("\t") for r in rows if r and not r.startswith("#"))}


def rank_score(features: dict[str, float]) -> float:
    """The candidate's score: its features weighed by the fitted weights (content/ask/ranking.tsv)."""
    weights = ranking_weights()
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def answer_features(asked: Asked, found: Found | None) -> dict[str, float]:
    """Whether a sentence holds an answer of the kind asked, and how far from the question's words: never a gain
    (each weight is a penalty, so ranking stops at the first sentence that no later one can pass)."""
    if asked.kind not in ANSWER_KINDS:
        return {}
    if found is None:
        return {f"no_answer_{asked.kind.replace(' ', '_')}": 1.0}
    return {"far_answer": min(1.0, found.distance / w.ANSWER_REACH)}


def ask(index: Index, question: str) -> Reply:
    """The sentence of the material that best answers `question`, with the short answer when there is one; none
    when the evidence says the material does not answer it (content/ask/abstain.py)."""
    reply, features = considered(index, question)
    if features is not None and not answers(features):
        return _nothing(reply.kind)
    return reply


def considered(index: Index, question: str) -> tuple[Reply, dict[str, float] | None]:
    """The reply ask gives before it weighs whether the passage answers, with the evidence it weighs (None when
    there is nothing to weigh: no passage, or the definition the question asks for)."""
    asked = read_question(index, question)
    if asked is None:
        return Reply(None, None, None, 0.0, question_kind(question[:500]), "Ask a question about the material."), None
    kind = asked.kind
    blocks, candidates = shortlist(index, asked)
    if not candidates:
        return _nothing(kind), None
    candidates.sort(key=lambda c: (-c.score, c.sentence))
    best: tuple[float, int, Found | None] | None = None
    for c in candidates:
        if best is not None and c.score <= best[0]:
            break  # the answer check only lowers scores: no sentence further down can win
        found = answer_in(index, asked.kind, index.material.sentences[c.sentence].text, asked.text, asked.qwords,
                          asked.wanted, asked.definition)
        total = c.score + rank_score(answer_features(asked, found))
        if best is None or total > best[0]:
            best = (total, c.sentence, found)
    assert best is not None
    score, i, typed = best
    query = asked.query
    chosen = _with_neighbour(index, query, i, asked.why, asked.focus)
    if len(chosen) == 1:
        chosen = _with_close_second(index, i, {c.sentence: c.score for c in candidates})
    for n in chosen:
        if typed is None and n != i:  # the neighbour that joined the passage may hold the answer
            typed = answer_in(index, asked.kind, index.material.sentences[n].text, asked.text, asked.qwords,
                              asked.wanted, asked.definition)
    answer = typed.text if typed else None
    if answer is None and kind in ANSWER_KINDS:  # none of the kind asked: the phrase that answers, if any
        found = phrase_in(index.material.sentences[i].text, asked.text, asked.qwords, asked.wanted)
        answer = found.text if found else None
    location = index.material.location(chosen)
    passage = index.material.text[index.material.sentences[chosen[0]].start:index.material.sentences[chosen[-1]].end]
    where = str(location)
    message = f"Answer: {answer} ({where})." if answer else f"From {where}."
    reply = Reply(passage, answer, location, round(score, 4), kind, message, chosen)
    if asked.definition is not None:
        return reply, None
    own = {t for n in chosen for t in index.sentence_terms[n]}
    present = own | {t for n in chosen for t in index.prompt_terms[n]}
    others = [c.score for c in candidates if c.sentence not in chosen]
    # A "what" question's answer is the phrase the phrase model picks (0: no phrase); a "why" question's a clause.
    phrase = None if kind != OTHER or asked.why else typed.sure if typed else 0.0
    return reply, evidence(query, kind, asked.text, passage, own, present, typed, phrase, score, others)


def ranked_sentences(index: Index, question: str, count: int = 8) -> list[int]:
    """The sentences that best match `question`, best first, whether or not they answer it (no abstaining):
    for callers that check the answer themselves, as grounding does."""
    asked = read_question(index, question)
    if asked is None:
        return []
    _, candidates = shortlist(index, asked)
    return [c.sentence for c in sorted(candidates, key=lambda c: (-c.score, c.sentence))[:count]]


def _features(index: Index, blocks: _Blocks, asked: Asked, i: int) -> dict[str, float]:
    """What the score of candidate sentence i is made of: BM25 of it, of its windows and paragraph, and flags."""
    text = index.material.sentences[i].text
    terms_of_i = index.sentence_terms[i]
    query, definition, focus = asked.query, asked.definition, asked.focus
    counts = blocks.count(i)
    density, in_order = query.spread(terms_of_i)
    return {
        "bm25": blocks.bm25(i),
        "proximity": query.proximity(terms_of_i),
        "context": max(blocks.window(i - 1), blocks.window(i)),
        # "It is surrounded by ...": a sentence opening with a pronoun is about what the one before names
        "continues": blocks.window(i - 1) if _CONTINUES.match(text) else 0.0,
        "paragraph": blocks.paragraph(i),
        "prompts": blocks.prompts(i),
        "coverage": query.coverage(set(terms_of_i)),
        "window_coverage": max(blocks.coverage_with(i, i - 1), blocks.coverage_with(i, i + 1)),
        "pairs": float(query.pairs_in(terms_of_i)),
        "length": math.log1p(len(terms_of_i)),
        "defines": float(definition is not None and definition.sentence == i),
        "names_it": float(definition is not None and definition.sentence == i and asked.stands_for),
        "says_what": float(bool(asked.subject and asked.subject.search(text))),
        "cause": float(asked.why and bool(CAUSE.search(text))),
        "no_focus": float(bool(focus) and not focus.keys() & counts.keys()),  # type: ignore[union-attr]
        "agent": float(bool(asked.agent and asked.agent(text))),
        "rarest": float(query.rarest is not None and bool(query.rarest.alternatives.keys() & counts.keys())),
        "names_missed": query.names_missed(counts),
        "density": density,
        "in_order": in_order,
        "near_forms": query.near_forms(terms_of_i),
        "called": float(asked.called and bool(_NAMES_A_THING.search(text))),
    }


# A sentence that gives a thing's name: what "What is X called?" looks for.
_NAMES_A_THING = re.compile(r"\b(?:called|known\s+as|referred\s+to\s+as|termed|dubbed|named|name\s+for)\b",
                            re.IGNORECASE)


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
                after = tokens[at + 1:at + 8]
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
    if near and max(near)[0] >= scores[best] - w.CLOSE_SECOND:
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
