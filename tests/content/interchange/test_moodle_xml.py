"""Moodle XML: Moodle's export read question by question, hostile files refused, and writing."""

import codecs

import pytest

from content.interchange import Meta, moodle_xml
from content.interchange.model import Answer, Exchanged

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Mali</text>
    </category>
    <info format="moodle_auto_format"><text></text></info>
  </question>
  <question type="multichoice">
    <name><text>Founder</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Who formed <b>Ansar al Din</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>A former Tuareg rebel.</p>]]></text></generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <idnumber>ansar-dine-founder</idnumber>
    <single>true</single>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>Iyad Ag Ghali</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Yes.</p>]]></text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Mokhtar Belmokhtar</p>]]></text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <tags>
      <tag><text>leaders</text></tag>
      <tag><text>armed groups</text></tag>
    </tags>
  </question>
  <question type="multichoice">
    <name><text>Continents</text></name>
    <questiontext format="html"><text>Which are continents?</text></questiontext>
    <single>false</single>
    <answer fraction="33.33333" format="html"><text>Africa</text></answer>
    <answer fraction="33.33333" format="html"><text>Asia</text></answer>
    <answer fraction="-100" format="html"><text>Mali</text></answer>
    <answer fraction="33.33333" format="html"><text>Europe</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Coup</text></name>
    <questiontext format="moodle_auto_format"><text>There was a coup in Mali in 2012.</text></questiontext>
    <answer fraction="100" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html"><text>Yes, in March.</text></feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html"><text>There was, in March 2012.</text></feedback>
    </answer>
  </question>
  <question type="shortanswer">
    <name><text>Capital</text></name>
    <questiontext format="plain_text"><text>The capital of Mali?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>Bamako</text></answer>
    <answer fraction="50" format="moodle_auto_format"><text>Bamaco</text></answer>
  </question>
  <question type="numerical">
    <name><text>Year</text></name>
    <questiontext format="html"><text>In which year did the rebellion begin?</text></questiontext>
    <answer fraction="100" format="moodle_auto_format">
      <text>2012</text>
      <tolerance>0</tolerance>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>2012</text>
      <tolerance>1</tolerance>
    </answer>
  </question>
  <question type="matching">
    <name><text>Capitals</text></name>
    <questiontext format="html"><text>Match the capitals.</text></questiontext>
    <subquestion format="html"><text><![CDATA[<p>Mali</p>]]></text><answer><text>Bamako</text></answer></subquestion>
    <subquestion format="html"><text>Niger</text><answer><text>Niamey</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Dakar</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Events</text></name>
    <questiontext format="html"><text>Put the events in order.</text></questiontext>
    <answer fraction="2" format="html"><text>The coup</text></answer>
    <answer fraction="1" format="html"><text>The MNLA rebellion</text></answer>
    <answer fraction="3" format="html"><text>The French intervention</text></answer>
  </question>
  <question type="cloze">
    <name><text>Gaps</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Ansar al Din was formed by {1:SHORTANSWER:=Iyad Ag Ghali#Yes~%50%Ag Ghali} in {2:NUMERICAL:=2011:0~%50%2011:1}.</p>]]></text>
    </questiontext>
  </question>
  <question type="essay">
    <name><text>Causes</text></name>
    <questiontext format="html"><text>Explain the causes of the rebellion.</text></questiontext>
    <idnumber>causes</idnumber>
  </question>
  <question type="cloze">
    <name><text>Choice</text></name>
    <questiontext format="html"><text>The MNLA is {1:MULTICHOICE:=Tuareg~Arab}.</text></questiontext>
  </question>
</quiz>
"""


def read(text: str):
    return moodle_xml.read(text.encode("utf-8"), "bank.xml")


def quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def question(qtype: str, body: str, text: str = "Q?") -> str:
    return f'<question type="{qtype}"><name><text>n</text></name><questiontext format="html"><text>{text}</text></questiontext>{body}</question>'


@pytest.fixture(scope="module")
def export():
    result = read(EXPORT)
    assert result.problems == []
    return {q.name: q for q in result.questions}, result.skipped


def test_multiple_choice_reads_with_its_html_as_plain_text(export):
    q = export[0]["Founder"]
    assert (q.kind, q.stem, q.text_format, q.single) == ("multichoice", "Who formed Ansar al Din?", "html", True)
    assert q.answers == [Answer("Iyad Ag Ghali", 1, "Yes."), Answer("Mokhtar Belmokhtar", 0)]
    assert (q.id, q.tags, q.general_feedback) == ("ansar-dine-founder", ["leaders", "armed groups"], "A former Tuareg rebel.")


def test_a_category_question_applies_to_the_questions_after_it(export):
    assert {q.category for q in export[0].values()} == {"$course$/top/Mali"}


def test_several_answers_carry_moodles_percent_credit(export):
    q = export[0]["Continents"]
    assert not q.single
    assert [a.fraction for a in q.answers] == [0.3333333, 0.3333333, -1, 0.3333333]


def test_true_false_keeps_the_feedback_for_each_answer(export):
    q = export[0]["Coup"]
    assert (q.truth, q.true_feedback, q.false_feedback, q.text_format) == (True, "Yes, in March.", "There was, in March 2012.", "moodle")


def test_short_answer_and_numerical_answers(export):
    assert export[0]["Capital"].answers == [Answer("Bamako", 1), Answer("Bamaco", 0.5)]
    assert export[0]["Capital"].text_format == "plain"
    assert export[0]["Year"].answers == [Answer("2012", 1), Answer("2012", 0.5, tolerance=1)]


def test_matching_and_ordering(export):
    assert export[0]["Capitals"].pairs == [("Mali", "Bamako"), ("Niger", "Niamey"), ("", "Dakar")]
    assert export[0]["Events"].steps == ["The MNLA rebellion", "The coup", "The French intervention"]


def test_a_multianswer_cloze_keeps_each_typed_blank(export):
    q = export[0]["Gaps"]
    assert q.stem == "Ansar al Din was formed by {{0}} in {{1}}."
    assert q.blanks == [[Answer("Iyad Ag Ghali", 1, "Yes"), Answer("Ag Ghali", 0.5)],
                        [Answer("2011", 1), Answer("2011", 0.5, tolerance=1)]]


def test_what_tutor_cannot_hold_is_skipped_with_its_line(export):
    essay, choice = export[1]
    assert (essay.line, essay.kind, essay.title, essay.id) == (92, "essay", "Causes", "causes")
    assert (choice.line, choice.kind) == (97, "cloze") and "choice" in choice.reason


@pytest.mark.parametrize("qtype", ["description", "calculated", "random", "ddwtos"])
def test_other_qtypes_are_skipped_not_lost(qtype):
    result = read(quiz(question(qtype, "")))
    assert [(s.line, s.kind) for s in result.skipped] == [(3, qtype)] and result.problems == []


@pytest.mark.parametrize(
    "body, words",
    [
        ('<answer fraction="lots"><text>a</text></answer><answer><text>b</text></answer>', "'lots' is not a percentage"),
        ('<answer fraction="100"><text>a</text></answer>', "at least 2"),
        ("", "at least 2"),
    ],
)
def test_a_malformed_question_is_a_problem_on_its_line(body, words):
    result = read(quiz(question("multichoice", body)))
    assert [p.line for p in result.errors] == [3] and words in result.errors[0].message
    assert result.questions == []


def test_every_problem_is_reported_and_no_question_kept():
    result = read(quiz(
        question("numerical", '<answer fraction="100"><text>soon</text></answer>'),
        question("truefalse", '<answer fraction="100"><text>true</text></answer>'),
        question("shortanswer", '<answer fraction="100"><text>Bamako</text></answer>'),
        '<question type="shortanswer"><name><text>x</text></name></question>',
    ))
    assert [p.line for p in result.errors] == [3, 4, 6] and result.questions == []


def test_billion_laughs_is_refused_before_any_entity_expands():
    lol = '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    ) + "]>\n<quiz>&lol9;</quiz>\n"
    [problem] = read(lol).problems
    assert problem.line == 2 and "DTD" in problem.message


def test_an_external_entity_is_refused_and_no_file_is_read():
    xxe = '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<quiz>' + question(
        "shortanswer", '<answer fraction="100"><text>&x;</text></answer>') + "</quiz>"
    result = read(xxe)
    assert result.questions == [] and "DTD" in result.problems[0].message
    assert "root:" not in repr(result)


def test_a_50_mb_file_is_refused_by_its_size_before_parsing(monkeypatch):
    monkeypatch.setattr(moodle_xml, "parse", lambda text: pytest.fail("parsed a 50 MB file"))
    big = quiz(question("shortanswer", '<answer fraction="100"><text>a</text></answer>')).encode() + b" " * 50_000_000
    [problem] = moodle_xml.read(big, "big.xml").problems
    assert (problem.line, problem.message) == (0, "the file is 50 MB; the limit is 20 MB")


def test_binary_data_is_refused_as_not_text():
    [problem] = moodle_xml.read(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "bank.xml").problems
    assert problem.message == "the file is binary data, not text"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + EXPORT.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"),
        EXPORT.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Mali</text>", "Malí</text>").encode("latin-1"),
        codecs.BOM_UTF8 + EXPORT.encode("utf-8"),
        EXPORT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-16", "latin-1", "bom", "crlf"],
)
def test_every_encoding_a_school_exports_reads_the_same(data, export):
    result = moodle_xml.read(data, "bank.xml")
    assert result.problems == []
    assert [(q.name, q.line, q.stem.replace("Malí", "Mali")) for q in result.questions] == [
        (q.name, q.line, q.stem) for q in export[0].values()
    ]


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("<quiz><question type='shortanswer'></quiz>", (1, 38), "not well-formed"),
        ("<html><body>Not a quiz</body></html>", (1, 1), "not Moodle XML"),
        ("not xml at all", (1, 1), "not well-formed"),
    ],
)
def test_what_is_not_a_moodle_quiz_is_refused_with_one_line(text, where, words):
    [problem] = read(text).problems
    assert (problem.line, problem.col) == where and words in problem.message and "\n" not in problem.message


def test_written_xml_has_moodles_percent_and_html_in_cdata():
    q = Exchanged("multichoice", "Is 1 < 2 & 3 > 2?", answers=[Answer("yes", 0.3333333), Answer("<no>", 0)], single=False)
    xml = moodle_xml.write([q], META).decode()
    assert '<answer fraction="33.33333" format="html">' in xml
    assert "<text><![CDATA[Is 1 &lt; 2 &amp; 3 &gt; 2?]]></text>" in xml
    assert "<text><![CDATA[&lt;no&gt;]]></text>" in xml


def test_a_question_without_a_name_is_named_by_its_text():
    q = Exchanged("truefalse", "There was a coup in Mali in March 2012, led by Captain Amadou Sanogo.", truth=True)
    [back] = moodle_xml.read(moodle_xml.write([q], META), "bank.xml").questions
    assert back.name == "There was a coup in Mali in March 2012, led by Captain Amad…"


def test_tutor_only_fields_travel_in_an_element_moodle_ignores():
    q = Exchanged("truefalse", "Coup?", truth=True, source=["a coup in March 2012"], difficulty=3)
    xml = moodle_xml.write([q], META).decode()
    assert "<tutor>\n      <source>a coup in March 2012</source>\n      <difficulty>3</difficulty>\n    </tutor>" in xml


@pytest.mark.parametrize(
    "q, words",
    [
        (Exchanged("essay", "Explain."), "essay"),
        (Exchanged("cloze", "{{1}} and {{0}}", blanks=[[Answer("a", 1)], [Answer("b", 1)]]), "in order"),
        (Exchanged("shortanswer", "Bell\x07?", answers=[Answer("a", 1)]), "control character"),
    ],
)
def test_what_moodle_xml_cannot_hold_is_refused_with_the_reason(q, words):
    assert words in moodle_xml.cannot_write(q)
    with pytest.raises(ValueError, match=words):
        moodle_xml.write([q], META)


@pytest.mark.parametrize(
    "head, is_xml",
    [(EXPORT[:200], True), ("\ufeff<quiz>\n<question", True), ("<html><body>", False), ("::Q::{T}", False)],
)
def test_sniff_knows_a_moodle_quiz(head, is_xml):
    assert moodle_xml.sniff(head) is is_xml
