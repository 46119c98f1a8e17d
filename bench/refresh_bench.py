"""Refresh benchmark: `tui-reader refresh` against `newsboat -x reload` on the same feeds.

Serves N feeds (default 500 x 20 items) from 32 loopback addresses (127.0.0.2 ... 127.0.0.33),
each response held back by an added latency (default 100 ms), with ETag and Last-Modified
(304 when the validators match). Then, each client in a fresh throwaway home:

- newsboat `-x reload` once per `reload-threads` setting: a cold run, then more runs. newsboat
  2.21 sends validators only from its third run, so its warm figure is the median of runs 3+.
- `tui-reader refresh --no-prefetch` after `tui-reader import` of an OPML of the same URLs:
  a cold run, then warm runs (all 304).

Every figure is the wall time of the whole process (start-up included), as a user sees it.
The server counts the replies of each run, so a run that did not fetch every feed shows.

    python bench/refresh_bench.py                      # the full comparison
    python bench/refresh_bench.py --threads 16 --warm-runs 2 --skip-tui-reader
    python bench/refresh_bench.py --skip-newsboat --profile py-spy   # where tui-reader's time goes
    python bench/refresh_bench.py --skip-newsboat --baseline ../main  # alternated with a checkout
    python bench/refresh_bench.py --skip-newsboat --skip-tui-reader --prefetch \
        --baseline ../main --baseline-rounds 1   # prefetch runs alone, alternated likewise

Everything binds to 127.0.0.0/8 only; the server stops by itself after --max-seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from multiprocessing.queues import Queue
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
STATS_PATH = "/_stats"
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
RUN_TIMEOUT = 600.0  # seconds: no single client run may take longer


# -- the feeds ------------------------------------------------------------------------------
def feed_xml(index: int, items: int, base: str) -> bytes:
    """A deterministic RSS 2.0 feed: the same bytes on every request, so validators hold."""
    entries = []
    for n in range(items):
        published = formatdate(1_699_000_000 + index * 3600 + n * 60, usegmt=True)
        link = f"{base}/articles/{index}/{n}.html"
        entries.append(
            f"<item><title>Feed {index} story {n}: council weighs new harbour plan</title>"
            f"<link>{link}</link><guid isPermaLink='true'>{link}</guid>"
            f"<pubDate>{published}</pubDate>"
            "<description>"
            + escape(
                f"<p>Story {n} of feed {index}. The council met on Tuesday to discuss the "
                "harbour plan, which would add two ferry berths and a cycle route along the "
                "quay. Residents of the old town asked for more time to respond.</p>"
            )
            + "</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Bench feed {index}</title><link>{base}/</link>"
        f"<description>Feed {index} of the refresh benchmark</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def host_of(index: int, hosts: int) -> str:
    return f"127.0.0.{2 + index % hosts}"


MAX_HOSTS = 253  # 127.0.0.2 ... 127.0.0.254


def host_count(value: str) -> int:
    """--hosts: a range check whose error is one line (choices=range(...) printed all 253)."""
    try:
        hosts = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= hosts <= MAX_HOSTS:
        raise argparse.ArgumentTypeError(f"{hosts} is not between 1 and {MAX_HOSTS}")
    return hosts


def feed_urls(feeds: int, hosts: int, port: int) -> list[str]:
    return [f"http://{host_of(i, hosts)}:{port}/feeds/{i}.xml" for i in range(feeds)]


# -- the server (its own process) -----------------------------------------------------------
@dataclass(frozen=True)
class ServerSpec:
    feeds: int
    items: int
    hosts: int
    latency: float
    max_seconds: float
    pages: tuple[Path, ...] = ()  # article pages (.html or .html.gz), served in turn


def load_pages(paths: tuple[Path, ...]) -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in paths]


def page_index(path: str, items: int, pages: int) -> int | None:
    """/articles/{feed}/{n}.html -> which page it serves."""
    parts = path.split("/")
    if len(parts) != 4 or parts[1] != "articles" or not parts[3].endswith(".html"):
        return None
    try:
        return (int(parts[2]) * items + int(parts[3][:-5])) % pages
    except ValueError:
        return None


@dataclass
class ServerState:
    bodies: dict[str, tuple[bytes, str]]  # path -> (body, etag)
    latency: float
    items: int = 20
    pages: list[bytes] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    peak_in_flight: int = 0


def _not_modified(headers: dict[str, str], etag: str) -> bool:
    if "if-none-match" in headers:
        return etag in [tag.strip() for tag in headers["if-none-match"].split(",")]
    since = headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
        except (TypeError, ValueError):
            return False
    return False


async def _handle(
    state: ServerState, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """HTTP/1.1 with keep-alive: enough of it for curl (newsboat) and httpx (tui-reader)."""
    state.counts["connections"] += 1
    try:
        while True:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 15)
            except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, _version = (lines[0].split(" ") + ["", ""])[:3]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name:
                    headers[name.strip().lower()] = value.strip()
            path = target.split("?")[0]
            extra = ""
            if path == STATS_PATH:
                body = json.dumps({**state.counts, "peak_in_flight": state.peak_in_flight}).encode()
                state.counts.clear()
                state.peak_in_flight = 0
                status = "200 OK"
            else:
                state.in_flight += 1
                state.peak_in_flight = max(state.peak_in_flight, state.in_flight)
                try:
                    await asyncio.sleep(state.latency)
                finally:
                    state.in_flight -= 1
                found = state.bodies.get(path)
                page = page_index(path, state.items, len(state.pages)) if state.pages else None
                if found is None and page is not None:
                    status, body = "200 OK", state.pages[page]
                    extra = "Content-Type: text/html; charset=utf-8\r\n"
                elif found is None:
                    status, body = "404 Not Found", b"not found"
                elif _not_modified(headers, found[1]):
                    status, body = "304 Not Modified", b""
                    extra = f"ETag: {found[1]}\r\nLast-Modified: {LAST_MODIFIED}\r\n"
                else:
                    status, body = "200 OK", found[0]
                    extra = (
                        "Content-Type: application/rss+xml; charset=utf-8\r\n"
                        f"ETag: {found[1]}\r\nLast-Modified: {LAST_MODIFIED}\r\n"
                    )
                state.counts[status.split(" ")[0]] += 1
            close = headers.get("connection", "").lower() == "close"
            writer.write(
                (
                    f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}"
                    f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n"
                ).encode()
                + (body if method != "HEAD" else b"")
            )
            await writer.drain()
            if close:
                return
    except (ConnectionError, OSError):
        return
    finally:
        writer.close()


async def _serve(spec: ServerSpec, ready: Queue[int]) -> None:
    state = ServerState(
        bodies={}, latency=spec.latency, items=spec.items, pages=load_pages(spec.pages)
    )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _handle(state, reader, writer)

    first = await asyncio.start_server(handle, "127.0.0.2", 0, backlog=1024)
    port = int(first.sockets[0].getsockname()[1])
    servers = [first]
    for n in range(3, 2 + spec.hosts):
        servers.append(await asyncio.start_server(handle, f"127.0.0.{n}", port, backlog=1024))
    # Item links point at this server (its article pages, with --prefetch).
    for i in range(spec.feeds):
        body = feed_xml(i, spec.items, f"http://{host_of(i, spec.hosts)}:{port}")
        state.bodies[f"/feeds/{i}.xml"] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
    ready.put(port)
    # Stops by itself: the benchmark ends it sooner, but a crashed parent cannot leave it up.
    await asyncio.sleep(spec.max_seconds)
    for server in servers:
        server.close()


def _server_main(spec: ServerSpec, ready: Queue[int]) -> None:
    asyncio.run(_serve(spec, ready))


class FeedServer:
    def __init__(self, spec: ServerSpec) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._ready: Queue[int] = ctx.Queue()
        self._process = ctx.Process(target=_server_main, args=(spec, self._ready), daemon=True)
        self.port = 0

    def __enter__(self) -> FeedServer:
        self._process.start()
        self.port = self._ready.get(timeout=60)
        return self

    def __exit__(self, *exc: object) -> None:
        self._process.terminate()
        self._process.join(timeout=10)

    def stats(self) -> dict[str, int]:
        """Replies since the last call (by status) and the peak number held at once."""
        url = f"http://127.0.0.2:{self.port}{STATS_PATH}"
        with urllib.request.urlopen(url, timeout=10) as reply:  # noqa: S310 - loopback only
            data: dict[str, int] = json.loads(reply.read())
        return data


# -- the clients ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    seconds: float
    ok: bool
    stats: dict[str, int]
    note: str = ""
    cpu: float = 0.0  # user + system seconds of the process and the children it waited for


def timed(cmd: list[str], env: dict[str, str], cwd: Path, server: FeedServer) -> Run:
    server.stats()  # reset the counters
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, timeout=RUN_TIMEOUT, check=False
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    note = ""
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).decode(errors="replace").strip().splitlines()[-3:]
        note = f"exit {proc.returncode}: {' | '.join(tail)}"
    return Run(seconds, proc.returncode == 0, server.stats(), note, cpu)


def clean_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "TUI_READER_", "http_", "https_", "HTTP_", "HTTPS_"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LANG="C.UTF-8",
        NO_PROXY="*",
    )
    return env


def newsboat_runs(
    server: FeedServer, urls: list[str], threads: int, runs: int, root: Path
) -> list[Run]:
    home = root / f"newsboat-{threads}"
    home.mkdir()
    (home / "urls").write_text("\n".join(urls) + "\n")
    (home / "config").write_text(f"reload-threads {threads}\ndownload-timeout 60\n")
    cmd = [
        "newsboat",
        "-q",
        "-u",
        str(home / "urls"),
        "-C",
        str(home / "config"),
        "-c",
        str(home / "cache.db"),
        "-x",
        "reload",
    ]
    return [timed(cmd, clean_env(home), home, server) for _ in range(runs)]


def opml(urls: list[str]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="Bench feed {i}" xmlUrl="{escape(url, {chr(34): "&quot;"})}"/>'
        for i, url in enumerate(urls)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head>'
        f"<title>refresh bench</title></head><body>{outlines}</body></opml>"
    )


def tui_env(home: Path, pycache: Path, repo: Path = REPO) -> dict[str, str]:
    """tui-reader's environment: its own home, this checkout (or `repo`), and a bytecode
    cache, as an installed tui-reader runs (pip compiles at install time): an untimed
    refresh fills it (fill_bytecode)."""
    env = clean_env(home)
    env["TUI_READER_HOME"] = str(home / "home")
    env["PYTHONPATH"] = str(repo) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def imported_home(home: Path, urls: list[str], tui: list[str], env: dict[str, str]) -> None:
    """A new home subscribed to `urls`: an OPML of them imported by `tui` (the command that
    runs tui-reader) with `env`; a failed import stops the bench with its message."""
    home.mkdir()
    (home / "feeds.opml").write_text(opml(urls))
    run_or_exit([*tui, "import", str(home / "feeds.opml")], env, home, f"{home}: tui-reader import")


def run_or_exit(
    cmd: list[str], env: dict[str, str], cwd: Path, what: str
) -> subprocess.CompletedProcess[bytes]:
    """`cmd` run to its end, its output captured; a failure stops the bench with one line:
    `what` failed, and the end of its stderr."""
    done = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, timeout=RUN_TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{what} failed: {done.stderr.decode().strip()[-500:]}")
    return done


def tui_reader_runs(
    server: FeedServer,
    urls: list[str],
    runs: int,
    root: Path,
    profile: tuple[str, Path] | None,
    *,
    repo: Path = REPO,
    name: str = "tui-reader",
    profile_cold: Path | None = None,
) -> list[Run]:
    home = root / name
    env = tui_env(home, home / "pycache", repo)
    tui = [sys.executable, "-m", "tui_reader"]
    imported_home(home, urls, tui, env)
    refresh = [*tui, "refresh", "--no-prefetch"]
    fill_bytecode(server, urls, home, env, refresh)
    results = []
    if profile_cold is not None:
        results.append(profiled_cold(profile_cold, refresh, env, home, server))
        runs -= 1
    results += [timed(refresh, env, home, server) for _ in range(runs)]
    if profile:
        results.append(profiled(*profile, refresh, env, home, server))
    return results


def fill_bytecode(
    server: FeedServer, urls: list[str], home: Path, env: dict[str, str], refresh: list[str]
) -> None:
    """An untimed cold refresh of FILL_FEEDS feeds in a scratch home sharing this run's
    bytecode cache, so that the timed cold run reads compiled bytecode, as an installed
    tui-reader does (pip compiles at install), instead of compiling aiohttp, feedparser and
    the cleaner from source in the refresh and in each worker. Enough feeds that the worker
    processes start; the scratch home's caches (the gazetteer) are not the timed home's."""
    scratch = home / "bytecode-fill"
    scratch.mkdir()
    (scratch / "feeds.opml").write_text(opml(urls[:FILL_FEEDS]))
    fill_env = {**env, **{k: v for k, v in clean_env(scratch).items() if k in _HOME_VARS}}
    fill_env["TUI_READER_HOME"] = str(scratch / "home")
    for cmd in ([*refresh[:3], "import", str(scratch / "feeds.opml")], refresh):
        run_or_exit(cmd, fill_env, scratch, "bytecode fill")
    server.stats()  # its replies count in no run


FILL_FEEDS = 20  # x 20 items: above the worker pool's threshold
_HOME_VARS = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


def _pss(pid: int) -> int:
    """Proportional set size in bytes (/proc/PID/smaps_rollup): a page shared by n
    processes counts 1/n in each, so a sum over a tree counts it once."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


class TreeRss:
    """Peak resident memory of a process and all its descendants together (the worker
    processes count), sampled every 50 ms from /proc; and the peak of the process alone.
    The tree is summed twice: RSS (counts pages the workers share with the fork server
    once per process, so it overstates) and PSS (counts each page once)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_tree = 0
        self.peak_main = 0
        self.peak_tree_pss = 0
        self.cpu = 0.0  # seconds, the process and its workers (set by the caller)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        samples = 0
        while not self._stop.wait(0.05):
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                    parents[int(entry.name)] = int(fields[1])
                    rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    continue
            tree = {self.pid}
            grew = True
            while grew:
                more = {p for p, parent in parents.items() if parent in tree} - tree
                grew = bool(more)
                tree |= more
            self.peak_tree = max(self.peak_tree, sum(rss.get(p, 0) for p in tree))
            self.peak_main = max(self.peak_main, rss.get(self.pid, 0))
            samples += 1
            if samples % 20 == 1:  # once a second: smaps_rollup walks page tables, not free
                self.peak_tree_pss = max(self.peak_tree_pss, sum(_pss(p) for p in tree))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def prefetch_run(
    server: FeedServer,
    urls: list[str],
    root: Path,
    *,
    repo: Path = REPO,
    name: str = "tui-reader-prefetch",
) -> tuple[Run, TreeRss]:
    """A cold `refresh` with prefetch in a fresh home: every item's page is fetched and
    cleaned. Wall time and peak memory (the process alone, and with its workers). `repo`:
    the checkout that runs (its bytecode compiled first by an untimed small refresh)."""
    home = root / name
    env = tui_env(home, root / f"{name}-pycache", repo)
    tui = [sys.executable, "-m", "tui_reader"]
    imported_home(home, urls, tui, env)
    fill_bytecode(server, urls, home, env, [*tui, "refresh", "--no-prefetch"])
    server.stats()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*tui, "refresh"], env=env, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    memory = TreeRss(proc.pid)
    out, err = proc.communicate(timeout=RUN_TIMEOUT * 4)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The workers are waited for by the refresh process, so their CPU is counted here too.
    memory.cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    memory.stop()
    note = "" if proc.returncode == 0 else f"exit {proc.returncode}: {err.decode()[-300:]}"
    result = Run(
        seconds, proc.returncode == 0, server.stats(), note or out.decode().strip(), memory.cpu
    )
    return result, memory


def cleaner_cpu(spec: ServerSpec) -> tuple[float, int]:
    """CPU seconds the cleaner and the entity extractor take, in this process, for the pages
    a prefetch run cleans (each distinct page timed once, times how often it is served),
    and how many pages that is."""
    from collections import Counter as Tally

    from tui_reader.processing import CleanJob, clean_jobs, warm_up

    pages = load_pages(spec.pages)
    uses = Tally(
        (f * spec.items + n) % len(pages) for f in range(spec.feeds) for n in range(spec.items)
    )
    warm_up("builtin")
    total = 0.0
    for index, count in uses.items():
        job = CleanJob(index, f"Story {index}", "", "<p>A short summary.</p>", None, pages[index])
        begin = time.process_time()
        clean_jobs([job], "builtin")
        total += (time.process_time() - begin) * count
    return total, sum(uses.values())


def profiled(
    tool: str, out: Path, refresh: list[str], env: dict[str, str], home: Path, server: FeedServer
) -> Run:
    """One more warm run under a profiler (not counted in the figures)."""
    if tool == "py-spy":
        # --idle: show where threads wait (the GIL, the store's lock), not only where they run.
        cmd = ["py-spy", "record", "--idle", "--threads", "--rate", "250", "-o", str(out), "--"]
        cmd += refresh
    else:
        cmd = [sys.executable, "-m", "pyinstrument", "--show-all", "-o", str(out), "-m"]
        cmd += refresh[2:]
    run = timed(cmd, env, home, server)
    print(f"profile of a warm refresh ({tool}) written to {out}", file=sys.stderr)
    return Run(run.seconds, run.ok, run.stats, f"under {tool} (not counted) {run.note}")


def profiled_cold(
    out: Path, refresh: list[str], env: dict[str, str], home: Path, server: FeedServer
) -> Run:
    """The cold run itself under py-spy, the worker processes too (--subprocesses), as
    collapsed stacks (text: one line per stack, its sample count last). Its time counts in
    no figure: the profiler costs CPU of its own."""
    cmd = ["py-spy", "record", "--subprocesses", "--rate", "200", "--format", "raw"]
    cmd += ["-o", str(out), "--", *refresh]
    run = timed(cmd, env, home, server)
    print(f"profile of the cold refresh (py-spy, raw) written to {out}", file=sys.stderr)
    return Run(run.seconds, run.ok, run.stats, f"under py-spy (not counted) {run.note}", run.cpu)


# -- the report -----------------------------------------------------------------------------
def warm_of(runs: list[Run], first_warm: int) -> float | None:
    """Median of the warm runs (index first_warm onwards) that succeeded."""
    times = [r.seconds for r in runs[first_warm:] if r.ok and "not counted" not in r.note]
    return statistics.median(times) if times else None


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def describe(run: Run) -> str:
    stats = {k: v for k, v in run.stats.items() if k.isdigit()}
    replies = " ".join(f"{k}:{v}" for k, v in sorted(stats.items()))
    return (
        f"{run.seconds:.2f}s (cpu {run.cpu:.2f}s) [{replies} conn "
        f"{run.stats.get('connections', 0)} peak {run.stats.get('peak_in_flight', 0)}]"
    )


def report(newsboat: dict[int, list[Run]], tui: list[Run], args: argparse.Namespace) -> None:
    print(
        f"\n{args.feeds} feeds x {args.items} items, {args.hosts} loopback hosts, "
        f"{args.latency * 1000:.0f} ms latency; cores: {os.cpu_count()}; "
        f"load average before {args.load_before}, after {_load()}"
    )
    print(
        "\nevery run (wall seconds, [replies by status, connections opened, "
        "peak requests held at once]):"
    )
    for threads, runs in newsboat.items():
        print(f"  newsboat reload-threads {threads:>3}: " + ", ".join(map(describe, runs)))
        for run in runs:
            if run.note:
                print(f"    note: {run.note}")
    if tui:
        print("  tui-reader refresh --no-prefetch: " + ", ".join(map(describe, tui)))
        for run in tui:
            if run.note:
                print(f"    note: {run.note}")

    print("\n| client | cold (s) | warm (s) |")
    print("|---|---:|---:|")
    cold_nb = {t: runs[0].seconds for t, runs in newsboat.items() if runs and runs[0].ok}
    warm_nb = {t: warm_of(runs, 2) for t, runs in newsboat.items()}
    for threads in newsboat:
        print(
            f"| newsboat reload-threads {threads} | {fmt(cold_nb.get(threads))} "
            f"| {fmt(warm_nb[threads])} |"
        )
    tui_cold = tui[0].seconds if tui and tui[0].ok else None
    tui_warm = warm_of(tui, 1)
    if tui:
        print(f"| tui-reader refresh --no-prefetch | {fmt(tui_cold)} | {fmt(tui_warm)} |")
    if newsboat:
        print("(newsboat warm: median of runs 3+, its first runs with validators)")
    if tui:
        print("(tui-reader warm: median of runs 2+)")

    def ratio(kind: str, ours: float | None, theirs: dict[int, float | None]) -> None:
        known = {t: s for t, s in theirs.items() if s is not None}
        if ours is None or not known:
            return
        best_threads = min(known, key=lambda t: known[t])
        line = (
            f"{kind}: newsboat best {known[best_threads]:.2f}s (reload-threads "
            f"{best_threads}) / tui-reader {ours:.2f}s = {known[best_threads] / ours:.2f}x"
        )
        if 16 in known:
            line += f"; newsboat reload-threads 16 {known[16]:.2f}s = {known[16] / ours:.2f}x"
        print(line)

    print()
    ratio("cold", tui_cold, dict(cold_nb))
    ratio("warm", tui_warm, dict(warm_nb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument(
        "--hosts", type=host_count, default=32, metavar=f"1-{MAX_HOSTS}",
        help="loopback addresses the feeds are spread over (127.0.0.2 onwards)",
    )  # fmt: skip
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added per reply")
    parser.add_argument("--threads", default="1,16,32,64,100", help="newsboat reload-threads")
    parser.add_argument("--warm-runs", type=int, default=3, help="warm runs of each client")
    parser.add_argument("--skip-newsboat", action="store_true")
    parser.add_argument("--skip-tui-reader", action="store_true")
    parser.add_argument(
        "--profile",
        choices=("pyinstrument", "py-spy"),
        help="profile one more warm tui-reader run (pyinstrument: main thread, text; "
        "py-spy: every thread, flame graph SVG)",
    )
    parser.add_argument("--profile-out", type=Path, help="where the profile goes")
    parser.add_argument(
        "--profile-cold",
        type=Path,
        metavar="FILE",
        help="run the cold tui-reader refresh under py-spy with its workers (collapsed "
        "stacks to FILE; that run is not counted)",
    )
    parser.add_argument("--max-seconds", type=float, default=3600, help="server lifetime")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (its folder holding tui_reader/) whose refresh runs "
        "alternated with this one's, for a ratio measured under the same load",
    )
    parser.add_argument("--baseline-rounds", type=int, default=2)
    parser.add_argument(
        "--prefetch",
        action="store_true",
        help="also a cold `refresh` with prefetch: every item's page served (the article "
        "benchmark's 181 real pages in turn) and cleaned; wall time against the cleaner's "
        "own CPU for those pages / cores, and peak memory",
    )
    parser.add_argument(
        "--pages",
        type=Path,
        default=REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "html",
        help="folder of .html/.html.gz pages for --prefetch",
    )
    args = parser.parse_args()
    if not args.skip_newsboat and shutil.which("newsboat") is None:
        raise SystemExit("newsboat not found: apt-get install newsboat (or --skip-newsboat)")

    args.load_before = _load()
    pages: tuple[Path, ...] = ()
    if args.prefetch:
        pages = tuple(sorted(args.pages.glob("*.html*")))
        if not pages:
            raise SystemExit(f"--prefetch needs pages: none in {args.pages}")
    spec = ServerSpec(args.feeds, args.items, args.hosts, args.latency, args.max_seconds, pages)
    newsboat: dict[int, list[Run]] = {}
    tui: list[Run] = []
    baseline_runs: list[tuple[list[Run], list[Run]]] = []
    baseline_prefetch: list[tuple[tuple[Run, TreeRss], tuple[Run, TreeRss]]] = []
    with tempfile.TemporaryDirectory(prefix="refresh-bench-") as tmp, FeedServer(spec) as server:
        root = Path(tmp)
        urls = feed_urls(args.feeds, args.hosts, server.port)
        if not args.skip_newsboat:
            for threads in (int(t) for t in args.threads.split(",")):
                # Two runs before the warm ones: newsboat 2.21 sends validators from its third.
                newsboat[threads] = newsboat_runs(server, urls, threads, 2 + args.warm_runs, root)
                print(f"newsboat reload-threads {threads}: done", file=sys.stderr)
        if not args.skip_tui_reader:
            profile = None
            if args.profile:
                default = f"refresh-profile.{'svg' if args.profile == 'py-spy' else 'txt'}"
                profile = (args.profile, (args.profile_out or Path(default)).resolve())
            tui = tui_reader_runs(
                server, urls, 1 + args.warm_runs, root, profile,
                profile_cold=args.profile_cold.resolve() if args.profile_cold else None,
            )  # fmt: skip
            print("tui-reader: done", file=sys.stderr)
            if args.baseline:
                # Alternated with this checkout, each in a fresh home: the same load for both.
                for n in range(args.baseline_rounds):
                    base = tui_reader_runs(
                        server, urls, 1 + args.warm_runs, root, None,
                        repo=args.baseline, name=f"baseline-{n}",
                    )  # fmt: skip
                    ours = tui_reader_runs(
                        server, urls, 1 + args.warm_runs, root, None, name=f"again-{n}"
                    )
                    baseline_runs.append((base, ours))
        if args.prefetch:
            prefetched = prefetch_run(server, urls, root)
            print("tui-reader with prefetch: done", file=sys.stderr)
            if args.baseline:
                for n in range(args.baseline_rounds):
                    base_pre = prefetch_run(
                        server, urls, root, repo=args.baseline, name=f"baseline-prefetch-{n}"
                    )
                    ours_pre = prefetch_run(server, urls, root, name=f"again-prefetch-{n}")
                    baseline_prefetch.append((base_pre, ours_pre))
                    print(f"prefetch round {n + 1} with the baseline: done", file=sys.stderr)
    report(newsboat, tui, args)
    if baseline_runs:
        print(f"\nalternated with the checkout at {args.baseline} (cold, then warm runs):")
        for base, ours in baseline_runs:
            print("  baseline: " + ", ".join(map(describe, base)))
            print("  this:     " + ", ".join(map(describe, ours)))
        cold_base = [b[0] for b, _ in baseline_runs if b and b[0].ok]
        cold_ours = [o[0] for _, o in baseline_runs if o and o[0].ok]
        if cold_base and cold_ours:
            wall = statistics.median(r.seconds for r in cold_ours) / statistics.median(
                r.seconds for r in cold_base
            )
            cpu = statistics.median(r.cpu for r in cold_ours) / statistics.median(
                r.cpu for r in cold_base
            )
            print(f"  cold, this / baseline (medians): wall {wall:.2f}x, cpu {cpu:.2f}x")
    if args.prefetch:
        run, memory = prefetched
        cpu, count = cleaner_cpu(spec)
        cores = os.cpu_count() or 1
        print(
            f"\ncold refresh with prefetch ({count} pages): {describe(run)}"
            + (f"\n  note: {run.note}" if run.note else "")
        )
        print(
            f"  cleaner + entities CPU for those pages {cpu:.1f} s / {cores} cores = "
            f"{cpu / cores:.1f} s; wall / that = {run.seconds / (cpu / cores):.2f}x (target <= 1.3)"
        )
        print(
            f"  CPU of the refresh and its workers {memory.cpu:.1f} s = "
            f"{memory.cpu / cpu:.2f}x the cleaner's own (load-independent: on {cores} idle "
            f"cores the wall time would be about {memory.cpu / cores:.1f} s)"
        )
        print(
            f"  peak RSS: refresh process {memory.peak_main / 2**20:.0f} MB, with its workers "
            f"{memory.peak_tree / 2**20:.0f} MB (target < 400 MB); summed as PSS (pages the "
            f"workers share with the fork server counted once) "
            f"{memory.peak_tree_pss / 2**20:.0f} MB"
        )
    if baseline_prefetch:
        report_prefetch_rounds(baseline_prefetch, args.baseline)


def report_prefetch_rounds(
    rounds: list[tuple[tuple[Run, TreeRss], tuple[Run, TreeRss]]], baseline: Path
) -> None:
    """The cold prefetch refresh alternated with the baseline checkout (after this one's
    first run): each run, then this / baseline of the medians."""

    def line(run: Run, memory: TreeRss) -> str:
        return (
            f"{describe(run)} tree cpu {memory.cpu:.1f}s, RSS {memory.peak_main / 2**20:.0f} "
            f"MB alone, {memory.peak_tree / 2**20:.0f} MB with workers, PSS "
            f"{memory.peak_tree_pss / 2**20:.0f} MB"
        )

    print(f"\ncold refresh with prefetch, alternated with the checkout at {baseline}:")
    for (base, base_mem), (ours, ours_mem) in rounds:
        print(f"  baseline: {line(base, base_mem)}")
        print(f"  this:     {line(ours, ours_mem)}")
    pairs = [(b, o) for b, o in rounds if b[0].ok and o[0].ok]
    if not pairs:
        return

    def ratio(of: Callable[[tuple[Run, TreeRss]], float]) -> float:
        return statistics.median(of(o) for _, o in pairs) / statistics.median(
            of(b) for b, _ in pairs
        )

    print(
        f"  this / baseline (medians): wall {ratio(lambda r: r[0].seconds):.2f}x, "
        f"tree cpu {ratio(lambda r: r[1].cpu):.2f}x, tree RSS "
        f"{ratio(lambda r: r[1].peak_tree):.2f}x, refresh RSS "
        f"{ratio(lambda r: r[1].peak_main):.2f}x"
    )


if __name__ == "__main__":
    main()
