"""The settings screen: new cards and reviews per day, desired retention, topics, extra new cards today."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, SelectionList, Static

from tutor.study.settings import StudySettings, problems


class SettingsScreen(ModalScreen[StudySettings | None]):
    """The learner's study settings for this course; ctrl+s saves, Escape leaves them as they were."""

    AUTO_FOCUS = "#new"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, settings: StudySettings, topics: list[str]) -> None:
        super().__init__()
        self.settings, self.topics = settings, topics

    def compose(self) -> ComposeResult:
        s = self.settings
        with VerticalScroll(id="settings"):
            yield Static("Study settings", classes="title")
            for field, label, value, kind in (
                ("new", "New cards per day", s.new_per_day, "integer"),
                ("reviews", "Reviews per day", s.reviews_per_day, "integer"),
                ("retention", "Desired retention (0.70-0.99)", s.desired_retention, "number"),
                ("extra", "Extra new cards today", s.extra_new_today, "integer"),
            ):
                with Horizontal(classes="setting"):
                    yield Label(label)
                    yield Input(str(value), type=kind, id=field, compact=True)
            yield Label("Topics to study (none ticked: all) · space ticks")
            yield SelectionList[str](*[(Content(t), t, t in s.topics) for t in self.topics], id="topics")
            yield Static("", id="settings-problem", markup=False)
        yield Footer()

    def chosen(self) -> StudySettings | None:
        """The settings as entered, or None (with the reason shown) when a field is not a number or out of range."""
        try:
            chosen = StudySettings(
                new_per_day=int(self.query_one("#new", Input).value),
                reviews_per_day=int(self.query_one("#reviews", Input).value),
                desired_retention=float(self.query_one("#retention", Input).value),
                topics=tuple(self.query_one(SelectionList).selected),
                extra_new_today=int(self.query_one("#extra", Input).value or 0),
            )
        except ValueError:
            self.query_one("#settings-problem", Static).update("Each field needs a number.")
            return None
        wrong = problems(chosen, set(self.topics))
        if wrong:  # said here, with the fields as typed, so that nothing typed is lost
            self.query_one("#settings-problem", Static).update("Not saved: " + "; ".join(wrong) + ".")
            return None
        return chosen

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
