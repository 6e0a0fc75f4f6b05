"""What the learner sees at 80x24: the study screen, feedback and the summary."""

from datetime import timezone
from pathlib import Path

from tutor.tui.app import TutorApp

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def app(store, clock):
    return TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)


async def answer(pilot, text):
    entry = pilot.app.screen.query_one("#entry")
    entry.value = text
    await pilot.press("enter")
    await settle(pilot)


def test_study_screen_asks_the_first_question(snap_compare, store, clock):
    assert snap_compare(app(store, clock), terminal_size=(80, 24), run_before=settle)


def test_feedback_marks_the_answer_in_the_passage(snap_compare, store, clock):
    async def founder_answered(pilot):
        await settle(pilot)
        pilot.app.session.pose("ansar-dine-founder")
        await settle(pilot)
        await answer(pilot, "Ag Ghali")

    assert snap_compare(app(store, clock), terminal_size=(80, 24),
                        run_before=founder_answered)


def test_choice_question_shows_numbered_options(snap_compare, store, clock):
    async def choice_asked(pilot):
        await settle(pilot)
        pilot.app.session.pose("mnla-secretary-general")
        await settle(pilot)

    assert snap_compare(app(store, clock), terminal_size=(80, 24),
                        run_before=choice_asked)


def test_summary_after_quit(snap_compare, store, clock):
    async def quit_after_one(pilot):
        await settle(pilot)
        await answer(pilot, "around 300")
        clock.advance(minutes=3)
        await answer(pilot, "quit")

    assert snap_compare(app(store, clock), terminal_size=(80, 24),
                        run_before=quit_after_one)
