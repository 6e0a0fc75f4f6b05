"""Whole editing sessions through the editor, driven by Pilot at 80x24, and the files they leave."""

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import TextArea

from content.course import check_bank
from content.editing.autosave import autosave_path
from tutor.tui.editor.app import EditorApp
from tutor.tui.editor.dialogs import Confirm, Problems, TryIt, TypePicker
from tutor.tui.editor.form import Form, Issues
from tutor.tui.editor.screens import EditorScreen, QuestionScreen

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"
NASTY_PROMPT = "Which of [/] and [@click=app.quit]quit[/] is [bold]markup[/bold]?"


def run(scenario):
    asyncio.run(scenario())


@pytest.fixture
def course(tmp_path):
    """The Mali course with three drafts and a question whose text looks like markup."""
    folder = tmp_path / "mali"
    shutil.copytree(MALI, folder)
    bank = folder / "bank.yaml"
    text = bank.read_text()
    for question_id in ("moura-town-name", "moura-region", "mondoro-counterattack"):
        text = text.replace(f"  - id: {question_id}\n", f"  - id: {question_id}\n    status: draft\n", 1)
    text += (
        "\n  # a question whose text looks like markup\n"
        "  - id: markup-lookalike\n"
        "    type: short\n"
        f"    prompt: {NASTY_PROMPT!r}\n"
        "    answer: Iyad Ag Ghali\n"
        "    explain: '[@click=app.quit]not an action[/]'\n"
        "    source: Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali\n"
        "    topics: ['[red]leaders[/red]']\n"
    )
    bank.write_text(text)
    return folder


EDITOR_WORKERS = {"load", "check", "save", "autosave", "form"}


async def settle(pilot) -> None:
    """Wait until the editor's workers are done and their messages handled, the autosave included."""
    def busy() -> bool:
        return any(w.is_running and w.group in EDITOR_WORKERS for w in pilot.app.workers)

    for _ in range(2000):
        await pilot.pause(0.01)
        screens = [s for s in pilot.app.screen_stack if isinstance(s, EditorScreen)]
        timer = any(s._autosave_timer is not None for s in screens)
        if not timer and not busy():
            await pilot.pause()
            if not busy():
                return
    raise AssertionError("the editor's workers did not finish")


def editor(app) -> EditorScreen:
    return next(s for s in app.screen_stack if isinstance(s, EditorScreen))


def rows(app) -> list[str]:
    return [editor(app).model.entry(k).id for k in editor(app).shown_keys]


def issues_shown(screen) -> list[str]:
    return [line for box in screen.query(Issues) if box.display for line in box.visual.plain.splitlines()]


async def search(pilot, text: str) -> None:
    await pilot.press("slash")
    field = pilot.app.screen.query_one("#search")
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


async def open_question(pilot, question_id: str) -> QuestionScreen:
    await search(pilot, f"id:{question_id}")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen) and screen.entry.id == question_id
    return screen


async def type_into(pilot, loc, text: str, *, clear: bool = True) -> None:
    """Focus a field of the form and type into it, key by key, as an author would."""
    form = pilot.app.screen.query_one(Form)
    form.focus_loc(loc)
    await pilot.pause()
    widget = pilot.app.focused
    assert widget.field_loc == loc
    if clear:
        widget.select_all()
        await pilot.press("backspace")
    # The first keys one by one, the rest as a paste: typed or pasted, each change reaches the form.
    for character in text[:3]:
        await pilot.press(character if character != " " else "space")
    if text[3:]:
        if isinstance(widget, TextArea):
            widget.insert(text[3:])
        else:
            widget.insert_text_at_cursor(text[3:])
    await settle(pilot)


async def back_to_list(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)
    await search(pilot, "")


def test_a_whole_editing_session_then_the_file_on_disk(course):
    bank = course / "bank.yaml"
    comments_before = [line for line in bank.read_text().splitlines() if line.strip().startswith("#")]

    async def scenario():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            total = len(editor(app).model.entries)
            assert len(rows(app)) == total and "no problems" not in app.screen.query_one("#head").visual.plain

            # filter
            await search(pilot, "type:cloze")
            assert rows(app) and all(editor(app).model.entry(k).type == "cloze" for k in editor(app).shown_keys)
            await search(pilot, "status:draft")
            assert rows(app) == ["moura-town-name", "moura-region", "mondoro-counterattack"]
            await search(pilot, "has:errors")
            assert rows(app) == []
            await search(pilot, "")

            # a field with an error, its message, then fixed
            screen = await open_question(pilot, "ansar-dine-founder")
            await type_into(pilot, ("answer",), "")
            assert issues_shown(screen) == ["✗ answer: String should have at least 1 character"]
            assert screen.query_one(Form).row(("answer",)).has_class("-error")
            await type_into(pilot, ("answer",), "Iyad Ag Ghali")
            assert issues_shown(screen) == []

            # a quote not in the material, marked, and the nearest passage shown beside
            await type_into(pilot, ("source",), "Ansar al Din was set up late in 2011 by Iyad Ag Ghali")
            assert any("quote not found in the material" in line for line in issues_shown(screen))
            await pilot.press("f3")
            spots = screen.query_one("#spots").visual.plain
            assert "not in the material; nearest" in spots and "% alike" in spots
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert issues_shown(screen) == [] and screen.query_one("#spots").visual.plain.startswith("● source:")

            # try it, as a learner
            await pilot.press("f4")
            await settle(pilot)
            assert isinstance(app.screen, TryIt)
            app.screen.query_one("#try-line").value = "Ag Ghali"
            await pilot.press("enter")
            assert app.screen.query_one("#verdict").visual.plain.startswith("✓ Right.")
            app.screen.query_one("#try-line").value = "Amadou Koufa"
            await pilot.press("enter")
            assert app.screen.query_one("#verdict").visual.plain.startswith("✗ The answer is Iyad Ag Ghali.")
            await pilot.press("escape")
            await back_to_list(pilot)

            # add a question from its type's template, fill it in
            await pilot.press("a")
            assert isinstance(app.screen, TypePicker)
            await pilot.press(*["down"] * ["choice", "cloze", "match", "multi", "numeric", "order", "short"].index("short"))
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.entry.id == "new-short"
            assert len(issues_shown(screen)) == 3  # prompt, answer and explain are to be filled
            await type_into(pilot, ("prompt",), "Who led the MNLA's politics?")
            await type_into(pilot, ("answer",), "Bilal Ag Acherif")
            await type_into(pilot, ("explain",), "He was its secretary general.")
            await type_into(pilot, ("topics",), "leaders")
            assert [line for line in issues_shown(screen) if line.startswith("✗")] == []
            await back_to_list(pilot)

            # duplicate, delete, reorder
            await search(pilot, "id:ansar-dine-founder")
            await pilot.press("d")
            await settle(pilot)
            assert rows(app) == ["ansar-dine-founder", "ansar-dine-founder-copy"]
            await pilot.press("x")
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await settle(pilot)
            assert rows(app) == ["ansar-dine-founder"]
            await search(pilot, "")
            model = editor(app).model
            first, second = model.entries[0].id, model.entries[1].id
            table = app.screen.query_one("#questions")
            table.move_cursor(row=0)
            await pilot.press("shift+down")
            await settle(pilot)
            assert [e.id for e in model.entries[:2]] == [second, first]

            # accept the drafts in bulk, undo, redo
            await search(pilot, "status:draft")
            await pilot.press("ctrl+a", "y")
            await settle(pilot)
            assert not any(e.draft for e in model.entries)
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert sum(e.draft for e in model.entries) == 3
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert not any(e.draft for e in model.entries)
            assert autosave_path(bank).exists()

            # save
            await search(pilot, "")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "Saved" in app.screen.query_one("#note").visual.plain
            assert not model.modified and not autosave_path(bank).exists()
            await pilot.press("ctrl+q")
            await settle(pilot)
        assert not app.is_running

    run(scenario)
    text = bank.read_text()
    assert [line for line in text.splitlines() if line.strip().startswith("#")] == comments_before
    assert check_bank(course) == [] or all(p.severity == "warning" for p in check_bank(course))
    assert "status: draft" not in text and "id: new-short" in text and "Bilal Ag Acherif" in text
    assert "ansar-dine-founder-copy" not in text and NASTY_PROMPT in text


def test_saving_a_bank_that_does_not_validate_is_refused_and_the_file_left_alone(course):
    bank = course / "bank.yaml"
    before = bank.read_text()

    async def scenario():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_question(pilot, "ansar-dine-founder")
            await type_into(pilot, ("prompt",), "")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, Problems)
            shown = app.screen.query_one(".problems Static").visual.plain
            assert "question 'ansar-dine-founder': prompt: String should have at least 1 character" in shown

    run(scenario)
    assert bank.read_text() == before


def test_leaving_with_unsaved_changes_asks_first(course):
    bank = course / "bank.yaml"
    before = bank.read_text()

    async def scenario():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("ctrl+q")
            assert isinstance(app.screen, Confirm)
            await pilot.press("escape")
            assert isinstance(app.screen, EditorScreen) and app.is_running
            await pilot.press("ctrl+q", "d")
            await settle(pilot)
        assert not app.is_running

    run(scenario)
    assert bank.read_text() == before and not autosave_path(bank).exists()


def test_edits_left_by_a_crash_are_offered_back_on_the_next_start(course):
    bank = course / "bank.yaml"

    async def crash_after_an_edit():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_question(pilot, "ansar-dine-founder")
            await type_into(pilot, ("answer",), "Iyad ag Ghali the founder")
            assert autosave_path(bank).exists()
            app.exit()  # as a kill would: no question asked, nothing saved

    async def start_again():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, Confirm) and "Restore them?" in app.screen.text
            await pilot.press("r")
            await settle(pilot)
            model = editor(app).model
            entry = next(e for e in model.entries if e.id == "ansar-dine-founder")
            assert entry.data["answer"] == "Iyad ag Ghali the founder" and model.modified
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert not autosave_path(bank).exists()

    run(crash_after_an_edit)
    assert "Iyad ag Ghali the founder" not in bank.read_text()
    run(start_again)
    assert "answer: Iyad ag Ghali the founder" in bank.read_text()


def test_course_text_that_looks_like_markup_is_shown_literally(course):
    async def scenario():
        app = EditorApp(course / "bank.yaml")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await search(pilot, "id:markup-lookalike")
            assert rows(app) == ["markup-lookalike"]
            screen = await open_question(pilot, "markup-lookalike")
            form = screen.query_one(Form)
            assert form.shown(form.row(("prompt",))) == NASTY_PROMPT
            assert form.shown(form.row(("topics",))) == ["[red]leaders[/red]"]
            await pilot.press("f2")
            assert "[@click=app.quit]not an action[/]" in screen.query_one("#yaml").text
            await pilot.press("f2", "f4")
            await settle(pilot)
            assert NASTY_PROMPT in app.screen.query_one(".try-question Static").visual.plain
            await pilot.press("escape")
            assert app.is_running

    run(scenario)


def test_a_nested_field_gets_items_added_moved_and_removed(course):
    async def scenario():
        app = EditorApp(course / "bank.yaml")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_question(pilot, "moura-figures-match")
            pairs = dict(screen.entry.data["pairs"])
            form = screen.query_one(Form)
            form.focus_loc(("pairs", 0, "left"))
            await pilot.press("ctrl+n")
            await settle(pilot)
            await type_into(pilot, ("pairs", 1, "left"), "27")
            await type_into(pilot, ("pairs", 1, "right"), "the day the killings began")
            assert list(screen.entry.data["pairs"])[:2] == [next(iter(pairs)), "27"]
            await pilot.press("alt+up")
            await settle(pilot)
            assert list(screen.entry.data["pairs"])[0] == "27"
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert screen.entry.data["pairs"] == pairs

    run(scenario)


def test_the_course_picker_opens_the_editor_with_e(course, store, clock, tmp_path):
    from datetime import timezone

    from tutor.tui.app import TutorApp

    other = tmp_path / "other"
    shutil.copytree(MALI, other)

    async def scenario():
        app = TutorApp(store.path, [other, course], "ana", clock=clock, tz=timezone.utc)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                await pilot.pause(0.01)
                if app.screen.__class__.__name__ == "CourseScreen":
                    break
            await pilot.press("down", "e")
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen) and app.screen.path == course / "bank.yaml"
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "CourseScreen"

    run(scenario)


def test_tutor_edit_names_a_course_it_cannot_find():
    from tutor.cli import main

    assert main(["edit", "no-such-course"]) == 1


def test_a_check_that_lands_while_a_question_opens_waits_for_its_form(course):
    """CI once saw a check arrive between pushing a question's screen and its form being made: NoMatches."""
    async def scenario():
        app = EditorApp(course / "bank.yaml")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            owner = editor(app)
            key = owner.shown_keys[0]
            entry = owner.model.entry(key)
            screen = QuestionScreen(owner, key)
            app.push_screen(screen)
            from tutor.tui.editor.messages import Checked
            owner._checked(Checked({entry: owner.current_check(entry)}, {}, whole=False))  # before compose
            await settle(pilot)
            assert app.screen is screen and screen.query_one(Form).display
            assert screen.query_one("#qhead").visual.plain.startswith(f"{entry.type} {entry.id}")

    run(scenario)


def test_a_control_character_in_a_field_is_shown_as_its_escape(course):
    # Tried in tmux: an answer holding ESC [2J (imported from a Quizlet file) wiped the editor's form.
    bank = course / "bank.yaml"
    bank.write_text(bank.read_text().replace("    answer: Iyad Ag Ghali\n    explain: '[@click",
                                             '    answer: "Iyad\\e[2J Ag Ghali"\n    explain: \'[@click', 1))

    async def scenario():
        app = EditorApp(bank)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_question(pilot, "markup-lookalike")
            await settle(pilot)
            form = screen.query_one(Form)
            assert form.shown(form.row(("answer",))) == "Iyad\\x1b[2J Ag Ghali"
            assert not any("\x1b" in str(getattr(w, "value", "")) for w in screen.query(".editor"))

    run(scenario)


def test_a_bank_whose_material_is_missing_is_never_shown_as_having_no_problems(course):
    # Tried by hand: a Quizlet import (no --material) showed "no problems" where `bank check` failed.
    (course / "material.md").unlink()

    async def scenario():
        app = EditorApp(course / "bank.yaml")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            head = app.screen.query_one("#head").visual.plain
            assert "no material" in head and "no problems" not in head

    run(scenario)
