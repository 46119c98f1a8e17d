"""Entry point: `tui-reader [--offline] [--demo] [COMMAND ...]`; no command opens the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import __version__
from .errors import TuiReaderError, UsageError

if TYPE_CHECKING:
    from .cli.context import Context

Handler = Callable[[argparse.Namespace, "Context"], int]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def _version() -> str:
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001 - metadata can be missing in odd installs; only cosmetic
        textual = "not installed"
    return f"tui-reader {__version__} (textual {textual})"


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(_version())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from .cli import configure, entities, extract, feeds, maintenance, sync

    parser = _Parser(
        prog="tui-reader",
        description="A keyboard-driven terminal news reader. With no command, opens the reader.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network (read from the cache)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the reader on bundled sample articles in a throwaway home, offline",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (feeds, sync, extract, entities, maintenance, configure):
        module.register(sub)
    # `tui-reader search x --offline` works as well as `tui-reader --offline search x`.
    for command in sub.choices.values():
        command.add_argument(
            "--offline", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    from .cli.context import Context

    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context.from_environment(offline=args.offline)
    if args.command != "doctor":  # doctor reports a bad config among its other checks
        _ = ctx.config  # a bad config.toml stops every other command, not only some
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from .app.launch import launch

        # The app turns the collector on after its first frame.
        return launch(ctx.locations, ctx.config, offline=ctx.offline, demo=args.demo, out=ctx.out)
    gc.enable()
    if args.demo:
        raise UsageError("--demo opens the reader; it takes no command")
    return handler(args, ctx)


def _one_line(message: str) -> str:
    from .sanitize import terminal_text

    return terminal_text(message, single_line=True, max_chars=2000)


def main(argv: Sequence[str] | None = None) -> int:
    # Starting the app builds ~60,000 tracked objects that live as long as it does; the
    # cyclic collector ran ~130 times (~50 ms) over them before the first frame: off till then.
    gc.disable()
    try:
        return run(argv)
    except TuiReaderError as exc:
        # Messages quote file names, URLs, servers and feeds: through the terminal gate.
        print(f"tui-reader: {_one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("tui-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `tui-reader search x | head`: the reader went away; not an error worth a traceback.
        return 0
    except Exception as exc:  # a bug: still one line, with a way to get the details
        if os.environ.get("TUI_READER_DEBUG"):
            raise
        print(
            f"tui-reader: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(set TUI_READER_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 70
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
