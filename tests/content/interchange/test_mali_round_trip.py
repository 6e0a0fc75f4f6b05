"""The Mali course out to every format and back in: nothing lost that the format can hold.

GIFT and Moodle XML hold every field of every question they can write (GIFT: all but order questions
and clozes of several blanks). Anki keeps typed answers and clozes as they are, every other question as
a flashcard (its options or items on the front, the right answer on the back), with the explanation
and topics; Quizlet keeps the front and the back. Neither keeps ids, quotes or difficulty.
"""

import pytest

from content.interchange import FORMATS, flashcard
from content.interchange.convert import NO_EXPLAIN, export, imported


def back_in(course, format_name):
    result = export(course.bank, format_name)
    fmt = FORMATS[format_name]
    read = fmt.load().read(result.data, f"mali{fmt.suffixes[0]}")
    assert read.errors == [] and read.skipped == []
    back = imported(read, "mali", course.title, "material.md", course.material, tag_space=fmt.tag_space)
    assert back.errors == [] and back.skipped == []
    return result, back


@pytest.mark.parametrize("format_name", ["gift", "moodle-xml"])
def test_moodle_formats_give_back_every_question_they_hold_field_for_field(mali_course, format_name):
    result, back = back_in(mali_course, format_name)
    held = [q for q in mali_course.bank.questions if q.id in result.written]
    assert [q.to_data() for q in back.bank.questions] == [q.to_data() for q in held]
    assert back.notes == []
    refused = {q.id: q for q in mali_course.bank.questions if q.id not in result.written}
    if format_name == "moodle-xml":
        assert refused == {}
    else:
        assert {q.type for q in refused.values()} == {"order", "cloze"}
        assert all(len(q.blanks) > 1 for q in refused.values() if q.type == "cloze")
        assert len(held) == 174


@pytest.mark.parametrize("format_name", ["anki", "apkg"])
def test_anki_keeps_typed_answers_and_clozes_and_makes_flashcards_of_the_rest(mali_course, format_name):
    _, back = back_in(mali_course, format_name)
    assert len(back.bank.questions) == len(mali_course.bank.questions)
    for q, r in zip(mali_course.bank.questions, back.bank.questions):
        assert (r.explain, r.topics, r.status) == (q.explain, q.topics, "draft")
        if q.type == "cloze":
            assert (r.type, r.prompt, r.text) == ("cloze", q.prompt, q.text)
            assert [b.answer for b in r.blanks] == [b.answer for b in q.blanks]  # a cloze note has no alias
        else:
            card = q.to_exchanged()
            assert (r.type, r.prompt, [r.answer, *r.accept]) == ("short", flashcard.front(card), flashcard.answers(card))
    ids = [r.id for r in back.bank.questions]
    assert len(set(ids)) == len(ids)
    assert ids == [r.id for r in back_in(mali_course, format_name)[1].bank.questions]  # GUIDs: stable


def test_quizlet_keeps_each_front_and_back(mali_course):
    _, back = back_in(mali_course, "quizlet")
    assert len(back.bank.questions) == len(mali_course.bank.questions)
    for q, r in zip(mali_course.bank.questions, back.bank.questions):
        card = q.to_exchanged()
        assert (r.type, r.prompt, r.answer) == ("short", flashcard.front(card), " / ".join(flashcard.answers(card)))
        assert (r.explain, r.topics, r.status) == (NO_EXPLAIN, [], "draft")
