"""What an author sees at 80x24: the question list, a form with an error, the material beside the form."""

import shutil
from pathlib import Path

import pytest

from tutor.tui.editor.app import EditorApp
from tutor.tui.editor.form import Form

from tests.tutor.test_editor import open_question, settle, type_into

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


@pytest.fixture
def bank(tmp_path):
    shutil.copytree(MALI, tmp_path / "mali")
    return tmp_path / "mali" / "bank.yaml"


def test_the_question_list(snap_compare, bank):
    assert snap_compare(EditorApp(bank), terminal_size=(80, 24), run_before=settle)


def test_a_form_with_an_error_marked(snap_compare, bank):
    async def answer_emptied(pilot):
        await settle(pilot)
        await open_question(pilot, "ansar-dine-founder")
        await type_into(pilot, ("answer",), "")

    assert snap_compare(EditorApp(bank), terminal_size=(80, 24), run_before=answer_emptied)


def test_the_material_panel_marks_the_nearest_passage_to_a_broken_quote(snap_compare, bank):
    async def quote_broken(pilot):
        await settle(pilot)
        await open_question(pilot, "ansar-dine-founder")
        await type_into(pilot, ("source",), "Ansar al Din was set up late in 2011 by Iyad Ag Ghali")
        await pilot.press("f3")
        await settle(pilot)
        form = pilot.app.screen.query_one(Form)
        for _ in range(3):  # the pane lays out, then scrolls to the passage; the form shows the quote
            form.scroll_to_widget(form.row(("source",)), top=True, animate=False)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause(0.05)

    assert snap_compare(EditorApp(bank), terminal_size=(80, 24), run_before=quote_broken)
