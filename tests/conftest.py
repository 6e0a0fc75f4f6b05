import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=60)
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MALI = ROOT / "content" / "courses" / "mali"


@pytest.fixture(autouse=True)
def _private_course_cache(tmp_path_factory, monkeypatch):
    """Tests never write to the user's own cache folder."""
    monkeypatch.setenv("TUTOR_CACHE", str(tmp_path_factory.getbasetemp() / "course-cache"))


@pytest.fixture(scope="session")
def mali_course():
    from content.course import open_course

    return open_course(MALI)
