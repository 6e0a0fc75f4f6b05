"""The form of one question, made from its type's field specs (`content.editing.fields`), not from a list of
types: a line for text and numbers, a box of lines for lists of strings, a checkbox, a choice, and for records
(cloze blanks, order items) and pairs (match) a row each, with its own fields. Course text is shown literally."""

from __future__ import annotations

import re
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from content.editing.checks import Check, Issue, Loc
from content.editing.fields import MISSING, FieldSpec, form_of

Shown = Any


def plain(issue: Issue, question_id: str) -> str:
    """The issue's message without the question's name, which the screen shows already."""
    prefix = f"question {question_id!r}: "
    return issue.message[len(prefix):] if issue.message.startswith(prefix) else issue.message


class Issues(Static):
    """The problems found at one place of the form; hidden while there are none."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, classes="issues", **kwargs)
        self.display = False

    def show(self, issues: list[Issue], question_id: str) -> None:
        self.display = bool(issues)
        self.set_class(any(i.error for i in issues), "-error")
        lines = [Content.assemble(("✗ " if i.error else "! ", "bold"), plain(i, question_id)) for i in issues]
        self.update(Content("\n").join(lines))


class Place(Vertical):
    """A place of the form that problems can be at: a field, a record of a field, a pair."""

    def __init__(self, loc: Loc, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loc = loc


class FieldRow(Place):
    def __init__(self, spec: FieldSpec, loc: Loc, shown: Shown) -> None:
        super().__init__(loc, classes=f"field {spec.kind}")
        self.spec, self.shown = spec, shown

    def compose(self) -> ComposeResult:
        spec, loc = self.spec, self.loc
        name = " ".join(str(step) for step in loc[-1:])
        label = Content.assemble((name, "bold"), (" *" if spec.required else "", "dim"),
                                 (f"  {spec.description}" if spec.description and len(loc) == 1 else "", "dim italic"))
        if spec.kind != "flag":
            yield Static(label, classes="label", markup=False)
        if spec.kind == "records":
            for i, item in enumerate(self.shown):
                yield RecordRow(spec, (*loc, i), item)
        elif spec.kind == "pairs":
            for i, (left, right) in enumerate(self.shown):
                yield PairRow((*loc, i), left, right)
        else:
            yield editor(spec, loc, self.shown)
        yield Issues()


class RecordRow(Place):
    def __init__(self, spec: FieldSpec, loc: Loc, item: dict[str, Shown]) -> None:
        super().__init__(loc, classes="record")
        self.spec, self.item = spec, item

    def compose(self) -> ComposeResult:
        yield Static(Content(f"{self.loc[-1] + 1}."), classes="number", markup=False)  # type: ignore[operator]
        with Vertical(classes="record-fields"):
            for sub in self.spec.fields:
                yield FieldRow(sub, (*self.loc, sub.name), self.item.get(sub.name, sub.shown(MISSING)))
            yield Issues()


class PairRow(Place):
    def __init__(self, loc: Loc, left: str, right: str) -> None:
        super().__init__(loc, classes="pair")
        self.left, self.right = left, right

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pair-line"):
            yield _tagged(Line(visible(self.left), placeholder="left", compact=True), (*self.loc, "left"))
            yield Static(" → ", classes="arrow", markup=False)
            yield _tagged(Line(visible(self.right), placeholder="right", compact=True), (*self.loc, "right"))
        yield Issues()


# C0 controls but tab and newline, DEL and C1 controls: a terminal acts on them, so a field shows them escaped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(shown: Shown) -> Shown:
    """A field's value as the form shows it: a control character (shown escaped everywhere else) as its escape,
    `\\x1b`, so that a hostile bank cannot wipe the screen; the author sees it, and saves what they see."""
    if isinstance(shown, str):
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", shown)
    if isinstance(shown, list):
        return [visible(item) for item in shown]
    return shown


def editor(spec: FieldSpec, loc: Loc, shown: Shown) -> Widget:
    """The widget that edits a field of this kind."""
    shown = visible(shown)
    if spec.kind == "flag":
        widget: Widget = Checkbox(str(loc[-1]), bool(shown), compact=True)
    elif spec.kind == "choice":
        widget = Select([(Content(c), c) for c in spec.choices], value=shown if shown in spec.choices else Select.NULL,
                        allow_blank=shown not in spec.choices, compact=True)
    elif spec.kind in ("lines", "yaml"):
        text = "\n".join(shown) if spec.kind == "lines" else shown
        widget = Area(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", compact=True)
    elif spec.kind == "text":
        widget = OneLine(shown, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", compact=True)
    else:
        widget = Line(shown, compact=True, select_on_focus=False)
    return _tagged(widget, loc)


class Area(TextArea):
    """A box of text whose cursor does not blink headless (tests, snapshots: nobody watches it there)."""

    def on_mount(self) -> None:
        self.cursor_blink = not self.app.is_headless
        self.highlight_cursor_line = False  # a field of a form, not a text editor's page


class Line(Input):
    def on_mount(self) -> None:
        self.cursor_blink = not self.app.is_headless


class OneLine(Area):
    """A text field that wraps to show all of itself but holds one line: Enter adds nothing, a pasted line
    break becomes a space."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "shift+enter"):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        await super()._on_paste(events.Paste(" ".join(event.text.splitlines())))
        event.stop()
        event.prevent_default()


def _tagged(widget: Widget, loc: Loc) -> Widget:
    widget.field_loc = loc  # type: ignore[attr-defined]
    widget.add_class("editor")
    return widget


def _shown_of(widget: Widget) -> Shown:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    return widget.value  # type: ignore[attr-defined]


class Form(VerticalScroll):
    """The fields of one question. It posts `Edited` with a field's new value when the author changes it."""

    class Edited(Message):
        def __init__(self, name: str, value: Any) -> None:
            super().__init__()
            self.name, self.value = name, value

    def __init__(self, kind: str, data: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind, self.data = kind, data
        self.specs = {spec.name: spec for spec in form_of(kind)}
        self._last: tuple[Check | None, str] | None = None  # the problems shown, shown again after a reload

    def compose(self) -> ComposeResult:
        yield Issues(id="question-issues")
        for spec in self.specs.values():
            yield FieldRow(spec, (spec.name,), spec.shown(self.data.get(spec.name, MISSING)))

    def load(self, kind: str, data: dict[str, Any], focus: Loc | None = None) -> None:
        """Show another version of the question (after undo, redo, or an edit in the YAML view)."""
        self.kind, self.data = kind, data
        self.specs = {spec.name: spec for spec in form_of(kind)}
        self.run_worker(self._rebuild(focus), group="form", exclusive=True)

    async def _rebuild(self, focus: Loc | None) -> None:
        await self.recompose()
        if self._last is not None:
            self.show_issues(*self._last)
        if focus is not None:
            self.focus_loc(focus)

    # -- reading the widgets -----------------------------------------------------------

    def row(self, loc: Loc) -> FieldRow | None:
        return next((r for r in self.query(FieldRow) if r.loc == loc), None)

    def shown(self, row: FieldRow) -> Shown:
        """What the widgets of a field hold, as its spec's shown value."""
        spec = row.spec
        if spec.kind == "records":
            return [{sub.name: self.shown(self.row((*record.loc, sub.name)))  # type: ignore[arg-type]
                     for sub in spec.fields} for record in row.query_children(RecordRow)]
        if spec.kind == "pairs":
            out = []
            for pair in row.query_children(PairRow):
                left, right = pair.query(".editor").results()
                out.append((_shown_of(left), _shown_of(right)))
            return out
        value = _shown_of(row.query_one(".editor"))
        if spec.kind == "lines":
            return value.split("\n")
        return value.replace("\n", " ") if spec.kind == "text" else value

    def value(self, name: str) -> Any:
        row = self.row((name,))
        return MISSING if row is None else row.spec.data(self.shown(row))

    def focused_loc(self) -> Loc | None:
        focused = self.app.focused
        return getattr(focused, "field_loc", None) if focused is not None and self in focused.ancestors else None

    def focus_loc(self, loc: Loc | None) -> None:
        """Focus the editor at `loc`, or the nearest one there is."""
        editors = [w for w in self.query(".editor") if getattr(w, "field_loc", None) is not None]
        if not editors:
            return
        if loc is not None:
            best = max(editors, key=lambda w: _shared(w.field_loc, loc))  # type: ignore[attr-defined]
            if _shared(best.field_loc, loc):  # type: ignore[attr-defined]
                best.focus()
                return
        editors[0].focus()

    # -- changes -----------------------------------------------------------------------

    @on(Input.Changed, ".editor")
    @on(TextArea.Changed, ".editor")
    @on(Checkbox.Changed, ".editor")
    @on(Select.Changed, ".editor")
    def _changed(self, event: Message) -> None:
        widget = event.control  # type: ignore[attr-defined]
        focused = self.app.focused
        # Only what the author changes: a widget filled in as the form is made changes nothing.
        if focused is None or not (focused is widget or widget in focused.ancestors):
            return
        name = str(widget.field_loc[0])
        self.post_message(self.Edited(name, self.value(name)))

    def change_items(self, how: str, step: int = 0) -> bool:
        """Add an item after the focused one, remove it, or move it by `step`, in a field of records or pairs."""
        loc = self.focused_loc()
        if loc is None:
            return False
        row = self.row(loc[:1])
        if row is None or row.spec.kind not in ("records", "pairs"):
            return False
        items = list(self.shown(row))
        at = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else len(items) - 1
        focus_at = at
        if how == "add":
            empty = {s.name: s.shown(MISSING) for s in row.spec.fields} if row.spec.kind == "records" else ("", "")
            items.insert(at + 1, empty)
            focus_at = at + 1
        elif how == "remove" and items:
            del items[at]
            focus_at = min(at, len(items) - 1)
        elif how == "move" and 0 <= at + step < len(items):
            items[at], items[at + step] = items[at + step], items[at]
            focus_at = at + step
        else:
            return False
        self._replace_row(row, items)
        name = row.spec.name
        self.post_message(self.Edited(name, row.spec.data(items)))
        target: Loc = (name, focus_at, *loc[2:]) if focus_at >= 0 else (name,)
        self.call_after_refresh(self.focus_loc, target)
        return True

    def _replace_row(self, row: FieldRow, shown: Shown) -> None:
        new = FieldRow(row.spec, row.loc, shown)
        self.mount(new, after=row)
        row.remove()

    # -- problems ----------------------------------------------------------------------

    def show_issues(self, check: Check | None, question_id: str) -> None:
        """Mark each place with the problems found in it; those of no place go at the top."""
        self._last = (check, question_id)
        if not self.query("#question-issues"):
            return  # being made again: shown once it is
        places = {p.loc: p for p in self.query(Place)}
        found: dict[Loc, list[Issue]] = {}
        for issue in check.issues if check is not None else ():
            loc = issue.loc
            while loc and loc not in places:
                loc = loc[:-1]
            found.setdefault(loc, []).append(issue)
        for loc, place in places.items():
            own = found.get(loc, [])
            place.set_class(any(i.error for i in own), "-error")
            place.set_class(bool(own) and not any(i.error for i in own), "-warning")
            box = next(iter(place.query_children(Issues)), None) or next(
                iter(place.query(".record-fields > Issues")), None)
            if box is not None:
                box.show(own, question_id)
        self.query_one("#question-issues", Issues).show(found.get((), []), question_id)


def _shared(a: Loc, b: Loc) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
