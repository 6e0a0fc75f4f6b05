"""Start-up holds the garbage collector back, and sets it back once the first question is painted."""

import asyncio
import gc
import subprocess
import sys
from datetime import timezone
from pathlib import Path

from tutor import startup
from tutor.tui.app import TutorApp

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def test_importing_tutor_holds_the_collector_and_another_command_sets_it_back(tmp_path):
    probe = (
        "import gc\n"
        "normal = gc.get_threshold()\n"
        "import tutor\n"
        "held = gc.get_threshold()\n"
        "from tutor.cli import main\n"
        "main(['courses'])\n"
        "print(normal, held, gc.get_threshold(), sep='|')\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)
    normal, held, after = run.stdout.strip().splitlines()[-1].split("|")
    assert held != normal and held.startswith(f"({startup.HELD_THRESHOLD},")
    assert after == normal


def test_the_first_question_painted_sets_the_collector_back(store, clock):
    startup.settled()  # importing tutor held it in this process too
    normal = gc.get_threshold()
    held = []

    async def scenario():
        startup.hold()
        app = TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)
        async with app.run_test(size=(80, 24)) as pilot:
            held.append(gc.get_threshold())
            await settle(pilot)
            await pilot.pause()
            assert app.screen.query("ChatMessage.question")
            assert not startup.held()
            assert gc.get_threshold() == normal
            await pilot.press("ctrl+q")

    try:
        asyncio.run(scenario())
    finally:
        startup.settled()
    assert held[0][0] == startup.HELD_THRESHOLD


def test_settling_twice_changes_nothing_the_second_time():
    startup.settled()
    normal = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        startup.settled()
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*normal)
