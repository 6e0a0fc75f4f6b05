"""Each question type as an xAPI cmi.interaction: its type, correct responses, components and responses."""

from hypothesis import given
from hypothesis import strategies as st

from content.questions import Blank, Choice, Cloze, Item, Multi, Numeric, Order, Pairs, Short, TrueFalse
from content.questions.base import component_ids


def stored(response):
    """A response as the engine writes it to the review log."""
    if isinstance(response, dict):
        return "; ".join(f"{k} -> {v}" for k, v in response.items())
    if isinstance(response, (list, tuple)):
        return " | ".join(map(str, response))
    return str(response)


COMMON = {"prompt": "?", "explain": "."}


def test_a_choice_is_a_choice_interaction_whose_response_is_the_picked_option_s_id():
    q = Choice(id="year", answer="1960", options=["1962", "1958"], **COMMON)

    interaction = q.interaction()

    assert interaction.kind == "choice"
    assert interaction.choices == (("1958", "1958"), ("1960", "1960"), ("1962", "1962"))
    assert interaction.correct == ("1960",)
    assert q.interaction_response("1962") == "1962"
    assert q.interaction_response("") == ""  # "I don't know"


def test_a_multi_is_a_choice_interaction_with_every_right_option_in_its_pattern():
    q = Multi(id="groups", answers=["MNLA", "Ansar Dine"], options=["UN peacekeepers"], **COMMON)

    interaction = q.interaction()

    assert interaction.kind == "choice"
    assert interaction.correct == ("mnla[,]ansar-dine",)
    assert dict(interaction.choices) == {"ansar-dine": "Ansar Dine", "mnla": "MNLA", "un-peacekeepers": "UN peacekeepers"}
    assert q.interaction_response(stored(["UN peacekeepers", "MNLA", "MNLA"])) == "un-peacekeepers[,]mnla"


def test_true_false_short_and_numeric_patterns():
    statement = TrueFalse(id="tf", statement="Mali is landlocked.", answer=True, **COMMON)
    short = Short(id="who", answer="Iyad Ag Ghali", accept=["Ag Ghali"], **COMMON)
    exact = Numeric(id="men", answer=300, **COMMON)
    about = Numeric(id="year", answer=1960, tolerance=1, **COMMON)

    assert (statement.interaction().kind, statement.interaction().correct) == ("true-false", ("true",))
    assert [statement.interaction_response(r) for r in ("False", "t", "perhaps")] == ["false", "true", ""]
    assert (short.interaction().kind, short.interaction().correct) == ("fill-in", ("Iyad Ag Ghali", "Ag Ghali"))
    assert short.interaction_response("  ag ghali ") == "ag ghali"
    assert exact.interaction().correct == ("300",) and about.interaction().correct == ("1959[:]1961",)
    assert exact.interaction().kind == "numeric"
    assert [exact.interaction_response(r) for r in ("about three hundred", "300 or 400", "many")] == ["300", "", ""]


def test_a_cloze_is_fill_in_with_one_response_per_blank_and_says_when_order_does_not_matter():
    ordered = Cloze(id="c", text="___ and ___", blanks=[Blank("Gao"), Blank("Kidal")], **COMMON)
    loose = Cloze(id="d", text="___ and ___", blanks=[Blank("Gao"), Blank("Kidal")], any_order=True, **COMMON)
    single = Cloze(id="e", text="In ___.", blanks=[Blank("Gao")], **COMMON)

    assert ordered.interaction().correct == ("Gao[,]Kidal",)
    assert loose.interaction().correct == ("{order_matters=false}Gao[,]Kidal",)
    assert ordered.interaction_response(stored(["Kidal", "Gao"])) == "Kidal[,]Gao"
    assert ordered.interaction_response("gao; kidal") == "gao[,]kidal"  # a line typed, not parted by the engine
    assert single.interaction_response("Gao") == "Gao"


def test_an_order_is_a_sequencing_of_its_items_and_a_match_pairs_sources_with_targets():
    order = Order(id="o", items=[Item("First", "q1"), Item("Second", "q2"), Item("Third", "q3")], **COMMON)
    pairs = Pairs(id="p", pairs={"Gao": "east", "Kayes": "west"}, **COMMON)

    sequencing, matching = order.interaction(), pairs.interaction()

    assert sequencing.kind == "sequencing" and sequencing.correct == ("first[,]second[,]third",)
    assert sorted(sequencing.steps) == [("first", "First"), ("second", "Second"), ("third", "Third")]
    assert order.interaction_response(stored(["Second", "First", "Third"])) == "second[,]first[,]third"
    assert matching.kind == "matching" and matching.correct == ("gao[.]east[,]kayes[.]west",)
    assert (dict(matching.source), dict(matching.target)) == ({"gao": "Gao", "kayes": "Kayes"},
                                                              {"east": "east", "west": "west"})
    assert pairs.interaction_response(stored({"Gao": "west", "Kayes": "east"})) == "gao[.]west[,]kayes[.]east"


def test_every_bundled_question_s_correct_pattern_answered_back_gets_full_marks(mali_course):
    for q in mali_course.bank.questions:
        interaction = q.interaction()
        pattern = interaction.correct[0].removeprefix("{order_matters=false}").split("[:]")[0]
        answer = q.interaction_answer(pattern)

        assert q.check(answer).score == 1.0, q.id
        assert q.interaction_response(stored(answer)) == pattern, q.id
        for components in interaction.components().values():
            ids = [component_id for component_id, _ in components]
            assert len(set(ids)) == len(ids) and all(i and not any(c.isspace() for c in i) for i in ids), q.id


@given(st.lists(st.text(max_size=60), max_size=12))
def test_component_ids_are_unique_and_have_no_spaces(texts):
    ids = component_ids(texts)

    assert len(ids) == len(texts) and len(set(ids)) == len(ids)
    assert all(i and not any(c.isspace() for c in i) and "[" not in i for i in ids)
