"""Grounding: the passage of the material that says a question's answer, for questions citing none."""

from dataclasses import replace

from content.bank import Bank, bank_from_data, dumps_bank, parse_bank
from content.grounding import ground
from content.interchange import gift
from content.interchange.convert import export, imported
from content.lint import lint
from content.material import Material

TEXT = """# Mali

Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali. The group is often called opportunist.

Bamako is the capital of Mali. Roughly 300 civilian men were executed at Moura in 2022.
"""


def questions(*data):
    base = {"explain": "x", "topics": ["t"]}
    return bank_from_data({"id": "b", "title": "B", "questions": [{**base, **d} for d in data]})


def test_a_question_citing_nothing_is_grounded_in_the_sentence_that_says_its_answer():
    material = Material(TEXT)
    bank = questions({"id": "founder", "type": "short", "prompt": "Who formed Ansar al Din?", "answer": "Iyad Ag Ghali"},
                     {"id": "toll", "type": "numeric", "prompt": "How many men were executed at Moura?", "answer": 300},
                     {"id": "cited", "type": "short", "prompt": "What is the capital?", "answer": "Bamako",
                      "source": "Bamako is the capital"})
    found = {g.question: g for g in ground(bank, material)}
    assert set(found) == {"founder", "toll"}  # a question citing a quote already is left alone
    assert found["founder"].quotes == ("Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali.",)
    assert found["toll"].quotes == ("Roughly 300 civilian men were executed at Moura in 2022.",)
    assert all(material.find(quote) for g in found.values() for quote in g.quotes)  # verbatim


def test_an_answer_the_material_does_not_say_is_reported_unsupported():
    bank = questions({"id": "wrong", "type": "short", "prompt": "Who formed Ansar al Din?", "answer": "Amadou Koufa"},
                     {"id": "toll", "type": "numeric", "prompt": "How many men were executed at Moura?", "answer": 150})
    assert [g.quotes for g in ground(bank, Material(TEXT))] == [(), ()]


def test_an_answer_of_several_parts_may_be_grounded_in_sentences_apart():
    bank = questions({"id": "both", "type": "multi", "prompt": "Which does the text name?",
                      "answers": ["Iyad Ag Ghali", "Moura"], "options": ["Timbuktu"]})
    [g] = ground(bank, Material(TEXT))
    assert len(g.quotes) == 2 and "Iyad Ag Ghali" in g.quotes[0] and "Moura" in g.quotes[1]


def test_the_mali_bank_stripped_of_its_sources_is_grounded_mostly_in_its_original_passages(mali_course):
    """GIFT from the course's own questions without their quotes, imported with the material, then grounded."""
    material, original = mali_course.material, {q.id: q for q in mali_course.bank.questions}
    stripped = Bank("mali", "Mali", questions=[replace(q, source=[]) for q in mali_course.bank.questions
                                              if not q.type == "order"])  # order items cite quotes of their own
    read = gift.read(export(stripped, "gift").data, "mali.gift")
    result = imported(read, "mali", "Mali", "material.md", material)
    assert result.drafts == len(result.bank.questions) == len(read.questions)
    groundings = ground(result.bank, material)
    assert len(groundings) == len(read.questions)

    def sentences(quotes):
        return {s for quote in quotes for s in material.find(quote).sentences}

    same = sum(1 for g in groundings if g.quotes and sentences(g.quotes) <= sentences(original[g.question].source))
    unsupported = sum(1 for g in groundings if not g.quotes)
    figure = f"{same} of {len(groundings)} grounded in their original passage, {unsupported} unsupported"
    assert same >= 0.75 * len(groundings), figure  # 155 of 174 when written; the floor leaves room
    assert unsupported <= 0.15 * len(groundings), figure  # 10 when written
    grounded = Bank("mali", "Mali", questions=[
        replace(q, source=list(g.quotes)) if g.quotes else q for q, g in zip(result.bank.questions, groundings)])
    file = parse_bank(dumps_bank(grounded), mali_course.folder / "grounded.yaml")
    assert [str(p) for p in lint(file, material) if p.severity == "error"] == []
