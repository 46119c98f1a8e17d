"""`tui-reader doctor`: checks database, config, lock and directories."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ..errors import TuiReaderError
from ..locations import exists, folder_problem
from ..models import Feed, SyncStatus
from .context import Context
from .output import safe

MAX_GONE_SHOWN = 5  # named in doctor's line; `feeds` lists them all


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check the database, config, lock and directories")
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild a damaged database from every row that can still be read (a copy of "
        "the damaged file is kept in backups/)",
    )
    p.set_defaults(handler=cmd_doctor)


def cmd_repair(ctx: Context) -> int:
    from ..store.lock import writer_lock
    from ..store.repair import needs_repair, repair

    loc = ctx.locations
    if not exists(loc.database):
        print(f"nothing to repair: no cache at {loc.database} yet", file=ctx.out)
        return 0
    with writer_lock(loc.lock_file):  # no other tui-reader may write meanwhile
        problem = needs_repair(loc.database)
        if problem is None:
            print(f"nothing to repair: {loc.database} is sound", file=ctx.out)
            return 0
        shown = " ".join(problem.split())  # integrity_check's report spans lines
        print(f"repairing {loc.database} ({shown[:200]})", file=ctx.out)
        report = repair(loc.database)
    print(report.saved_line(), file=ctx.out)
    print(report.lost_line(), file=ctx.out)
    return 0


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
    from .output import ago

    plural = "s" if status.pending != 1 else ""
    waiting = f", {status.pending} mark{plural} waiting" if status.pending else ""
    where = f"{sync.service} at {safe(sync.url)}"
    if status.last_error is not None:
        report(False, "sync", f"{where}: {safe(status.last_error, 300)}{waiting}")
    else:
        report(True, "sync", f"{where}, last ok {ago(status.last_ok_at)}{waiting}")


def _gone_line(gone: list[Feed]) -> str:
    shown = ", ".join(f"[{feed.id}] {safe(feed.name, 40)}" for feed in gone[:MAX_GONE_SHOWN])
    more = f" and {len(gone) - MAX_GONE_SHOWN} more" if len(gone) > MAX_GONE_SHOWN else ""
    return (
        f"{len(gone)} gone (HTTP 410), not refreshed with the others: {shown}{more}; "
        "`refresh ID` or `add` of its URL asks one again, `remove ID` unsubscribes"
    )


def cmd_doctor(args: argparse.Namespace, ctx: Context) -> int:
    if args.repair:
        return cmd_repair(ctx)
    loc = ctx.locations
    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += not ok
        print(f"{'ok     ' if ok else 'PROBLEM'}  {what}: {detail}", file=ctx.out)

    for name, path in loc.folders():
        problem = folder_problem(path)
        if problem:
            report(False, f"{name} dir", f"{path}: {problem}")
        else:
            report(
                True,
                f"{name} dir",
                f"{path}" + ("" if exists(path) else " (created on first write)"),
            )
    try:
        _ = ctx.config
        report(
            True,
            "config",
            f"{loc.config_file}" + ("" if exists(loc.config_file) else " (absent: defaults)"),
        )
    except TuiReaderError as exc:
        report(False, "config", str(exc))
    if exists(loc.database):
        try:
            store = ctx.open_store(readonly=True)
            try:
                result = store.integrity_check()
                every = store.feeds()
                synced = store.sync_status()
            finally:
                store.close()
            hint = "" if result == "ok" else " (run `tui-reader doctor --repair`)"
            report(
                result == "ok", "database", f"{loc.database} ({len(every)} feeds): {result}{hint}"
            )
            gone = [feed for feed in every if feed.gone_at is not None]
            if gone:  # not a fault here (exit 0), but why those feeds no longer update
                print(f"note     feeds: {_gone_line(gone)}", file=ctx.out)
            _report_sync(ctx, synced, report)
        except TuiReaderError as exc:
            report(False, "database", str(exc))
    else:
        report(True, "database", f"{loc.database} (not created yet)")
    from ..errors import AlreadyRunningError
    from ..store.lock import writer_lock

    if exists(loc.data_dir):
        try:
            with writer_lock(loc.lock_file):
                report(True, "lock", "free")
        except AlreadyRunningError as exc:
            report(True, "lock", f"held: {exc}")
        except TuiReaderError as exc:
            report(False, "lock", str(exc))
    return 1 if problems else 0
