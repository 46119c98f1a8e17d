"""Round two: an unwritable, unenterable or file-not-folder TUI_READER_HOME, or an
unwritable HOME, is one clear line from every command (never a PermissionError).

Run without root's file capabilities (tests/reliability/program.py), so modes apply. All
commands of one home run in one process, through main(), to keep the suite fast; the app
runs as its own process on a pseudo-terminal.
"""

from __future__ import annotations

import os
import pty
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reliability.program import run_commands
from tui_reader.__main__ import build_parser
from tui_reader.locations import HOME_ENV


def _commands(tmp: Path) -> list[list[str]]:
    page = tmp / "page.html"
    page.write_text("<html><body><article>" + "<p>Some words here.</p>" * 50 + "</article>")
    opml = tmp / "subs.opml"
    opml.write_text('<opml><body><outline xmlUrl="http://a.example/f"/></body></opml>')
    runs = {
        "add": [["--offline", "add", "a.example"]],
        "remove": [["remove", "1"]],
        "feeds": [["feeds"]],
        "import": [["import", str(opml)]],
        "export": [["export"]],
        "refresh": [["refresh"]],
        "search": [["search", "x"], ["search", "--entity", "X"]],
        "extract": [["extract", str(page)]],
        "entities": [["entities"]],
        "doctor": [["doctor"]],
        "config": [["config"], ["config", "init"], ["config", "edit"]],
        "completion": [["completion", "bash"]],
        "mark": [["mark", "read", "1"]],
        "sync": [["sync"]],
    }
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands is not None and set(runs) == set(commands), "a command has no case here"
    return [argv for argvs in runs.values() for argv in argvs]


def _read_only(base: Path) -> dict[str, str]:
    home = base / "home"
    home.mkdir()
    home.chmod(0o555)
    return {HOME_ENV: str(home)}


def _read_only_with_a_cache(base: Path) -> dict[str, str]:
    home = base / "home"
    for name in ("config", "data", "cache"):
        (home / name).mkdir(parents=True)
    for folder in (home / "data", home / "config", home / "cache", home):
        folder.chmod(0o555)
    return {HOME_ENV: str(home)}


def _unenterable(base: Path) -> dict[str, str]:
    home = base / "locked"
    home.mkdir()
    home.chmod(0o000)
    return {HOME_ENV: str(home / "tui")}


def _a_file(base: Path) -> dict[str, str]:
    home = base / "home"
    home.write_text("not a folder")
    return {HOME_ENV: str(home)}


def _home_read_only(base: Path) -> dict[str, str]:
    home = base / "user"
    home.mkdir()
    home.chmod(0o555)
    return {"HOME": str(home)}


HOMES: list[Callable[[Path], dict[str, str]]] = [
    _read_only,
    _read_only_with_a_cache,
    _unenterable,
    _a_file,
    _home_read_only,
]


@pytest.fixture
def base(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for path in (tmp_path, *tmp_path.rglob("*")):  # let pytest clean up
        if path.is_dir() and not path.is_symlink():
            path.chmod(stat.S_IRWXU)


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != HOME_ENV and not k.startswith("XDG_")}
    return {**env, "PYTHONPATH": str(REPO), "EDITOR": "true", **extra}


@pytest.mark.parametrize("make", HOMES, ids=lambda f: f.__name__.strip("_"))
def test_every_command_says_one_clear_line(
    base: Path, make: Callable[[Path], dict[str, str]]
) -> None:
    env = _environment(make(base))
    commands = _commands(base)
    session = run_commands(commands, env=env, as_user=True)
    assert len(session.commands) == len(commands)
    for argv, code, out, err, _ in (vars(c).values() for c in session.commands):
        assert "internal error" not in err and "Traceback" not in err, (argv, err)
        if argv == ["doctor"]:
            assert code == 1 and "PROBLEM" in out, out  # doctor names each folder's problem
            continue
        if code == 0:
            continue  # extract needs no home when the config can be read
        (line,) = err.splitlines()
        assert line.startswith("tui-reader: ") and "Permission denied:" not in line
        if argv == ["sync"] and "no [sync] section" in line:
            continue  # refused before the home matters (nothing to sync with)
        assert str(base) in line, (argv, line)  # names the folder at fault


@pytest.mark.parametrize("make", HOMES, ids=lambda f: f.__name__.strip("_"))
def test_the_app_on_a_terminal_says_one_clear_line(
    base: Path, make: Callable[[Path], dict[str, str]]
) -> None:
    from tests.reliability.program import run

    env = _environment(make(base))
    main, side = pty.openpty()
    try:
        result = run(env=env, as_user=True, stdin=side, stdout=side, timeout=60)
    finally:
        os.close(side)
        os.close(main)
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert "internal error" not in line and str(base) in line  # the app never started
