"""Snapshots (pytest-textual-snapshot) at fixed sizes on the fixed sample cache.

Update after a deliberate change with `python -m pytest tests/app/test_snapshots.py
--snapshot-update` and look at the SVGs (snapshot_report.html) before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.app.conftest import SampleCache, make_app

SnapCompare = Callable[..., bool]


def test_main_screen(cache: SampleCache, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(cache), terminal_size=(120, 36))


def test_reader_with_the_seed_article(cache: SampleCache, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(cache), press=["j", "j", "enter"], terminal_size=(120, 40))


def test_entity_sidebar(cache: SampleCache, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(cache), press=["j", "j", "enter", "e"], terminal_size=(120, 36))


def test_help_screen(cache: SampleCache, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(cache), press=["question_mark"], terminal_size=(100, 40))


def test_narrow_terminal(cache: SampleCache, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(cache), press=["j", "j", "enter"], terminal_size=(80, 24))
