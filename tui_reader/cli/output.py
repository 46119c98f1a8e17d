"""How commands print: safe text, short dates, and a progress bar that degrades to lines."""

from __future__ import annotations

import time
from typing import TextIO

from ..sanitize import terminal_text


def safe(text: str | None, max_chars: int = 0) -> str:
    """Outside text on one line, with nothing that could drive the terminal."""
    return terminal_text(text, single_line=True, max_chars=max_chars)


def ago(timestamp: float | None, now: float | None = None) -> str:
    if timestamp is None:
        return "never"
    seconds = max(0, int((time.time() if now is None else now) - timestamp))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit} ago"
    return "just now"


def day(timestamp: float | None) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(timestamp)) if timestamp else "          "


class ProgressBar:
    """A one-line bar on a terminal; plain lines (one per feed) when the output is piped."""

    # Piped, lines go out in batches this often: a write per feed to a slow reader (a
    # pipe, a log) made a warm refresh of 500 feeds wait on it.
    BATCH_SECONDS = 0.1

    def __init__(self, stream: TextIO, *, width: int = 30) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.width = width
        self._pending: list[str] = []
        self._written = time.monotonic()

    def update(self, done: int, total: int, label: str) -> None:
        if self.tty:
            filled = self.width * done // total if total else self.width
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"\r[{bar}] {done}/{total} {safe(label, 40)}"
            self.stream.write(f"{text:<{self.width + 60}}")
            self.stream.flush()
        else:
            self.line(label)

    def note(self, text: str) -> None:
        """On a terminal, the current step in place of the bar (a sync's login, its pulls)."""
        if self.tty:
            self.stream.write(f"\r{safe(text, self.width + 50):<{self.width + 60}}")
            self.stream.flush()

    def line(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.write(text + "\n")
            self.stream.flush()
            return
        self._pending.append(text + "\n")
        if time.monotonic() - self._written >= self.BATCH_SECONDS:
            self._write_pending()

    def _write_pending(self) -> None:
        if self._pending:
            self.stream.write("".join(self._pending))
            self.stream.flush()
            self._pending.clear()
        self._written = time.monotonic()

    def finish(self) -> None:
        self._write_pending()
        if self.tty:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.flush()
