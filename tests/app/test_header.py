"""The header's counts read like the refresh progress beside them ("10,000")."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui_reader.app.widgets.status import StatusHeader


class _HeaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusHeader()


async def test_large_counts_are_grouped_by_thousands() -> None:
    app = _HeaderApp()
    async with app.run_test(size=(160, 3)) as pilot:
        header = app.query_one(StatusHeader)
        header.unread = 12_345
        header.marks_waiting = 1_500
        header.progress = "feeds 500/500 · pages 1,562/10,000"
        await pilot.pause()
        text = str(header.render())
    assert "12,345 unread" in text
    assert "1,500 marks waiting for the server" in text
    assert "pages 1,562/10,000" in text


async def test_small_counts_are_as_before() -> None:
    app = _HeaderApp()
    async with app.run_test(size=(160, 3)) as pilot:
        header = app.query_one(StatusHeader)
        header.unread = 6
        header.marks_waiting = 1
        await pilot.pause()
        text = str(header.render())
    assert "6 unread" in text
    assert "1 mark waiting for the server" in text
