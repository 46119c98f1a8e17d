"""The given names list shipped in the package: present, licensed, and what the script makes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

DATA = files("tui_reader.entities") / "data"
WORDNET = Path("/usr/share/wordnet")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_given_names.py"


def test_the_list_ships_with_fakers_licence_notice() -> None:
    notice = (DATA / "FAKER-LICENSE").read_text(encoding="utf-8")
    assert "Daniele Faraglia" in notice and "Permission is hereby granted" in notice
    header = (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# Given names from Faker")


@pytest.mark.skipif(importlib.util.find_spec("faker") is None, reason="faker not installed")
@pytest.mark.skipif(not (WORDNET / "data.noun").exists(), reason="wordnet-base not installed")
def test_the_script_regenerates_the_shipped_list(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--wordnet", str(WORDNET), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = (tmp_path / "given_names.txt").read_text(encoding="utf-8").splitlines()
    shipped = (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
    if made[0] != shipped[0]:
        pytest.skip(f"another Faker version: {made[0]}")
    assert made == shipped
