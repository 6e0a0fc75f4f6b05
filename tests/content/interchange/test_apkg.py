"""Anki packages: what Tutor writes reads back, ids stay fixed, and hostile files are refused."""

import io
import sqlite3
import tempfile
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from content.interchange import Meta, apkg
from content.interchange.anki_notes import note_guid
from content.interchange.model import Answer, Exchanged
from tests.content.interchange.strategies import clozes, shortanswers

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")
QUESTION = Exchanged(kind="shortanswer", stem="Who formed Ansar al Din?", id="founder", answers=[Answer("Ag Ghali", 1)])


def held(question):
    return (question.kind, question.stem, [a.text for a in question.answers],
            [[a.text for a in blank] for blank in question.blanks], question.general_feedback,
            question.tags, question.category or META.title)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(shortanswers() | clozes(), max_size=4, unique_by=lambda q: q.id))
def test_what_tutor_writes_reads_back_the_same_grouped_by_deck(questions):
    read = apkg.read(apkg.write(questions, META, timestamp=1_700_000_000), "bank.apkg")
    decks = list(dict.fromkeys(q.category or META.title for q in questions))
    grouped = sorted(questions, key=lambda q: decks.index(q.category or META.title))
    assert read.problems == []
    assert [held(q) for q in read.questions] == [held(q) for q in grouped]
    assert [q.id for q in read.questions] == [note_guid(META.id, q.id) for q in grouped]


def collection_of(package: bytes, tmp_path):
    path = tmp_path / "collection.anki2"
    path.write_bytes(zipfile.ZipFile(io.BytesIO(package)).read("collection.anki2"))
    return sqlite3.connect(path)


def test_note_types_decks_and_guids_are_the_same_at_every_export(tmp_path):
    cloze = Exchanged(kind="cloze", stem="{{0}} rebelled", id="c", blanks=[[Answer("MNLA", 1)]])
    ids = []
    for timestamp in (1_700_000_000, 1_800_000_000):
        db = collection_of(apkg.write([QUESTION, cloze], META, timestamp=timestamp), tmp_path)
        ids.append((sorted(db.execute("SELECT DISTINCT mid FROM notes")), sorted(db.execute("SELECT guid FROM notes")),
                    sorted(db.execute("SELECT DISTINCT did FROM cards"))))
        db.close()
    assert ids[0] == ids[1]
    assert ids[0][0] == [(apkg.BASIC_MODEL_ID,), (apkg.CLOZE_MODEL_ID,)]
    assert ids[0][2] == [(apkg.deck_id(META.id, META.title),)]


def test_fields_are_html_escaped(tmp_path):
    question = Exchanged(kind="shortanswer", stem="Is <b>this</b> & that bold?", id="q", answers=[Answer("no", 1)])
    db = collection_of(apkg.write([question], META), tmp_path)
    assert db.execute("SELECT flds FROM notes").fetchone()[0].startswith("Is &lt;b&gt;this&lt;/b&gt; &amp; that")


def test_writing_leaves_no_temporary_file_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    apkg.write([QUESTION], META)
    assert list(tmp_path.iterdir()) == []


def test_media_files_are_reported_as_not_imported():
    package = io.BytesIO()
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("collection.anki2", zipfile.ZipFile(io.BytesIO(apkg.write([QUESTION], META))).read(
            "collection.anki2"))
        archive.writestr("media", '{"0": "map.png"}')
        archive.writestr("0", b"\x89PNG")
    read = apkg.read(package.getvalue(), "b.apkg")
    assert len(read.questions) == 1
    assert [p.message for p in read.problems] == ["b.apkg: its 1 media files (images, sounds) are not imported"]


def zipped(**members):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name.replace("_", "."), content)
    return data.getvalue()


def zeros_zipped(mebibytes: int) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("collection.anki2", "w") as member:
            for _ in range(mebibytes):
                member.write(bytes(2**20))
    return data.getvalue()


@pytest.fixture(scope="module")
def zip_bomb():
    """257 MiB of zeros as a package's collection: a quarter of a megabyte zipped."""
    return zeros_zipped(257)


def lying(bomb: bytes) -> bytes:
    """A bomb whose declared size is rewritten to 1 KB, in both zip headers."""
    data = bytearray(bomb)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset:at + offset + 4] = (1024).to_bytes(4, "little")
    return bytes(data)


def real_collection():
    return zipfile.ZipFile(io.BytesIO(apkg.write([QUESTION], META))).read("collection.anki2")


@pytest.mark.parametrize("name, make, message", [
    ("binary", lambda bomb: bytes(range(256)) * 4, "it is not an Anki package (not a zip archive)"),
    ("text", lambda bomb: b"Who?\tAg Ghali\n", "it is not an Anki package (not a zip archive)"),
    ("other zip", lambda bomb: zipped(word_xml="<w:document/>"), "it is a zip archive but not an Anki package"),
    ("zip bomb", lambda bomb: bomb, "its collection would unpack to 269 MB; the limit is 256 MB"),
    ("lying zip bomb", lambda bomb: lying(zeros_zipped(8)), "its collection cannot be unpacked"),
    ("garbage collection", lambda bomb: zipped(collection_anki2=b"SQLite format 3\x00" + bytes(range(256)) * 8),
     "its collection is damaged"),
    ("truncated collection", lambda bomb: zipped(collection_anki2=real_collection()[:5000]),
     "its collection is damaged"),
    ("not sqlite", lambda bomb: zipped(collection_anki2=b"hello"), "its collection is damaged or not a database"),
    ("newer layout", lambda bomb: zipped(collection_anki21b=b"\x28\xb5\x2f\xfd", collection_anki2=real_collection()),
     "export it again from Anki with 'Support older Anki versions' ticked"),
])
def test_a_hostile_file_is_refused_with_one_line(zip_bomb, name, make, message):
    read = apkg.read(make(zip_bomb), "deck.apkg")
    assert read.questions == []
    [problem] = read.problems
    assert problem.message.startswith("deck.apkg: ") and message in problem.message and "\n" not in problem.message


def test_sniffs_zip_archives():
    assert apkg.sniff(apkg.write([], META).decode("latin-1")) and not apkg.sniff("#separator:tab")
