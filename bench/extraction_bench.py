"""Article-extraction benchmark: our cleaner vs readability-lxml and trafilatura.

    python bench/extraction_bench.py [--split all|dev|heldout|each] [extra eval args...]
    python bench/extraction_bench.py --timing [--repeat 3]

The first form runs shared/tools/extraction_eval.py (next to this checkout) over the 181 pages
of shared/data/article-extraction-benchmark with the three extractors in one run (the table
in BENCHMARKS.md). `--timing` measures ms/page only, calling our cleaner and readability
(+html_text, as the eval's builtin does) alternately on each page and keeping each one's
median of `--repeat` calls, so load from other processes hits both alike.
Needs `html-text` and `trafilatura` installed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_TOOLS = REPO.parent / "shared" / "tools"
EVAL = SHARED_TOOLS / "extraction_eval.py"
EXTRACTORS = (
    "tui_reader.clean.eval:extract",
    "builtin:readability-htmltext",
    "builtin:trafilatura",
)


def run_eval(args: list[str]) -> int:
    cmd = [sys.executable, str(EVAL)]
    for spec in EXTRACTORS:
        cmd += ["--extractor", spec]
    return subprocess.call(cmd + (args or ["--split", "each"]), cwd=REPO)


def run_timing(repeat: int) -> int:
    sys.path.insert(0, str(SHARED_TOOLS))
    sys.path.insert(0, str(REPO))
    import extraction_eval as ev  # type: ignore[import-not-found]

    from tui_reader.clean.eval import extract

    pages = ev.load_dataset(ev.DEFAULT_DATA)
    ours: Callable[[str, str | None], str] = extract
    theirs: Callable[[str, str | None], str] = ev.readability_html_text
    times: dict[str, list[float]] = {"tui-reader": [], "readability-htmltext": []}
    first = next(iter(pages.values()))
    for fn in (ours, theirs):  # imports and regex compilation are not page time
        fn(ev.read_html(first["path"]), first["url"])
    for page in pages.values():
        html, url = ev.read_html(page["path"]), page["url"]
        samples: dict[str, list[float]] = {name: [] for name in times}
        for _ in range(repeat):
            for name, fn in (("tui-reader", ours), ("readability-htmltext", theirs)):
                start = time.perf_counter()
                fn(html, url)
                samples[name].append((time.perf_counter() - start) * 1000)
        for name, values in samples.items():
            times[name].append(statistics.median(values))
    base = statistics.fmean(times["readability-htmltext"])
    print(f"{len(pages)} pages, median of {repeat} alternating calls per page")
    print(f"{'extractor':<22} {'mean ms':>8} {'median':>8} {'p90':>8} {'ratio':>6}")
    for name, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        mean = statistics.fmean(values)
        print(
            f"{name:<22} {mean:8.1f} {statistics.median(values):8.1f} {p90:8.1f} {mean / base:6.2f}"
        )
    return 0


def main(argv: list[str]) -> int:
    if not EVAL.is_file():
        print(f"extraction_bench: {EVAL} not found (shared/ must sit next to the repo)")
        return 2
    if "--timing" in argv:
        repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
        return run_timing(repeat)
    return run_eval(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
