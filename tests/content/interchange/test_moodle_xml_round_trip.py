"""Moodle XML round trip: what Tutor writes reads back as the same questions, their text now HTML's."""

from dataclasses import replace

from hypothesis import given

from content.interchange import Meta, moodle_xml
from tests.content.interchange.exchanged import banks, questions

META = Meta("mali--insurgency", "Tuareg -- and Islamist insurrection")
KINDS = ["multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering", "cloze"]
# Moodle reads \# and \} in a blank's answer as # and }, and requires a name; nothing else is out of bounds.
EVERY_KIND = questions(KINDS, ["plain", "moodle", "markdown", "html"], plain_forbid=(), max_blanks=3,
                       blank_forbid=("\\#", "\\}"), named=True)


@given(banks(EVERY_KIND))
def test_every_kind_reads_back_as_written_with_its_text_as_html(qs):
    assert [moodle_xml.cannot_write(q) for q in qs] == [""] * len(qs)
    read = moodle_xml.read(moodle_xml.write(qs, META), "bank.xml")
    assert read.problems == []
    # Moodle XML is written as HTML, Moodle's own format: the text is the same, its format now html.
    assert [replace(q, line=0, col=0) for q in read.questions] == [replace(q, text_format="html") for q in qs]
