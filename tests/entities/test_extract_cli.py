"""`tui-reader extract --format json` carries an `entities` list for HTML and .txt alike."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from unittest import mock

from tests import seed
from tui_reader.__main__ import main
from tui_reader.locations import Locations


def _extract_json(path: Path) -> Any:
    out, err = io.StringIO(), io.StringIO()
    with mock.patch("sys.stdout", out), mock.patch("sys.stderr", err):
        code = main(["--offline", "extract", "--format", "json", str(path)])
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


def _entities(record: Any) -> dict[str, dict[str, Any]]:
    if isinstance(record, list):
        record = record[0]
    entities = record["entities"]
    assert isinstance(entities, list)
    for entity in entities:
        assert set(entity) >= {"type", "name", "aliases", "count"}
        assert entity["type"] in {"PERSON", "ORG", "PLACE", "NORP", "MISC"}
        assert isinstance(entity["aliases"], list) and entity["count"] >= 1
    return {e["name"]: e for e in entities}


def test_html_page_has_the_seed_entities(home: Locations) -> None:
    found = _entities(_extract_json(seed.PAGE))
    assert found["Hulusi Akar"]["type"] == "PERSON"
    assert found["Hulusi Akar"]["aliases"] == ["Akar"]
    assert found["Russian Defense Ministry"]["aliases"] == ["Defense Ministry"]
    assert found["Russian Defense Ministry"]["count"] == 3
    assert "The Moscow Times" not in found and "Moscow Times" not in found


def test_text_file_has_entities(home: Locations, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Chancellor Olaf Scholz met Emmanuel Macron in Paris.\n\n"
        "Scholz said the European Commission would get the plan.\n",
        encoding="utf-8",
    )
    found = _entities(_extract_json(path))
    assert found["Olaf Scholz"] == {
        "type": "PERSON",
        "name": "Olaf Scholz",
        "aliases": ["Scholz"],
        "count": 2,
    }
    assert found["Paris"]["type"] == "PLACE"
    assert found["European Commission"]["type"] == "ORG"
