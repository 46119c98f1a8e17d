"""HTTP stack benchmark: CPU and wall of N GETs at C in flight, client against client.

The feeds and server are refresh_bench.py's (default 500 feeds x 20 items on 32 loopback
addresses 127.0.0.2-33, 100 ms added per reply, ETag/Last-Modified). Each run is a fresh
process that imports its client, GETs every feed (all 200), then GETs them again with the
validators it got (all 304) on the same client. Clients, alternated run by run:

- `new`: tui_reader.fetch.http.HttpClient of this checkout (aiohttp);
- `baseline`: the HttpClient of another checkout (--baseline-src), run by an interpreter
  that has its dependencies (--baseline-python), e.g. the httpx client at 1e7f570:
      mkdir -p /tmp/http-old/src && git archive 1e7f570 | tar -x -C /tmp/http-old/src
      python -m venv /tmp/http-old/venv && /tmp/http-old/venv/bin/pip install /tmp/http-old/src
- `aiohttp`: a bare aiohttp ClientSession with the same limits (the floor of our wrapper).

Figures per run: the whole process's CPU (user+sys, start-up and imports included, from
wait4), the CPU and wall of the 200 pass and of the 304 pass alone (getrusage in the
process), and connections opened (from the server). Medians over --runs, with min-max.

    python bench/http_bench.py --baseline-src /tmp/http-old/src \
        --baseline-python /tmp/http-old/venv/bin/python --runs 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from refresh_bench import FeedServer, ServerSpec, feed_urls  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- the client process ----------------------------------------------------------------------
async def _tui_reader_pass(
    urls: list[str], concurrency: int, per_host: int
) -> tuple[list[dict[str, float]], int]:
    from tui_reader.config import FetchConfig
    from tui_reader.fetch.http import FEED_ACCEPT, HttpClient

    phases: list[dict[str, float]] = []
    good = 0
    config = FetchConfig(concurrency=concurrency, per_host=per_host, timeout=60)
    async with HttpClient(config) as client:
        etags: dict[str, str | None] = {}
        for expect in (200, 304):
            cpu, wall = _cpu(), time.perf_counter()
            responses = await asyncio.gather(
                *(client.get(u, etag=etags.get(u), accept=FEED_ACCEPT) for u in urls)
            )
            phases.append({"cpu": _cpu() - cpu, "wall": time.perf_counter() - wall})
            good += sum(r.status == expect for r in responses)
            etags = {u: r.headers.get("etag") for u, r in zip(urls, responses, strict=True)}
    return phases, good


async def _aiohttp_pass(
    urls: list[str], concurrency: int, per_host: int
) -> tuple[list[dict[str, float]], int]:
    import aiohttp

    phases: list[dict[str, float]] = []
    good = 0
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=per_host)
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:
        etags: dict[str, str] = {}

        async def one(url: str) -> tuple[int, str]:
            headers = {"If-None-Match": etags[url]} if url in etags else {}
            async with session.get(url, headers=headers, allow_redirects=False) as reply:
                await reply.read()
                return reply.status, reply.headers.get("etag", "")

        for expect in (200, 304):
            cpu, wall = _cpu(), time.perf_counter()
            results = await asyncio.gather(*(one(u) for u in urls))
            phases.append({"cpu": _cpu() - cpu, "wall": time.perf_counter() - wall})
            good += sum(status == expect for status, _ in results)
            etags = {u: etag for u, (_, etag) in zip(urls, results, strict=True)}
    return phases, good


def client_main(kind: str, urls_file: Path, concurrency: int, per_host: int) -> None:
    urls = json.loads(urls_file.read_text())
    run = _aiohttp_pass if kind == "aiohttp" else _tui_reader_pass
    phases, good = asyncio.run(run(urls, concurrency, per_host))
    print(json.dumps({"phases": phases, "good": good, "expected": 2 * len(urls)}))


# -- the driver ----------------------------------------------------------------------------
def run_client(
    kind: str, python: str, path: str, urls_file: Path, args: argparse.Namespace, server: Any
) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["PYTHONPATH"] = path
    env["NO_PROXY"] = "*"
    cmd = [python, str(Path(__file__).resolve()), "--client", kind, "--urls-file", str(urls_file)]
    cmd += ["--concurrency", str(args.concurrency), "--per-host", str(args.per_host)]
    server.stats()  # reset the counters
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as cwd:  # not the checkout: PYTHONPATH picks the code
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{kind} client failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads(out)
    result.update(
        process_cpu=usage.ru_utime + usage.ru_stime, process_wall=wall, server=server.stats()
    )
    if result["good"] != result["expected"]:
        raise SystemExit(f"{kind}: {result['good']} of {result['expected']} replies as expected")
    return result


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def report(results: dict[str, list[dict[str, Any]]], args: argparse.Namespace) -> None:
    print(
        f"\n{args.feeds} GETs of {args.items}-item feeds (then the same with validators: 304s),"
        f" {args.concurrency} in flight, {args.per_host} per host, {args.hosts} loopback hosts,"
        f" {args.latency * 1000:.0f} ms latency; {args.runs} runs each, alternated; cores:"
        f" {os.cpu_count()}; load average before {args.load_before}, after {_load()}"
    )
    print("median (min-max) seconds\n")
    print(
        "| client | process CPU | 200s: CPU | 200s: wall | 304s: CPU | 304s: wall | connections |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, runs in results.items():
        cells = [
            _spread([r["process_cpu"] for r in runs]),
            _spread([r["phases"][0]["cpu"] for r in runs]),
            _spread([r["phases"][0]["wall"] for r in runs]),
            _spread([r["phases"][1]["cpu"] for r in runs]),
            _spread([r["phases"][1]["wall"] for r in runs]),
            str(max(r["server"].get("connections", 0) for r in runs)),
        ]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    if "baseline" in results and "new" in results:
        for label, key in (("process CPU", None), ("200s CPU", 0), ("304s CPU", 1)):

            def cpu(run: dict[str, Any], key: int | None = key) -> float:
                return float(run["process_cpu"] if key is None else run["phases"][key]["cpu"])

            new = statistics.median(cpu(r) for r in results["new"])
            old = statistics.median(cpu(r) for r in results["baseline"])
            print(f"{label}: new / baseline = {new / old:.2f}x")


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=32, choices=range(1, 254))
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added per reply")
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5, help="runs of each client")
    parser.add_argument("--baseline-src", type=Path, help="checkout with the other HttpClient")
    parser.add_argument("--baseline-python", default=sys.executable)
    parser.add_argument("--skip-aiohttp", action="store_true", help="no bare aiohttp runs")
    parser.add_argument("--client", choices=("new", "baseline", "aiohttp"), help=argparse.SUPPRESS)
    parser.add_argument("--urls-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(args.client, args.urls_file, args.concurrency, args.per_host)
        return

    clients = [("new", sys.executable, str(REPO))]
    if args.baseline_src:
        clients.append(("baseline", args.baseline_python, str(args.baseline_src.resolve())))
    if not args.skip_aiohttp:
        clients.append(("aiohttp", sys.executable, str(REPO)))
    args.load_before = _load()
    spec = ServerSpec(args.feeds, args.items, args.hosts, args.latency, max_seconds=3600)
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind, _, _ in clients}
    with tempfile.TemporaryDirectory(prefix="http-bench-") as tmp, FeedServer(spec) as server:
        urls_file = Path(tmp) / "urls.json"
        urls_file.write_text(json.dumps(feed_urls(args.feeds, args.hosts, server.port)))
        for kind, python, path in clients:  # one untimed run each: bytecode caches filled
            run_client(kind, python, path, urls_file, args, server)
        for n in range(args.runs):
            order = clients if n % 2 == 0 else clients[::-1]
            for kind, python, path in order:
                results[kind].append(run_client(kind, python, path, urls_file, args, server))
            print(f"run {n + 1}/{args.runs} done", file=sys.stderr)
    report(results, args)


if __name__ == "__main__":
    main()
