from datetime import datetime, timedelta, timezone

import pytest

from progress.store import Store
from tutor.study.engine import Engine


class Clock:
    """A clock the test moves by hand; always UTC."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "progress.db", tz=timezone.utc)
    yield store
    store.close()


@pytest.fixture
def engine(mali_course, store, clock) -> Engine:
    return Engine(mali_course, store, "ana", clock=clock)


async def settle(pilot) -> None:
    """Wait until the study thread has answered every request and the screen has shown the replies.

    A bound on the rounds, not a time limit: it only keeps a hung thread from hanging the suite.
    """
    session = pilot.app.session
    for _ in range(6000):
        await pilot.pause(0.005)
        if session.pending == 0:
            await pilot.pause()
            return
    raise AssertionError("the study thread did not answer")
