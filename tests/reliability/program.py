"""The installed program, run as a user would: its own process, environment and streams.

As root, file modes do not apply; `as_user=True` runs the program without the capabilities
that let root ignore them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so an
unwritable folder is unwritable to it as it is to anyone.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from tests.conftest import REPO

_PR_CAPBSET_DROP = 24
_DAC_CAPABILITIES = (1, 2, 3)


def program() -> list[str]:
    """The `tui-reader` entry point installed next to this Python, else `python -m`."""
    script = Path(sys.executable).with_name("tui-reader")
    if script.exists():
        return [str(script)]
    found = shutil.which("tui-reader")
    return [found] if found else [sys.executable, "-m", "tui_reader"]


def _drop_dac_capabilities() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _DAC_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_python(
    code: str, *args: str, env: dict[str, str], timeout: float = 60, as_user: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run a Python snippet the same way (for many commands in one process)."""
    return _run([sys.executable, "-c", code, *args], env=env, timeout=timeout, as_user=as_user)


def run(
    *argv: str,
    env: dict[str, str],
    timeout: float = 60,
    as_user: bool = False,
    stdin: int | IO[Any] | None = subprocess.DEVNULL,
    stdout: int | IO[Any] | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    """Run tui-reader ARGV; a hang fails the test at `timeout` instead of stalling it."""
    return _run(
        [*program(), *argv], env=env, timeout=timeout, as_user=as_user, stdin=stdin, stdout=stdout
    )


def _run(
    command: list[str],
    *,
    env: dict[str, str],
    timeout: float,
    as_user: bool,
    stdin: int | IO[Any] | None = subprocess.DEVNULL,
    stdout: int | IO[Any] | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    drop = as_user and os.geteuid() == 0
    try:
        return subprocess.run(
            command,
            cwd=REPO,
            env={"PYTHONDONTWRITEBYTECODE": "1", **env},
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
            preexec_fn=_drop_dac_capabilities if drop else None,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{command} still running after {timeout} s") from None
    except subprocess.SubprocessError as exc:  # preexec_fn failed: no capabilities to drop
        pytest.skip(f"cannot drop root's file capabilities here: {exc}")


_DRIVER = """
import io, json, resource, sys, time
from unittest import mock
from tui_reader.__main__ import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with mock.patch("sys.stdout", out), mock.patch("sys.stderr", err):
        try:
            code = main(argv)
        except SystemExit as exc:  # --help
            code = exc.code or 0
    results.append([argv, code, out.getvalue(), err.getvalue(), time.monotonic() - start])
# VmHWM is this process image's own high-water mark; ru_maxrss would also count the RSS
# of the parent it was forked from (Linux keeps it across exec).
peak = 0
try:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"results": results, "peak_rss": peak}))
"""


@dataclass(frozen=True)
class Command:
    argv: list[str]
    code: int
    out: str
    err: str
    seconds: float


@dataclass(frozen=True)
class Session:
    commands: list[Command]
    peak_rss: int  # bytes, the whole process's high-water mark


def run_commands(
    commands: list[list[str]], *, env: dict[str, str], timeout: float = 120, as_user: bool = False
) -> Session:
    """Run several tui-reader commands through main() in one fresh process (the real CLI,
    its own memory, measured), which is much faster than a process each."""
    result = run_python(_DRIVER, json.dumps(commands), env=env, timeout=timeout, as_user=as_user)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return Session([Command(*row) for row in data["results"]], int(data["peak_rss"]))
