"""Each question type grades its own kind of response, with partial credit where it fits."""

from content.bank import bank_from_data


def make(**fields):
    cited = {} if fields["type"] == "order" else {"source": "a quote"}
    question = {"explain": "Because.", **cited, **fields}
    return bank_from_data({"id": "demo", "title": "Demo", "questions": [question]}).questions[0]


def test_multi_gives_partial_credit_and_takes_off_for_wrong_picks():
    question = make(id="cma", type="multi", prompt="Which?", answers=["MNLA", "HCUA", "MAA"], options=["GATIA", "CMFPR"])
    assert question.check(["MNLA", "HCUA", "MAA"]).correct
    assert question.check(["mnla", "hcua"]).score == 2 / 3
    assert question.check(["MNLA", "HCUA", "GATIA"]).score == 1 / 3
    assert question.check(["GATIA", "CMFPR"]).score == 0
    assert question.check("MNLA, HCUA, MAA").correct


def test_truefalse_reads_t_f_yes_no():
    question = make(id="tf", type="truefalse", statement="Moura is in Mopti.", answer=True)
    assert question.prompt == "True or false?"
    assert all(question.check(r).correct for r in ["t", "T", "true", "yes", True])
    assert not any(question.check(r).correct for r in ["f", "no", False, "maybe"])


def test_cloze_grades_each_blank():
    question = make(id="cl", type="cloze", text="Resolution ___ of 25 April ___.",
                    blanks=[{"answer": "2100"}, {"answer": "2013"}])
    assert question.check(["2100", "2013"]).correct
    assert question.check("2100; 2012").score == 0.5
    assert question.filled() == "Resolution 2100 of 25 April 2013."


def test_order_scores_the_pairs_in_the_right_order():
    items = [{"text": t, "source": t} for t in ["coup", "intervention", "election", "accord"]]
    question = make(id="o", type="order", prompt="Order these.", items=items)
    assert question.source == ["coup", "intervention", "election", "accord"]
    assert question.check(["coup", "intervention", "election", "accord"]).correct
    assert question.check(["intervention", "coup", "election", "accord"]).score == 5 / 6
    assert question.check(["accord", "election", "intervention", "coup"]).score == 0
    assert question.check(["coup", "coup", "election", "accord"]).score == 0


def test_match_scores_each_pair():
    question = make(id="m", type="match", prompt="Match.", pairs={"MNLA": "Ag Acherif", "Ansar al Din": "Ag Ghali", "Islamic High Council": "Dicko"})
    assert question.check({"MNLA": "Ag Acherif", "Ansar al Din": "Ag Ghali", "Islamic High Council": "Dicko"}).correct
    assert question.check({"MNLA": "Ag Ghali", "Ansar al Din": "Ag Acherif", "Islamic High Council": "Dicko"}).score == 1 / 3
    assert question.check("nonsense").score == 0


def test_numeric_options_are_listed_by_value_not_as_text():
    question = make(id="n", type="choice", prompt="How many?", answer="51", options=["100", "160", "40"])
    assert question.shown_options() == ("40", "51", "100", "160")
    words = make(id="w", type="choice", prompt="Who?", answer="Keita", options=["Toure", "Dicko"])
    assert sorted(words.shown_options()) == ["Dicko", "Keita", "Toure"]


def test_cloze_parts_a_line_at_semicolons_else_at_commas_but_never_inside_a_number():
    question = make(id="cl", type="cloze", text="Between March ___ and 31, in a town of ___ people.",
                    blanks=[{"answer": "27"}, {"answer": "10,000"}])
    assert question.read("27; 10,000") == ["27", "10,000"]
    assert question.read("27, 10,000") == ["27", "10,000"]
    assert question.check("27, 10,000").correct
    assert question.check("27; 1,000").score == 0.5


def test_cloze_blanks_marked_any_order_take_their_answers_in_either_blank_once():
    fields = dict(type="cloze", text="Abuses rarely led to ___ or ___.",
                  blanks=[{"answer": "investigations"}, {"answer": "prosecutions"}])
    assert make(id="in-order", **fields).check("prosecutions; investigations").score == 0
    either = make(id="either", any_order=True, **fields)
    assert either.check("prosecutions; investigations").correct
    assert either.check(["prosecutions", "prosecutions"]).score == 0.5
    assert either.to_data()["any_order"] is True


def test_numeric_reads_number_words_units_and_spoken_years_and_refuses_hedges():
    seats = make(id="seats", type="numeric", prompt="How many seats?", answer=147)
    assert all(seats.check(r).correct for r in ["147", "147 seats", "one hundred forty-seven", "about 147", 147])
    assert not any(seats.check(r).correct for r in ["147 or 148", "not 147", "148", "147 seats, 1,000 candidates"])
    year = make(id="year", type="numeric", prompt="Until when?", answer=1960)
    assert year.check("nineteen sixty").correct and year.check("until 1960").correct
    assert year.check("1960s").score == 0


def test_cloze_typed_without_separators_is_parted_at_and_or_or_then_between_words():
    question = make(id="cl", type="cloze", text="Abuses rarely led to ___ or ___.",
                    blanks=[{"answer": "investigations"}, {"answer": "prosecutions"}])
    assert question.read("investigations and prosecutions") == ["investigations", "prosecutions"]
    assert question.check("investigations or prosecutions").correct
    assert question.check("investigations prosecutions").correct
    assert question.check("investigations").score == 0.5


def test_a_cloze_answer_may_repeat_the_sentence_around_its_blank():
    question = make(id="cl", type="cloze", text="The Platform of ___ Militias and the rank ___ question.",
                    blanks=[{"answer": "Northern"}, {"answer": "harmonization"}])
    assert question.check("Northern Militias; rank harmonization").correct
    assert question.check("of Northern Militias; harmonization").correct
    assert question.check("Southern Militias; harmonization").score == 0.5


def test_numeric_writes_whole_numbers_whole():
    """A drafted year came out as `answer: 1988.0`; a teacher reads it as a decimal."""
    year = make(id="year", type="numeric", prompt="In what year?", answer=1988.0)
    assert year.to_data()["answer"] == 1988 and isinstance(year.to_data()["answer"], int)
    share = make(id="share", type="numeric", prompt="What share?", answer=2.5, tolerance=1.0)
    assert share.to_data()["answer"] == 2.5 and share.to_data()["tolerance"] == 1
    assert bank_from_data({"id": "d", "title": "D", "questions": [year.to_data()]}).questions == [year]
