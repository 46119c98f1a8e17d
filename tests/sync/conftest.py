"""Fixtures for the sync tests: a real TT-RSS server (see ttrss.py) and feeds for it to read."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.app.conftest import notes as notes  # the app tests' notification recorder
from tests.sync import ttrss

# CI sets this: there the TT-RSS tests must run, and a missing package is a failure.
REQUIRE_ENV = "TUI_READER_REQUIRE_TTRSS"


@pytest.fixture(scope="session")
def ttrss_postgres() -> Iterator[ttrss.Postgres]:
    """One throwaway PostgreSQL cluster for the session; each server gets its own database."""
    reason = ttrss.missing()
    if reason is not None:
        message = f"{reason} (apt-get install tt-rss php-cli php-pgsql postgresql)"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {message}", pytrace=False)
        pytest.skip(message)
    with ttrss.postgres_cluster() as cluster:
        yield cluster


@pytest.fixture
def ttrss_server(ttrss_postgres: ttrss.Postgres) -> Iterator[ttrss.TtrssServer]:
    """A fresh TT-RSS (new database, own web root) serving on 127.0.0.1."""
    server = ttrss.TtrssServer(ttrss_postgres).start()
    try:
        yield server
    finally:
        server.stop()
