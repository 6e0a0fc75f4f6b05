"""A simulated class: one progress file per simulated learner, studying a course day by day.

Each learner has an ability and a memory of their own; each question a difficulty
(from its authored difficulty, with noise) and, if it offers options, how tempting
each wrong one is (now and then one that nobody picks). A learner knows an answer with
the chance the Rasch model gives their ability against the question's difficulty, or
remembers it from an earlier answer as their memory fades; then they answer through
the real thing: a typed response (the answer as people type it: its case, a typo,
words around it, an alias; or a rival name, a wrong number, nothing) or a pick, read
by the question's own `interaction_answer`, graded by `question.check`, rated as the
engine rates it, scheduled by FSRS and written by the store, the queue choosing what
comes next. They sometimes undo an answer, say "I was right" when a right answer was
refused, or rate an easy one Easy.

The true abilities and difficulties are written beside the files (`truth.json`) so that
tests and teachers can see the reports find them. Answers are written without an fsync
each (the files are made to be thrown away): a crash means simulating again.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from content.course import Course
from content.questions import Question
from content.questions.base import LIST_SEPARATOR, PAIR_SEPARATOR, Interaction
from progress.queue import Queue
from progress.review import EASY, rating_for
from progress.store import Store

TRUTH_FILE = "truth.json"
NEW_PER_DAY = 20
# At most this many answers in a day's session.
SESSION_ANSWERS = 80
ORDER_DOES_NOT_MATTER = "{order_matters=false}"


@dataclass(frozen=True)
class Learner:
    name: str
    file: str
    ability: float  # logits, against the questions' difficulties
    memory: float  # how long what they learn stays: a factor on the days it lasts
    diligence: float  # the chance they study on a given day
    pace: float  # a factor on how long they take to answer


@dataclass(frozen=True)
class Truth:
    course: str
    seed: int
    start: str
    days: int
    learners: list[Learner]
    difficulty: dict[str, float]  # question id -> logits

    def write(self, folder: Path) -> None:
        (folder / TRUTH_FILE).write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Truth:
        data = json.loads((folder / TRUTH_FILE).read_text(encoding="utf-8"))
        return cls(**{**data, "learners": [Learner(**who) for who in data["learners"]]})


@dataclass
class _Question:
    """What the simulation knows of a question that the learners do not: how hard, how tempting."""

    question: Question
    interaction: Interaction
    difficulty: float
    temptation: dict[str, float] = field(default_factory=dict)  # wrong option id -> weight


def simulate(course: Course, out: Path, *, learners: int, days: int, seed: int = 0,
             start: datetime | None = None) -> Truth:  # fmt: skip
    """Write `learners` progress files into `out`, each studying the course for `days` days from `start`."""
    if learners < 1 or days < 1:
        raise ValueError("a simulated class needs at least one learner and one day")
    out.mkdir(parents=True, exist_ok=True)
    start = start or (datetime.now(timezone.utc) - timedelta(days=days)).replace(hour=0, minute=0, second=0,
                                                                                  microsecond=0)
    rng = random.Random(f"{seed}/course")
    questions = {q.id: _hidden(q, rng) for q in course.bank.questions if q.status == "ready"}
    typed = [q.interaction.correct[0] for q in questions.values() if q.interaction.typed and q.interaction.correct]
    width = len(str(learners))
    people = []
    for n in range(1, learners + 1):
        who_rng = random.Random(f"{seed}/learner/{n}")
        name = f"student{n:0{width}d}"
        people.append(Learner(
            name=name, file=f"{name}.db", ability=round(who_rng.gauss(0.0, 1.0), 3),
            memory=round(math.exp(who_rng.gauss(0.0, 0.4)), 3), diligence=round(who_rng.uniform(0.5, 0.95), 3),
            pace=round(math.exp(who_rng.gauss(0.0, 0.3)), 3),
        ))  # fmt: skip
    for who in people:
        _study(course, questions, typed, who, out / who.file, start, days, random.Random(f"{seed}/answers/{who.name}"))
    truth = Truth(course.id, seed, start.isoformat(), days, people,
                  {qid: round(q.difficulty, 3) for qid, q in questions.items()})
    truth.write(out)
    return truth


def _hidden(question: Question, rng: random.Random) -> _Question:
    interaction = question.interaction()
    hidden = _Question(question, interaction, 0.9 * (question.difficulty - 2) + rng.gauss(0.0, 0.8))
    right = set(interaction.correct[0].split(LIST_SEPARATOR)) if interaction.correct else set()
    wrong = [cid for cid, _ in interaction.choices if cid not in right]
    hidden.temptation = {cid: rng.expovariate(1.0) for cid in wrong}
    if len(wrong) > 1 and rng.random() < 0.35:
        hidden.temptation[rng.choice(wrong)] = 0.0  # a distractor nobody falls for
    return hidden


def _study(course: Course, questions: dict[str, _Question], typed: list[str], who: Learner, path: Path,
           start: datetime, days: int, rng: random.Random) -> None:  # fmt: skip
    with Store.open(path, tz=timezone.utc) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        learner = store.learner(who.name)
        store.update_settings(learner.id, new_per_day=NEW_PER_DAY)
        store.sync_bank(learner.id, course.id, course.passage_keys())
        queue = Queue(store)
        memory: dict[str, tuple[float, datetime]] = {}  # question -> (days it lasts, when last seen)
        for day in range(days):
            if rng.random() > who.diligence:
                continue
            now = start + timedelta(days=day, hours=rng.uniform(14, 21))
            previous = None
            for _ in range(SESSION_ANSWERS):
                card = queue.next_card(learner.id, course.id, now, after=previous)
                if card is None or card.question_id not in questions:
                    break
                now = _answer(store, learner.id, course.id, questions[card.question_id], typed, who, memory, now, rng)
                previous = card.question_id


def _answer(store: Store, learner_id: int, bank_id: str, hidden: _Question, typed: list[str], who: Learner,
            memory: dict[str, tuple[float, datetime]], now: datetime, rng: random.Random) -> datetime:  # fmt: skip
    """One answer (and what the learner does after it); returns the time after it."""
    question = hidden.question
    chance = 1.0 / (1.0 + math.exp(hidden.difficulty - who.ability))
    if question.id in memory:
        lasts, seen = memory[question.id]
        recall = math.exp(-(now - seen).total_seconds() / 86_400 / (lasts * who.memory))
        chance = 1.0 - (1.0 - chance) * (1.0 - recall)
    knows = rng.random() < chance
    slow = 2.0 if hidden.interaction.typed or hidden.interaction.steps or hidden.interaction.source else 1.0
    duration_ms = int(rng.lognormvariate(math.log(7000 * slow * who.pace), 0.5))
    now += timedelta(milliseconds=duration_ms)
    response, typed_right = respond(hidden, knows, typed, rng)
    answer = question.interaction_answer(response)
    verdict = question.check(answer)
    recorded = store.record(
        learner_id, bank_id, question.id, rating=rating_for(verdict.score, verdict.correct, False),
        revision=question.revision(), response=stored_text(answer), score=verdict.score, duration_ms=duration_ms,
        hinted=False, now=now,
    )  # fmt: skip
    later = now + timedelta(seconds=rng.uniform(2, 6))
    if typed_right and not verdict.correct and rng.random() < 0.7:
        store.override(learner_id, recorded.review_id, now=later)  # "I was right"
    elif verdict.correct and rng.random() < 0.03:
        store.rerate(learner_id, recorded.review_id, EASY, now=later)
    elif rng.random() < 0.01:
        store.undo_last(learner_id, now=later)  # a slip of the key: it is asked again
        return later
    lasts = memory.get(question.id, (0.5, now))[0]
    memory[question.id] = (max(lasts, 0.5) * 2.5 if verdict.correct else 0.3, now)
    return later + timedelta(seconds=rng.uniform(1, 8))


def respond(hidden: _Question, knows: bool, typed: list[str], rng: random.Random) -> tuple[str, bool]:
    """An xAPI response to the question's interaction, and whether it is a right answer the learner typed.

    Knowing, the learner gives the right response (typed as people type it); not knowing,
    they pick by how tempting each option is, or type a rival answer, a wrong number or
    nothing, or put items in a wrong order.
    """
    interaction = hidden.interaction
    pattern = interaction.correct[0].removeprefix(ORDER_DOES_NOT_MATTER) if interaction.correct else ""
    kind = interaction.kind
    if kind == "true-false":
        return (pattern if knows else rng.choice(["true", "false"])), False
    if kind == "choice":
        return _pick(hidden, pattern.split(LIST_SEPARATOR), knows, rng), False
    if kind == "sequencing":
        return LIST_SEPARATOR.join(_misplaced(pattern.split(LIST_SEPARATOR), knows, rng)), False
    if kind == "matching":
        pairs = [pair.split(PAIR_SEPARATOR) for pair in pattern.split(LIST_SEPARATOR)]
        targets = _misplaced([target for _, target in pairs], knows, rng)
        return LIST_SEPARATOR.join(f"{s}{PAIR_SEPARATOR}{t}" for (s, _), t in zip(pairs, targets)), False
    if kind == "numeric":
        return _number(pattern, knows, rng), knows
    if kind == "fill-in":
        if knows:
            right = rng.choice(interaction.correct) if len(interaction.correct) > 1 else pattern
            return LIST_SEPARATOR.join(typed_form(part, rng) for part in right.split(LIST_SEPARATOR)), True
        if rng.random() < 0.2:
            return "", False  # "I don't know"
        parts = pattern.split(LIST_SEPARATOR)
        return LIST_SEPARATOR.join(_wrong_text(part, typed, rng) for part in parts), False
    return "", False


def _pick(hidden: _Question, right: list[str], knows: bool, rng: random.Random) -> str:
    if knows:
        return LIST_SEPARATOR.join(rng.sample(right, len(right)))
    weights = {cid: 1.0 for cid in right} | hidden.temptation
    if len(right) == 1:
        ids, chances = zip(*weights.items())
        return rng.choices(ids, weights=chances)[0]
    picked = [cid for cid, w in weights.items() if rng.random() < w / (1.0 + w)]
    return LIST_SEPARATOR.join(picked or [rng.choice(right)])


def _misplaced(items: list[str], knows: bool, rng: random.Random) -> list[str]:
    """The items in order if known, else with some swapped."""
    items = list(items)
    if knows or len(items) < 2:
        return items
    for _ in range(rng.randint(1, max(1, len(items) // 2))):
        a, b = rng.sample(range(len(items)), 2)
        items[a], items[b] = items[b], items[a]
    return items


def _number(pattern: str, knows: bool, rng: random.Random) -> str:
    low, _, high = pattern.partition("[:]")
    value = (float(low) + float(high or low)) / 2
    if knows:
        shown = str(int(value)) if value.is_integer() else str(value)
        return rng.choice([shown, shown, f"about {shown}"])
    spread = max(abs(value) * 0.2, 3.0) + (float(high) - float(low) if high else 0.0)
    wrong = value + rng.choice([-1, 1]) * rng.uniform(spread / 2, spread * 2)
    return str(round(wrong))


def typed_form(answer: str, rng: random.Random) -> str:
    """The answer as a learner who knows it may type it."""
    roll = rng.random()
    if roll < 0.55:
        return answer
    if roll < 0.7:
        return answer.lower()
    letters = [i for i in range(1, len(answer) - 2) if answer[i].isalpha() and answer[i + 1].isalpha()]
    if roll < 0.82 and len(answer) >= 6 and letters:
        i = rng.choice(letters)
        return answer[:i] + answer[i + 1] + answer[i] + answer[i + 2:]  # two letters swapped
    if roll < 0.92:
        return rng.choice(["it was {}", "{}", "the {}", "{} I think"]).format(answer)
    return f"{answer}, or so the text says"


def _wrong_text(answer: str, typed: list[str], rng: random.Random) -> str:
    """A wrong typed answer: another question's answer, or the right one misremembered."""
    others = [t.split(LIST_SEPARATOR)[0] for t in typed if t.split(LIST_SEPARATOR)[0] != answer]
    if others and rng.random() < 0.75:
        return rng.choice(others).removeprefix(ORDER_DOES_NOT_MATTER)
    words = answer.split()
    return " ".join(words[:-1]) + " Traoré" if len(words) > 1 else answer[: max(1, len(answer) // 2)] + "ou"


def stored_text(response: Any) -> str:
    """A response as the engine writes it to the review log (see tutor.study.engine)."""
    if isinstance(response, dict):
        return "; ".join(f"{k} -> {v}" for k, v in response.items())
    if isinstance(response, (list, tuple, set)):
        return " | ".join(map(str, response))
    return str(response)
