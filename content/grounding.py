"""Grounding questions in the material: for a question citing nothing, the sentence that says its answer.

Retrieval is the learner's own `ask` (content.ask), queried with the question and its answer, then with
each alone. A passage counts only when the question's type finds its answer in it (`supported_by`: for a
typed answer, the same rule as its lint check that the answer appears in the quoted text). The quote is
the one sentence that does, or the two neighbouring sentences that do together.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.ask import Index
from content.ask.rank import ranked_sentences
from content.bank import Bank
from content.material import Material
from content.matching import normalize
from content.questions import Question


# How many of the sentences retrieved may be quoted together, when no one passage says the whole answer.
_COMBINED = 10
# Sentences each query of a question contributes, best first; the answer check then picks among them.
_PER_QUERY = 3


@dataclass(frozen=True)
class Grounding:
    question: str  # its id
    quotes: tuple[str, ...]  # verbatim from the material; empty: no passage supports the answer
    sentences: tuple[int, ...] = ()  # indexes into Material.sentences


def ground(bank: Bank, material: Material) -> list[Grounding]:
    """A grounding for every question of the bank that cites no quote, in the bank's order."""
    ungrounded = [q for q in bank.questions if not q.cited()]
    if not ungrounded:
        return []
    index = Index.build(material, bank)
    return [_grounding(index, q) for q in ungrounded]


def _grounding(index: Index, question: Question) -> Grounding:
    """The shortest passage the retrieval finds that says the answer: one sentence, two neighbours, or
    else the fewest of the sentences retrieved that say it together (an answer of several parts), each
    quoted on its own."""
    material = index.material
    prompt, answer = question.shown_prompt(), question.answer_text()
    parts = question.answer_terms()
    queries = [f"{prompt} {answer}", prompt, answer, *(q for t in parts if len(parts) > 1 for q in (f"{prompt} {t}", t))]
    found: list[int] = []  # the sentences retrieved, best first
    for query in queries:
        found += [i for i in ranked_sentences(index, query, _PER_QUERY) if i not in found]
    for span in _spans(found, material):
        if question.supported_by(normalize(_text(material, span))):
            return Grounding(question.id, (_text(material, span),), span)
    chosen = found[:_COMBINED]
    if not chosen or not _supports(question, material, chosen):
        return Grounding(question.id, ())
    for i in reversed(found[:_COMBINED]):  # the least likely first: keep what the retrieval ranked best
        if len(chosen) > 1 and _supports(question, material, [j for j in chosen if j != i]):
            chosen.remove(i)
    ordered = tuple(sorted(chosen))
    return Grounding(question.id, tuple(material.sentences[i].text for i in ordered), ordered)


def _supports(question: Question, material: Material, sentences: list[int]) -> bool:
    return question.supported_by(normalize(" ".join(material.sentences[i].text for i in sorted(sentences))))


def _text(material: Material, span: tuple[int, ...]) -> str:
    return material.text[material.sentences[span[0]].start:material.sentences[span[-1]].end]


def _spans(sentences: list[int], material: Material) -> list[tuple[int, ...]]:
    """Each sentence alone, then each with a neighbour in its paragraph: the shortest quote first."""
    spans: list[tuple[int, ...]] = [(i,) for i in sentences]
    for i in sentences:
        for pair in ((i - 1, i), (i, i + 1)):
            if pair not in spans and 0 <= pair[0] and pair[1] < len(material.sentences) and \
                    material.sentences[pair[0]].paragraph == material.sentences[pair[1]].paragraph:
                spans.append(pair)
    return spans
