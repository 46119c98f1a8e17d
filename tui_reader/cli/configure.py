"""`tui-reader config` (where config.toml is, a commented default, $EDITOR) and
`tui-reader completion` (bash and zsh scripts generated from the argparse parser)."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..config import load_config
from ..config_file import write_default
from ..errors import ConfigError, UsageError
from .context import Context

SHELLS = ("bash", "zsh")
_FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "config",
        help="config.toml: print its path, write a commented default, or edit it",
        description="With no action, print where config.toml is (and whether it exists).",
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=("path", "init", "edit"),
        default="path",
        help="path: print it; init: write the commented default; edit: open it in $EDITOR",
    )
    p.add_argument("--force", action="store_true", help="init: replace an existing file")
    p.set_defaults(handler=cmd_config)

    c = sub.add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description="bash: `tui-reader completion bash > ~/.local/share/bash-completion/"
        "completions/tui-reader`; zsh: `tui-reader completion zsh > ~/.zfunc/_tui-reader` "
        "with ~/.zfunc on $fpath.",
    )
    c.add_argument("shell", choices=SHELLS)
    c.set_defaults(handler=cmd_completion)


def cmd_config(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.locations.config_file
    if args.action == "path":
        print(path, file=ctx.out)
        if not path.exists():
            ctx.warn("it does not exist yet (defaults apply); `tui-reader config init` writes one")
        return 0
    if args.action == "init":
        if not write_default(path, force=args.force):
            raise UsageError(f"{path} already exists (--force replaces it)")
        print(f"wrote {path}", file=ctx.out)
        return 0
    write_default(path)  # nothing to edit yet: start from the commented default
    command = _editor_command()
    try:
        # No shell: $EDITOR is split into words, the path is one argument.
        subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        raise UsageError(f"cannot run the editor {shlex.join(command)}: {exc.strerror}") from exc
    try:
        load_config(path)
    except ConfigError as exc:
        print(f"tui-reader: {exc}", file=ctx.err)
        return 1
    return 0


def _editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as exc:
                raise UsageError(f"${variable} cannot be read as a command: {exc}") from exc
            if words:
                return words
    for name in _FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise UsageError("no editor: set $EDITOR (or $VISUAL)")


def cmd_completion(args: argparse.Namespace, ctx: Context) -> int:
    import shtab

    from ..__main__ import build_parser

    parser = build_parser()
    _complete_paths(parser, shtab.FILE)
    print(shtab.complete(parser, shell=args.shell), file=ctx.out)
    return 0


def _complete_paths(parser: argparse.ArgumentParser, files: object) -> None:
    """Arguments that name files (typed Path, or a PATH metavar) complete file names."""
    for action in parser._actions:  # argparse keeps no public list of a parser's actions
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _complete_paths(child, files)
        elif action.type is Path or "PATH" in str(action.metavar or ""):
            action.complete = files  # type: ignore[attr-defined]  # shtab reads this attribute
