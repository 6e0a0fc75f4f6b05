import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=60)
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
MALI = ROOT / "content" / "courses" / "mali"


@pytest.fixture(autouse=True)
def _isolated_from_the_machine(tmp_path_factory, monkeypatch):
    """Tests never see or write the user's own courses, progress, cache or settings.

    platformdirs follows the XDG variables on Linux; subprocesses inherit them.
    """
    home = tmp_path_factory.getbasetemp() / "home"
    for name, folder in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(name, str(home / folder))
    monkeypatch.setenv("TUTOR_CACHE", str(home / "course-cache"))
    monkeypatch.setenv("TUTOR_DB", str(home / "data" / "tutor" / "tutor.db"))
    monkeypatch.delenv("TUTOR_COURSES", raising=False)


@pytest.fixture(scope="session")
def mali_course():
    from content.course import open_course

    return open_course(MALI)
