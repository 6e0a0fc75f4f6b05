"""A question as a flashcard: the text of its front and the right answers its back lists.

For the formats that have no question types of their own (Anki's Basic notes, Quizlet cards):
options, items and shuffled steps go on the front, the answer the learner checks on the back.
"""

from __future__ import annotations

import random
import re

from content.interchange.model import Answer, Exchanged

BLANK = re.compile(r"\{\{(\d+)\}\}")  # BLANK_MARK in a cloze stem
GAP = "_____"


def front(question: Exchanged) -> str:
    lines: list[str] = []
    if question.kind == "multichoice":
        lines = [f"{_letter(i)}. {a.text}" for i, a in enumerate(question.answers)]
    elif question.kind == "truefalse":
        lines = ["True or false?"]
    elif question.kind == "matching":
        matches = _shuffled([m for _, m in question.pairs], question.id or question.stem)
        lines = [f"{i}. {item}" for i, (item, _) in enumerate(question.pairs, 1)] + [""]
        lines += [f"{_letter(i)}. {m}" for i, m in enumerate(matches)]
    elif question.kind == "ordering":
        lines = [f"- {step}" for step in _shuffled(question.steps, question.id or question.stem)]
    elif question.kind == "cloze":
        return BLANK.sub(GAP, question.stem)
    return "\n\n".join([question.stem, "\n".join(lines)]) if lines else question.stem


def answers(question: Exchanged) -> list[str]:
    """The right answers, one line each, as the back of the card shows them."""
    if question.kind == "multichoice":
        return [f"{_letter(i)}. {a.text}" for i, a in enumerate(question.answers) if a.fraction > 0]
    if question.kind == "truefalse":
        return ["True" if question.truth else "False"]
    if question.kind == "matching":
        return [f"{item} → {match}" for item, match in question.pairs]
    if question.kind == "ordering":
        return [f"{i}. {step}" for i, step in enumerate(question.steps, 1)]
    if question.kind == "cloze":
        return [right(blank)[0].text for blank in question.blanks if right(blank)]
    return [a.text + (f" ± {a.tolerance:g}" if a.tolerance else "") for a in right(question.answers)]


def right(answers: list[Answer]) -> list[Answer]:
    """The answers with the most credit, if any has some."""
    best = max((a.fraction for a in answers), default=0.0)
    return [a for a in answers if a.fraction == best and best > 0]


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _shuffled(items: list[str], seed: str) -> list[str]:
    """The same order at every export; never the right order when another exists."""
    order = list(items)
    random.Random(seed).shuffle(order)
    if order == items and len(set(items)) > 1:
        order = order[1:] + order[:1]
    return order
