"""Tutor questions in and out of the exchange model: each type's mapping, ids, drafts, what is skipped."""

from dataclasses import replace

import pytest
from hypothesis import assume, example, given

from content.bank import Bank, bank_from_data
from content.interchange import FORMATS, Meta, Read, gift, moodle_xml
from content.interchange.convert import NO_EXPLAIN, export, imported, question_id, slug, unique
from content.interchange.model import BLANK_MARK, Answer, Exchanged, Skipped
from content.questions import BLANK, KINDS, Blank, Cloze
from tests.content.interchange.tutor_banks import bank

META = Meta("b", "A bank")


def tutor(kind: str, **fields):
    """A question of `kind`; truefalse and cloze keep their usual prompt unless given one."""
    usual = kind in ("truefalse", "cloze")
    data = {"id": "q", "type": kind, **({} if usual else {"prompt": "Who?"}), "explain": "Because.",
            "source": ["a quote"], "topics": ["t"], **fields}
    return bank_from_data({"id": "b", "title": "B", "questions": [data]}).questions[0]


def one(*exchanged: Exchanged, **options):
    result = imported(Read(questions=list(exchanged)), "b", "B", "material.md", **options)
    return result


def data_of(q):
    return q.to_data()


# -- each type to the exchange model -------------------------------------------------


def test_short_writes_its_accepted_forms_as_more_right_answers():
    ex = tutor("short", answer="Iyad Ag Ghali", accept=["Ag Ghali"]).to_exchanged()
    assert (ex.kind, [(a.text, a.fraction) for a in ex.answers]) == ("shortanswer", [("Iyad Ag Ghali", 1), ("Ag Ghali", 1)])
    assert (ex.id, ex.general_feedback, ex.tags, ex.source, ex.difficulty) == ("q", "Because.", ["t"], ["a quote"], 2)


def test_choice_is_single_multichoice_with_the_wrong_options_at_nothing():
    ex = tutor("choice", answer="Bamako", options=["Gao", "Kidal"]).to_exchanged()
    assert (ex.kind, ex.single) == ("multichoice", True)
    assert [(a.text, a.fraction) for a in ex.answers] == [("Bamako", 1), ("Gao", 0), ("Kidal", 0)]


def test_multi_shares_full_credit_and_takes_a_share_for_each_wrong_option():
    ex = tutor("multi", answers=["MNLA", "Ansar Dine", "MUJWA"], options=["GATIA"]).to_exchanged()
    assert (ex.kind, ex.single) == ("multichoice", False)
    assert [a.fraction for a in ex.answers] == [0.3333333, 0.3333333, 0.3333333, -0.3333333]
    assert round(sum(a.fraction for a in ex.answers if a.fraction > 0), 2) == 1  # as Moodle checks it


def test_truefalse_cloze_order_match_numeric_map_to_their_kinds():
    assert tutor("truefalse", statement="Gao is in Mali.", answer=True).to_exchanged().truth is True
    cloze = tutor("cloze", text="___ founded ___.", blanks=[{"answer": "Ag Ghali", "accept": ["Iyad"]}, {"answer": "Ansar Dine"}])
    ex = cloze.to_exchanged()
    assert ex.stem == "{{0}} founded {{1}}." and [[a.text for a in b] for b in ex.blanks] == [["Ag Ghali", "Iyad"], ["Ansar Dine"]]
    order = tutor("order", items=[{"text": "a", "source": "qa"}, {"text": "b", "source": "qb"}], source=[])
    assert (order.to_exchanged().steps, order.to_exchanged().source) == (["a", "b"], ["qa", "qb"])
    assert tutor("match", pairs={"MNLA": "Tuareg", "AQIM": "Algerian"}).to_exchanged().pairs == [("MNLA", "Tuareg"), ("AQIM", "Algerian")]
    numeric = tutor("numeric", answer=1822, tolerance=2).to_exchanged()
    assert (numeric.kind, numeric.answers[0].text, numeric.answers[0].tolerance) == ("numerical", "1822", 2.0)


def test_a_prompt_of_its_own_goes_above_the_statement_or_the_text_and_comes_back():
    tf = tutor("truefalse", prompt="Does the text say so?", statement="Gao is in Mali.", answer=False)
    assert tf.to_exchanged().stem == "Does the text say so?\nGao is in Mali."
    cloze = tutor("cloze", prompt="Name the founder.", text="___ founded it.", blanks=[{"answer": "Ag Ghali"}])
    assert cloze.to_exchanged().stem == "Name the founder.\n{{0}} founded it."
    for q in (tf, cloze):
        assert data_of(one(q.to_exchanged()).bank.questions[0]) == data_of(q)


# -- every type back from the exchange model -----------------------------------------


def test_which_type_reads_a_kind_comes_from_the_types():
    readers = {kind: [t.type for t in KINDS.values() if kind in t.exchange_kinds]
               for kind in ("multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering", "cloze")}
    assert readers["multichoice"] == ["choice", "multi"]
    assert all(len(types) == 1 for kind, types in readers.items() if kind != "multichoice")
    single = Exchanged("multichoice", "Which?", answers=[Answer("a", 1), Answer("b")], general_feedback="x")
    several = replace(single, single=False)
    assert [q.type for q in one(single, several).bank.questions] == ["choice", "multi"]


@pytest.mark.parametrize("kind", ["short", "choice", "multi", "truefalse", "cloze", "order", "match", "numeric"])
def test_every_type_comes_back_from_its_exchanged_self(kind):
    fields = {"short": dict(answer="x", accept=["y"]), "choice": dict(answer="x", options=["y"]),
              "multi": dict(answers=["x", "z"], options=["y"]), "truefalse": dict(statement="s", answer=False),
              "cloze": dict(text="a ___ b ___", blanks=[{"answer": "x"}, {"answer": "y", "accept": ["z"]}]),
              "order": dict(items=[{"text": "a", "source": "qa"}, {"text": "b", "source": "qb"}], source=[]),
              "match": dict(pairs={"a": "1", "b": "2"}), "numeric": dict(answer=2.5, tolerance=0.5)}[kind]
    q = tutor(kind, **fields)
    [back] = one(q.to_exchanged()).bank.questions
    assert data_of(back) == data_of(q)


def test_partial_credit_a_type_cannot_hold_is_reported_as_lost():
    q = Exchanged("shortanswer", "Capital?", answers=[Answer("Bamako", 1), Answer("Bamaco", 0.5), Answer("Gao", 0, "No.")],
                  general_feedback="It is Bamako.", line=7, col=1)
    result = one(q)
    assert data_of(result.bank.questions[0])["answer"] == "Bamako" and "accept" not in data_of(result.bank.questions[0])
    notes = [n.message for n in result.notes]
    assert all(n.line == 7 for n in result.notes)
    assert any("partial credit (50%) of answer 'Bamaco'" in n for n in notes)
    assert any("feedback of single answers" in n for n in notes)


def test_the_right_answers_feedback_explains_when_the_file_has_no_general_feedback():
    q = Exchanged("multichoice", "Capital?", answers=[Answer("Bamako", 1, "Since 1960."), Answer("Gao")])
    assert one(q).bank.questions[0].explain == "Since 1960."
    bare = Exchanged("truefalse", "Gao is in Mali.", truth=True, source=["Gao, in Mali"])
    [question] = one(bare).bank.questions
    assert (question.explain, question.status) == (NO_EXPLAIN, "draft")


def test_a_question_without_a_source_is_a_draft_and_one_with_a_source_is_ready():
    with_source = Exchanged("shortanswer", "Capital?", answers=[Answer("Bamako", 1)], general_feedback="x", source=["Bamako"])
    without = replace(with_source, source=[], id="other")
    assert [q.status for q in one(with_source, without).bank.questions] == ["ready", "draft"]


def test_kinds_tutor_cannot_hold_are_skipped_with_their_line():
    result = one(Exchanged("multichoice", "Which?", answers=[Answer("a", 0.5), Answer("b", 0.5)], single=False, line=3),
                 Exchanged("matching", "Pair", pairs=[("a", "1"), ("b", "1")], line=9),
                 Exchanged("ordering", "Order", steps=["a", "b"], line=12))
    assert result.bank.questions == []
    assert [(s.line, s.kind) for s in result.skipped] == [(3, "multichoice"), (9, "matching"), (12, "ordering")]
    assert "no wrong option" in result.skipped[0].reason
    assert "distinct" in result.skipped[1].reason
    assert "a quote of the material for each step" in result.skipped[2].reason


def test_a_files_own_skipped_questions_stay_listed():
    read = Read(skipped=[Skipped(4, "essay", "Essay", "an essay needs a teacher")])
    assert [s.line for s in imported(read, "b", "B", "material.md").skipped] == [4]


# -- ids -------------------------------------------------------------------------------


def test_ids_come_from_the_file_as_slugs_then_from_the_name_then_from_the_prompt():
    assert question_id(Exchanged("truefalse", "x", id="Q 12: Ménaka!")) == "q-12-menaka"
    assert question_id(Exchanged("truefalse", "x", name="Grant's tomb")) == "grant-s-tomb"
    assert question_id(Exchanged("truefalse", "Who formed Ansar al Din at the end of 2011?")) == "formed-ansar-al-din-end-2011"
    assert question_id(Exchanged("truefalse", "?!", id="{}")) == "question"
    assert len(slug("word " * 40)) <= 60 and not slug("word " * 40).endswith("-")


def test_ids_are_unique_in_the_bank():
    assert unique("a", {"a", "a-2"}) == "a-3"
    same = [Exchanged("truefalse", "Gao is in Mali.", truth=True, general_feedback="x") for _ in range(3)]
    assert [q.id for q in one(*same).bank.questions] == ["gao-mali", "gao-mali-2", "gao-mali-3"]


def test_tags_become_topics_and_a_category_stands_in_for_missing_tags():
    tagged = Exchanged("truefalse", "s", truth=True, general_feedback="x", tags=["armed_groups"], category="top/Week 1")
    assert one(tagged).bank.questions[0].topics == ["armed_groups"]
    assert one(tagged, tag_space="_").bank.questions[0].topics == ["armed groups"]
    untagged = replace(tagged, tags=[], category="$course$/top/Default for Mali/Week 1")
    assert one(untagged).bank.questions[0].topics == ["Week 1"]
    assert one(replace(untagged, category="$course$/top/Default for Mali")).bank.questions[0].topics == []


# -- export ----------------------------------------------------------------------------


def test_export_lists_what_a_format_cannot_hold_and_writes_the_rest():
    questions = [tutor("order", items=[{"text": "a", "source": "qa"}, {"text": "b", "source": "qb"}], source=[]),
                 replace(tutor("cloze", text="___ and ___ met.", blanks=[{"answer": "x"}, {"answer": "y"}]), id="c"),
                 replace(tutor("short", answer="x"), id="s")]
    result = export(Bank("b", "B", questions=questions), "gift")
    assert result.written == ["s"]
    assert result.refused == [("q", "GIFT has no ordering questions"), ("c", "GIFT holds one blank per question")]
    assert [q.id for q in gift.read(result.data, "x.gift").questions] == ["s"]
    with pytest.raises(ValueError, match="can hold none"):
        export(Bank("b", "B", questions=questions[:1]), "gift")


# -- round trips, over generated banks -----------------------------------------------


def round_trip(b: Bank, format_name: str) -> list[dict]:
    module = FORMATS[format_name].load()
    read = module.read(export(b, format_name).data, "bank")
    assert read.problems == []
    result = imported(read, b.id, b.title, b.material)
    assert result.skipped == [] and result.notes == []
    return [q.to_data() for q in result.bank.questions]


def expected(q) -> dict:
    """What a question reads back as: the same, a draft when it cites nothing."""
    return {**q.to_data(), **({"status": "draft"} if not q.cited() else {})}


@given(bank(["short", "choice", "multi", "truefalse", "cloze", "match", "numeric"]))
def test_every_type_gift_holds_comes_back_from_gift_the_same(b):
    held = [q for q in b.questions if not gift.cannot_write(q.to_exchanged())]
    assume(held)
    assert round_trip(Bank(b.id, b.title, b.material, held), "gift") == [expected(q) for q in held]


def _answer_texts(q) -> list[str]:
    """Every right answer a question holds, accepted forms included (a cloze's blanks, each form)."""
    x = q.to_exchanged()
    return [a.text for blank in x.blanks for a in blank] + [a.text for a in x.answers]


@given(bank(list(KINDS)))
@example(Bank("b", "B", "m.md", [Cloze(id="c", explain="E.", text=f"It is {BLANK}.", blanks=[Blank("{", ["\\}"])])]))
def test_every_type_comes_back_from_moodle_xml_the_same(b):
    # Moodle reads \# and \} in a blank's answer as # and }: the only questions it cannot hold.
    held = [q for q in b.questions if not moodle_xml.cannot_write(q.to_exchanged())]
    assert all(any("\\#" in t or "\\}" in t for t in _answer_texts(q)) for q in b.questions if q not in held)
    assume(held)
    assert round_trip(Bank(b.id, b.title, b.material, held), "moodle-xml") == [expected(q) for q in held]


def test_a_question_its_type_would_refuse_is_skipped_with_the_reason():
    repeated = Exchanged("multichoice", "Capital?", answers=[Answer("Bamako", 1), Answer("bamako")], line=5)
    result = one(repeated)
    assert result.bank.questions == []
    assert [(s.line, s.reason) for s in result.skipped] == [
        (5, "Tutor would refuse it: option 'bamako' is the same as an answer")]
