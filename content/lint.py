"""Checks of a bank against its material, beyond what the file format itself enforces."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from content.bank import BankFile, Problem
from content.material import Material
from content.matching import normalize
from content.questions import Question
from content.questions.truefalse import COPIED_SHARE, copied_share
from content.text.fold import fold_marks
from content.text.search import WordIndex

# A prompt that long, found word for word in the material, was copied rather than asked.
_COPIED_PROMPT_CHARS = 60
# A prompt with this many words in a row from the material copies a sentence: it turns the sentence into
# a question by leaving out the answer, and is answered by recognising the wording, not by knowing the fact.
COPIED_PROMPT_WORDS = 10
# From this many questions on, the material is indexed by its words once rather than searched whole for
# each quote and prompt (an editor linting one question does not pay for the index).
_INDEXED = 100


def lint(file: BankFile, material: Material) -> list[Problem]:
    """Every error and warning in a bank checked against its material."""
    problems: list[Problem] = []
    add = problems.append
    counts = Counter(q.id for q in file.bank.questions)
    folded_material = normalize(material.text)
    copied = _copied_runs(file.bank.questions, folded_material.split())
    indexed = len(file.bank.questions) >= _INDEXED
    words = material.word_index() if indexed else None
    in_material = WordIndex(folded_material).find if indexed else folded_material.find
    for i, q in enumerate(file.bank.questions):
        at = ("questions", i)
        name = f"question {q.id!r}: "
        if counts[q.id] > 1:
            add(file.problem((*at, "id"), f"{name}id is used {counts[q.id]} times; ids must be unique"))
        quoted: list[str] = []
        cited = q.cited()
        for quote in cited:
            passage = material.find(quote.quote, words)
            if passage is None:
                add(file.problem((*at, *quote.loc), f"{name}{quote.what} not found in the material: {_short(quote.quote)}"))
            else:
                quoted.append(material.text[passage.start:passage.end])
        source = normalize(" ".join(quoted)) if quoted else None
        # A type's own checks give (loc, message) for an error or (loc, message, severity).
        for loc, message, *severity in q.lint(source):
            add(file.problem((*at, *loc), f"{name}{message}", *severity))
        if not cited:
            add(file.problem(at, f"{name}not grounded in the material: it cites no quote", "warning"))
        if q.status == "draft":
            add(file.problem((*at, "status"), f"{name}draft: not studied until an author accepts it", "warning"))
        if not q.topics:
            add(file.problem(at, f"{name}no topics: learners and reports group questions by topic", "warning"))
        explain = normalize(q.explain)
        if explain in {normalize(q.answer_text()), normalize(q.prompt)}:
            add(file.problem((*at, "explain"), f"{name}explain only repeats the answer; say why or add context", "warning"))
        elif source and (share := copied_share(explain, source, least=COPIED_SHARE)) >= COPIED_SHARE:
            add(file.problem((*at, "explain"), f"{name}explain restates the cited passage ({share:.0%} of its words), "
                             "which the learner sees anyway; add what the passage does not say", "warning"))
        prompt = normalize(q.prompt)
        if len(prompt) >= _COPIED_PROMPT_CHARS and in_material(prompt) >= 0:
            add(file.problem((*at, "prompt"), f"{name}prompt is copied from the material; ask it as a question", "warning"))
        elif i in copied:
            add(file.problem((*at, "prompt"), f"{name}prompt copies {COPIED_PROMPT_WORDS} or more words in a row from "
                             f"the material ({_short(copied[i])}); ask it in your own words", "warning"))
    return problems


def _copied_runs(questions: Sequence[Question], material_words: list[str]) -> dict[int, str]:
    """For each question whose prompt shares COPIED_PROMPT_WORDS words in a row with the material, the first
    such run; one pass over the material whatever the size of the bank."""
    n = COPIED_PROMPT_WORDS
    runs: dict[tuple[str, ...], list[int]] = {}
    for i, q in enumerate(questions):
        words = normalize(q.prompt).split()
        for k in range(len(words) - n + 1):
            runs.setdefault(tuple(words[k:k + n]), []).append(i)
    found: dict[int, str] = {}
    if runs:
        for k in range(len(material_words) - n + 1):
            for i in runs.get(tuple(material_words[k:k + n]), ()):
                found.setdefault(i, " ".join(material_words[k:k + n]))
    return found


def _short(quote: str, limit: int = 70) -> str:
    quote = fold_marks(quote)
    return repr(quote if len(quote) <= limit else quote[: limit - 1] + "…")
