"""App benchmarks on a large cache: start to first paint, opening an article, a key in the list,
peak RSS.

    python bench/make_cache.py /tmp/app-bench/home/data/tui-reader.sqlite3 --articles 50000
    python bench/app_bench.py /tmp/app-bench/home
    python bench/app_bench.py /tmp/app-bench/home --baseline /tmp/old   # another checkout
    python bench/app_bench.py /tmp/app-bench/home --baseline /work/main \
        --baseline-home /tmp/app-bench/main-home   # a checkout with another schema

With --baseline, the app of that checkout runs too, its starts alternating with this one's,
so both see the same machine load (on a shared machine that moves figures by 30%), and the
ratios are printed. When the two checkouts' schemas differ, build a second cache with the
baseline's own bench/make_cache.py (same --articles, --feeds and --seed: the same articles)
and give it as --baseline-home.

Everything is measured on the real `python -m tui_reader --offline` in a pseudo terminal
(120x40), as a user's terminal sees it. First paint: from before the process is spawned
until the frame holding the header, the list and the footer has been written. A key or an
Enter: from writing the key to the pty until the last byte of the screen update it caused
(the terminal then quiet for 30 ms). Opening an article (Enter): until a word from the
start of its body (not in its title) is on screen, and also until the screen is still
(60 ms quiet: the sidebar, the list's read mark and the header have been updated too).
Peak RSS: the process's VmHWM after all the keys and opens.

Python runs with its bytecode cache, as an installed app does (pip compiles at install time):
the cache goes to a temporary PYTHONPYCACHEPREFIX, filled by one uncounted start, so neither
PYTHONDONTWRITEBYTECODE in the environment nor a first-run compile skews the figures.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
WIDTH, HEIGHT = 120, 40
_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[\]P^_].*?(?:\x07|\x1b\\)|\x1b.")


def _read_until(fd: int, needles: tuple[bytes, ...], deadline: float, seen: bytearray) -> bool:
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        seen.extend(chunk)
        # Text on screen is interleaved with escape sequences: match on the text alone.
        text = _ESCAPES.sub(b"", bytes(seen[-200_000:]))
        if all(needle in text for needle in needles):
            return True
    return False


def _settle(fd: int, quiet: float, limit: float = 5.0) -> float | None:
    """Read until the terminal has been quiet for `quiet` s; the time of the last byte."""
    last: float | None = None
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        last = time.perf_counter()
    return last


def _latency(fd: int, key: bytes, quiet: float) -> float:
    """Seconds from writing `key` to the last byte of the screen update it caused."""
    _settle(fd, 0.02)
    begin = time.perf_counter()
    os.write(fd, key)
    ready, _, _ = select.select([fd], [], [], 5.0)
    if not ready:
        raise TimeoutError(f"no screen update within 5 s after {key!r}")
    last = _settle(fd, quiet)
    return (last or time.perf_counter()) - begin


def _until_shown(fd: int, key: bytes, needle: bytes, quiet: float) -> tuple[float, float]:
    """(seconds until `needle` is on screen, seconds until the screen is still) after `key`."""
    _settle(fd, 0.02)
    seen = bytearray()
    begin = time.perf_counter()
    os.write(fd, key)
    if not _read_until(fd, (needle,), time.monotonic() + 5, seen):
        raise TimeoutError(f"{needle!r} not shown within 5 s after {key!r}")
    shown = time.perf_counter() - begin
    last = _settle(fd, quiet)
    return shown, (last or time.perf_counter()) - begin


def _body_word(home: Path, index: int) -> bytes:
    """A word from the start of the article's body that its title lacks: it reaches the
    screen only when the body does (the list repaints the title when the read mark changes).
    A single word, because a line wrap can split two."""
    from tui_reader.sanitize import terminal_text
    from tui_reader.store import open_store

    store = open_store(home / "data" / "tui-reader.sqlite3", readonly=True)
    try:
        article = store.article(store.article_ids()[index])
    finally:
        store.close()
    title = set(article.row.title.split())
    words = terminal_text(article.text)[:300].split()
    for word in words:
        if len(word) >= 6 and word not in title and word.isalpha():
            return word.encode()
    raise SystemExit(f"article {index} has no body word to look for")


def _peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set size so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM in /proc (Linux only)")


def spawn_app(
    argv: list[str], env: dict[str, str], home: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """The app in a pseudo terminal of WIDTH x HEIGHT: (process, the pty's master end)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        # Not the bench's folder: `python -m` puts the working folder first on sys.path, so
        # from a checkout it would run that checkout's code, whatever PYTHONPATH says.
        cwd=home,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    return child, master


def session(
    home: Path, rounds: int, pycache: Path, repo: Path = REPO, words: Path | None = None
) -> dict[str, list[float]]:
    """One real app process (of the checkout `repo`) in a pty: first paint, keys, opens,
    peak RSS, then q. `words`: the home whose articles give the words to wait for (this
    checkout's, when the baseline's cache has another schema but the same articles)."""
    env = {**os.environ, "TUI_READER_HOME": str(home), "TERM": "xterm-256color"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    started = time.perf_counter()
    child, master = spawn_app(["--offline"], env, home)
    seen = bytearray()
    # Header ("unread"), list (its border title) and footer ("palette") are all on screen.
    painted = _read_until(master, (b"unread", b"Articles", b"palette"), time.monotonic() + 30, seen)
    result: dict[str, list[float]] = {"paint": [time.perf_counter() - started]}
    if not painted:
        child.kill()
        raise SystemExit(f"no first frame within 30 s; output: {bytes(seen[-500:])!r}")
    try:
        if rounds:
            _measure(master, words or home, rounds, result)
        result["rss"] = [_peak_rss_mb(child.pid)]
        os.write(master, b"q")
        deadline = time.monotonic() + 20
        while child.poll() is None and time.monotonic() < deadline:
            _settle(master, 0.05, limit=0.5)  # keep reading: a full pty would block its exit
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    return result


def _measure(master: int, home: Path, rounds: int, result: dict[str, list[float]]) -> None:
    _settle(master, 0.5)  # let the warm-up import finish before timing keys
    result["j"] = [_latency(master, b"j", 0.03) for _ in range(rounds)]
    result["k"] = [_latency(master, b"k", 0.03) for _ in range(rounds // 2)]
    result["G/g"] = [_latency(master, key, 0.03) for key in (b"G", b"g") * 5]
    result["open"] = []
    result["open-still"] = []
    result["missed"] = []
    for round_ in range(rounds // 2):
        os.write(master, b"h")  # back to the list (h, not a lone ESC the parser waits on)
        _settle(master, 0.06)
        for _ in range(7):
            os.write(master, b"j")
        needle = _body_word(home, 7 * (round_ + 1))
        try:
            shown, still = _until_shown(master, b"\r", needle, 0.06)
        except TimeoutError:
            # The keys went elsewhere (an app that moves focus late sends the j's to the
            # reader): counted, and the list cursor put back where the next round expects.
            result["missed"].append(1.0)
            _resync(master, 7 * (round_ + 1))
            continue
        result["open"].append(shown)
        result["open-still"].append(still)


def _resync(fd: int, index: int) -> None:
    for key in (b"h", b"h", b"g"):
        os.write(fd, key)
        _settle(fd, 0.3)
    for _ in range(index):
        os.write(fd, b"j")
        _settle(fd, 0.03)


_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


def _list_updated(chunk: bytes) -> bool:
    """Whether output draws a line of the article list (rows below the header, left edge),
    as moving its cursor does; the header's progress and notifications are elsewhere."""
    return any(3 <= int(row) <= HEIGHT // 2 and int(col) <= 3 for row, col in _MOVE.findall(chunk))


def refresh_keys(feeds: int, rounds: int, pages: Path, pycache: Path) -> dict[str, float]:
    """Keys in the list while the app's first refresh runs: `feeds` x 20 items served with
    100 ms latency from 32 loopback hosts (bench/refresh_bench.py's server), each item's
    page one of the article benchmark's real pages, prefetch on. From writing j (or k) to
    the first output that redraws a list line; one key every 0.1 s, until the refresh ends
    or `rounds` keys."""
    sys.path.insert(0, str(REPO / "bench"))
    import refresh_bench as rb

    spec = rb.ServerSpec(feeds, 20, 32, 0.1, 3600, tuple(sorted(pages.glob("*.html*"))))
    latencies: list[float] = []
    with (
        tempfile.TemporaryDirectory(prefix="app-bench-refresh-") as tmp,
        rb.FeedServer(spec) as srv,
    ):
        home = Path(tmp)
        (home / "feeds.opml").write_text(rb.opml(rb.feed_urls(feeds, 32, srv.port)))
        env = {**rb.tui_env(home, pycache), "TERM": "xterm-256color"}
        subprocess.run(
            [sys.executable, "-m", "tui_reader", "import", str(home / "feeds.opml")],
            env=env,
            cwd=home,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        child, master = spawn_app([], env, home)
        seen = bytearray()
        if not _read_until(master, (b"unread", b"palette"), time.monotonic() + 60, seen):
            child.kill()
            raise SystemExit("the app did not paint within 60 s")
        ended = False
        after: list[float] = []
        try:
            while len(latencies) < rounds and not ended:
                latency, _ = _list_key(master, len(latencies))
                if latency is not None:
                    latencies.append(latency)
                if len(latencies) % 20 == 0:
                    ended = _all_cleaned(home, feeds * 20)
            duration = time.perf_counter() - started
            # The same keys once the refresh is over: the baseline under the same load.
            deadline = time.monotonic() + 1800
            while not _all_cleaned(home, feeds * 20) and time.monotonic() < deadline:
                _settle(master, 1.0, limit=1.0)
            _settle(master, 1.0, limit=30)
            while len(after) < min(rounds, 60):
                latency, _ = _list_key(master, len(after))
                if latency is not None:
                    after.append(latency)
            os.write(master, b"q")
            _settle(master, 0.2, limit=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            os.close(master)
    if not latencies:
        raise SystemExit("no key was measured")
    return {
        "keys": len(latencies),
        "median": statistics.median(latencies),
        "p95": _p95(latencies),
        "max": max(latencies),
        "seconds": duration,
        "ended": float(ended),
        "after-median": statistics.median(after) if after else 0.0,
        "after-p95": _p95(after) if after else 0.0,
    }


def _all_cleaned(home: Path, articles: int) -> bool:
    """Whether the refresh has stored every article (read from the cache, read-only)."""
    import sqlite3

    path = home / "home" / "data" / "tui-reader.sqlite3"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return bool(conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= articles)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _list_key(master: int, n: int) -> tuple[float | None, bool]:
    """Press j or k; seconds until a list line is redrawn (None: not within 10 s), and
    whether the refresh's summary went by meanwhile."""
    _settle(master, 0.1, limit=0.1)
    key = (b"j", b"j", b"k")[n % 3]
    begin = time.perf_counter()
    os.write(master, key)
    deadline = time.monotonic() + 10
    ended = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            continue
        chunk = os.read(master, 65536)
        ended = ended or b"refreshed " in chunk
        if _list_updated(chunk):
            return time.perf_counter() - begin, ended
    return None, ended


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def describe(values: list[float]) -> str:
    p95 = _p95(values)
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
        f"max {max(values) * 1000:6.1f} ms  (n={len(values)})"
    )


ROWS = (
    ("paint", "start to first paint", "target < 500 ms"),
    ("open", "open an article", "target < 50 ms"),
    ("open-still", "  ...until screen still", ""),
    ("j", "key j in the list", "target < 16 ms"),
    ("k", "key k in the list", "target < 16 ms"),
    ("G/g", "key G/g in the list", "target < 16 ms"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="a TUI_READER_HOME whose cache to open")
    parser.add_argument("--starts", type=int, default=5, help="app processes to run")
    parser.add_argument(
        "--rounds", type=int, default=100, help="j presses per process (0: first paint only)"
    )
    parser.add_argument(
        "--baseline", type=Path, help="another checkout (git worktree) to run side by side"
    )
    parser.add_argument(
        "--baseline-home",
        type=Path,
        help="the baseline's own cache of the same articles (default: home)",
    )
    parser.add_argument(
        "--during-refresh",
        type=int,
        metavar="FEEDS",
        help="instead: keys in the list during the app's first refresh of FEEDS feeds x 20 "
        "items with prefetch (HOME is then only a scratch folder)",
    )
    parser.add_argument(
        "--pages",
        type=Path,
        default=REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "html",
        help="article pages the feeds' items link to (--during-refresh)",
    )
    args = parser.parse_args()
    if args.during_refresh:
        # (workers may still be writing bytecode as the app quits: ignore_cleanup_errors)
        with tempfile.TemporaryDirectory(
            prefix="app-bench-pycache-", ignore_cleanup_errors=True
        ) as tmp:
            figures = refresh_keys(args.during_refresh, args.rounds, args.pages, Path(tmp))
        print(
            f"keys j/k during the first refresh of {args.during_refresh} feeds x 20 items with "
            f"prefetch ({figures['keys']:.0f} keys over {figures['seconds']:.0f} s; refresh "
            f"{'ended' if figures['ended'] else 'still running'} at the last key): median "
            f"{figures['median'] * 1000:.1f} ms, p95 {figures['p95'] * 1000:.1f} ms, max "
            f"{figures['max'] * 1000:.1f} ms (target p95 < 50 ms); the same keys after the "
            f"refresh (same machine, same moment): median {figures['after-median'] * 1000:.1f} "
            f"ms, p95 {figures['after-p95'] * 1000:.1f} ms"
        )
        return
    database = args.home / "data" / "tui-reader.sqlite3"
    if not database.exists():
        raise SystemExit(f"{database} not found: build it with bench/make_cache.py")
    repos = {"this": REPO}
    if args.baseline is not None:
        if not (args.baseline / "tui_reader" / "__main__.py").exists():
            raise SystemExit(f"{args.baseline} is not a tui-reader checkout")
        repos["baseline"] = args.baseline.resolve()
    homes = {"this": args.home, "baseline": args.baseline_home or args.home}
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name in repos}
    with tempfile.TemporaryDirectory(prefix="app-bench-pycache-") as tmp:
        caches = {name: Path(tmp) / name for name in repos}
        for name, repo in repos.items():  # fills each bytecode cache; not counted
            session(homes[name], 0, caches[name], repo)
        for _ in range(args.starts):
            for name, repo in repos.items():
                runs[name].append(
                    session(homes[name], args.rounds, caches[name], repo, words=args.home)
                )

    def merged(name: str, key: str) -> list[float]:
        return [value for run in runs[name] for value in run.get(key, [])]

    print(f"cache: {database}; {args.starts} app starts each, pty {WIDTH}x{HEIGHT}")
    for name, repo in repos.items():
        print(f"\n{name}: {repo} (cache in {homes[name]})")
        for key, label, target in ROWS:
            if merged(name, key):  # --rounds 0: first paint and RSS only
                print(f"{label + ':':<25} {describe(merged(name, key))}  {target}")
        print(f"{'peak RSS (VmHWM):':<25} max {max(merged(name, 'rss')):.0f} MB  target < 200 MB")
        missed = len(merged(name, "missed"))
        if missed:
            print(f"{'opens that never showed:':<25} {missed} (keys reached another pane)")
    if "baseline" in repos:
        print("\nthis / baseline (medians; below 1 is faster):")
        for key, label, _ in ROWS:
            if not merged("this", key):
                continue
            ratio = statistics.median(merged("this", key)) / statistics.median(
                merged("baseline", key)
            )
            p95 = _p95(merged("this", key)) / _p95(merged("baseline", key))
            print(f"{label.strip() + ':':<25} median {ratio:4.2f}x  p95 {p95:4.2f}x")


if __name__ == "__main__":
    main()
