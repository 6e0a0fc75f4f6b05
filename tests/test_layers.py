"""Imports flow one way: tutor -> progress -> content; Textual only under tutor/tui/."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# content may use sqlite3 for its own indexes of a material, never the progress database (sqlite_utils).
FORBIDDEN = {"content": {"progress", "tutor", "textual", "sqlite_utils"}, "progress": {"tutor", "textual"}}
QUESTION_TYPES = ("Short", "Choice", "Multi", "TrueFalse", "Cloze", "Order", "Pairs", "Numeric")


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def sources(*folders: str) -> list[Path]:
    return [path for folder in folders for path in (ROOT / folder).rglob("*.py")]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_the_layers_above_it(layer):
    offenders = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sources(layer)
        for name in imported_packages(path) & FORBIDDEN[layer]
    }
    assert not offenders


def test_only_the_tui_imports_textual():
    offenders = [str(path.relative_to(ROOT)) for path in sources("content", "progress", "tutor", "bench")
                 if "textual" in imported_packages(path) and "tui" not in path.relative_to(ROOT).parts]
    assert offenders == []


def isinstance_on_question_types(path: Path) -> list[int]:
    """Lines of `isinstance(x, Choice)` and the like: code that switches on a question's type."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance" and len(node.args) == 2:
            named = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
            named |= {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
            if named & set(QUESTION_TYPES):
                found.append(node.lineno)
    return found


def test_no_code_outside_the_question_package_switches_on_a_question_type():
    outside = [p for p in sources("content", "progress", "tutor") if "questions" not in p.relative_to(ROOT).parts]
    assert [f"{path.relative_to(ROOT)}:{line}" for path in outside for line in isinstance_on_question_types(path)] == []


def test_the_checks_see_a_wrong_way_import_and_a_type_switch(tmp_path):
    bad = tmp_path / "m.py"
    bad.write_text("from tutor.cli import main\nimport progress.store\nif isinstance(q, (Short, questions.Cloze)): pass\n")
    assert imported_packages(bad) >= {"tutor", "progress"}
    assert isinstance_on_question_types(bad) == [3]
