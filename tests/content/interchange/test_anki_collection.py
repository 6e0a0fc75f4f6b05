"""Tutor's Anki files in real Anki (the `anki` package, AGPL: imported by tests only).

Each test makes a fresh collection in a temporary folder, imports what Tutor wrote, counts
notes and cards, then imports an edited export again: the note is updated, not duplicated.
Anki's own exports are read back the other way.
"""

import pytest

anki_collection = pytest.importorskip("anki.collection")

from anki.collection import (  # noqa: E402
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER as IF_NEWER  # noqa: E402

from content.interchange import Meta, anki_text, apkg  # noqa: E402
from content.interchange.anki_notes import note_guid  # noqa: E402
from content.interchange.model import Answer, Exchanged  # noqa: E402

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")


def bank(founder_answer="Iyad Ag Ghali"):
    return [
        Exchanged(kind="shortanswer", stem="Who formed Ansar al Din?", id="ansar-dine-founder",
                  answers=[Answer(founder_answer, 1.0)], general_feedback="A former Tuareg rebel leader.",
                  tags=["armed groups", "leaders"]),
        Exchanged(kind="cloze", stem="In {{0}}, the {{1}} rebelled, and {{2}} intervened in 2013.", id="rebellion",
                  blanks=[[Answer("2012", 1.0)], [Answer("MNLA", 1.0)], [Answer("France", 1.0)]],
                  category="Mali::History"),
        Exchanged(kind="multichoice", stem="Which group held Timbuktu?", id="timbuktu",
                  answers=[Answer("Ansar al Din", 1.0), Answer("The army")]),
    ]


@pytest.fixture
def collection(tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_package(col, path):
    options = ImportAnkiPackageOptions(merge_notetypes=True, update_notes=IF_NEWER, update_notetypes=IF_NEWER,
                                       with_scheduling=False, with_deck_configs=False)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def import_text(col, path):
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def founder_note(col):
    [note_id] = col.db.list("SELECT id FROM notes WHERE guid = ?", note_guid(META.id, "ansar-dine-founder"))
    return col.get_note(note_id)


def test_the_package_imports_as_notes_and_cards_and_a_newer_export_updates_them(collection, tmp_path):
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    first.write_bytes(apkg.write(bank(), META, timestamp=1_700_000_000))
    log = import_package(collection, first)
    assert (len(log.new), collection.note_count(), collection.card_count()) == (3, 3, 5)  # the cloze: 3 cards
    note = founder_note(collection)
    assert note.note_type()["name"] == "Tutor Basic" and sorted(note.tags) == ["armed_groups", "leaders"]
    assert collection.decks.name(note.cards()[0].did) == META.title
    assert collection.decks.id_for_name("Mali::History")  # the cloze's category became its deck

    second.write_bytes(apkg.write(bank("Ag Ghali"), META, timestamp=1_700_000_100))
    log = import_package(collection, second)
    assert (len(log.new), len(log.updated), collection.note_count(), collection.card_count()) == (0, 3, 3, 5)
    assert "Ag Ghali</div>" in founder_note(collection)["Back"]
    assert "Iyad" not in founder_note(collection)["Back"]


def test_the_text_file_imports_as_notes_and_cards_and_a_new_export_updates_them(collection, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes(anki_text.write(bank(), META))
    log = import_text(collection, first)
    assert (len(log.new), collection.note_count(), collection.card_count()) == (3, 3, 5)
    note = founder_note(collection)
    assert note.note_type()["name"] == "Basic" and sorted(note.tags) == ["armed_groups", "leaders"]
    assert "{{c3::France}}" in collection.get_note(collection.find_notes("note:Cloze")[0])["Text"]

    second.write_bytes(anki_text.write(bank("Ag Ghali"), META))
    log = import_text(collection, second)
    assert (len(log.new), len(log.updated), collection.note_count(), collection.card_count()) == (0, 1, 3, 5)
    assert "Ag Ghali</div>" in founder_note(collection)["Back"] and "Iyad" not in founder_note(collection)["Back"]


def test_hostile_text_survives_anki_as_text_not_markup_or_clozes(collection, tmp_path):
    hostile = Exchanged(kind="cloze", stem='{{0}} said "<b>no</b>";\tthen {{c1::x}} :: }} & {{1}}', id="hostile",
                        blanks=[[Answer("Ag::Ghali}}", 1.0)], [Answer("été", 1.0)]])
    path = tmp_path / "hostile.txt"
    path.write_bytes(anki_text.write([hostile], META))
    import_text(collection, path)
    assert collection.card_count() == 2  # the literal {{c1::x}} made no card
    exported = tmp_path / "export.txt"
    collection.export_note_csv(out_path=str(exported), limit=None, with_html=True, with_tags=True, with_deck=True,
                               with_notetype=True, with_guid=True)
    [back] = anki_text.read(exported.read_bytes(), "export.txt").questions
    assert (back.stem, [b[0].text for b in back.blanks]) == (hostile.stem, ["Ag::Ghali}}", "été"])


def test_anki_s_own_exports_read_back(collection, tmp_path):
    basic = collection.new_note(collection.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "Capital of <b>Mali</b>?", "Bamako<br>on the Niger"
    basic.tags = ["geography"]
    collection.add_note(basic, collection.decks.id("Mali"))
    cloze = collection.new_note(collection.models.by_name("Cloze"))
    cloze["Text"] = "{{c1::Ansar al Din::a group}} was formed by {{c2::Iyad Ag Ghali}}"
    collection.add_note(cloze, collection.decks.id("Mali"))

    package = tmp_path / "anki.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False, with_media=False, legacy=True)
    collection.export_anki_package(out_path=str(package), options=options, limit=None)
    read = apkg.read(package.read_bytes(), "anki.apkg")
    assert [(q.kind, q.stem, q.id, q.category) for q in read.questions] == [
        ("shortanswer", "Capital of Mali?", basic.guid, "Mali"),
        ("cloze", "{{0}} was formed by {{1}}", cloze.guid, "Mali"),
    ]
    assert read.questions[0].answers[0].text == "Bamako\non the Niger" and read.questions[0].tags == ["geography"]
    assert [p.severity for p in read.problems] == ["warning"]  # the cloze hint

    text = tmp_path / "notes.txt"
    collection.export_note_csv(out_path=str(text), limit=None, with_html=True, with_tags=True, with_deck=True,
                               with_notetype=True, with_guid=True)
    assert [(q.kind, q.stem, q.id) for q in anki_text.read(text.read_bytes(), "notes.txt").questions] == [
        (q.kind, q.stem, q.id) for q in read.questions]


def test_a_package_in_anki_s_newer_layout_is_refused_with_how_to_export_it(collection, tmp_path):
    collection.add_note(collection.new_note(collection.models.by_name("Basic")), 1)
    package = tmp_path / "new.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False, with_media=False,
                                       legacy=False)
    collection.export_anki_package(out_path=str(package), options=options, limit=None)
    read = apkg.read(package.read_bytes(), "new.apkg")
    assert read.questions == [] and "'Support older Anki versions' ticked" in read.problems[0].message
