"""SQLite cache: the only package that writes SQL.

`Store` and `open_store` load the store (db.py and every module it reads, ~20 ms) when first
asked for, not when a submodule is: a worker process imports store.text and store.pages
alone (their rules for text and links on the way in), and the workers' fork server, which
imports them before it can fork one, skipped the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
