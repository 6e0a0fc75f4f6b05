"""HTML and plain text at a format's edge: Tutor holds plain text, Moodle writes HTML.

`to_plain` keeps what a reader sees as structure: `<br>` and block elements become line
breaks, list items start with "- ", entities are decoded, scripts and styles are dropped. It
keeps the text's own whitespace as written, so `to_plain(from_plain(text)) == text` for any
text without surrounding whitespace: a round trip through HTML changes nothing.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_HIDDEN = frozenset({"script", "style", "head", "title"})


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.after_block = False  # whitespace between block tags is markup layout, not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
            self.after_block = False
        elif tag in _BLOCKS:
            self._break()
            if tag == "li":
                self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden or (self.after_block and not data.strip()):
            return
        self.parts.append(data)
        self.after_block = False

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        self.after_block = True


def to_plain(markup: str) -> str:
    """The text a reader of this HTML sees, with its line breaks, stripped at both ends."""
    parser = _Plain()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()


def from_plain(text: str) -> str:
    """HTML that shows exactly this text: special characters escaped, line breaks as <br>."""
    return html.escape(text, quote=False).replace("\n", "<br>")
