"""The text of an imported file: UTF-8 (with or without BOM), UTF-16 (with BOM) or Latin-1; nothing else.

Other encodings are refused with their name where the bytes tell it: UTF-32, UTF-16 without a byte order
mark, Windows-1252 and other code pages (bytes 0x80-0x9F, control characters in Latin-1).
"""

from __future__ import annotations

import codecs

# Larger than any question bank a school exports; a bigger file is refused before it is read.
MAX_BYTES = 20 * 1024 * 1024


class EncodingRefused(ValueError):
    """The file's bytes are not text in an encoding Tutor reads; the message names what it found."""


def decode(data: bytes) -> str:
    """The file's text with CRLF and CR line ends as LF, or EncodingRefused with the reason."""
    if len(data) > MAX_BYTES:
        raise EncodingRefused(f"the file is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8):], "utf-8")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        raise EncodingRefused("the file is UTF-32; save it as UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
    elif _utf16_without_bom(data):
        raise EncodingRefused("the file is UTF-16 without a byte order mark; save it as UTF-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _looks_binary(data):
                raise EncodingRefused("the file is binary data, not text") from None
            if any(0x80 <= b <= 0x9F for b in data):  # control characters in Latin-1, letters in code pages
                raise EncodingRefused("the file is in Windows-1252 or another code page, not UTF-8 or Latin-1; "
                                      "save it as UTF-8") from None
            text = data.decode("latin-1")  # every byte is a Latin-1 character: the last resort
    if "\x00" in text or _looks_binary(text[:4096].encode("utf-8", "surrogatepass")):
        raise EncodingRefused("the file is binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise EncodingRefused(f"the file says it is {encoding.upper()} but byte {e.start} is not") from None


def _utf16_without_bom(data: bytes) -> bool:
    """Mostly ASCII text in UTF-16 with no byte order mark: a NUL beside nearly every character."""
    head = data[:4096]
    halves = (head[0::2], head[1::2])
    return len(head) >= 8 and any(h.count(0) >= 0.9 * len(h) for h in halves) and not all(h.count(0) for h in halves)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: an image, an archive, a database."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(b < 32 and b not in (9, 10, 13, 12) for b in head)
    return controls > len(head) // 20
