"""A session's end keeps the next start's first turns; the next start shows them in its first frame.

The kept turns are only a head start: they are shown when the database and the course folder are as the
session left them and the study day is the same, the engine then asks that question if the queue may,
and its first reply takes their place.
"""

import asyncio
import json
import sqlite3
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from progress.queue import Queue
from progress.store import Store
from tutor.config import resume_cache
from tutor.study import resume
from tutor.study.engine import Engine
from tutor.study.turns import Message, Phase, Status
from tutor.tui import screens
from tutor.tui.app import TutorApp

from tests.tutor.conftest import settle

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


def kept_file(db: Path, learner: str = "ana") -> Path:
    return resume.kept_path(resume_cache(), db, learner, MALI, False)


async def study(db: Path, clock, *keys: str) -> TutorApp:
    app = TutorApp(db, [MALI], "ana", clock=clock, tz=timezone.utc)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    return app


def test_a_session_end_keeps_the_next_first_question_and_the_next_start_shows_it_before_loading(
        tmp_path, clock, monkeypatch):
    db = tmp_path / "progress.db"
    asyncio.run(study(db, clock, *"skip", "enter"))
    assert kept_file(db).exists()
    first = resume.kept(kept_file(db), db, MALI, now=clock().timestamp())
    assert first is not None and first.messages[0].kind == "greeting"

    shown = []
    real_show = screens.StudyScreen.show

    def watched(screen, messages, status, resumed=False):
        shown.append((resumed, screen.app.engine is None, [m.text for m in messages]))
        real_show(screen, messages, status, resumed)

    monkeypatch.setattr(screens.StudyScreen, "show", watched)
    app = TutorApp(db, [MALI], "ana", clock=clock, tz=timezone.utc)

    async def again():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            chat = [str(w.render()) for w in app.screen.query("ChatMessage")]
            assert app.engine.question.id == first.question_id
            # The study thread's reply took the kept turns' place: one greeting, one question.
            assert len(chat) == 2 and "Hello ana" in chat[0]
            await pilot.press("ctrl+q")

    asyncio.run(again())
    assert shown[0] == (True, True, [m.text for m in first.messages])  # before the engine existed
    assert shown[1][0] is False and shown[1][2] == shown[0][2]


def test_kept_turns_are_ignored_once_the_database_or_the_course_changed_or_the_day_ended(tmp_path, clock,
                                                                                       mali_course):
    db = tmp_path / "progress.db"
    asyncio.run(study(db, clock))
    path = kept_file(db)
    now = clock().timestamp()
    assert resume.kept(path, db, MALI, now=now) is not None
    assert resume.kept(path, db, MALI, now=now + 86400) is None  # another study day

    folder = tmp_path / "course"
    folder.mkdir()
    for f in MALI.iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    assert resume.kept(path, db, folder, now=now) is None  # the folder's files are not the same files

    with Store.open(db, tz=timezone.utc) as store:  # another process records an answer
        learner = store.learner("ana")
        assert resume.kept(path, db, MALI, now=now) is None  # and while it has the file open
        store.sync_bank(learner.id, mali_course.bank.id, mali_course.passage_keys())
        store.record(learner.id, mali_course.bank.id, "ansar-dine-founder", rating=3, revision="x", response="",
                     score=1.0, duration_ms=1, hinted=False, now=clock())
    assert resume.kept(path, db, MALI, now=now) is None


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"version": 1}', json.dumps({
    "version": 1, "db": None, "course": [], "until": 0, "messages": [{"kind": 3}], "status": {}, "question_id": 1})])
def test_a_kept_file_that_cannot_be_read_is_ignored(tmp_path, content):
    path = tmp_path / "kept.json"
    path.write_text(content, encoding="utf-8")
    assert resume.kept(path, tmp_path / "progress.db", MALI) is None


def test_a_kept_file_whose_turns_were_altered_is_ignored(tmp_path, clock):
    db = tmp_path / "progress.db"
    asyncio.run(study(db, clock))
    path = kept_file(db)
    assert resume.kept(path, db, MALI, now=clock().timestamp()) is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["question_id"] = "no-such-question"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert resume.kept(path, db, MALI, now=clock().timestamp()) is None


def test_the_engine_asks_the_question_shown_if_the_queue_may_ask_it_even_if_not_first(mali_course, store, clock):
    first = Engine(mali_course, store, "ana", clock=clock).start()[-1].question_id
    later = next(q.id for q in mali_course.bank.questions if q.id != first and q.status == "ready")
    asked = Engine(mali_course, store, "ana", clock=clock).start(shown=later)[-1]
    assert asked.kind == "question" and asked.question_id == later


def test_the_engine_asks_the_queues_choice_when_the_question_shown_cannot_be_asked(mali_course, store, clock):
    engine = Engine(mali_course, store, "ana", clock=clock)
    first = engine.start()[-1].question_id
    later = next(q.id for q in mali_course.bank.questions if q.id != first and q.status == "ready")
    store.bury(engine.learner.id, engine.bank_id, later, clock())
    for shown in (later, "no-such-question"):
        assert Engine(mali_course, store, "ana", clock=clock).start(shown=shown)[-1].question_id == first


def test_askable_holds_for_what_the_queue_picks_and_not_for_a_review_not_due(mali_course, store, clock):
    engine = Engine(mali_course, store, "ana", clock=clock)
    asked = engine.start()[-1].question_id
    queue = Queue(store, engine.syllabus)
    learner, bank = engine.learner.id, engine.bank_id
    assert queue.askable(learner, bank, asked, clock())
    engine.say("I don't know")  # Again: a learning step some minutes on
    assert not queue.askable(learner, bank, asked, clock())
    clock.advance(hours=1)
    assert queue.askable(learner, bank, asked, clock())
    store.suspend(learner, bank, asked)
    assert not queue.askable(learner, bank, asked, clock())


def test_askable_refuses_new_cards_past_the_days_limit(mali_course, store, clock):
    engine = Engine(mali_course, store, "ana", clock=clock)
    engine.start()
    learner = engine.learner
    queue = Queue(store, engine.syllabus)
    new = [c.question_id for c in store.cards(learner.id, engine.bank_id) if c.is_new and not c.retired]
    for _ in range(learner.new_per_day):
        engine.say("I don't know")
        engine.say("")
    left = [c.question_id for c in store.cards(learner.id, engine.bank_id) if c.is_new and not c.retired]
    assert left and set(left) < set(new)
    assert not queue.askable(learner.id, engine.bank_id, left[0], clock())
    clock.advance(days=1, hours=1)
    assert queue.askable(learner.id, engine.bank_id, left[0], clock() + timedelta(0))


def test_what_is_typed_into_a_kept_question_before_the_course_has_loaded_counts(tmp_path, clock, mali_course):
    db = tmp_path / "progress.db"
    asyncio.run(study(db, clock))
    cloze = next(q for q in mali_course.bank.questions
                 if q.pad == "blanks" and q.status == "ready" and all(b.answer.isalpha() for b in q.blanks))
    answers = [blank.answer for blank in cloze.blanks]
    turns = [Message("greeting", "Hello ana."), Message.asking(cloze)]
    status = Status(Phase.ASKING, "ana", "Mali", 0, 20, 0, 0)
    resume.keep(kept_file(db), turns, status, clock().timestamp() + 3600, db, MALI)
    app = TutorApp(db, [MALI], "ana", clock=clock, tz=timezone.utc)

    async def answer():
        async with app.run_test(size=(80, 24)) as pilot:
            # Another process writing holds the study thread's first write back: the learner types meanwhile.
            writer = sqlite3.connect(db, isolation_level=None)
            writer.execute("BEGIN IMMEDIATE")
            for n, text in enumerate(answers):
                await pilot.press(*text, "tab" if n < len(answers) - 1 else "enter")
            assert app.engine is None or app.engine.phase is not Phase.FEEDBACK
            writer.execute("ROLLBACK")
            writer.close()
            await settle(pilot)
            assert app.engine.question.id == cloze.id and app.engine.phase is Phase.FEEDBACK
            assert app.engine.verdict == "Right."
            await pilot.press("ctrl+q")

    asyncio.run(answer())
