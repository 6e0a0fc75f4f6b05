"""Checks of a bank against its material, beyond what the file format itself enforces."""

from __future__ import annotations

from collections import Counter

from content.bank import BankFile, Problem
from content.material import Material, fold_marks
from content.matching import normalize
from content.questions import Choice, Cloze, Multi, Order, Pairs, Short

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
        if not isinstance(q, Order) or q.source != [item.source for item in q.items]:
            for j, quote in enumerate(q.source):
                passage = material.find(quote)
                if passage is None:
                    where = (*at, "source", j) if len(q.source) > 1 else (*at, "source")
                    add(file.problem(where, f"{name}quote not found in the material: {_short(quote)}"))
                else:
                    quoted.append(material.text[passage.start:passage.end])
        if isinstance(q, Order):
            for j, item in enumerate(q.items):
                passage = material.find(item.source)
                if passage is None:
                    add(file.problem((*at, "items", j, "source"),
                                     f"{name}item {j + 1} cites a quote not found in the material: {_short(item.source)}"))
                else:
                    quoted.append(material.text[passage.start:passage.end])
        text = normalize(" ".join(quoted))
        if isinstance(q, Short) and quoted and not _any_in([q.answer, *q.accept], text):
            add(file.problem((*at, "answer"), f"{name}neither the answer nor an alias appears in the quoted text"))
        if isinstance(q, Cloze) and quoted:
            for j, blank in enumerate(q.blanks):
                if not _any_in([blank.answer, *blank.accept], text):
                    add(file.problem((*at, "blanks", j), f"{name}blank {j + 1}'s answer does not appear in the quoted text"))
        if isinstance(q, (Choice, Multi)):
            problems.extend(_option_problems(file, i, q))
        if isinstance(q, Pairs) and len({normalize(k) for k in q.pairs}) != len(q.pairs):
            add(file.problem((*at, "pairs"), f"{name}items on the left of pairs must be distinct"))
        if not q.topics:
            add(file.problem(at, f"{name}no topics: learners and reports group questions by topic", "warning"))
        if normalize(q.explain) in {normalize(q.answer_text()), normalize(q.prompt)}:
            add(file.problem((*at, "explain"), f"{name}explain only repeats the answer; say why or add context", "warning"))
        prompt = normalize(q.prompt)
        if not isinstance(q, Cloze) and len(prompt) >= _COPIED_PROMPT_CHARS and prompt in folded_material:
            add(file.problem((*at, "prompt"), f"{name}prompt is copied from the material; ask it as a question", "warning"))
    return problems


def _option_problems(file: BankFile, index: int, q: Choice | Multi) -> list[Problem]:
    at, name = ("questions", index), f"question {q.id!r}: "
    right = [q.answer] if isinstance(q, Choice) else list(q.answers)
    seen: dict[str, str] = {normalize(r): r for r in right}
    out = []
    if isinstance(q, Multi) and len(seen) != len(right):
        out.append(file.problem((*at, "answers"), f"{name}answers repeat each other"))
    for j, option in enumerate(q.options):
        key = normalize(option)
        if key in seen:
            what = "an answer" if seen[key] in right else "another option"
            out.append(file.problem((*at, "options", j), f"{name}option {option!r} is the same as {what}"))
        seen[key] = option
    return out


def _any_in(forms: list[str], text: str) -> bool:
    return any(f" {normalize(f)} " in f" {text} " for f in forms if normalize(f))


def _short(quote: str, limit: int = 70) -> str:
    quote = fold_marks(quote)
    return repr(quote if len(quote) <= limit else quote[: limit - 1] + "…")
