"""Where Tutor looks for its files."""

from pathlib import Path

from tutor.config import default_db_path, resolve_db_path


def test_db_path_comes_from_the_flag_then_the_environment_then_the_data_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TUTOR_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(str(tmp_path / "flag.db")) == tmp_path / "flag.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("TUTOR_DB")
    assert resolve_db_path(None) == default_db_path()
    assert default_db_path().name == "tutor.db"
