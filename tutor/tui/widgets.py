"""Widgets of the study chat. Course text and learner input are shown literally, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message as TextualMessage
from textual.widgets import Footer, Input, Static

from tutor.study.commands import read_line
from tutor.study.turns import Message
from tutor.tui.pads import PADS, Answer, Pad

if TYPE_CHECKING:
    from textual.screen import Screen

MARK_STYLE = "bold reverse"
_QUOTES = frozenset("\"'“”‘’«»„")


def message_content(message: Message) -> Content:
    """A tutor message as Content: its text, then the passage with the answer marked."""
    parts: list[Content | str | tuple[str, str]] = [Content(message.text)]
    if message.passage:
        passage = Content(message.passage)
        for start, end in message.marks:
            passage = passage.stylize(MARK_STYLE, start, end)
        # A passage that opens or closes on a quotation mark of its own gets no second one.
        opening = "" if message.passage[:1] in _QUOTES else "“"
        closing = "" if message.passage[-1:] in _QUOTES else "”"
        parts += ["\n\n", (opening, "dim"), passage, (closing, "dim")]
        if message.location:
            parts += ["\n", (f"({message.location})", "dim italic")]
    return Content.assemble(*parts)


class ChatMessage(Static):
    """One turn of the conversation."""

    def __init__(self, content: Content | str, role: str, kind: str = "") -> None:
        body = content if isinstance(content, Content) else Content(content)
        super().__init__(body, markup=False, classes=f"{role} {kind}".strip())


class AnswerPad(Static):
    """The options of a picking question (see `pads`) and the rating keys after feedback.

    It never takes the focus: the input line hands it the keys it uses while the line is empty.
    """

    class Answered(TextualMessage):
        def __init__(self, response: object) -> None:
            super().__init__()
            self.response = response

    class Rated(TextualMessage):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    class Next(TextualMessage):
        """Enter on an empty line after feedback: go on to the next question."""

    def __init__(self) -> None:
        super().__init__("", markup=False, id="pad")
        self.pad: Pad | None = None
        self.asking: Message | None = None  # the turn whose question the pad shows
        self.rating: int | None = None  # set while feedback is shown: the pad then takes 1-4
        self.waiting = False  # an answer went out: keys are the line's until the reply comes
        self.held = False  # kept turns show the question before the study thread has it: no pick answers yet
        self.verdict = ""  # the headline of the feedback, kept in view however long the feedback
        self.claimable = False  # a typed answer marked wrong: the learner may say it was right

    def show_rating(self, rating: int, verdict: str = "", claimable: bool = False) -> None:
        self.pad, self.asking, self.rating, self.waiting, self.verdict = None, None, rating, False, verdict
        self.held = False
        self.claimable = claimable
        self.display = True
        self._paint()

    def show(self, asking: Message, held: bool = False) -> None:
        """The pad for the question this turn asks, or none (hidden) when it is answered by typing. The same
        turn again (the study thread asking the question the kept turns showed) keeps the pad as it is.
        `held`: the study thread does not have the question yet, so keys that answer are the line's;
        moving between blanks and items still works."""
        same = self.asking == asking and self.rating is None
        self.rating, self.waiting, self.asking, self.held = None, False, asking, held
        if not same:
            kind = PADS.get(asking.pad) if asking.pad else None
            self.pad = kind(list(asking.options), list(asking.items), asking.blanks) if kind else None
        self.display = self.pad is not None
        self._paint()

    def clear(self) -> None:
        self.pad, self.asking, self.rating, self.waiting, self.held = None, None, None, False, False
        self.display = False

    def does(self, action: str) -> bool:
        return not self.waiting and self.pad is not None and action in self.pad.actions

    def press(self, character: str) -> bool:
        """A key typed on the empty line: True if the pad used it."""
        if self.waiting or self.held:
            return False
        if self.rating is not None:
            if character in ("1", "2", "3", "4"):
                self.rating = int(character)
                self._paint()
                self.post_message(self.Rated(self.rating))
                return True
            return False
        outcome = self.pad.key(character) if self.pad is not None else False
        if isinstance(outcome, Answer):
            self._answered(outcome.response)
        elif outcome:
            self._paint()
        return bool(outcome)

    def enter(self) -> bool:
        """Enter on the empty line: True if the pad used it (next question, or the picks answered)."""
        if self.waiting or self.held:
            return False
        if self.rating is not None:
            self.post_message(self.Next())
            return True
        response = self.pad.submit() if self.pad is not None else None
        if response is None:
            return False
        self._answered(response)
        return True

    def tab(self, value: str, step: int) -> str | None:
        """Tab on the line: a pad with fields (a cloze's blanks) keeps the text and gives the next field's."""
        if self.waiting or self.pad is None:
            return None
        moved = self.pad.tab(value, step)
        if moved is not None:
            self._paint()
        return moved

    def line(self, value: str) -> str:
        """The line Enter sends: a pad with fields joins them in."""
        if self.waiting or self.pad is None:
            return value
        return self.pad.line(value)

    def cursor(self, step: int) -> None:
        if self.does("cursor") and self.pad is not None and self.pad.options:
            self.pad.cursor = (self.pad.cursor + step) % len(self.pad.options)
            self._paint()

    def move(self, step: int) -> None:
        if self.does("move") and self.pad is not None and self.pad.move(step):
            self._paint()

    @property
    def usage(self) -> str:
        return self.pad.usage if self.pad else ""

    def _answered(self, response: object) -> None:
        self.waiting = True
        self.post_message(self.Answered(response))

    def _paint(self) -> None:
        lines: list[Content | str] = []
        if self.rating is not None:
            names = ("Again", "Hard", "Good", "Easy")
            parts: list[str | tuple[str, str]] = [(f"{self.verdict}  ", "bold")] if self.verdict else []
            for n, name in enumerate(names, 1):
                parts += [(f" {n} ", "reverse bold" if n == self.rating else "bold"), f" {name}  "]
            lines.append(Content.assemble(*parts))
            keys = ("1-4 rate · Enter: next · F6 or 'I was right' counts it right · why, undo, quit"
                    if self.claimable else "1-4 rate · Enter: next question · or type why, undo, hint, quit")
            lines.append(Content(keys).stylize("dim"))
        if self.pad is not None:
            lines += self.pad.lines()
        lines.append(Content(self.usage).stylize("dim"))
        self.update(Content("\n").join(line if isinstance(line, Content) else Content(line) for line in lines))


class EntryLine(Input):
    """The learner's input line. It keeps the focus; while it is empty, the pad's keys go to the pad."""

    # An Enter typed before the app has the terminal arrives as a newline (ctrl+j): the terminal's
    # line mode turned it into one. It submits the line all the same.
    BINDINGS = [Binding("ctrl+j", "submit", show=False)]

    def __init__(self, pad: AnswerPad, **kwargs: object) -> None:
        super().__init__(select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.pad = pad
        self.ready = False  # set once the first question is shown; until then an Enter waits for it
        self._enter_waiting = False

    def on_mount(self) -> None:
        # Headless (tests, benches) nobody watches the cursor, and a blink would make screenshots vary.
        self.cursor_blink = not self.app.is_headless

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("tab", "shift+tab"):
            moved = self.pad.tab(self.value, 1 if event.key == "tab" else -1)
            if moved is not None:
                self.value = moved
                self.cursor_position = len(moved)
                event.stop()
                event.prevent_default()
            return
        if not self.value and event.character and event.is_printable and self.pad.press(event.character):
            event.stop()
            event.prevent_default()

    async def release(self) -> None:
        """Submit the line now if Enter was pressed before the first question was shown."""
        if self._enter_waiting:
            self._enter_waiting = False
            await self.action_submit()

    async def action_submit(self) -> None:
        if not self.ready:  # the course is still loading: the line stays as typed until the question shows
            self._enter_waiting = True
            return
        # Emptied at once, not when the screen handles the line: an Enter typed right after
        # must find the line empty, not submit the same words twice.
        value = self.value
        if read_line(value, answer_pending=True).kind not in ("command", "question"):
            value = self.pad.line(value)  # a cloze's blanks, each typed in its own field, joined
        self.value = ""
        self.post_message(self.Submitted(self, value))

    def _on_paste(self, event: events.Paste) -> None:
        # A paste is one line of the chat, whole: its lines joined, never only the first.
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()


class KeysFooter(Footer):
    """Textual's footer, remade only when the keys it shows change.

    Textual's remakes all its keys on every change of focus or of the bindings, though they show
    the same: three times before the first question was shown, about 30 ms of the first frame.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[tuple[object, bool, str]] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = [(binding, enabled, tooltip) for _, binding, enabled, tooltip in screen.active_bindings.values()
                 if binding.show]
        if self._bindings_ready and shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:  # Textual's remakes them now
            self._shown = shown
        super().bindings_changed(screen)
