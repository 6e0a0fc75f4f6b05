"""Anki's text import format: what Tutor writes reads back; Anki's own and hand-made files read."""

import codecs

import pytest
from hypothesis import given, strategies as st

from content.interchange import Meta, anki_text
from content.interchange.anki_notes import note_guid
from content.interchange.model import Answer, Exchanged
from tests.content.interchange.strategies import clozes, shortanswers

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")


def held(question: Exchanged) -> tuple:
    """What the format holds of a question; ids come back as the GUIDs they became."""
    return (question.kind, question.stem, [a.text for a in question.answers],
            [[a.text for a in blank] for blank in question.blanks], question.general_feedback,
            question.tags, question.category or META.title)


@given(st.lists(shortanswers() | clozes(), max_size=6, unique_by=lambda q: q.id))
def test_what_tutor_writes_reads_back_the_same(questions):
    read = anki_text.read(anki_text.write(questions, META), "bank.txt")
    assert read.problems == []
    assert [held(q) for q in read.questions] == [held(q) for q in questions]
    assert [q.id for q in read.questions] == [note_guid(META.id, q.id) for q in questions]


def test_the_guid_is_stable_and_scoped_to_the_bank():
    question = Exchanged(kind="shortanswer", stem="Who?", id="founder", answers=[Answer("Ag Ghali", 1.0)])
    edited = Exchanged(kind="shortanswer", stem="Who formed it?", id="founder", answers=[Answer("Iyad", 1.0)])
    first, second = (anki_text.read(anki_text.write([q], META), "b.txt").questions[0].id for q in (question, edited))
    assert first == second
    assert anki_text.read(anki_text.write([question], Meta("other-bank", "Other")), "b.txt").questions[0].id != first


def test_a_cloze_becomes_one_deletion_per_blank_with_anki_syntax_escaped():
    question = Exchanged(kind="cloze", stem="{{1}} was formed in {{0}} :: {{c1::not a blank}}", id="q",
                         blanks=[[Answer("2011", 1.0), Answer("late 2011", 0.5)], [Answer("Ansar::al}}Din", 1.0)]])
    text = anki_text.write([question], META).decode()
    assert "{{c2::Ansar&#58;&#58;al&#125;&#125;Din}} was formed in {{c1::2011}} :: &#123;&#123;c1::not" in text


def test_other_kinds_become_basic_notes_showing_options_and_answers():
    questions = [
        Exchanged(kind="multichoice", stem="Who leads?", id="m",
                  answers=[Answer("Ag Ghali", 1.0), Answer("Belmokhtar")]),
        Exchanged(kind="ordering", stem="Order these", id="o", steps=["coup", "rebellion", "intervention"]),
        Exchanged(kind="truefalse", stem="Mali is landlocked.", id="t", truth=True, general_feedback="It is."),
    ]
    read = anki_text.read(anki_text.write(questions, META), "b.txt").questions
    assert [q.kind for q in read] == ["shortanswer"] * 3
    assert read[0].stem == "Who leads?\n\nA. Ag Ghali\nB. Belmokhtar" and read[0].answers[0].text == "A. Ag Ghali"
    assert read[1].stem.splitlines()[2:] != ["- coup", "- rebellion", "- intervention"]
    assert [a.text for a in read[1].answers] == ["1. coup", "2. rebellion", "3. intervention"]
    assert (read[2].answers[0].text, read[2].general_feedback) == ("True", "It is.")


def test_tags_lose_their_spaces():
    question = Exchanged(kind="shortanswer", stem="Q", id="q", answers=[Answer("A", 1.0)], tags=["armed groups", " "])
    assert anki_text.read(anki_text.write([question], META), "b.txt").questions[0].tags == ["armed_groups"]


def test_reads_anki_plain_text_export_without_columns():
    data = b"#separator:tab\n#html:false\nWho formed Ansar al Din?\tIyad Ag Ghali\n<b>literal</b>\tyes & no\n"
    read = anki_text.read(data, "notes.txt")
    assert [(q.kind, q.stem, q.answers[0].text, q.id) for q in read.questions] == [
        ("shortanswer", "Who formed Ansar al Din?", "Iyad Ag Ghali", ""),
        ("shortanswer", "<b>literal</b>", "yes & no", ""),
    ]


def test_reads_an_anki_export_with_html_cloze_and_columns():
    data = ("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
            "abc\tCloze\tMali::Groups\t<div>{{c1::Ansar al Din::group}} was formed by {{c2::Iyad&nbsp;Ag Ghali}}</div>"
            "\t<i>why</i>\tgroups leaders\n"
            "def\tBasic (and reversed card)\tMali\tCapital of Mali?<br>\tBamako<div>on the Niger</div>\t\n").encode()
    read = anki_text.read(data, "export.txt")
    cloze, basic = read.questions
    assert (cloze.kind, cloze.stem, [[a.text for a in b] for b in cloze.blanks]) == (
        "cloze", "{{0}} was formed by {{1}}", [["Ansar al Din"], ["Iyad\u00a0Ag Ghali"]])
    assert (cloze.id, cloze.category, cloze.tags, cloze.general_feedback) == (
        "abc", "Mali::Groups", ["groups", "leaders"], "why")
    assert (basic.stem, basic.answers[0].text) == ("Capital of Mali?", "Bamako\non the Niger")
    assert [(p.line, p.severity) for p in read.problems] == [(7, "warning")]  # the cloze hint is not kept


def test_reads_hand_made_files_with_guessed_separator_quotes_comments_and_global_tags():
    data = b'tags:mali history\n# a comment\n\nQuestion one;"answer; with\n""quotes"""\nQuestion two;two\n'
    read = anki_text.read(data, "mine.csv")
    assert [(q.stem, q.answers[0].text, q.tags, q.line) for q in read.questions] == [
        ("Question one", 'answer; with\n"quotes"', ["mali", "history"], 4),
        ("Question two", "two", ["mali", "history"], 6),
    ]


@pytest.mark.parametrize("data, where, message", [
    (b"#separator:tab\na\tb\nc\td\te\n", (3, 1), "this note has 3 columns; the file's notes have 2"),
    (b"#separator:tab\n#notetype:Cloze\n{{c1::a}}\tb\nx {{c1::open\tb\n", (4, 3),
     "the cloze '{{c1::' is not closed with '}}'"),
    (b"#separator:tab\n#notetype:Cloze\n{{c1::a {{c2::b}} }}\tb\n", (3, 1), "the cloze '{{c1::' holds another cloze"),
    (b"#separator:tab\n#notetype:Cloze\nno deletion\tb\n", (3, 1), "the Cloze note has no {{c1::...}} deletion"),
    (b'#separator:tab\na\tb\n"c\td\n', (3, 1), "a quoted field is not closed"),
    (b"#separator:tab\n#notetype:Cloze\n#guid column:1\n#deck column:2\nabc\tMali\n", (5, 1),
     "the Cloze note has no {{c1::...}} deletion"),
])
def test_a_malformed_note_is_a_located_error_and_the_file_yields_nothing(data, where, message):
    read = anki_text.read(data, "bad.txt")
    assert read.questions == []
    assert [(p.line, p.col, p.message) for p in read.errors] == [(*where, message)]


def test_a_note_without_an_answer_is_skipped_not_lost():
    read = anki_text.read(b"#separator:tab\nQuestion\t\nOther\tanswer\n", "b.txt")
    assert [q.stem for q in read.questions] == ["Other"]
    assert [(s.line, s.title) for s in read.skipped] == [(2, "Question")]


@pytest.mark.parametrize("encode", [
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("latin-1"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
])
def test_reads_bom_utf16_latin1_and_crlf_files_alike(encode):
    text = "#separator:tab\n#html:false\nQu'est-ce que l'été ?\tla saison\n"
    [question] = anki_text.read(encode(text), "b.txt").questions
    assert (question.stem, question.answers[0].text) == ("Qu'est-ce que l'été ?", "la saison")


def test_a_binary_file_is_refused_with_one_message():
    read = anki_text.read(bytes(range(256)) * 8, "photo.txt")
    assert read.questions == []
    assert [p.message for p in read.problems] == ["photo.txt: the file is binary data, not text"]


def test_sniffs_its_headers_only():
    assert all(anki_text.sniff(head) for head in ("#separator:tab\n", "\ufeff#html:true\n", "tags:a b\n"))
    assert not anki_text.sniff("term\tdefinition\n") and not anki_text.sniff("::Q1:: What? {=a}")
