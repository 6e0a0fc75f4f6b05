"""Offsets in a file's text as the line and column a person would look at, both from 1."""

from __future__ import annotations

import bisect
import re


class Positions:
    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
