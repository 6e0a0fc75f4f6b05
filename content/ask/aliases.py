"""Names that stand for the same thing, found in the material ("Long Name (ACRONYM)", "X, or Y", "also
known as", one spelling away) and in a bank (its answers and accept lists), and the definitions among them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from content.bank import Bank
from content.material import Material
from content.text.lexicon import NAME_BOUND, STOPWORDS
from content.text.names import ACRONYM, NAME_JOINERS, PARTICLES, expansion_before, name_before, plain
from content.text.words import terms, words


@dataclass(frozen=True, slots=True)
class Definition:
    """What an acronym or a foreign name stands for, and the sentence that says so."""

    meaning: str
    sentence: int


# "the Chartist movement" is "Chartist" too: a name followed by the kind of body it names.
GENERIC_HEAD = re.compile(r"(?:[Tt]he\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)\s+(?:movement|group|organi[sz]ation|party"
                           r"|front|militia|coalition|alliance)")


_PAREN = re.compile(r"\(([^()]{1,200})\)|\[([^\[\]]{1,200})\]")


_AKA = re.compile(r"\s*(?:[-,(]\s*)?(?:aka|a\.k\.a\.|also known as|also called|known as)\s+", re.IGNORECASE)


_OR_NAME = re.compile(r"\b([A-Z][\w'-]{2,}), or ([A-Z][\w'-]{2,})\b")


_SPLIT_PARTS = re.compile(r",\s*or\s+|\s+or\s+|,\s*|\s+-\s+|;\s*")


def _parts(inside: str) -> list[str]:
    parts = [p.strip(" \"'.,") for p in _SPLIT_PARTS.split(inside)]
    return [p for p in parts if p and p[0].isupper()]


def material_aliases(material: Material) -> tuple[list[set[str]], dict[tuple[str, ...], Definition]]:
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
                name = name_before(text, m.start())
                acronyms = [p for p in parts if ACRONYM.fullmatch(p)]
                others = [p for p in parts if not ACRONYM.fullmatch(p)]
                if len(acronyms) == 1 and not others:
                    # "crassulacean acid metabolism (CAM)": the words whose initials spell it, in any case;
                    # "the NFL Most Valuable Player (MVP)": "Most Valuable Player" too
                    spelt = expansion_before(text, m.start(), acronyms[0])
                    if spelt and (name is None or len(spelt) > len(name)):
                        name = spelt
                    elif spelt and name and spelt != name:
                        groups.append({spelt, acronyms[0]})
                if name is None:
                    # "ACRONYM [Long Name]": the acronym stands before the brackets
                    before = re.search(r"([A-Z][A-Z0-9-]+[A-Z0-9])\s*$", text[:m.start()])
                    if before and others:
                        groups.append({before.group(1), *others})
                        define(before.group(1), others[0], s.index)
                    continue
                if ACRONYM.fullmatch(name) and others and not acronyms:
                    groups.append({name, *others})
                    define(name, others[0], s.index)
                    continue
                groups.append({name, *parts})
                for acronym in acronyms:
                    meaning = name + (f" ({others[0]})" if others else "")
                    define(acronym, meaning, s.index)
                if others and not acronyms and m.group(1) and '"' in inside:
                    define(name, others[0], s.index)  # a quoted gloss: 'Sinn Féin ("We Ourselves")'
        for m in _OR_NAME.finditer(text):
            groups.append({m.group(1), m.group(2)})
            define(m.group(1), m.group(2), s.index)
            define(m.group(2), m.group(1), s.index)
        for m in _AKA.finditer(text):
            name = name_before(text, m.start(), lowercase_tail=1)
            after = re.match(r"([A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|al-[\w'-]+|(?:al|of|the|wa|fi)(?=\s)))*)",
                             text[m.end():])
            if name and after:
                groups.append({name, after.group(1)})
                define(after.group(1), name, s.index)
                define(name, after.group(1), s.index)  # "What is the Chartist movement's other name?"
    return groups, definitions


def variant_groups(material: Material) -> list[set[str]]:
    """Names the material spells two ways ("al Azhar"/"al-Azhar", "Tchaikovsky"/"Tchaikovski").

    Two names are variants when, particles and hyphens aside, one edit turns one into the other.
    Found through one-deletion neighbourhoods, so the work grows with the number of names, not its square.
    """
    names: dict[str, str] = {}
    for run in dict.fromkeys(m.group() for m in _NAME_RUN.finditer(plain(material.text))):
        for name in _sub_names(run):
            key = " ".join(w for w in words(name) if w not in PARTICLES and w not in STOPWORDS)
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


# A run of capitalised words and the joiners between them, in one pass over the text (no month or possessive
# rules, unlike name_runs: good enough to find spellings, and fast on a large material).
_NAME_WORD = r"(?:[A-Z][\w'-]*|(?:" + "|".join(sorted(NAME_BOUND)) + r")-\w[\w'-]*)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:(?:{'|'.join(sorted(NAME_JOINERS))})[ \t]+)*{_NAME_WORD})*")


def _sub_names(run: str) -> Iterator[str]:
    """A name run, and its parts when joiners like 'and'/'of' split it into several names."""
    yield run
    for part in re.split(r"\s+(?:and|of|in|for|to|the)\s+", run):
        if part != run:
            yield part


def bank_aliases(bank: Bank) -> list[set[str]]:
    """Groups of names the bank's questions accept for one another, and acronyms with their expansions."""
    groups: list[set[str]] = []
    entities: set[str] = set()
    for q in bank.questions:
        entities.update(q.entities())
        groups.extend(set(forms) for forms in q.synonyms())
    # Names only: a lower-case answer ("north", "around 300") is no alias worth expanding a question with.
    groups = [{m for m in g if any(c.isupper() for c in m)} for g in groups]
    acronyms = {e for e in entities if ACRONYM.fullmatch(e)}
    for long in entities:
        initials = "".join(w[0] for w in re.findall(r"[\w'-]+", long)
                           if w[0].isupper() and w.casefold() not in PARTICLES)
        if len(initials) >= 2 and initials in acronyms and initials != long:
            groups.append({initials, long})
    return groups


def bank_definitions(bank: Bank, material: Material) -> dict[tuple[str, ...], Definition]:
    """Acronym -> expansion pairs among a bank's answers, cited where the bank's question cites."""
    found: dict[tuple[str, ...], Definition] = {}
    for group in bank_aliases(bank):
        acronyms = [m for m in group if ACRONYM.fullmatch(m)]
        longs = [m for m in group if not ACRONYM.fullmatch(m) and len(m.split()) > 1]
        for acronym in acronyms:
            for long in longs:
                passage = material.find(long) or material.find(acronym)
                if passage:
                    found.setdefault(tuple(terms(acronym)), Definition(long, passage.sentences[0]))
    return found
