"""The items screen (`tutor class items CLASS.db --screen`) over a simulated class, driven by Pilot at 80x24."""

import asyncio
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from progress.classes.classdb import open_class
from progress.classes.items import item_analysis
from progress.classes.merge import merge_file
from progress.classes.simulate import simulate
from tutor.tui.items import ItemScreen, ItemsApp, ItemsScreen


@pytest.fixture(scope="module")
def class_db(tmp_path_factory, mali_course):
    root = tmp_path_factory.mktemp("items")
    simulate(mali_course, root / "files", learners=12, days=3, seed=5, start=datetime(2025, 9, 1, tzinfo=timezone.utc))
    with open_class(root / "class.db", create=True) as store:
        for path in sorted((root / "files").glob("*.db")):
            merge_file(store.conn, path)
    return root / "class.db"


async def analysed(pilot) -> ItemsScreen:
    for _ in range(1000):
        await pilot.pause(0.01)
        screen = pilot.app.screen
        if isinstance(screen, ItemsScreen) and screen.items:
            await pilot.pause()
            return screen
    raise AssertionError("the analysis never came")


def shown_ids(screen: ItemsScreen) -> list[str]:
    return [i.question_id for i in screen._shown()]


def test_the_table_sorts_filters_and_opens_a_question(class_db, mali_course):
    with open_class(class_db) as store:
        expected = item_analysis(store.conn, mali_course.id, {q.id: q for q in mali_course.bank.questions},
                                 min_attempts=3)

    async def scenario():
        app = ItemsApp(class_db, mali_course, min_attempts=3)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await analysed(pilot)
            table = screen.query_one("#items")
            assert table.row_count == len(expected) and len(expected) > 20
            flagged = [i for i in expected if i.flags]
            assert flagged and shown_ids(screen)[: len(flagged)] == sorted(i.question_id for i in flagged)
            await pilot.press("f")
            assert table.row_count == len(flagged)
            await pilot.press("s")  # hardest first
            facilities = [i.facility for i in screen._shown()]
            assert facilities == sorted(facilities)
            await pilot.press("f")
            chosen = next(i for i in screen._shown() if i.options)
            table.move_cursor(row=screen._shown().index(chosen))
            await pilot.press("enter")
            detail = app.screen
            assert isinstance(detail, ItemScreen) and detail.item == chosen
            text = detail.query_one("#item").visual.plain
            assert mali_course.bank.question(chosen.question_id).shown_prompt().split()[0] in text
            assert f"attempts {chosen.attempts}" in text
            assert all(o.text in text for o in chosen.options)
            await pilot.press("escape")
            assert app.screen is screen

    asyncio.run(scenario())


def test_the_items_screen_reads_at_80x24(snap_compare, class_db, mali_course):
    async def wait(pilot):
        await analysed(pilot)

    assert snap_compare(ItemsApp(class_db, mali_course, min_attempts=3), terminal_size=(80, 24), run_before=wait)


def test_a_file_that_is_not_a_class_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "class.db"
    bad.write_text("not a database at all\n")
    run = subprocess.run([sys.executable, "-m", "tutor.cli", "class", "items", str(bad), "--course", "mali",
                          "--screen"], capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def test_the_columns_have_fixed_widths_that_fit_80_columns(class_db, mali_course):
    """Auto-sized columns are sized only on a later refresh: the figures showed cut to the headers' widths."""

    async def scenario():
        app = ItemsApp(class_db, mali_course, min_attempts=3)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await analysed(pilot)
            table = screen.query_one("#items")
            columns = list(table.columns.values())
            assert not any(c.auto_width for c in columns)
            assert sum(c.width + 2 * table.cell_padding for c in columns) + 2 <= 80
            widest = {"n": max(len(str(i.attempts)) for i in screen.items), "discr": len("-0.00")}
            for column in columns:
                assert column.width >= widest.get(str(column.label), 0)

    asyncio.run(scenario())
