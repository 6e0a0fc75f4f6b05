"""Checks of a bank against its material, beyond what the file format itself enforces."""

from __future__ import annotations

from collections import Counter

from content.bank import BankFile, Problem
from content.material import Material
from content.matching import normalize
from content.text.fold import fold_marks

# A prompt that long, found word for word in the material, was copied rather than asked.
_COPIED_PROMPT_CHARS = 60


def lint(file: BankFile, material: Material) -> list[Problem]:
    """Every error and warning in a bank checked against its material."""
    problems: list[Problem] = []
    add = problems.append
    counts = Counter(q.id for q in file.bank.questions)
    folded_material = normalize(material.text)
    for i, q in enumerate(file.bank.questions):
        at = ("questions", i)
        name = f"question {q.id!r}: "
        if counts[q.id] > 1:
            add(file.problem((*at, "id"), f"{name}id is used {counts[q.id]} times; ids must be unique"))
        quoted: list[str] = []
        cited = q.cited()
        for quote in cited:
            passage = material.find(quote.quote)
            if passage is None:
                add(file.problem((*at, *quote.loc), f"{name}{quote.what} not found in the material: {_short(quote.quote)}"))
            else:
                quoted.append(material.text[passage.start:passage.end])
        for loc, message in q.lint(normalize(" ".join(quoted)) if quoted else None):
            add(file.problem((*at, *loc), f"{name}{message}"))
        if not cited:
            add(file.problem(at, f"{name}not grounded in the material: it cites no quote", "warning"))
        if q.status == "draft":
            add(file.problem((*at, "status"), f"{name}draft: not studied until an author accepts it", "warning"))
        if not q.topics:
            add(file.problem(at, f"{name}no topics: learners and reports group questions by topic", "warning"))
        if normalize(q.explain) in {normalize(q.answer_text()), normalize(q.prompt)}:
            add(file.problem((*at, "explain"), f"{name}explain only repeats the answer; say why or add context", "warning"))
        prompt = normalize(q.prompt)
        if len(prompt) >= _COPIED_PROMPT_CHARS and prompt in folded_material:
            add(file.problem((*at, "prompt"), f"{name}prompt is copied from the material; ask it as a question", "warning"))
    return problems


def _short(quote: str, limit: int = 70) -> str:
    quote = fold_marks(quote)
    return repr(quote if len(quote) <= limit else quote[: limit - 1] + "…")
