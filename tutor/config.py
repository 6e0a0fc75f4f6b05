"""Where Tutor keeps and finds things: courses (bundled, the user's, $TUTOR_COURSES), the course cache
($TUTOR_CACHE) and the progress database (--db, $TUTOR_DB, else the user data folder)."""

from __future__ import annotations

import os
from pathlib import Path

from content.course_folders import BANK_FILE, BUNDLED, course_folders


def course_roots() -> list[Path]:
    from platformdirs import user_data_path

    extra = [Path(p) for p in os.environ.get("TUTOR_COURSES", "").split(os.pathsep) if p]
    return [*extra, user_data_path("tutor") / "courses", BUNDLED]


def find_course(name: str | None) -> Path:
    """The folder of the course called `name` (a folder name, or a path); the only one when None."""
    if name and os.path.lexists(Path(name) / BANK_FILE):  # whatever it is: reading it says what is wrong
        return Path(name)
    folders = course_folders(course_roots())
    if name is None:
        if not folders:
            raise LookupError("no course is installed")
        return folders[0]
    for folder in folders:
        if folder.name == name:
            return folder
    known = ", ".join(f.name for f in folders) or "none"
    raise LookupError(f"no course called {name!r} (installed: {known})")


def course_cache() -> Path:
    """Where checked courses are kept for a quick start ($TUTOR_CACHE, else the user cache folder)."""
    if os.environ.get("TUTOR_CACHE"):
        return Path(os.environ["TUTOR_CACHE"])
    from platformdirs import user_cache_path

    return user_cache_path("tutor") / "courses"


def resume_cache() -> Path:
    """Where a session's end keeps the next start's first turns (tutor.study.resume), beside the courses."""
    if os.environ.get("TUTOR_CACHE"):
        return Path(os.environ["TUTOR_CACHE"]) / "resume"
    from platformdirs import user_cache_path

    return user_cache_path("tutor") / "resume"


ENV_DB = "TUTOR_DB"


def default_db_path() -> Path:
    """The progress file in the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("tutor") / "tutor.db"


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db PATH` if given, else `$TUTOR_DB` if set, else the default file."""
    if cli_value:
        return Path(cli_value).expanduser()
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    return default_db_path()
