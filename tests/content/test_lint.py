"""`tutor bank check`: the bank checked against its material."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from content.course import check_bank
from content.questions.truefalse import copied_share
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


# -- give-aways: warnings, each caught by its own rule --------------------------------------------------

GIVEAWAY_MATERIAL = """# Demo

Malian troops and suspected Russian fighters allegedly executed around 300 civilian men over five days.

Ansar Dine was one of three Islamist militant groups that took control of northern Mali in 2012.

The MNLA planned to create a secular, democratic state that will regroup all the ethnic groups in northern Mali.
"""


def giveaway_bank(question: str) -> str:
    return "id: demo\ntitle: Demo\nmaterial: material.md\nquestions:\n" + question


def warnings_for(tmp_path: Path, question: str) -> list[str]:
    (tmp_path / "material.md").write_text(GIVEAWAY_MATERIAL)
    (tmp_path / "bank.yaml").write_text(giveaway_bank(question))
    found = check_bank(tmp_path)
    assert all(p.severity == "warning" for p in found), [str(p) for p in found]
    return [p.message for p in found]


CHOICE = """\
  - id: perpetrators
    type: choice
    prompt: Who does HRW say carried out the executions?
    answer: {answer}
    options: [{options}]
    explain: The government spoke of Russian trainers.
    source: Malian troops and suspected Russian fighters allegedly executed around 300 civilian men
    topics: [moura]
"""


def test_a_right_option_much_longer_than_every_wrong_one_is_a_warning(tmp_path):
    long = CHOICE.format(answer="Malian troops with Russian fighters at their side",
                         options="JNIM fighters, French forces, GATIA militiamen")
    (found,) = warnings_for(tmp_path, long)
    assert "right option 'Malian troops with Russian fighters at their side' is much longer" in found
    balanced = CHOICE.format(answer="Malian troops and Russian fighters",
                             options="JNIM and ISGS fighters, French and Chadian troops, GATIA militiamen")
    assert warnings_for(tmp_path, balanced) == []


def test_a_right_option_hedged_when_no_wrong_one_is_is_a_warning(tmp_path):
    hedged = CHOICE.format(answer="Malian and suspected Russian troops",
                           options="Malian troops and French soldiers, JNIM and ISGS fighters, GATIA and MAA militias")
    (found,) = warnings_for(tmp_path, hedged)
    assert "right option 'Malian and suspected Russian troops' is hedged ('suspected')" in found
    both = CHOICE.format(answer="Malian and suspected Russian troops",
                         options="Malian troops and alleged French soldiers, JNIM and ISGS fighters, GATIA and MAA militias")
    assert warnings_for(tmp_path, both) == []
    # "about" and "around" hedge a number; before anything else they are prepositions.
    about = CHOICE.format(answer="Malian troops, about 300 fighters",
                          options="Malian troops and French soldiers, JNIM and ISGS fighters, GATIA and MAA militias")
    assert ["hedged ('about')" in m for m in warnings_for(tmp_path, about)] == [True]
    topic = CHOICE.format(answer="Malian troops acting on news about Koufa",
                          options="Malian troops and French soldiers, JNIM and ISGS fighters, GATIA and MAA militias")
    assert warnings_for(tmp_path, topic) == []


def test_multi_options_are_checked_for_give_aways_too(tmp_path):
    multi = """\
  - id: killers
    type: multi
    prompt: Who does HRW say took part? Select all that apply.
    answers: [Malian troops, suspected Russian fighters]
    options: [JNIM, French army]
    explain: The government spoke of Russian trainers.
    source: Malian troops and suspected Russian fighters allegedly executed around 300 civilian men
    topics: [moura]
"""
    found = warnings_for(tmp_path, multi)
    assert any("'suspected Russian fighters' is much longer" in m for m in found)
    assert any("'suspected Russian fighters' is hedged ('suspected')" in m for m in found)
    assert not any("'Malian troops'" in m for m in found)


TRUEFALSE = """\
  - id: takeover
    type: truefalse
    statement: {statement}
    answer: {answer}
    explain: The groups were ousted by a French-led operation in 2013.
    source: Ansar Dine was one of three Islamist militant groups that took control of northern Mali in 2012.
    topics: [groups]
"""


def test_a_statement_copied_from_its_source_is_a_warning_true_or_false(tmp_path):
    copied = TRUEFALSE.format(statement="Ansar Dine was one of three Islamist militant groups that took control of "
                                        "northern Mali in 2012.", answer="true")
    (found,) = warnings_for(tmp_path, copied)
    assert "statement copies its source nearly word for word (100% of its words)" in found
    # One swapped word does not make a copy a question of its own: the learner only spots the odd word out.
    swapped = TRUEFALSE.format(statement="Ansar Dine was one of three Islamist militant groups that took control of "
                                         "southern Mali in 2012.", answer="false")
    (found,) = warnings_for(tmp_path, swapped)
    assert "statement copies its source nearly word for word" in found
    restated = TRUEFALSE.format(statement="In 2012 Ansar Dine shared the control of the north with two other Islamist "
                                          "groups.", answer="true")
    assert warnings_for(tmp_path, restated) == []


SHORT = """\
  - id: mnla-aim
    type: short
    prompt: {prompt}
    answer: secular
    explain: {explain}
    source: The MNLA planned to create a secular, democratic state
    topics: [groups]
"""


def test_a_prompt_copying_ten_words_of_a_sentence_is_a_warning(tmp_path):
    copied = SHORT.format(prompt="The MNLA planned to create a what kind of democratic state that will regroup all "
                                 "the ethnic groups in northern Mali?", explain="Unlike the Islamists.")
    (found,) = warnings_for(tmp_path, copied)
    assert "prompt copies 10 or more words in a row from the material" in found
    asked = SHORT.format(prompt="Besides democratic, what kind of state did the MNLA want for all the peoples of "
                                "the north?", explain="Unlike the Islamists.")
    assert warnings_for(tmp_path, asked) == []


def test_an_explain_restating_its_passage_is_a_warning(tmp_path):
    restating = SHORT.format(prompt="What kind of state did the MNLA plan?",
                             explain="The MNLA planned to create a secular, democratic state.")
    (found,) = warnings_for(tmp_path, restating)
    assert "explain restates the cited passage (100% of its words)" in found
    adding = SHORT.format(prompt="What kind of state did the MNLA plan?",
                          explain="Unlike the Islamists who later imposed Sharia law in the north.")
    assert warnings_for(tmp_path, adding) == []



def test_the_shipped_bank_has_no_errors_and_no_give_away_warnings():
    shipped = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"
    found = check_bank(shipped)
    assert [str(p) for p in found] == []


few_words = st.lists(st.sampled_from("the mission was formed in 2013 by ag ghali".split()), max_size=30).map(" ".join)


@given(few_words, few_words, st.sampled_from([0.0, 0.5, 0.6, 0.8, 1.0]))
def test_copied_share_is_difflibs_in_order_share_wherever_it_reaches_the_least_asked(text, source, least):
    from difflib import SequenceMatcher

    a, b = text.split(), source.split()
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    share = sum(m.size for m in blocks if m.size >= 3) / len(a) if a else 0.0
    got = copied_share(text, source, least=least)
    assert got == share if share >= least else got < least
    assert copied_share(text, source) == share
