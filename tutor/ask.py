"""Ask the material: a learner's question answered with the course sentence that best answers it.

Retrieval is SQLite FTS5 (BM25) over the material's sentences and over windows of two consecutive
sentences; the question is expanded with the aliases and acronyms found in the bank and in the
material, then the best few sentences are reranked by their context and by whether they hold the
kind of answer asked for (a date for "when", a number for "how many", ...).
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from content.bank import Bank
from content.material import Location, Material, fold_marks
from content.questions import Cloze, Short
from tutor.answer_span import (
    HOW_MANY, OTHER, STAND_FOR, WHEN, WHERE, WHO, name_runs, question_kind, short_answer,
)
from tutor.thesaurus import GROUPS, IRREGULAR, rewrite_phrases

# Sentences fetched from FTS5 before reranking.
_CANDIDATES = 40
# Weight of the best two-sentence window around a sentence, against the sentence's own score.
_CONTEXT = 0.35
# Weight of the bank's questions that cite a sentence: people ask about a fact in the words the bank's author
# used more often than in the material's (a bank is a set of paraphrases of its sentences).
_ASKED_LIKE = 0.3
# A quote of more than this many sentences says too little about each of them.
_PROMPT_SPAN = 2
# Score factor of a sentence that holds no answer of the kind asked for.
_NO_ANSWER = 0.7
# Score factor of the sentence that defines the acronym or name asked about.
_DEFINES = 2.0
# Part of the question's weight a neighbouring sentence must add for the passage to take it in too.
_NEIGHBOUR_GAIN = 0.25
# Weight, against BM25, of two neighbouring words of the question side by side in a sentence (their lesser IDF).
_PROXIMITY = 0.5
# Factor on what a next sentence opening with a pronoun adds, for the neighbour rule above.
_CONTINUED = 1.5
# Postings (term occurrences in sentences) FTS5 may score per question: the commonest terms beyond
# it are scored in Python on the candidates only, which keeps a question fast on large materials.
_POSTINGS = 1500
# Questions longer than this many distinct terms keep only their rarest ones.
_MAX_TERMS = 48
# Part of the question's weight (IDF) that the best passage must match to count as an answer.
_MIN_COVERAGE = 0.2
# Score factor of the sentence defining the name a question asks the meaning of ("stand for", "full name").
_NAMED_DEFINITION = 10.0
# Score factor of a sentence that gives a cause, for a "why" question.
_GIVES_CAUSE = 1.3
# Weight of a question's word found in the material through a thesaurus synonym, another form, a typo fix.
_SYNONYM = 0.75
_NEAR_FORM = 0.7
_TYPO = 0.9
# Weight of the noun a "what/which NOUN" question asks about, in ranking; factor of a sentence without it.
_FOCUS = 1.5
_NO_FOCUS = 0.75
# Score factor of a sentence that says who did what a "who" question asks about ("created ... by X").
_NAMES_AGENT = 1.3
# Letters a question's word and another form of it in the material share at least.
_PREFIX = 5

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just let me more most my myself
no nor not of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up upon
very was we were what when where which while who whom whose why will with would you your yours yourself
yourselves according text material course article tell please many much long kind happened happen
""".split()) - {"most"}

# General English words a learner may use for the material's words (stems, see `stem`): each
# group is indexed as its first word, so that a sentence saying two of them does not count twice.
_SYNONYMS = [
    ("kill", "death", "dead", "die", "execut", "massacr", "murder", "slain", "victim"),
    ("found", "form", "creat", "establish"),
    ("lead", "leader", "head", "chief", "led"),
    ("soldier", "troop", "army", "military"),
    ("start", "begin", "began", "launch", "begun"),
    ("town", "city"),
    ("fund", "financ"),
    ("talk", "negotiat"),
    ("rebel", "insurg"),
    ("ceasefir", "truce"),
    ("agreement", "accord", "deal"),
    ("organizat", "organisat"),
    ("most", "majority"),
    ("first", "initial", "initially", "original", "originally"),
]
_CANONICAL = {word: group[0] for group in _SYNONYMS for word in group}

# A console markup tag pasted into a question ("[b]", "[/]", "[@click=app.quit]"): not words to search for.
_MARKUP_TAG = re.compile(r"\[/?[@#$a-zA-Z]?[^\[\]\s]*\]")
# "What's the name of the town where ...": a "which town" question whose word "name" is no word to search for.
_NAME_OF = re.compile(r"\bwhat(?:['\u2019]s|\s+is|\s+was|\s+are|\s+were)\s+the\s+names?\s+of\s+(?:the\s+|an?\s+)?",
                      re.IGNORECASE)
# "Which two countries ...": the number says how many answers, not a word of the answering sentence.
_HOW_MANY_ASKED = re.compile(r"\b(which|what)\s+(?:two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6)\b",
                             re.IGNORECASE)
_FOLD_APOSTROPHE = re.compile(r"['\u2019]s\b|['\u2019]")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]")
_NAME_JOINERS = frozenset({"of", "the", "for", "and", "in", "al", "ag", "el", "de", "du", "la", "le", "des",
                           "wa", "fi", "bin", "ben", "ibn", "pour", "to"})
_PARTICLES = frozenset({"al", "el", "ag", "the", "le", "la"})


def words(text: str) -> list[str]:
    """Lower-case words without diacritics; a number is one word ("10,000" -> "10000", "6.5" -> "6p5")."""
    text = unicodedata.normalize("NFKD", fold_marks(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _FOLD_APOSTROPHE.sub("", text)
    out = []
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            token = token.replace(",", "").replace(".", "p")
        out.append(token)
    return out


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
            out.append(_CANONICAL.get(t, t))
    return out


def _group_token(group: int) -> str:
    return f"zzalias{group}"


@dataclass(frozen=True, slots=True)
class Reply:
    passage: str | None  # the answering sentence(s), verbatim from the material
    answer: str | None  # the short answer, when the question asks for one and the passage gives it
    location: Location | None
    score: float  # higher is better; 0 when nothing matched
    kind: str  # what the question asks for: who, when, where, how many, stand for, other
    message: str  # one line for the learner
    sentences: tuple[int, ...] = ()  # indexes into Material.sentences


@dataclass(frozen=True, slots=True)
class Definition:
    """What an acronym or a foreign name stands for, and the sentence that says so."""

    meaning: str
    sentence: int


@dataclass
class Index:
    """The material's sentences in an in-memory FTS5 index, with the aliases that expand questions."""

    material: Material
    db: sqlite3.Connection = field(repr=False)
    aliases: dict[str, list[tuple[tuple[str, ...], int]]]  # first term -> (phrase, group number)
    groups: list[list[tuple[str, ...]]]
    definitions: dict[tuple[str, ...], Definition]
    df: dict[str, int]  # sentences holding each term
    common_words: frozenset[str]  # words the material writes in lower case somewhere
    average_length: float  # terms in a sentence, on average
    sentence_terms: list[tuple[str, ...]] = field(repr=False)  # the indexed terms of each sentence
    prefixes: dict[str, list[str]] = field(repr=False)  # first letters -> the material's longer terms
    prompt_terms: list[tuple[str, ...]] = field(repr=False)  # the terms of the bank's questions citing each sentence
    prompt_average: float  # terms of the questions citing a sentence, on average over those sentences (0: none)
    prompt_vocabulary: frozenset[str]  # terms of the bank's questions that the material does not use
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, material: Material, bank: Bank | None = None) -> Index:
        found, definitions = _material_aliases(material)
        groups: list[set[str]] = [*found, *_variant_groups(material), *(_bank_aliases(bank) if bank else [])]
        groups = [g | {m.group(1) for name in g if (m := _GENERIC_HEAD.fullmatch(name))} for g in groups]
        merged = _merge_groups([{tuple(terms(m)) for m in g} - {()} for g in groups])
        aliases: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for n, group in enumerate(merged):
            for phrase in group:
                aliases[phrase[0]].append((phrase, n))
        sentence_terms = [_indexed_terms(aliases, s.text) for s in material.sentences]
        db = _connect()
        db.execute("CREATE VIRTUAL TABLE sentence USING fts5(body, tokenize='unicode61', detail='full')")
        db.execute("CREATE VIRTUAL TABLE window USING fts5(body, tokenize='unicode61', detail='full')")
        db.executemany("INSERT INTO sentence(rowid, body) VALUES (?, ?)",
                       ((i, " ".join(t)) for i, t in enumerate(sentence_terms)))
        db.executemany("INSERT INTO window(rowid, body) VALUES (?, ?)", (
            (i, " ".join(sentence_terms[i]) + " " + " ".join(sentence_terms[i + 1]))
            for i in range(len(sentence_terms) - 1)
            if material.sentences[i].paragraph == material.sentences[i + 1].paragraph
        ))
        df: dict[str, int] = defaultdict(int)
        for t in sentence_terms:
            for term in set(t):
                df[term] += 1
        common = frozenset(m.group() for m in re.finditer(r"(?<![.!?]\s)\b[a-z][a-z'-]+", material.text))
        if bank:
            definitions = {**_bank_definitions(bank, material), **definitions}
        average = sum(map(len, sentence_terms)) / max(1, len(sentence_terms))
        prefixes: dict[str, list[str]] = defaultdict(list)
        for term in df:
            if len(term) >= _PREFIX and term.isalpha():
                prefixes[term[:_PREFIX]].append(term)
        prompt_terms = _prompt_terms(material, bank, aliases) if bank else [()] * len(sentence_terms)
        db.execute("CREATE VIRTUAL TABLE prompt USING fts5(body, tokenize='unicode61', detail='full')")
        db.executemany("INSERT INTO prompt(rowid, body) VALUES (?, ?)",
                       ((i, " ".join(t)) for i, t in enumerate(prompt_terms) if t))
        prompted = [len(t) for t in prompt_terms if t]
        return cls(material, db, dict(aliases), [sorted(g) for g in merged], definitions, dict(df), common,
                   average, [tuple(t) for t in sentence_terms], dict(prefixes), prompt_terms,
                   sum(prompted) / len(prompted) if prompted else 0.0,
                   frozenset(t for ts in prompt_terms for t in ts) - df.keys())

    def terms_of(self, sentence: int) -> list[str]:
        """The indexed terms of a sentence, the tokens of the aliases it names included."""
        return list(self.sentence_terms[sentence])

    def alias_groups(self) -> list[list[str]]:
        """Each group of names that stand for the same thing, as indexed terms joined by spaces."""
        return [[" ".join(p) for p in g] for g in self.groups]

    def expansions(self, text: str) -> list[tuple[str, ...]]:
        """Phrases (as terms) that the names in `text` also go by."""
        found = _alias_hits(self.aliases, terms(text))
        return sorted({p for _, _, group in found for p in self.groups[group]} - {h for h, _, _ in found})


def _prompt_terms(material: Material, bank: Bank, aliases: dict[str, list[tuple[tuple[str, ...], int]]]
                  ) -> list[tuple[str, ...]]:
    """Per sentence, the terms of the bank's questions that cite it: how people ask about what it says."""
    out: list[list[str]] = [[] for _ in material.sentences]

    def add(text: str, quote: str) -> None:
        found = material.find(quote)
        if found is not None and len(found.sentences) <= _PROMPT_SPAN:
            t = _indexed_terms(aliases, text)
            for i in found.sentences:
                out[i].extend(t)

    for q in bank.questions:
        for quote in q.source:
            add(q.prompt, quote)
    return [tuple(t) for t in out]


def _indexed_terms(aliases: dict[str, list[tuple[tuple[str, ...], int]]], text: str) -> list[str]:
    t = terms(text)
    return t + [_group_token(g) for g in sorted({g for _, _, g in _alias_hits(aliases, t)})]


def _connect() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        db.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
        db.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError as e:  # pragma: no cover - depends on how Python was built
        raise RuntimeError("this Python's SQLite lacks FTS5, which 'ask the material' needs") from e
    return db


def _merge_groups(groups: Iterable[set[tuple[str, ...]]]) -> list[set[tuple[str, ...]]]:
    """Groups sharing a phrase become one group."""
    merged: list[set[tuple[str, ...]]] = []
    for group in groups:
        if len(group) < 2:
            continue
        overlapping = [g for g in merged if g & group]
        for g in overlapping:
            merged.remove(g)
            group = group | g
        merged.append(group)
    return merged


# ---------------------------------------------------------------- aliases from the material

# "the Dawa movement" is "Dawa" too: a name followed by the kind of body it names.
_GENERIC_HEAD = re.compile(r"(?:[Tt]he\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)\s+(?:movement|group|organi[sz]ation|party"
                           r"|front|militia|coalition|alliance)")
_PAREN = re.compile(r"\(([^()]{1,200})\)|\[([^\[\]]{1,200})\]")
_AKA = re.compile(r"\s*(?:[-,(]\s*)?(?:aka|a\.k\.a\.|also known as|also called|known as)\s+", re.IGNORECASE)
_OR_NAME = re.compile(r"\b([A-Z][\w'-]{2,}), or ([A-Z][\w'-]{2,})\b")
_SPLIT_PARTS = re.compile(r",\s*or\s+|\s+or\s+|,\s*|\s+-\s+|;\s*")
_WORD = re.compile(r"[\w'-]+|[^\w\s]")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"(?:al|el|ag)-\w", word))


def plain(text: str) -> str:
    """The text with plain quotes and spaced dashes: "Platform–including" is two words, "al-Qaida" one."""
    return fold_marks(re.sub(r"\s*[\u2013\u2014]\s*", " - ", text))


def _name_before(text: str, end: int, lowercase_tail: int = 0) -> str | None:
    """The name that ends at `end` in `text` ("... the Coordination of Movements of Azawad")."""
    tokens = list(_WORD.finditer(text[:end]))
    taken: list[re.Match[str]] = []
    tail = lowercase_tail
    for m in reversed(tokens):
        word = m.group()
        if _is_name_word(word) or (taken and word.casefold() in _NAME_JOINERS):
            taken.append(m)
        elif not taken and tail and word.isalpha():
            tail -= 1
            taken.append(m)
        else:
            break
        if len(taken) > 14:
            break
    taken.reverse()
    while taken and taken[0].group().casefold() in _NAME_JOINERS:
        taken.pop(0)
    if not taken or not _is_name_word(taken[0].group()):
        return None
    return text[taken[0].start():taken[-1].end()]


def _parts(inside: str) -> list[str]:
    parts = [p.strip(" \"'.,") for p in _SPLIT_PARTS.split(inside)]
    return [p for p in parts if p and p[0].isupper()]


def _material_aliases(material: Material) -> tuple[list[set[str]], dict[tuple[str, ...], Definition]]:
    """Groups of names the material gives as one ("Long Name (ACRONYM)", 'X ("Gloss")', "X, or Y", aka)."""
    groups: list[set[str]] = []
    definitions: dict[tuple[str, ...], Definition] = {}

    def define(term: str, meaning: str, sentence: int) -> None:
        key = tuple(terms(term))
        # Of two definitions, the fuller one: "Long Name (Name in French)" over "Long Name".
        if key and tuple(terms(meaning)) != key and len(meaning) > len(definitions.get(key, Definition("", 0)).meaning):
            definitions[key] = Definition(meaning, sentence)

    for s in material.sentences:
        text = plain(s.text)
        if "(" in text or "[" in text:
            for m in _PAREN.finditer(text):
                inside = m.group(1) or m.group(2)
                parts = _parts(inside)
                if not parts or len(parts) > 4:
                    continue
                name = _name_before(text, m.start())
                acronyms = [p for p in parts if _ACRONYM.fullmatch(p)]
                others = [p for p in parts if not _ACRONYM.fullmatch(p)]
                if name is None:
                    # "ACRONYM [Long Name]": the acronym stands before the brackets
                    before = re.search(r"([A-Z][A-Z0-9-]+[A-Z0-9])\s*$", text[:m.start()])
                    if before and others:
                        groups.append({before.group(1), *others})
                        define(before.group(1), others[0], s.index)
                    continue
                if _ACRONYM.fullmatch(name) and others and not acronyms:
                    groups.append({name, *others})
                    define(name, others[0], s.index)
                    continue
                groups.append({name, *parts})
                for acronym in acronyms:
                    meaning = name + (f" ({others[0]})" if others else "")
                    define(acronym, meaning, s.index)
                if others and not acronyms and m.group(1) and '"' in inside:
                    define(name, others[0], s.index)  # a quoted gloss: 'Ansar al Din ("Defenders of the Faith")'
        for m in _OR_NAME.finditer(text):
            groups.append({m.group(1), m.group(2)})
            define(m.group(1), m.group(2), s.index)
            define(m.group(2), m.group(1), s.index)
        for m in _AKA.finditer(text):
            name = _name_before(text, m.start(), lowercase_tail=1)
            after = re.match(r"([A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|al-[\w'-]+|(?:al|of|the|wa|fi)(?=\s)))*)",
                             text[m.end():])
            if name and after:
                groups.append({name, after.group(1)})
                define(after.group(1), name, s.index)
                define(name, after.group(1), s.index)  # "What is the Dawa movement's other name?"
    return groups, definitions


def _variant_groups(material: Material) -> list[set[str]]:
    """Names the material spells two ways ("al Qaeda"/"al-Qaida", "Ansar Dine"/"Ansar al Din", "Jeddah"/"Jiddah").

    Two names are variants when, particles and hyphens aside, one edit turns one into the other.
    Found through one-deletion neighbourhoods, so the work grows with the number of names, not its square.
    """
    names: dict[str, str] = {}
    for s in material.sentences:
        for run in name_runs(plain(s.text), lambda w: w.casefold() in STOPWORDS):
            for name in _sub_names(run.text):
                key = " ".join(w for w in words(name) if w not in _PARTICLES)
                if 5 <= len(key) <= 40:
                    names.setdefault(key, name)
    buckets: dict[str, set[str]] = defaultdict(set)
    for key in names:
        buckets[key].add(key)
        for i in range(len(key)):
            buckets[key[:i] + key[i + 1:]].add(key)
    groups = []
    for keys in buckets.values():
        if len(keys) < 2:
            continue
        keys_list = sorted(keys)
        for i, a in enumerate(keys_list):
            for b in keys_list[i + 1:]:
                if (a.split()[0] == b.split()[0] or len(a.split()) == 1) and OSA.distance(a, b) == 1 \
                        and a.rstrip("s") != b.rstrip("s"):
                    groups.append({names[a], names[b]})
    return groups


def _sub_names(run: str) -> Iterator[str]:
    """A name run, and its parts when joiners like 'and'/'of' split it into several names."""
    yield run
    for part in re.split(r"\s+(?:and|of|in|for|to|the)\s+", run):
        if part != run:
            yield part


# ---------------------------------------------------------------- aliases from the bank

def _bank_aliases(bank: Bank) -> list[set[str]]:
    groups: list[set[str]] = []
    entities: set[str] = set()
    for q in bank.questions:
        entities.update(q.entities())
        if isinstance(q, Short):
            groups.append({q.answer, *q.accept})
        elif isinstance(q, Cloze):
            groups.extend({b.answer, *b.accept} for b in q.blanks)
    # Names only: a lower-case answer ("north", "around 300") is no alias worth expanding a question with.
    groups = [{m for m in g if any(c.isupper() for c in m)} for g in groups]
    acronyms = {e for e in entities if _ACRONYM.fullmatch(e)}
    for long in entities:
        initials = "".join(w[0] for w in re.findall(r"[\w'-]+", long)
                           if w[0].isupper() and w.casefold() not in _PARTICLES)
        if len(initials) >= 2 and initials in acronyms and initials != long:
            groups.append({initials, long})
    return groups


def _bank_definitions(bank: Bank, material: Material) -> dict[tuple[str, ...], Definition]:
    """Acronym -> expansion pairs among a bank's answers, cited where the bank's question cites."""
    found: dict[tuple[str, ...], Definition] = {}
    for group in _bank_aliases(bank):
        acronyms = [m for m in group if _ACRONYM.fullmatch(m)]
        longs = [m for m in group if not _ACRONYM.fullmatch(m) and len(m.split()) > 1]
        for acronym in acronyms:
            for long in longs:
                passage = material.find(long) or material.find(acronym)
                if passage:
                    found.setdefault(tuple(terms(acronym)), Definition(long, passage.sentences[0]))
    return found


# ---------------------------------------------------------------- asking

def _alias_hits(aliases: dict[str, list[tuple[tuple[str, ...], int]]],
                qterms: list[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """(phrase, position, group) of every alias phrase found in a text's terms."""
    hits = []
    for i, term in enumerate(qterms):
        for phrase, group in aliases.get(term, ()):
            if tuple(qterms[i:i + len(phrase)]) == phrase:
                hits.append((phrase, i, group))
    return hits


def _corrected(index: Index, term: str) -> str | None:
    """The material's term closest to an unknown one (a typo), or None."""
    if len(term) < 5 or not term.isalpha():
        return None
    allowed = 1 if len(term) <= 8 else 2
    best, best_distance = None, allowed + 1
    for known in index.prefixes.get(term[:_PREFIX], ()) if len(term) > 8 else index.df:
        if abs(len(known) - len(term)) <= allowed and known[0] == term[0]:
            d = OSA.distance(term, known, score_cutoff=allowed)
            if d < best_distance or (d == best_distance and best and index.df[known] > index.df[best]):
                best, best_distance = known, d
    return best


def _near_forms(index: Index, term: str) -> list[str]:
    """The material's terms that are other forms of an unknown one ("organiz" -> "organizer")."""
    if len(term) < _PREFIX or not term.isalpha():
        return []
    found = []
    for known in index.prefixes.get(term[:_PREFIX], ()):
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
class _Concept:
    """One word of the question, and the material's terms that say it, each with a factor (1: the word itself)."""

    word: str  # the question's term
    alternatives: dict[str, float]
    weight: float  # IDF of the word: its part of the question
    boost: float = 1.0  # the word the question asks about ("what line ...") weighs more in ranking


@dataclass
class _Query:
    concepts: list[_Concept]
    total: float  # the question's whole weight, its words unknown to the material included
    searched: list[str]  # the terms given to FTS5; the others are too common to search for (see _POSTINGS)
    idf: dict[str, float]  # FTS5's BM25 IDF of every alternative
    pairs: list[tuple[_Concept, _Concept]] = field(default_factory=list)  # neighbouring words of the question

    def proximity(self, sentence: tuple[str, ...]) -> float:
        """Weight of the question's neighbouring words that stand side by side in a sentence ("child soldiers")."""
        score = 0.0
        for a, b in self.pairs:
            for x, y in zip(sentence, sentence[1:]):
                if x in a.alternatives and y in b.alternatives or x in b.alternatives and y in a.alternatives:
                    score += min(a.weight, b.weight)
                    break
        return score

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


def _query(index: Index, question: str) -> _Query:
    """The question's concepts, with the FTS5 terms that find candidate sentences for them."""
    n = max(1, len(index.material.sentences))

    def idf(term: str) -> float:
        return math.log(1 + n / (index.df.get(term, 0) + 0.5))

    qterms = terms(rewrite_phrases(question))
    focus = _focus(question)
    # A name the question gives is searched as its alias group's token, so that "Ansar Dine" weighs
    # as much as "Ansar al Din" (whose "al" and "din" it lacks) and counts once, not once per word.
    named: set[int] = set()
    concepts: dict[str, _Concept] = {}
    for phrase, at, group in _alias_hits(index.aliases, qterms):
        token = _group_token(group)
        if token in index.df:
            named.update(range(at, at + len(phrase)))
            concepts.setdefault(token, _Concept(token, {token: 1.0}, idf(token)))
    total = sum(c.weight for c in concepts.values())
    related = _thesaurus()
    for term in dict.fromkeys(t for k, t in enumerate(qterms) if k not in named):
        total += idf(term)
        alternatives: dict[str, float] = {}
        if term in index.df or term in index.prompt_vocabulary:
            alternatives[term] = 1.0
        elif (fixed := _corrected(index, term)) is not None:
            alternatives[fixed] = _TYPO
        else:
            alternatives.update((t, _NEAR_FORM) for t in _near_forms(index, term))
        for other in related.get(term, ()):
            if other in index.df and other not in qterms:  # a word the question says itself counts once
                alternatives.setdefault(other, _SYNONYM)
        if alternatives:
            weight = idf(term) if term in index.df else max(idf(t) for t in alternatives)
            total += weight - idf(term)
            concepts[term] = _Concept(term, alternatives, weight, _FOCUS if term == focus else 1.0)
    chosen = list(concepts.values())
    if len(chosen) > _MAX_TERMS:
        chosen = sorted(chosen, key=lambda c: -c.weight)[:_MAX_TERMS]
    searched: list[str] = []
    postings = 0
    every = dict.fromkeys(t for c in chosen for t in c.alternatives)
    for t in sorted(every, key=lambda t: index.df.get(t, 0)):
        postings += index.df.get(t, 0)
        if searched and postings > _POSTINGS:
            break
        searched.append(t)
    bm25_idf = {t: max(math.log((n - index.df.get(t, 0) + 0.5) / (index.df.get(t, 0) + 0.5)), 1e-6) for t in every}
    kept = {c.word: c for c in chosen}
    plain_terms = [t for k, t in enumerate(qterms) if k not in named]
    pairs = [(kept[a], kept[b]) for a, b in dict.fromkeys(zip(plain_terms, plain_terms[1:]))
             if a in kept and b in kept and a != b]
    return _Query(chosen, total or 1.0, searched, bm25_idf, pairs)


# Words after "what" that are no noun asked about, or that name the kind of answer rather than a word in it.
_NOT_FOCUS = frozenset("is was are were do does did has have had can could would will should may might kind sort "
                       "type year date month day time town city region country place number name".split())


_ADJECTIVE_ENDINGS = ("al", "ian", "an", "ern", "ic", "ive", "ous", "ist", "ed")


def _focus(question: str) -> str | None:
    """The term of the noun a "what/which NOUN" question asks about ("What line ..." -> "line")."""
    q = question[:500].casefold()
    m = re.search(r"\b(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\s+(\w+)", q) \
        or re.search(r"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?(\w+)\s+(?:of|for|behind)\b", q) \
        or re.search(r"\b(?:what|which)\s+(\w+)", q)
    word = m.group(1) if m else None
    if m and word not in _NOT_FOCUS:
        # The noun after its adjectives: "which central Malian town" asks for a town, "which Tuareg clan" a clan.
        original = question[:500].split()
        for after in re.findall(r"[\w'-]+", q[m.end():])[:2]:
            adjective = word.endswith(_ADJECTIVE_ENDINGS) or any(w.strip("?,.").casefold() == word and w[:1].isupper()
                                                                  for w in original)
            if not adjective or after in STOPWORDS:
                break
            word = after
    focus = _term(word) if word else None
    return None if focus is None or focus in {_term(w) for w in _NOT_FOCUS} else focus


class _Blocks:
    """Term counts of sentences and of pairs of neighbouring sentences, for one question."""

    def __init__(self, index: Index, query: _Query) -> None:
        self.index, self.query = index, query
        self.counts: dict[int, dict[str, int]] = {}
        self.windows: dict[int, float] = {}

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
            + _PROXIMITY * self.query.proximity(terms_of_i)

    def prompts(self, i: int) -> float:
        """BM25 of the bank's questions citing sentence i."""
        asked = self.index.prompt_terms[i]
        return self.query.score(Counter(asked), {}, len(asked), self.index.prompt_average) if asked else 0.0

    def window(self, i: int) -> float:
        if i not in self.windows:
            length = len(self.index.sentence_terms[i]) + len(self.index.sentence_terms[i + 1]) \
                if self.paired(i) else 0
            self.windows[i] = self.query.score(self.count(i), self.count(i + 1), length,
                                               2 * self.index.average_length) if length else 0.0
        return self.windows[i]


def ask(index: Index, question: str) -> Reply:
    """The sentence of the material that best answers `question`, with the short answer when there is one."""
    question = _HOW_MANY_ASKED.sub(r"\1", _NAME_OF.sub("which ", _MARKUP_TAG.sub(" ", question)))
    kind = question_kind(question[:500])
    if not question.strip():
        return Reply(None, None, None, 0.0, kind, "Ask a question about the material.")
    query = _query(index, question)
    if not query.concepts:
        return _nothing(kind)
    definition = _asked_definition(index, question, kind)
    defines = _DEFINES
    if definition is not None:
        defines = _NAMED_DEFINITION if kind == STAND_FOR else _DEFINES
        kind = STAND_FOR
    subject = _subject(question) if definition is None else None
    with index.lock:
        found = index.db.execute("SELECT rowid FROM sentence WHERE sentence MATCH ? ORDER BY rank LIMIT ?",
                                 (query.match(), _CANDIDATES)).fetchall()
        window_rows = index.db.execute("SELECT rowid FROM window WHERE window MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), _CANDIDATES)).fetchall()
        prompt_rows = index.db.execute("SELECT rowid FROM prompt WHERE prompt MATCH ? ORDER BY rank LIMIT ?",
                                       (query.match(), _CANDIDATES)).fetchall() if index.prompt_average else []
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
    ranked = []
    for i in candidates:
        context = max(blocks.window(i - 1), blocks.window(i))
        total_score = blocks.sentence(i) + _CONTEXT * context
        total_score += _ASKED_LIKE * blocks.prompts(i)
        text = index.material.sentences[i].text
        if definition is not None and definition.sentence == i or subject and subject.search(text):
            total_score *= defines
        if why and _CAUSE.search(text):
            total_score *= _GIVES_CAUSE
        if focus and not focus.keys() & blocks.count(i).keys():
            total_score *= _NO_FOCUS
        if agent and agent(text):
            total_score *= _NAMES_AGENT
        ranked.append((total_score, -i))
    ranked.sort(reverse=True)
    best: tuple[float, int, str | None] | None = None
    qwords = _question_words(index, question)
    wanted = _wanted(question, query)
    for total_score, i in ranked:
        i = -i
        if best is not None and total_score <= best[0]:
            break  # the answer check only lowers scores: no sentence further down can win
        answer = _answer(index, kind, index.material.sentences[i].text, question, qwords, wanted, definition)
        if kind in (WHO, WHEN, WHERE, HOW_MANY) and answer is None:
            total_score *= _NO_ANSWER
        if best is None or total_score > best[0]:
            best = (total_score, i, answer)
    assert best is not None
    score, i, answer = best
    chosen = _with_neighbour(index, query, i, why, focus)
    coverage = query.coverage({t for n in chosen for t in (*index.sentence_terms[n], *index.prompt_terms[n])})
    if coverage < _MIN_COVERAGE and definition is None:
        return _nothing(kind)
    location = index.material.location(chosen)
    passage = index.material.text[index.material.sentences[chosen[0]].start:index.material.sentences[chosen[-1]].end]
    where = str(location)
    message = f"Answer: {answer} ({where})." if answer else f"From {where}."
    return Reply(passage, answer, location, round(score, 4), kind, message, chosen)


# A sentence that opens by pointing back at the one before it.
_CONTINUES = re.compile(r"\W*(?:they|it|he|she|this|these|those|its|their|his|her|both|such)\b", re.IGNORECASE)

# Words that give a cause or a means: what a "why" question looks for.
_CAUSE = re.compile(r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|caused\s+by|sparked\s+by|triggered\s+by"
                    r"|in\s+order\s+to|so\s+that|reasons?|at\s+the\s+request|by\s+\w+ing)\b", re.IGNORECASE)


def _agent(question: str, query: _Query) -> Callable[[str], bool] | None:
    """For "Who VERBed ...?", whether a sentence names who did it: "VERBed ... by X", "VERBer was X"."""
    m = re.match(r"\s*who\s+(?!(?:is|was|are|were|have|has|had|did|do|does|will|would|can|could)\b)(.+)",
                 rewrite_phrases(question[:500]), re.IGNORECASE)
    if not m:
        return None
    verbs = {_term(w) for w in re.findall(r"\b[a-z][\w'-]*", m.group(1))} - {None}
    forms = {t for c in query.concepts if c.word in verbs for t in c.alternatives}
    if not forms:
        return None

    def names_agent(sentence: str) -> bool:
        tokens = re.findall(r"[\w'-]+", sentence)
        for at, token in enumerate(tokens):
            if _term(token) in forms:
                after = tokens[at + 1:at + 6]
                if "by" in after or after[:1] in (["was"], ["is"]) and after[1:2] and after[1][0].isupper():
                    return True
        return False

    return names_agent


def _asks_why(question: str) -> bool:
    return bool(re.search(r"\bwhy\b|\bhow\s+come\b|\bwhat\s+(?:caused|led\s+to|was\s+the\s+reason|explains?)\b"
                          r"|\breasons?\b", question[:500], re.IGNORECASE))


def _with_neighbour(index: Index, query: _Query, best: int, why: bool = False,
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
                gain *= _CONTINUED
            gains.append((gain, n))
    if gains and max(gains)[0] >= _NEIGHBOUR_GAIN:
        return tuple(sorted((best, max(gains)[1])))
    after = best + 1
    if why and after < len(sentences) and sentences[after].paragraph == sentences[best].paragraph \
            and not _CAUSE.search(sentences[best].text) and _CAUSE.search(sentences[after].text):
        return (best, after)
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
                 "The material does not seem to answer that. Try other words, or a name the course uses.")


def _question_words(index: Index, question: str) -> set[str]:
    """The question's words and the words of every alias it names: an answer must say something new."""
    qwords = set(terms(question[:2000]))
    for phrase in index.expansions(question):
        qwords.update(phrase)
    return qwords


def _asked_definition(index: Index, question: str, kind: str) -> Definition | None:
    """The definition asked for by "What does X stand for?", "What is X?" or "What does X mean?"."""
    qterms = terms(question)
    candidates = [d for key, d in index.definitions.items()
                  if any(tuple(qterms[i:i + len(key)]) == key for i in range(len(qterms)))]
    if not candidates:
        return None
    if kind == STAND_FOR or re.match(r"\s*(?:what|who)\s+(?:is|was|are|were)\b", question, re.IGNORECASE):
        return max(candidates, key=lambda d: len(d.meaning))
    return None


@lru_cache(maxsize=1 << 16)
def _term(word: str) -> str | None:
    found = terms(word)
    return found[0] if found else None


def _wanted(question: str, query: _Query) -> set[str]:
    """The query terms an answer should stand near: the question's own words before its names."""
    plain_words = {_term(w) for w in re.findall(r"\b[a-z][\w'-]*", question[:2000])}
    return (plain_words & set(query.terms)) or set(query.terms)


def _answer(index: Index, kind: str, sentence: str, question: str, qwords: set[str], wanted: set[str],
            definition: Definition | None) -> str | None:
    if kind == STAND_FOR:
        return definition.meaning if definition else None
    if kind == OTHER:
        return None
    text = plain(sentence)

    def asked(candidate: str) -> bool:
        return all(t in qwords for t in terms(candidate))

    def common(word: str) -> bool:
        return word.casefold() in STOPWORDS or word in index.common_words

    # Nearness to the question's own words ("published", "report") says more than nearness to its names.
    near = [m.start() for m in re.finditer(r"\w[\w'-]*", text) if _term(m.group()) in wanted]
    return short_answer(kind, text, asked, common, near, question)
