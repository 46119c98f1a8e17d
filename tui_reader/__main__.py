"""Entry point: `tui-reader [--offline] [--demo] [COMMAND ...]`; no command opens the app."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .errors import OutputError, TuiReaderError, UsageError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from .cli.context import Context

Handler = Callable[[argparse.Namespace, "Context"], int]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        # argparse's own printing swallows OSError: `--help > /dev/full` said nothing, exit 0.
        _write(self.format_help(), file)


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
        _write(_version() + "\n")
        parser.exit()


# The flags that open the reader: with no other argument the commands' parsers (and the
# modules that define them) are not needed, and the reader starts ~40 ms sooner.
_APP_FLAGS = frozenset({"--offline", "--demo"})


# The module that registers each command (tests/cli/test_command_modules.py holds this to
# what the modules register), in the order of the help. A command line that names one builds
# only that module's parsers: the others' imports and a dozen parsers were ~7 ms of CPU at
# the start of every command (1.2 % of a refresh whose feeds all answer 304).
_COMMAND_MODULES = {
    **dict.fromkeys(("add", "remove", "feeds", "import", "export", "refresh", "search"), "feeds"),
    **dict.fromkeys(("sync", "mark"), "sync"),
    "extract": "extract",
    "entities": "entities",
    "doctor": "maintenance",
    **dict.fromkeys(("config", "completion"), "configure"),
}


def _command_word(arguments: Sequence[str]) -> str | None:
    """The first argument that is not an option: the command, if any (none of the options
    before a command takes a value)."""
    return next((arg for arg in arguments if not arg.startswith("-")), None)


def build_parser(*, commands: bool = True, command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; without `commands`, only the options before a command; with
    a known `command`, only the parsers of the module that registers it."""
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
    if not commands:
        parser.set_defaults(command=None)
        return parser
    import importlib

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = _COMMAND_MODULES.get(command or "")
    for module in dict.fromkeys(_COMMAND_MODULES.values()) if named is None else (named,):
        importlib.import_module(f".cli.{module}", __package__).register(sub)
    # `tui-reader search x --offline` works as well as `tui-reader --offline search x`.
    for each in sub.choices.values():
        each.add_argument(
            "--offline", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    from .cli.context import Context

    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(
        commands=not _APP_FLAGS.issuperset(arguments), command=_command_word(arguments)
    )
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version: printed; main() still checks the output
        return exc.code if isinstance(exc.code, int) else 0
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
        code = run(argv)
        _flush_output()  # a full output must fail here, not in the interpreter's last flush
        return code
    except TuiReaderError as exc:
        if isinstance(exc, OutputError):
            _discard_output()
        # Messages quote file names, URLs, servers and feeds: through the terminal gate.
        _say(f"tui-reader: {_one_line(str(exc))}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say("tui-reader: interrupted")
        return 130
    except BrokenPipeError:
        # `tui-reader search x | head`: the reader went away; not an error worth a traceback.
        _discard_output()
        return 0
    except Exception as exc:  # a bug: still one line, with a way to get the details
        if os.environ.get("TUI_READER_DEBUG"):
            raise
        _say(
            f"tui-reader: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(set TUI_READER_DEBUG=1 for the traceback, and please report it)"
        )
        return 70
    finally:
        gc.enable()


def _flush_output() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _output_error(exc) from None


def _write(text: str, file: SupportsWrite[str] | None = None) -> None:
    out = file or sys.stdout
    if out is None:  # a closed stdout: nobody to read it
        return
    try:
        out.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _output_error(exc) from None


def _output_error(exc: OSError) -> OutputError:
    return OutputError(f"cannot write the output: {exc.strerror or exc}")


def _discard_output() -> None:
    """What stdout still buffers goes nowhere: the interpreter flushes it at exit and would
    fail again, with a message and exit code of its own."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's StringIO)
        pass


def _say(line: str) -> None:
    """The one line on stderr; a stderr that is full or closed too cannot be helped."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def entry() -> NoReturn:
    """The process's entry point (the `tui-reader` script and `python -m tui_reader`);
    main() is the same without ending the process (tests call it)."""
    code = main()
    # Whatever is still alive goes with the process: the collector's passes over it at
    # interpreter exit cost ~70-130 ms of CPU after a refresh (aiohttp and the store loaded)
    # and free nothing the system would not. Frozen objects are left out of those passes.
    gc.freeze()
    _exit(code)


def _exit(code: int) -> NoReturn:
    """End the process as sys.exit would, less the interpreter's teardown when nothing is
    left to wait for: the exit handlers run and the output is flushed, then the process
    ends without freeing every module and object one by one (~5-10 ms after a refresh, all
    of it after the last reply), which frees nothing the system would not.

    The ordinary exit stays when a thread still runs (the interpreter waits for it) and
    under a profiler or tracer (`python -m cProfile -m tui_reader`, pyinstrument, coverage,
    a debugger): they write their results after the program returns."""
    import threading

    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace():
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()  # multiprocessing's, logging's, weakref finalizers
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # closed or gone
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
