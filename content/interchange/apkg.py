"""Anki packages (.apkg): written through genanki, read from the zip's SQLite collection.

Written packages hold Tutor's own Basic and Cloze note types under fixed ids, one deck per
category with an id derived from the bank's, and GUIDs derived from question ids, so importing
a newer export updates the notes it made. Reading takes packages Anki exports with "Support
older Anki versions" ticked (collection.anki21) and older ones (collection.anki2).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import sqlite3
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import genanki

from content.interchange import Meta, Problem, Read
from content.interchange.anki_notes import CLOZE, NoteProblem, note_for, read_note
from content.interchange.model import Exchanged

# Fixed for good: Anki merges notes into the note type with the same id on every import.
BASIC_MODEL_ID, CLOZE_MODEL_ID = 1_883_047_291, 1_883_047_292
MAX_COLLECTION_BYTES = 256 * 2**20  # far above any bank; a larger collection is refused unread
_COLLECTIONS = ("collection.anki21", "collection.anki2")  # in order of preference
_NOT_MEDIA = {*_COLLECTIONS, "collection.anki21b", "media", "meta"}
_CSS = """.card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }
.tutor-feedback { font-size: 16px; color: #555; }
.cloze { font-weight: bold; color: blue; }"""

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID, "Tutor Basic", fields=[{"name": "Front"}, {"name": "Back"}], css=_CSS,
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID, "Tutor Cloze", fields=[{"name": "Text"}, {"name": "Back Extra"}], css=_CSS,
    templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
    model_type=genanki.Model.CLOZE,
)


class PackageRefused(ValueError):
    """The file is not an Anki package Tutor reads; the message says why and what to do."""


def sniff(head: str) -> bool:
    return head.startswith("PK\x03\x04")  # a zip archive; the suffix says more


def deck_id(bank_id: str, deck: str) -> int:
    digest = hashlib.sha256(f"{bank_id}\x1f{deck}".encode("utf-8")).digest()
    return (1 << 52) | int.from_bytes(digest[:6], "big")  # stable, positive, never Anki's Default (1)


def write(questions: list[Exchanged], meta: Meta, *, timestamp: float | None = None) -> bytes:
    """The package; `timestamp` (default: now) is the notes' modification time Anki compares."""
    decks: dict[str, genanki.Deck] = {}
    for question in questions:
        note = note_for(question, meta)
        deck = decks.setdefault(note.deck, genanki.Deck(deck_id(meta.id, note.deck), note.deck))
        model = CLOZE_MODEL if note.notetype == CLOZE else BASIC_MODEL
        deck.add_note(genanki.Note(model=model, fields=list(note.fields), guid=note.guid, tags=note.tags))
    return _package_bytes(genanki.Package(list(decks.values())), timestamp)


_GENANKI_TEMP = threading.Lock()


def _package_bytes(package: genanki.Package, timestamp: float | None) -> bytes:
    """genanki 0.13 builds the database in a mkstemp file it never deletes: give it a folder we remove."""
    out = io.BytesIO()
    with _GENANKI_TEMP, tempfile.TemporaryDirectory(prefix="tutor-apkg-") as folder:
        module_tempfile = genanki.package.tempfile
        genanki.package.tempfile = SimpleNamespace(mkstemp=functools.partial(tempfile.mkstemp, dir=folder))
        try:
            package.write_to_file(out, timestamp=timestamp)
        finally:
            genanki.package.tempfile = module_tempfile
    return out.getvalue()


def read(data: bytes, path: str) -> Read:
    try:
        raw, media = _collection(data)
        with tempfile.TemporaryDirectory(prefix="tutor-apkg-") as folder:
            with _Collection(raw, Path(folder)) as collection:
                notes = _notes(collection)
    except PackageRefused as e:
        return Read(problems=[Problem(0, 0, f"{path}: {e}")])
    result = Read()
    if media:
        result.problems.append(Problem(0, 0, f"{path}: its {media} media files (images, sounds) are not imported",
                                       "warning"))
    for number, note in enumerate(notes, 1):
        where = f"{path}: note {number} (GUID {note.guid})"
        try:
            reading = read_note(note.notetype, note.cloze, note.fields, html_fields=True, guid=note.guid,
                                deck=note.deck, tags=note.tags)
        except NoteProblem as e:
            result.problems.append(Problem(0, 0, f"{where}, field {e.field_index + 1}, character {e.offset + 1}: {e}"))
            continue
        result.problems += [Problem(0, 0, f"{where}: {w}", "warning") for w in reading.warnings]
        if isinstance(reading.question, Exchanged):
            result.questions.append(reading.question)
        else:
            result.skipped.append(reading.question)
    if result.errors:
        result.questions = []
    return result


def _collection(data: bytes) -> tuple[bytes, int]:
    """The bytes of the package's collection database and how many media files it holds besides."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise PackageRefused("it is not an Anki package (not a zip archive)") from None
    with archive:
        names = set(archive.namelist())
        if "collection.anki21b" in names and "collection.anki21" not in names:  # its collection.anki2 is a stub
            raise PackageRefused("it is in Anki's newer compressed layout; export it again from Anki with "
                                 "'Support older Anki versions' ticked")
        name = next((n for n in _COLLECTIONS if n in names), None)
        if name is None:
            raise PackageRefused("it is a zip archive but not an Anki package (no collection.anki2 inside)")
        info = archive.getinfo(name)
        if info.file_size > MAX_COLLECTION_BYTES:
            raise PackageRefused(f"its collection would unpack to {info.file_size / 1e6:.0f} MB; "
                                 f"the limit is {MAX_COLLECTION_BYTES // 2**20} MB")
        try:
            with archive.open(info) as member:
                raw = member.read(MAX_COLLECTION_BYTES + 1)  # the declared size may lie
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
            raise PackageRefused(f"its collection cannot be unpacked ({e})") from None
        if len(raw) > MAX_COLLECTION_BYTES:
            raise PackageRefused(f"its collection unpacks to more than {MAX_COLLECTION_BYTES // 2**20} MB")
        media = len([n for n in names - _NOT_MEDIA if not n.endswith("/")])
    return raw, media


class _Collection:
    """A collection's database, opened read-only from a copy in a folder of our own."""

    def __init__(self, raw: bytes, folder: Path) -> None:
        copy = folder / "collection.sqlite"
        copy.write_bytes(raw)
        try:
            self.conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro&immutable=1", uri=True)
            self.conn.row_factory = sqlite3.Row
            self.names = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as e:
            raise PackageRefused(f"its collection is damaged or not a database ({e})") from None

    def __enter__(self) -> _Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def tables(self) -> set[str]:
        return self.names

    def rows(self, table: str) -> Iterator[dict[str, object]]:
        if table not in self.names:
            raise PackageRefused(f"its collection is damaged: it has no {table} table")
        try:
            for row in self.conn.execute(f'SELECT * FROM "{table}"'):
                yield dict(row)
        except sqlite3.DatabaseError as e:
            raise PackageRefused(f"its collection is damaged ({e})") from None


@dataclass
class _StoredNote:
    notetype: str
    cloze: bool
    fields: list[str]
    guid: str
    deck: str
    tags: list[str]


def _notes(db: _Collection) -> list[_StoredNote]:
    """The collection's notes in the order they were made, each with its note type and deck."""
    try:
        col = next(db.rows("col"), None)
        if col is None:
            raise PackageRefused("its collection is damaged: it has no collection row")
        if not col.get("models") and "notetypes" in db.tables():
            raise PackageRefused("its collection is in Anki's newer layout; export it again from Anki with "
                                 "'Support older Anki versions' ticked")
        models, decks = _json_object(col.get("models")), _json_object(col.get("decks"))
        first_cards: dict[object, tuple[object, object]] = {}  # note id -> (card ordinal, deck id)
        for card in db.rows("cards"):
            ordinal = card.get("ord") if isinstance(card.get("ord"), int) else 0
            if card.get("nid") not in first_cards or ordinal < first_cards[card.get("nid")][0]:
                first_cards[card.get("nid")] = (ordinal, card.get("did"))
        notes = []
        for note in sorted(db.rows("notes"), key=lambda n: n.get("id") if isinstance(n.get("id"), int) else 0):
            model = models.get(str(note.get("mid")))
            if not isinstance(model, dict):
                raise PackageRefused(f"its collection is damaged: note {note.get('id')} has no note type")
            deck = decks.get(str(first_cards.get(note.get("id"), (0, None))[1]))
            notes.append(_StoredNote(
                notetype=str(model.get("name", "")),
                cloze=model.get("type") == genanki.Model.CLOZE,
                fields=str(note.get("flds") or "").split("\x1f"),
                guid=str(note.get("guid") or ""),
                deck=str(deck.get("name", "")) if isinstance(deck, dict) else "",
                tags=str(note.get("tags") or "").split(),
            ))
        return notes
    except (KeyError, IndexError) as e:  # a table without the columns Anki's have
        raise PackageRefused(f"its collection is damaged: no {e} column") from None


def _json_object(value: object) -> dict:
    try:
        loaded = json.loads(str(value or "{}"))
    except json.JSONDecodeError:
        loaded = None
    if not isinstance(loaded, dict):
        raise PackageRefused("its collection is damaged: its note types or decks are not readable")
    return loaded
