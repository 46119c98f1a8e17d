"""Where the extractor's word lists are: its own data/ folder and installed packages' files,
found by plain paths. importlib.resources would do the same but its imports (zipfile,
tempfile and more) cost ~25 ms at each start of a worker process; tui-reader is always
installed as files, never run from a zip."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def data_text(name: str) -> str:
    """The text of one file of data/."""
    return (DATA / name).read_text(encoding="utf-8")


def package_dir(name: str) -> Path | None:
    """Where an installed package's files are, found without importing it; None when it
    is not installed."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
