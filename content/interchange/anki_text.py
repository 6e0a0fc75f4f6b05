"""Anki's text import format: delimited notes under `#key:value` file headers (Anki 2.1.54+).

Tutor writes what Anki's own "Notes in Plain Text" export writes with every option on: a tab
between fields, HTML fields, and GUID, note type, deck and tags columns, so a re-import updates
the notes it made. Reading takes such files, plain exports without those columns, and files
people make by hand (comma, semicolon or other separators; `tags:` first lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content.interchange import Meta, Problem, Read
from content.interchange.anki_notes import BASIC, NoteProblem, note_for, read_note
from content.interchange.encoding import EncodingRefused, decode
from content.interchange.model import Exchanged
from content.interchange.positions import Positions

# Anki's delimiter names; when no header names one, the first of these found is used, as Anki does.
SEPARATORS = {"tab": "\t", "pipe": "|", "semicolon": ";", "colon": ":", "comma": ",", "space": " "}
COLUMN_HEADERS = ("guid", "notetype", "deck", "tags")  # in the order Anki's export writes them
_HEADER = re.compile(r"(?i)^(?:tags:|#(?:separator|html|tags|columns|notetype|deck|guid)(?: column)?:)")
_LOOKS_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def sniff(head: str) -> bool:
    return bool(_HEADER.match(head.lstrip("\ufeff")))


def write(questions: list[Exchanged], meta: Meta) -> bytes:
    lines = ["#separator:tab", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3",
             "#tags column:6"]
    for question in questions:
        note = note_for(question, meta)
        record = [note.guid, note.notetype, note.deck, *note.fields, " ".join(note.tags)]
        lines.append("\t".join(_quoted(value) for value in record))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _quoted(value: str) -> str:
    """A field as Anki's CSV reader takes it back: quoted when it holds syntax or starts a comment."""
    if any(c in value for c in '\t"\n\r') or value.startswith("#"):
        return '"' + value.replace('"', '""') + '"'
    return value


@dataclass
class _Field:
    text: str
    start: int  # offset in the file's text


@dataclass
class _Headers:
    separator: str | None = None
    html: bool | None = None
    tags: tuple[str, ...] = ()
    columns: int = 0  # from #columns:, else the first note's
    notetype: str = BASIC
    deck: str = ""
    roles: dict[str, int] = field(default_factory=dict)  # "guid"/"notetype"/"deck"/"tags" -> column from 1
    body: int = 0  # offset of the first note


def read(data: bytes, path: str) -> Read:
    try:
        text = decode(data)
    except EncodingRefused as e:
        return Read(problems=[Problem(0, 0, f"{path}: {e}")])
    where = Positions(text)
    headers = _headers(text)
    separator = headers.separator or _fallback_separator(text[headers.body:headers.body + 8192])
    records, problems = _records(text, headers.body, separator, where)
    meta_columns = set(headers.roles.values())
    expected = headers.columns or (len(records[0]) if records else 0)
    html_fields = headers.html if headers.html is not None else any(
        _LOOKS_HTML.search(f.text) for r in records[:5] for i, f in enumerate(r, 1) if i not in meta_columns)
    result = Read(problems=problems)
    for record in records:
        line, col = where.of(record[0].start)
        if len(record) != expected:
            result.problems.append(Problem(line, col, f"this note has {len(record)} columns; "
                                                      f"the file's notes have {expected}"))
            continue
        fields = [f for i, f in enumerate(record, 1) if i not in meta_columns]
        notetype = _column(record, headers, "notetype") or headers.notetype
        try:
            reading = read_note(
                notetype, "cloze" in notetype.lower(), [f.text for f in fields], html_fields=html_fields,
                guid=_column(record, headers, "guid"), deck=_column(record, headers, "deck") or headers.deck,
                tags=[*headers.tags, *_column(record, headers, "tags").split()], line=line, col=col,
            )
        except NoteProblem as e:
            field = fields[e.field_index] if e.field_index < len(fields) else record[0]
            result.problems.append(Problem(*where.of(_offset_in_file(text, field, e.offset)), str(e)))
            continue
        result.problems += [Problem(line, col, w, "warning") for w in reading.warnings]
        if isinstance(reading.question, Exchanged):
            result.questions.append(reading.question)
        else:
            result.skipped.append(reading.question)
    if result.errors:
        result.questions = []
    return result


def _offset_in_file(text: str, field: _Field, offset: int) -> int:
    """Where a character of a field is in the file; the field's start if quoting moved it."""
    exact = text[field.start:field.start + offset] == field.text[:offset]
    return field.start + offset if exact else field.start


def _column(record: list[_Field], headers: _Headers, role: str) -> str:
    index = headers.roles.get(role, 0)
    return record[index - 1].text if 0 < index <= len(record) else ""


def _headers(text: str) -> _Headers:
    """The `tags:` first line and `#key:value` lines at the top, as Anki reads them."""
    headers, position = _Headers(), 0
    if text.startswith("tags:"):
        end = _line_end(text, 0)
        headers.tags = tuple(text[5:end].split())
        position = end + 1
    while position < len(text) and text[position] == "#":
        end = _line_end(text, position)
        key, colon, value = text[position + 1:end].partition(":")
        key = key.strip().lower() if colon else ""  # a line without a colon is a comment
        if key == "separator":
            named = value.strip().lower()
            headers.separator = SEPARATORS.get(named) or (value if value in SEPARATORS.values() else None)
        elif key == "html" and value.strip().lower() in ("true", "false"):
            headers.html = value.strip().lower() == "true"
        elif key == "tags":
            headers.tags = tuple(value.split())
        elif key == "notetype":
            headers.notetype = value.strip()
        elif key == "deck":
            headers.deck = value.strip()
        elif key == "columns":
            headers.columns = len(value.split(headers.separator or "\t"))
        elif key.endswith(" column") and key[:-7] in COLUMN_HEADERS and value.strip().isdigit():
            headers.roles[key[:-7]] = int(value.strip())
        position = end + 1
    headers.body = min(position, len(text))
    return headers


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _fallback_separator(sample: str) -> str:
    return next((s for s in SEPARATORS.values() if s in sample), " ")


def _records(text: str, start: int, separator: str, where: Positions) -> tuple[list[list[_Field]], list[Problem]]:
    """Each note's fields, quoted as in CSV ("" for a quote); comment and empty lines skipped."""
    unquoted = re.compile(f"[^{re.escape(separator)}\n]*")
    records: list[list[_Field]] = []
    position = start
    while position < len(text):
        if text[position] in "#\n":  # a comment line, or an empty one
            position = _line_end(text, position) + 1
            continue
        record: list[_Field] = []
        while True:
            if position < len(text) and text[position] == '"':
                parts, cursor = [], position + 1
                while True:
                    quote = text.find('"', cursor)
                    if quote < 0:
                        return records, [Problem(*where.of(position), "a quoted field is not closed")]
                    parts.append(text[cursor:quote])
                    if text.startswith('""', quote):
                        parts.append('"')
                        cursor = quote + 2
                    else:
                        break
                trailing = unquoted.match(text, quote + 1)  # text after the closing quote, kept as Anki does
                record.append(_Field("".join(parts) + trailing.group(0), position + 1))
                position = trailing.end()
            else:
                value = unquoted.match(text, position)
                record.append(_Field(value.group(0), position))
                position = value.end()
            if position < len(text) and text[position] == separator:
                position += 1
                continue
            position += 1  # past the line end
            break
        records.append(record)
    return records, []

