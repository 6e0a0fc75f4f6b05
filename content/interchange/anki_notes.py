"""Exchanged questions as Anki notes and back: note type, two HTML fields, tags, deck and GUID.

The text format (anki_text) and packages (apkg) share this. Notes follow Anki's stock note
types, so a text file maps onto the ones every collection has: Basic (Front, Back) and Cloze
(Text, Back Extra). A Basic note's back lists the right answers, one `tutor-answer` div each,
and the general feedback in a `tutor-feedback` div; reading finds that layout again, and takes
any other back as a single answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import genanki

from content.interchange import Meta, flashcard
from content.interchange.model import BLANK_MARK, Answer, Exchanged, Skipped

BASIC, CLOZE = "Basic", "Cloze"  # the stock note types' names, which a text file refers to

_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
_ANSWER = '<div class="tutor-answer">{}</div>'
_FEEDBACK = '<hr><div class="tutor-feedback">{}</div>'
_FIELD_HTML = r"[^<]*(?:<br>[^<]*)*"  # what to_html writes: escaped text and line breaks
_ANSWER_IN_BACK = re.compile(f'<div class="tutor-answer">({_FIELD_HTML})</div>')
_OUR_BACK = re.compile(
    f'(?:<div class="tutor-answer">{_FIELD_HTML}</div>)*(?:<hr><div class="tutor-feedback">({_FIELD_HTML})</div>)?'
)
_BLOCKS = {"div", "p", "li", "tr", "ul", "ol", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}


@dataclass
class Note:
    notetype: str  # BASIC or CLOZE
    fields: tuple[str, str]  # HTML
    guid: str
    deck: str
    tags: list[str] = field(default_factory=list)


class NoteProblem(ValueError):
    """A note that cannot be read as written: where in which field (both from 0), and what is wrong."""

    def __init__(self, field_index: int, offset: int, message: str):
        super().__init__(message)
        self.field_index, self.offset = field_index, offset


@dataclass
class Reading:
    question: Exchanged | Skipped
    warnings: list[str] = field(default_factory=list)


def note_guid(bank_id: str, question_id: str) -> str:
    """Stable across exports, so Anki updates the note; scoped to the bank, since question ids are."""
    return genanki.guid_for(bank_id, question_id)


def note_for(question: Exchanged, meta: Meta) -> Note:
    if question.kind == "cloze":
        notetype, fields = CLOZE, (_cloze_text(question), to_html(question.general_feedback))
    else:
        notetype, fields = BASIC, (to_html(flashcard.front(question)), _back(question))
    return Note(
        notetype=notetype,
        fields=fields,
        guid=note_guid(meta.id, question.id or question.stem),
        deck=question.category or meta.title,
        tags=[re.sub(r"\s", "_", tag.strip()) for tag in question.tags if tag.strip()],
    )


def read_note(notetype: str, cloze: bool, fields: list[str], *, html_fields: bool, guid: str, deck: str,
              tags: list[str], line: int = 0, col: int = 0) -> Reading:
    """A note of the named type as a question: cloze, or else shortanswer. Raises NoteProblem."""
    plain = (lambda f: from_html(f).strip()) if html_fields else str.strip
    front = plain(fields[0]) if fields else ""
    if "image occlusion" in notetype.lower():
        return Reading(Skipped(line, notetype, front[:60], "image occlusion notes need their images"))
    common = dict(id=guid, tags=tags, category=deck, text_format="html" if html_fields else "plain", line=line, col=col)
    warnings = [f"field {i} of the {notetype} note is not imported" for i, f in enumerate(fields[2:], 3) if f.strip()]
    if cloze:
        stem, blanks, hints = _read_cloze(fields[0] if fields else "", html_fields)
        warnings += ["its cloze hints (after '::') are not imported"] if hints else []
        extra = plain(fields[1]) if len(fields) > 1 else ""
        return Reading(Exchanged(kind="cloze", stem=stem, blanks=blanks, general_feedback=extra, **common), warnings)
    back = fields[1] if len(fields) > 1 else ""
    ours = _OUR_BACK.fullmatch(back) if html_fields else None
    if ours and back:
        answers = [from_html(a).strip() for a in _ANSWER_IN_BACK.findall(back)]
        feedback = from_html(ours.group(1) or "").strip()
    else:
        answers, feedback = [plain(back)], ""
    answers = [a for a in answers if a]
    if not front or not answers:
        return Reading(Skipped(line, notetype, front[:60], "the note has an empty front or back"), warnings)
    question = Exchanged(kind="shortanswer", stem=front, answers=[Answer(a, 1.0) for a in answers],
                         general_feedback=feedback, **common)
    return Reading(question, warnings)


def to_html(text: str) -> str:
    """Plain text as an Anki field: escaped, line breaks as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(text, quote=False).replace("\n", "<br>")


def from_html(field_html: str) -> str:
    """An Anki field's text as a reader sees it: blocks and <br> as line breaks, no markup."""
    reader = _TextOf()
    reader.feed(field_html)
    reader.close()
    return "".join(reader.parts)


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data.replace("\n", " "))  # a newline in HTML source shows as a space

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def _back(question: Exchanged) -> str:
    back = "".join(_ANSWER.format(to_html(a)) for a in flashcard.answers(question))
    return back + (_FEEDBACK.format(to_html(question.general_feedback)) if question.general_feedback else "")


def _cloze_text(question: Exchanged) -> str:
    """The stem with each blank n as {{c(n+1)::answer}}; braces and colons in text as entities."""
    parts = flashcard.BLANK.split(question.stem)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(_braces(to_html(part)))
        else:
            answer = flashcard.right(question.blanks[int(part)])[0].text
            out.append(f"{{{{c{int(part) + 1}::{_braces(to_html(answer)).replace(':', '&#58;')}}}}}")
    return "".join(out)


def _braces(field_html: str) -> str:
    return field_html.replace("{", "&#123;").replace("}", "&#125;")


def _read_cloze(text: str, html_fields: bool) -> tuple[str, list[list[Answer]], bool]:
    """The stem with BLANK_MARKs, each blank's answer, and whether hints were dropped.

    Blanks are numbered by cloze number, then by place, so c1 c2 c3 keep their order and a
    number used twice (one card, two deletions) becomes two blanks.
    """
    plain = from_html if html_fields else str
    pieces: list[str] = []
    deletions: list[tuple[int, int, str]] = []  # (cloze number, slot in pieces, answer)
    hints, position = False, 0
    while opening := _CLOZE_OPEN.search(text, position):
        close = text.find("}}", opening.end())
        nested = _CLOZE_OPEN.search(text, opening.end())
        if close < 0:
            raise NoteProblem(0, opening.start(), f"the cloze '{opening.group(0)}' is not closed with '}}}}'")
        if nested and nested.start() < close:
            raise NoteProblem(0, opening.start(), f"the cloze '{opening.group(0)}' holds another cloze")
        answer, _, hint = text[opening.end():close].partition("::")
        number, answer = int(opening.group(1)), plain(answer).strip()
        if number == 0 or not answer:
            raise NoteProblem(0, opening.start(), f"the cloze '{opening.group(0)}' is empty or numbered c0")
        hints = hints or bool(hint.strip())
        pieces.append(plain(text[position:opening.start()]))
        deletions.append((number, len(pieces), answer))
        pieces.append("")
        position = close + 2
    pieces.append(plain(text[position:]))
    if not deletions:
        raise NoteProblem(0, 0, "the Cloze note has no {{c1::...}} deletion")
    ordered = sorted(deletions, key=lambda d: (d[0], d[1]))
    for index, (_, slot, _) in enumerate(ordered):
        pieces[slot] = BLANK_MARK.format(n=index)
    return "".join(pieces).strip(), [[Answer(answer, 1.0)] for _, _, answer in ordered], hints
