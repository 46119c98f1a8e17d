"""What crosses to and from the worker processes pickles as a call of its class."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from tui_reader.models import Article, Block, Entity, FeedItem, ParsedFeed, pickled_as_call
from tui_reader.processing import Cleaned, CleanJob


def _article() -> Article:
    blocks = (
        Block("heading", "Harbour plan", level=2),
        Block("list", "one\ntwo", items=("one", "two"), links=((0, 3, 1),)),
    )
    return Article("T", None, "2024-01-02", "site", blocks, "Harbour plan\n\none", False, 7,
                   links=("http://a.example/",), note="part")  # fmt: skip


@pytest.mark.parametrize(
    "value",
    [
        ParsedFeed("Feed", None, (FeedItem("g1", "a", published=1.5), FeedItem("g2", "b")), "w"),
        CleanJob(3, "t", "<p>c</p>", "s", None, b"<html>", "text/html"),
        Cleaned(3, _article(), "page", (Entity("PERSON", "Ann Lee", ("Lee",), 2, 5),)),
        Cleaned(4, None, "feed", None),
    ],
)
def test_round_trip_is_equal_and_goes_through_the_constructor(value: object) -> None:
    reduced = value.__reduce__()
    assert isinstance(reduced, tuple) and reduced[0] is type(value)
    assert pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) == value


def test_a_shared_object_stays_shared() -> None:
    item = FeedItem("g", "t")
    feeds = pickle.loads(pickle.dumps([ParsedFeed("a", None, (item,)), item]))
    assert feeds[0].items[0] is feeds[1]


def test_a_class_whose_fields_are_not_all_positional_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):

        @pickled_as_call
        @dataclass(frozen=True, slots=True)
        class Hidden:
            a: int
            b: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="cannot be pickled"):

        @pickled_as_call
        @dataclass(frozen=True, slots=True, kw_only=True)
        class Named:
            a: int
