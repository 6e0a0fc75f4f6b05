"""GIFT round trip: whatever Tutor writes as GIFT reads back as the same questions, field for field."""

from dataclasses import replace

from hypothesis import given

from content.interchange import Meta, gift
from tests.content.interchange.exchanged import banks, questions

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")
KINDS = ["multichoice", "truefalse", "shortanswer", "numerical", "matching", "cloze"]
FORMATS = ["plain", "moodle", "markdown", "html"]


@given(banks(questions(KINDS, FORMATS)))
def test_every_kind_gift_holds_reads_back_as_written(qs):
    assert [gift.cannot_write(q) for q in qs] == [""] * len(qs)
    read = gift.read(gift.write(qs, META), "bank.gift")
    assert read.problems == []
    assert [replace(q, line=0, col=0) for q in read.questions] == qs
