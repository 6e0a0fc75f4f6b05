"""The UI thread never touches SQLite: the study thread does every store and index call."""

import asyncio
import sqlite3
import threading
from datetime import timezone
from pathlib import Path

from tutor.tui.app import TutorApp

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def test_a_whole_session_makes_no_sqlite_call_on_the_ui_thread(store, clock, monkeypatch):
    calls: list[tuple[int, str]] = []
    real_connect = sqlite3.connect

    def traced_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(lambda sql: calls.append((threading.get_ident(), sql)))
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced_connect)
    ui_thread = threading.get_ident()  # Textual's event loop runs in the test's thread

    async def scenario():
        app = TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for line in ("I don't know", "1", "", "?who founded Ansar Dine", "undo", "hint", "quit"):
                entry = app.screen.query_one("#entry")
                entry.focus()
                entry.value = line
                await pilot.press("enter")
                await settle(pilot)
            await pilot.press("enter")

    asyncio.run(scenario())
    assert len(calls) > 20, "the session ran no SQL: the test proved nothing"
    assert any("fts5" in sql.casefold() or "MATCH" in sql for _, sql in calls), "the ask index was not used"
    on_ui = [sql for thread, sql in calls if thread == ui_thread]
    assert on_ui == []
