"""`tui-reader entities`: who and what the cache is about. (Owned by the entities work.)"""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the `entities` subcommand to the parser's subparsers."""
