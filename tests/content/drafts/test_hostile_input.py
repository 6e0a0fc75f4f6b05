"""Input no one should draft from gives a clear message or a valid tiny bank, never a traceback."""

from pathlib import Path

import pytest

from content.course import check_bank
from tutor.cli import main


def draft(material: Path, folder: Path) -> int:
    return main(["bank", "draft", str(material), "--to", str(folder)])


def errors(folder: Path) -> list[str]:
    return [str(p) for p in check_bank(folder) if p.severity == "error"]


@pytest.mark.parametrize("content, message", [
    (b"", "no text"),
    (b"   \n\n  \t\n", "no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "not UTF-8"),
    (bytes(range(0, 32)) * 40 + b"abc", "control characters"),
    ("1234 5678 !!! ???".encode(), "no text"),
])
def test_unusable_files_are_refused_with_a_message(tmp_path, capsys, content, message):
    material = tmp_path / "in.txt"
    material.write_bytes(content)
    assert draft(material, tmp_path / "course") == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "course").exists()


def test_a_missing_file_or_a_folder_is_refused(tmp_path, capsys):
    assert draft(tmp_path / "nope.md", tmp_path / "course") == 1
    assert "no such file" in capsys.readouterr().err
    assert draft(tmp_path, tmp_path / "course") == 1
    assert "folder" in capsys.readouterr().err


@pytest.mark.parametrize("text", [
    "Paris is the capital of France.",
    "# Title only",
    "In 1815, Swedish chemist Jöns Jacob Berzelius suggested the formula AlO3 for alumina.",
    "Markup [/] and [bold]tags[/bold] and [@click=app.quit]links[/] stood in the text of 1999, said Ann Lee.",
    "Escapes \x1b[31mred\x1b[0m and \x1b]0;title\x07 were sent in 2001 by American engineer Bob Smith to Rome.",
    "One sentence with no end",
])
def test_tiny_or_odd_texts_give_a_valid_bank(tmp_path, capsys, text):
    material = tmp_path / "in.md"
    material.write_text(text, encoding="utf-8")
    assert draft(material, tmp_path / "course") == 0
    assert errors(tmp_path / "course") == []
    out = capsys.readouterr().out
    assert "\x1b" not in out


def test_a_huge_single_paragraph_drafts_validly(tmp_path, capsys):
    sentences = [f"In {1800 + k}, French chemist Person{k} Name{k} isolated compound {k} in Town{k % 7}."
                 f" The compound weighed {k + 5} grams." for k in range(300)]
    material = tmp_path / "in.md"
    material.write_text(" ".join(sentences), encoding="utf-8")
    assert draft(material, tmp_path / "course") == 0
    assert errors(tmp_path / "course") == []


def test_a_text_longer_than_drafting_takes_at_once_is_refused_at_once_and_nothing_written(tmp_path, capsys):
    # Tried by hand: a 3 MB file drafted for 18 minutes, without a word, into one question.
    from content.drafts.course import MAX_WORDS

    material = tmp_path / "book.md"
    material.write_text("The river rose in the spring of 1850 and flooded the town. " * (MAX_WORDS // 12 + 1))
    assert draft(material, tmp_path / "course") == 1
    err = capsys.readouterr().err
    assert f"drafts are made from at most {MAX_WORDS:,} at once" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "course").exists()
