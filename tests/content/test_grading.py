"""Typed answers are graded the way a fair teacher grades them."""

import pytest
from hypothesis import assume, given, strategies as st
from rapidfuzz.distance import OSA

from content.bank import bank_from_data
from content.grading.known import known_of
from content.grading.reading import words_of
from content.matching import match_answer, normalize, typos_allowed
from content.questions import Choice, Cloze, Short
from content.text.dates import MONTHS

BANK = bank_from_data({
    "id": "demo",
    "title": "Demo",
    "questions": [
        {"id": "founder", "type": "short", "prompt": "Who formed Ansar al Din?", "answer": "Iyad Ag Ghali",
         "accept": ["Ag Ghali"], "explain": "e", "source": "s"},
        {"id": "sg", "type": "short", "prompt": "Who leads the MNLA?", "answer": "Bilal Ag Acherif",
         "explain": "e", "source": "s"},
        {"id": "wing", "type": "short", "prompt": "Who heads its political wing?", "answer": "Mahmoud Ag Aghali",
         "explain": "e", "source": "s"},
        {"id": "year", "type": "short", "prompt": "When?", "answer": "2015", "explain": "e", "source": "s"},
        {"id": "arab", "type": "short", "prompt": "Which Arab movement?", "answer": "MAA",
         "accept": ["Arab Movement of Azawad"], "explain": "e", "source": "s"},
        {"id": "tuareg", "type": "short", "prompt": "Which Tuareg group?", "answer": "MNLA", "explain": "e", "source": "s"},
        {"id": "outpost", "type": "short", "prompt": "Where?", "answer": "Menaka", "explain": "e", "source": "s"},
        {"id": "town", "type": "short", "prompt": "Where?", "answer": "Ménaka", "explain": "e", "source": "s"},
        {"id": "times", "type": "short", "prompt": "How many?", "answer": "fourth", "accept": ["4th"],
         "explain": "e", "source": "s"},
        {"id": "groups", "type": "short", "prompt": "How many?", "answer": "4", "explain": "e", "source": "s"},
        {"id": "resolution", "type": "short", "prompt": "Which?", "answer": "2100",
         "accept": ["resolution 2100"], "explain": "e", "source": "s"},
        {"id": "minusma", "type": "choice", "prompt": "Which?", "answer": "MINUSMA",
         "options": ["MNLA", "MUJWA", "AQIM"], "explain": "e", "source": "s"},
    ],
})


def q(qid):
    return BANK.question(qid)


@pytest.mark.parametrize("qid, response", [
    ("founder", "Iyad Ag Ghali"),
    ("founder", "iyad ag ghali"),
    ("founder", "  Iyad   Ag-Ghali. "),
    ("founder", "Ag Ghali"),                 # a listed alias
    ("founder", "Iyad Ag Ghaly"),            # one typo in a long name
    ("founder", "Iyad Ag Gahli"),            # a transposition
    ("founder", "It was Iyad Ag Ghali"),     # a few words around the answer
    ("town", "Menaka"),                      # diacritics
    ("outpost", "Ménaka"),
    ("groups", "four"),                      # number words
    ("groups", "Four!"),
    ("times", "4th"),
    ("arab", "the MAA"),                     # a leading article
    ("arab", "arab movement of azawad"),
    ("resolution", "Resolution 2100"),
    ("resolution", "2,100"),
])
def test_a_right_answer_is_accepted_despite_noise(qid, response):
    verdict = q(qid).check(response)
    assert verdict.correct and verdict.score == 1


@pytest.mark.parametrize("qid, response", [
    ("founder", "Ag Acherif"),               # another leader
    ("founder", "Ag Aghali"),                # one letter away, but part of another leader's name
    ("founder", "Mahmoud Ag Aghali"),
    ("founder", "Ag Ghali or Ag Acherif"),   # hedging between two names
    ("year", "2013"),                        # a different year
    ("year", "2O15x"),
    ("arab", "MNLA"),                        # a different group
    ("arab", "MAA-PF"),
    ("tuareg", "MNL"),                       # no typo allowed in a four-letter code
    ("resolution", "2101"),
    ("groups", "five"),
    ("founder", ""),
    ("founder", "[/]"),
])
def test_a_different_entity_is_refused_however_close(qid, response):
    verdict = q(qid).check(response)
    assert not verdict.correct and verdict.score == 0


def test_a_typo_is_accepted_with_the_right_spelling_given():
    verdict = q("founder").check("Iyad Ag Ghaly")
    assert verdict.correct and "Iyad Ag Ghali" in verdict.feedback


def test_a_wrong_answer_gives_the_right_one():
    verdict = q("sg").check("Dicko")
    assert not verdict.correct and "Bilal Ag Acherif" in verdict.feedback


def test_choice_accepts_the_option_and_refuses_the_others():
    question = q("minusma")
    assert question.check("MINUSMA").correct
    assert set(question.choices()) == {"MINUSMA", "MNLA", "MUJWA", "AQIM"}
    for option in question.options:
        assert not question.check(option).correct


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def noisy(answer: str, data, codes=frozenset()) -> str:
    """What a learner's hands do to a right answer (no typo in an acronym: those must be exact)."""
    text = answer
    if data.draw(st.booleans(), "case"):
        text = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in text)
    if data.draw(st.booleans(), "spaces"):
        text = data.draw(st.sampled_from(["", " ", "  ", "\t"])) + text.replace(" ", data.draw(st.sampled_from([" ", "  "]))) + " "
    if data.draw(st.booleans(), "punctuation"):
        text += data.draw(st.sampled_from([".", "!", "?", ",", "..."]))
    if typos_allowed(normalize(answer)) >= 1 and not codes & set(words_of(answer)) and data.draw(st.booleans(), "typo"):
        spots = [i for i, c in enumerate(text) if c.isalpha()]
        i = data.draw(st.sampled_from(spots), "where")
        kind = data.draw(st.sampled_from(["swap", "drop", "add", "replace"]))
        if kind == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        elif kind == "drop":
            text = text[:i] + text[i + 1:]
        elif kind == "add":
            text = text[:i] + data.draw(st.sampled_from(LETTERS)) + text[i:]
        else:
            text = text[:i] + data.draw(st.sampled_from(LETTERS)) + text[i + 1:]
    return text


def typed_questions(course):
    return [x for x in course.bank.questions if isinstance(x, Short)]


def test_the_shipped_bank_has_typed_questions_to_grade(mali_course):
    assert len(typed_questions(mali_course)) >= 10


@given(data=st.data())
def test_noise_keeps_a_right_answer_right_in_the_shipped_bank(mali_course, data):
    question = data.draw(st.sampled_from(typed_questions(mali_course)))
    response = noisy(question.answer, data, known_of(question._rivals).codes)
    # A typo that brings the answer as close to another entity of the bank ("Torure": Toure or
    # torture?) is ambiguous, and refused by design.
    said, own = normalize(response), {normalize(f) for f in question.entities()}
    nearest_own = min(OSA.distance(said, f) for f in own)
    assume(all(OSA.distance(said, r) > nearest_own for r in question._rivals - own))
    # A typo that turns a word into another entity's word ("Aghali" -> "Ghali" of Iyad Ag Ghali)
    # blends two names, and is refused by design too.
    own_words = {w for f in own for w in f.split()}
    rival_words = {w for r in question._rivals - own for w in r.split()} - own_words
    assume(not set(said.split()) & rival_words)
    # A typo that brings a month as close to another month ("jule": July or June?) changes the date,
    # and is refused by design.
    assume(not any(month_is_ambiguous(w) for w in said.split()))
    assert question.check(response).correct, (question.id, response)


def month_is_ambiguous(word: str) -> bool:
    """Whether a word is a slip of a month that lies as near another month ("jule")."""
    if word in MONTHS:
        return False
    distances = sorted(OSA.distance(word, m) for m in MONTHS)
    return distances[0] <= 1 and distances[0] == distances[1]


def test_a_month_slip_between_two_months_is_refused_but_a_clear_slip_is_right(mali_course):
    question = next(x for x in mali_course.bank.questions if x.id == "roadmap-date")
    assert not question.check("24 jule 2014").correct  # July or June: the date is not known
    assert question.check("24 julu 2014").correct and question.check("24 Jully 2014").correct


def same_answer(a: Short, b: Short) -> bool:
    forms_a = {normalize(f) for f in a.entities()}
    forms_b = {normalize(f) for f in b.entities()}
    return any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in forms_a for y in forms_b)


def test_the_answer_to_another_question_is_wrong(mali_course):
    questions = typed_questions(mali_course)
    wrongly_accepted = [
        (a.id, b.answer)
        for a in questions for b in questions
        if not same_answer(a, b) and a.check(b.answer).correct
    ]
    assert wrongly_accepted == []


def alike(a: str, b: str, known) -> bool:
    """One name holds the other, plurals and country/adjective pairs ("France", "French") as one."""
    x, y = (" ".join(known.canonical(w) for w in words_of(t)) for t in (a, b))
    return f" {x} " in f" {y} " or f" {y} " in f" {x} "


def test_a_cloze_blank_refuses_other_blanks_answers(mali_course):
    clozes = [x for x in mali_course.bank.questions if isinstance(x, Cloze)]
    others = {b.answer for x in clozes for b in x.blanks}
    for question in clozes:
        known = known_of(question._rivals)
        right = [b.answer for b in question.blanks]
        assert question.check(right).correct, question.id
        for j, blank in enumerate(question.blanks):
            for other in others:
                if any(alike(other, f, known) for f in (blank.answer, *blank.accept)):
                    continue
                response = [*right[:j], other, *right[j + 1:]]
                assert question.check(response).score == (len(right) - 1) / len(right), (question.id, response)


def test_choice_questions_refuse_every_wrong_option(mali_course):
    for question in (x for x in mali_course.bank.questions if isinstance(x, Choice)):
        assert question.check(question.answer).correct
        assert not any(question.check(o).correct for o in question.options), question.id


# -- each rule of a fair teacher, on an invented course: nothing here is about Mali --------------

from content.grading.known import teach  # noqa: E402
from content.material import Material  # noqa: E402

VALMORA = Material("""# Valmora

The Republic of Valmora won its independence from Castilia in 1921. President Tomas Rivel led the country until 1950.
In March 1950 General Ana Rivel, his cousin, seized power in Port Sarel, the capital of Valmora.
The Valmoran army and Castilian troops fought the rebels of the Northern Front (NF) around the town of Esca, in the far north.
The Northern Front was led by Iker Sol, and its political wing by Marta Sol.
On 12 June 1951 the rebels signed the Esca Accord with the government. The Alliance for Peace and Justice backed it.
About 4,000 people fled to Lorca, where the Castilian envoy Marco Pell mediated the talks. Pell said the talks went well.
The Valmoran People's Party (VPP) won 88 seats in 1952. The rebels called the report completely baseless.
Reports of abuses rarely led to investigations or prosecutions.
""")


def _valmora():
    def short(qid, answer, *accept):
        return {"id": qid, "type": "short", "prompt": "?", "answer": answer, "accept": list(accept),
                "explain": "e", "source": "s"}

    bank = bank_from_data({"id": "valmora", "title": "Valmora", "questions": [
        short("front-leader", "Iker Sol"), short("wing-leader", "Marta Sol"), short("coup-leader", "Ana Rivel"),
        short("mediator", "Marco Pell"), short("town", "Esca"), short("refuge", "Lorca"),
        short("partner", "Castilia"), short("capital", "Port Sarel"), short("accord-date", "12 June 1951"),
        short("coup-month", "March 1950"), short("party", "VPP"), short("front", "Northern Front", "NF"),
        short("alliance", "Alliance for Peace and Justice"), short("denial", "completely baseless"),
        {"id": "seats", "type": "numeric", "prompt": "?", "answer": 88, "explain": "e", "source": "s"},
        {"id": "independence", "type": "numeric", "prompt": "?", "answer": 1921, "explain": "e", "source": "s"},
        {"id": "abuses", "type": "cloze", "text": "Reports of abuses rarely led to ___ or ___.",
         "blanks": [{"answer": "investigations"}, {"answer": "prosecutions"}], "explain": "e", "source": "s"},
        {"id": "abuses-either", "type": "cloze", "text": "Reports of abuses rarely led to ___ or ___.",
         "blanks": [{"answer": "investigations"}, {"answer": "prosecutions"}], "any_order": True,
         "explain": "e", "source": "s"},
        {"id": "flight", "type": "cloze", "text": "About ___ people fled to ___.",
         "blanks": [{"answer": "4,000"}, {"answer": "Lorca"}], "explain": "e", "source": "s"},
    ]})
    teach(bank.questions, VALMORA)
    return bank


VALMORA_BANK = _valmora()


def right(qid, response):
    return VALMORA_BANK.question(qid).check(response).correct


def wrong(qid, response):
    return VALMORA_BANK.question(qid).check(response).score == 0


@pytest.mark.parametrize("qid, response", [
    ("town", "the town of Esca"), ("refuge", "in Lorca"), ("town", "Esca, in the far north"),
    ("front-leader", "Iker Sol, the group's leader"), ("mediator", "the envoy Marco Pell"),
    ("mediator", "Marco Pell, a Castilian envoy"), ("town", "They fought at Esca."),
    ("capital", "Port Sarel (the capital)"), ("capital", "Port Sarel, Valmora"),
])
def test_a_descriptor_title_preposition_or_apposition_around_the_answer_is_right(qid, response):
    assert right(qid, response)


@pytest.mark.parametrize("response", ["12 June 1951", "12/06/1951", "1951-06-12", "June 12, 1951", "Jun 12th 1951",
                                      "the 12th of June, 1951", "12.06.1951", "on 12 June 1951"])
def test_any_common_date_form_is_right(response):
    assert right("accord-date", response)


@pytest.mark.parametrize("response", ["03/1950", "Mar 1950", "in March 1950", "March, 1950"])
def test_a_month_and_year_in_any_common_form_is_right(response):
    assert right("coup-month", response)


@pytest.mark.parametrize("qid, response", [
    ("accord-date", "13 June 1951"), ("accord-date", "12 July 1951"), ("accord-date", "June 1951"),
    ("accord-date", "1951"), ("coup-month", "1950"), ("coup-month", "April 1950"), ("accord-date", "12 June"),
])
def test_a_date_off_by_a_day_or_vaguer_than_asked_is_wrong(qid, response):
    assert wrong(qid, response)


@pytest.mark.parametrize("qid, response", [
    ("seats", "eighty-eight"), ("seats", "88 seats"), ("independence", "nineteen twenty-one"),
    ("independence", "in 1921"), ("flight", "four thousand; Lorca"),
])
def test_number_words_and_units_around_a_number_are_right(qid, response):
    assert right(qid, response)


def test_and_may_be_written_as_an_ampersand():
    assert right("alliance", "the Alliance for Peace & Justice")
    assert wrong("alliance", "Alliance for Peace")  # a name cut short is not the name


def test_a_fuller_or_shorter_name_of_the_same_person_is_right():
    assert right("mediator", "Pell") and right("mediator", "envoy Pell") and right("mediator", "Mr Pell")


def test_a_surname_two_people_share_is_ambiguous_alone():
    assert wrong("front-leader", "Sol") and wrong("coup-leader", "Rivel") and right("coup-leader", "General Ana Rivel")


@pytest.mark.parametrize("qid, response", [
    ("mediator", "Pedro Pell"),  # a given name the texts never use: another person
    ("mediator", "Iker Pell"),  # a blend of two people
    ("front-leader", "Marta Sol"), ("wing-leader", "Iker Sol"), ("coup-leader", "Tomas Rivel"),
])
def test_a_different_given_name_with_the_same_surname_is_wrong(qid, response):
    assert wrong(qid, response)


def test_a_typo_that_lands_on_another_name_is_that_name():
    assert right("mediator", "Marco Pel")
    assert wrong("front-leader", "Iker Pell")


def test_an_acronym_gets_no_typo():
    assert right("party", "the VPP") and wrong("party", "VPQ") and wrong("front", "NG")


def test_an_acronym_run_on_into_another_word_names_something_else():
    assert wrong("party", "VPP-Q")


def test_the_answer_run_on_into_a_longer_known_name_is_that_name():
    assert wrong("town", "the Esca Accord")


@pytest.mark.parametrize("qid, response", [("town", "not Esca"), ("denial", "not completely baseless"),
                                           ("seats", "not 88"), ("partner", "Castilia didn't")])
def test_a_negation_is_wrong(qid, response):
    assert wrong(qid, response)


def test_a_negation_of_another_answer_beside_the_answer_is_no_retraction():
    assert right("town", "Esca, not Lorca") and right("town", "not Lorca but Esca")
    assert wrong("town", "Lorca, not Esca") and wrong("town", "not Esca but Lorca")


@pytest.mark.parametrize("qid, response", [("town", "Esca or Lorca"), ("refuge", "Lorca or Madrid"),
                                           ("refuge", "Lorca/Madrid"), ("seats", "88 or 89"),
                                           ("town", "Esca, or Lorca")])
def test_a_hedge_between_two_answers_is_wrong(qid, response):
    assert wrong(qid, response)


def test_a_hedge_between_two_forms_of_the_answer_is_right():
    assert right("front", "Northern Front or NF")


@pytest.mark.parametrize("qid, response", [("partner", "Castilia and Valmora"), ("town", "Esca, Lorca"),
                                           ("seats", "88 seats and 4000 people"), ("refuge", "Esca and Lorca")])
def test_a_second_claim_beside_the_answer_is_wrong(qid, response):
    assert wrong(qid, response)


def test_and_inside_a_description_of_the_answer_is_no_second_claim():
    assert right("town", "Esca, where the army and Castilian troops fought")


def test_a_country_and_its_adjective_are_one_where_the_texts_use_both():
    assert right("partner", "Castilian troops") and right("partner", "the Castilians")


def test_a_plural_or_singular_form_of_a_word_is_right():
    assert VALMORA_BANK.question("abuses").check("investigation; prosecution").correct


def test_a_cloze_line_parts_at_semicolons_else_commas_never_inside_a_number():
    flight = VALMORA_BANK.question("flight")
    assert flight.read("4,000; Lorca") == ["4,000", "Lorca"]
    assert flight.read("4,000, Lorca") == ["4,000", "Lorca"]
    assert flight.check("4,000, Lorca").correct and flight.check(["4000", "Lorca"]).correct
    assert flight.check("4,000; Esca").score == 0.5


def test_interchangeable_blanks_take_their_answers_in_any_order_once_each():
    assert not VALMORA_BANK.question("abuses").check("prosecutions; investigations").correct
    either = VALMORA_BANK.question("abuses-either")
    assert either.check("prosecutions; investigations").correct
    assert either.check("prosecutions; prosecutions").score == 0.5


def test_the_grading_knowledge_survives_the_course_cache():
    import pickle

    question = pickle.loads(pickle.dumps(VALMORA_BANK.question("front-leader")))
    assert question.check("Iker Sol").correct and not question.check("Marta Sol").correct


def test_an_answer_that_opens_with_an_article_is_right_without_it():
    # Tried by hand: "fourth" for the option "The fourth" was "not one of the options"; "the fourth" was taken.
    assert match_answer("fourth", ["The fourth"]) and match_answer("town", ["the town of Moura", "the town"])
    assert match_answer("third", ["The fourth"]) is None
    q = Choice(id="which-insurrection", prompt="Which insurrection began in 2012?", answer="The fourth",
               options=["The first", "The second", "The third"], source=["x"], explain="x")
    picked = q.read("fourth")
    assert picked == "fourth" and q.check(picked).correct and not q.check(q.read("third")).correct
