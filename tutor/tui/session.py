"""The study thread: while the app runs, the only place the progress store and the engine are used.

The screens call `Session` methods on the UI thread; each puts a job on a queue that one Textual
thread worker serves in order, with its own SQLite connection, and the job's outcome comes back
as a message to the app. So the UI thread never waits on the disk, and what the learner typed is
handled in the order it was typed.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message as TextualMessage

from tutor.study.turns import Message, Phase, Status

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

    from progress.statistics import Statistics
    from progress.store import Store
    from tutor.study.engine import Engine
    from tutor.study.resume import Kept
    from tutor.study.settings import StudySettings

# How long closing the app waits for the study thread to finish its last write and end the session.
CLOSE_WAIT_S = 30.0


class Learners(TextualMessage):
    def __init__(self, names: list[str], last: str | None) -> None:
        super().__init__()
        self.names, self.last = names, last


class Courses(TextualMessage):
    def __init__(self, courses: list[tuple[Path, str]]) -> None:
        super().__init__()
        self.courses = courses  # folder and title, in the order given


class Replied(TextualMessage):
    """The engine's answer to a request: messages to show and the state after them."""

    def __init__(self, messages: list[Message], status: Status) -> None:
        super().__init__()
        self.messages, self.status = messages, status


class Failed(TextualMessage):
    """The study thread could not do what was asked; `error` is one line for the learner."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class StatsReady(TextualMessage):
    """The learner's statistics in the open course; None when they have no answers in it yet."""

    def __init__(self, statistics: Statistics | None) -> None:
        super().__init__()
        self.statistics = statistics


class SettingsReady(TextualMessage):
    def __init__(self, settings: StudySettings, topics: list[str]) -> None:
        super().__init__()
        self.settings, self.topics = settings, topics


class Session:
    def __init__(self, app: App[Any], db: Path, *, tz: tzinfo | None = None,
                 clock: Callable[[], datetime] | None = None, learn_ahead: bool = False) -> None:
        self.app, self.db, self.tz, self.clock, self.learn_ahead = app, db, tz, clock, learn_ahead
        self.engine: Engine | None = None  # made by the study thread; read by tests once it is idle
        self.summary: str | None = None  # the session's summary, once it has ended
        self.pending = 0  # requests made whose reply the UI has not handled yet (UI thread only)
        self._jobs: queue.Queue[Callable[[Store], Any] | None] = queue.Queue()
        self._done = threading.Event()
        self._folder: Path | None = None  # the course studied
        self._keep_at: Path | None = None  # where the session's end keeps the next start's first turns

    # -- on the UI thread -------------------------------------------------------------

    def start(self) -> None:
        self.app.run_worker(self._serve, name="study", group="study", thread=True, exit_on_error=False)

    def learners(self) -> None:
        self._request(lambda store: Learners([who.name for who in store.learners()],
                                             (last := store.last_learner()) and last.name))

    def titles(self, folders: list[Path]) -> None:
        """Each course's title, for the course picker (the folder's name where the bank cannot say)."""
        self._request(lambda store: Courses([(folder, _title(folder)) for folder in folders]))

    def kept(self, folder: Path, learner: str) -> Kept | None:
        """The first turns the last session's end kept for this start, if they still hold (a small file read)."""
        from tutor.config import resume_cache
        from tutor.study import resume

        self._keep_at = resume.kept_path(resume_cache(), self.db, learner, folder, self.learn_ahead)
        return resume.kept(self._keep_at, self.db, folder, now=self.clock().timestamp() if self.clock else None)

    def open(self, folder: Path, learner: str, shown: str | None = None) -> None:
        """Load the course and greet the learner with the first question (`shown`, if the screen shows it
        already and the queue may ask it)."""
        self._folder = folder
        job = lambda store: self._open(store, folder, learner, shown)  # noqa: E731
        if shown is None:
            self._request(job)
        else:  # the screen shows kept turns: loading the course now would hold their first frame up
            self.pending += 1
            self.app.call_after_refresh(self._jobs.put, job)

    def say(self, text: str) -> None:
        self._converse(lambda engine: engine.say(text))

    def answer(self, response: Any) -> None:
        self._converse(lambda engine: engine.answer(response))

    def rate(self, rating: int) -> None:
        self._converse(lambda engine: engine.rate(rating))

    def pose(self, question_id: str) -> None:
        """Ask this question now, out of the queue's order (for previews and tests)."""
        self._converse(lambda engine: engine.pose(engine.course.bank.question(question_id)))

    def begin(self) -> None:
        """Record the study session (and make the day's backup): asked once the first question is on
        screen, so that the learner never waits for these writes."""
        self._jobs.put(lambda store: self._engine().begin_session())

    def settings(self, reply_to: MessagePump) -> None:
        """The learner's study settings and the course's topics, posted to `reply_to` as SettingsReady."""
        def read(store: Store) -> None:
            engine = self._engine()
            topics = sorted({t for q in engine.course.bank.questions for t in q.topics})
            reply_to.post_message(SettingsReady(engine.settings(), topics))

        self._request(read)

    def save_settings(self, settings: StudySettings) -> None:
        self._converse(lambda engine: engine.change_settings(settings))

    def statistics(self, reply_to: MessagePump) -> None:
        """The learner's statistics in the open course, posted to `reply_to` as StatsReady."""
        self._request(lambda store: self._statistics(store, reply_to))

    def replied(self) -> None:
        """The UI handled a reply."""
        self.pending = max(0, self.pending - 1)

    def close(self) -> None:
        """End the study session (as 'quit' would) and wait for the thread's last write."""
        self._jobs.put(self._end)
        self._jobs.put(None)
        self._done.wait(CLOSE_WAIT_S)

    def _request(self, job: Callable[[Store], TextualMessage | None]) -> None:
        self.pending += 1
        self._jobs.put(job)

    def _converse(self, step: Callable[[Engine], list[Message]]) -> None:
        self._request(lambda store: self._reply(step(self._engine())))

    # -- on the study thread ----------------------------------------------------------

    def _serve(self) -> None:
        try:
            job = self._jobs.get()  # opened with the first request: a start that shows kept turns first paints them
            if job is None:
                return
            from progress.store import Store, StoreError

            try:
                store = Store.open(self.db, tz=self.tz)
            except StoreError as e:
                self.app.post_message(Failed(str(e)))
                return
            with store:
                while job is not None:
                    try:
                        message = job(store)
                    except Exception as e:  # a bug or a failing disk: stop, and say so
                        self.app.post_message(Failed(_one_line(e)))
                        return
                    if message is not None:
                        self.app.post_message(message)
                    if self._jobs.empty():
                        store.tidy()  # the reply is on its way: the log's checkpoint holds no answer up
                    job = self._jobs.get()
                next_start = self._next_start(store)
            if next_start is not None:  # kept with the file's state once it is closed
                from tutor.study import resume

                resume.keep(*next_start)
        finally:
            self._done.set()

    def _open(self, store: Store, folder: Path, learner: str, shown: str | None) -> TextualMessage:
        from content.bank import BankError
        from content.course import open_course
        from tutor.config import course_cache
        from tutor.study.engine import Engine

        try:
            course = open_course(folder, cache=course_cache())
        except BankError as e:
            first = (str(e).strip().splitlines() or ["its bank cannot be read"])[0]
            return Failed(f"{first}; the course's bank has errors: run `tutor bank check {folder}` for all of them")
        kwargs = {"clock": self.clock} if self.clock else {}
        self.engine = Engine(course, store, learner, learn_ahead=self.learn_ahead, **kwargs)
        return self._reply(self.engine.start(shown))

    def _next_start(self, store: Store) -> tuple[Any, ...] | None:
        """What the next start would show now, after the session's last write, to keep for it; None when
        there is nothing to keep (no session, or it did not end)."""
        from tutor.study.engine import Engine

        engine = self.engine
        if engine is None or engine.phase is not Phase.DONE or self._keep_at is None or self._folder is None:
            return None
        try:
            preview = Engine(engine.course, store, engine.learner.name, clock=engine.clock,
                             learn_ahead=self.learn_ahead)
            messages = preview.start()
            until = store.study_day(preview.learner.id, preview.bank_id, preview.clock()).end.timestamp()
            return self._keep_at, messages, preview.status(), until, self.db, self._folder
        except Exception:  # only a head start for the next time: never a reason to fail closing
            return None

    def _engine(self) -> Engine:
        assert self.engine is not None, "a study request came before the course was open"
        return self.engine

    def _reply(self, messages: list[Message]) -> Replied:
        engine = self._engine()
        for message in messages:
            if message.kind == "summary":
                self.summary = message.text
        return Replied(messages, engine.status())

    def _statistics(self, store: Store, reply_to: MessagePump) -> None:
        from progress.statistics import NoReviews, statistics

        engine = self._engine()
        bank = engine.course.bank
        try:
            figures: Statistics | None = statistics(store, engine.learner.id, bank.id, engine.clock(),
                                                    {question.id: question.topics for question in bank.questions})
        except NoReviews:
            figures = None
        reply_to.post_message(StatsReady(figures))  # to the screen that asked, not the app

    def _end(self, store: Store) -> None:
        if self.engine is not None and self.engine.phase is not Phase.DONE:
            self._reply(self.engine.quit())


def _title(folder: Path) -> str:
    from content.bank import BankError, read_bank
    from content.course_folders import BANK_FILE

    try:
        return read_bank(folder / BANK_FILE).bank.title
    except BankError:
        return f"{folder.name} (its bank has errors)"


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")
