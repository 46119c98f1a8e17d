"""Round two: config values and command-line numbers are checked, finite and in range."""

from __future__ import annotations

import pytest

from tests.conftest import CliRunner
from tui_reader.locations import Locations

BAD_VALUES = [
    ("fetch", "timeout", "nan"),
    ("fetch", "timeout", "inf"),
    ("fetch", "timeout", "-inf"),
    ("fetch", "timeout", "1e309"),  # TOML reads it as infinity
    ("fetch", "timeout", "0.0"),
    ("fetch", "timeout", "1e9"),
    ("fetch", "concurrency", "0"),
    ("fetch", "concurrency", "9223372036854775807"),
    ("fetch", "per_host", "-1"),
    ("fetch", "max_bytes", "9223372036854775807"),
    ("fetch", "max_redirects", "1000000"),
    ("store", "retention_days", "-1"),
    ("store", "retention_days", "99999999999"),
    ("fetch", "user_agent", '"agent\\r\\nX-Injected: 1"'),
    ("fetch", "user_agent", '"' + "a" * 1001 + '"'),
]


@pytest.mark.parametrize(("section", "key", "value"), BAD_VALUES)
def test_a_bad_number_is_one_line_naming_file_and_key_from_every_command(
    cli: CliRunner, home: Locations, section: str, key: str, value: str
) -> None:
    home.config_dir.mkdir(parents=True)
    home.config_file.write_text(f"[{section}]\n{key} = {value}\n")
    for argv in (("refresh",), ("feeds",), ("search", "x"), ("--offline", "add", "a.example")):
        result = cli(*argv)
        assert result.code == 2, (argv, result)
        (line,) = result.err.splitlines()
        assert str(home.config_file) in line and f"[{section}] {key}" in line, line
        assert "internal error" not in line
    doctor = cli("doctor")
    assert doctor.code == 1
    assert any(
        line.startswith("PROBLEM  config:") and f"[{section}] {key}" in line
        for line in doctor.out.splitlines()
    ), doctor.out


def test_values_at_the_edges_of_their_ranges_are_taken(cli: CliRunner, home: Locations) -> None:
    home.config_dir.mkdir(parents=True)
    home.config_file.write_text(
        "[fetch]\ntimeout = 0.1\nconcurrency = 1024\nper_host = 1\nmax_bytes = 1024\n"
        "max_redirects = 0\n[store]\nretention_days = 36500\n"
    )
    assert cli("doctor").code == 0
    assert cli("feeds").code == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "x", "--limit", "99999999999999999999"),
        ("search", "x", "--limit", "0"),
        ("search", "x", "--limit", "-5"),
        ("search", "x", "--limit", "1e3"),
        ("search", "x", "--limit", "\u0661\u0662"),  # Arabic-Indic digits: int() takes them
        ("search", "x", "--limit", "9" * 5000),
        ("entities", "--limit", "99999999999999999999"),
        ("entities", "-n", "0"),
        ("mark", "read", "\u0661\u0662"),
        ("mark", "read", "-1"),
    ],
)
def test_every_numeric_argument_is_bounded(cli: CliRunner, argv: tuple[str, ...]) -> None:
    assert cli("--offline", "add", "a.example").code == 0
    result = cli(*argv)
    assert result.code == 2, result
    (line,) = result.err.splitlines()
    assert ("--limit" in line or "article id" in line) and "internal error" not in line
    assert len(line) < 300


@pytest.mark.parametrize("key", ["99999999999999999999", "9" * 4000, "\u00b2", "-1"])
def test_a_feed_id_out_of_range_is_not_found_not_a_crash(cli: CliRunner, key: str) -> None:
    assert cli("--offline", "add", "a.example").code == 0
    for argv in (("remove", key), ("refresh", key), ("entities", "--feed", key)):
        result = cli(*argv)
        assert result.code == 1, (argv, result)
        assert "no feed" in result.err and "internal error" not in result.err


def test_limits_at_their_bounds_work(cli: CliRunner) -> None:
    assert cli("--offline", "add", "a.example").code == 0
    assert cli("search", "x", "--limit", "1000000").code == 0
    assert cli("search", "x", "--limit", "1").code == 0


def test_a_config_that_never_ends_is_refused(cli: CliRunner, home: Locations) -> None:
    from pathlib import Path

    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    home.config_dir.mkdir(parents=True)
    home.config_file.symlink_to("/dev/zero")
    result = cli("feeds")
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert str(home.config_file) in line and "too large" in line
