"""The autosave file beside a bank being edited: the edited questions, kept after every change, so that a
crash or a kill loses at most the field being typed in; offered back on the next start, removed on saving.

It is JSON, `.NAME.autosave` beside the bank file `NAME`:
`{"format": "tutor-bank-autosave", "version": 1, "bank": NAME, "base": sha256 of the bank's text the edits
were made over, "written": ISO time, "questions": [{"origin": index in that text's questions or null,
"data": {...}}, ...]}`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FORMAT = "tutor-bank-autosave"
VERSION = 1


def autosave_path(bank: Path) -> Path:
    return bank.with_name(f".{bank.name}.autosave")


@dataclass(frozen=True)
class Autosaved:
    path: Path
    base: str  # digest of the bank text the edits were made over
    written: str
    questions: list[tuple[int | None, dict[str, Any]]]


def autosave_state(bank: Path, base: str, questions: list[tuple[int | None, dict[str, Any]]]) -> str:
    """The autosave file's text for these questions (each with its place in the bank file, or None)."""
    return json.dumps({
        "format": FORMAT, "version": VERSION, "bank": bank.name, "base": base,
        "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "questions": [{"origin": origin, "data": data} for origin, data in questions],
    }, ensure_ascii=False, default=str)


def write_autosave(bank: Path, text: str) -> None:
    """Write it whole or not at all, and durably: a kill right after still finds it."""
    path = autosave_path(bank)
    partial = path.with_name(path.name + ".tmp")
    with partial.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    partial.replace(path)


def read_autosave(bank: Path) -> Autosaved | None:
    """The autosave beside the bank, or None if there is none or it is not one (cut short, another format)."""
    path = autosave_path(bank)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or raw.get("version") != VERSION:
            return None
        questions = [(q.get("origin") if isinstance(q.get("origin"), int) else None, q["data"])
                     for q in raw["questions"] if isinstance(q, dict) and isinstance(q.get("data"), dict)]
        return Autosaved(path, str(raw.get("base", "")), str(raw.get("written", "")), questions)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remove_autosave(bank: Path) -> None:
    autosave_path(bank).unlink(missing_ok=True)
