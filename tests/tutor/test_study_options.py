"""What the study engine asks of the real Mali course: new cards spread over it, and study by topic."""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys
from datetime import timezone

from progress.review import EASY
from tests.conftest import MALI
from tests.tutor.conftest import settle
from tutor.study.engine import Engine, Phase
from tutor.tui.app import TutorApp
from tutor.tui.settings import SettingsScreen

# The order gives 20 distinct paragraphs in the first 20 new cards today (of 31 with questions);
# the floor leaves room for the bank to change.
FIRST_NEW_PARAGRAPHS = 15
FEW = "earlier Tuareg rebellions"  # a small topic of the course


def paragraph(course, question) -> int:
    return course.material.sentences[course.passages(question)[0].sentences[0]].paragraph


def study(engine: Engine, count: int) -> list[tuple[object, bool]]:
    """The questions the engine asks, up to `count`, each answered 'I don't know'; with whether it was new."""
    asked = []
    messages = engine.start()
    while engine.phase is Phase.ASKING and len(asked) < count:
        card = engine.store.card(engine.learner.id, engine.bank_id, engine.question.id)
        asked.append((engine.question, card.is_new))
        engine.say("I don't know")
        messages = engine.say("")
    assert asked, messages
    return asked


def choose_topics(engine: Engine, *topics: str) -> None:
    """Save topics as the settings screen does."""
    engine.start()
    saved, *_ = engine.change_settings(dataclasses.replace(engine.settings(), topics=topics))
    assert saved.text == "Settings saved."


def test_the_first_twenty_new_cards_cover_most_paragraphs_and_every_topic(engine, mali_course):
    asked = study(engine, 20)
    assert len(asked) == 20 and all(new for _, new in asked)
    paragraphs = {paragraph(mali_course, q) for q, _ in asked}
    assert len(paragraphs) >= FIRST_NEW_PARAGRAPHS, sorted(paragraphs)
    assert {t for q, _ in asked for t in q.topics} == {t for q in mali_course.bank.questions for t in q.topics}


def test_study_by_topic_limits_new_cards_and_reviews(engine, store, clock, mali_course):
    learner = engine.learner.id
    engine.start()
    for question in mali_course.bank.questions[::3]:  # studied well a while ago, of every topic
        store.record(learner, engine.bank_id, question.id, rating=EASY, revision=question.revision(), response="",
                     score=1.0, duration_ms=1000, hinted=False, now=clock.now)
    clock.advance(days=60)
    choose_topics(engine, FEW)
    studied_in_topic = sum(1 for q in mali_course.bank.questions[::3] if FEW in q.topics)
    assert engine.status().due == studied_in_topic

    asked = study(engine, 60)
    assert all(FEW in q.topics for q, _ in asked), [q.topics for q, _ in asked if FEW not in q.topics]
    assert sum(1 for _, new in asked if not new) == studied_in_topic
    in_topic = sum(1 for q in mali_course.bank.questions if FEW in q.topics)
    assert sum(1 for _, new in asked if new) == min(engine.settings().new_per_day, in_topic - studied_in_topic)
    assert engine.phase is Phase.IDLE and engine.status().due == 0


def test_a_question_waiting_outside_the_topics_chosen_gives_way_to_one_inside(engine, mali_course):
    engine.start()
    outside = next(q for q in mali_course.bank.questions if FEW not in q.topics)
    engine.pose(outside)
    saved, question = engine.change_settings(dataclasses.replace(engine.settings(), topics=(FEW,)))
    assert saved.text == "Settings saved." and FEW in engine.question.topics and engine.question.id == question.question_id

    inside = engine.question
    (saved,) = engine.change_settings(dataclasses.replace(engine.settings(), topics=(FEW, "roots of the crisis")))
    assert engine.question is inside and engine.phase is Phase.ASKING


def test_an_empty_topic_choice_studies_every_topic(engine, mali_course):
    choose_topics(engine, FEW)
    choose_topics(engine)
    asked = study(engine, 20)
    assert len({t for q, _ in asked for t in q.topics}) > 1


def test_a_topic_the_course_no_longer_has_is_ignored_with_a_note(engine, store, mali_course):
    store.update_settings(engine.learner.id, topics=["cooking", FEW])
    messages = engine.start()
    (note,) = [m for m in messages if m.kind == "info"]
    assert "'cooking'" in note.text and "studying the other topics chosen" in note.text
    assert FEW in engine.question.topics

    store.update_settings(engine.learner.id, topics=["cooking"])
    again = Engine(mali_course, store, "ana", clock=engine.clock)
    (note,) = [m for m in again.start() if m.kind == "info"]
    assert "studying every topic" in note.text
    assert again.question is not None and again.phase is Phase.ASKING


def test_topics_ticked_on_the_settings_screen_limit_what_the_app_asks(store, clock, mali_course):
    async def scenario():
        app = TutorApp(store.path, [MALI], "ana", clock=clock, tz=timezone.utc)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, SettingsScreen)
            await pilot.press("tab", "tab", "tab", "tab")  # to the topics, sorted: FEW is the second
            await pilot.press("down", "space", "ctrl+s")
            await settle(pilot)
            asked = []
            for _ in range(5):
                await pilot.press("i", "d", "k", "enter")
                await settle(pilot)
                await pilot.press("enter")
                await settle(pilot)
                asked.append(app.session.engine.question)
            return asked

    asked = asyncio.run(scenario())
    assert store.learner("ana").topics == (FEW,)
    assert all(FEW in q.topics for q in asked), [q.id for q in asked]


def test_tutor_settings_notes_a_topic_the_course_no_longer_has_and_keeps_working(store):
    ana = store.learner("ana")
    store.update_settings(ana.id, topics=["cooking", FEW])
    run = subprocess.run([sys.executable, "-m", "tutor.cli", "settings", "--db", str(store.path), "--course", "mali",
                          "--new-per-day", "5"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "this course has no topic 'cooking': ignored, the others are studied" in run.stdout
    assert store.learner("ana").new_per_day == 5 and store.learner("ana").topics == ("cooking", FEW)
