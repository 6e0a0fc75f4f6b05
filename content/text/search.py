"""Finding a string in a long text by its words: where `str.find` would, without scanning the text each time."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^ ]+")


class WordIndex:
    """Where each word of a text starts, a word being a run of characters other than the space.

    `find(needle)` is `text.find(needle)`: an occurrence of a needle holds each of its inner words (one
    between two of its spaces) as a word of the text, so only the places of its rarest one are tried.
    Building it costs a pass over the text: it pays for itself over many searches of a long text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            self._starts.setdefault(m.group(), []).append(m.start())

    def find(self, needle: str) -> int:
        parts = needle.split(" ")
        rarest: list[int] | None = None
        at = offset = len(parts[0]) + 1
        for word in parts[1:-1]:
            if word:
                starts = self._starts.get(word)
                if starts is None:
                    return -1
                if rarest is None or len(starts) < len(rarest):
                    rarest, at = starts, offset
            offset += len(word) + 1
        if rarest is None:  # no inner word: a word or two
            return self.text.find(needle)
        for start in rarest:
            if start >= at and self.text.startswith(needle, start - at):
                return start - at
        return -1
