"""Widgets of the study chat. Course text and learner input are shown literally, never as markup."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message as TextualMessage
from textual.widgets import Static

from content.questions import Question
from tutor.study.engine import Message
from tutor.tui.pads import PADS, Answer, Pad

MARK_STYLE = "bold reverse"


def message_content(message: Message) -> Content:
    """A tutor message as Content: its text, then the passage with the answer marked."""
    parts: list[Content | str | tuple[str, str]] = [Content(message.text)]
    if message.passage:
        passage = Content(message.passage)
        for start, end in message.marks:
            passage = passage.stylize(MARK_STYLE, start, end)
        parts += ["\n\n", ("“", "dim"), passage, ("”", "dim")]
        if message.location:
            parts += ["\n", (f"({message.location})", "dim italic")]
    return Content.assemble(*parts)


class ChatMessage(Static):
    """One turn of the conversation."""

    def __init__(self, content: Content | str, role: str, kind: str = "") -> None:
        body = content if isinstance(content, Content) else Content(content)
        super().__init__(body, markup=False, classes=f"{role} {kind}".strip())


class AnswerPad(Static, can_focus=True):
    """Keyboard answers for the picking types (see `pads`), and the rating keys after feedback."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("shift+up,ctrl+up,u", "move(-1)", "Move up"),
        Binding("shift+down,ctrl+down,d", "move(1)", "Move down"),
        Binding("enter", "submit", "Answer"),
    ]

    class Answered(TextualMessage):
        def __init__(self, response: object) -> None:
            super().__init__()
            self.response = response

    class Rated(TextualMessage):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    class Next(TextualMessage):
        """Enter after feedback: go on to the next question."""

    class TypeInstead(TextualMessage):
        """A key the pad does not use: the learner is typing a command or a question."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    def __init__(self) -> None:
        super().__init__("", markup=False, id="pad")
        self.pad: Pad | None = None
        self.rating: int | None = None  # set while feedback is shown: the pad then takes 1-4

    def show_rating(self, rating: int) -> None:
        self.pad, self.rating = None, rating
        self.display = True
        self.refresh_bindings()
        self._paint()

    def show(self, question: Question | None, options: tuple[str, ...]) -> None:
        """The pad for this question, or none (hidden) when it is answered by typing."""
        self.rating = None
        kind = PADS.get(question.pad) if question is not None and question.pad else None
        self.pad = kind(question, list(options)) if kind else None
        self.display = self.pad is not None
        self.refresh_bindings()
        self._paint()

    def clear(self) -> None:
        self.pad, self.rating = None, None
        self.display = False

    @property
    def usage(self) -> str:
        return self.pad.usage if self.pad else ""

    def _paint(self) -> None:
        lines: list[Content | str] = []
        if self.rating is not None:
            names = ("Again", "Hard", "Good", "Easy")
            parts: list[str | tuple[str, str]] = []
            for n, name in enumerate(names, 1):
                parts += [(f" {n} ", "reverse bold" if n == self.rating else "bold"), f" {name}  "]
            lines.append(Content.assemble(*parts))
            lines.append(Content("1-4 change the rating · Enter: next question · or type a command").stylize("dim"))
        if self.pad is not None:
            lines += self.pad.lines()
        lines.append(Content(self.usage).stylize("dim"))
        self.update(Content("\n").join(line if isinstance(line, Content) else Content(line) for line in lines))

    def on_key(self, event) -> None:  # noqa: ANN001 - textual's events.Key
        key = event.character or ""
        handled = True
        outcome = self.pad.key(key) if self.pad is not None and key else False
        if self.rating is not None and key in ("1", "2", "3", "4"):
            self.rating = int(key)
            self._paint()
            self.post_message(self.Rated(int(key)))
        elif self.rating is not None and event.key == "enter":
            self.post_message(self.Next())
        elif isinstance(outcome, Answer):
            self.post_message(self.Answered(outcome.response))
        elif outcome:
            self._paint()
        elif key and key.isprintable() and not self._uses(event.key):
            self.post_message(self.TypeInstead(key))
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something for the current question show in the footer."""
        if action in ("move", "cursor", "submit"):
            return self.pad is not None and action in self.pad.actions
        return True

    def _uses(self, key: str) -> bool:
        """Keys bound to this pad's actions for the current question (not typing)."""
        return self.pad is not None and key in self.pad.keys

    def action_cursor(self, step: int) -> None:
        if self.pad is not None and self.pad.options:
            self.pad.cursor = (self.pad.cursor + step) % len(self.pad.options)
            self._paint()

    def action_move(self, step: int) -> None:
        if self.pad is not None and self.pad.move(step):
            self._paint()

    def action_submit(self) -> None:
        response = self.pad.submit() if self.pad is not None else None
        if response is not None:
            self.post_message(self.Answered(response))
