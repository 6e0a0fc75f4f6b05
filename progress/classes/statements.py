"""xAPI 1.0.3 statements of a class's answers: one `answered` statement per answer, one `voided` per undo.

The object of an answer is the question as a cmi.interaction activity (the question
type's own `interaction()`); its id is an IRI under a base the school may choose, e.g.
https://tutor.invalid/courses/mali/questions/ansar-dine-founder. The actor is an
account named by the learner's UUID: no name and no email unless asked for (`mbox`).
Statement ids are the review UUIDs, so a statement is the same whoever sends it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from content.questions import Question
from content.questions.base import Interaction
from progress.classes.attempts import Attempt, Void
from progress.records import Learner, from_ms

XAPI_VERSION = "1.0.3"
ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
VOIDED = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
COURSE = "http://adlnet.gov/expapi/activities/course"
DEFAULT_BASE = "https://tutor.invalid"
LANGUAGE = "en"
PLATFORM = "Tutor"


@dataclass(frozen=True)
class CourseInfo:
    """What statements need of a course: its id, title and questions by id."""

    id: str
    title: str
    questions: Mapping[str, Question]


@dataclass(frozen=True)
class Naming:
    """How statements name learners and activities: under `base`, and by email when `mbox`."""

    base: str = DEFAULT_BASE
    mbox: bool = False

    def actor(self, learner: Learner) -> dict[str, Any]:
        if self.mbox and learner.email:
            return {"objectType": "Agent", "name": learner.display_name or learner.name,
                    "mbox": f"mailto:{learner.email}"}  # fmt: skip
        return {"objectType": "Agent", "account": {"homePage": self.base, "name": learner.uuid}}

    def course(self, course_id: str) -> str:
        return f"{self.base.rstrip('/')}/courses/{quote(course_id, safe='')}"

    def question(self, course_id: str, question_id: str) -> str:
        return f"{self.course(course_id)}/questions/{quote(question_id, safe='')}"

    def extension(self, name: str) -> str:
        return f"{self.base.rstrip('/')}/xapi/extensions/{name}"


def answered(attempt: Attempt, learner: Learner, course: CourseInfo, naming: Naming) -> dict[str, Any] | None:
    """The statement of an answer, or None when its question is no longer in the course."""
    question = course.questions.get(attempt.question_id)
    if question is None:
        return None
    activity: dict[str, Any] = {"objectType": "Activity", "id": naming.question(course.id, question.id)}
    # Only the revision the course has now is described: an older one may have had other right answers.
    if attempt.revision == question.revision():
        interaction = question.interaction()
        activity["definition"] = _definition(question, interaction)
        response = question.interaction_response(attempt.response)
    else:
        activity["definition"] = {"type": INTERACTION, "name": {LANGUAGE: question.id}}
        response = attempt.response.strip()
    result: dict[str, Any] = {
        "score": {"scaled": round(attempt.score, 4)},
        "success": attempt.score >= 1.0,
        "duration": iso_duration(attempt.duration_ms),
        "extensions": {naming.extension("hinted"): bool(attempt.hinted),
                       naming.extension("overridden"): attempt.overridden},
    }
    if response:
        result["response"] = response
    context: dict[str, Any] = {
        "platform": PLATFORM,
        "contextActivities": {"parent": [{
            "objectType": "Activity", "id": naming.course(course.id),
            "definition": {"type": COURSE, "name": {LANGUAGE: course.title or course.id}},
        }]},
    }  # fmt: skip
    if attempt.revision:
        context["revision"] = attempt.revision
    return {
        "id": attempt.uuid,
        "actor": naming.actor(learner),
        "verb": ANSWERED,
        "object": activity,
        "result": result,
        "context": context,
        "timestamp": iso_time(attempt.at_ms),
    }


def voided(void: Void, learner: Learner, naming: Naming) -> dict[str, Any]:
    """The statement that voids an undone answer's statement."""
    return {
        "id": void.uuid,
        "actor": naming.actor(learner),
        "verb": VOIDED,
        "object": {"objectType": "StatementRef", "id": void.answer_uuid},
        "timestamp": iso_time(void.at_ms),
    }


def _definition(question: Question, interaction: Interaction) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "type": INTERACTION,
        "name": {LANGUAGE: question.id},
        "description": {LANGUAGE: question.shown_prompt()},
        "interactionType": interaction.kind,
    }
    if interaction.correct:
        definition["correctResponsesPattern"] = list(interaction.correct)
    for name, components in interaction.components().items():
        definition[name] = [
            {"id": cid, "description": {LANGUAGE: text}} if text.strip() else {"id": cid} for cid, text in components
        ]
    return definition


def iso_time(ms: int) -> str:
    """A log time as ISO 8601 in UTC, to the millisecond: 2025-03-03T09:00:00.000Z."""
    return from_ms(ms).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_duration(ms: int) -> str:
    """A duration as ISO 8601, to the hundredth of a second as xAPI keeps it: PT1M4.25S."""
    centis = round(max(ms, 0) / 10)
    hours, centis = divmod(centis, 360_000)
    minutes, centis = divmod(centis, 6_000)
    seconds = f"{centis // 100}.{centis % 100:02d}".rstrip("0").rstrip(".")
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return "PT" + parts + (f"{seconds}S" if seconds != "0" or not parts else "")
