"""A command line naming a command builds only the parsers of the module that registers it
(`__main__._COMMAND_MODULES`): the table must say what the modules register."""

from __future__ import annotations

import argparse

import pytest

from tui_reader.__main__ import _COMMAND_MODULES, _command_word, build_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_table_names_every_command_in_the_order_of_the_help() -> None:
    assert list(_commands(build_parser())) == list(_COMMAND_MODULES)


@pytest.mark.parametrize("command", list(_COMMAND_MODULES))
def test_a_named_command_gets_its_own_module_and_the_same_parser(command: str) -> None:
    full = _commands(build_parser())
    own = _commands(build_parser(command=command))
    module = _COMMAND_MODULES[command]
    assert list(own) == [name for name, where in _COMMAND_MODULES.items() if where == module]
    assert own[command].format_help() == full[command].format_help()


def test_an_unknown_word_gets_every_command() -> None:
    # so that its error lists them all, as `--help` does
    assert list(_commands(build_parser(command="refreshh"))) == list(_COMMAND_MODULES)


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    assert _command_word(["--offline", "refresh", "--no-prefetch", "feeds"]) == "refresh"
    assert _command_word(["--version"]) is None
    assert _command_word([]) is None
