"""Choice drafts: the same questions as short answers and numbers, with three wrong options of the
answer's own kind from the material (see `distractors`); and a blank of a kind the text has several of (a
year, a person, a place, a term it names) with the others as options."""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.drafts import distractors
from content.drafts.asks import HOW_MANY, STAND_FOR, WHEN, WHERE, WHO, Ask
from content.drafts.common import Context, Draft, fact, slug
from content.drafts.explain import explain_for
from content.drafts.short import family
from content.questions import BLANK, Choice


def drafts(ctx: Context, asked: list[Ask]) -> Iterator[Draft]:
    for ask in asked:
        wrong = _wrong(ctx, ask)
        if len(wrong) < 3:  # two wrong options made every question a guess between three (blind raters)
            continue
        explain = explain_for(ctx.reading, ask.line, ask.quote, ask.answer)
        if explain is None:
            continue
        prompt = ask.prompt
        if ask.kind == WHO and ask.person and ask.person.role and not _same_role(ctx, ask.person.role, wrong):
            prompt = re.sub(r"^Which .+? (?=" + re.escape(ask.prompt.split()[len(ask.person.role.split()) + 1])
                            + ")", "Who ", ask.prompt, count=1)
        q = Choice(id=f"{slug(ask.answer)}-choice", prompt=prompt, answer=ask.answer, options=wrong,
                   explain=explain, source=[ask.quote], topics=[ctx.topics[ask.line.index]], difficulty=1,
                   status="draft")
        # Three options of the same kind make a better question than two.
        yield Draft(q, ask.worth, ask.line.index,
                    frozenset({fact(ask.answer, ask.line.text)}), family(ask, ctx))


def _wrong(ctx: Context, ask: Ask) -> list[str]:
    reading, line = ctx.reading, ask.line
    if ask.kind == WHO and ask.person:
        return distractors.people(reading, ask.person, line)
    if ask.kind == WHEN:
        return distractors.years(reading, ask.answer, line)
    if ask.kind == WHERE:
        return distractors.places(reading, ask.answer, line)
    if ask.kind == HOW_MANY:
        return []  # counts of other things make poor options; numeric asks these
    if ask.kind == STAND_FOR:
        # Bodies among bodies, other things among other things: "National Science Foundation" is no protocol.
        body = distractors.is_body(ask.answer)
        return distractors.others(ask.answer, [p for p in ask.pool if distractors.is_body(p) == body], line)
    return []  # what other things are called is no option of the same kind: a short answer asks it


def _same_role(ctx: Context, role: str, wrong: list[str]) -> bool:
    """Whether every wrong option is a person of the same role noun ("chemist"), so that "Which German
    chemist" gives nothing away."""
    noun = role.split()[-1].lower()
    people = [ctx.reading.person(w) for w in wrong]
    return all(p and p.role and p.role.split()[-1].lower() == noun for p in people)


# The kind of a blank, by its cloze's prompt, and how the choice asks it.
_BLANK_KINDS = {"Fill in the missing year.": "year", "Fill in the missing term.": "term",
                "Fill in the missing name.": "name"}
_CHOOSE = {"year": "Choose the missing year:", "term": "Choose the missing term:", "person": "Choose the missing name:",
           "place": "Choose the missing name:"}


def from_blanks(ctx: Context, clozes: list[Draft]) -> Iterator[Draft]:
    """A blank as a choice when the text has at least two other facts of its kind to offer (its other years,
    people, places, or the other terms it names), the sentence shown short enough not to copy the text."""
    reading = ctx.reading
    terms = [d.question.answer_text() for d in clozes
             if d.question.prompt == "Fill in the missing term." and d.question.answer_text().islower()]
    for d in clozes:
        q = d.question
        kind = _BLANK_KINDS.get(q.prompt)
        data = q.to_data()
        if kind is None or len(data.get("blanks") or []) != 1:
            continue
        text = str(data.get("text", ""))
        answer, line = q.answer_text(), reading.line(d.line)
        if kind == "year":
            wrong = distractors.years(reading, answer, line) if re.fullmatch(r"\d{4}", answer) else []
        elif kind == "term":
            # Of the same number: "justices" among "impeachment", "jury" gives itself away.
            plural = _plural(answer)
            wrong = distractors.others(answer, [t for t in terms if _plural(t) == plural], line) if answer.islower() else []
        elif reading.person(answer) is not None:
            kind, wrong = "person", distractors.people(reading, reading.person(answer), line)
        elif answer in reading.places:
            kind, wrong = "place", distractors.places(reading, answer, line)
        else:
            wrong = []
        if len(wrong) < 3:  # two wrong options made every question a guess between three (blind raters)
            continue
        prompt = f"{_CHOOSE[kind]} {text}"
        if BLANK not in text or ctx.copies.copied(prompt):
            continue
        choice = Choice(id=f"{slug(answer)}-choice", prompt=prompt, answer=answer, options=wrong, explain=q.explain,
                        source=list(q.source), topics=list(q.topics), difficulty=1, status="draft")
        yield Draft(choice, d.score - 0.1, d.line, d.facts, d.family)


def _plural(term: str) -> bool:
    last = term.split()[-1]
    # "stomata", "planulae", "alveoli": Latin plurals too (round 9: "atoll" among the options for "larvae called ___")
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) or last.endswith(("ta", "ae", "li", "ri"))
