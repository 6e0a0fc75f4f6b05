"""Writing a course folder of drafts: the material copied in and a bank of draft questions beside it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from content.bank import Bank, dumps_bank
from content.drafts.common import slug
from content.drafts.drafting import draft
from content.material import Material

MATERIAL_FILE = "material.md"
BANK_FILE = "bank.yaml"
# Text a terminal would act on (escape sequences) or that no text file holds.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DraftError(Exception):
    """Input drafting cannot use, or a folder it may not write: the message says which and why."""


@dataclass(frozen=True)
class Drafted:
    folder: Path
    bank: Bank
    words: int


# Drafting time grows faster than the text (66,000 words: 19 s; 500,000: 18 minutes): past this, one part at a time.
MAX_WORDS = 50_000


def read_material(path: Path) -> str:
    """The text of a material file, or DraftError saying why it cannot be drafted from."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder; give the material's text file") from None
    except OSError as e:
        raise DraftError(f"{path}: cannot read it ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"{path}: not UTF-8 text (a binary file?); save the material as plain UTF-8 text") from None
    if _BINARY.search(text) and len(_BINARY.findall(text)) > max(3, len(text) // 1000):
        raise DraftError(f"{path}: holds control characters, not prose; give a plain text or Markdown file")
    if not any(c.isalpha() for c in text):
        raise DraftError(f"{path}: has no text to draft questions from")
    return text


def write_course(material_path: Path, folder: Path, count: int | None = None, types: Sequence[str] | None = None,
                 bank_id: str | None = None, title: str | None = None, force: bool = False) -> Drafted:
    """Draft a bank from the material at `material_path` into a new course `folder` (refused when the
    folder already holds files, unless `force`)."""
    text = read_material(material_path)
    words = len(re.findall(r"\w+", text))
    if words > MAX_WORDS:
        raise DraftError(f"{material_path}: {words:,} words; drafts are made from at most {MAX_WORDS:,} at once "
                         "(a chapter or an article): split the text and draft each part")
    if folder.exists() and not folder.is_dir():
        raise DraftError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise DraftError(f"{folder}: already exists and is not empty; choose another folder or pass --force "
                         "to overwrite its bank and material")
    material = Material(text, name=str(material_path))
    questions = draft(material, count, types)
    bank = Bank(bank_id or slug(folder.resolve().name) or "drafts",
                title or material.title or material_path.stem.replace("-", " ").replace("_", " ") or "Drafts",
                MATERIAL_FILE, questions)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MATERIAL_FILE).write_text(material.text, encoding="utf-8")
        body = dumps_bank(bank)
        header = (f"# Drafted by `tutor bank draft` from {material_path.name}: {len(questions)} draft question(s).\n"
                  "# Review each one; remove its `status: draft` line to let learners study it.\n")
        partial = folder / (BANK_FILE + ".tmp")
        partial.write_text(header + body, encoding="utf-8")
        partial.replace(folder / BANK_FILE)
    except OSError as e:
        raise DraftError(f"{folder}: cannot write the course ({e.strerror or e})") from None
    return Drafted(folder, bank, words)
