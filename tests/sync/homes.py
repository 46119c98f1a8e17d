"""Machines that read through one sync server: each Home is its own TUI_READER_HOME with a
[sync] config, driven through the real command line in this process."""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from tests.conftest import Outcome
from tui_reader.__main__ import main
from tui_reader.locations import HOME_ENV, locations
from tui_reader.store import open_store


@dataclass
class Home:
    path: Path

    def configure(
        self, service: str, url: str, username: str, password: str, extra: str = ""
    ) -> None:
        config = locations({HOME_ENV: str(self.path)}).config_file
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(
            f"{extra}\n[sync]\nservice = {json.dumps(service)}\nurl = {json.dumps(url)}\n"
            f"username = {json.dumps(username)}\npassword = {json.dumps(password)}\n"
        )

    def run(self, *argv: str) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, {HOME_ENV: str(self.path)}),
            mock.patch("sys.stdout", out),
            mock.patch("sys.stderr", err),
        ):
            code = main(list(argv))
        return Outcome(code, out.getvalue(), err.getvalue())

    def articles(self) -> list[dict[str, Any]]:
        """Every article, from `search --format jsonl` (every title says "story")."""
        outcome = self.run("search", "story", "--format", "jsonl", "--limit", "100000")
        assert outcome.code == 0, outcome.err
        return [json.loads(line) for line in outcome.out.splitlines()]

    def by_link(self) -> dict[str, dict[str, Any]]:
        rows = self.articles()
        links = [r["link"] for r in rows]
        assert len(links) == len(set(links)), "an article is stored twice"
        return {r["link"]: r for r in rows}

    def store(self) -> Any:
        return open_store(locations({HOME_ENV: str(self.path)}).database, readonly=True)
