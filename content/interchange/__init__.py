"""Question banks in and out of the tools schools use: one module per format, listed in FORMATS.

Each format module has:

- `read(data: bytes, path: str) -> Read`: the file's questions as `Exchanged` (model.py), the
  questions Tutor cannot hold as `Skipped`, and every problem located at line:col. A file
  with any error yields no questions (import is all-or-nothing).
- `write(questions: list[Exchanged], meta: Meta) -> bytes`.
- `sniff(head: str) -> bool`: whether a file's first characters look like this format, for
  guessing a format from content when the suffix does not say.

The table is what the CLI and the app read; nothing else lists the formats.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the format table is read by every start of the CLI: the model loads with a format
    from content.interchange.model import Exchanged, Skipped


@dataclass(frozen=True)
class Problem:
    line: int  # from 1; 0 when the file has no lines to point at
    col: int
    message: str
    severity: str = "error"  # or "warning"


@dataclass
class Read:
    questions: list[Exchanged] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class Meta:
    """What a written file may say about the bank as a whole."""

    id: str
    title: str


@dataclass(frozen=True)
class Format:
    name: str  # as given to --format
    label: str
    suffixes: tuple[str, ...]  # the first is the one written
    module: str
    reads: bool = True
    writes: bool = True
    max_bytes: int = 20 * 2**20  # a larger file is refused before it is read (encoding.MAX_BYTES for text)
    tag_space: str = " "  # what the format writes for a space in a tag (Anki's tags hold none)

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("gift", "GIFT (Moodle's text format)", (".gift", ".txt"), "content.interchange.gift"),
        Format("moodle-xml", "Moodle XML", (".xml",), "content.interchange.moodle_xml"),
        Format("anki", "Anki text import (tab-separated, with headers)", (".txt", ".tsv"), "content.interchange.anki_text",
               tag_space="_"),
        Format("apkg", "Anki package", (".apkg",), "content.interchange.apkg", max_bytes=256 * 2**20,
               tag_space="_"),
        Format("quizlet", "Quizlet term/definition text", (".txt", ".tsv", ".csv"), "content.interchange.quizlet"),
    )
}
