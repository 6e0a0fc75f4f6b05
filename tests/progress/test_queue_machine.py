"""A hypothesis state machine driving the store and queue against a simple model of the rules."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from progress.queue import Queue
from progress.records import QUEUE_NEW, QUEUE_REVIEW, Card
from progress.review import GOOD
from progress.scope import Syllabus
from progress.store import Store
from tests.progress.replay import assert_cards_are_their_replays

BANK = "bank"
POOL = [f"q{i}" for i in range(8)]
PASSAGE = {question: f"p{int(question[1:]) // 2}" for question in POOL}
TZ = ZoneInfo("America/New_York")  # crosses a DST change on 2025-03-09
START = datetime(2025, 3, 7, 17, tzinfo=timezone.utc)
NEW_PER_DAY, REVIEWS_PER_DAY = 3, 4


def study_day(now: datetime) -> date:
    """The model's own study day: local time minus the 04:00 turnover."""
    return (now.astimezone(TZ) - timedelta(hours=4)).date()


@dataclass
class Given:
    """An answer the model knows was given and not undone, with its latest rating."""

    review_id: int
    question: str
    before: Card
    day: date
    kind: int
    learn_ahead: bool
    rating: int
    overridden: bool = False


class QueueMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="tutor-machine-"))
        self.store = Store.open(self.folder / "tutor.db", tz=TZ)
        self.queue = self.make_queue()
        self.learner = self.store.learner("ann").id
        self.store.update_settings(self.learner, new_per_day=NEW_PER_DAY, reviews_per_day=REVIEWS_PER_DAY)
        self.now = START
        self.given: list[Given] = []
        self.active: set[str] = set()
        self.suspended: set[str] = set()
        self.buried: dict[str, datetime] = {}
        self.previous: str | None = None

    def make_queue(self) -> Queue:
        return Queue(self.store)

    def in_scope(self, question: str) -> bool:
        """Whether the learner's topics let the queue ask this question (here: always)."""
        return True

    def check_choice(self, card: Card) -> None:
        """What the queue's choice must be beyond the rules every queue keeps (here: nothing more)."""

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder)

    @initialize(questions=st.sets(st.sampled_from(POOL), min_size=1))
    def sync_first(self, questions: set[str]) -> None:
        self.sync(questions)

    @rule(questions=st.sets(st.sampled_from(POOL), min_size=1))
    def sync(self, questions: set[str]) -> None:
        self.store.sync_bank(self.learner, BANK, {question: PASSAGE[question] for question in sorted(questions)})
        self.active = set(questions)

    @rule(minutes=st.one_of(st.integers(1, 30), st.integers(60, 3 * 24 * 60)))
    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(rating=st.integers(1, 4), learn_ahead=st.booleans())
    def answer(self, rating: int, learn_ahead: bool) -> None:
        card = self.queue.next_card(self.learner, BANK, self.now, learn_ahead=learn_ahead, after=self.previous)
        if card is None:
            assert not self.new_card_is_owed(), "a new card was allowed today but none came"
            return
        question = card.question_id
        assert question in self.active and question not in self.suspended
        assert self.buried.get(question, self.now) <= self.now
        self.check_choice(card)
        answered = self.store.record(
            self.learner, BANK, question, rating=rating, revision="0123456789ab", response="", score=1.0,
            duration_ms=1, hinted=False, now=self.now,
        )  # fmt: skip
        assert answered.card.last_review == self.now and answered.due >= self.now
        self.given.append(
            Given(answered.review_id, question, card, study_day(self.now), card.queue, learn_ahead, rating)
        )
        if answered.card.suspended:
            self.suspended.add(question)
        self.previous = question

    @precondition(lambda self: self.given)
    @rule(rating=st.integers(1, 4))
    def rerate(self, rating: int) -> None:
        last = self.given[-1]
        rerated = self.store.rerate(self.learner, last.review_id, rating, now=self.now)
        assert rerated.card.last_review is not None and rerated.due >= rerated.card.last_review
        last.rating, last.overridden = rating, False
        if rerated.card.suspended:
            self.suspended.add(last.question)
        elif not self.store.card(self.learner, BANK, last.question).suspended:
            self.suspended.discard(last.question)

    @precondition(lambda self: self.given)
    @rule()
    def undo(self) -> None:
        last = self.given.pop()
        undone = self.store.undo_last(self.learner, now=self.now)
        assert undone is not None and undone.review_id == last.review_id
        restored = self.store.card(self.learner, BANK, last.question)
        assert restored is not None
        # Exactly as before the answer, but for what was done to the card since (sync, bury).
        assert restored == replace(
            last.before, retired=restored.retired, buried_until=restored.buried_until, passage=restored.passage
        )
        if last.before.suspended:
            self.suspended.add(last.question)
        else:
            self.suspended.discard(last.question)
        self.previous = None

    @precondition(lambda self: self.given)
    @rule()
    def override(self) -> None:
        last = self.given[-1]
        overridden = self.store.override(self.learner, last.review_id, now=self.now)
        assert overridden.rating == GOOD and overridden.card.last_review is not None
        last.rating, last.overridden = GOOD, True
        if overridden.card.suspended:
            self.suspended.add(last.question)
        else:
            self.suspended.discard(last.question)

    @rule(question=st.sampled_from(POOL), suspend=st.booleans())
    def suspend_or_unsuspend(self, question: str, suspend: bool) -> None:
        if self.store.card(self.learner, BANK, question) is None:
            return
        if suspend:
            self.store.suspend(self.learner, BANK, question)
            self.suspended.add(question)
        else:
            self.store.unsuspend(self.learner, BANK, question)
            self.suspended.discard(question)

    @rule(question=st.sampled_from(POOL))
    def bury(self, question: str) -> None:
        if self.store.card(self.learner, BANK, question) is None:
            return
        self.buried[question] = self.store.bury(self.learner, BANK, question, self.now)
        assert study_day(self.buried[question]) == study_day(self.now) + timedelta(days=1)

    def new_card_is_owed(self) -> bool:
        today = study_day(self.now)
        new_today = sum(1 for given in self.given if given.day == today and given.kind == QUEUE_NEW)
        if new_today >= NEW_PER_DAY:
            return False
        return any(
            card.is_new
            and card.question_id in self.active
            and card.question_id not in self.suspended
            and self.buried.get(card.question_id, self.now) <= self.now
            and self.in_scope(card.question_id)
            for card in self.store.cards(self.learner, BANK)
        )

    @invariant()
    def the_log_holds_exactly_the_answers_given_with_their_latest_ratings(self) -> None:
        stored = sorted((review.id, review.rating, review.overridden) for review in self.store.reviews(self.learner))
        assert stored == sorted((given.review_id, given.rating, given.overridden) for given in self.given)

    @invariant()
    def every_card_is_the_replay_of_its_log(self) -> None:
        assert_cards_are_their_replays(self.store, self.learner, BANK)

    @invariant()
    def no_card_is_due_before_it_was_reviewed(self) -> None:
        for card in self.store.cards(self.learner, BANK):
            if card.last_review is not None:
                assert card.due is not None and card.due >= card.last_review

    @invariant()
    def daily_limits_hold_for_what_the_queue_offered(self) -> None:
        per_day: dict[tuple[date, int], int] = {}
        for given in self.given:
            if not given.learn_ahead:
                per_day[given.day, given.kind] = per_day.get((given.day, given.kind), 0) + 1
        for (_, kind), count in per_day.items():
            if kind == QUEUE_NEW:
                assert count <= NEW_PER_DAY
            elif kind == QUEUE_REVIEW:
                assert count <= REVIEWS_PER_DAY

    @invariant()
    def the_model_and_the_store_agree_on_suspensions(self) -> None:
        stored = {card.question_id for card in self.store.cards(self.learner, BANK) if card.suspended}
        assert stored == self.suspended


# The bank's syllabus for the machine with topics: an order unlike the cards' and a topic or two each.
ORDER = ["q5", "q2", "q7", "q0", "q3", "q6", "q1", "q4"]
TOPICS = {question: {f"t{n % 3}"} | ({"t3"} if n % 4 == 0 else set()) for n, question in enumerate(POOL)}


class SyllabusMachine(QueueMachine):
    """The same rules with the bank's syllabus: new cards in its order, and the learner's topics, changing."""

    def make_queue(self) -> Queue:
        self.topics: set[str] = set()
        return Queue(self.store, Syllabus(ORDER, {question: sorted(TOPICS[question]) for question in POOL}))

    @rule(topics=st.sets(st.sampled_from(["t0", "t1", "t2", "t3", "gone"]), max_size=2))
    def choose_topics(self, topics: set[str]) -> None:
        self.store.update_settings(self.learner, topics=sorted(topics))
        self.topics = topics

    def in_scope(self, question: str) -> bool:
        known = self.topics - {"gone"}
        return not known or bool(TOPICS[question] & known)

    def check_choice(self, card: Card) -> None:
        assert self.in_scope(card.question_id)
        if not card.is_new:
            return
        avoid = PASSAGE[self.previous] if self.previous is not None else None
        waiting = [
            other.question_id for other in self.store.cards(self.learner, BANK)
            if other.is_new and other.question_id in self.active and other.question_id not in self.suspended
            and self.buried.get(other.question_id, self.now) <= self.now and self.in_scope(other.question_id)
        ]  # fmt: skip
        if card.passage != avoid:  # the first round, keeping off the passage just asked
            waiting = [question for question in waiting if PASSAGE[question] != avoid]
        assert card.question_id == min(waiting, key=ORDER.index)


for machine, examples in ((QueueMachine, 30), (SyllabusMachine, 60)):
    machine.TestCase.settings = settings(
        max_examples=examples, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
TestQueueMachine = QueueMachine.TestCase
TestSyllabusMachine = SyllabusMachine.TestCase
