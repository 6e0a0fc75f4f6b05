"""The bundled course: a bank a history teacher would be glad to use."""

from collections import Counter
from pathlib import Path

from content.course import check_bank
from content.questions import TYPES, Order
from tutor.cli import main

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"

TOPICS = {
    "armed groups and their leaders", "the peace process 2013-2018", "the UN and foreign forces",
    "the 2022 Moura killings", "earlier Tuareg rebellions", "elections and politics", "roots of the crisis",
}


def test_the_shipped_bank_passes_the_check_with_no_errors():
    assert [str(p) for p in check_bank(MALI) if p.severity == "error"] == []


def test_the_bank_is_large_and_uses_every_type_at_least_five_times(mali_course):
    questions = mali_course.bank.questions
    assert len(questions) >= 150
    counts = Counter(q.type for q in questions)
    assert {t: counts[t] for t in TYPES if counts[t] < 5} == {}


def test_every_paragraph_of_the_material_is_asked_about(mali_course):
    cited = {mali_course.material.sentences[i].paragraph
             for q in mali_course.bank.questions
             for quote in [*q.source, *(i.source for i in getattr(q, "items", []))]
             for i in mali_course.material.find(quote).sentences}
    body = {p.index for p in mali_course.material.paragraphs if not p.heading}
    assert body - cited == set()


def test_questions_are_grouped_into_the_course_topics(mali_course):
    used = {t for q in mali_course.bank.questions for t in q.topics}
    assert used <= TOPICS and len(used) >= 6
    assert all(q.topics for q in mali_course.bank.questions)


def test_order_questions_follow_the_texts_chronology(mali_course):
    orders = [q for q in mali_course.bank.questions if isinstance(q, Order)]
    for q in orders:
        assert len(q.items) >= 3 and len({i.text for i in q.items}) == len(q.items), q.id


def test_the_key_questions_are_there_and_graded(mali_course):
    by_text = {q.prompt.lower(): q for q in mali_course.bank.questions}
    founder = mali_course.bank.question("ansar-dine-founder")
    assert founder.check("Iyad Ag Ghali").correct and not founder.check("Bilal Ag Acherif").correct
    assert any("2100" in p for p in by_text), "a question on what resolution 2100 created"
    assert any("2015" in p and ("sign" in p or "agreement" in p or "accord" in p) for p in by_text)


def test_ids_are_unique_slugs(mali_course):
    ids = [q.id for q in mali_course.bank.questions]
    assert len(set(ids)) == len(ids)


def test_tutor_shows_the_course_summary(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tuareg and Islamist insurrection in Mali")
    assert "By type" in out and "By topic" in out and "armed groups and their leaders" in out


def test_tutor_courses_lists_the_bundled_course(capsys):
    assert main(["courses"]) == 0
    assert "mali" in capsys.readouterr().out


def test_a_cached_course_is_the_same_course_until_a_file_changes(tmp_path):
    import shutil

    from content.course import open_course

    folder = tmp_path / "mali"
    shutil.copytree(MALI, folder)
    cache = tmp_path / "cache"
    fresh = open_course(folder, cache=cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    cached = open_course(folder, cache=cache)
    assert cached.bank == fresh.bank and cached.material.sentences == fresh.material.sentences
    bank = folder / "bank.yaml"
    bank.write_text(bank.read_text().replace("title: Tuareg and Islamist", "title: The Tuareg and Islamist"))
    assert open_course(folder, cache=cache).title.startswith("The Tuareg")
    (cache / next(cache.glob("*.pickle")).name).write_bytes(b"not a pickle")
    assert open_course(folder, cache=cache).title.startswith("The Tuareg")


def test_a_cached_course_comes_with_its_study_order_worked_out(tmp_path):
    from content.course import open_course
    from content.study_order import study_order

    cache = tmp_path / "cache"
    fresh = open_course(MALI, cache=cache)
    cached = open_course(MALI, cache=cache)
    assert cached is not fresh
    assert {"new_order", "first_passages"} <= set(cached.__dict__)  # unpickled, not worked out again
    assert cached.new_order == study_order(fresh) == fresh.new_order


def test_the_cache_key_covers_every_module_by_its_path(tmp_path):
    import os

    from content.course import _modules

    (tmp_path / "a" / "__pycache__").mkdir(parents=True)
    for name in ("x.py", "a/x.py", "a/y.txt", "a/__pycache__/x.py"):
        (tmp_path / name).write_text("")
    os.utime(tmp_path / "a" / "x.py", ns=(1, 2))
    assert _modules(str(tmp_path)) == [("/a/x.py", 2), ("/x.py", (tmp_path / "x.py").stat().st_mtime_ns)]
