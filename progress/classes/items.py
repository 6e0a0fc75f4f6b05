"""Item analysis: how each question of a course worked, per revision, over the class's answers.

Over first attempts by default (each learner's first effective answer to a question
revision), or every attempt. With x the score of an attempt (0-1), X the rest of the
test for its learner, and S the attempts:

- facility: the mean of x;
- sd: the sample standard deviation of x, sqrt(sum (x - mean x)^2 / (S - 1));
- discrimination: the correlation of x with X, C(x, X) / sqrt(V(x) V(X)), where C and V
  are the sample covariance and variance (Moodle's discrimination index, which Moodle
  shows as a percentage);
- efficiency: C(x, X) / Cmax(x, X), where Cmax is the covariance of x and X each sorted
  ascending and paired by rank, the most any item with these scores could reach
  (Moodle's discriminative efficiency, shown by Moodle as a percentage).

Learners do not all answer the same questions, so the rest of the test is the learner's
mean score over their other attempted questions (first attempts, or all), not a sum:
when every learner answers every question the two differ by a constant factor, and the
correlation and efficiency are exactly Moodle's. A learner with no other question
counts towards facility and sd only.

Facility and sd use the score the question graded; an override ("I was right") keeps
that score and is counted apart. For picked options (choice interactions) the stored
responses give how often each option was picked; for typed ones, the refusals heard
most often, so an author can add them as aliases where they are right.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from content.matching import normalize
from content.questions import Question
from content.questions.base import LIST_SEPARATOR
from progress.classes.attempts import attempts

TOO_EASY = 0.9
TOO_HARD = 0.2
# Flags wait for this many attempts: with fewer, chance decides them.
MIN_ATTEMPTS = 10
# A refusal overridden this many times is probably right.
OVERRIDDEN_REFUSAL = 2
TOP_REFUSALS = 5


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    picked: int


@dataclass(frozen=True)
class Refusal:
    response: str  # as most often typed
    count: int
    overridden: int


@dataclass(frozen=True)
class Item:
    """One question revision's figures."""

    question_id: str
    revision: str | None
    current: bool  # the revision the course has now
    attempts: int
    facility: float
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    overrides: int
    options: tuple[Option, ...]
    refusals: tuple[Refusal, ...]
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "question_id": self.question_id, "revision": self.revision, "current": self.current,
            "attempts": self.attempts, "facility": self.facility, "sd": self.sd,
            "discrimination": self.discrimination, "efficiency": self.efficiency, "overrides": self.overrides,
            "options": [vars(o) for o in self.options], "refusals": [vars(r) for r in self.refusals],
            "flags": list(self.flags),
        }  # fmt: skip


@dataclass
class _Scores:
    """A question revision's attempts as they are read."""

    scores: list[tuple[int, float]] = field(default_factory=list)  # (learner, score)
    responses: list[tuple[str, float, bool]] = field(default_factory=list)  # (response, score, overridden)


def item_analysis(
    conn: sqlite3.Connection,
    bank_id: str,
    questions: Mapping[str, Question],
    *,
    first_only: bool = True,
    min_attempts: int = MIN_ATTEMPTS,
) -> list[Item]:
    """Each question revision of the course that was answered, in the course's order, then by revision."""
    items: dict[tuple[str, str | None], _Scores] = {}
    seen: set[tuple[int, str, str | None]] = set()
    totals: dict[int, list[float]] = {}  # learner -> [sum of scores, attempts]
    for attempt in attempts(conn, bank_id):
        if attempt.question_id not in questions:
            continue
        key = (attempt.question_id, attempt.revision)
        if first_only:
            first = (attempt.learner_id, *key)
            if first in seen:
                continue
            seen.add(first)
        scores = items.get(key)
        if scores is None:
            scores = items[key] = _Scores()
        scores.scores.append((attempt.learner_id, attempt.score))
        scores.responses.append((attempt.response, attempt.score, attempt.overridden))
        total = totals.setdefault(attempt.learner_id, [0.0, 0])
        total[0] += attempt.score
        total[1] += 1
    order = {question_id: n for n, question_id in enumerate(questions)}
    out = []
    for (question_id, revision), scores in sorted(items.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] or "")):
        question = questions[question_id]
        out.append(_item(question, revision, scores, totals, min_attempts))
    return out


def _item(question: Question, revision: str | None, scores: _Scores, totals: Mapping[int, list[float]],
          min_attempts: int) -> Item:  # fmt: skip
    marks = [score for _, score in scores.scores]
    # The rest of the test: the learner's mean over their other attempts, when they have any.
    pairs = [(score, (totals[who][0] - score) / (totals[who][1] - 1)) for who, score in scores.scores
             if totals[who][1] > 1]  # fmt: skip
    n = len(marks)
    facility = sum(marks) / n
    sd = math.sqrt(sum((x - facility) ** 2 for x in marks) / (n - 1)) if n > 1 else None
    discrimination, efficiency = _discrimination(pairs)
    current = revision == question.revision()
    interaction = question.interaction()
    options = _options(question, scores) if current and interaction.choices else ()
    refusals, most_overridden = _refusals(scores) if interaction.typed else ((), 0)
    overrides = sum(overridden for _, _, overridden in scores.responses)
    flags: list[str] = []
    if n >= min_attempts:
        if facility > TOO_EASY:
            flags.append("too-easy")
        if facility < TOO_HARD:
            flags.append("too-hard")
        if discrimination is not None and discrimination < 0:
            flags.append("negative-discrimination")
        if any(not o.correct and o.picked == 0 for o in options):
            flags.append("unpicked-distractor")
    if most_overridden >= OVERRIDDEN_REFUSAL:
        flags.append("overridden-refusal")
    return Item(question.id, revision, current, n, round(facility, 4), _rounded(sd), _rounded(discrimination),
                _rounded(efficiency), overrides, options, refusals, tuple(flags))  # fmt: skip


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _discrimination(pairs: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Moodle's discrimination index and discriminative efficiency (as fractions) of (x, X) pairs."""
    s = len(pairs)
    if s < 2:
        return None, None
    xs, others = [x for x, _ in pairs], [o for _, o in pairs]
    mean_x, mean_o = sum(xs) / s, sum(others) / s
    var_x = sum((x - mean_x) ** 2 for x in xs) / (s - 1)
    var_o = sum((o - mean_o) ** 2 for o in others) / (s - 1)
    cov = sum((x - mean_x) * (o - mean_o) for x, o in pairs) / (s - 1)
    cov_max = sum((x - mean_x) * (o - mean_o) for x, o in zip(sorted(xs), sorted(others))) / (s - 1)
    discrimination = cov / math.sqrt(var_x * var_o) if var_x * var_o > 0 else None
    efficiency = cov / cov_max if cov_max > 0 else None
    return discrimination, efficiency


def _options(question: Question, scores: _Scores) -> tuple[Option, ...]:
    """How often each option was picked, from the stored responses."""
    interaction = question.interaction()
    right = set(interaction.correct[0].split(LIST_SEPARATOR)) if interaction.correct else set()
    picked: Counter[str] = Counter()
    for response, times in Counter(response for response, _, _ in scores.responses).items():
        for part in question.interaction_response(response).split(LIST_SEPARATOR):
            if part:
                picked[part] += times
    return tuple(Option(cid, text, cid in right, picked[cid]) for cid, text in interaction.choices)


def _refusals(scores: _Scores) -> tuple[tuple[Refusal, ...], int]:
    """The typed responses not given full marks, most frequent first (the same once normalized), and the
    most times any one of them was overridden."""
    counts: Counter[str] = Counter()
    overridden: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for response, score, was_overridden in scores.responses:
        key = normalize(response)
        if score >= 1 or not key:
            continue
        counts[key] += 1
        overridden[key] += was_overridden
        forms.setdefault(key, Counter())[response.strip()] += 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REFUSALS]
    refusals = tuple(Refusal(forms[key].most_common(1)[0][0], count, overridden[key]) for key, count in top)
    return refusals, max(overridden.values(), default=0)
