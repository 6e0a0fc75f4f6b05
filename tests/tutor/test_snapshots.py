"""What the learner sees at 80x24: the study screen, feedback and the summary."""

from pathlib import Path

from tutor.tui.app import TutorApp

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


async def answer(pilot, text):
    entry = pilot.app.screen.query_one("#entry")
    entry.value = text
    await pilot.press("enter")
    await pilot.pause()


def test_study_screen_asks_the_first_question(snap_compare, store, clock):
    assert snap_compare(TutorApp(store, [MALI], "ana", clock=clock), terminal_size=(80, 24))


def test_feedback_marks_the_answer_in_the_passage(snap_compare, store, clock):
    async def founder_answered(pilot):
        app = pilot.app
        app.screen.show(app.engine.pose(app.engine.course.bank.question("ansar-dine-founder")))
        await pilot.pause()
        await answer(pilot, "Ag Ghali")

    assert snap_compare(TutorApp(store, [MALI], "ana", clock=clock), terminal_size=(80, 24),
                        run_before=founder_answered)


def test_choice_question_shows_numbered_options(snap_compare, store, clock):
    async def choice_asked(pilot):
        app = pilot.app
        app.screen.show(app.engine.pose(app.engine.course.bank.question("mnla-secretary-general")
                                        if any(q.id == "mnla-secretary-general" for q in app.engine.course.bank.questions)
                                        else next(q for q in app.engine.course.bank.questions if q.type == "choice")))
        await pilot.pause()

    assert snap_compare(TutorApp(store, [MALI], "ana", clock=clock), terminal_size=(80, 24),
                        run_before=choice_asked)


def test_summary_after_quit(snap_compare, store, clock):
    async def quit_after_one(pilot):
        await answer(pilot, "around 300")
        clock.advance(minutes=3)
        await answer(pilot, "quit")

    assert snap_compare(TutorApp(store, [MALI], "ana", clock=clock), terminal_size=(80, 24),
                        run_before=quit_after_one)
