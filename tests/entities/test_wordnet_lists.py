"""The WordNet lists shipped in the package: present, licensed, and what the script makes."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from tui_reader.entities.wordnet import (
    any_lower_case,
    common_words,
    kind_nouns,
    known_names,
    shared_words,
)

DATA = files("tui_reader.entities") / "data"
WORDNET = Path("/usr/share/wordnet")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_wordnet_names.py"
LISTS = (
    "wordnet_names.tsv",
    "wordnet_words.txt",
    "wordnet_shared.txt",
    "wordnet_groups.txt",
    "WORDNET-LICENSE",
)


def test_lists_ship_with_the_licence_notice() -> None:
    notice = (DATA / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in notice
    names = known_names()
    assert len(names) > 10_000
    assert names["Zeus"] == {"PERSON"} and names["Lake Erie"] == {"PLACE"}
    assert names["Eiffel Tower"] == {"PLACE"} and names["World War II"] == {"OTHER"}
    assert "midnight" in common_words() and "paris" not in common_words()
    assert {"Christian", "Christians", "Hebrew", "IQ"} <= kind_nouns()
    assert "Congress" not in kind_nouns()  # an institution, not a kind of person
    # "rock", "heron": written both ways, so no common word, but a lower-case one.
    assert {"rock", "heron"} <= shared_words() and not {"rock", "heron"} & common_words()
    assert {"rock", "midnight"} <= any_lower_case() and "paris" not in any_lower_case()


@pytest.mark.skipif(not (WORDNET / "data.noun").exists(), reason="wordnet-base not installed")
def test_the_script_regenerates_the_shipped_lists(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--wordnet", str(WORDNET), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for name in LISTS:
        shipped = (DATA / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == shipped, name
