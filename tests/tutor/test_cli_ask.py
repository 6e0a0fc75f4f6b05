"""`tutor ask` as an author meets it: one question or a file of them, on any text, quick to reopen."""

import json
import pickle
import subprocess
import sys

import pytest

from tutor.cli import main

NOTES = "The Niger river flows through Bamako.\n\nTimbuktu lies near the river. It was founded in 1910.\n"


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


@pytest.fixture
def questions(tmp_path):
    path = tmp_path / "questions.txt"
    path.write_text("Which river flows through Bamako?\n\nWhen was Timbuktu founded?\nWhat is a quasar?\n")
    return path


def test_a_file_of_questions_gives_one_json_object_a_line(notes, questions, capsys):
    assert main(["ask", "--material", str(notes), "--questions", str(questions), "--json"]) == 1  # one unanswered
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["question"] for r in lines] == ["Which river flows through Bamako?", "When was Timbuktu founded?",
                                              "What is a quasar?"]
    assert lines[0]["passage"] == "The Niger river flows through Bamako."
    assert lines[1]["answer"] == "1910" and lines[1]["location"] == {"paragraph": 2, "sentences": [1, 2]}
    assert lines[2]["passage"] is None and lines[2]["answer"] is None and lines[2]["location"] is None


def test_a_file_of_questions_gives_one_plain_line_each(notes, questions, capsys):
    main(["ask", "--material", str(notes), "--questions", str(questions)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("When was Timbuktu founded?\t1910") and "(paragraph 2, sentences 1-2)" in lines[1]
    assert lines[2] == "What is a quasar?\tThe material does not say. Try other words, or a name the material uses."


def test_a_question_the_material_does_not_answer_says_so_and_exits_1(notes, capsys):
    assert main(["ask", "What is a quasar?", "--material", str(notes)]) == 1
    assert capsys.readouterr().out.startswith("The material does not say.")
    assert main(["ask", "What is a quasar?", "--material", str(notes), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["passage"] is None


def test_a_question_and_a_file_of_questions_together_are_refused(notes, questions, capsys):
    assert main(["ask", "Why?", "--material", str(notes), "--questions", str(questions)]) == 1
    assert main(["ask", "--material", str(notes)]) == 1
    assert "give one question, or --questions FILE" in capsys.readouterr().err


def test_questions_come_from_standard_input_with_a_dash(notes):
    run = subprocess.run([sys.executable, "-m", "tutor.cli", "ask", "--material", str(notes), "--questions", "-"],
                         input="When was Timbuktu founded?\n", capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("When was Timbuktu founded?\t1910")


def test_a_reopened_material_comes_from_the_cache_without_splitting_it_again(notes, monkeypatch, capsys):
    import content.material

    assert main(["ask", "When was Timbuktu founded?", "--material", str(notes)]) == 0

    def no_split(self):
        raise AssertionError("split again")

    monkeypatch.setattr(content.material.Material, "_split", no_split)
    assert main(["ask", "When was Timbuktu founded?", "--material", str(notes)]) == 0
    assert capsys.readouterr().out.count("1910\n") == 2


def test_a_corrupt_or_foreign_cache_entry_is_rebuilt_not_a_traceback(notes, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_CACHE", str(tmp_path / "cache"))
    assert main(["ask", "When was Timbuktu founded?", "--material", str(notes)]) == 0
    (entry,) = (tmp_path / "cache" / "ask").iterdir()
    for junk in (b"", b"\x80\x05garbage", pickle.dumps({"not": "an index"}), entry.read_bytes()[:100]):
        entry.write_bytes(junk)
        assert main(["ask", "When was Timbuktu founded?", "--material", str(notes)]) == 0
        assert "1910" in capsys.readouterr().out
    assert pickle.loads(entry.read_bytes()).material.text == NOTES


def test_an_edited_material_is_indexed_anew(notes, capsys):
    main(["ask", "When was Timbuktu founded?", "--material", str(notes)])
    notes.write_text(NOTES.replace("1910", "1916"), encoding="utf-8")
    main(["ask", "When was Timbuktu founded?", "--material", str(notes)])
    out = capsys.readouterr().out
    assert "1910" in out and "1916" in out
