"""The order new cards are introduced in: topics take turns, each drawing on the least drawn-on paragraph."""

from __future__ import annotations

import re
import shutil

from hypothesis import given
from hypothesis import strategies as st

from content.course import open_course
from content.study_order import Item, interleave, items, study_order
from tests.conftest import MALI


def item(question_id: str, paragraph: int, sentence: int, *topics: str) -> Item:
    return Item(question_id, paragraph, (sentence, int(question_id[1:])), tuple(topics))


def test_one_topic_goes_front_to_back_a_paragraph_at_a_time_then_again():
    bank = [item("q0", 1, 1, "t"), item("q1", 1, 2, "t"), item("q2", 2, 3, "t"), item("q3", 2, 4, "t"),
            item("q4", 3, 5, "t")]
    assert interleave(bank) == ["q0", "q2", "q4", "q1", "q3"]


def test_topics_take_turns_in_the_order_the_material_reaches_them():
    bank = [item("q0", 1, 1, "early"), item("q1", 2, 2, "early"), item("q2", 3, 3, "late"), item("q3", 4, 4, "late"),
            item("q4", 5, 5, "early")]
    assert interleave(bank) == ["q0", "q2", "q1", "q3", "q4"]


def test_a_topic_passes_over_a_paragraph_another_topic_just_drew_on():
    bank = [item("q0", 1, 1, "a"), item("q1", 1, 2, "b"), item("q2", 2, 3, "b"), item("q3", 2, 4, "a")]
    assert interleave(bank) == ["q0", "q2", "q3", "q1"]


@given(st.lists(st.tuples(st.integers(0, 6), st.sets(st.sampled_from("abcd"), min_size=1, max_size=2)), max_size=40))
def test_every_question_comes_once_and_the_first_turns_visit_every_topic(spec):
    bank = [Item(f"q{n}", paragraph, (paragraph, n), tuple(sorted(topics))) for n, (paragraph, topics) in
            enumerate(spec)]
    order = interleave(bank)
    assert sorted(order) == sorted(q.id for q in bank)
    topics = {t for q in bank for t in q.groups}
    first = [next(q for q in bank if q.id == qid) for qid in order[:len(topics)]]
    assert {t for q in first for t in q.groups} == topics


def test_a_bank_without_topics_takes_turns_over_bands_of_paragraphs(tmp_path):
    bank = (MALI / "bank.yaml").read_text(encoding="utf-8")
    (tmp_path / "bank.yaml").write_text(re.sub(r"(?m)^    topics: .*\n", "", bank), encoding="utf-8")
    shutil.copy(MALI / "material.md", tmp_path / "material.md")
    course = open_course(tmp_path)
    assert not any(q.topics for q in course.bank.questions)
    placed = items(course)
    bands = {q.groups for q in placed}
    assert len(bands) > 1
    paragraphs = {q.id: q.paragraph for q in placed}
    first = [paragraphs[question_id] for question_id in study_order(course)[:len(bands)]]
    # one paragraph from each band: far into the material, not its first paragraphs
    assert len(set(first)) == len(first) and max(first) > len(course.material.paragraphs) * 3 // 4
