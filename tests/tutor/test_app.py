"""Whole sessions through the real Textual app and a real database, driven by Pilot."""

import asyncio
from datetime import timezone
from pathlib import Path

from content.questions import Choice, Order, Pairs
from progress.store import Store
from tutor.tui.app import TutorApp
from tutor.tui.screens import StudyScreen
from tutor.study.engine import Phase
from tutor.tui.widgets import AnswerPad, ChatMessage

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def run(scenario):
    asyncio.run(scenario())


def chat(app) -> list[ChatMessage]:
    return list(app.screen.query(ChatMessage))


def shown(widget: ChatMessage) -> str:
    return widget.visual.plain


def make_app(store, clock, learner="ana", courses=(MALI,)):
    return TutorApp(store.path, list(courses), learner, clock=clock, tz=timezone.utc)


async def type_line(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry")
    entry.focus()
    entry.value = text
    await pilot.press("enter")
    await settle(pilot)


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def pose(pilot, question_id: str) -> None:
    pilot.app.session.pose(question_id)
    await settle(pilot)


def test_a_whole_session_answer_rate_go_on_undo_quit_and_reopen(store, clock, tmp_path):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, StudyScreen)
            engine = app.engine
            question = engine.question
            await pose(pilot, "ansar-dine-founder")
            await type_line(pilot, "Iyad Ag Ghali")
            feedback = [m for m in chat(app) if m.has_class("feedback")]
            assert feedback and shown(feedback[-1]).startswith("Right.")
            await press(pilot, "4")
            assert shown(chat(app)[-1]).startswith("Rated Easy")
            assert [r.rating for r in store.reviews(engine.learner.id)] == [4]
            await press(pilot, "enter")
            assert engine.phase is Phase.ASKING and question is not None
            await type_line(pilot, "undo")
            assert list(store.reviews(engine.learner.id)) == []
            assert engine.question.id == "ansar-dine-founder"
            await type_line(pilot, "Ag Ghali")
            await type_line(pilot, "quit")
            assert "1 answered, 1 right" in shown(chat(app)[-1])
            await press(pilot, "enter")
        assert app.summary and "1 answered, 1 right" in app.summary
        again = make_app(Store.open(store.path), clock)
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            status = again.screen.query_one("#status").visual.plain
            assert "done today 1" in status and "new 19" in status

    run(scenario)


def test_choice_is_answered_with_a_number_key(store, clock, mali_course):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            question = next(q for q in mali_course.bank.questions if isinstance(q, Choice))
            await pose(pilot, question.id)
            assert app.focused is app.screen.query_one("#entry")  # the line keeps the focus; digits pick
            await press(pilot, str(question.shown_options().index(question.answer) + 1))
            assert app.engine.phase is Phase.FEEDBACK
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")

    run(scenario)


def test_order_items_are_moved_with_the_keyboard(store, clock, mali_course):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            question = next(q for q in mali_course.bank.questions if isinstance(q, Order))
            await pose(pilot, question.id)
            pad = app.screen.query_one(AnswerPad)
            # Selection sort with the keys a learner presses: go to the item, move it up.
            for target, item in enumerate(i.text for i in question.items):
                at = pad.pad.options.index(item)
                while pad.pad.cursor != at:
                    await pilot.press("down" if pad.pad.cursor < at else "up")
                while pad.pad.cursor != target:
                    await pilot.press("shift+up")
            await press(pilot, "enter")
            assert app.engine.phase is Phase.FEEDBACK
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")

    run(scenario)


def test_match_pairs_are_picked_with_number_then_letter(store, clock, mali_course):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            question = next(q for q in mali_course.bank.questions if isinstance(q, Pairs))
            await pose(pilot, question.id)
            for n, right in enumerate(question.pairs.values(), 1):
                await pilot.press(str(n), chr(97 + question.shown_options().index(right)))
            await press(pilot, "enter")
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")

    run(scenario)


def test_truefalse_is_answered_with_a_number_key_or_typed(store, clock, mali_course):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            question = next(q for q in mali_course.bank.questions if q.type == "truefalse" and not q.answer)
            await pose(pilot, question.id)
            await press(pilot, "2")  # 1 true, 2 false
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")
            await press(pilot, "enter")
            await pose(pilot, question.id)
            await press(pilot, "f", "enter")  # or typed
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")

    run(scenario)


NASTY = [
    "[/]",
    "[@click=app.quit]quit[/]",
    "list[int]",
    "[bold red]not bold[/bold red]",
    "שלום עולם مرحبا",
    "e\u0301e\u0301 Z\u0351\u0351\u0351",
    "x" * 10_000,
]


def test_learner_text_is_shown_literally_and_never_acts(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for text in NASTY:
                await type_line(pilot, text)
                echoes = [m for m in chat(app) if m.has_class("learner")]
                assert shown(echoes[-1]) == text
                await type_line(pilot, "")
            assert app.is_running

    run(scenario)


def test_course_text_with_brackets_is_shown_literally(store, clock, mali_course):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            question = mali_course.bank.question("koufa-associate-interrogation-city")
            await pose(pilot, question.id)
            await type_line(pilot, "I don't know")
            feedback = [m for m in chat(app) if m.has_class("feedback")][-1]
            assert "brought into interrogation in [the Malian capital] Bamako" in shown(feedback)

    run(scenario)


def test_a_new_learner_is_created_and_remembered_next_time(store, clock):
    async def scenario():
        store.learner("bob")
        app = make_app(store, clock, learner=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            entry = app.screen.query_one("#new-learner")
            entry.focus()
            entry.value = "Zoë [admin]"
            await press(pilot, "enter")
            assert isinstance(app.screen, StudyScreen) and app.engine.learner.name == "Zoë [admin]"
        assert store.last_learner().name == "Zoë [admin]"
        again = make_app(store, clock, learner=None)
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "enter")  # the last learner is highlighted first
            assert again.engine.learner.name == "Zoë [admin]"

    run(scenario)


def test_with_several_courses_the_learner_picks_one(store, clock, tmp_path):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(MALI, other)
    (other / "bank.yaml").write_text((other / "bank.yaml").read_text().replace("id: mali\n", "id: other\n", 1))

    async def scenario():
        app = make_app(store, clock, courses=(MALI, other))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "down", "enter")
            assert app.engine.bank_id == "other"

    run(scenario)


def test_f6_counts_a_typed_answer_marked_wrong_as_right(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "ansar-dine-founder")
            await type_line(pilot, "Iyad")
            pad = app.screen.query_one(AnswerPad)
            assert "F6 or 'I was right' counts it right" in pad.visual.plain
            assert pad.visual.plain.startswith("Not quite.")
            await press(pilot, "f6")
            assert pad.visual.plain.startswith("Counted as right.") and pad.rating == 3
            assert "F6 or 'I was right'" not in pad.visual.plain
            assert shown(chat(app)[-1]).startswith("Counted as right and rated Good")
        with Store.open(store.path) as again:
            (review,) = again.reviews(again.last_learner().id)
            assert review.overridden and review.rating == 3 and review.response == "Iyad"

    run(scenario)


def test_a_cloze_with_several_blanks_has_a_field_each_and_tab_goes_between_them(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "moura-dates-population-cloze")  # "between March ___ and 31 ... around ___ inhabitants"
            pad, entry = app.screen.query_one(AnswerPad), app.screen.query_one("#entry")
            assert "blank 2: ___" in pad.visual.plain
            await pilot.press(*"72")
            await press(pilot, "tab")
            assert app.focused is entry and entry.value == "" and "blank 1: 72" in pad.visual.plain
            await pilot.press(*"10,000")
            await press(pilot, "shift+tab")
            assert entry.value == "72"  # back in blank 1, its text to edit
            await pilot.press("backspace", "backspace", *"27")
            await press(pilot, "tab")
            assert entry.value == "10,000"
            await press(pilot, "enter")
            feedback = [m for m in chat(app) if m.has_class("feedback")][-1]
            assert feedback.has_class("right")
            assert "27; 10,000" in [shown(m) for m in chat(app)][-3]  # the learner's line, as sent
            await press(pilot, "enter")
            # typed in one go, ';' parts the blanks as before
            await pose(pilot, "moura-dates-population-cloze")
            await type_line(pilot, "27; 10,000")
            assert [m for m in chat(app) if m.has_class("feedback")][-1].has_class("right")
        with Store.open(store.path) as again:
            assert [r.response for r in again.reviews(again.last_learner().id)] == ["27 | 10,000"] * 2  # the blanks as read

    run(scenario)


def test_keys_typed_while_the_course_loads_are_kept_and_enter_waits_for_the_first_question(store, clock):
    """The study screen takes keys from its first frame; an Enter pressed before the question is shown
    is not lost: it answers the question once the question is on screen."""
    import sqlite3

    async def scenario():
        # Another writer holds the database: the study thread waits to add the learner, so the
        # course is still loading while the keys are typed.
        writer = sqlite3.connect(store.path)
        writer.execute("BEGIN IMMEDIATE")
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StudyScreen)
            for key in "abc":
                await pilot.press(key)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#entry").value == "abc"  # kept on the line, not yet sent
            assert chat(app) == [] and app.engine is None
            writer.rollback()
            await settle(pilot)
            turns = [(widget.has_class("learner"), shown(widget)) for widget in chat(app)]
            asked = next(i for i, widget in enumerate(chat(app)) if widget.has_class("question"))
            assert turns[asked + 1] == (True, "abc")  # the learner's line, after the question it answers
            assert turns[asked + 2][0] is False  # and the tutor's reply to it
            assert app.screen.query_one("#entry").value == ""
        writer.close()

    run(scenario)


def test_an_enter_typed_before_the_app_had_the_terminal_still_submits_the_line(store, clock):
    """The terminal's line mode turns an Enter typed before the app starts into a newline (ctrl+j)."""
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("a", "b", "c", "ctrl+j")
            await settle(pilot)
            assert [shown(w) for w in chat(app) if w.has_class("learner")] == ["abc"]
            assert app.screen.query_one("#entry").value == ""

    run(scenario)
