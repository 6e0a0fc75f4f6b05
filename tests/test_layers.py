"""Imports flow one way: tutor -> progress -> content."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"content": {"progress", "tutor", "textual", "sqlite_utils", "sqlite3"}, "progress": {"tutor", "textual"}}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_the_layers_above_it(layer):
    offenders = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / layer).rglob("*.py")
        for name in imported_packages(path) & FORBIDDEN[layer]
    }
    assert not offenders


def test_the_check_sees_a_wrong_way_import(tmp_path):
    bad = tmp_path / "m.py"
    bad.write_text("from tutor.cli import main\nimport progress.store\n")
    assert imported_packages(bad) >= {"tutor", "progress"}
