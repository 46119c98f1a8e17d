"""A wheel built from this checkout and installed in a fresh venv outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Installed:
    bin: Path  # the venv's bin/ with the tui-reader script
    outside: Path  # a working folder outside the repository

    def run(
        self, *argv: str, home: Path, timeout: float = 60, check: bool = False
    ) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "TUI_READER_HOME": str(home),
            "HOME": str(self.outside),
            "LANG": "C.UTF-8",
        }
        return subprocess.run(
            [str(self.bin / "tui-reader"), *argv],
            cwd=self.outside,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("tui_newsreader-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies come from the package index (or pip's cache); the app from the wheel only.
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    outside = base / "elsewhere"
    outside.mkdir()
    yield Installed(env_dir / "bin", outside)
    shutil.rmtree(base, ignore_errors=True)
