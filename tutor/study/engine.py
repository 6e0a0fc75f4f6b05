"""The study conversation as a UI-free state machine: greet, ask, grade, explain, reschedule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from content.course import Course
from content.questions import Question, Unreadable, Verdict
from content.text.fold import find_folded
from progress.queue import Queue
from progress.review import rating_for
from progress.scope import Syllabus
from progress.store import Store
from tutor.study.commands import read_line
from tutor.study.settings import StudySettings, problems, read_settings, save_settings
from tutor.study.turns import HELP, Message, Phase, Status

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Tally:
    """The session's answers so far, how many were right, and when it started."""

    answered: int = 0
    right: int = 0
    started: datetime = field(default_factory=utc_now)


class Engine:
    """Drive it with `start()`, then `say(text)` for typed lines or `answer(response)` for picks."""

    def __init__(self, course: Course, store: Store, learner: str, *,
                 clock: Callable[[], datetime] = utc_now, learn_ahead: bool = False) -> None:
        self.course, self.store, self.clock, self.learn_ahead = course, store, clock, learn_ahead
        self.learner = store.learner(learner)
        # New cards spread over the topics and paragraphs; the learner's topics limit what is asked.
        self.syllabus = Syllabus(course.new_order, {q.id: q.topics for q in course.bank.questions})
        self.queue = Queue(store, self.syllabus)
        self.bank_id = course.bank.id
        self.phase = Phase.IDLE
        self.question: Question | None = None
        self.hints = 0
        self.asked_at = self.clock()
        self.review_id: int | None = None
        self.rating: int | None = None  # of the answer just given
        self.verdict: str | None = None  # the headline of its feedback
        self.right_reviews: set[int] = set()
        self.response = ""  # the answer just given, as typed
        self.tally = Tally(started=self.clock())
        self.session: int | None = None
        self._keys = course.passage_keys()
        self._index: Any = None

    # -- the conversation -------------------------------------------------------------

    def start(self, shown: str | None = None) -> list[Message]:
        """The greeting and the first question; `begin_session` records the session after they are shown.

        `shown`: the question the screen shows already (kept from the last session's end, see
        tutor.study.resume); it is the one asked if the queue may ask it now, even if not first.
        """
        now = self.clock()
        self.store.sync_bank(self.learner.id, self.bank_id, self._keys)
        today = self.store.stats_today(self.learner.id, self.bank_id, now, self.syllabus)
        greeting = (f"Hello {self.learner.name}. {self.course.title}: "
                    f"{today.due} due, {today.new_available} new to learn today.")
        if today.streak > 1:
            greeting += f" You are on a {today.streak}-day streak."
        drafts = sum(q.status == "draft" for q in self.course.bank.questions)
        if drafts:
            greeting += (f" {drafts} of its questions are drafts, not asked until an author accepts them "
                         "(tutor edit).")
        first = None
        if shown is not None and self.queue.askable(self.learner.id, self.bank_id, shown, now):
            first = self.pose(self.course.bank.question(shown))  # a card the queue may ask is in the bank
        return [Message("greeting", greeting), *self._topics_note(), *(first or self._next())]

    def begin_session(self) -> None:
        """Record that a study session began (and make today's backup if there is none)."""
        if self.session is None:
            self.session = self.store.start_session(self.learner.id, self.bank_id, self.clock())

    def say(self, text: str) -> list[Message]:
        """One line the learner typed."""
        if self.phase is Phase.DONE:
            return []
        line = read_line(text, answer_pending=self.phase is Phase.ASKING)
        if line.kind == "question":
            return self.ask(line.text)
        if line.kind == "command":
            return getattr(self, f"_{line.text}")()
        if line.kind == "rating":
            return self.rate(int(line.text))
        if line.kind == "empty":
            # After feedback: the next question. With nothing due: look again, a card may have come due.
            return self._next() if self.phase in (Phase.FEEDBACK, Phase.IDLE) else []
        if self.phase is Phase.ASKING and self.question is not None:
            response = self.question.read(line.text)
            if isinstance(response, Unreadable):
                return [Message("info", f"{response} (or 'hint', 'skip', 'I don't know'; 'help' lists all)")]
            return self.answer(response)
        if self.phase is Phase.FEEDBACK:
            return self._next()
        return [Message("info", "Nothing is waiting for an answer. Ask me a question, "
                                "type 'more' to learn ahead, or 'quit'.")]

    def answer(self, response: Any) -> list[Message]:
        """The learner's response to the current question (text, a pick, an order, pairs)."""
        if self.phase is not Phase.ASKING or self.question is None:
            return []
        return self._grade(self.question.check(response), response)

    def rate(self, rating: int) -> list[Message]:
        """Change the rating of the answer just given (1 Again .. 4 Easy)."""
        if self.phase is not Phase.FEEDBACK or self.review_id is None or rating not in RATINGS:
            return [Message("info", "Ratings 1-4 apply to the answer just given.")]
        result = self.store.rerate(self.learner.id, self.review_id, rating, now=self.clock())
        self.rating = rating
        return [Message("rating", f"Rated {RATINGS[rating]}: due again {self._when(result.due)}.")]

    def ask(self, text: str) -> list[Message]:
        """A question of the learner's own, answered from the material."""
        from content.ask import Index, ask  # the index is built on first use, off the start-up path

        if self._index is None:
            self._index = Index.build(self.course.material, self.course.bank)
        reply = ask(self._index, text)
        if reply.passage is None:
            return [Message("reply", reply.message)]
        head = f"{reply.answer}." if reply.answer else "Here is what the material says:"
        return [Message("reply", head, passage=reply.passage, location=str(reply.location),
                        marks=find_folded(reply.passage, [reply.answer] if reply.answer else []))]

    def quit(self) -> list[Message]:
        return self._quit()

    def settings(self) -> StudySettings:
        return read_settings(self.store, self.learner.id, self.clock())

    def change_settings(self, settings: StudySettings) -> list[Message]:
        """Save the learner's new settings, or say what is wrong with them; with nothing due, look again."""
        wrong = problems(settings, {t for q in self.course.bank.questions for t in q.topics})
        if wrong:
            return [Message("info", "Settings not saved: " + "; ".join(wrong) + ".")]
        save_settings(self.store, self.learner.id, settings, self.clock())
        self.learner = self.store.get_learner(self.learner.id)
        saved = [Message("info", "Settings saved.")]
        asking = self.question if self.phase is Phase.ASKING else None
        if asking is not None and not self.syllabus.scope(self.learner.topics).allows(asking.id):
            return saved + self._next()  # a question of a topic no longer studied: one that is, instead
        return saved + self._next() if self.phase is Phase.IDLE else saved

    def status(self) -> Status:
        """Who, what, today's figures (due, new still allowed, done, the streak) and the last verdict."""
        today = self.store.stats_today(self.learner.id, self.bank_id, self.clock(), self.syllabus)
        nxt = self.store.next_due(self.learner.id, self.bank_id, self.syllabus) if self.phase is Phase.IDLE else None
        return Status(self.phase, self.learner.name, self.course.title, today.due, today.new_available,
                      today.done_today, today.streak,
                      rating=self.rating if self.phase is Phase.FEEDBACK else None,
                      verdict=self.verdict if self.phase is Phase.FEEDBACK else None,
                      claimable=self._claimable() is None,
                      due_in_s=(nxt - self.clock()).total_seconds() if nxt is not None else None)

    # -- commands ---------------------------------------------------------------------

    def _hint(self) -> list[Message]:
        if self.phase is not Phase.ASKING or self.question is None:
            return [Message("info", "Hints are for the question being asked.")]
        self.hints = min(self.hints + 1, 2)
        passage, _ = self._passage(self.question)
        hint = self.question.hint(self.hints, passage)
        return [Message("hint", hint.text, passage=hint.passage)]

    def _dont_know(self) -> list[Message]:
        if self.phase is not Phase.ASKING or self.question is None:
            return [Message("info", "No question is waiting for an answer.")]
        return self._grade(Verdict(0.0, False, "", "No matter: here it is."), "", headline="No matter: here it is.")

    def _claimable(self) -> str | None:
        """Why 'I was right' cannot apply now, or None when it can."""
        q = self.question
        if self.phase is not Phase.FEEDBACK or q is None or self.review_id is None:
            return "'I was right' is for an answer just graded."
        if not q.interaction().typed:
            return "Picked answers are checked exactly; 'I was right' is for typed answers."
        if self.review_id in self.right_reviews:
            return "It already counts as right."
        if not self.response.strip():
            return "There is no answer of yours to count: rate it with 1-4 instead."
        return None

    def _right(self) -> list[Message]:
        """The learner says their typed answer was right: rate it Good, marked as their claim."""
        refused = self._claimable()
        if refused is not None:
            return [Message("info", refused)]
        assert self.review_id is not None
        result = self.store.override(self.learner.id, self.review_id, now=self.clock())
        self.rating, self.verdict = result.rating, "Counted as right."
        self.tally.right += 1
        self.right_reviews.add(self.review_id)
        return [Message("rating", f"Counted as right and rated Good: due again {self._when(result.due)}. "
                                  "Your answer is kept for the course's author to see.")]

    def _help(self) -> list[Message]:
        return [Message("help", HELP)]

    def _skip(self) -> list[Message]:
        if self.phase is Phase.FEEDBACK:
            return [Message("info", "That one is answered and rescheduled: on to the next."), *self._next()]
        if self.phase is not Phase.ASKING or self.question is None:
            return self._next()
        self.store.bury(self.learner.id, self.bank_id, self.question.id, self.clock())
        return [Message("info", "Skipped: it comes back tomorrow."), *self._next()]

    def _why(self) -> list[Message]:
        if self.phase is Phase.ASKING:
            return [Message("info", "Answer first (or type 'hint', or 'I don't know'); then I explain.")]
        if self.question is None:
            return [Message("info", "Ask me a question about the material, ending with '?'.")]
        q = self.question
        paragraph, where = self._paragraph(q)
        return [Message("reply", q.explain, passage=paragraph, location=where,
                        marks=find_folded(paragraph, q.answer_terms()))]

    def _undo(self) -> list[Message]:
        undone = self.store.undo_last(self.learner.id, now=self.clock())
        if undone is None:
            return [Message("info", "There is no answer to undo.")]
        self.tally.answered = max(0, self.tally.answered - 1)
        if undone.review_id in self.right_reviews:
            self.tally.right -= 1
        try:
            question = self.course.bank.question(undone.card.question_id)
        except KeyError:
            return [Message("info", "Undone.")]
        return [Message("info", "Undone: here is that question again."), *self.pose(question)]

    def _quit(self) -> list[Message]:
        if self.phase is Phase.DONE:
            return []
        now = self.clock()
        if self.session is not None:
            self.store.end_session(self.session, now)
        self.phase = Phase.DONE
        minutes = max(0, int((now - self.tally.started).total_seconds() // 60))
        nxt = self.store.next_due(self.learner.id, self.bank_id, self.syllabus)
        coming = f" Next review {self._when(nxt)}." if nxt else ""
        return [Message("summary", f"Session over: {self.tally.answered} answered, {self.tally.right} right, "
                                   f"{minutes} min.{coming} Everything is saved.")]

    def _more(self) -> list[Message]:
        if self.phase is Phase.FEEDBACK:
            return self._why()
        if self.phase is Phase.ASKING:
            return [Message("info", "Answer this one first.")]
        self.learn_ahead = True
        return self._next()

    # -- steps ------------------------------------------------------------------------

    def _next(self) -> list[Message]:
        now = self.clock()
        previous = self.question.id if self.question else None
        card = self.queue.next_card(self.learner.id, self.bank_id, now, learn_ahead=self.learn_ahead, after=previous)
        if card is None:
            self.phase, self.question = Phase.IDLE, None
            nxt = self.store.next_due(self.learner.id, self.bank_id, self.syllabus)
            when = f" The next review is {self._when(nxt)}." if nxt else ""
            return [Message("info", f"Nothing more is due now.{when} Type 'more' to learn ahead, "
                                    "ask me a question, or 'quit'.")]
        try:
            question = self.course.bank.question(card.question_id)
        except KeyError:  # cannot happen after sync_bank; say so rather than loop
            return [Message("info", f"Question {card.question_id!r} is not in the bank any more.")]
        return self.pose(question)

    def _topics_note(self) -> list[Message]:
        """A line naming the learner's topics that this course does not have: they are ignored."""
        topics = self.store.get_learner(self.learner.id).topics
        ignored = self.syllabus.scope(topics).ignored
        if not ignored:
            return []
        names = ", ".join(repr(t) for t in ignored)
        rest = "studying the other topics chosen" if len(ignored) < len(topics) else "studying every topic"
        topic = "topics" if len(ignored) > 1 else "topic"
        return [Message("info", f"This course has no {topic} {names} (see settings, F5): {rest}.")]

    def pose(self, question: Question) -> list[Message]:
        """Ask this question now (the queue's choice, a question again after undo, a preview)."""
        self.question, self.phase, self.hints = question, Phase.ASKING, 0
        self.asked_at, self.review_id = self.clock(), None
        return [Message.asking(question)]

    def _grade(self, verdict: Verdict, response: Any, headline: str | None = None) -> list[Message]:
        q = self.question
        assert q is not None
        now = self.clock()
        hinted = self.hints > 0
        rating = rating_for(verdict.score, verdict.correct, hinted)
        result = self.store.record(
            self.learner.id, self.bank_id, q.id, rating=rating, revision=q.revision(), response=_as_text(response),
            score=verdict.score, duration_ms=int((now - self.asked_at).total_seconds() * 1000),
            hinted=hinted, now=now,
        )
        self.review_id, self.rating, self.phase = result.review_id, rating, Phase.FEEDBACK
        self.response = _as_text(response)
        self.tally.answered += 1
        if verdict.correct:
            self.tally.right += 1
            self.right_reviews.add(result.review_id)
        passage, where = self._passage(q)
        headline = headline or ("Right." if verdict.correct else "Partly right." if verdict.partial else "Not quite.")
        self.verdict = headline
        lines = [verdict.feedback if verdict.correct or verdict.partial else headline]
        if not verdict.correct and q.answer_text() not in lines[0]:
            lines.append(f"Answer: {q.answer_text()}")
        lines.append(q.explain)
        return [
            Message("feedback", "\n".join(lines), passage=passage, location=where,
                    marks=find_folded(passage, q.answer_terms()), question_id=q.id, verdict=verdict),
            Message("rating", f"Rated {RATINGS[rating]}{' (hint used)' if hinted else ''}: "
                              f"due again {self._when(result.due)}. Keys 1-4 change it; Enter goes on."),
        ]

    # -- material ---------------------------------------------------------------------

    def _passage(self, q: Question) -> tuple[str, str | None]:
        cited = self.course.passages(q)
        material = self.course.material
        if not cited:
            return "", None
        indexes = sorted({i for p in cited for i in p.sentences})
        text = " ".join(material.sentences[i].text for i in indexes)
        paragraphs = sorted({material.sentences[i].paragraph for i in indexes})
        if len(paragraphs) > 1:  # a question drawing on several parts of the text
            return text, "paragraphs " + ", ".join(str(n + 1) for n in paragraphs)
        return text, str(material.location(indexes))

    def _paragraph(self, q: Question) -> tuple[str, str | None]:
        cited = self.course.passages(q)
        if not cited:
            return "", None
        material = self.course.material
        paragraph = material.paragraphs[material.sentences[cited[0].sentences[0]].paragraph]
        return paragraph.text, f"paragraph {paragraph.index + 1}"

    def _when(self, due: datetime) -> str:
        """'now', 'in 40 s', 'in 10 min', 'in 5 h', 'in 3 days'."""
        delta = due - self.clock()
        if delta <= timedelta(0):
            return "now"
        if delta < timedelta(seconds=59.5):
            return f"in {max(1, round(delta.total_seconds()))} s"
        if delta < timedelta(hours=1):
            return f"in {round(delta.total_seconds() / 60)} min"
        if delta < timedelta(days=1):
            return f"in {round(delta.total_seconds() / 3600)} h"
        days = round(delta.total_seconds() / 86400)
        return f"in {days} day{'s' if days != 1 else ''}"


def _as_text(response: Any) -> str:
    if isinstance(response, dict):
        return "; ".join(f"{k} -> {v}" for k, v in response.items())
    if isinstance(response, (list, tuple, set)):
        return " | ".join(map(str, response))
    return str(response)
