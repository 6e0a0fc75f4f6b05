"""Study settings, in the app (F5) and from the command line; the help screen (F3) at 80x24."""

import asyncio
import subprocess
import sys
from datetime import timezone
from pathlib import Path

from tutor.tui.app import TutorApp
from tutor.tui.settings import SettingsScreen
from tutor.tui.widgets import ChatMessage

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def make_app(store, clock):
    return TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)


def last_reply(app) -> str:
    return [m.visual.plain for m in app.screen.query(ChatMessage)][-1]


async def open_settings(pilot) -> None:
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)


def test_settings_are_changed_in_the_app_and_saved_for_the_learner(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_settings(pilot)
            await pilot.press("5", "tab", "1", "5", "0", "tab", "0", ".", "8", "5")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert last_reply(app) == "Settings saved."
            assert "new 5" in app.screen.query_one("#status").visual.plain
    asyncio.run(scenario())
    ana = store.learner("ana")
    assert (ana.new_per_day, ana.reviews_per_day, ana.desired_retention) == (5, 150, 0.85)


def test_settings_out_of_range_are_refused_with_the_reason_and_nothing_changes(store, clock):
    # Tried by hand: the screen closed on the refusal, and what had been typed in it was lost.
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_settings(pilot)
            await pilot.press("tab", "tab", "1", ".", "5", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, SettingsScreen)  # still open, with the fields as typed
            assert app.screen.query_one("#retention").value.endswith("1.5")
            problem = app.screen.query_one("#settings-problem").visual.plain
            assert problem.startswith("Not saved: desired retention must be between 0.70 and 0.99")
            await pilot.press("escape")
            await settle(pilot)
    asyncio.run(scenario())
    assert store.learner("ana").desired_retention == 0.9


def test_escape_leaves_the_settings_as_they_were(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_settings(pilot)
            await pilot.press("7", "escape")
            await settle(pilot)
            assert not isinstance(app.screen, SettingsScreen)
    asyncio.run(scenario())
    assert store.learner("ana").new_per_day == 20


def test_the_settings_screen_at_80x24(snap_compare, store, clock):
    assert snap_compare(make_app(store, clock), terminal_size=(80, 24), run_before=open_settings)


def test_the_help_screen_at_80x24(snap_compare, store, clock):
    async def help_open(pilot):
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(make_app(store, clock), terminal_size=(80, 24), run_before=help_open)


def tutor(*args):
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True)


def test_tutor_settings_prints_changes_and_refuses_what_is_out_of_range(store):
    store.learner("ana")
    db = str(store.path)
    run = tutor("settings", "--db", db, "--new-per-day", "7", "--topics", "roots of the crisis")
    assert run.returncode == 0 and "new cards per day      7" in run.stdout and "roots of the crisis" in run.stdout
    bad = tutor("settings", "--db", db, "--retention", "1.5")
    assert bad.returncode == 1 and "desired retention must be between" in bad.stderr and "Traceback" not in bad.stderr
    unknown = tutor("settings", "--db", db, "--topics", "cooking")
    assert unknown.returncode == 1 and "no topic 'cooking'" in unknown.stderr
    assert store.learner("ana").new_per_day == 7
