"""The process's end (`__main__._exit`): without the interpreter's teardown, and still with
the exit code, the exit handlers and the last of the output; a thread still running is
waited for as sys.exit does, and a profiler around the command still gets its results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_ENDS = """
import atexit, sys, threading, time
from tui_reader.__main__ import _exit
atexit.register(lambda: print("handler ran", file=sys.stderr))
sys.stdout.write("last words, not flushed yet")
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.2), print(" + thread done"))).start()
_exit(3)
"""


@pytest.mark.parametrize("case", ["alone", "thread"])
def test_the_code_the_handlers_and_the_output_survive(case: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ENDS, case], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3
    assert done.stderr == "handler ran\n"
    expected = "last words, not flushed yet" + (" + thread done\n" if case == "thread" else "")
    assert done.stdout == expected


def test_a_profiler_around_the_command_still_writes_its_results(tmp_path: Path) -> None:
    """`python -m cProfile -o FILE -m tui_reader ...` writes FILE after the program returns:
    the process must not end inside it."""
    out = tmp_path / "profile.out"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "tui_reader", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tui-reader ")
    assert out.stat().st_size > 0
