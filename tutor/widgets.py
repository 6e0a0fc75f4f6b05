"""Widgets of the study chat. Course text and learner input are shown literally, never as markup."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message as TextualMessage
from textual.widgets import Static

from content.questions import Choice, Multi, Order, Pairs, TrueFalse
from tutor.engine import Message

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
    """Keyboard answers for the picking types: number keys, toggles, moving items, pairing."""

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
        self.question: object = None
        self.options: list[str] = []
        self.picked: set[int] = set()
        self.cursor = 0
        self.pairs: dict[int, int] = {}
        self.left: int | None = None
        self.rating: int | None = None  # set while feedback is shown: the pad then takes 1-4

    def show_rating(self, rating: int) -> None:
        self.question, self.options, self.rating = None, [], rating
        self.display = True
        self.refresh_bindings()
        self._paint()

    def show(self, question: object, options: tuple[str, ...]) -> None:
        self.rating = None
        self.question, self.options = question, list(options)
        self.picked, self.cursor, self.pairs, self.left = set(), 0, {}, None
        self.display = isinstance(question, (Choice, Multi, TrueFalse, Order, Pairs))
        self.refresh_bindings()
        self._paint()

    def clear(self) -> None:
        self.question, self.options, self.rating = None, [], None
        self.display = False

    @property
    def usage(self) -> str:
        q = self.question
        if isinstance(q, Choice):
            return "Press the option's number."
        if isinstance(q, Multi):
            return "Number keys toggle options; Enter answers."
        if isinstance(q, TrueFalse):
            return "Press t (true) or f (false)."
        if isinstance(q, Order):
            return "↑/↓ choose an item, u/d (or shift+↑/↓) move it; Enter answers."
        if isinstance(q, Pairs):
            return "Press an item's number, then the letter it goes with; Enter answers."
        return ""

    def _paint(self) -> None:
        q = self.question
        lines: list[Content | str | tuple[str, str]] = []
        if self.rating is not None:
            names = ("Again", "Hard", "Good", "Easy")
            parts: list[str | tuple[str, str]] = []
            for n, name in enumerate(names, 1):
                parts += [(f" {n} ", "reverse bold" if n == self.rating else "bold"), f" {name}  "]
            lines.append(Content.assemble(*parts))
            lines.append(Content("1-4 change the rating · Enter: next question · or type a command").stylize("dim"))
        if isinstance(q, (Choice, Multi)):
            for n, option in enumerate(self.options, 1):
                box = ("[x] " if n - 1 in self.picked else "[ ] ") if isinstance(q, Multi) else ""
                lines.append(Content.assemble((f"{n}. {box}", "bold"), option))
        elif isinstance(q, TrueFalse):
            lines.append(Content.assemble(("t", "bold"), " true    ", ("f", "bold"), " false"))
        elif isinstance(q, Order):
            for n, item in enumerate(self.options):
                pointer = "▶ " if n == self.cursor else "  "
                line = Content.assemble((f"{pointer}{n + 1}. ", "bold"), item)
                lines.append(line.stylize("reverse") if n == self.cursor else line)
        elif isinstance(q, Pairs):
            lefts = list(q.pairs)
            for n, left in enumerate(lefts):
                chosen = self.pairs.get(n)
                arrow = f" → {chr(97 + chosen)}. {self.options[chosen]}" if chosen is not None else " → ?"
                line = Content.assemble((f"{n + 1}. ", "bold"), left, (arrow, "italic"))
                lines.append(line.stylize("reverse") if n == self.left else line)
            lines.append("")
            for n, right in enumerate(self.options):
                lines.append(Content.assemble((f"{chr(97 + n)}. ", "bold"), right))
        lines.append(Content(self.usage).stylize("dim"))
        self.update(Content("\n").join(Content.assemble(line) if not isinstance(line, Content) else line for line in lines))

    def on_key(self, event) -> None:  # noqa: ANN001 - textual's events.Key
        q, key = self.question, event.character or ""
        handled = True
        if self.rating is not None and key in ("1", "2", "3", "4"):
            self.rating = int(key)
            self._paint()
            self.post_message(self.Rated(int(key)))
        elif self.rating is not None and event.key == "enter":
            self.post_message(self.Next())
        elif isinstance(q, Choice) and key.isdigit() and 1 <= int(key) <= len(self.options):
            self.post_message(self.Answered(self.options[int(key) - 1]))
        elif isinstance(q, Multi) and key.isdigit() and 1 <= int(key) <= len(self.options):
            self.picked ^= {int(key) - 1}
            self._paint()
        elif isinstance(q, TrueFalse) and key.lower() in ("t", "f"):
            self.post_message(self.Answered(key.lower() == "t"))
        elif isinstance(q, Pairs) and key.isdigit() and 1 <= int(key) <= len(q.pairs):
            self.left = int(key) - 1
            self._paint()
        elif isinstance(q, Pairs) and key.isalpha() and len(key) == 1 and self.left is not None \
                and 0 <= ord(key.lower()) - 97 < len(self.options):
            self.pairs[self.left] = ord(key.lower()) - 97
            self.left = next((n for n in range(len(q.pairs)) if n not in self.pairs), None)
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
        q = self.question
        if action in ("move", "cursor"):
            return isinstance(q, Order)
        if action == "submit":
            return isinstance(q, (Multi, Order, Pairs))
        return True

    def _uses(self, key: str) -> bool:
        """Keys bound to this pad's actions for the current type (not typing)."""
        return key in ("u", "d") and isinstance(self.question, Order)

    def action_cursor(self, step: int) -> None:
        if self.options:
            self.cursor = (self.cursor + step) % len(self.options)
            self._paint()

    def action_move(self, step: int) -> None:
        if isinstance(self.question, Order):
            target = self.cursor + step
            if 0 <= target < len(self.options):
                self.options[self.cursor], self.options[target] = self.options[target], self.options[self.cursor]
                self.cursor = target
                self._paint()

    def action_submit(self) -> None:
        q = self.question
        if isinstance(q, Multi):
            self.post_message(self.Answered([self.options[i] for i in sorted(self.picked)]))
        elif isinstance(q, Order):
            self.post_message(self.Answered(list(self.options)))
        elif isinstance(q, Pairs):
            lefts = list(q.pairs)
            self.post_message(self.Answered({lefts[a]: self.options[b] for a, b in self.pairs.items()}))
