"""The Textual app: pick a learner and a course, then study in a chat. It holds no study logic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App

from tutor import startup
from tutor.study.turns import Phase
from tutor.tui.screens import CourseScreen, LearnerScreen, StudyScreen
from tutor.tui.session import Courses, Failed, Learners, Replied, Session

if TYPE_CHECKING:  # the engine, the course and the queue load on the study thread
    from tutor.study.engine import Engine


class TutorApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Tutor"
    ENABLE_COMMAND_PALETTE = False  # its footer entry took room the chat's own keys need at 80 columns

    def __init__(self, db: Path, courses: list[Path], learner: str | None, *, learn_ahead: bool = False,
                 clock: Callable[[], datetime] | None = None, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.courses, self.learner = courses, learner
        self.session = Session(self, Path(db), tz=tz, clock=clock, learn_ahead=learn_ahead)
        self.error: str | None = None  # why the app stopped early, printed after it closes

    @property
    def engine(self) -> Engine | None:
        return self.session.engine

    @property
    def summary(self) -> str | None:
        """The session's summary, printed after the app closes."""
        return self.session.summary

    def on_mount(self) -> None:
        self.session.start()
        if self.learner:
            self._pick_course()
        else:
            self.session.learners()

    @on(Learners)
    def _learners(self, event: Learners) -> None:
        self.session.replied()
        startup.settled()  # the learner takes their time to pick
        self.push_screen(LearnerScreen(event.names, event.last), self._learner_picked)

    def _learner_picked(self, name: str | None) -> None:
        self.learner = name
        self._pick_course()

    def _pick_course(self) -> None:
        if len(self.courses) == 1:
            self._course_picked(self.courses[0])
        else:
            self.session.titles(self.courses)

    @on(Courses)
    def _titles(self, event: Courses) -> None:
        self.session.replied()
        startup.settled()
        self.push_screen(CourseScreen(event.courses), self._course_picked)

    @on(CourseScreen.Edit)
    def _edit(self, event: CourseScreen.Edit) -> None:
        from content.course_folders import BANK_FILE
        from tutor.tui.editor.screens import EditorScreen  # only when asked: it is not on the way to studying

        self.push_screen(EditorScreen(event.folder / BANK_FILE))  # back to the course picker when it closes

    def _course_picked(self, folder: Path | None) -> None:
        if folder is None or self.learner is None:
            self.exit()
            return
        # The study screen is painted at once while the study thread loads the course: with the first turns
        # the last session's end kept for this start, if they still hold, else empty until its first reply.
        kept = self.session.kept(folder, self.learner)
        self.push_screen(StudyScreen(self.session, kept))
        self.session.open(folder, self.learner, kept.question_id if kept else None)

    @on(Replied)
    def _replied(self, event: Replied) -> None:
        self.session.replied()
        # To the study screen even when the help or the settings are open over it.
        study = next(s for s in reversed(self.screen_stack) if isinstance(s, StudyScreen))
        study.show(event.messages, event.status)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.session.replied()
        self.error = event.error
        self.exit(return_code=1)

    def on_unmount(self) -> None:
        # Closed without 'quit' (ctrl+c, a closed terminal): end the session all the same.
        self.session.close()

    def action_help_quit(self) -> None:
        # ctrl+c: many reach for it to stop a program; say what ends the session instead.
        self.notify("To end the session, type quit or press ctrl+q: its summary stays on screen.",
                    title="Stopping?")

    async def action_quit(self) -> None:
        # ctrl+q in the bank editor leaves it, asking first when there are unsaved edits; elsewhere it quits.
        leave = getattr(self.screen, "action_leave", None)
        if leave is not None:
            leave()
        else:
            await super().action_quit()

    def action_quit_study(self) -> None:
        if isinstance(self.screen, StudyScreen) and self.screen.phase not in (None, Phase.DONE):
            self.session.say("quit")
        else:
            self.exit()
