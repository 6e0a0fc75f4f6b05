"""Ask says when the material does not answer: the evidence it weighs, each feature on a material of its own."""

import pytest

from content.ask import Index, ask
from content.ask.abstain import abstain_weights, answer_probability
from content.ask.rank import considered
from content.material import Material


def evidence_for(text: str, question: str) -> dict[str, float]:
    reply, features = considered(Index.build(Material(text)), question)
    assert reply.passage is not None and features is not None
    return features


def test_the_noun_asked_about_absent_from_the_whole_material_is_evidence_of_no_answer():
    text = "France is a country in western Europe. Its largest city is Paris, a centre of art."
    assert evidence_for(text, "What is the capital of France?")["focus_unknown"] == 1.0
    assert evidence_for(text, "What is the largest city of France?")["focus_unknown"] == 0.0


def test_the_noun_after_adjectives_and_the_noun_counted_are_the_nouns_asked_about():
    text = "The city has a river port. Its museums draw many visitors."
    assert evidence_for(text, "What is the total population of the city?")["focus_unknown"] == 1.0
    assert evidence_for(text, "How many bones does the city have?")["focus_unknown"] == 1.0
    assert evidence_for(text, "How many museums does the city have?")["focus_unknown"] == 0.0


def test_the_noun_of_which_noun_names_the_kind_of_answer_and_weighs_apart():
    features = evidence_for("The cup was won by the Denver Broncos in a close game.", "Which team won the cup?")
    assert features["kind_unknown"] == 1.0 and features["focus_unknown"] == 0.0 and features["unknown"] == 0.0
    assert ask(Index.build(Material("The cup was won by the Denver Broncos in a close game.")),
               "Which team won the cup?").answer == "Denver Broncos"


def test_a_share_asked_for_is_the_kind_of_answer_not_a_noun_the_material_must_say():
    text = "About 90 percent of the people are farmers."
    assert evidence_for(text, "What share of the people are farmers?")["focus_unknown"] == 0.0


def test_the_weight_of_words_the_material_never_says_is_by_idf_and_names_count_apart():
    text = ("The empire traded gold across the desert. The empire had many scholars.\n\n"
            "Its scholars wrote on law. Gold paid for the mosques.")
    plain = evidence_for(text, "Which scholars wrote on law?")
    assert plain["unknown"] == 0.0 and plain["unknown_named"] == 0.0
    # "Mansa Musa" is a name the question gives and the material never says: most of the question's weight.
    named = evidence_for(text, "Did the empire's ruler Mansa Musa trade gold?")
    assert named["unknown_named"] > 0.3 and named["unknown"] >= named["unknown_named"]


@pytest.mark.parametrize("question, without, with_answer, feature", [
    ("How many people attended the conference in Kidal?", "The conference in Kidal was held in early November.",
     "Some 300 people attended the conference in Kidal.", "no_answer_how_many"),
    ("Who founded the group?", "The group was founded in 2011 to wage jihad in the region.",
     "The group was founded by Iyad Ag Ghali in 2011.", "no_answer_who"),
    ("When did the mission end?", "The mission ended after the last troops left.",
     "The mission ended on 31 December 2023.", "no_answer_when"),
    ("Where did the rebels regroup?", "The rebels regrouped after the defeat.",
     "The rebels regrouped in Kidal after the defeat.", "no_answer_where"),
])
def test_a_passage_with_nothing_of_the_kind_asked_for_is_evidence_of_no_answer(question, without, with_answer,
                                                                                feature):
    assert evidence_for(without, question)[feature] == 1.0
    assert evidence_for(with_answer, question)[feature] == 0.0


def test_a_count_that_does_not_count_the_noun_asked_about_is_evidence_of_no_answer():
    question = "How many troops did the mission have?"
    assert evidence_for("The mission had 2100 vehicles when it was set up, and later troops came.",
                        question)["unit_missed"] == 1.0
    assert evidence_for("The mission had 2100 troops when it was set up.", question)["unit_missed"] == 0.0


def test_a_percentage_asked_for_needs_a_part_in_the_passage():
    question = "What percentage of the voters took part in the election?"
    assert evidence_for("Few voters took part in the election, and the count was slow.", question)["no_part"] == 0.0
    assert evidence_for("The voters who took part in the election were counted slowly.", question)["no_part"] == 1.0
    assert evidence_for("Some 45 percent of the voters took part in the election.", question)["no_part"] == 0.0


def test_a_passage_that_only_restates_the_question_says_nothing_new():
    question = "What were the unkept promises of the peace accords that ended the rebellions?"
    assert evidence_for("The rebellions ended in peace accords and unkept promises.", question)["nothing_new"] == 1.0
    assert evidence_for("The peace accords promised jobs and roads, which never came.", question)["nothing_new"] == 0.0


def test_a_passage_far_ahead_of_the_next_has_a_larger_margin_than_one_beside_an_equal():
    alone = evidence_for("The river port ships grain to the coast.\n\nThe museums open at nine.",
                         "What does the river port ship to the coast?")
    tied = evidence_for("The river port ships grain to the coast.\n\nThe river port ships cotton to the coast.",
                        "What does the river port ship to the coast?")
    assert alone["margin"] > tied["margin"]


def test_the_phrase_models_doubt_is_weighed_for_what_questions_only():
    text = "On the terraces the farmers grew barley and rye."
    assert 0.0 <= evidence_for(text, "What did the farmers grow on the terraces?")["phrase_doubt"] < 1.0
    assert evidence_for(text, "Who grew barley on the terraces?")["phrase_doubt"] == 0.0


def test_the_material_does_not_say_what_it_only_comes_near():
    material = Material("France is a country in western Europe. Its largest city is Paris, a centre of art.\n\n"
                        "French painters worked in Paris for centuries.")
    index = Index.build(material)
    reply = ask(index, "What is the capital of France?")
    assert reply.passage is None and reply.message.startswith("The material does not say.")
    assert "Paris" in ask(index, "What is the largest city of France?").passage


@pytest.mark.parametrize("text, answered, question", [
    ("In early November 2009, the movement held an international conference in Kidal. People came from the whole "
     "region to hear its preachers.\n\nThe movement preached in the mosques of the north.",
     "Some 300 people attended the conference in Kidal in November 2009.",
     "How many people attended the conference in Kidal in November 2009?"),
    ("Signatory armed groups demanded quotas for the integration of their fighters into all security institutions."
     "\n\nThe government refused the demand at first.",
     "The armed groups demanded quotas of 30 percent for integration into the security institutions.",
     "What percentage quotas did the armed groups demand for integration into the security institutions?"),
    ("The mission was set up by resolution 2100 of 25 April 2013. Regional troops of the intervention were absorbed "
     "into the mission.\n\nThe mission was the largest in the region.",
     "When it was set up, the mission had 11,200 troops.",
     "How many troops did the mission have when it was set up?"),
])
def test_a_passage_on_the_subject_without_the_kind_of_answer_asked_gets_no_passage(text, answered, question):
    assert ask(Index.build(Material(text)), question).passage is None
    reply = ask(Index.build(Material(text + "\n\n" + answered)), question)
    assert reply.passage is not None and answered in reply.passage


def test_a_definition_asked_for_is_given_without_weighing():
    material = Material("Many desert plants use crassulacean acid metabolism (CAM) to save water.")
    reply, features = considered(Index.build(material), "What does CAM stand for?")
    assert features is None and reply.answer == "crassulacean acid metabolism"


def test_the_abstaining_weights_are_readable_data_and_each_feature_speaks_one_way():
    weights = abstain_weights()
    features = evidence_for("The city has a river port.", "What does the city have?")
    assert features.keys() <= weights.keys() and "bias" in weights
    assert weights["coverage"] >= 0 and weights["score"] >= 0
    against = set(features) - {"coverage", "score", "margin"}
    assert all(weights[k] <= 0 for k in against)
    assert answer_probability({**features, "no_answer_how_many": 1.0, "focus_unknown": 1.0}) \
        < answer_probability(features)
