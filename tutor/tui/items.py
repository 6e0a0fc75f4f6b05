"""The items screen (`tutor class items CLASS.db --screen`): how each question worked for a class.

A table of the course's question revisions (attempts, facility, sd, discrimination, flags), the
flagged ones first; Enter opens a question's detail: its prompt, how often each option was
picked, the typed answers refused most often and how often learners said "I was right". The
analysis runs in a worker thread with its own connection; course text is shown, never read as
markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from content.course import Course
from progress.classes.items import Item

# What each flag means, for the detail screen.
FLAGS = {
    "too-easy": "almost everyone gets it right: it tells learners apart little",
    "too-hard": "almost nobody gets it right: check the question and its answer",
    "negative-discrimination": "those who do well elsewhere do worse here: check the key",
    "unpicked-distractor": "a wrong option nobody picks: replace it with a likelier one",
    "overridden-refusal": "a refused answer learners often say was right: accept it?",
}
# The flags as the table shows them, short enough for 80 columns.
SHORT = {"too-easy": "easy", "too-hard": "hard", "negative-discrimination": "neg-discr",
         "unpicked-distractor": "unpicked", "overridden-refusal": "overridden"}
# The table's columns and their widths: 77 cells with padding and the scrollbar at 80 columns.
COLUMNS = (("question", 30), ("n", 5), ("facil", 5), ("sd", 4), ("discr", 5), ("flags", 16))
# How the table may be sorted (the key `s` goes round them), each with its key function.
SORTS = {
    "flagged first": lambda i: (not i.flags, i.question_id),
    "hardest first": lambda i: (i.facility, i.question_id),
    "least discriminating first": lambda i: (i.discrimination if i.discrimination is not None else 2, i.question_id),
    "most attempts first": lambda i: (-i.attempts, i.question_id),
}


class Analysed(Message):
    """The item analysis, or why it could not be made."""

    def __init__(self, items: list[Item] | None, error: str | None = None) -> None:
        super().__init__()
        self.items, self.error = items, error


def figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


class ItemsScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "detail", "Detail"),
        Binding("s", "sort", "Sort"),
        Binding("f", "flagged", "Flagged only"),
        Binding("q,escape", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    ItemsScreen #items-head { height: auto; padding: 0 1; background: $boost; }
    ItemsScreen DataTable { height: 1fr; }
    """

    def __init__(self, course: Course, basis: str) -> None:
        super().__init__()
        self.course, self.basis = course, basis
        self.items: list[Item] = []
        self.sort = next(iter(SORTS))
        self.flagged_only = False

    def compose(self) -> ComposeResult:
        yield Static(Content(f"{self.course.title}: analysing the class's answers…"), id="items-head")
        table: DataTable[object] = DataTable(id="items", cursor_type="row", zebra_stripes=True)
        # Fixed widths: a DataTable sizes its columns to their cells only on a later refresh,
        # so a screenshot (or a learner) could see the headers' widths with the figures cut.
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        yield table
        yield Footer()

    def show(self, items: list[Item]) -> None:
        self.items = items
        self._fill()

    def _shown(self) -> list[Item]:
        chosen = [i for i in self.items if i.flags] if self.flagged_only else list(self.items)
        return sorted(chosen, key=SORTS[self.sort])

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for n, item in enumerate(self._shown()):
            name = item.question_id if item.current else f"{item.question_id} (old)"
            flags = " ".join(SHORT.get(flag, flag) for flag in item.flags)
            table.add_row(Text(name, overflow="ellipsis", no_wrap=True), item.attempts, figure(item.facility),
                          figure(item.sd), figure(item.discrimination), Text(flags, style="bold" if flags else ""),
                          key=str(n))
        flagged = sum(bool(i.flags) for i in self.items)
        shown = "flagged only" if self.flagged_only else "all"
        self.query_one("#items-head", Static).update(Content.assemble(
            (self.course.title, "bold"),
            f"\n{len(self.items)} question revision(s) over {self.basis}, {flagged} flagged · "
            f"{shown}, {self.sort} · Enter: a question's detail"))

    def action_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._fill()

    def action_flagged(self) -> None:
        self.flagged_only = not self.flagged_only
        self._fill()

    def action_detail(self) -> None:
        shown = self._shown()
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(shown):
            self.app.push_screen(ItemScreen(self.course, shown[row]))

    @on(DataTable.RowSelected)
    def _selected(self, _: DataTable.RowSelected) -> None:
        self.action_detail()


class ItemScreen(Screen[None]):
    """One question revision: its figures, options picked, refusals, flags explained."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]
    DEFAULT_CSS = "ItemScreen #item { padding: 0 1; height: 1fr; overflow-y: auto; }"

    def __init__(self, course: Course, item: Item) -> None:
        super().__init__()
        self.course, self.item = course, item

    def compose(self) -> ComposeResult:
        yield Static(self._content(), id="item")
        yield Footer()

    def _content(self) -> Content:
        i = self.item
        try:
            prompt = self.course.bank.question(i.question_id).shown_prompt()
        except KeyError:
            prompt = "(no longer in the course)"
        parts: list[str | tuple[str, str]] = [
            (i.question_id, "bold"), "" if i.current else "  (an earlier wording)", "\n", prompt, "\n\n",
            f"attempts {i.attempts} · facility {figure(i.facility)} · sd {figure(i.sd)} · "
            f"discrimination {figure(i.discrimination)} · efficiency {figure(i.efficiency)} · "
            f"'I was right' {i.overrides}\n",
        ]
        if i.options:
            picks = sum(o.picked for o in i.options) or 1
            parts.append(("\nOptions picked\n", "bold"))
            for o in i.options:
                parts += [f"  {'✓' if o.correct else ' '} {100 * o.picked / picks:3.0f}%  ", o.text, "\n"]
        if i.refusals:
            parts.append(("\nTyped answers refused most often\n", "bold"))
            for r in i.refusals:
                said = f"  ({r.overridden} said 'I was right')" if r.overridden else ""
                parts += [f"  {r.count:4d} × ", r.response, said, "\n"]
        if i.flags:
            parts.append(("\nFlags\n", "bold"))
            for flag in i.flags:
                parts += [(f"  {flag}", "bold"), f": {FLAGS.get(flag, '')}\n"]
        return Content.assemble(*parts)


class ItemsApp(App[None]):
    TITLE = "Tutor: item analysis"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, db: Path, course: Course, *, first_only: bool = True, min_attempts: int = 10) -> None:
        super().__init__()
        self.db, self.course, self.first_only, self.min_attempts = db, course, first_only, min_attempts
        self.error: str | None = None

    def on_mount(self) -> None:
        self.push_screen(ItemsScreen(self.course, "first attempts" if self.first_only else "all attempts"))
        self._analyse()

    @work(thread=True, exclusive=True, group="items")
    def _analyse(self) -> None:
        from progress.classes.classdb import open_class
        from progress.classes.items import item_analysis
        from progress.store import StoreError

        try:
            with open_class(self.db) as store:
                items = item_analysis(store.conn, self.course.id, {q.id: q for q in self.course.bank.questions},
                                      first_only=self.first_only, min_attempts=self.min_attempts)
        except StoreError as error:
            self.post_message(Analysed(None, str(error)))
            return
        self.post_message(Analysed(items))

    @on(Analysed)
    def _analysed(self, event: Analysed) -> None:
        if event.items is None:
            self.error = event.error
            self.exit()
            return
        screen = self.screen
        if isinstance(screen, ItemsScreen):
            screen.show(event.items)
