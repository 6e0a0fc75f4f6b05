"""Where courses are found: folders holding a bank (`bank.yaml`), under roots searched in order.

Apart from the course itself so that finding one loads neither the bank nor the question types:
the study command finds its course before the first frame, and the study thread loads it after.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

BANK_FILE = "bank.yaml"
BUNDLED = Path(__file__).parent / "courses"


def course_folders(roots: Iterable[Path]) -> list[Path]:
    """Folders directly under the roots that hold a bank, by name; the first root wins a tie."""
    found: dict[str, Path] = {}
    for root in roots:
        try:
            folders = sorted(entry for entry in root.iterdir() if entry.is_dir())
        except OSError:  # no such folder, or not one Tutor may read
            continue
        for folder in folders:
            # Any entry called bank.yaml, even a broken link: `tutor courses` shows it broken, not absent.
            if os.path.lexists(folder / BANK_FILE):
                found.setdefault(folder.name, folder)
    return [found[name] for name in sorted(found)]
