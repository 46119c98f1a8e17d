"""A bench script measured in another checkout: the same script run again in a child process
with that checkout first on its path, handing back what it measured as JSON (--json)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_in(script: str, checkout: Path, repeat: int) -> dict[str, float]:
    """`script --json --repeat N` under `checkout` (its tui_reader imported, its cwd)."""
    path = str(checkout) + os.pathsep + os.environ.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, str(Path(script).resolve()), "--json", "--repeat", str(repeat)],
        env=dict(os.environ, PYTHONPATH=path),
        capture_output=True,
        check=True,
        timeout=1800,
        cwd=checkout,
    )
    return dict(json.loads(proc.stdout))
