"""The study chat as a learner meets it, key by key: nothing typed is lost, nothing odd is graded."""

import asyncio
from datetime import timezone
from pathlib import Path

from textual import events

from tutor.study.engine import Phase
from tutor.tui.app import TutorApp
from tutor.tui.widgets import ChatMessage

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def run(scenario):
    asyncio.run(scenario())


def make_app(store, clock, learner="ana"):
    return TutorApp(store.path, [MALI], learner, clock=clock, tz=timezone.utc)


def chat(app, role="tutor") -> list[str]:
    return [m.visual.plain for m in app.screen.query(ChatMessage) if m.has_class(role)]


async def keys(pilot, text: str) -> None:
    """Type a line one key at a time, as a person does, and press Enter."""
    for character in text:
        await pilot.press("space" if character == " " else character)
    await pilot.press("enter")
    await settle(pilot)


async def pose(pilot, question_id: str) -> None:
    pilot.app.session.pose(question_id)
    await settle(pilot)


def test_a_command_typed_after_feedback_arrives_whole(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "ansar-dine-founder")
            await keys(pilot, "Ag Ghali")
            assert app.engine.phase is Phase.FEEDBACK
            await keys(pilot, "why")
            assert chat(app, "learner")[-1] == "why"
            assert "Ansar al Din was formed" in chat(app)[-1]  # the paragraph, not the next question
            assert app.engine.phase is Phase.FEEDBACK

    run(scenario)


def test_every_letter_typed_on_a_picking_question_reaches_the_line(store, clock, mali_course):
    picking = {q.type: q for q in reversed(mali_course.bank.questions) if q.pad}
    assert set(picking) == {"choice", "multi", "truefalse", "order", "match", "cloze"}  # cloze: several blanks

    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for question in picking.values():
                await pose(pilot, question.id)
                await keys(pilot, "I don't know")
                assert chat(app, "learner")[-1] == "I don't know", question.type
                assert app.engine.phase is Phase.FEEDBACK
                assert chat(app)[-2].startswith("No matter: here it is."), question.type
                await pilot.press("enter")
                await settle(pilot)
                await pose(pilot, question.id)
                await keys(pilot, "skip")
                assert chat(app, "learner")[-1] == "skip", question.type
                assert any(line.startswith("Skipped") for line in chat(app)[-3:]), question.type

    run(scenario)


def test_a_paste_goes_to_the_line_whole(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "moura-alleged-perpetrators")  # a choice question: digits pick
            entry = app.screen.query_one("#entry")
            entry.post_message(events.Paste("12 Malian troops\nand suspected\nRussian fighters"))
            await pilot.pause()
            assert entry.value == "12 Malian troops and suspected Russian fighters"

    run(scenario)


def test_a_new_name_typed_in_the_learner_picker_makes_a_new_learner(store, clock):
    store.learner("bob")

    async def scenario():
        app = make_app(store, clock, learner=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await keys(pilot, "Zoe")
            assert app.engine.learner.name == "Zoe"

    run(scenario)


def test_enter_in_the_learner_picker_takes_the_highlighted_learner(store, clock):
    store.learner("bob")
    store.learner("cleo")

    async def scenario():
        app = make_app(store, clock, learner=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert store.last_learner().name == "cleo"  # highlighted first
            await pilot.press("down")  # past the end: back to the top of the list, bob
            await keys(pilot, "")
            assert app.engine.learner.name == "bob"

    run(scenario)


async def a_chat_longer_than_the_screen(pilot):
    """Three questions answered, so that the chat scrolls; its scroller."""
    await settle(pilot)
    for _ in range(3):
        await keys(pilot, "I don't know")
        await keys(pilot, "")
    return pilot.app.screen.query_one("#chat")


def test_new_turns_come_into_view_after_scrolling_up(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            scroller = await a_chat_longer_than_the_screen(pilot)
            await pilot.press("pageup", "pageup")
            await pilot.pause()
            assert scroller.scroll_y < scroller.max_scroll_y
            await keys(pilot, "hint")
            await pilot.pause()
            assert scroller.scroll_y == scroller.max_scroll_y

    run(scenario)


def test_what_is_no_answer_gets_a_hint_of_what_to_type_not_a_grade(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "moura-alleged-perpetrators")  # four options
            await keys(pilot, "7")
            assert app.engine.phase is Phase.ASKING and "not one of the options" in chat(app)[-1]
            await keys(pilot, "help")
            assert app.engine.phase is Phase.ASKING
            await pilot.press("escape")
            await settle(pilot)
            assert list(store.reviews(app.engine.learner.id)) == []

    run(scenario)


def test_enter_with_nothing_due_looks_again_and_asks_what_has_come_due(store, clock):
    learner = store.learner("ana")
    store.update_settings(learner.id, new_per_day=1)

    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await keys(pilot, "I don't know")
            await keys(pilot, "")
            assert app.engine.phase is Phase.IDLE
            assert "Nothing more is due now" in chat(app)[-1] and "The next review is now" not in chat(app)[-1]
            clock.advance(minutes=15)  # past the first learning step
            await keys(pilot, "")
            assert app.engine.phase is Phase.ASKING
            assert "due 0" not in app.screen.query_one("#status").visual.plain or app.engine.question

    run(scenario)


def test_the_header_keeps_todays_figures_and_the_streak_at_80_columns(store, clock):
    from tutor.study.engine import Status
    from tutor.tui.screens import status_line

    status = Status(Phase.ASKING, "Ana-Sofía Maria", "Tuareg and Islamist insurrection in Mali", 12, 20, 143, 365)
    line = status_line(status, 78)
    assert len(line) <= 78
    assert line.endswith("due 12 · new 20 · done today 143 · streak 365") and line.startswith("Ana-Sofía Maria · Tuareg")


def test_the_verdict_stays_in_view_after_long_feedback(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pose(pilot, "ansar-dine-founder")
            await keys(pilot, "Mokhtar Belmokhtar")
            await keys(pilot, "why")  # a whole paragraph pushes the feedback up and away
            assert "Not quite." in app.screen.query_one("#pad").visual.plain

    run(scenario)


def test_a_passage_quoting_itself_gets_no_second_quotation_mark():
    from tutor.study.engine import Message
    from tutor.tui.widgets import message_content

    shown = message_content(Message("reply", "Here:", passage="“We are at war,” he said.")).plain
    assert "““" not in shown and shown.endswith("he said.”")
    plain = message_content(Message("reply", "Here:", passage="The river rose.")).plain
    assert plain.endswith("“The river rose.”")


def test_ctrl_c_says_how_to_end_the_session(store, clock):
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.is_running
            assert any("type quit or press ctrl+q" in n.message for n in app._notifications)

    run(scenario)


def test_new_turns_come_into_view_after_scrolling_up_and_back_down(store, clock):
    # Tried in tmux: PageUp twice, PageDown four times, an answer: its feedback stood half below the fold.
    async def scenario():
        app = make_app(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            scroller = await a_chat_longer_than_the_screen(pilot)
            await pilot.press("pageup", "pageup", "pagedown", "pagedown", "pagedown", "pagedown")
            await pilot.pause(0.3)
            await keys(pilot, "I don't know")
            await pilot.pause()
            newest = list(app.screen.query(ChatMessage))[-1]
            assert scroller.scroll_y == scroller.max_scroll_y
            assert newest.region.bottom <= scroller.region.bottom

    run(scenario)
