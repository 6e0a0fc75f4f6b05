"""The Textual app: pick a learner and a course, then study in a chat. It holds no study logic."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tutor.study.engine import Engine, Phase
from tutor.tui.screens import CourseScreen, LearnerScreen, StudyScreen


class TutorApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Tutor"

    def __init__(self, store: object, courses: list[Path], learner: str | None, *,
                 learn_ahead: bool = False, clock: object = None) -> None:
        super().__init__()
        self.store, self.courses, self.learner = store, courses, learner
        self.learn_ahead, self.clock = learn_ahead, clock
        self.engine: Engine | None = None
        self.summary: str | None = None  # the session's summary, printed after the app closes
        self.error: str | None = None

    def on_mount(self) -> None:
        if self.learner:
            self._pick_course()
        else:
            names = [learner.name for learner in self.store.learners()]
            last = self.store.last_learner()
            self.push_screen(LearnerScreen(names, last.name if last else None), self._learner_picked)

    def _learner_picked(self, name: str | None) -> None:
        self.learner = name
        self._pick_course()

    def _pick_course(self) -> None:
        if len(self.courses) == 1:
            self._course_picked(self.courses[0])
        else:
            self.push_screen(CourseScreen(self.courses), self._course_picked)

    def _course_picked(self, folder: Path | None) -> None:
        from content.bank import BankError
        from content.course import open_course

        if folder is None:
            self.exit()
            return
        from tutor.config import course_cache

        try:
            course = open_course(folder, cache=course_cache())
        except BankError as e:
            self.error = f"{e}\nthe course's bank has errors; run `tutor bank check {folder}`"
            self.exit()
            return
        kwargs = {"clock": self.clock} if self.clock else {}
        self.engine = Engine(course, self.store, self.learner, learn_ahead=self.learn_ahead, **kwargs)
        self.push_screen(StudyScreen(self.engine))

    def on_unmount(self) -> None:
        # Closed without 'quit' (ctrl+c, a closed terminal): end the session all the same.
        if self.engine is not None and self.engine.phase is not Phase.DONE:
            for message in self.engine.quit():
                self.summary = message.text

    def action_quit_study(self) -> None:
        if self.engine is not None and self.engine.phase is not Phase.DONE and isinstance(self.screen, StudyScreen):
            self.screen.show(self.engine.quit())
        else:
            self.exit()
