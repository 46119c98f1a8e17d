"""`tui-reader extract`: reader mode for pages and text files. (Owned by the cleaner work.)"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the `extract` subcommand to the parser's subparsers."""
    _ = argparse
