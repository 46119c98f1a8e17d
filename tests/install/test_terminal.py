"""The whole program in a real terminal: the installed `tui-reader --demo` under tmux."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import seed
from tests.install.conftest import Installed

pytestmark = pytest.mark.slow


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", *args], capture_output=True, text=True, timeout=10, check=True
        ).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-J", "-t", self.name)

    def wait_for(self, ready: Callable[[str], bool], what: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        screen = self.screen()
        while not ready(screen):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.1)
            screen = self.screen()
        return screen


@pytest.fixture
def tmux(installed: Installed, tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (.ci/run installs it)")
    session = Tmux(f"tui-reader-{uuid.uuid4().hex[:8]}")
    command = (
        f"cd {installed.outside} && TUI_READER_HOME={tmp_path / 'home'} "
        f"{installed.bin / 'tui-reader'} --demo; sleep 30"
    )
    session("new-session", "-d", "-s", session.name, "-x", "140", "-y", "45", command)
    try:
        yield session
    finally:
        subprocess.run(
            ["tmux", "kill-session", "-t", session.name], capture_output=True, timeout=10
        )


def test_demo_reads_the_seed_story_without_the_appeal(tmux: Tmux) -> None:
    title = seed.TITLE
    body = seed.body().split("\n\n")
    tmux.wait_for(lambda s: "Traceback" in s or len(s.strip().splitlines()) > 10, "first paint")
    assert "Traceback" not in tmux.screen()
    for key in ("j", "j", "Enter"):
        tmux("send-keys", "-t", tmux.name, key)
    # The reader shows the seed's title and its first paragraph's opening words.
    opening = " ".join(body[0].split()[:6])
    screen = tmux.wait_for(lambda s: opening in " ".join(s.split()), "the seed's body")
    assert title[:40] in " ".join(screen.split())
    tmux("send-keys", "-t", tmux.name, "e")
    screen = tmux.wait_for(lambda s: "Hulusi Akar" in s, "Hulusi Akar in the sidebar")
    tmux("send-keys", "-t", tmux.name, "Enter")
    for cruft in ("small favor to ask", "Remind me later", "support The Moscow Times"):
        assert cruft.lower() not in screen.lower()
    tmux("send-keys", "-t", tmux.name, "q")
    tmux.wait_for(lambda s: "Hulusi Akar" not in s, "the app to quit", seconds=10)
