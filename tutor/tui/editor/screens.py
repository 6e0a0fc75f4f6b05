"""The editor's two screens: the question list, and one question's form (or YAML) with the material.

The list screen owns the bank as edited (`EditedBank`) and every worker: loading, the checks, saving and
the autosave run on threads that post messages; the handlers here make every change of state.

Over 400 lines because the two screens are one state machine: the question screen edits the list
screen's bank and hears its checks, and every change of state happens in one of these handlers;
the widgets, dialogs, messages and the model they drive live in modules of their own.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static, TextArea

from content.editing.checks import Check, Checker
from content.editing.model import EditedBank, Entry, Step
from content.editing.quotes import Spot
from content.editing.search import QUERY_HELP, haystack, matches, parse_query
from content.editing.fields import models
from tutor.tui.editor.dialogs import Confirm, Keys, Problems, TryIt, TypePicker
from tutor.tui.editor.form import Area, Form, Issues, Line
from tutor.tui.editor.material import MaterialPane
from tutor.tui.editor.messages import Checked, Loaded, LoadFailed, SaveRefused, Saved

# More questions than this waiting for a check: check the whole bank at once instead.
CHECK_ALL_FROM = 200

LIST_KEYS = f"""The question list
  ↑/↓ pageup/pagedown   move in the list         Enter       edit the question
  /                     search and filter        Escape      clear the marks, then the search
  a                     add a question (pick its type)
  d                     duplicate                x, delete   delete (asks first)
  shift+↑/↓, alt+↑/↓    move up or down          space       mark (or unmark) for bulk actions
  ctrl+a                mark every shown one     y           accept drafts (marked, else highlighted)
  r                     reject drafts (deletes them, asks first)
  ctrl+z / ctrl+y       undo / redo              ctrl+s      save (only a bank that validates)
  ctrl+q                leave (asks when there are unsaved changes)   F1  these keys

Search: {QUERY_HELP}
  e.g.  status:draft has:problems      type:cloze topic:leaders      -has:none ghali

A question's form
  Tab / shift+Tab       next / previous field    Escape      back to the list
  F2                    the question as YAML, or back to the form
  F3                    the material, the quotes marked (or the nearest passage)
  F4                    try it: answer as a learner and see the verdict
  ctrl+n / ctrl+r       add / remove an item (blanks, items, pairs)
  alt+↑ / alt+↓         move the item up / down  ctrl+pageup/pagedown  previous / next question
  ctrl+z / ctrl+y       undo / redo              ctrl+s      save
  In a box of lines (options, accept, source, topics) each line is one item.
"""


class EditorScreen(Screen[None]):
    """The list of a bank's questions, filtered by a query; the bank as edited and every worker live here."""

    CSS_PATH = "editor.tcss"
    AUTO_FOCUS = "#questions"
    AUTOSAVE_DELAY = 0.5  # seconds after the last change
    BINDINGS = [
        Binding("ctrl+q", "leave", "Leave"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", priority=True, show=False),
        Binding("slash", "search", "Search"),
        Binding("a", "add", "Add"),
        Binding("d", "duplicate", "Dup", show=False),
        Binding("x,delete", "delete", "Delete"),
        Binding("y", "accept", "Accept"),
        Binding("r", "reject", "Reject", show=False),
        Binding("space", "mark", "Mark", show=False),
        Binding("ctrl+a", "mark_all", "Mark all", show=False),
        Binding("shift+up,alt+up", "move(-1)", "Move up", show=False),
        Binding("shift+down,alt+down", "move(1)", "Move down", show=False),
        Binding("escape", "clear", "Clear", show=False),
        Binding("f1", "keys", "Keys"),
    ]

    def __init__(self, bank: Path) -> None:
        super().__init__()
        self.path = bank
        self.model: EditedBank | None = None
        self.checker: Checker | None = None
        self.checks: dict[Entry, Check] = {}
        self.spots: dict[Entry, list[Spot | None]] = {}
        self.marked: set[int] = set()
        self.shown_keys: list[int] = []  # keys of the rows shown, in order
        self.note = ""
        self.generation = 0  # counts the changes: an autosave older than the last save is not written
        self._haystacks: dict[Entry, str] = {}
        self._template: Any = None  # the YAML tree of the file as last read or saved
        self._checking: set[Entry] = set()  # entries a check is running for
        self._saving = False
        self._disk = threading.Lock()
        self._saved_generation = -1
        self._autosave_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="head", markup=False)
        yield Line(placeholder="/ to search: words, type:…, topic:…, status:draft, has:problems", id="search",
                    compact=True)
        yield DataTable(id="questions", cursor_type="row")
        yield Static("", id="note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("", "mark", 1), ("type", "type", 9), ("id", "id", 30), ("status", "status", 6),
                                  ("topics", "topics", 12), ("lint", "lint", 5)):
            table.add_column(label, key=key, width=width)
        self._load()

    # -- workers -------------------------------------------------------------------------

    @work(thread=True, group="load")
    def _load(self) -> None:
        from content.bank import BankError
        from content.editing.autosave import read_autosave, remove_autosave
        from content.material import Material

        try:
            model = EditedBank.load(self.path)
        except BankError as e:
            self.post_message(LoadFailed([str(p) for p in e.problems]))
            return
        material, problem = None, None
        try:
            material = Material.from_file(model.material)
        except (OSError, UnicodeDecodeError) as e:
            problem = f"material file {model.material} cannot be read ({e}): quotes are not checked"
        autosaved = read_autosave(self.path)
        if autosaved is not None and [d for _, d in autosaved.questions] == [e.data for e in model.entries]:
            remove_autosave(self.path)  # nothing in it that the file does not hold
            autosaved = None
        self.post_message(Loaded(model, Checker(self.path, material), autosaved, problem))

    @work(thread=True, group="check")
    def _check(self, entries: tuple[Entry, ...], peers: dict[Entry, list[Entry]] | None,
               spots_for: Entry | None) -> None:
        """Check the entries: all at once when `peers` is None, else each with the others of its id."""
        from content.editing.quotes import quotes_of, spots

        assert self.checker is not None
        if peers is None:
            checks = self.checker.many(entries)
        else:
            checks = {entry: self.checker.one(entry, peers.get(entry, [])) for entry in entries}
        found = {}
        if spots_for is not None and spots_for in checks and self.checker.material is not None:
            found[spots_for] = spots(self.checker.material, quotes_of(checks[spots_for].question, spots_for.data))
        self.post_message(Checked(checks, found, peers is None))

    @work(thread=True, group="save")
    def _save(self, entries: tuple[Entry, ...], origins: dict[int, int], head: dict[str, Any], source: str,
              template: Any, generation: int, then_leave: bool) -> None:
        from content.editing.autosave import remove_autosave
        from content.editing.save import NotSaved, save_bank, template_of

        assert self.checker is not None
        with self._disk:
            tree = template if template is not None else template_of(self.path, source)
            try:
                written = save_bank(self.path, head, entries, origins, tree, self.checker)
            except NotSaved as e:
                self.post_message(SaveRefused(e.problems, then_leave, tree))
                return
            except OSError as e:
                self.post_message(SaveRefused([f"{self.path}: cannot write the bank file: {e}"], then_leave, tree))
                return
            self._saved_generation = generation
            remove_autosave(self.path)
        self.post_message(Saved(written, generation))
        if then_leave:
            self.app.call_from_thread(self.dismiss)

    @work(thread=True, group="autosave")
    def _autosave(self, questions: list[tuple[int | None, dict[str, Any]]] | None, base: str, generation: int) -> None:
        from content.editing.autosave import autosave_state, remove_autosave, write_autosave

        text = autosave_state(self.path, base, questions) if questions is not None else None
        with self._disk:
            if generation <= self._saved_generation:
                return
            try:
                if text is None:
                    remove_autosave(self.path)
                else:
                    write_autosave(self.path, text)
            except OSError as e:
                self.app.call_from_thread(self._say, f"autosave failed: {e}")

    # -- what the workers found ----------------------------------------------------------

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.model, self.checker = event.model, event.checker
        self.refresh_bindings()
        self._fill()
        self._paint_head()
        if event.material_problem:
            self._say(event.material_problem)
        self._check_stale()
        saved = event.autosaved
        if saved is not None:
            changed = "" if saved.base == self.model.digest else (
                "\nThe bank file has changed since: restoring puts the autosaved questions in place of its own.")
            self.app.push_screen(Confirm(
                f"Unsaved edits of {self.path.name} were kept at {saved.written} ({len(saved.questions)} questions)."
                f"{changed}\nRestore them?", [("r", "restore"), ("d", "discard")]), self._restore)

    def _restore(self, answer: str | None) -> None:
        from content.editing.autosave import read_autosave, remove_autosave

        saved = read_autosave(self.path)
        if answer == "r" and saved is not None and self.model is not None:
            if saved.base != self.model.digest:
                self.model.origins = {}  # its places count another text's questions
            self.model.restore(saved.questions)
            self._changed(None)
            self._say("Restored the autosaved edits (ctrl+z takes them back).")
        elif answer == "d":
            remove_autosave(self.path)
            self._say("Discarded the autosaved edits.")

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        self.query_one("#head", Static).update(Content(f"Cannot edit {self.path}"))
        self.app.push_screen(Problems(f"{self.path} cannot be edited: fix it in a text editor first",
                                      event.problems), lambda _: self.dismiss())

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self.checks.update(event.checks)
        self.spots.update(event.spots)
        self._checking.difference_update(event.checks)
        if self.model is None:
            return
        current = [e for e in event.checks if e.key in self.model and self.model.entry(e.key) is e]
        for entry in current:
            self._paint_row(entry)
        self._paint_head()
        self._check_stale({e.key for e in current})
        screen = self.app.screen
        if isinstance(screen, QuestionScreen) and screen.owner is self:
            screen.checked(event)

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        assert self.model is not None
        self._saving = False
        self.model.was_saved(event.written.entries, event.written.source)
        self._template = event.written.tree
        self._say(f"Saved {len(event.written.entries)} questions to {self.path}.")
        self._paint_head()

    @on(SaveRefused)
    def _save_refused(self, event: SaveRefused) -> None:
        self._saving = False
        self._template = event.template
        self._say(f"Not saved: {len(event.problems)} problem(s).")
        self.app.push_screen(Problems("Not saved: the bank does not validate", event.problems))

    # -- changes -------------------------------------------------------------------------

    def edit_field(self, key: int, name: str, value: Any) -> Entry:
        assert self.model is not None
        before = self.model.entry(key)
        entry = self.model.set_field(key, name, value)
        if entry is not before:
            self._edited(entry, before)
        return entry

    def replace(self, key: int, data: dict[str, Any]) -> Entry:
        assert self.model is not None
        before = self.model.entry(key)
        entry = self.model.replace(key, data)
        if entry is not before:
            self._edited(entry, before)
        return entry

    def _edited(self, entry: Entry, before: Entry) -> None:
        """One question changed: its row, its checks (and those of the questions sharing its ids), autosave."""
        self.generation += 1
        self._paint_row(entry)
        self._paint_head()
        ids = {entry.id, before.id}
        self._check_stale({entry.key} | {e.key for e in self._entries_with(ids)}, spots_for=entry)
        self._autosave_soon()

    def _changed(self, focus: int | None) -> None:
        """The list changed (questions added, removed, moved, or undo): show it again and check what is new."""
        self.generation += 1
        self.marked &= {e.key for e in self.model.entries} if self.model else set()
        self._fill(focus)
        self._paint_head()
        self._check_stale()
        self._autosave_soon()

    def undo(self, again: bool = False) -> Step | None:
        assert self.model is not None
        step = self.model.redo() if again else self.model.undo()
        if step is None:
            self._say("Nothing to redo." if again else "Nothing to undo.")
            return None
        self._changed(step.focus)
        self._say(f"{'Redid' if again else 'Undid'}: {step.label}.")
        return step

    def _entries_with(self, ids: set[str]) -> list[Entry]:
        assert self.model is not None
        ids.discard("")
        return [e for e in self.model.entries if e.id in ids] if ids else []

    def current_check(self, entry: Entry) -> Check | None:
        return self.checks.get(entry)

    def _check_stale(self, keys: set[int] | None = None, spots_for: Entry | None = None) -> None:
        """Check the questions (all, or those of `keys`) whose check is missing or was made among other ids."""
        assert self.model is not None
        by_id: dict[str, list[Entry]] = {}
        for e in self.model.entries:
            by_id.setdefault(e.id, []).append(e)
        candidates = self.model.entries if keys is None else [self.model.entry(k) for k in keys if k in self.model]
        stale, peers = [], {}
        for entry in candidates:
            if entry in self._checking:
                continue
            others = [p for p in by_id.get(entry.id, []) if p is not entry] if entry.id else []
            check = self.checks.get(entry)
            valid_peers = sum(1 for p in others if (c := self.checks.get(p)) is not None and c.question is not None)
            if check is None or (check.question is not None and check.peers != valid_peers):
                stale.append(entry)
                peers[entry] = others
        if spots_for is not None and spots_for not in stale and spots_for not in self._checking:
            stale.append(spots_for)
            peers[spots_for] = [p for p in by_id.get(spots_for.id, []) if p is not spots_for]
        if not stale:
            return
        self._checking.update(stale)
        if len(stale) >= CHECK_ALL_FROM:
            self._check(tuple(self.model.entries), None, None)
            self._checking.update(self.model.entries)
        else:
            self._check(tuple(stale), peers, spots_for)

    def _autosave_soon(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.AUTOSAVE_DELAY, self.autosave_now)

    def autosave_now(self) -> None:
        self._autosave_timer = None
        if self.model is None:
            return
        m = self.model
        questions = [(m.origins.get(e.key), e.data) for e in m.entries] if m.modified else None
        self._autosave(questions, m.digest, self.generation)

    # -- the list ------------------------------------------------------------------------

    def _fill(self, focus: int | None = None) -> None:
        """Show the questions the query lets through, the cursor on `focus` (else where it was)."""
        if self.model is None:
            return
        table = self.query_one(DataTable)
        at = focus if focus is not None else self.highlighted()
        row = table.cursor_row
        query = parse_query(self.query_one("#search", Input).value)
        shown = []
        for entry in self.model.entries:
            if query.empty or matches(query, entry, self.checks.get(entry), self._haystack(entry)):
                shown.append(entry)
        self.shown_keys = [e.key for e in shown]
        table.clear()
        for entry in shown:
            table.add_row(*self._cells(entry), key=str(entry.key))
        if at is not None and at in self.shown_keys:
            table.move_cursor(row=self.shown_keys.index(at), animate=False)
        elif self.shown_keys:
            table.move_cursor(row=min(row, len(self.shown_keys) - 1), animate=False)
        if query.problems:
            self._say("; ".join(query.problems))

    def _haystack(self, entry: Entry) -> str:
        text = self._haystacks.get(entry)
        if text is None:
            text = self._haystacks[entry] = haystack(entry)
        return text

    def _cells(self, entry: Entry) -> list[Text]:
        check = self.checks.get(entry)
        if check is None:
            lint = Text("…", style="dim")
        elif check.errors:
            lint = Text(f"✗ {check.errors}", style="bold red")
        elif check.warnings:
            lint = Text(f"! {check.warnings}", style="yellow")
        else:
            lint = Text("✓", style="green")
        return [Text("●" if entry.key in self.marked else " ", style="bold"),
                Text(entry.type or "?", no_wrap=True, overflow="ellipsis"),
                Text(entry.id or "(no id)", no_wrap=True, overflow="ellipsis"),
                Text("draft" if entry.draft else "", style="italic"),
                Text(", ".join(entry.topics), no_wrap=True, overflow="ellipsis"),
                lint]

    def _paint_row(self, entry: Entry) -> None:
        table = self.query_one(DataTable)
        key = str(entry.key)
        if key not in table.rows:
            return
        for column, cell in zip(("mark", "type", "id", "status", "topics", "lint"), self._cells(entry)):
            table.update_cell(key, column, cell)

    def _paint_head(self) -> None:
        if self.model is None:
            return
        m = self.model
        checks = [self.checks.get(e) for e in m.entries]
        errors = sum(c.errors for c in checks if c is not None)
        warnings = sum(c.warnings for c in checks if c is not None)
        pending = sum(c is None for c in checks)
        state = (f"checking {pending}…" if pending else f"✗ {errors} error(s) · ! {warnings} warning(s)"
                 if errors or warnings else "no problems")
        if not pending and self.checker is not None and self.checker.material is None:
            # `bank check` fails on it: never "no problems" (a Quizlet import names a material it does not hold)
            state = f"✗ no material · {state}" if errors or warnings else "✗ no material: quotes unchecked"
        shown = f"{len(self.shown_keys)}/{len(m.entries)}"
        marked = f" · {len(self.marked)} marked" if self.marked else ""
        unsaved = " · ● unsaved" if m.modified else ""
        left = f"{m.title}"
        right = f"{shown} shown{marked} · {state}{unsaved}"
        width = max(20, self.size.width - 2)
        room = width - len(right) - 2
        if len(left) > room:
            left = left[: max(0, room - 1)] + "…"
        self.query_one("#head", Static).update(Content(f"{left}{' ' * max(1, width - len(left) - len(right))}{right}"))

    def _say(self, text: str) -> None:
        self.note = text
        self.query_one("#note", Static).update(Content(text))

    def highlighted(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.shown_keys or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key
        return int(row_key.value) if row_key.value is not None else None

    def targets(self) -> list[int]:
        """The marked questions, else the highlighted one."""
        if self.marked:
            return [k for k in self.shown_keys if k in self.marked] or sorted(self.marked)
        key = self.highlighted()
        return [key] if key is not None else []

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._fill()
        self._paint_head()

    @on(Input.Submitted, "#search")
    def _searched(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#questions")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open(int(event.row_key.value))

    def open(self, key: int) -> None:
        self.app.push_screen(QuestionScreen(self, key))

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.model is None and action not in ("leave", "keys"):
            return False
        return True

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        if self.marked:
            self.marked.clear()
            self._fill()
        elif search.value or search.has_focus:
            search.value = ""
            self.query_one(DataTable).focus()
        self._paint_head()

    def action_add(self) -> None:
        def picked(kind: str | None) -> None:
            if kind is not None and self.model is not None:
                entry = self.model.add(kind, after=self.highlighted())
                self._changed(entry.key)
                self._say(f"Added {entry.id}: fill in its fields (ctrl+z takes it back).")
                self.open(entry.key)

        self.app.push_screen(TypePicker(), picked)

    def action_duplicate(self) -> None:
        assert self.model is not None
        made = self.model.duplicate(self.targets())
        if made:
            self._changed(made[-1].key)
            self._say(f"Duplicated {len(made)}: {', '.join(e.id for e in made[:3])}{'…' if len(made) > 3 else ''}.")

    def action_delete(self) -> None:
        keys = self.targets()
        if not keys or self.model is None:
            return
        names = ", ".join(self.model.entry(k).id or "(no id)" for k in keys[:3]) + ("…" if len(keys) > 3 else "")

        def answered(answer: str | None) -> None:
            if answer == "y" and self.model is not None:
                gone = self.model.delete(keys)
                self.marked -= set(keys)
                self._changed(None)
                self._say(f"Deleted {gone} question(s) (ctrl+z brings them back).")

        self.app.push_screen(Confirm(f"Delete {len(keys)} question(s): {names}?", [("y", "delete"), ("n", "keep")]),
                             answered)

    def action_move(self, step: int) -> None:
        assert self.model is not None
        keys = self.targets()
        if keys and self.model.move(keys, step):
            self._changed(self.highlighted())

    def action_mark(self) -> None:
        key = self.highlighted()
        if key is None or self.model is None:
            return
        self.marked ^= {key}
        self._paint_row(self.model.entry(key))
        self.query_one(DataTable).action_cursor_down()
        self._paint_head()

    def action_mark_all(self) -> None:
        shown = set(self.shown_keys)
        self.marked = set() if shown <= self.marked else self.marked | shown
        self._fill()
        self._paint_head()

    def action_accept(self) -> None:
        assert self.model is not None
        keys = self.targets()
        accepted = self.model.accept(keys)
        if accepted:
            self.marked.clear()
            self._changed(self.highlighted())
        self._say(f"Accepted {accepted} draft(s)." if accepted else "No draft among them to accept.")

    def action_reject(self) -> None:
        assert self.model is not None
        drafts = [k for k in self.targets() if self.model.entry(k).draft]
        if not drafts:
            self._say("No draft among them to reject.")
            return

        def answered(answer: str | None) -> None:
            if answer == "y" and self.model is not None:
                gone = self.model.reject(drafts)
                self.marked -= set(drafts)
                self._changed(None)
                self._say(f"Rejected {gone} draft(s): deleted (ctrl+z brings them back).")

        self.app.push_screen(Confirm(f"Reject {len(drafts)} draft(s)? They are deleted.",
                                     [("y", "reject"), ("n", "keep")]), answered)

    def action_undo(self) -> None:
        self.undo()

    def action_redo(self) -> None:
        self.undo(again=True)

    def action_save(self, then_leave: bool = False) -> None:
        assert self.model is not None
        if self._saving:
            self._say("Already saving…")
            return
        self._saving = True
        self._say("Checking and saving…")
        m = self.model
        self._save(m.entries, dict(m.origins), dict(m.head), m.source, self._template, self.generation, then_leave)

    def action_leave(self) -> None:
        if self.model is None or not self.model.modified:
            self._leave()
            return

        def answered(answer: str | None) -> None:
            if answer == "s":
                self.action_save(then_leave=True)
            elif answer == "d":
                from content.editing.autosave import remove_autosave

                with self._disk:
                    self._saved_generation = self.generation  # no autosave after this
                    remove_autosave(self.path)
                self._leave()

        self.app.push_screen(Confirm("There are unsaved changes. Save them before leaving?",
                                     [("s", "save and leave"), ("d", "discard and leave")]), answered)

    def _leave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self.dismiss()

    def action_keys(self) -> None:
        self.app.push_screen(Keys(LIST_KEYS))

    def on_resize(self) -> None:
        self._paint_head()


class QuestionScreen(Screen[None]):
    """One question: its form (or its YAML), the problems found in it as it is typed, the material beside."""

    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("escape", "back", "List"),
        Binding("f2", "yaml", "YAML"),
        Binding("f3", "material", "Material"),
        Binding("f4", "try", "Try it"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", priority=True, show=False),
        Binding("ctrl+n", "items('add')", "Add item", show=False),
        Binding("ctrl+r", "items('remove')", "Remove item", show=False),
        Binding("alt+up", "items('move', -1)", "Item up", show=False),
        Binding("alt+down", "items('move', 1)", "Item down", show=False),
        Binding("ctrl+pageup", "step(-1)", "Previous", show=False),
        Binding("ctrl+pagedown", "step(1)", "Next", show=False),
        Binding("ctrl+q", "leave", "Leave", show=False),
        Binding("f1", "keys", "Keys", show=False),
    ]

    def __init__(self, owner: EditorScreen, key: int) -> None:
        super().__init__()
        self.owner, self.key = owner, key
        self.yaml_view = False
        self._shown = False  # set once mounted: a check that lands before that is shown by on_mount

    @property
    def entry(self) -> Entry:
        assert self.owner.model is not None
        return self.owner.model.entry(self.key)

    def compose(self) -> ComposeResult:
        entry = self.entry
        known = entry.type in models()
        yield Static("", id="qhead", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Form(entry.type if known else next(iter(models())), entry.data if known else {}, id="form")
                yield Area("", id="yaml", soft_wrap=True, tab_behavior="indent", compact=True)
                yield Issues(id="yaml-issues")
            assert self.owner.checker is not None
            yield MaterialPane(self.owner.checker.material, id="material")
        yield Static("", id="qnote", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#material").display = self.app.size.width >= 120
        if self.entry.type not in models():
            self._show_yaml(True)
        else:
            self.query_one("#yaml").display = False
            self.query_one(Form).call_after_refresh(self.query_one(Form).focus_loc, None)
        self._paint()
        check = self.owner.current_check(self.entry)
        spots = self.owner.spots.get(self.entry)
        if check is None or spots is None:
            self.owner._check_stale({self.key}, spots_for=self.entry)
        self._show_check(check, spots)
        self._shown = True

    # -- showing -------------------------------------------------------------------------

    def checked(self, event: Checked) -> None:
        if not self._shown:
            return
        entry = self.entry
        if entry in event.checks or entry in event.spots:
            self._show_check(event.checks.get(entry) or self.owner.current_check(entry),
                             event.spots.get(entry) or self.owner.spots.get(entry))

    def _show_check(self, check: Check | None, spots: list[Spot | None] | None) -> None:
        entry = self.entry
        self.query_one(Form).show_issues(check, entry.id)
        if self.yaml_view:
            self.query_one("#yaml-issues", Issues).show(list(check.issues) if check else [], entry.id)
        if spots is not None:
            from content.editing.quotes import quotes_of

            places = quotes_of(check.question if check else None, entry.data)
            names = [" ".join(str(s if not isinstance(s, int) else s + 1) for s in loc) or "source"
                     for loc, _ in places]
            self.query_one(MaterialPane).show(list(zip(names, spots)))
        self._paint(check)

    def _paint(self, check: Check | None = None) -> None:
        entry, owner = self.entry, self.owner
        check = check or owner.current_check(entry)
        assert owner.model is not None
        place = (f"{owner.shown_keys.index(self.key) + 1}/{len(owner.shown_keys)}" if self.key in owner.shown_keys
                 else f"{owner.model.position(self.key) + 1}/{len(owner.model.entries)}")
        state = ("checking…" if check is None else f"✗ {check.errors} error(s)" if check.errors
                 else f"! {check.warnings} warning(s)" if check.warnings else "✓ no problems")
        unsaved = " · ● unsaved" if owner.model.modified else ""
        view = " · YAML" if self.yaml_view else ""
        self.query_one("#qhead", Static).update(
            Content.assemble((f"{entry.type or '?'} ", "bold"), entry.id or "(no id)",
                             (f"  {place} · {state}{view}{unsaved}", "dim")))

    def _reload(self) -> None:
        """Show the question as it now stands (after undo, redo, or another question picked)."""
        entry = self.entry
        form = self.query_one(Form)
        focus = form.focused_loc()
        if entry.type in models():
            form.load(entry.type, entry.data, focus)
        if self.yaml_view or entry.type not in models():
            self._show_yaml(True)
        self._show_check(self.owner.current_check(entry), self.owner.spots.get(entry))
        self.owner._check_stale({self.key}, spots_for=entry)

    def _show_yaml(self, on: bool) -> None:
        from content.editing.fields import yaml_text

        self.yaml_view = on
        area = self.query_one("#yaml", TextArea)
        form = self.query_one(Form)
        area.display, form.display = on, not on
        self.query_one("#yaml-issues").display = on
        if on:
            area.load_text(yaml_text(self.entry.data))
            area.focus()
        else:
            self.query_one("#yaml-issues").display = False

    # -- edits ---------------------------------------------------------------------------

    @on(Form.Edited)
    def _edited(self, event: Form.Edited) -> None:
        self.owner.edit_field(self.key, event.name, event.value)
        self._paint()

    @on(TextArea.Changed, "#yaml")
    def _yaml_changed(self, event: TextArea.Changed) -> None:
        if not event.text_area.has_focus:
            return
        from ruamel.yaml import YAML
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        box = self.query_one("#yaml-issues", Issues)
        try:
            data = YAML(typ="safe", pure=False).load(event.text_area.text)
        except MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            box.display = True
            box.update(Content(f"✗ YAML syntax error: {e.problem or e.context}{where}"))
            return
        except YAMLError as e:
            box.display = True
            box.update(Content(f"✗ YAML error: {e}"))
            return
        if not isinstance(data, dict):
            box.display = True
            box.update(Content("✗ a question is a mapping of its fields (id: …, type: …)"))
            return
        self.owner.replace(self.key, data)
        self._paint()

    def on_descendant_blur(self) -> None:
        if self.owner.model is not None:
            self.owner.model.seal()

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.owner.model is not None:
            self.owner.model.seal()
            self.owner._fill(self.key if self.key in self.owner.model else None)
        self.dismiss()

    def action_yaml(self) -> None:
        if self.yaml_view and self.entry.type not in models():
            self._say("Its type is not one Tutor knows: only the YAML view can edit it.")
            return
        self._show_yaml(not self.yaml_view)
        if not self.yaml_view:
            self._reload()
        self._paint()

    def action_material(self) -> None:
        pane = self.query_one(MaterialPane)
        pane.display = not pane.display
        if pane.display:
            pane.reveal()

    def action_try(self) -> None:
        import dataclasses

        from content.matching import normalize

        check = self.owner.current_check(self.entry)
        if check is None or check.question is None:
            self._say("The question is not valid yet: fix what is marked, then try it.")
            return
        assert self.owner.model is not None
        names = {normalize(n) for e in self.owner.model.entries if (c := self.owner.current_check(e)) is not None
                 and c.question is not None for n in c.question.entities()}
        question = dataclasses.replace(check.question)
        question.set_rivals(frozenset(names))
        self.app.push_screen(TryIt(question))

    def action_items(self, how: str, step: int = 0) -> None:
        if not self.yaml_view:
            self.query_one(Form).change_items(how, step)

    def action_save(self) -> None:
        self.owner.action_save()

    def action_undo(self) -> None:
        self._undone(self.owner.undo())

    def action_redo(self) -> None:
        self._undone(self.owner.undo(again=True))

    def _undone(self, step: Step | None) -> None:
        assert self.owner.model is not None
        if step is None:
            self._say(self.owner.note)
            return
        if step.focus is not None and step.focus != self.key and step.focus in self.owner.model:
            self.key = step.focus
        if self.key not in self.owner.model:
            self.dismiss()
            return
        self._reload()
        self._say(self.owner.note)

    def action_step(self, step: int) -> None:
        visible = self.owner.shown_keys
        if self.key in visible:
            at = visible.index(self.key) + step
            if 0 <= at < len(visible):
                if self.owner.model is not None:
                    self.owner.model.seal()
                self.key = visible[at]
                self._reload()

    def action_leave(self) -> None:
        self.dismiss()
        self.owner.action_leave()

    def action_keys(self) -> None:
        self.app.push_screen(Keys(LIST_KEYS))

    def _say(self, text: str) -> None:
        self.query_one("#qnote", Static).update(Content(text))
