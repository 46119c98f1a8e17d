"""The header's counts read like the refresh progress beside them ("10,000")."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui_reader.app.widgets.status import StatusHeader


class _HeaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusHeader()


async def _rendered(unread: int, marks_waiting: int, progress: str = "") -> str:
    """The header's text with these values, as the app renders it."""
    app = _HeaderApp()
    async with app.run_test(size=(160, 3)) as pilot:
        header = app.query_one(StatusHeader)
        header.unread = unread
        header.marks_waiting = marks_waiting
        header.progress = progress
        await pilot.pause()
        return str(header.render())


async def test_large_counts_are_grouped_by_thousands() -> None:
    text = await _rendered(12_345, 1_500, "feeds 500/500 · pages 1,562/10,000")
    assert "12,345 unread" in text
    assert "1,500 marks waiting for the server" in text
    assert "pages 1,562/10,000" in text


async def test_small_counts_are_as_before() -> None:
    text = await _rendered(6, 1)
    assert "6 unread" in text
    assert "1 mark waiting for the server" in text
