"""GIFT: each construct of Moodle's documentation, the problems a teacher's file can have, and writing."""

import pytest

from content.interchange import Meta, Problem, gift
from content.interchange.model import Answer, Exchanged

META = Meta("mali-insurgency", "Tuareg and Islamist insurrection in Mali")


def read(text: str):
    return gift.read(text.encode("utf-8"), "bank.gift")


def one(text: str) -> Exchanged:
    result = read(text)
    assert result.problems == []
    [question] = result.questions
    return question


def errors(text: str) -> list[tuple[int, int]]:
    result = read(text)
    assert result.questions == []
    return [(p.line, p.col) for p in result.errors]


def credits(q: Exchanged) -> list[tuple[str, float]]:
    return [(a.text, a.fraction) for a in q.answers]


def test_a_title_names_the_question():
    q = one("::Grant's tomb::Who is buried in Grant's tomb?{~Grant =no one}")
    assert (q.name, q.stem, q.kind) == ("Grant's tomb", "Who is buried in Grant's tomb?", "multichoice")


def test_multiple_choice_weights_give_partial_and_negative_credit():
    q = one("Which?{=right ~%50%half ~%-100%wrong ~plain wrong}")
    assert q.single
    assert credits(q) == [("right", 1), ("half", 0.5), ("wrong", -1), ("plain wrong", 0)]


def test_a_block_without_an_equals_sign_allows_several_answers():
    q = one("Which are continents?{~%33.3%Africa ~%33.3%Asia ~%-100%China ~%33.4%Europe}")
    assert not q.single
    assert credits(q) == [("Africa", 0.333), ("Asia", 0.333), ("China", -1), ("Europe", 0.334)]


@pytest.mark.parametrize("written, truth", [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)])
def test_true_false_reads_every_spelling(written, truth):
    assert one(f"The sun rises in the east.{{{written}}}").truth is truth


def test_true_false_gives_the_first_feedback_to_a_wrong_answer_and_the_second_to_a_right_one():
    true = one("The sun rises in the east.{T#No, it does.#Yes.}")
    assert (true.truth, true.false_feedback, true.true_feedback) == (True, "No, it does.", "Yes.")
    false = one("The sun rises in the west.{F#No, it does not.#Yes.}")
    assert (false.truth, false.true_feedback, false.false_feedback) == (False, "No, it does not.", "Yes.")


def test_short_answer_accepts_several_answers_with_partial_credit():
    q = one("Who formed Ansar al Din?{=Iyad Ag Ghali =%50%Ag Ghali#Give his full name.}")
    assert q.kind == "shortanswer"
    assert q.answers == [Answer("Iyad Ag Ghali", 1), Answer("Ag Ghali", 0.5, "Give his full name.")]


def test_a_short_answer_mid_sentence_becomes_a_cloze_with_one_blank():
    q = one("Ansar al Din was formed by {=Iyad Ag Ghali =Ag Ghali} at the end of 2011.")
    assert q.kind == "cloze"
    assert q.stem == "Ansar al Din was formed by {{0}} at the end of 2011."
    assert q.blanks == [[Answer("Iyad Ag Ghali", 1), Answer("Ag Ghali", 1)]] and q.answers == []


def test_multiple_choice_mid_sentence_keeps_a_blank_in_its_text():
    q = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert (q.kind, q.stem) == ("multichoice", "Grant is _____ in Grant's tomb.")


def test_matching_pairs_each_item_with_its_match():
    q = one("Match the capitals.{=Mali -> Bamako =Niger -> Niamey = -> Dakar}")
    assert q.pairs == [("Mali", "Bamako"), ("Niger", "Niamey"), ("", "Dakar")]


def test_matching_with_one_pair_is_an_error():
    assert errors("Match.{=Mali -> Bamako}") == [(1, 8)]


@pytest.mark.parametrize(
    "block, answers",
    [
        ("{#1822}", [Answer("1822", 1)]),
        ("{#3.14:0.005}", [Answer("3.14", 1, tolerance=0.005)]),
        ("{#1..5}", [Answer("3", 1, tolerance=2)]),
        ("{# =1822:0 =%50%1822:2}", [Answer("1822", 1), Answer("1822", 0.5, tolerance=2)]),
        ("{#=1822#Right. ~#Not even close.}", [Answer("1822", 1, "Right."), Answer("*", 0, "Not even close.")]),
    ],
)
def test_numerical_answers_carry_their_tolerance(block, answers):
    q = one("When was Ulysses S. Grant born?" + block)
    assert (q.kind, q.answers) == ("numerical", answers)


def test_a_numerical_answer_that_is_not_a_number_is_an_error_at_its_place():
    result = read("When?\n{#about 1822}")
    assert result.errors == [Problem(2, 3, "not a number: 'about 1822' (write 1822, 3.14:0.01 or 1..5)")]


def test_essays_and_descriptions_are_skipped_with_their_line_and_reason():
    result = read("::Intro::Use paper for these.\n\n// [id:bio]\nWrite a biography of Grant.{}\n\nTrue?{T}")
    assert [q.stem for q in result.questions] == ["True?"]
    intro, essay = result.skipped
    assert (intro.line, intro.kind, intro.title, intro.text) == (1, "description", "Intro", "Use paper for these.")
    assert (essay.line, essay.kind, essay.id, essay.text) == (4, "essay", "bio", "Write a biography of Grant.")
    assert "teacher" in essay.reason and "not a question" in intro.reason


def test_a_category_applies_to_the_questions_after_it():
    result = read("First?{T}\n\n$CATEGORY: $course$/Mali/Groups\n\nSecond?{T}\n\nThird?{F}\n\n$CATEGORY: Other\nFourth?{T}")
    assert [q.category for q in result.questions] == ["", "$course$/Mali/Groups", "$course$/Mali/Groups", "Other"]


def test_answer_feedback_and_general_feedback():
    q = one("Who?{=Grant#Right. ~Lee#No: he was a Confederate general. ####Grant lies in Grant's tomb.}")
    assert [a.feedback for a in q.answers] == ["Right.", "No: he was a Confederate general."]
    assert q.general_feedback == "Grant lies in Grant's tomb."


def test_html_becomes_plain_text_with_its_line_breaks():
    q = one("[html]<p>Which <b>direction</b>?</p><p>Think&nbsp;hard.</p>{=<i>East</i>#<b>Yes</b> ~West<br>North}")
    assert (q.text_format, q.stem) == ("html", "Which direction?\nThink\xa0hard.")
    assert [(a.text, a.feedback) for a in q.answers] == [("East", "Yes"), ("West\nNorth", "")]


@pytest.mark.parametrize("prefix, fmt", [("", "moodle"), ("[moodle]", "moodle"), ("[plain]", "plain"), ("[markdown]", "markdown")])
def test_other_formats_keep_their_text_and_are_recorded(prefix, fmt):
    q = one(f"{prefix}Is *this* <b>bold</b>?{{T}}")
    assert (q.text_format, q.stem) == (fmt, "Is *this* <b>bold</b>?")


def test_id_and_tag_comments_belong_to_the_question_below_them():
    q = one("// question: 12 name: capital\n// [id:mali-capital] [tag:geography]\n// [tag:capitals]\nCapital of Mali?{=Bamako}")
    assert (q.id, q.tags) == ("mali-capital", ["geography", "capitals"])


def test_an_id_comment_with_a_blank_line_before_its_question_is_a_warning():
    result = read("// [id:lost]\n\nCapital of Mali?{=Bamako}")
    assert result.questions[0].id == ""
    assert [(p.line, p.severity) for p in result.problems] == [(1, "warning")]


def test_tutor_source_and_difficulty_comments_read_back():
    q = one("// [tutor-source:formed at the end of 2011 by Iyad Ag Ghali] [tutor-difficulty:2]\n"
            "// [tutor-source:a quote with \\] and \\\\ and\\na break]\nWho formed Ansar al Din?{=Iyad Ag Ghali}")
    assert q.source == ["formed at the end of 2011 by Iyad Ag Ghali", "a quote with ] and \\ and\na break"]
    assert q.difficulty == 2


def test_a_difficulty_outside_one_to_three_is_an_error():
    assert errors("// [tutor-difficulty:5]\nWho?{=Grant}") == [(1, 4)]


def test_every_escape_reads_as_its_character():
    q = one("a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\ni{=\\~\\=\\#\\{\\}\\:\\\\\\nz ~x}")
    assert q.stem == "a ~ b = c # d { e } f : g \\ h\ni"
    assert q.answers[0].text == "~=#{}:\\\nz"


def test_an_unknown_escape_is_an_error_at_the_backslash():
    assert errors("Where is C:\\Users?{=here}") == [(1, 12)]


def test_every_problem_in_the_file_is_reported_and_none_of_its_questions_kept():
    result = read("Good?{T}\n\nUnclosed {=a\n\nMatch.{=a -> b}\n\nWhen?{#soon}\n\nAlso good?{F}")
    assert result.questions == [] and result.skipped == []
    assert [(p.line, p.col) for p in result.errors] == [(3, 10), (5, 8), (7, 8)]
    assert "not closed" in result.errors[0].message


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("Write about {} Grant.", (1, 16), "must end the question"),
        ("Grant is {T} buried.", (1, 14), "mid-sentence"),
        ("Grant {=a} is {=b}.", (1, 15), "one answer block"),
        ("Grant is } buried.{T}", (1, 10), "without an opening {"),
        ("Grant {is {=a}} buried.", (1, 11), "inside an answer block"),
        ("::Grant is buried.{T}", (1, 1), "no closing ::"),
        ("Who?{Grant}", (1, 6), "holds no answer"),
        ("{=Grant}", (1, 1), "needs text"),
        ("Who?{=Grant ~}", (1, 13), "empty answer"),
        ("Who?{=a ~%150%b}", (1, 10), "between -100% and 100%"),
        ("When?{#5..1}", (1, 8), "runs backwards"),
        ("$CATEGORY:\n\nWho?{=a}", (1, 1), "needs a category path"),
    ],
)
def test_a_malformed_question_is_an_error_that_names_its_place(text, where, words):
    result = read(text)
    assert [(p.line, p.col) for p in result.errors] == [where]
    assert words in result.errors[0].message


def test_a_file_that_is_not_text_is_one_problem_not_a_traceback():
    result = gift.read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.gift")
    assert [(p.line, p.col, p.message) for p in result.problems] == [(0, 0, "the file is binary data, not text")]


def test_a_windows_file_with_a_byte_order_mark_reads_like_any_other():
    result = gift.read("\ufeff::Q::Who?{=Grant}\r\n\r\nWhy?{T}\r\n".encode("utf-8"), "bank.gift")
    assert [(q.name, q.stem, q.line) for q in result.questions] == [("Q", "Who?", 1), ("", "Why?", 3)]


def test_written_gift_is_what_moodle_documents():
    q = Exchanged("multichoice", "Who formed Ansar al Din?", name="founder", id="ansar-dine-founder",
                  answers=[Answer("Iyad Ag Ghali", 1, "Yes."), Answer("Mokhtar Belmokhtar"), Answer("Both", 0.5)],
                  general_feedback="A former Tuareg rebel leader.", tags=["leaders"],
                  source=["formed at the end of 2011 by Iyad Ag Ghali"], difficulty=1)
    assert gift.write([q], META).decode() == (
        "// Tuareg and Islamist insurrection in Mali (mali-insurgency): written by Tutor\n\n"
        "// [id:ansar-dine-founder]\n// [tag:leaders]\n// [tutor-source:formed at the end of 2011 by Iyad Ag Ghali]\n"
        "// [tutor-difficulty:1]\n"
        "::founder::[plain]Who formed Ansar al Din?{\n\t=Iyad Ag Ghali#Yes.\n\t~Mokhtar Belmokhtar\n\t~%50%Both\n"
        "\t####A former Tuareg rebel leader.\n}\n"
    )


@pytest.mark.parametrize(
    "q, words",
    [
        (Exchanged("ordering", "Order the events.", steps=["coup", "French intervention"]), "no ordering"),
        (Exchanged("cloze", "{{0}} and {{1}}", blanks=[[Answer("a", 1)], [Answer("b", 1)]]), "one blank"),
        (Exchanged("cloze", "The capital is {{0}}", blanks=[[Answer("Bamako", 1)]]), "ends the text"),
        (Exchanged("matching", "Match.", pairs=[("a -> b", "c"), ("d", "e")]), "matching item"),
    ],
)
def test_what_gift_cannot_express_is_refused_with_the_reason(q, words):
    assert words in gift.cannot_write(q)
    with pytest.raises(ValueError, match=words):
        gift.write([q], META)


def test_writing_refuses_to_lose_a_category():
    qs = [Exchanged("truefalse", "A?", truth=True, category="Mali"), Exchanged("truefalse", "B?", truth=True)]
    with pytest.raises(ValueError, match="category"):
        gift.write(qs, META)


@pytest.mark.parametrize(
    "head, is_gift",
    [
        ("// comment\n::Q1:: 1+1=2 {T}", True),
        ("Who's buried in Grant's tomb?{~Grant =no one}", True),
        ("$CATEGORY: tom/dick\n", True),
        ('<?xml version="1.0"?><quiz>{=a}</quiz>', False),
        ("front\tback\nCapital of Mali\tBamako\n", False),
        ("The capital of Mali is {{c1::Bamako}}.\tGeography", False),
    ],
)
def test_sniff_knows_gift_from_other_formats(head, is_gift):
    assert gift.sniff(head) is is_gift
