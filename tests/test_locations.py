from __future__ import annotations

from pathlib import Path

from tui_reader.locations import locations


def test_home_moves_all_three(tmp_path: Path) -> None:
    loc = locations({"TUI_READER_HOME": str(tmp_path)})
    assert {loc.config_dir.parent, loc.data_dir.parent, loc.cache_dir.parent} == {tmp_path}
    assert loc.database.parent == loc.data_dir and loc.config_file.parent == loc.config_dir
    assert not loc.data_dir.exists()  # nothing is created until something is written
    loc.ensure()
    assert loc.data_dir.is_dir() and loc.cache_dir.is_dir() and loc.config_dir.is_dir()


def test_platformdirs_without_home() -> None:
    loc = locations({})
    assert "tui-reader" in str(loc.data_dir) and "tui-reader" in str(loc.config_dir)
