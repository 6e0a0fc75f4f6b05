"""The editor's small screens: a question to confirm, a type to pick, problems to read, the keys, and try it."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from content.questions import TYPES, Question, Unreadable
from tutor.tui.editor.form import Line


class Dialog(ModalScreen[object]):
    """The editor's dialogs: ctrl+q (leave) waits until the dialog is answered."""

    def action_leave(self) -> None:
        self.app.bell()


class Confirm(Dialog):
    """A question with a key for each answer; Escape answers None."""

    def __init__(self, text: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.text, self.choices = text, dict(choices)

    def compose(self) -> ComposeResult:
        keys = "  ".join(f"{key} {label}" for key, label in self.choices.items())
        with Vertical(classes="dialog"):
            yield Static(Content(self.text), markup=False)
            yield Static(Content.assemble((keys, "bold"), ("  · escape: cancel", "dim")), markup=False,
                         classes="keys")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
        elif event.character in self.choices:
            self.dismiss(event.character)


class TypePicker(Dialog):
    """Which type of question to add."""

    AUTO_FOCUS = "#types"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Add a question of which type?", markup=False)
            yield OptionList(*[Option(Content(t), id=t) for t in TYPES], id="types")

    @on(OptionList.OptionSelected, "#types")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Problems(Dialog):
    """A list of problems to read, e.g. why a save was refused."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, title: str, problems: list[str]) -> None:
        super().__init__()
        self.title_text, self.problems = title, problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content(self.title_text).stylize("bold"), markup=False)
            with VerticalScroll(classes="problems"):
                yield Static(Content("\n".join(self.problems)), markup=False)
            yield Static(Content("escape: close").stylize("dim"), markup=False)

    def action_close(self) -> None:
        self.dismiss()


class Keys(Dialog):
    """Every key of the editor; any key closes it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(Content(self.text), markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss()


class TryIt(Dialog):
    """Answer the question as a learner would, by typing a line, and see the verdict its grading gives."""

    AUTO_FOCUS = "#try-line"
    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        lines = [Content.assemble(("Try it", "bold"), " as a learner: type an answer, Enter to grade it"), Content(""),
                 Content(q.shown_prompt()).stylize("bold")]
        items, options = q.shown_items(), q.shown_options()
        lines += [Content.assemble((f"{n}. ", "bold"), item) for n, item in enumerate(items, 1)]
        if items:
            lines.append(Content(""))
        label = (lambda n: f"{chr(96 + n)}. ") if items else (lambda n: f"{n}. ")
        lines += [Content.assemble((label(n), "bold"), option) for n, option in enumerate(options, 1)]
        with Vertical(classes="dialog wide", id="try"):
            with VerticalScroll(classes="try-question"):
                yield Static(Content("\n").join(lines), markup=False)
            yield Line(placeholder="an answer, or option numbers (1 3), pairs (1b 2a)", id="try-line",
                        compact=True)
            yield Static("", id="verdict", markup=False)
            yield Static(Content("Enter: grade · escape: back to the form").stylize("dim"), markup=False)

    @on(Input.Submitted, "#try-line")
    def _graded(self, event: Input.Submitted) -> None:
        self.query_one("#verdict", Static).update(verdict_of(self.question, event.value))

    def action_close(self) -> None:
        self.dismiss()


def verdict_of(question: Question, line: str) -> Content:
    """What the study chat would make of the line: how it is read, then the verdict of `check`."""
    response = question.read(line)
    if isinstance(response, Unreadable):
        return Content.assemble(("? ", "bold"), str(response), (" (not graded)", "dim"))
    verdict = question.check(response)
    mark, style = ("✓", "bold green") if verdict.correct else ("◐", "bold yellow") if verdict.partial else ("✗", "bold red")
    parts: list[str | tuple[str, str] | Content] = [(f"{mark} ", style), verdict.feedback,
                                                    (f"  score {verdict.score:.0%}", "dim")]
    if verdict.matched:
        parts += ["\n", ("taken as: ", "dim"), verdict.matched]
    parts += ["\n", ("right answer: ", "dim"), question.answer_text()]
    return Content.assemble(*parts)
