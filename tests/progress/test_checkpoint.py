"""The write-ahead log is moved into the file between answers (`Store.tidy`), never in an answer's commit."""

from datetime import datetime, timedelta, timezone

from progress.store import TIDY_COMMITS, Store
from tutor.study.engine import Engine

PAGE = 4096


def answered(store: Store, course, count: int) -> None:
    now = [datetime(2026, 11, 23, 10, tzinfo=timezone.utc)]
    store.update_settings(store.learner("ana").id, new_per_day=10_000, reviews_per_day=10_000)
    engine = Engine(course, store, "ana", clock=lambda: now[0])
    engine.start()
    for _ in range(count):
        if engine.question is None:
            now[0] += timedelta(days=1)
            engine.say("more")
        engine.say("I don't know")
        engine.say("")
        now[0] += timedelta(seconds=30)


def test_answers_do_not_checkpoint_the_log_in_their_own_commits(tmp_path, mali_course):
    db = tmp_path / "progress.db"
    with Store.open(db, tz=timezone.utc) as store:
        answered(store, mali_course, 220)  # some 1,300 pages of log: past SQLite's default of 1,000
        wal = (tmp_path / "progress.db-wal").stat().st_size
        assert wal > 1_100 * PAGE


def test_tidy_checkpoints_between_answers_once_enough_commits_went_into_the_log(tmp_path, mali_course):
    db = tmp_path / "progress.db"
    with Store.open(db, tz=timezone.utc) as store:
        answered(store, mali_course, 5)
        before = db.stat().st_size
        store.tidy()  # too few commits yet: nothing moves
        assert db.stat().st_size == before
        answered(store, mali_course, TIDY_COMMITS)
        store.tidy()
        assert db.stat().st_size > before
        wal = (tmp_path / "progress.db-wal").stat().st_size
        answered(store, mali_course, 50)
        assert (tmp_path / "progress.db-wal").stat().st_size <= wal + 10 * PAGE  # the log is reused from its start
