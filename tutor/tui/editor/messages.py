"""What the editor's workers post back to the screen that started them."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from content.editing.autosave import Autosaved
from content.editing.checks import Check, Checker
from content.editing.model import EditedBank, Entry
from content.editing.quotes import Spot
from content.editing.save import Written


class Loaded(Message):
    def __init__(self, model: EditedBank, checker: Checker, autosaved: Autosaved | None,
                 material_problem: str | None) -> None:
        super().__init__()
        self.model, self.checker, self.autosaved, self.material_problem = model, checker, autosaved, material_problem


class LoadFailed(Message):
    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems


class Checked(Message):
    """Checks of some entries (all of them when `whole`), with where each one's quotes stand."""

    def __init__(self, checks: dict[Entry, Check], spots: dict[Entry, list[Spot | None]], whole: bool) -> None:
        super().__init__()
        self.checks, self.spots, self.whole = checks, spots, whole


class Saved(Message):
    def __init__(self, written: Written, generation: int) -> None:
        super().__init__()
        self.written, self.generation = written, generation


class SaveRefused(Message):
    def __init__(self, problems: list[str], then_leave: bool, template: Any = None) -> None:
        super().__init__()
        self.problems, self.then_leave, self.template = problems, then_leave, template
