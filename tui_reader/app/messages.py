"""Messages workers post back to the main screen (workers never touch widgets directly)."""

from __future__ import annotations

from textual.message import Message


class RefreshProgress(Message):
    """The header's progress text; `listed`: new items were just stored (the list may show
    them); `cleaned_ids`: items whose clean article was just stored."""

    def __init__(
        self, text: str, *, listed: bool = False, cleaned_ids: tuple[int, ...] = ()
    ) -> None:
        super().__init__()
        self.text = text
        self.listed = listed
        self.cleaned_ids = cleaned_ids


class RefreshFinished(Message):
    """failures: one line per failed feed, each naming the feed."""

    def __init__(self, summary: str, failures: list[str], new_items: int) -> None:
        super().__init__()
        self.summary = summary
        self.failures = failures
        self.new_items = new_items


class FeedsChanged(Message):
    """A feed was added or removed; `note` says which, for a notification."""

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note


class MarksSaved(Message):
    """Read/starred marks were written (and, with [sync] set, queued for the server)."""
