"""[sync] in config.toml and the password it names."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from tui_reader.config import SyncConfig, parse_config
from tui_reader.errors import ConfigError, SyncError
from tui_reader.sync.credentials import password

GOOD = """
[sync]
service = "ttrss"
url = "http://127.0.0.1:8290"
username = "admin"
password = "hunter2"
"""


def _parse(text: str) -> SyncConfig | None:
    return parse_config(tomllib.loads(text), Path("config.toml")).sync


def test_sync_section_parses_and_the_url_gets_one_spelling() -> None:
    sync = _parse(GOOD)
    assert sync == SyncConfig("ttrss", "http://127.0.0.1:8290/", "admin", "hunter2", None)
    assert _parse("[fetch]\n") is None


def test_repr_never_shows_the_password() -> None:
    sync = _parse(GOOD)
    assert "hunter2" not in repr(sync) and "hunter2" not in str(sync)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('service = "ttrss"', 'service = "newsblur"'),
            "[sync] service must be one of ttrss, greader",
        ),
        (
            ('url = "http://127.0.0.1:8290"', 'url = "ftp://x/"'),
            "[sync] url must be an http(s) URL",
        ),
        (
            ('url = "http://127.0.0.1:8290"', 'url = "http://me:pw@host/"'),
            "[sync] url must not hold credentials",
        ),
        (('username = "admin"', 'username = " "'), "[sync] username is missing"),
        (('password = "hunter2"', ""), "[sync] needs exactly one of password or password_command"),
        (
            ('password = "hunter2"', 'password = "a"\npassword_command = "pass x"'),
            "[sync] needs exactly one of password or password_command",
        ),
        (('password = "hunter2"', "password = 3"), "[sync] password must be str"),
        (('username = "admin"', 'username = "admin"\nport = 1'), "[sync] unknown key 'port'"),
    ],
)
def test_bad_sync_values_name_the_key(change: tuple[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _parse(GOOD.replace(*change))
    assert message in str(caught.value)
    assert "hunter2" not in str(caught.value)


def _command(code: str) -> SyncConfig:
    quoted = code.replace("'", "'\"'\"'")
    return SyncConfig("ttrss", "http://x/", "me", None, f"{sys.executable} -c '{quoted}'")


def test_password_command_gives_its_first_line() -> None:
    assert password(_command("print('s3cret'); print('second line')")) == "s3cret"
    assert password(SyncConfig("ttrss", "http://x/", "me", "plain", None)) == "plain"


def test_password_command_runs_without_a_shell(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    sync = SyncConfig("ttrss", "http://x/", "me", None, f"echo secret; touch {marker}")
    # Without a shell, ";" and "touch" are just words echo prints.
    assert password(sync) == f"secret; touch {marker}"
    assert not marker.exists()


@pytest.mark.parametrize(
    ("sync", "message"),
    [
        (_command("import sys; print('leak'); sys.exit(3)"), "exited with 3"),
        (_command("pass"), "printed no password"),
        (SyncConfig("ttrss", "http://x/", "me", None, "no-such-command-here"), "not found"),
        (SyncConfig("ttrss", "http://x/", "me", None, "'unbalanced"), "cannot be split"),
    ],
)
def test_password_command_failures_are_one_line_without_its_output(
    sync: SyncConfig, message: str
) -> None:
    with pytest.raises(SyncError) as caught:
        password(sync)
    assert message in str(caught.value)
    assert "leak" not in str(caught.value)
    assert "\n" not in str(caught.value)
