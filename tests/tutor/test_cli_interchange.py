"""`tutor bank import`, `export` and `ground` as an instructor meets them: located problems, never a
traceback, nothing written on failure, and courses that pass `tutor bank check`."""

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MALI = ROOT / "content" / "courses" / "mali"

GIFT = """// [id:founder]
// [tag:leaders]
::Founder::Who formed Ansar al Din at the end of 2011?{=Iyad Ag Ghali =Ag Ghali ####A former Tuareg rebel leader.}

::Capital:: The capital of Mali is {=Bamako}, on the Niger.

Ménaka is in Mali.{T}

::Essay::Write about the crisis.{}
"""
MATERIAL = """# Mali

Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali. Bamako is the capital of Mali, on the Niger.

Ménaka is a town in Mali.
"""


def tutor(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "quiz.gift").write_text(GIFT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(MATERIAL, encoding="utf-8")
    return tmp_path


def refused(run: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and run.stderr.strip()
    for text in expected:
        assert text in run.stderr, run.stderr


# -- import -----------------------------------------------------------------------------


def test_import_writes_a_course_that_passes_the_check_with_drafts_and_lists_what_it_skipped(files):
    course = files / "mali-quiz"
    run = tutor("bank", "import", files / "quiz.gift", "--to", course, "--material", files / "notes.md")
    assert run.returncode == 0, run.stderr
    assert f"{files / 'quiz.gift'}:9: skipped essay question 'Essay': an essay needs a teacher" in run.stderr
    assert "wrote" in run.stdout and "3 question(s), 3 of them draft(s) (3 citing no quote" in run.stdout
    assert f"tutor bank ground {course}" in run.stdout
    assert sorted(p.name for p in course.iterdir()) == ["bank.yaml", "notes.md"]
    bank = (course / "bank.yaml").read_text()
    assert "id: mali-quiz" in bank and "title: Mali" in bank and "material: notes.md" in bank
    assert "- id: founder" in bank and "- id: capital" in bank and "- id: menaka-mali" in bank
    check = tutor("bank", "check", course)
    assert check.returncode == 0 and "ok: 0 error(s)" in check.stdout and "draft" in check.stdout


def test_ground_quotes_the_material_keeps_comments_and_the_questions_stay_drafts(files):
    course = files / "c"
    assert tutor("bank", "import", files / "quiz.gift", "--to", course, "--material", files / "notes.md").returncode == 0
    bank = course / "bank.yaml"
    bank.write_text(bank.read_text().replace("questions:\n", "questions:\n  # checked by hand\n"))
    run = tutor("bank", "ground", course)
    assert run.returncode == 0, run.stderr
    assert "grounded 3 of 3" in run.stdout and "confirm each quote" in run.stdout
    text = bank.read_text()
    assert "# checked by hand" in text
    assert "source: Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali." in text
    assert text.count("status: draft") == 3
    assert tutor("bank", "check", course).returncode == 0
    assert "nothing to ground" in tutor("bank", "ground", course).stdout


def test_ground_reports_a_question_the_material_does_not_support(files):
    (files / "q.gift").write_text("// [id:koufa]\nWho formed Ansar al Din?{=Amadou Koufa}\n")
    course = files / "c"
    assert tutor("bank", "import", files / "q.gift", "--to", course).returncode == 0  # no material yet
    refused(tutor("bank", "ground", course), "its material", "give --material PATH")
    run = tutor("bank", "ground", course, "--material", files / "notes.md")
    assert run.returncode == 0
    assert "question 'koufa': warning: no support found: the material may not say this" in run.stdout
    assert (course / "notes.md").is_file() and "material: notes.md" in (course / "bank.yaml").read_text()


def test_an_existing_course_is_refused_unless_forced(files):
    course = files / "c"
    assert tutor("bank", "import", files / "quiz.gift", "--to", course).returncode == 0
    before = (course / "bank.yaml").read_text()
    refused(tutor("bank", "import", files / "quiz.gift", "--to", course), "already holds a course", "--force")
    assert (course / "bank.yaml").read_text() == before
    run = tutor("bank", "import", files / "quiz.gift", "--to", course, "--force", "--id", "again")
    assert run.returncode == 0 and "replaced" in run.stdout and "id: again" in (course / "bank.yaml").read_text()


def test_the_format_is_guessed_from_the_content_when_the_suffix_does_not_say(files):
    (files / "quiz.txt").write_text(GIFT)
    (files / "cards.txt").write_text("Capital of Mali\tBamako\nLongest river\tNiger\n")
    run = tutor("bank", "import", files / "quiz.txt", "--to", files / "a")
    assert run.returncode == 0 and "as GIFT (Moodle's text format), guessed from its .txt suffix and its content" in run.stdout
    run = tutor("bank", "import", files / "cards.txt", "--to", files / "b", "--reverse")
    assert run.returncode == 0 and "as Quizlet" in run.stdout
    assert "prompt: Bamako" in (files / "b" / "bank.yaml").read_text()


def test_a_wrong_guess_says_what_the_file_was_read_as(files):
    (files / "quiz.txt").write_text("::T:: What? {=a\n")
    refused(tutor("bank", "import", files / "quiz.txt", "--to", files / "c"),
            "quiz.txt:1:13: this answer block is not closed", "read", "as GIFT", "give --format")
    refused(tutor("bank", "import", files / "quiz.gift", "--to", files / "c", "--format", "moodle-xml"),
            "not well-formed")
    refused(tutor("bank", "import", files / "quiz.gift", "--to", files / "c", "--reverse"), "--reverse")
    assert not (files / "c").exists()


def test_quotes_the_material_does_not_hold_write_nothing(files):
    (files / "q.gift").write_text("// [tutor-source:Timbuktu is on the Niger]\nCapital?{=Bamako}\n")
    refused(tutor("bank", "import", files / "q.gift", "--to", files / "c", "--material", files / "notes.md"),
            "q.gift:2:1: question 'capital': quote not found in", "nothing written")
    assert not (files / "c").exists()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="shortanswer"><questiontext><text>&lol3;</text></questiontext></question></quiz>
"""
HOSTILE = {
    "broken-braces.gift": ("Capital?{=Bamako\n\nOther?{=x}}\n", ["broken-braces.gift:1:9: this answer block is not closed"]),
    "escape.gift": ("Capital \\q of Mali?{=Bamako}\n", ["escape.gift:1:9: unknown escape \\q"]),
    "one-pair.gift": ("Match:{=MNLA -> Tuareg}\n", ["one-pair.gift:1:8: a matching question needs at least 2 pairs"]),
    "html.xml": ("<html><body><p>Hi</p></body></html>\n", ["html.xml:1:1: this is not Moodle XML: its root element is <html>"]),
    "bomb.xml": (BOMB, ["bomb.xml:2:", "declares a DTD"]),
    "binary.gift": (bytes(range(256)) * 64, ["binary.gift: the file is binary data, not text"]),
    "utf32.gift": ("Capital?{=Bamako}\n".encode("utf-32"), ["utf32.gift: the file is UTF-32; save it as UTF-8"]),
    "utf16-no-bom.gift": ("Capital?{=Bamako}\n".encode("utf-16-le"), ["UTF-16 without a byte order mark"]),
    "cp1252.gift": ("“Capital”?{=Bamako}\n".encode("cp1252"), ["cp1252.gift: the file is in Windows-1252"]),
    "not-a-package.apkg": (b"PK\x03\x04 not really a zip", ["not-a-package.apkg: it is not an Anki package"]),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_malformed_or_hostile_file_gets_a_located_message_and_nothing_is_written(files, name):
    content, expected = HOSTILE[name]
    path = files / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    refused(tutor("bank", "import", path, "--to", files / "c"), *expected, "nothing written")
    assert not (files / "c").exists()


def test_a_file_too_large_is_refused_before_it_is_read(files):
    big = files / "big.gift"
    with big.open("wb") as f:
        f.write(b"Capital?{=Bamako}\n\n")
        f.truncate(50 * 2**20)
    refused(tutor("bank", "import", big, "--to", files / "c"), "big.gift: the file is 50 MB; the limit for GIFT")
    assert not (files / "c").exists()


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"), lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), lambda t: t.encode("utf-16"),
    lambda t: t.encode("latin-1"), lambda t: t.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16", "latin-1", "crlf"])
def test_utf8_utf16_latin1_and_crlf_files_import_alike(files, encode):
    (files / "q.gift").write_bytes(encode("// [id:menaka]\nMénaka is in Mali.{T####It is.}\n\nGao?{=Mali}\n"))
    run = tutor("bank", "import", files / "q.gift", "--to", files / "c")
    assert run.returncode == 0, run.stderr
    bank = (files / "c" / "bank.yaml").read_text(encoding="utf-8")
    assert "statement: Ménaka is in Mali." in bank and "explain: It is." in bank and "\r" not in bank


# -- export -----------------------------------------------------------------------------


def test_export_writes_what_the_format_holds_and_lists_the_rest(tmp_path):
    out = tmp_path / "mali.gift"
    run = tutor("bank", "export", MALI, "--format", "gift", "--out", out)
    assert run.returncode == 0
    assert "not exported: ag-ghali-1990-2011-order: GIFT has no ordering questions" in run.stderr
    assert "GIFT holds one blank per question" in run.stderr
    assert f"wrote 174 of 207 questions to {out} as GIFT" in run.stdout and "33 not exported" in run.stdout
    assert out.read_text().count("// [id:") == 174


def test_export_strict_writes_nothing_when_a_question_does_not_fit(tmp_path):
    out = tmp_path / "mali.gift"
    refused(tutor("bank", "export", MALI, "--format", "gift", "--out", out, "--strict"),
            "nothing written: 33 of 207 questions cannot be written as GIFT")
    assert not out.exists()
    assert tutor("bank", "export", MALI, "--format", "moodle-xml", "--out", tmp_path / "m.xml", "--strict").returncode == 0


def test_export_refuses_an_output_that_is_a_folder_or_a_course_it_cannot_find(tmp_path):
    refused(tutor("bank", "export", MALI, "--format", "anki", "--out", tmp_path), "is a folder")
    refused(tutor("bank", "export", "no-such-course", "--format", "anki", "--out", tmp_path / "x.txt"),
            "no course called 'no-such-course'")


def test_an_exported_course_imports_back_into_a_course_that_passes_the_check(tmp_path):
    for fmt, name in (("moodle-xml", "mali.xml"), ("apkg", "mali.apkg"), ("anki", "mali.txt"), ("quizlet", "q.tsv")):
        assert tutor("bank", "export", MALI, "--format", fmt, "--out", tmp_path / name).returncode == 0
        run = tutor("bank", "import", tmp_path / name, "--to", tmp_path / fmt, "--material", MALI / "material.md")
        assert run.returncode == 0, run.stderr
        assert "207 question(s)" in run.stdout, (fmt, run.stdout)
        check = tutor("bank", "check", tmp_path / fmt)
        assert check.returncode == 0, (fmt, check.stdout[-2000:])


def test_drafts_are_not_exported_unless_asked_since_no_format_keeps_them_drafts(tmp_path, capsys):
    # Tried by hand: drafts exported to GIFT or Moodle XML came back as ready questions, studied unreviewed.
    from tutor.cli import main

    text = Path(__file__).resolve().parents[1] / "data" / "draft_ratings" / "round12" / "kidneys.txt"
    folder = tmp_path / "kidneys"
    assert main(["bank", "draft", str(text), "--to", str(folder)]) == 0
    capsys.readouterr()
    out = tmp_path / "k.gift"
    assert main(["bank", "export", str(folder), "--format", "gift", "--out", str(out)]) == 1
    assert "all drafts: accept them first" in capsys.readouterr().err and not out.exists()
    bank = folder / "bank.yaml"
    bank.write_text(bank.read_text().replace("    status: draft\n", "", 1))
    assert main(["bank", "export", str(folder), "--format", "moodle-xml", "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out.startswith("wrote 1 of ") and "a draft: accept it first" in said.err
    assert main(["bank", "export", str(folder), "--format", "gift", "--out", str(out), "--drafts"]) == 0
    assert "not exported" not in capsys.readouterr().err
