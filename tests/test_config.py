from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_reader.config import DEFAULT_CONFIG_TEXT, Config, load_config, parse_config
from tui_reader.errors import ConfigError


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == Config()


def test_documented_defaults_match_the_dataclass() -> None:
    assert parse_config(tomllib.loads(DEFAULT_CONFIG_TEXT), Path("x")) == Config()


def test_values_and_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[fetch]\ntimeout = 5\nper_host = 2\n[keys]\nnext = "j,down"\n')
    config = load_config(path)
    assert config.fetch.timeout == 5.0 and config.fetch.per_host == 2
    assert config.keys == {"next": "j,down"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[fetch]\nconcurrency = 'many'\n", "[fetch] concurrency must be int"),
        ("[fetch]\nconcurrency = true\n", "[fetch] concurrency must be int"),
        ("[fetch]\nconcurrency = 0\n", "[fetch] concurrency must be from 1 to 1024, not 0"),
        ("[fetch]\ntimout = 3\n", "[fetch] unknown key 'timout'"),
        ("[fecth]\n", "unknown section [fecth]"),
        ("[entities]\nbackend = 'gpt'\n", "[entities] backend must be one of builtin, spacy"),
        ("[keys]\nnext = ''\n", "[keys] next must be a non-empty string"),
        ("[fetch\n", "invalid TOML"),
        ("fetch = 3\n", "[fetch] must be a table"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and fragment in message
    assert "\n" not in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe[fetch]")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)
