"""Imported by the workers' fork server only (workers.PRELOAD): importing it loads, once,
what a refresh's feed-only tasks read, so every worker forked after starts with it.

Each worker used to load it itself with its first task or its warm-up: the entity tables
(gazetteer, given names, known words), the modules imported on first use, and feedparser
(fastfeed.py's date parser and helpers): ~0.1-0.2 s of CPU a worker. The tables depend on
packaged data only (the gazetteer's cache file is named after what it is built from), so
reading them where the first pool's environment points gives what any worker would read.

Nothing here may start a thread (the server forks) or stop the server: a failure leaves
each worker to load what it needs, as before.
"""

from __future__ import annotations

import contextlib


def _load() -> None:
    from .fetch.fastfeed import load
    from .processing import warm_up

    load()
    # The default backend's tables; another backend loads its own in each worker.
    warm_up("builtin", pages=False)


with contextlib.suppress(Exception):
    _load()
