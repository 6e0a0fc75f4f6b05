"""Tutor banks as exchanged questions and back: ids, drafts, and what each question keeps or loses.

Each question type maps itself (`Question.to_exchanged`, `from_exchanged`); this module asks every type in
turn, never naming one. Importing gives each question an id slug (from the file's id, else its name, else
its prompt), unique in the bank; the file's feedback as `explain`; its tags (or its category) as topics;
and marks a question `status: draft` when it cites no quote of the material or has no explanation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from content.bank import Bank
from content.interchange import FORMATS, Meta, Problem, Read
from content.interchange.model import Exchanged, Skipped
from content.matching import normalize
from content.questions import KINDS, Question

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from content.material import Material

# The explanation of an imported question that had none: it stays a draft until an author writes one.
NO_EXPLAIN = "No explanation came with this question: write why the answer is right."
_SLUG_CHARS = 60
_PROMPT_WORDS = 6
_DEFAULT_CATEGORY = re.compile(r"(?i)^(?:top|default|default for .*|\$\w+\$)$")


@dataclass
class Export:
    data: bytes
    written: list[str]  # question ids, in the bank's order
    refused: list[tuple[str, str]]  # (question id, why the format cannot hold it)


# No format Tutor writes has a draft status: a draft exported would be a live question there.
DRAFT_HELD = "a draft: accept it first (tutor edit), or export with --drafts"


def export(bank: Bank, format_name: str, drafts: bool = False) -> Export:
    """The bank in a format: every question it can hold, and the others with the reason; drafts only if
    `drafts`, since the format would read them back, and show them to learners, as ready.

    ValueError when the format holds none of them."""
    module = FORMATS[format_name].load()
    cannot = getattr(module, "cannot_write", None)
    kept: list[Exchanged] = []
    written, refused = [], []
    for question in bank.questions:
        exchanged = question.to_exchanged()
        reason = DRAFT_HELD if question.status == "draft" and not drafts else cannot(exchanged) if cannot else ""
        if reason:
            refused.append((question.id, reason))
        else:
            kept.append(exchanged)
            written.append(question.id)
    if not kept and bank.questions and all(reason == DRAFT_HELD for _, reason in refused):
        raise ValueError(f"the bank's {len(bank.questions)} questions are all drafts: accept them first (tutor edit), "
                         "or export with --drafts")
    if not kept and bank.questions:
        raise ValueError(f"{FORMATS[format_name].label} can hold none of the bank's {len(bank.questions)} questions")
    return Export(module.write(kept, Meta(bank.id, bank.title)), written, refused)


@dataclass
class Import:
    bank: Bank
    skipped: list[Skipped] = field(default_factory=list)  # what the file holds that Tutor cannot
    notes: list[Problem] = field(default_factory=list)  # warnings: what a question lost on the way in
    errors: list[Problem] = field(default_factory=list)  # a quote not in the material: nothing is imported

    @property
    def drafts(self) -> int:
        return sum(q.status == "draft" for q in self.bank.questions)


def imported(read: Read, bank_id: str, title: str, material_name: str, material: Material | None = None,
             tag_space: str = " ") -> Import:
    """The bank the questions of a file make; with the material, each quote is checked against it.
    `tag_space` is what the file's format writes for a space in a tag (Format.tag_space)."""
    from content.bank import bank_from_data

    result = Import(Bank(bank_id, title, material_name), skipped=list(read.skipped))
    taken: set[str] = set()
    questions: list[Question] = []
    for exchanged in read.questions:
        where = (exchanged.line, exchanged.col)
        built = _question(exchanged, taken, tag_space)
        if isinstance(built, Skipped):
            result.skipped.append(built)
            continue
        question, lost = built
        missing, refusals = _checked(question, material)
        if missing:
            result.errors += [Problem(*where, f"question {question.id!r}: {m}") for m in missing]
            continue
        if refusals:
            result.skipped.append(_skip(exchanged, "Tutor would refuse it: " + "; ".join(refusals)))
            continue
        taken.add(question.id)
        questions.append(question)
        result.notes += [Problem(*where, f"question {question.id!r}: not kept: {what}", "warning") for what in lost]
    data = {"id": bank_id, "title": title, "material": material_name, "questions": [q.to_data() for q in questions]}
    result.bank = bank_from_data(data)  # a question that passed the schema one by one passes it in the bank
    return result


def _question(q: Exchanged, taken: set[str], tag_space: str) -> tuple[Question, list[str]] | Skipped:
    """The Tutor question an exchanged one makes, with what it loses; or why Tutor cannot hold it."""
    from pydantic import ValidationError

    from content import schema

    for kind in KINDS.values():
        if q.kind not in kind.exchange_kinds:
            continue
        mapped = kind.from_exchanged(q)
        if mapped is None:
            continue
        if mapped.fields is None:
            return _skip(q, f"Tutor cannot hold it as a {kind.type} question: {mapped.refused}")
        explain, feedback_lost = _explain(q)
        data: dict[str, Any] = {
            "id": unique(question_id(q), taken), "type": kind.type, "explain": explain,
            "source": q.source, "topics": _topics(q, tag_space), "difficulty": q.difficulty or 2, **mapped.fields,
        }
        try:
            valid = _validator().validate_python(data)
        except ValidationError as e:
            reasons = "; ".join(f"{'.'.join(map(str, err['loc'][1:])) or 'it'}: {err['msg']}" for err in e.errors())
            return _skip(q, f"Tutor cannot hold it as a {kind.type} question: {reasons.replace('Value error, ', '')}")
        question = schema.to_question(valid)
        if not question.cited() or explain == NO_EXPLAIN:
            question = replace(question, status="draft")
        return question, [*mapped.lost, *feedback_lost]
    return _skip(q, f"Tutor has no {q.kind} questions")


@cache
def _validator() -> TypeAdapter[Any]:
    """One question of a bank file, validated as the schema has it (slow to build: once)."""
    from pydantic import TypeAdapter

    from content import schema

    return TypeAdapter(schema.Question)


def _checked(question: Question, material: Material | None) -> tuple[list[str], list[str]]:
    """Its quotes that the material does not hold (errors of the file), and the errors its type's own checks
    find (why Tutor refuses it); without the material, only the checks that need none."""
    missing, quoted = [], []
    for cited in question.cited() if material is not None else ():
        passage = material.find(cited.quote)
        if passage is None:
            missing.append(f"{cited.what} not found in {material.name}: {cited.quote[:70]!r}")
        else:
            quoted.append(material.text[passage.start:passage.end])
    own = question.lint(normalize(" ".join(quoted)) if quoted else None)
    return missing, [finding[1] for finding in own if len(finding) == 2]


def _explain(q: Exchanged) -> tuple[str, list[str]]:
    """The general feedback, else the feedback of the right answer; and whether other feedback is lost."""
    right = [a.feedback for a in [*q.answers, *(a for b in q.blanks for a in b)] if a.fraction >= 1]
    if q.truth is not None:
        right.append(q.true_feedback if q.truth else q.false_feedback)
    explain = q.general_feedback.strip() or next((f.strip() for f in right if f.strip()), "")
    others = [a.feedback for a in [*q.answers, *(a for b in q.blanks for a in b)]] + [q.true_feedback, q.false_feedback]
    lost = ["the feedback of single answers (Tutor explains the same way after any answer)"] \
        if any(f.strip() and f.strip() != explain for f in others) else []
    return explain or NO_EXPLAIN, lost


def _topics(q: Exchanged, tag_space: str) -> list[str]:
    """The question's tags; without any, the last part of its category that is not a default one."""
    spaced = (t.replace(tag_space, " ") for t in q.tags)
    tags = list(dict.fromkeys(t.strip() for t in spaced if t.strip()))
    if tags:
        return tags
    parts = [p.strip() for p in q.category.split("/") if p.strip() and not _DEFAULT_CATEGORY.match(p.strip())]
    return parts[-1:]


def _skip(q: Exchanged, reason: str) -> Skipped:
    return Skipped(q.line, q.kind, q.name, reason, text=q.stem, id=q.id)


def slug(text: str) -> str:
    """Text as an id slug: lowercase ASCII letters and digits, hyphens between; "" when none are left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(out) > _SLUG_CHARS:
        out = out[:_SLUG_CHARS].rsplit("-", 1)[0] if "-" in out[:_SLUG_CHARS] else out[:_SLUG_CHARS]
    return out


def question_id(q: Exchanged) -> str:
    """The file's id (GIFT [id:], Moodle idnumber, Anki GUID), else its name (GIFT ::title::, Moodle name),
    else the first words of its prompt that say something, all as slugs."""
    from content.text.lexicon import STOPWORDS

    for given in (q.id, q.name):
        if slug(given):
            return slug(given)
    words = [w for w in slug(re.sub(r"\{\{\d+\}\}", " ", q.stem)).split("-") if w not in STOPWORDS]
    return "-".join(words[:_PROMPT_WORDS]) or "question"


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
