"""Start-up: the garbage collector waits until the first question is on screen.

Start-up makes a few hundred thousand objects (modules, classes, functions, the course) and frees
next to none of them, yet with Python's thresholds the collector ran about 130 young collections
on the way to the first question (20-30 ms of CPU, a tenth of it) and found almost nothing. So
importing `tutor` raises the young generation's threshold, and `settled()` sets Python's back once
the first question has been painted, a picker waits for the learner, or another command starts;
what start-up made is first moved out of the collector's way for good (`gc.freeze`), so that the
next collections do not walk it either.
"""

from __future__ import annotations

import gc

# Objects allocated (net) before a young collection, while starting: start-up makes fewer.
HELD_THRESHOLD = 100_000

_normal: tuple[int, int, int] | None = None  # the thresholds to set back; None when not held


def hold() -> None:
    """Raise the young generation's threshold until `settled()`."""
    global _normal
    if _normal is None:
        _normal = gc.get_threshold()
        gc.set_threshold(HELD_THRESHOLD, *_normal[1:])


def held() -> bool:
    return _normal is not None


def settled() -> None:
    """Start-up is over: freeze what it made and set the thresholds back (once; later calls do nothing)."""
    global _normal
    if _normal is not None:
        gc.freeze()
        gc.set_threshold(*_normal)
        _normal = None
