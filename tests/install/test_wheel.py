"""The built wheel in a fresh venv: the CLI and the app run from outside the repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.install.conftest import REPO, Installed
from tests.loopback import LoopbackServer, Reply
from tests.samples import LONG_PARAGRAPHS, article_page, rss

pytestmark = pytest.mark.slow


def test_wheel_ships_the_styles(installed: Installed) -> None:
    python = installed.bin / "python"
    code = "from tui_reader.app.styles import css_paths; print(*css_paths(), sep='\\n')"
    result = subprocess.run(
        [str(python), "-c", code],
        cwd=installed.outside,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    paths = [Path(p) for p in result.stdout.split()]
    assert paths and all(p.is_file() for p in paths)
    # From the wheel, never from this checkout.
    assert all(REPO not in p.parents for p in paths), paths
    assert all("site-packages" in str(p) for p in paths)


def test_installed_cli_against_loopback(
    installed: Installed, server: LoopbackServer, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    items = [(f"g{i}", f"Harbour story {i}", server.url(f"/a{i}")) for i in range(3)]
    for i in range(3):
        server.add(
            f"/a{i}",
            Reply(
                200,
                article_page(f"Harbour story {i}", LONG_PARAGRAPHS),
                {"Content-Type": "text/html"},
            ),
        )
    url = server.add(
        "/feed.xml",
        Reply(200, rss("Harbour Times", items), {"Content-Type": "application/rss+xml"}),
    )
    assert installed.run("--version", home=home).stdout.startswith("tui-reader ")
    added = installed.run("add", url, home=home)
    assert added.returncode == 0, added.stderr
    refreshed = installed.run("refresh", home=home)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "refreshed 1 feeds" in refreshed.stdout
    assert "Harbour Times" in installed.run("feeds", home=home).stdout
    assert "Harbour story 2" in installed.run("search", "ferry", home=home).stdout
    assert url in installed.run("export", home=home).stdout
    server.stop()
    offline = installed.run("--offline", "search", "Harbour", home=home)
    assert offline.returncode == 0 and "Harbour story 0" in offline.stdout
