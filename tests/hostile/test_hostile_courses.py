"""Hostile course folders through the real commands, each in a process with a memory cap and a time limit.

Whatever a course folder holds, `tutor bank check` and `tutor courses` end by themselves, within 1 GB,
with exit status 0 or 1, no traceback, the problem told, and nothing on stdout or stderr that a
terminal would act on.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile.cases import Case, build

MEMORY = 2**30  # bytes of address space
SECONDS = 120  # a hang detector (a FIFO once hung forever), not a speed test: room for a loaded machine
BATCH = 6  # folders per `tutor bank check`; a batch that breaks is run again folder by folder
# Bytes a terminal acts on: C0 controls but tab and newline, DEL, and C1 controls as UTF-8 writes them.
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def tutor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes] | str:
    """The finished process, or why it did not finish."""
    try:
        return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, env=env,
                              timeout=SECONDS, preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        return f"no end after {SECONDS} s"


def misbehaviour(run: subprocess.CompletedProcess[bytes] | str) -> str | None:
    """What is wrong with how a run ended, or None."""
    if isinstance(run, str):
        return run
    if run.returncode < 0:
        return f"killed by signal {-run.returncode}"
    if run.returncode not in (0, 1):
        return f"exit status {run.returncode}"
    both = run.stdout + run.stderr
    if b"Traceback" in both or b"internal error" in both:
        return "traceback: " + both.decode("utf-8", "replace")[-600:]
    raw = RAW_CONTROL.search(both)
    if raw:
        return f"raw control byte {raw.group()!r} in the output: {both[max(raw.start() - 80, 0):raw.end() + 20]!r}"
    return None


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    courses = root / "courses"
    cases = build(courses)
    home = root / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "TUTOR_CACHE": str(root / "cache"),
           "TUTOR_COURSES": str(courses), "PYTHONIOENCODING": "utf-8"}
    return courses, cases, env


def _check(folders: list[Path], env: dict[str, str]) -> tuple[dict[Path, list[str]], list[str]]:
    """Each folder's problem lines from one `tutor bank check`, and what went wrong, folder by folder."""
    run = tutor("bank", "check", *map(str, folders), env=env)
    wrong = misbehaviour(run)
    if wrong is not None and len(folders) > 1:
        found, faults = {}, []
        for folder in folders:
            one, fault = _check([folder], env)
            found.update(one)
            faults += fault
        return found, faults
    if wrong is not None:
        return {folders[0]: []}, [f"{folders[0].name!r}: {wrong}"]
    lines = run.stdout.decode("utf-8").splitlines()
    return {f: [ln for ln in lines if ln.startswith(f"{f / 'bank.yaml'}:")] for f in folders}, []


def test_bank_check_survives_every_hostile_folder_and_says_what_is_wrong(hostile):
    courses, cases, env = hostile
    assert len(cases) >= 60
    folders = [courses / c.name for c in cases]
    batches = [folders[i:i + BATCH] for i in range(0, len(folders), BATCH)]
    found: dict[Path, list[str]] = {}
    faults: list[str] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for lines, fault in pool.map(lambda b: _check(b, env), batches):
            found.update(lines)
            faults += fault
    assert faults == []
    unmet = [f"{c.name!r} ({c.kind}): wanted {c.expect!r}, got {found[courses / c.name]}" for c in cases
             if not _as_expected(c, found[courses / c.name])]
    assert unmet == []


def _as_expected(case: Case, lines: list[str]) -> bool:
    errors = [ln for ln in lines if ": warning: " not in ln]
    if case.expect is None:
        return errors == []
    # One located line per problem, the expected one among them.
    return any(case.expect in ln for ln in errors) and all(re.match(r".+:\d+:\d+: ", ln) for ln in errors)


def test_courses_lists_every_hostile_folder_and_fails_for_the_broken(hostile):
    courses, cases, env = hostile
    run = tutor("courses", env=env)
    assert misbehaviour(run) is None and run.returncode == 1
    rows = dict(line.split(maxsplit=1) for line in run.stdout.decode("utf-8").splitlines())

    def name(case: Case) -> str:
        return case.name.replace("\x1b", "\\x1b")  # as the listing shows it

    assert {name(c) for c in cases if c.expect is None} | {"mali"} == {n for n, row in rows.items()
                                                                      if "(broken:" not in row}
    broken = [c for c in cases if c.expect is not None]
    assert all("(broken: " in rows[name(c)] for c in broken)
    assert f"tutor: {len(broken)} of {len(cases) + 1} course(s) have errors" in run.stderr.decode("utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode: chmod 000 cannot be tested")
def test_unreadable_files_are_refused_with_the_reason(tmp_path):
    cases = build(tmp_path / "courses", unreadable=True)
    env = {**os.environ, "TUTOR_CACHE": str(tmp_path / "cache"), "TUTOR_COURSES": str(tmp_path / "courses")}
    for case in cases:
        run = tutor("bank", "check", str(tmp_path / "courses" / case.name), env=env)
        assert misbehaviour(run) is None and run.returncode == 1
        assert case.expect in run.stdout.decode("utf-8")
