"""Hostile bank files: every limit told where it is passed, every odd value a located problem, never a crash.

The cases that hung or crashed the process before (a FIFO, a bank nested 50,000 deep) run in a
subprocess with a time limit; the rest are checked in process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from content.bank import BankError, parse_bank, read_bank
from content.course import check_bank, open_course
from content.files import Refused
from content.material import Material

from tests.hostile.cases import GOOD, MATERIAL, QUESTION
from tests.hostile.cases import HEAD as BANK_HEAD

HEAD = BANK_HEAD + "questions:\n"
NUMERIC = """\
  - id: founded
    type: numeric
    prompt: In which year was MINUSMA established?
    answer: 2013
    explain: By resolution 2100.
    source: 25 April 2013
    topics: [un]
"""


def course(folder: Path, bank: str | bytes, material: str | None = MATERIAL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(bank, bytes):
        (folder / "bank.yaml").write_bytes(bank)
    else:
        (folder / "bank.yaml").write_text(bank, encoding="utf-8")
    if material is not None:
        (folder / "material.md").write_text(material, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in check_bank(folder) if p.severity == "error"]


def only(folder: Path) -> tuple[int, int, str]:
    (found,) = problems(folder)
    return found


def tutor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True,
                          timeout=30, env=env)


# -- limits: refused before any tree is built, at the place the limit is passed ----------------------

@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_a_bank_nested_too_deep_is_refused_where_it_passes_the_limit(tmp_path, depth):
    line, col, message = only(course(tmp_path, GOOD + "extra: " + "[" * depth + "]" * depth + "\n"))
    assert (line, col) == (12, 7 + 100) and "nested more than 100 levels deep" in message  # the root is level 1


def test_a_bank_nested_50000_deep_is_refused_without_a_crash(tmp_path):
    folder = course(tmp_path, GOOD + "extra: " + "[" * 50_000 + "]" * 50_000 + "\n")
    run = tutor("bank", "check", str(folder))
    assert run.returncode == 1 and "nested more than 100 levels deep" in run.stdout and not run.stderr


def with_field(field: str, value: str) -> str:
    """The question with `field` set to `value` (in place of what it had)."""
    lines = [ln for ln in QUESTION.splitlines() if not ln.startswith(f"    {field}:")]
    return "\n".join(lines) + f"\n    {field}: {value}\n"


@pytest.mark.parametrize("field", ["accept", "source", "topics"])
def test_aliases_that_repeat_more_text_than_a_bank_may_hold_are_refused(tmp_path, field):
    repeated = "[" + ", ".join(["*big"] * 20) + "]"  # 20 MB of text from a 1 MB file
    bank = HEAD.replace("title: Demo", f"title: &big Demo{'a' * 2**20}") + with_field(field, repeated)
    line, col, message = only(course(tmp_path, bank))
    assert line == bank.count("\n") and "aliases repeat more than 16 MB of text" in message


def test_an_alias_bomb_is_refused_at_the_alias_that_passes_the_limit(tmp_path):
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    line, _, message = only(course(tmp_path, "l0: &l0 lol\n" + laughs + GOOD))
    assert line == 8 and "more than 1,000,000 values" in message


def test_an_alias_inside_what_it_names_is_refused(tmp_path):
    line, col, message = only(course(tmp_path, GOOD + "loop: &a [*a]\n"))
    assert (line, col) == (12, 11) and "inside the node it names" in message


def test_aliases_within_the_limits_load_as_before(tmp_path):
    bank = HEAD + QUESTION.replace("topics: [leaders]", "topics: &t [leaders]") + QUESTION.replace(
        "id: founder", "id: again").replace("topics: [leaders]", "topics: *t")
    folder = course(tmp_path, bank)
    assert problems(folder) == []
    assert [q.topics for q in open_course(folder).bank.questions] == [["leaders"], ["leaders"]]


def test_a_bank_file_over_the_size_limit_is_refused_unread(tmp_path):
    folder = course(tmp_path, GOOD)
    os.truncate(folder / "bank.yaml", 16 * 2**20 + 1)
    assert "larger than the limit of 16,777,216 bytes (16 MB)" in only(folder)[2]


def test_a_material_over_the_size_limit_is_refused_at_the_material_line(tmp_path):
    folder = course(tmp_path, GOOD)
    os.truncate(folder / "material.md", 32 * 2**20 + 1)
    line, col, message = only(folder)
    assert (line, col) == (3, 11) and "material file is 33,554,433 bytes, larger than the limit" in message


# -- files that are not regular files: refused before they are opened ---------------------------------

def test_a_fifo_is_refused_by_every_command_that_reads_a_material(tmp_path):
    folder = course(tmp_path / "demo", GOOD, material=None)
    os.mkfifo(folder / "material.md")
    check = tutor("bank", "check", str(folder))
    assert check.returncode == 1 and "3:11: material file is a named pipe (FIFO), not a file" in check.stdout
    ask = tutor("ask", "Who?", "--material", str(folder / "material.md"))
    assert ask.returncode == 1 and "is a named pipe (FIFO), not a file" in ask.stderr
    courses = tutor("courses", env={**os.environ, "TUTOR_COURSES": str(tmp_path),
                                    "TUTOR_CACHE": str(tmp_path / "cache")})
    assert courses.returncode == 1 and "demo" in courses.stdout and "(broken: 1 error(s)" in courses.stdout


def test_a_fifo_as_the_bank_is_refused_and_the_cache_does_not_wait_on_it(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    os.mkfifo(folder / "bank.yaml")
    run = tutor("summary", "--course", str(folder), env={**os.environ, "TUTOR_CACHE": str(tmp_path / "cache")})
    assert run.returncode == 1 and "bank file is a named pipe (FIFO), not a file" in run.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_never_read(tmp_path, device):
    with pytest.raises(Refused, match="is a device, not a file"):
        Material.from_file(Path(device))
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "bank.yaml").symlink_to(device)
    assert only(folder) == (1, 1, "bank file is a device, not a file")


def test_a_folder_named_bank_yaml_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "bank.yaml").mkdir()
    assert only(tmp_path) == (1, 1, "bank file is a folder, not a file")


# -- values a hostile bank holds: each a located problem ----------------------------------------------

def test_a_number_too_long_for_python_is_a_located_problem(tmp_path):
    line, col, message = only(course(tmp_path, GOOD + "    difficulty: " + "1" * 5000 + "\n"))
    assert (line, col) == (12, 17) and "a number of more than 4300 digits" in message


def test_a_date_that_does_not_exist_is_a_located_problem(tmp_path):
    line, col, message = only(course(tmp_path, GOOD.replace("[leaders]", "[2024-13-45]")))
    assert (line, col) == (11, 14) and "'2024-13-45' cannot be read as !!timestamp (month must be in 1..12)" in message


def test_a_nul_character_in_the_material_name_is_a_located_problem(tmp_path):
    line, col, message = only(course(tmp_path, GOOD.replace("material: material.md", 'material: "a\\0b"')))
    assert (line, col) == (3, 11) and "has a NUL character in its name" in message


def test_a_control_character_in_the_bank_is_located_by_character_not_byte(tmp_path):
    line, col, message = only(course(tmp_path, GOOD.replace("title: Demo", "title: Démo ü \x1b[2J")))
    assert (line, col) == (2, 15) and "U+001B is not allowed" in message


@pytest.mark.parametrize("encoded, expected", [
    (GOOD.replace("Demo", "Démo").encode("latin-1"), (2, 9, "bank file is not UTF-8 text (byte 0xe9)")),
    (GOOD.encode("utf-16"), (1, 1, "bank file is UTF-16 text; save it as UTF-8")),
    (GOOD.encode("utf-16-le"), (1, 2, "bank file holds a NUL byte")),
])
def test_a_bank_not_in_utf8_says_where_and_how_to_fix_it(tmp_path, encoded, expected):
    line, col, message = only(course(tmp_path, encoded))
    assert (line, col) == expected[:2] and message.startswith(expected[2])


def test_a_bank_with_a_utf8_bom_reads_as_without(tmp_path):
    assert problems(course(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())) == []


@pytest.mark.parametrize("bank, said", [
    (GOOD + "    difficulty: true\n", "difficulty: true"),
    (HEAD + NUMERIC.replace("answer: 2013", "answer: true"), "answer: true"),
    (HEAD + NUMERIC + "    tolerance: false\n", "tolerance: false"),
])
def test_a_boolean_is_not_a_number(tmp_path, bank, said):
    assert only(course(tmp_path, bank))[2].endswith(f"{said} is a yes-or-no value, not a number")


@pytest.mark.parametrize("bank", [
    GOOD + "    difficulty: 2.0\n",
    HEAD + NUMERIC.replace("answer: 2013", "answer: .nan"),
    HEAD + NUMERIC + "    tolerance: .inf\n",
    HEAD + NUMERIC.replace("answer: 2013", 'answer: "2013"'),
    HEAD + QUESTION.replace("type: short", "type: truefalse").replace("answer: Iyad Ag Ghali", 'answer: "yes"')
    .replace("prompt: Who formed Ansar al Din?", "statement: Ag Ghali formed it."),
])
def test_values_lax_validation_would_coerce_are_refused(tmp_path, bank):
    assert len(problems(course(tmp_path, bank))) == 1


def test_a_numeric_answer_may_be_written_as_a_whole_number(tmp_path):
    assert problems(course(tmp_path, HEAD + NUMERIC)) == []


# -- every problem at once: a structural error hides no lint problem ---------------------------------

def test_a_schema_error_does_not_hide_the_lint_problems_of_the_other_questions(tmp_path):
    bank = GOOD.replace("end of 2011", "end of 2012") + "  - id: two\n    type: essay\n" + QUESTION.replace(
        "id: founder", "id: third").replace("Iyad Ag Ghali\n    explain", "Bilal\n    explain")
    found = problems(course(tmp_path, bank))
    assert [(line, message.split(":")[0]) for line, _, message in found] == [
        (10, "question 'founder'"), (13, "question 'two'"), (17, "question 'third'")]
    assert "quote not found" in found[0][2] and "unknown question type 'essay'" in found[1][2]
    assert "neither the answer nor an alias appears in the quoted text" in found[2][2]
    with pytest.raises(BankError):
        open_course(tmp_path)  # an invalid bank still loads nothing


def test_a_question_lint_fails_on_is_named_and_the_others_still_linted(tmp_path, monkeypatch):
    from content.questions.short import Short

    real = Short.lint

    def failing(self, quoted):
        if self.id == "second":
            raise ValueError("boom")
        return real(self, quoted)

    monkeypatch.setattr(Short, "lint", failing)
    bank = GOOD.replace("end of 2011", "end of 2012") + QUESTION.replace("id: founder", "id: second")
    found = problems(course(tmp_path, bank))
    assert [(line, "quote not found" in m, "internal error while linting (ValueError: boom)" in m)
            for line, _, m in found] == [(10, True, False), (12, False, True)]


# -- materials: inside the course folder, or refused unread -----------------------------------------

@pytest.mark.parametrize("material", ["../../../../../../../../etc/passwd", "/etc/shadow", "/proc/self/environ",
                                      "../outside.md"])
def test_a_material_outside_the_course_folder_is_refused_before_it_is_read(tmp_path, material):
    (tmp_path / "outside.md").write_text(MATERIAL)
    folder = course(tmp_path / "demo", GOOD.replace("material: material.md", f"material: {material}"))
    line, col, message = only(folder)
    assert (line, col) == (3, 11) and f"material {material!r} is outside the course folder" in message


def test_a_link_out_of_the_course_folder_is_refused(tmp_path):
    (tmp_path / "outside.md").write_text(MATERIAL)
    folder = course(tmp_path / "demo", GOOD, material=None)
    (folder / "material.md").symlink_to(tmp_path / "outside.md")
    assert f"is outside the course folder (it is {tmp_path / 'outside.md'})" in only(folder)[2]


def test_a_material_in_a_subfolder_or_linked_within_the_folder_is_read(tmp_path):
    folder = course(tmp_path / "demo", GOOD.replace("material: material.md", "material: text/material.md"),
                    material=None)
    (folder / "text").mkdir()
    (folder / "text" / "material.md").write_text(MATERIAL)
    assert problems(folder) == []
    (folder / "material.md").symlink_to("text/material.md")
    (folder / "bank.yaml").write_text(GOOD)
    assert problems(folder) == []


def test_the_cache_sees_a_change_to_a_material_wherever_it_is_inside_the_folder(tmp_path):
    cache = tmp_path / "cache"
    folder = course(tmp_path / "demo", GOOD.replace("material: material.md", "material: text/material.md"),
                    material=None)
    (folder / "text").mkdir()
    (folder / "text" / "material.md").write_text(MATERIAL)
    assert open_course(folder, cache=cache).material.title == "Demo"
    (folder / "text" / "material.md").write_text(MATERIAL.replace("# Demo", "# Changed"))
    assert open_course(folder, cache=cache).material.title == "Changed"
    linked = course(tmp_path / "linked", GOOD, material=None)
    (linked / "real.md").write_text(MATERIAL)
    (linked / "material.md").symlink_to("real.md")
    assert open_course(linked, cache=cache).material.title == "Demo"
    (linked / "real.md").write_text(MATERIAL.replace("# Demo", "# Relinked") + "\nMore.\n")
    assert open_course(linked, cache=cache).material.title == "Relinked"


def test_parse_bank_of_text_applies_the_same_limits():
    with pytest.raises(BankError, match="nested more than 100 levels deep"):
        parse_bank(GOOD + "x: " + "[" * 200 + "]" * 200, Path("bank.yaml"))


def test_read_bank_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(BankError, match="bank file not found"):
        read_bank(tmp_path / "bank.yaml")
