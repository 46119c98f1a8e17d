"""Run the real CLI in-process, capturing what it prints."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from unittest import mock

import pytest

from tui_reader.__main__ import main


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Outcome]


@pytest.fixture
def cli(home: object) -> CliRunner:
    def run(*argv: str) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with mock.patch("sys.stdout", out), mock.patch("sys.stderr", err):
            code = main(list(argv))
        return Outcome(code, out.getvalue(), err.getvalue())

    return run
