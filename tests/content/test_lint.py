"""`tutor bank check`: the bank checked against its material."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from content.course import check_bank
from tutor.cli import main

MATERIAL = """# Demo

Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali, a former Tuareg rebel leader.

The UN mission (MINUSMA) was established by resolution 2100 of 25 April 2013.
"""

GOOD = """\
id: demo
title: Demo
material: material.md
questions:
  - id: founder
    type: short
    prompt: Who formed Ansar al Din?
    answer: Iyad Ag Ghali
    explain: He had led Tuareg rebels before.
    source: Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali
    topics: [leaders]
"""


def course(tmp_path: Path, bank: str) -> Path:
    (tmp_path / "material.md").write_text(MATERIAL)
    (tmp_path / "bank.yaml").write_text(bank)
    return tmp_path


def messages(path):
    return [(p.line, p.col, p.severity, p.message) for p in check_bank(path)]


def test_a_good_bank_has_no_problems(tmp_path):
    assert messages(course(tmp_path, GOOD)) == []


def test_a_quote_not_in_the_material_is_an_error_at_its_line(tmp_path):
    bank = GOOD.replace("end of 2011 by", "end of 2012 by")
    (found,) = messages(course(tmp_path, bank))
    assert found[:3] == (10, 13, "error") and "quote not found in the material" in found[3]


def test_lint_finds_every_kind_of_problem(tmp_path):
    bank = GOOD + """\
  - id: founder
    type: short
    prompt: Which resolution?
    answer: "2101"
    explain: It set up the mission.
    source: established by resolution 2100
    topics: [un]
  - id: mission
    type: choice
    prompt: What did resolution 2100 establish?
    answer: MINUSMA
    options: [MNLA, minusma, MNLA]
    explain: A UN stabilization mission.
    source: The UN mission (MINUSMA) was established by resolution 2100
    topics: [un]
  - id: sequence
    type: order
    prompt: Order these.
    items:
      - text: Ansar al Din formed
        source: Ansar al Din was formed at the end of 2011
      - text: MINUSMA established
        source: MINUSMA was established in 2014
    explain: The group came first.
    topics: [un]
"""
    found = messages(course(tmp_path, bank))
    text = "\\n".join(m for *_, m in found)
    assert "id is used 2 times" in text
    assert "neither the answer nor an alias appears in the quoted text" in text
    assert "option 'minusma' is the same as an answer" in text
    assert "option 'MNLA' is the same as another option" in text
    assert "item 2 cites a quote not found" in text
    assert all(severity == "error" for _, _, severity, _ in found)


def test_a_missing_material_file_is_reported(tmp_path):
    (tmp_path / "bank.yaml").write_text(GOOD)
    (found,) = messages(tmp_path)
    assert found[0] == 3 and "material file not found" in found[3]


def test_warnings_do_not_fail_the_check(tmp_path, capsys):
    bank = GOOD.replace("    topics: [leaders]\n", "")
    path = course(tmp_path, bank)
    assert main(["bank", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: question 'founder': no topics" in out and "ok: 0 error(s), 1 warning(s)" in out


def test_check_exits_1_on_errors_and_prints_located_messages(tmp_path, capsys):
    path = course(tmp_path, GOOD.replace("type: short", "type: essay"))
    assert main(["bank", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path / 'bank.yaml'}:6:11: question 'founder': unknown question type 'essay'" in out


def test_check_json_is_one_object_for_scripts(tmp_path, capsys):
    path = course(tmp_path, GOOD.replace("2011 by", "2012 by"))
    assert main(["bank", "check", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1 and report["warnings"] == 0
    (problem,) = report["files"][0]["problems"]
    assert problem["line"] == 10 and problem["severity"] == "error"


def test_the_installed_command_checks_a_bank_without_a_traceback(tmp_path):
    path = course(tmp_path, "id: demo\ntitle: [unclosed\n")
    run = subprocess.run([sys.executable, "-m", "tutor.cli", "bank", "check", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "YAML syntax error" in run.stdout and "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize("argv", [["bank", "schema"]])
def test_schema_is_json(argv, capsys):
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Tutor question bank"
