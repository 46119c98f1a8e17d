"""`tui-reader doctor`: checks database, config, lock and directories."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from ..errors import TuiReaderError
from ..models import SyncStatus
from .context import Context


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check the database, config, lock and directories")
    p.set_defaults(handler=cmd_doctor)


def _report_sync(
    ctx: Context, status: SyncStatus, report: Callable[[bool, str, str], None]
) -> None:
    """With [sync] set: the last sync, its failure if it failed, the marks waiting."""
    try:
        sync = ctx.config.sync
    except TuiReaderError:
        return  # the config line already said what is wrong
    if sync is None:
        return
    from .output import ago, safe

    plural = "s" if status.pending != 1 else ""
    waiting = f", {status.pending} mark{plural} waiting" if status.pending else ""
    where = f"{sync.service} at {safe(sync.url)}"
    if status.last_error is not None:
        report(False, "sync", f"{where}: {safe(status.last_error, 300)}{waiting}")
    else:
        report(True, "sync", f"{where}, last ok {ago(status.last_ok_at)}{waiting}")


def cmd_doctor(args: argparse.Namespace, ctx: Context) -> int:
    loc = ctx.locations
    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += not ok
        print(f"{'ok     ' if ok else 'PROBLEM'}  {what}: {detail}", file=ctx.out)

    for name, path in (
        ("config dir", loc.config_dir),
        ("data dir", loc.data_dir),
        ("cache dir", loc.cache_dir),
    ):
        if path.exists():
            report(os.access(path, os.W_OK), name, f"{path}")
        else:
            report(True, name, f"{path} (created on first write)")
    try:
        _ = ctx.config
        report(
            True,
            "config",
            f"{loc.config_file}" + ("" if loc.config_file.exists() else " (absent: defaults)"),
        )
    except TuiReaderError as exc:
        report(False, "config", str(exc))
    if loc.database.exists():
        try:
            store = ctx.open_store(readonly=True)
            try:
                result = store.integrity_check()
                feeds = len(store.feeds())
                synced = store.sync_status()
            finally:
                store.close()
            report(result == "ok", "database", f"{loc.database} ({feeds} feeds): {result}")
            _report_sync(ctx, synced, report)
        except TuiReaderError as exc:
            report(False, "database", str(exc))
    else:
        report(True, "database", f"{loc.database} (not created yet)")
    from ..errors import AlreadyRunningError
    from ..store.lock import writer_lock

    if loc.data_dir.exists():
        try:
            with writer_lock(loc.lock_file):
                report(True, "lock", "free")
        except AlreadyRunningError as exc:
            report(True, "lock", f"held: {exc}")
    return 1 if problems else 0
