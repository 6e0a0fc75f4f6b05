"""Untrusted XML: parsed into elements that know their line, or refused in one line."""

import pytest

from content.interchange.safe_xml import Refused, parse


def test_each_element_knows_the_line_and_column_of_its_start_tag():
    root = parse('<?xml version="1.0"?>\n<quiz>\n  <question type="x">\n    <text><![CDATA[<b>a</b>]]> &amp; b</text>\n  </question>\n</quiz>')
    question = root.find("question")
    assert (root.line, question.line, question.col, question.attrs) == (2, 3, 3, {"type": "x"})
    assert root.text_at("question", "text") == "<b>a</b> & b"
    assert root.text_at("question", "missing") == "" and root.find("nothing", "at all") is None


@pytest.mark.parametrize(
    "xml, words",
    [
        ('<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz>&a;</quiz>', "DTD"),
        ('<!DOCTYPE quiz SYSTEM "http://example.org/quiz.dtd">\n<quiz/>', "DTD"),
        ("<quiz>&undefined;</quiz>", "undefined entity"),
        ("<quiz><question></quiz>", "mismatched tag"),
    ],
)
def test_what_could_expand_read_or_break_is_refused(xml, words):
    with pytest.raises(Refused) as refused:
        parse(xml)
    assert refused.value.line == 1 and words in refused.value.message
