"""Command palette entries: every action in the key table, plus the open article's links."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..sanitize import terminal_text
from .keys import KEY_TABLE, MAIN_OWNERS, KeySpec


class ReaderCommands(Provider):
    def _entries(self) -> list[tuple[str, str, Callable[[], Coroutine[Any, Any, None] | None]]]:
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        entries: list[tuple[str, str, Callable[[], Coroutine[Any, Any, None] | None]]] = []
        for spec in KEY_TABLE:
            if spec.id == "command_palette" or spec.owner not in MAIN_OWNERS:
                continue
            entries.append(
                (spec.description, f"keys: {self._keys(spec)}", partial(screen.perform, spec))
            )
        for number, url in enumerate(screen.reader.links, 1):
            shown = terminal_text(url, single_line=True, max_chars=120)
            entries.append(
                (
                    f"Open link {number}: {shown}",
                    "in the browser",
                    partial(screen.open_url_safely, url),
                )
            )
        return entries

    def _keys(self, spec: KeySpec) -> str:
        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        return keymap.get(spec.id, spec.keys)

    async def discover(self) -> Hits:
        for title, help_text, command in self._entries():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, help_text, command in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
