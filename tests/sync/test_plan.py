"""The engine's decision for each field of each item (a pure function)."""

from __future__ import annotations

from tui_reader.store.sync import Pushed, QueuedMark, SyncedItem
from tui_reader.sync.engine import plan


def synced(
    *, read: bool = False, starred: bool = False, base_read: bool = False, base_star: bool = False
) -> SyncedItem:
    return SyncedItem("s1", 1, read, starred, base_read, base_star)


def mark(field: str, value: bool, mark_id: int = 9) -> QueuedMark:
    return QueuedMark(mark_id, 1, "s1", field, value, 0.0)  # type: ignore[arg-type]


UNREAD_THERE = {"s1"}  # the server lists s1 as unread
NOT_STARRED: set[str] = set()


def test_nothing_changed_does_nothing() -> None:
    result = plan([synced()], [], UNREAD_THERE, NOT_STARRED)
    assert (result.pushes, result.settled, result.changes) == ((), (), ())


def test_a_queued_mark_is_pushed() -> None:
    result = plan([synced(read=True)], [mark("read", True)], UNREAD_THERE, NOT_STARRED)
    assert result.pushes == (Pushed("s1", "read", True, 9),)
    assert result.changes == ()


def test_a_state_off_the_baseline_without_a_mark_is_a_local_change() -> None:
    result = plan([synced(starred=True)], [], UNREAD_THERE, NOT_STARRED)
    assert result.pushes == (Pushed("s1", "starred", True, None),)


def test_a_server_change_is_applied_when_this_side_did_not_change() -> None:
    result = plan([synced()], [], set(), {"s1"})  # read and starred on the server now
    assert result.changes == (("s1", "read", True), ("s1", "starred", True))
    assert result.pushes == ()


def test_a_mark_the_server_already_agrees_with_is_settled_not_pushed() -> None:
    result = plan([synced(read=True)], [mark("read", True)], set(), NOT_STARRED)
    assert result.pushes == () and result.settled == (Pushed("s1", "read", True, 9),)


def test_both_changed_the_local_mark_wins() -> None:
    # Starred at the last sync; since then the server unstarred it, and here it was
    # unstarred and starred again (the queued mark says starred).
    item = synced(starred=True, base_star=True, read=False, base_read=False)
    result = plan([item], [mark("starred", True)], UNREAD_THERE, NOT_STARRED)
    assert result.settled == ()
    assert result.pushes == (Pushed("s1", "starred", True, 9),)
    assert result.changes == ()


def test_an_item_the_server_no_longer_lists_reads_as_read_and_unstarred() -> None:
    # TT-RSS and FreshRSS purge only read, unstarred items.
    result = plan([synced(starred=True, base_star=True)], [], set(), set())
    assert result.changes == (("s1", "read", True), ("s1", "starred", False))
