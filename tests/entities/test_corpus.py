"""The annotated corpus: the built-in extractor keeps precision and recall at 0.85 or more,
on the paragraphs used while writing the rules and on the held-out ones alike."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "entities_eval", REPO / "bench" / "entities_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["entities_eval"] = module
    spec.loader.exec_module(module)
    return module


entities_eval = _load_eval()


def test_corpus_is_large_and_varied() -> None:
    items = entities_eval.load_corpus()
    assert len(items) >= 30
    assert len({i["beat"] for i in items}) >= 5
    assert any(line.isupper() for i in items for line in i["text"].split("\n"))
    assert any(not i["text"].isascii() for i in items)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert set(item["gold"]) <= {"PERSON", "ORG", "PLACE"}, item["id"]
        for names in item["gold"].values():
            for name, forms in names.items():
                assert name in item["text"] or forms, (item["id"], name)


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_builtin_precision_and_recall(split: str) -> None:
    score = entities_eval.evaluate("builtin", split, verbose=False)
    assert score.precision >= 0.85, score
    assert score.recall >= 0.85, score


def test_scoring_rules_catch_wrong_types_and_unmerged_aliases() -> None:
    from tui_reader.models import Entity

    item = {
        "id": "t",
        "text": "Hulusi Akar met Akar in Ankara.",
        "gold": {"PERSON": {"Hulusi Akar": ["Akar"]}, "PLACE": {"Ankara": []}},
    }
    perfect = [Entity("PERSON", "Hulusi Akar", ("Akar",), 2, 0), Entity("PLACE", "Ankara")]
    score = entities_eval.score_item(item, perfect)
    assert (score.correct, score.found, score.aliases_merged) == (2, 2, 1)
    bad = [
        Entity("PERSON", "Hulusi Akar"),
        Entity("PERSON", "Akar"),  # an alias left unmerged is a false positive
        Entity("ORG", "Ankara"),  # a wrong type is a false positive and a miss
    ]
    score = entities_eval.score_item(item, bad)
    assert (score.predicted, score.correct, score.found) == (3, 1, 1)
