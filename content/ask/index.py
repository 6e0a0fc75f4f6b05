"""The material's sentences in an in-memory FTS5 index, with the alias groups that expand questions."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from content.ask import weights as w
from content.ask.aliases import (
    GENERIC_HEAD, Definition, bank_aliases, bank_definitions, material_aliases, variant_groups,
)
from content.bank import Bank
from content.material import Material
from content.text.words import terms


# First term of a phrase -> its length in terms -> the phrase -> the alias groups it belongs to.
Aliases = dict[str, dict[int, dict[tuple[str, ...], list[int]]]]


def group_token(group: int) -> str:
    return f"zzalias{group}"


@dataclass
class Index:
    """The material's sentences in an in-memory FTS5 index, with the aliases that expand questions."""

    material: Material
    db: sqlite3.Connection = field(repr=False)
    aliases: Aliases
    groups: list[list[tuple[str, ...]]]
    definitions: dict[tuple[str, ...], Definition]
    df: dict[str, int]  # sentences holding each term
    common_words: frozenset[str]  # words the material writes in lower case somewhere
    average_length: float  # terms in a sentence, on average
    paragraph_average: float  # terms in a paragraph, on average
    sentence_terms: list[tuple[str, ...]] = field(repr=False)  # the indexed terms of each sentence
    prefixes: dict[str, list[str]] = field(repr=False)  # first letters -> the material's longer terms
    prompt_terms: list[tuple[str, ...]] = field(repr=False)  # the terms of the bank's questions citing each sentence
    prompt_average: float  # terms of the questions citing a sentence, on average over those sentences (0: none)
    prompt_vocabulary: frozenset[str]  # terms of the bank's questions that the material does not use
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, material: Material, bank: Bank | None = None) -> Index:
        found, definitions = material_aliases(material)
        groups: list[set[str]] = [*found, *variant_groups(material), *(bank_aliases(bank) if bank else [])]
        groups = [g | {m.group(1) for name in g if (m := GENERIC_HEAD.fullmatch(name))} for g in groups]
        merged = _merge_groups([{tuple(terms(m)) for m in g} - {()} for g in groups])
        aliases: Aliases = {}
        for n, group in enumerate(merged):
            for phrase in group:
                aliases.setdefault(phrase[0], {}).setdefault(len(phrase), {}).setdefault(phrase, []).append(n)
        sentence_terms = [indexed_terms(aliases, s.text) for s in material.sentences]
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
            definitions = {**bank_definitions(bank, material), **definitions}
        average = sum(map(len, sentence_terms)) / max(1, len(sentence_terms))
        prefixes: dict[str, list[str]] = defaultdict(list)
        for term in df:
            if len(term) >= w.PREFIX and term.isalpha():
                prefixes[term[:w.PREFIX]].append(term)
        prompt_terms = _prompt_terms(material, bank, aliases) if bank else [()] * len(sentence_terms)
        db.execute("CREATE VIRTUAL TABLE prompt USING fts5(body, tokenize='unicode61', detail='full')")
        db.executemany("INSERT INTO prompt(rowid, body) VALUES (?, ?)",
                       ((i, " ".join(t)) for i, t in enumerate(prompt_terms) if t))
        prompted = [len(t) for t in prompt_terms if t]
        return cls(material, db, dict(aliases), [sorted(g) for g in merged], definitions, dict(df), common,
                   average, sum(map(len, sentence_terms)) / max(1, len(material.paragraphs)),
                   [tuple(t) for t in sentence_terms], dict(prefixes), prompt_terms,
                   sum(prompted) / len(prompted) if prompted else 0.0,
                   frozenset(t for ts in prompt_terms for t in ts) - df.keys())

    def __getstate__(self) -> dict[str, object]:
        """What pickling keeps: every field, the FTS5 database as its bytes, no lock."""
        self.material.__dict__.pop("_folded", None)  # a cache of the material's own, as large as its text
        state = {k: v for k, v in self.__dict__.items() if k not in ("db", "lock")}
        with self.lock:
            state["db"] = self.db.serialize()
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        data = state.pop("db")
        if not isinstance(data, bytes):
            raise TypeError("not an index")
        db = _connect()
        db.deserialize(data)
        self.__dict__.update(state, db=db, lock=threading.Lock())

    def terms_of(self, sentence: int) -> list[str]:
        """The indexed terms of a sentence, the tokens of the aliases it names included."""
        return list(self.sentence_terms[sentence])

    def alias_groups(self) -> list[list[str]]:
        """Each group of names that stand for the same thing, as indexed terms joined by spaces."""
        return [[" ".join(p) for p in g] for g in self.groups]

    def expansions(self, text: str) -> list[tuple[str, ...]]:
        """Phrases (as terms) that the names in `text` also go by."""
        found = alias_hits(self.aliases, terms(text))
        return sorted({p for _, _, group in found for p in self.groups[group]} - {h for h, _, _ in found})


def _prompt_terms(material: Material, bank: Bank, aliases: Aliases) -> list[tuple[str, ...]]:
    """Per sentence, the terms of the bank's questions that cite it: how people ask about what it says."""
    out: list[list[str]] = [[] for _ in material.sentences]

    def add(text: str, quote: str) -> None:
        found = material.find(quote)
        if found is not None and len(found.sentences) <= w.PROMPT_SPAN:
            t = indexed_terms(aliases, text)
            for i in found.sentences:
                out[i].extend(t)

    for q in bank.questions:
        for quote in q.source:
            add(q.prompt, quote)
    return [tuple(t) for t in out]


def indexed_terms(aliases: Aliases, text: str) -> list[str]:
    t = terms(text)
    return t + [group_token(g) for g in sorted({g for _, _, g in alias_hits(aliases, t)})]


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


def alias_hits(aliases: Aliases, qterms: list[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """(phrase, position, group) of every alias phrase found in a text's terms."""
    hits = []
    for i, term in enumerate(qterms):
        by_length = aliases.get(term)
        if by_length:
            for length, phrases in by_length.items():
                phrase = tuple(qterms[i:i + length])
                for group in phrases.get(phrase, ()):
                    hits.append((phrase, i, group))
    return hits
