"""Quizlet's term/definition text: separators given or guessed, quotes, multi-line definitions."""

import codecs

import pytest
from hypothesis import given, strategies as st

from content.interchange import Meta, quizlet
from content.interchange.model import Answer, Exchanged
from tests.content.interchange.strategies import texts

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")
cards = st.lists(st.tuples(texts(), texts()), max_size=8)


def card(term, definition):
    return Exchanged(kind="shortanswer", stem=term, answers=[Answer(definition, 1.0)])


@given(cards)
def test_what_tutor_writes_reads_back_the_same(pairs):
    read = quizlet.read(quizlet.write([card(t, d) for t, d in pairs], META), "set.txt")
    assert read.problems == []
    assert [(q.kind, q.stem, [a.text for a in q.answers]) for q in read.questions] == [
        ("shortanswer", t, [d]) for t, d in pairs]


@given(cards, st.sampled_from([(" - ", "\n\n"), ("::", "|||"), ("\t", ";")]))
def test_custom_separators_read_what_they_split(pairs, separators):
    term_sep, card_sep = separators
    syntax = set("".join(separators) + '"') - {" "}
    pairs = [(t, d) for t, d in pairs if not syntax & set(t + d)]
    data = card_sep.join(f"{t}{term_sep}{d}" for t, d in pairs).encode()
    read = quizlet.read(data, "set.txt", term_sep=term_sep, card_sep=card_sep)
    assert [(q.stem, q.answers[0].text) for q in read.questions] == pairs


@pytest.mark.parametrize("data, expected", [
    (b"Mali\tBamako\nNiger\tNiamey\n", [("Mali", "Bamako"), ("Niger", "Niamey")]),
    (b"Mali,Bamako, on the Niger\nNiger,Niamey\n", [("Mali", "Bamako, on the Niger"), ("Niger", "Niamey")]),
    (b"Mali\tBamako;Niger\tNiamey;", [("Mali", "Bamako"), ("Niger", "Niamey")]),
    (b"Mali,Bamako;Niger,Niamey", [("Mali", "Bamako"), ("Niger", "Niamey")]),
    (b"Mali\tBamako; the capital\n", [("Mali", "Bamako; the capital")]),
    (b'Mali\t"Bamako\n""on the Niger"""\n', [("Mali", 'Bamako\n"on the Niger"')]),
    (b'"Mali"\t"Bamako" is its capital\n', [("Mali", '"Bamako" is its capital')]),
])
def test_guesses_the_common_separators_and_keeps_quoted_lines(data, expected):
    read = quizlet.read(data, "set.txt")
    assert read.problems == []
    assert [(q.stem, q.answers[0].text) for q in read.questions] == expected


def test_an_unquoted_multi_line_definition_is_joined_with_a_warning():
    read = quizlet.read(b"Mali\tBamako,\non the Niger\nNiger\tNiamey\n", "set.txt")
    assert [(q.stem, q.answers[0].text, q.line) for q in read.questions] == [
        ("Mali", "Bamako, on the Niger", 1), ("Niger", "Niamey", 3)]
    assert [(p.line, p.col, p.severity) for p in read.problems] == [(2, 1, "warning")]


def test_reverse_asks_the_definition():
    [question] = quizlet.read(b"Mali\tBamako\n", "set.txt", reverse=True).questions
    assert (question.stem, question.answers[0].text) == ("Bamako", "Mali")


def test_other_kinds_are_written_as_front_and_answers():
    questions = [
        Exchanged(kind="cloze", stem="Formed in {{0}} by {{1}}", blanks=[[Answer("2011", 1)], [Answer("Ag Ghali", 1)]]),
        Exchanged(kind="shortanswer", stem="Who?", answers=[Answer("Iyad Ag Ghali", 1), Answer("Ag Ghali", 1)]),
    ]
    assert quizlet.write(questions, META).decode().splitlines() == [
        "Formed in _____ by _____\t2011 / Ag Ghali", "Who?\tIyad Ag Ghali / Ag Ghali"]


@pytest.mark.parametrize("data, kwargs, where, message", [
    (b"just a line\n", {}, (0, 0), "set.txt: no tab or comma separates terms from definitions"),
    (b"title line\nMali\tBamako\n", {}, (1, 1), "no tab separates this term from its definition"),
    (b"Mali\tBamako\n", {"term_sep": ";", "card_sep": ";"}, (0, 0),
     "set.txt: the term and card separators are the same"),
])
def test_a_file_it_cannot_split_is_a_located_error(data, kwargs, where, message):
    read = quizlet.read(data, "set.txt", **kwargs)
    assert read.questions == []
    [error] = read.errors
    assert (error.line, error.col) == where and error.message.startswith(message)


def test_a_card_with_an_empty_side_is_skipped():
    read = quizlet.read(b"Mali\t\nNiger\tNiamey\n", "set.txt")
    assert [q.stem for q in read.questions] == ["Niger"] and [(s.line, s.title) for s in read.skipped] == [(1, "Mali")]


@pytest.mark.parametrize("encode", [
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), lambda t: t.encode("utf-16"), lambda t: t.encode("latin-1"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
])
def test_reads_bom_utf16_latin1_and_crlf_files_alike(encode):
    read = quizlet.read(encode("l'été\tsummer\nNiger\tNiamey\n"), "set.txt")
    assert [(q.stem, q.answers[0].text) for q in read.questions] == [("l'été", "summer"), ("Niger", "Niamey")]


def test_a_binary_file_is_refused():
    read = quizlet.read(bytes(range(256)) * 8, "set.txt")
    assert read.questions == [] and read.problems[0].message == "set.txt: the file is binary data, not text"


def test_sniffs_tab_separated_cards():
    assert quizlet.sniff("Mali\tBamako\n")
    assert not quizlet.sniff("#separator:tab\n") and not quizlet.sniff("Mali,Bamako")
