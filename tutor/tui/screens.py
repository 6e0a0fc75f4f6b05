"""The screens of the study app: pick a learner, pick a course, study in the chat."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message as TextualMessage
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor import startup
from tutor.study.turns import HELP, Message, Phase, Status
from tutor.tui.session import Session, SettingsReady
from tutor.tui.widgets import AnswerPad, ChatMessage, EntryLine, KeysFooter, message_content

if TYPE_CHECKING:
    from tutor.study.resume import Kept
    from tutor.study.settings import StudySettings

# A paste longer than this is refused by the input line: no answer or question is that long.
MAX_LINE = 20_000
# Chat turns kept on screen to scroll back through: each answer adds about four, and laying out
# hundreds of them made every answer slower than the last.
KEPT_TURNS = 40
# A reply usually comes within a few milliseconds: the learner's line waits for it this long at most,
# so both are laid out and painted once.
_ECHO_WAIT_S = 0.08


class LearnerScreen(Screen[str]):
    """Pick a learner with ↑/↓ and Enter, or type a new name and Enter: the name line has the focus."""

    AUTO_FOCUS = "#new-learner"
    BINDINGS = [
        Binding("up", "highlight(-1)", "Up", show=False),
        Binding("down", "highlight(1)", "Down", show=False),
    ]

    def __init__(self, names: list[str], last: str | None) -> None:
        super().__init__()
        self.names, self.last = names, last

    def compose(self) -> ComposeResult:
        yield Static("Who is studying?", classes="title")
        yield OptionList(*[Option(Content(n), id=f"l{i}") for i, n in enumerate(self.names)], id="learners")
        placeholder = "Type a new name, or Enter for the one highlighted" if self.names else "Type your name"
        yield Input(placeholder=placeholder, id="new-learner", max_length=80)
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.can_focus = False  # typing a name must never land anywhere but the name line
        if not self.names:
            options.display = False  # a first start: nobody to pick yet
        elif self.last in self.names:
            options.highlighted = self.names.index(self.last)
        else:
            options.highlighted = 0

    def action_highlight(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.names:
            options.highlighted = ((options.highlighted or 0) + step) % len(self.names)

    @on(OptionList.OptionSelected, "#learners")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    @on(Input.Submitted, "#new-learner")
    def _typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        highlighted = self.query_one(OptionList).highlighted
        if name:
            self.dismiss(name)
        elif self.names and highlighted is not None:
            self.dismiss(self.names[highlighted])


class CourseScreen(Screen[Path]):
    """Pick a course by its title; or, with `e`, edit the highlighted course's bank instead of studying it."""

    AUTO_FOCUS = "#courses"
    BINDINGS = [Binding("e", "edit", "Edit the bank")]

    class Edit(TextualMessage):
        def __init__(self, folder: Path) -> None:
            super().__init__()
            self.folder = folder

    def __init__(self, courses: list[tuple[Path, str]]) -> None:
        super().__init__()
        self.courses = courses

    def compose(self) -> ComposeResult:
        yield Static("Which course?", classes="title")
        yield OptionList(*[Option(Content(title)) for _, title in self.courses], id="courses")
        yield Footer()

    @on(OptionList.OptionSelected, "#courses")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.courses[event.option_index][0])

    def action_edit(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.post_message(self.Edit(self.courses[highlighted][0]))


class StudyScreen(Screen[None]):
    """The chat: the tutor's turns and the learner's, an answer pad, and a line to type in.

    It only renders replies and forwards input: the study thread (`Session`) does the rest. It is
    shown at once, empty, while the study thread loads the course; the input line has the focus
    from start to end, so no key is ever lost between widgets, and an Enter pressed before the
    first question is shown is handled once it is.
    """

    AUTO_FOCUS = "#entry"
    BINDINGS = [
        Binding("ctrl+q", "app.quit_study", "Quit", priority=True),
        Binding("f1", "hint", "Hint"),
        Binding("f2", "undo", "Undo"),
        Binding("f3", "help", "Help"),
        Binding("f4", "statistics", "Stats"),
        Binding("f5", "settings", "Settings"),
        Binding("f6", "claim", "I was right", show=False),
        Binding("up", "pad_cursor(-1)", "Up", show=False),
        Binding("down", "pad_cursor(1)", "Down", show=False),
        Binding("shift+up,ctrl+up", "pad_move(-1)", "Up"),
        Binding("shift+down,ctrl+down", "pad_move(1)", "Down"),
        Binding("pageup", "scroll_chat(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_chat(1)", "Scroll down", show=False),
    ]

    def __init__(self, session: Session, resumed: Kept | None = None) -> None:
        super().__init__()
        self.session = session
        self._resumed = resumed  # the first turns the last session's end kept: shown until the first reply
        self._resumed_turns: list[ChatMessage] = []
        self.phase: Phase | None = None  # as of the last reply shown
        self._footer_keys = (False, False)  # the pad keys the footer shows: none, as it is composed
        self.status: Status | None = None
        self._status_line: str | None = None
        self._due_timer: Timer | None = None
        self._echoes: list[ChatMessage] = []  # the learner's lines waiting to be shown with the reply
        self._echo_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        pad = AnswerPad()
        yield Static("", id="status", markup=False)
        yield VerticalScroll(id="chat")
        yield pad
        yield EntryLine(pad, placeholder=_LOADING, id="entry", max_length=MAX_LINE)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#chat").anchor()
        self.query_one(AnswerPad).clear()
        if self._resumed is not None:
            self.show(self._resumed.messages, self._resumed.status, resumed=True)

    def show(self, messages: list[Message], status: Status, resumed: bool = False) -> None:
        """Show the study thread's reply; `resumed`: the last session's end kept these turns for this start, and
        they stand until the first reply, which takes their place (the pad answers no key meanwhile)."""
        pad = self.query_one(AnswerPad)
        self.phase = status.phase
        turns = [ChatMessage(message_content(m), "tutor", m.kind + _verdict_class(m)) for m in messages]
        for message in messages:
            if message.kind == "question":
                pad.show(message, held=resumed)
        if self._resumed_turns and not resumed:
            self.query_one("#chat", VerticalScroll).remove_children(self._resumed_turns)
            self._resumed_turns = []
        self._add(self._take_echoes() + turns)
        if resumed:
            self._resumed_turns = turns
        if status.phase is Phase.FEEDBACK:
            pad.show_rating(status.rating or 3, status.verdict or "", status.claimable)
        elif status.phase is not Phase.ASKING:
            pad.clear()
        pad.waiting = False
        keys = (pad.does("cursor"), pad.does("move"))
        if keys != self._footer_keys:  # the footer is remade on a refresh: a frame's work, so only on a change
            self._footer_keys = keys
            self.refresh_bindings()
        self.status = status
        self._paint_status()
        self._watch_for_due(status)
        if any(m.kind == "help" for m in messages):
            self.app.push_screen(HelpScreen())
        entry = self.query_one("#entry", EntryLine)
        entry.placeholder = "Saved. Press Enter (or ctrl+q) to leave." if status.phase is Phase.DONE else _PLACEHOLDER
        if not entry.ready and not resumed:  # the first reply: what was typed while the course loaded now counts
            entry.ready = True
            self.call_after_refresh(self.session.begin)
            self.call_after_refresh(entry.release)
            self.call_after_refresh(startup.settled)  # the first question is painted: start-up is over

    def on_resize(self) -> None:
        self._paint_status()

    def _paint_status(self) -> None:
        line = status_line(self.status, self.size.width - 2) if self.status is not None else None
        if line is not None and line != self._status_line:  # an unchanged line costs no layout
            self._status_line = line
            self.query_one("#status", Static).update(Content(line))

    def _watch_for_due(self, status: Status) -> None:
        """With nothing due, look again when the next card comes due (a learning step of a few minutes)."""
        if self._due_timer is not None:
            self._due_timer.stop()
            self._due_timer = None
        wait = status.due_in_s
        # Not when it is due already: then a daily limit holds it back, and looking again would not help.
        if status.phase is Phase.IDLE and wait is not None and 0 < wait < _WATCH_AHEAD_S:
            self._due_timer = self.set_timer(wait + 0.5, lambda: self.session.say(""))

    def _echo(self, text: str) -> None:
        """The learner's line, shown with the reply in one frame, or on its own if the reply is slow."""
        self._echoes.append(ChatMessage(Content(text), "learner"))
        if self._echo_timer is None:
            self._echo_timer = self.set_timer(_ECHO_WAIT_S, lambda: self._add(self._take_echoes()))

    def _take_echoes(self) -> list[ChatMessage]:
        if self._echo_timer is not None:
            self._echo_timer.stop()
            self._echo_timer = None
        echoes, self._echoes = self._echoes, []
        return echoes

    def _add(self, turns: list[ChatMessage]) -> None:
        """New turns at the bottom, in one layout pass; the oldest go once there are too many to lay out fast."""
        if not turns:
            return
        chat = self.query_one("#chat", VerticalScroll)
        chat.mount_all(turns)
        if len(chat.children) > KEPT_TURNS:
            # As many go as came, with the layout that places the new ones: removing twenty at once every
            # few answers made those answers' feedback take 100-150 ms instead of about 40.
            chat.remove_children(list(chat.children[: len(chat.children) - KEPT_TURNS]))
        self._follow()

    def _follow(self) -> None:
        """Bring the newest turn into view in the frame that lays it out, even if the learner had scrolled away.

        Scrolling to the end anchors the chat again, and the anchored chat's layout ends at the newest turn. Being
        at the end is not enough: a PageDown pressed there releases the anchor without moving.
        """
        self.query_one("#chat", VerticalScroll).scroll_end(animate=False, immediate=True)

    @on(Input.Submitted, "#entry")
    def _typed(self, event: Input.Submitted) -> None:
        if self.phase is Phase.DONE:
            self.app.exit()
            return
        text = event.value
        if not text.strip() and self.query_one(AnswerPad).enter():
            return
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something for the current question show in the footer."""
        if action in ("pad_cursor", "pad_move"):
            return self.query_one(AnswerPad).does(action.removeprefix("pad_"))
        return True

    def action_pad_cursor(self, step: int) -> None:
        self.query_one(AnswerPad).cursor(step)

    def action_pad_move(self, step: int) -> None:
        self.query_one(AnswerPad).move(step)

    def action_scroll_chat(self, pages: int) -> None:
        chat = self.query_one("#chat", VerticalScroll)
        chat.scroll_page_up() if pages < 0 else chat.scroll_page_down()

    def action_hint(self) -> None:
        self.session.say("hint")

    def action_undo(self) -> None:
        self.session.say("undo")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_claim(self) -> None:
        self.session.say("I was right")

    def action_settings(self) -> None:
        self.session.settings(self)

    @on(SettingsReady)
    def _settings_ready(self, event: SettingsReady) -> None:
        from tutor.tui.settings import SettingsScreen  # loads when first asked for: not on the way to the first frame

        self.session.replied()

        def chosen(settings: StudySettings | None) -> None:
            if settings is not None:
                self.session.save_settings(settings)

        self.app.push_screen(SettingsScreen(event.settings, event.topics), chosen)

    def action_statistics(self) -> None:
        from tutor.tui.stats import StatsScreen  # plotext loads when statistics are first asked for

        self.app.push_screen(StatsScreen(self.session), self._study_now)

    def _study_now(self, question_id: str | None) -> None:
        """Back from the statistics: ask the question picked among the hardest, if one was."""
        if question_id is not None:
            self.session.pose(question_id)


class HelpScreen(ModalScreen[None]):
    """Every command and key of the chat; any key closes it."""

    BINDINGS = [Binding("escape,enter,q,f3", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        yield Static(Content(HELP), id="help")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss()


# Nothing due, the next card due within this: the chat looks again when it comes due.
_WATCH_AHEAD_S = 3600.0


def status_line(status: Status, width: int) -> str:
    """Learner, course and today's figures on one line of `width`: the title gives way first."""
    streak = f" · streak {status.streak}" if status.streak else ""
    figures = f"due {status.due} · new {status.new} · done today {status.done_today}{streak}"
    who = f"{status.learner} · "
    room = width - len(who) - len(figures) - 3
    title = status.title if len(status.title) <= room else status.title[: max(0, room - 1)].rstrip() + "…"
    if room < 4:  # a very narrow terminal: the figures, then as much of the learner as fits
        return (f"{figures}  {status.learner}")[:width]
    return f"{who}{title}   {figures}"


_PLACEHOLDER = "Type your answer, 'hint', 'skip', 'undo', '?question' or 'quit'"
# Until the first question is shown: what is typed stays on the line, and Enter waits for the question.
_LOADING = "Loading the course… type ahead: Enter waits for the first question"


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
