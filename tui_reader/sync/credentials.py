"""The sync password: from config.toml, or the first line a command prints (run without a
shell, so nothing in the command line is interpreted)."""

from __future__ import annotations

import shlex
import subprocess

from ..config import SyncConfig
from ..errors import SyncError

COMMAND_TIMEOUT = 30.0  # seconds; a password manager may ask for a passphrase first


def password(sync: SyncConfig) -> str:
    """Blocking (it may run a command): call it from a thread, not the event loop."""
    if sync.password is not None:
        return sync.password
    command = sync.password_command or ""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise SyncError(f"[sync] password_command cannot be split into words: {exc}") from None
    if not argv:
        raise SyncError("[sync] password_command is empty")
    name = argv[0]
    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(f"[sync] password_command: {name!r} not found") from None
    except PermissionError:
        raise SyncError(f"[sync] password_command: {name!r} is not executable") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"[sync] password_command {name!r} did not finish within {COMMAND_TIMEOUT:.0f} s"
        ) from None
    except OSError as exc:
        raise SyncError(f"[sync] password_command {name!r} failed: {exc.strerror}") from None
    # Neither its output nor its error text is shown: either may hold the secret.
    if result.returncode != 0:
        raise SyncError(f"[sync] password_command {name!r} exited with {result.returncode}")
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].rstrip("\r") if lines else ""
    if not secret:
        raise SyncError(f"[sync] password_command {name!r} printed no password")
    return secret
