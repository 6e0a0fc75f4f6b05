"""The statistics screen at 80x24: opened with F4 from the study screen, a tab per figure, and the
hardest question studied from it; course text shown as written."""

import asyncio
from datetime import timezone
from pathlib import Path

import pytest

from tutor.tui.app import TutorApp
from tutor.tui.screens import StudyScreen
from tutor.tui.session import StatsReady

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def app(store, clock):
    return TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)


async def answered_some(pilot, clock) -> None:
    """Three answers over two days, the second one wrong, then the statistics screen."""
    await settle(pilot)
    for question_id, text, days in (("ansar-dine-founder", "Ag Ghali", 0), ("mnla-secretary-general", "I don't know", 0),
                                     ("ansar-dine-founder", "Iyad Ag Ghali", 3)):
        clock.advance(days=days, minutes=5)
        pilot.app.session.pose(question_id)
        await settle(pilot)
        pilot.app.screen.query_one("#entry").value = text
        await pilot.press("enter")
        await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)


def opened_on(tab: str):
    async def run_before(pilot) -> None:
        await answered_some(pilot, pilot.app.session.clock)
        if tab != "overview":
            pilot.app.screen.query_one("#stats-tabs").active = tab
            await pilot.pause()
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("tab", ["overview", "calendar", "forecast", "retention", "topics", "hardest"])
def test_each_tab_reads_at_80x24(snap_compare, store, clock, tab):
    assert snap_compare(app(store, clock), terminal_size=(80, 24), run_before=opened_on(tab))


def test_a_learner_with_no_answers_sees_a_friendly_no_reviews_yet(snap_compare, store, clock):
    async def straight_to_stats(pilot):
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(app(store, clock), terminal_size=(80, 24), run_before=straight_to_stats)


def test_study_it_now_asks_the_hardest_question_in_the_chat(store, clock):
    asyncio.run(study_it_now(app(store, clock), clock))


async def study_it_now(tutor, clock):
    async with tutor.run_test(size=(80, 24)) as pilot:
        await answered_some(pilot, clock)
        screen = pilot.app.screen
        hardest = screen.figures.hardest[0].question_id
        assert hardest == "mnla-secretary-general"  # the one answered wrong: lowest retrievability
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StudyScreen)
        assert tutor.engine.question.id == hardest


def test_escape_goes_back_to_the_chat_as_it_was(store, clock):
    asyncio.run(escape_back(app(store, clock), clock))


async def escape_back(tutor, clock):
    async with tutor.run_test(size=(80, 24)) as pilot:
        await answered_some(pilot, clock)
        asked = tutor.engine.question
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StudyScreen) and tutor.engine.question is asked


class Figures:
    """A session that answers the statistics screen with figures given, and does nothing else."""

    def __init__(self, figures) -> None:
        self.figures = figures

    def statistics(self, reply_to) -> None:
        reply_to.post_message(StatsReady(self.figures))

    def replied(self) -> None:
        pass


def test_topics_and_question_ids_are_shown_literally():
    asyncio.run(shown_literally())


async def shown_literally():
    from datetime import date

    from textual.app import App

    from progress.statistics import CardStates, Day, Hard, Retention, Statistics, Topic
    from tutor.tui.stats import StatsScreen

    markup = "[b]bold[/b] [@click=app.quit]x"
    figures = Statistics(
        learner=markup, bank_id="b", today=date(2026, 3, 31), desired_retention=0.9,
        calendar=tuple(Day(date.fromordinal(date(2025, 4, 1).toordinal() + i), i % 3) for i in range(365)),
        streak=1, forecast=tuple(Day(date(2026, 4, 1), 0) for _ in range(30)),
        true_retention={name: Retention() for name in ("day", "week", "month", "year")}, retention_by_month=(),
        cards=CardStates(new=1), topics=(Topic(markup, 0, 1),), hardest=(Hard(markup, 1, 0.5),), mastered=0,
        questions=1,
    )  # fmt: skip
    tutor = App()
    async with tutor.run_test(size=(80, 24)) as pilot:
        screen = StatsScreen(Figures(figures))
        tutor.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        texts = [str(static.render()) for static in screen.query("Static")]
        assert any(markup in text for text in texts)  # the title names the learner as written
        screen.query_one("#stats-tabs").active = "topics"
        await pilot.pause()
        assert any(markup in str(static.render()) for static in screen.query(".topic"))
        screen.query_one("#stats-tabs").active = "hardest"
        await pilot.pause()
        options = screen.query_one("#hardest-list")
        assert markup in str(options.get_option_at_index(0).prompt)
        assert tutor.is_running  # the [@click=app.quit] did nothing
