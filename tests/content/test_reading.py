"""A typed line is read as a teacher reads it: dates as dates, numbers as numbers, clauses apart."""

import pytest
from hypothesis import given, strategies as st

from content.grading.reading import date_word, read, singular, when_of
from content.text.dates import MONTHS, When, written_dates
from content.text.names import adjective_forms


@pytest.mark.parametrize("text, when", [
    ("15/10/2017", When(2017, 10, 15)),
    ("15.10.2017", When(2017, 10, 15)),
    ("2017-10-15", When(2017, 10, 15)),
    ("2017/10/15", When(2017, 10, 15)),
    ("Oct 15 2017", When(2017, 10, 15)),
    ("October 15, 2017", When(2017, 10, 15)),
    ("15th October 2017", When(2017, 10, 15)),
    ("the 20th of June, 2015", When(2015, 6, 20)),
    ("March 18th, 2015", When(2015, 3, 18)),
    ("2017 Oct 15", When(2017, 10, 15)),
    ("12/2021", When(2021, 12)),
    ("Dec. 2021", When(2021, 12)),
    ("December of 2021", When(2021, 12)),
    ("2011 October", When(2011, 10)),
    ("June 20", When(None, 6, 20)),
])
def test_a_date_is_read_in_the_forms_people_write(text, when):
    spans = written_dates(text)
    assert len(spans) == 1 and spans[0].readings[0] == when


def test_a_numeric_date_that_reads_both_ways_round_keeps_both_readings():
    assert written_dates("02/11/2016")[0].readings == (When(2016, 11, 2), When(2016, 2, 11))
    assert written_dates("15/10/2017")[0].readings == (When(2017, 10, 15),)


@pytest.mark.parametrize("text", ["2012", "147 seats", "1990-1996", "spring of 2012", "it may be", "13/2021"])
def test_what_is_no_date_with_a_month_is_not_read_as_one(text):
    assert written_dates(text) == []


def test_a_date_agrees_with_a_vaguer_one_but_not_the_other_way():
    day = When(2017, 10, 15)
    assert day.agrees_with(When(2017, 10)) and day.agrees_with(day)
    assert not When(2017, 10).agrees_with(day)
    assert not When(2017, 10, 14).agrees_with(day)


@given(st.integers(1500, 2099), st.integers(1, 12), st.integers(1, 28))
def test_a_date_written_any_way_reads_as_the_same_date(year, month, day):
    name = MONTHS[month - 1].capitalize()
    forms = [f"{day} {name} {year}", f"{name} {day}, {year}", f"{year}-{month:02d}-{day:02d}",
             f"the {day}th of {name} {year}", f"{name[:3]} {day} {year}"]
    for text in forms:
        assert when_of(read(text, dates=True)[0].words[0]) == When(year, month, day), text


def test_a_month_misspelt_in_a_date_is_read_as_that_month():
    assert read("Decmber 2021", dates=True)[0].words == (date_word(When(2021, 12)),)
    assert read("Jule 2021", dates=True)[0].words == ("jule", "2021")  # June or July: left alone


@pytest.mark.parametrize("text, words", [
    ("nineteen sixty", ("1960",)),
    ("nineteen ninety-six", ("1996",)),
    ("two thousand twenty-two", ("2022",)),
    ("twenty-seventh", ("27",)),
    ("one hundred forty-seven", ("147",)),
    ("10,000 inhabitants", ("10000", "inhabitants")),
    ("6.5 million", ("6500000",)),
    ("the Alliance for Democracy & Change", ("the", "alliance", "for", "democracy", "and", "change")),
    ("Jama'at al Tabligh", ("jamaat", "al", "tabligh")),
    ("Mali's Mopti region", ("mali", "'s", "mopti", "region")),
    ("U.N. mission", ("un", "mission")),
    ("Jeddah/Cairo", ("jeddah", "or", "cairo")),
    ("Resolution no. 2100", ("resolution", "2100")),
    ("Mar", ("march",)),
    ("1960s", ("1960s",)),
])
def test_words_are_read_with_numbers_as_digits(text, words):
    assert read(text)[0].words == words


def test_commas_brackets_and_dashes_part_clauses_but_not_numbers():
    reading = read("Moura, in central Mali (Mopti) - 10,000 people")[0]
    assert reading.words == ("moura", "in", "central", "mali", "mopti", "10000", "people")
    assert reading.clauses == (0, 1, 1, 1, 2, 3, 3)


@pytest.mark.parametrize("plural, one", [("movements", "movement"), ("assemblies", "assembly"),
                                         ("russians", "russian"), ("crisis", "crisis"), ("status", "status"),
                                         ("arms", "arms"), ("prosecutions", "prosecution")])
def test_singular(plural, one):
    assert singular(plural) == one


def test_a_country_has_the_adjectives_suffix_rules_and_exceptions_give():
    assert "malian" in adjective_forms("mali")
    assert "russian" in adjective_forms("russia")
    assert adjective_forms("france") == ["french"]
    assert adjective_forms("north") == ["northern"]


def test_question_and_exclamation_marks_and_full_stops_part_clauses_but_abbreviations_do_not():
    assert read("Jeddah? Cairo?")[0].clauses == (0, 1)
    assert read("Mr. Pell spoke. Then he left")[0].clauses == (0, 0, 0, 1, 1, 1)
