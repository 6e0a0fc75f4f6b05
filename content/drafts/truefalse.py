"""True/false drafts: a fact the text states, reworded (turned from active to passive or back), kept true or
made false by swapping one entity for another of the same kind from the same text (a year for a nearby
year, a person for another of the same role). Not "X was a German chemist": blind raters found every such
statement trivial (it is true of whoever the text introduces so), and none tested what the person did."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from content.drafts import distractors
from content.drafts.asks import says_enough, says_enough_of, subject_in_question
from content.drafts.clauses import Clause, clauses, lower_first, plural_phrase, possessive_start
from content.drafts.multi import head_as_said, wrong_items
from content.drafts.terms import Listing
from content.drafts.common import Context, Draft, a, ends, fact, restates, sentence_case, slug
from content.drafts.explain import explain_for
from content.drafts.reading import Reading
from content.text.words import terms
from content.questions import TrueFalse


def drafts(ctx: Context, lists: list[Listing]) -> Iterator[Draft]:
    reading = ctx.reading
    for line in reading.lines:
        for clause in clauses(reading, line):
            statement = _reworded(reading, clause)
            if statement is not None and clause.person is not None and not restates(statement, clause.quote):
                yield from _true_or_false(ctx, clause, statement)
            else:
                yield from _dated(ctx, clause)
    yield from _listed(ctx, lists)


def _dated(ctx: Context, clause: Clause) -> Iterator[Draft]:
    """"It was in 1973 that Pioneer 10 flew past Jupiter." (or in 1972: false)."""
    reading, line = ctx.reading, clause.line
    if not clause.year or not clause.year.isdigit():
        return
    subject = subject_in_question(reading, clause)
    if subject is None:
        return
    aux = ("were" if clause.plural else "was") if clause.passive else ""
    agent = f" by {clause.agent}" if clause.passive and clause.agent else ""
    said = " ".join(p for p in (subject, aux, clause.verb, clause.object, clause.tail) if p) + agent
    statement = f"It was in {clause.year} that {said}."
    if restates(statement, clause.quote) or not says_enough(clause) or clause.year in subject:
        return
    key = zlib.crc32(f"{clause.year} {said}".encode())
    wrong = distractors.years(reading, clause.year, line)[:2]
    answer = key % 2 == 0 or not wrong
    if not answer:
        statement = statement.replace(f"in {clause.year} that", f"in {wrong[key // 2 % len(wrong)]} that", 1)
        explain = f"False: it was in {clause.year}."
        more = explain_for(reading, line, clause.quote, clause.year)
        explain = f"{explain} {more}" if more else explain
    else:
        explain = explain_for(reading, line, clause.quote, clause.year)
        if explain is None:
            return
    q = TrueFalse(id=f"{slug(clause.year + ' ' + said, 36)}-truefalse", statement=statement, answer=answer,
                  explain=explain, source=[clause.quote], topics=[ctx.topics[line.index]], difficulty=2,
                  status="draft")
    yield Draft(q, 2.7, line.index, frozenset({fact(clause.year, line.text)}))


def _listed(ctx: Context, lists: list[Listing]) -> Iterator[Draft]:
    """"The text lists methane among the common ices." (or oxygen: false)."""
    for listing in lists:
        wrong = wrong_items(ctx, listing, lists)
        key = zlib.crc32(listing.quote.encode())
        answer = key % 2 == 0 or not wrong
        item = listing.items[key // 2 % len(listing.items)] if answer else wrong[0]
        head = head_as_said(ctx, listing.head)
        statement = f"The text lists {item} among {head}."
        explain = f"{'True' if answer else 'False'}: it lists {', '.join(listing.items[:-1])} and {listing.items[-1]}."
        if restates(statement, listing.quote):
            continue
        q = TrueFalse(id=f"{slug(item + ' ' + head, 36)}-truefalse", statement=statement, answer=answer,
                      explain=explain, source=[listing.quote], topics=[ctx.topics[listing.line.index]],
                      difficulty=1, status="draft")
        yield Draft(q, 2.5, listing.line.index, frozenset({fact(f"list {listing.head}", listing.line.text)}))



# Verbs whose object is no thing done to ("became the centre", "remained the capital"): no passive.
_NO_PASSIVE = frozenset({"become", "became", "remained", "seemed", "appeared", "come", "came", "gone", "went", "grown",
                         "grew", "stayed", "died", "fallen", "risen", "occurred", "happened", "lived", "existed",
                         "emerged", "returned", "arrived", "gained", "lost", "had", "been", "numbered", "totalled",
                         "reached", "cost", "weighed", "meant", "resembled", "lacked"})


def _reworded(reading: Reading, clause: Clause) -> str | None:
    """The clause said the other way round: "X synthesized Y in 1754" -> "Y was synthesized by X in 1754"."""
    person = clause.person
    if person is None:
        return None
    when = f" {clause.when}" if clause.when else ""
    tail = f" {clause.tail}" if clause.tail else ""
    if clause.passive:
        if clause.agent != person.name:
            return None
        past = clause.past()
        subject = lower_first(clause.subject, reading)
        if not past or possessive_start(subject) or subject.split()[0].lower() in {"he", "she", "it", "they"}:
            return None
        if not says_enough_of(subject):
            return None  # "Queen Victoria built a bridge": a thing named by one common word is too vague
        first = subject.split()[0]
        if first.islower() and first not in {"the", "a", "an"} and not first.endswith("s"):
            subject = "the " + subject
        obj = f" {clause.object}" if clause.object else ""
        return ends(f"{person.name} {past} {subject}{obj}{tail}{when}")
    if not clause.object or possessive_start(clause.object) or len(clause.object.split()) < 2 or not says_enough(clause) \
            or clause.object.split()[0].lower().endswith("ing"):
        return None
    participle = clause.participle()
    if not participle or re.search(r"\b(?:his|her|its|their)\b", clause.tail) or participle in _NO_PASSIVE:
        return None
    aux = "were" if plural_phrase(clause.object) else "was"
    return ends(sentence_case(f"{clause.object} {aux} {participle} by {person.name}{tail}{when}"))


def _true_or_false(ctx: Context, clause: Clause, statement: str) -> Iterator[Draft]:
    reading, line, person = ctx.reading, clause.line, clause.person
    assert person is not None
    key = f"{person.name}-{clause.year or clause.verb}"
    swaps: list[tuple[str, str]] = []
    if clause.year:
        swaps += [(clause.year, y) for y in distractors.years(reading, clause.year, line)[:1]]
    swaps += [(person.name, p) for p in distractors.people(reading, person, line)[:1]]
    make_false = zlib.crc32(key.encode()) % 2 == 1 and swaps
    if make_false:
        right, wrong = swaps[zlib.crc32(key.encode()) // 2 % len(swaps)]
        shown = statement.replace(right, wrong, 1)
        what = "year" if right == clause.year else "person"
        said = statement[:-1] if statement.split()[0] in reading.capitalized or reading.person(statement.split()[0]) \
            or statement.startswith(person.name) else statement[:1].lower() + statement[1:-1]
        explain = ends(f"False: {said}, not {wrong}") if what == "person" \
            else ends(f"False: it was in {right}, not {wrong}")
        if _also_true(reading, shown, wrong, right):
            return  # "The Nobel Prize was received by Lord Rayleigh in 1904": he won one that year too
        answer = False
    else:
        shown, answer = statement, True
        explain = explain_for(reading, line, clause.quote, person.name, f"{person.name} is introduced as "
                              f"{a(person.role)}." if person.role else "")
        if explain is None:
            return
    q = TrueFalse(id=f"{slug(person.surname + ' ' + (clause.year or clause.verb))}-truefalse", statement=shown,
                  answer=answer, explain=explain, source=[clause.quote], topics=[ctx.topics[line.index]],
                  difficulty=2, status="draft")
    # It asks who did it, and when: neither may be asked again of the same sentence.
    asked = {fact(person.name, line.text), *([fact(clause.year, line.text)] if clause.year else [])}
    yield Draft(q, 2.9, line.index, frozenset(asked))


def _also_true(reading: Reading, shown: str, wrong: str, right: str) -> bool:
    """Whether a statement made false by a swap is said of the swapped-in person or year elsewhere in the text:
    a sentence naming it holds the statement's other words of content."""
    said = set(terms(shown.replace(wrong, " "))) - set(terms(right))
    if not said:
        return False
    for other in reading.lines:
        if wrong in other.text and len(said & set(terms(other.text))) >= max(1, round(0.6 * len(said))):
            return True
    return False
