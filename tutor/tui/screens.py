"""The screens of the study app: pick a learner, pick a course, study in the chat."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor.study.engine import Message, Phase
from tutor.tui.session import Replied, Session, Status
from tutor.tui.widgets import AnswerPad, ChatMessage, message_content

# A paste longer than this is refused by the input line: no answer or question is that long.
MAX_LINE = 20_000


class LearnerScreen(Screen[str]):
    """Pick a learner, or type a new name."""

    AUTO_FOCUS = "#learners"

    def __init__(self, names: list[str], last: str | None) -> None:
        super().__init__()
        self.names, self.last = names, last

    def compose(self) -> ComposeResult:
        yield Static("Who is studying?", classes="title")
        yield OptionList(*[Option(Content(n), id=f"l{i}") for i, n in enumerate(self.names)], id="learners")
        yield Input(placeholder="…or type a new name and press Enter", id="new-learner", max_length=80)
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.names:
            options.display = False  # a first start: nobody to pick yet
            self.query_one(Input).focus()
        elif self.last in self.names:
            options.highlighted = self.names.index(self.last)

    @on(OptionList.OptionSelected, "#learners")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    @on(Input.Submitted, "#new-learner")
    def _typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if name:
            self.dismiss(name)


class CourseScreen(Screen[Path]):
    AUTO_FOCUS = "#courses"

    def __init__(self, folders: list[Path]) -> None:
        super().__init__()
        self.folders = folders

    def compose(self) -> ComposeResult:
        yield Static("Which course?", classes="title")
        yield OptionList(*[Option(Content(f.name)) for f in self.folders], id="courses")
        yield Footer()

    @on(OptionList.OptionSelected, "#courses")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.folders[event.option_index])


class StudyScreen(Screen[None]):
    """The chat: the tutor's turns and the learner's, an answer pad, and a line to type in.

    It only renders replies and forwards input: the study thread (`Session`) does the rest.
    """

    AUTO_FOCUS = "#entry"
    BINDINGS = [
        Binding("ctrl+q", "app.quit_study", "Quit", priority=True),
        Binding("escape", "focus_entry", "Type", show=False),
        Binding("f1", "hint", "Hint"),
        Binding("f2", "undo", "Undo"),
    ]

    def __init__(self, session: Session, first: Replied) -> None:
        super().__init__()
        self.session, self.first = session, first
        self.phase: Phase | None = None  # as of the last reply shown

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield VerticalScroll(id="chat")
        yield AnswerPad()
        yield Input(placeholder="Type your answer, 'hint', 'skip', 'undo', '?question' or 'quit'", id="entry",
                    max_length=MAX_LINE)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#chat").anchor()
        self.query_one(AnswerPad).clear()
        self.show(self.first.messages, self.first.status)

    def show(self, messages: list[Message], status: Status) -> None:
        chat = self.query_one("#chat", VerticalScroll)
        pad = self.query_one(AnswerPad)
        self.phase = status.phase
        for message in messages:
            chat.mount(ChatMessage(message_content(message), "tutor", message.kind + _verdict_class(message)))
            if message.kind == "question":
                pad.show(message.question, message.options)
        if status.phase is Phase.FEEDBACK:
            pad.show_rating(status.rating or 3)
        elif status.phase is not Phase.ASKING:
            pad.clear()
        if pad.display:
            pad.focus()
        else:
            self.query_one("#entry", Input).focus()
        self.query_one("#status", Static).update(Content(status.line))
        if status.phase is Phase.DONE:
            self.query_one("#entry", Input).placeholder = "Saved. Press Enter (or ctrl+q) to leave."

    def _echo(self, text: str) -> None:
        self.query_one("#chat").mount(ChatMessage(Content(text), "learner"))

    @on(Input.Submitted, "#entry")
    def _typed(self, event: Input.Submitted) -> None:
        if self.phase is Phase.DONE:
            self.app.exit()
            return
        text = event.value
        event.input.clear()
        if text.strip():
            self._echo(text)
        self.session.say(text)

    @on(AnswerPad.Answered)
    def _picked(self, event: AnswerPad.Answered) -> None:
        self._echo(_describe(event.response))
        self.session.answer(event.response)

    @on(AnswerPad.Rated)
    def _rated(self, event: AnswerPad.Rated) -> None:
        self.session.rate(event.rating)

    @on(AnswerPad.Next)
    def _go_on(self, event: AnswerPad.Next) -> None:
        self.session.say("")

    @on(AnswerPad.TypeInstead)
    def _type_instead(self, event: AnswerPad.TypeInstead) -> None:
        entry = self.query_one("#entry", Input)
        entry.focus()
        entry.insert_text_at_cursor(event.character)

    def action_focus_entry(self) -> None:
        self.query_one("#entry", Input).focus()

    def action_hint(self) -> None:
        self.session.say("hint")

    def action_undo(self) -> None:
        self.session.say("undo")


def _verdict_class(message: Message) -> str:
    if message.verdict is None:
        return ""
    return " right" if message.verdict.correct else " partly" if message.verdict.partial else " wrong"


def _describe(response: object) -> str:
    if isinstance(response, bool):
        return "True" if response else "False"
    if isinstance(response, dict):
        return "; ".join(f"{k} → {v}" for k, v in response.items()) or "(no pairs)"
    if isinstance(response, list):
        return " → ".join(map(str, response)) if response else "(none)"
    return str(response)
