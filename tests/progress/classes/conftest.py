"""A simulated class shared by the class tests: files written once, merged once; tests copy what they change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from progress.classes.classdb import open_class
from progress.classes.merge import merge_file
from progress.classes.simulate import Truth, simulate

LEARNERS, DAYS, SEED = 40, 6, 11
START = datetime(2025, 9, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Simulated:
    files: Path  # the learners' progress files and truth.json
    db: Path  # the class database they were merged into
    truth: Truth


@pytest.fixture(scope="session")
def simulated(tmp_path_factory, mali_course) -> Simulated:
    root = tmp_path_factory.mktemp("simulated")
    truth = simulate(mali_course, root / "files", learners=LEARNERS, days=DAYS, seed=SEED, start=START)
    with open_class(root / "class.db", create=True) as store:
        for path in sorted((root / "files").glob("*.db")):
            merge_file(store.conn, path)
    return Simulated(root / "files", root / "class.db", truth)
