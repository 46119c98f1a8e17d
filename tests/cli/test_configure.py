"""`tui-reader config` and `tui-reader completion`, through the real command line."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tui_reader.config import DEFAULT_CONFIG_TEXT, load_config
from tui_reader.config_file import set_setting
from tui_reader.errors import ConfigError
from tui_reader.locations import Locations


def _editor(tmp_path: Path, body: str) -> str:
    """A stand-in for $EDITOR: a Python script that edits the file named by its argument."""
    script = tmp_path / "my editor.py"  # a space: the path must reach it as one argument
    script.write_text(f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{sys.executable} '{script}'"


def test_config_path_names_the_file_and_says_it_is_absent(cli: CliRunner, home: Locations) -> None:
    outcome = cli("config")
    assert outcome.code == 0
    assert outcome.out.strip() == str(home.config_file)
    assert "does not exist yet" in outcome.err
    assert not home.config_file.exists()


def test_config_init_writes_the_commented_default_once(cli: CliRunner, home: Locations) -> None:
    assert cli("config", "init").code == 0
    assert home.config_file.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT
    assert load_config(home.config_file) == load_config(home.config_file.with_name("absent"))
    home.config_file.write_text("[store]\nretention_days = 7\n", encoding="utf-8")
    again = cli("config", "init")
    assert again.code == 2 and "already exists" in again.err
    assert "retention_days = 7" in home.config_file.read_text(encoding="utf-8")
    assert cli("config", "init", "--force").code == 0
    assert home.config_file.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT


def test_config_edit_runs_the_editor_without_a_shell(
    cli: CliRunner, home: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit = "path.write_text(path.read_text().replace('retention_days = 90', 'retention_days = 30'))"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, edit))
    monkeypatch.delenv("VISUAL", raising=False)
    assert cli("config", "edit").code == 0
    assert load_config(home.config_file).store.retention_days == 30
    # The user's comments are still there: the file was edited, not rewritten.
    assert "# read, unstarred items older than this" in home.config_file.read_text()


def test_config_edit_that_breaks_the_file_says_so_in_one_line(
    cli: CliRunner, home: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "path.write_text('[fetch]\\ntimeout = \"x\"\\n')"
    monkeypatch.setenv("VISUAL", _editor(tmp_path, broken))
    outcome = cli("config", "edit")
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "[fetch] timeout" in outcome.err


def test_config_edit_with_a_missing_editor_is_a_usage_error(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    outcome = cli("config", "edit")
    assert outcome.code == 2 and "cannot run the editor" in outcome.err


def test_set_setting_keeps_comments_and_refuses_what_would_not_load(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n[app]\nrefresh_on_start = false  # quiet\n", encoding="utf-8")
    config = set_setting(path, "app", "theme", "nord")
    assert config.app.theme == "nord" and not config.app.refresh_on_start
    text = path.read_text(encoding="utf-8")
    assert "# mine" in text and "# quiet" in text and 'theme = "nord"' in text
    with pytest.raises(ConfigError, match="retention_days"):
        set_setting(path, "store", "retention_days", "soon")
    assert load_config(path).app.theme == "nord"  # the refused write changed nothing
    path.write_text("[app\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        set_setting(path, "app", "theme", "nord")
    assert path.read_text(encoding="utf-8") == "[app\n"


def test_bash_completion_completes_commands_and_options(cli: CliRunner, tmp_path: Path) -> None:
    outcome = cli("completion", "bash")
    assert outcome.code == 0
    script = tmp_path / "tui-reader.bash"
    script.write_text(outcome.out)
    bash = shutil.which("bash")
    assert bash is not None
    probe = (
        f"source '{script}'; COMP_WORDS=(tui-reader {{words}}); COMP_CWORD={{cword}}; "
        '_shtab_tui_reader; printf "%s\\n" "${{COMPREPLY[@]}}"'
    )

    def complete(words: str, cword: int) -> set[str]:
        command = probe.format(words=words, cword=cword)
        done = subprocess.run([bash, "-c", command], capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr
        return set(done.stdout.split())

    assert {"refresh", "remove"} <= complete("re", 1)
    assert "--no-prefetch" in complete("refresh --", 2)
    assert {"bash", "zsh"} <= complete("completion ''", 2)


def test_zsh_completion_is_a_compdef_script(cli: CliRunner, tmp_path: Path) -> None:
    outcome = cli("completion", "zsh")
    assert outcome.code == 0
    assert outcome.out.startswith("#compdef tui-reader")
    assert "refresh" in outcome.out and "--no-prefetch" in outcome.out
    zsh = shutil.which("zsh")
    if zsh is not None:  # a syntax check where zsh is installed
        script = tmp_path / "_tui-reader"
        script.write_text(outcome.out)
        checked = subprocess.run([zsh, "-n", str(script)], capture_output=True, timeout=20)
        assert checked.returncode == 0, checked.stderr
