"""`tutor bank try`: an author sees how a question grades a response, or one clear line why not."""

import json
import subprocess
import sys

from tutor.cli import main


def test_bank_try_prints_the_verdict_and_what_the_response_was_taken_as(capsys):
    assert main(["bank", "try", "mali", "ouagadougou-mediator", "President Compaoré"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("right (score 1.00); taken as: Compaor") and out[1] == "Right."


def test_bank_try_json_gives_score_verdict_match_and_feedback(capsys):
    assert main(["bank", "try", "mali", "nasr-military-surge-cloze", "French; surge", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["verdict"] == "partial" and reply["score"] == 0.5 and reply["read_as"] == ["French", "surge"]
    assert reply["matched"] == "; surge" and "Russian; surge" in reply["feedback"]


def test_bank_try_refuses_a_wrong_answer_with_the_right_one(capsys):
    assert main(["bank", "try", "mali", "keita-elected", "Modibo Keita"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrong (score 0.00)") and "Ibrahim Boubacar Keita" in out


def test_bank_try_names_an_unknown_course_or_question_in_one_line():
    for args, said in [(["chemistry", "x", "y"], "no course called 'chemistry'"),
                       (["mali", "no-such-question", "y"], "no question 'no-such-question' in course mali")]:
        run = subprocess.run([sys.executable, "-m", "tutor.cli", "bank", "try", *args], capture_output=True, text=True)
        assert run.returncode == 1 and said in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
