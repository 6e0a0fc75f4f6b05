"""Course text on the terminal: shown, never acted on; broken courses said to be broken."""

import json
import re

import pytest
from hypothesis import given, strategies as st

from tutor.cli import main
from tutor.cli.common import shown

MATERIAL = "# Demo\n\nAnsar al Din was formed at the end of 2011 by Iyad Ag Ghali.\n"
# Clear the screen, set the window title, CSI as one C1 byte, and a newline that forges a line.
HOSTILE = "\x1b[2J\x1b]0;owned\x07\x9b31m\r\nok: 0 error(s)"
BANK = """\
id: demo
title: {title}
questions:
  - id: founder
    type: short
    prompt: Who formed Ansar al Din?
    answer: Iyad Ag Ghali
    explain: He had led Tuareg rebels before.
    source: {source}
    topics: [{topic}]
"""
QUOTE = "Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali"
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # any control character but the newline ending a line


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def install(root, name="demo", title=HOSTILE, source=QUOTE, topic=HOSTILE):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "material.md").write_text(MATERIAL)
    (folder / "bank.yaml").write_text(BANK.format(title=quoted(title), source=quoted(source), topic=quoted(topic)))
    return folder


@pytest.fixture
def courses(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_COURSES", str(tmp_path / "courses"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "courses"


def test_courses_and_summary_show_a_title_and_topics_with_their_escapes_visible(courses, capsys):
    install(courses)
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    assert "Demo" not in out and "\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\r\\nok: 0 error(s)" in out
    assert main(["summary", "--course", "demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\\x1b[2J") and out.count("\\x1b[2J") == 2 and not RAW.search(out)


def test_courses_says_which_courses_fail_the_check_and_exits_1(courses, capsys):
    install(courses, "good", title="Good")
    install(courses, "quotes", title="Misquoted", source="Ansar al Din was formed in 1999")
    assert main(["courses"]) == 1
    captured = capsys.readouterr()
    lines = dict(line.split(maxsplit=1) for line in captured.out.splitlines())
    assert lines["good"].endswith("Good") and "broken: 1 error(s)" in lines["quotes"]
    assert "1 of 3 course(s) have errors: quotes" in captured.err


def test_bank_check_shows_the_text_it_quotes_and_paths_without_acting_on_them(courses, capsys):
    folder = install(courses, "\x1b[2J\x9bdemo", source=HOSTILE)
    assert main(["bank", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "\\x1b[2J\\x9bdemo/bank.yaml:9:13: question 'founder': quote not found" in out and not RAW.search(out)
    assert main(["bank", "check", "--json", str(folder)]) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out) and "\\u009b" in out
    assert json.loads(out)["files"][0]["path"] == str(folder)  # the JSON still says it exactly


def test_a_failure_naming_courses_shows_their_names_escaped(courses, capsys):
    install(courses, "\x1b]0;owned\x07")
    assert main(["summary", "--course", "chemistry"]) == 1
    err = capsys.readouterr().err
    assert "installed: \\x1b]0;owned\\x07" in err and not RAW.search(err)


@given(st.text())
def test_shown_text_holds_no_control_character_and_text_without_one_is_unchanged(text):
    control = re.compile(r"[\x00-\x1f\x7f-\x9f]")
    out = shown(text)
    assert not control.search(out)
    assert out == text or control.search(text)
