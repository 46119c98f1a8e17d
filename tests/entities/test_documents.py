"""The annotated documents of tests/entities/documents: every mark reads, none is lost."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "entities_docs.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("entities_docs", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["entities_docs"] = module
    spec.loader.exec_module(module)
    return module


def test_every_document_parses_into_text_and_names() -> None:
    bench = _bench()
    docs = bench.read_documents()
    assert len(docs) >= 50
    assert {d.genre for d in docs} == {"news", "interview", "bio", "voyage", "academic", "court"}
    for doc in docs:
        assert doc.spans, doc.name
        assert "|P]" not in doc.text and "|O]" not in doc.text and "|L]" not in doc.text
        for a, b, type_ in doc.spans:
            assert type_ in ("PERSON", "ORG", "PLACE")
            assert doc.text[a:b].strip() == doc.text[a:b] != "", doc.name


def test_a_name_marked_once_marks_its_other_occurrences() -> None:
    parse = _bench().parse
    text, spans = parse("[Ana Lee|P] met Kim. Ana Lee said so, and Ana Lee's aide Lee-Ann left.")
    assert [(text[a:b], t) for a, b, t in spans] == [("Ana Lee", "PERSON")] * 3
    # "Lee" marked with two types is spread as neither.
    text, spans = parse("[Lee|P] joined [Lee|O], a firm. Lee grew.")
    assert [(text[a:b], t) for a, b, t in spans] == [("Lee", "PERSON"), ("Lee", "ORG")]
