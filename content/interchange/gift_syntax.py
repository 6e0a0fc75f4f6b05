"""GIFT below the question grammar: blocks, comments, escapes and metadata comments.

A GIFT file is blocks of lines separated by blank lines; `//` lines are comments, wherever
they stand in a block. Question text is read into a `Piece`: its escapes decoded, and each
character knowing whether it was escaped (so never syntax) and where it was written (so a
problem names its line and column).

Metadata lives in a block's comments as `[key:value]`: Moodle's `[id:x]` and `[tag:x]`, and
Tutor's own `[tutor-source:quote]` and `[tutor-difficulty:n]`, which Moodle ignores. In a
value, `\\]`, `\\\\` and `\\n` stand for `]`, a backslash and a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from content.interchange import Problem

ESCAPES = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n"}
FORMATS = ("html", "markdown", "plain", "moodle")
_PREFIX = re.compile(r"\[(html|markdown|plain|moodle)\]")
_META = re.compile(r"\[(id|tag|tutor-source|tutor-difficulty):((?:\\.|[^\]\\])+)\]")


@dataclass(frozen=True)
class Piece:
    """Decoded GIFT text; literal[i] says text[i] was escaped, where[i] is its (line, col)."""

    text: str
    literal: tuple[bool, ...]
    where: tuple[tuple[int, int], ...]
    end: tuple[int, int]  # the position just past the last character

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, s: slice) -> Piece:
        start, stop, _ = s.indices(len(self.text))
        stop = max(start, stop)
        end = self.where[stop] if stop < len(self.text) else self.end
        return Piece(self.text[start:stop], self.literal[start:stop], self.where[start:stop], end)

    def at(self, i: int) -> tuple[int, int]:
        return self.where[i] if i < len(self.text) else self.end

    def find(self, sub: str, start: int = 0) -> int:
        """The first index of `sub` written unescaped, or -1."""
        i = self.text.find(sub, start)
        while i >= 0 and any(self.literal[i : i + len(sub)]):
            i = self.text.find(sub, i + 1)
        return i

    def marks(self, chars: str) -> list[int]:
        """Every index holding one of `chars`, unescaped."""
        return [i for i, c in enumerate(self.text) if c in chars and not self.literal[i]]

    def strip(self, right: bool = True) -> Piece:
        """Without the unescaped whitespace at its start and (unless right=False) its end."""
        start, stop = 0, len(self.text)
        while start < stop and self.text[start].isspace() and not self.literal[start]:
            start += 1
        while right and stop > start and self.text[stop - 1].isspace() and not self.literal[stop - 1]:
            stop -= 1
        return self[start:stop]

    def split_format(self) -> tuple[str | None, Piece]:
        """A leading [html], [markdown], [plain] or [moodle], and the text after it (left-stripped)."""
        text = self.strip(right=False)
        m = _PREFIX.match(text.text)
        if m is None:  # brackets are never escaped, so a match is always a prefix
            return None, text
        return m.group(1), text[m.end() :].strip(right=False)


@dataclass
class Block:
    """The lines of one question (or $CATEGORY), blank-line delimited, comments apart."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    comments: list[tuple[int, str]] = field(default_factory=list)


def blocks(text: str) -> Iterator[Block]:
    block = Block()
    # split on "\n" only: decode() has made every line end one, and str.splitlines would
    # also break at characters such as U+2028 that belong to a question's text.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if block.lines or block.comments:
                yield block
            block = Block()
        elif line.lstrip().startswith("//"):
            block.comments.append((number, line))
        else:
            block.lines.append((number, line))
    if block.lines or block.comments:
        yield block


def decode(lines: list[tuple[int, str]], problems: list[Problem]) -> Piece:
    """The lines joined by line breaks with their escapes decoded; an unknown escape is a problem."""
    text: list[str] = []
    literal: list[bool] = []
    where: list[tuple[int, int]] = []
    end = (lines[-1][0], len(lines[-1][1]) + 1) if lines else (0, 0)
    for k, (number, line) in enumerate(lines):
        if k:
            text.append("\n")
            literal.append(False)
            where.append((lines[k - 1][0], len(lines[k - 1][1]) + 1))
        col = 0
        while col < len(line):
            ch = line[col]
            if ch == "\\":
                nxt = line[col + 1 : col + 2]
                if nxt and nxt in ESCAPES:
                    text.append(ESCAPES[nxt])
                    literal.append(True)
                    where.append((number, col + 1))
                    col += 2
                    continue
                what = f"unknown escape \\{nxt}" if nxt else "a \\ at the end of a line"
                problems.append(Problem(number, col + 1, f"{what}: write \\\\ for a backslash"))
            text.append(ch)
            literal.append(False)
            where.append((number, col + 1))
            col += 1
    return Piece("".join(text), tuple(literal), tuple(where), end)


def escape(text: str) -> str:
    """Text as GIFT writes it: every character GIFT gives a meaning to escaped, line breaks as \\n."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch in "~=#{}:\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def needs_prefix(text: str) -> bool:
    """Whether a text would be misread as starting with a format prefix."""
    return _PREFIX.match(text) is not None


@dataclass
class Metadata:
    id: str = ""
    tags: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    difficulty: int | None = None
    found: bool = False  # any [key:value] at all, to warn when no question follows


def metadata(comments: list[tuple[int, str]], problems: list[Problem]) -> Metadata:
    meta = Metadata()
    for number, line in comments:
        for m in _META.finditer(line):
            meta.found = True
            key, value = m.group(1), _unescape_value(m.group(2))
            if key == "id":
                meta.id = value.strip()
            elif key == "tag":
                meta.tags += [value.strip()] if value.strip() else []
            elif key == "tutor-source":
                meta.source.append(value)
            elif value.strip() in ("1", "2", "3"):
                meta.difficulty = int(value)
            else:
                problems.append(Problem(number, m.start() + 1, f"tutor-difficulty is 1, 2 or 3, not {value!r}"))
    return meta


def metadata_comments(id: str, tags: list[str], source: list[str], difficulty: int | None) -> list[str]:
    lines = [f"// [id:{_escape_value(id)}]"] if id else []
    if tags:
        lines.append("// " + " ".join(f"[tag:{_escape_value(t)}]" for t in tags))
    lines += [f"// [tutor-source:{_escape_value(s)}]" for s in source]
    if difficulty is not None:
        lines.append(f"// [tutor-difficulty:{difficulty}]")
    return lines


def _escape_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("]", "\\]").replace("\n", "\\n")


def _unescape_value(value: str) -> str:
    # A backslash before anything else is kept: Moodle writes ids such as a\b as they are.
    return re.sub(r"\\([\\\]n])", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)
