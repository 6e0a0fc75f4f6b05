"""Reading a file an author names: a regular file only, never blocking, never past a size limit, UTF-8."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


class Refused(OSError):
    """A file not read, or not text: `reason` says why in words, `line` and `col` (from 1) where, if known."""

    def __init__(self, reason: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line, self.col = reason, line, col

    def __str__(self) -> str:
        return self.reason if self.line is None else f"{self.reason} (line {self.line}, column {self.col})"


def read_text(path: Path, limit: int) -> str:
    """The UTF-8 text of the regular file at `path` (a leading BOM dropped), or Refused.

    The file is looked at before it is opened, so a folder, a device or a pipe is never read, and it
    is opened without blocking, so a pipe put in its place meanwhile cannot stall the reader either.
    """
    try:
        _check_regular(os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except ValueError:  # a NUL character in the path
        raise Refused("has a NUL character in its name") from None
    except OSError as e:
        raise _refused(e) from None
    try:
        _check_regular(os.fstat(fd), limit)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)  # a file in /proc says it is empty: count what is read
    except OSError as e:
        raise _refused(e) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(f"is larger than the limit of {_size(limit)}")
    return decode(data)


def decode(data: bytes) -> str:
    """UTF-8 text, a leading BOM dropped; Refused, with the place of the first bad byte, otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Refused("is UTF-16 text; save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _place(data, e.start)
        raise Refused(f"is not UTF-8 text (byte 0x{data[e.start]:02x}); save it as UTF-8", line, col) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text.count("\n", 0, nul) + 1, nul - text.rfind("\n", 0, nul)
        raise Refused("holds a NUL byte: a binary file, not text", line, col)
    return text


def _refused(e: OSError) -> Refused:
    if isinstance(e, Refused):
        return e
    if isinstance(e, FileNotFoundError):
        return Refused("not found")
    if isinstance(e, PermissionError):
        return Refused("is not readable (permission denied)")
    return Refused(f"cannot be read ({e.strerror or e})")


def _check_regular(info: os.stat_result, limit: int) -> None:
    kind = stat.S_IFMT(info.st_mode)
    if kind != stat.S_IFREG:
        raise Refused(f"is {_KINDS.get(kind, 'something else')}, not a file")
    if info.st_size > limit:
        raise Refused(f"is {info.st_size:,} bytes, larger than the limit of {_size(limit)}")


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1, in characters) of the byte at `offset`."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _size(limit: int) -> str:
    return f"{limit:,} bytes ({limit / 2**20:g} MB)"
