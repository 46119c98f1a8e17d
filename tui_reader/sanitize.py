"""The single gate for text from the outside world on its way to a terminal.

Feed titles, authors, article text and entity names pass through `terminal_text()` before
they are shown or printed. It removes escape sequences (CSI/OSC/DCS/...), C0 and C1 control
characters, bidi overrides and invisible format characters that could reorder or hide text,
so nothing a feed says can move the cursor, retitle the window or spoof a line.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import TextIO, cast

# ESC-initiated sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings up to BEL or ST,
# and two-character escapes. The 8-bit C1 forms (U+009B CSI, U+009D OSC...) are handled too.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?        # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)  # OSC DCS SOS PM APC
  | \x1b[\x20-\x2f]*[\x30-\x7e]?                              # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls other than tab, newline and carriage return; DEL; C1.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides/isolates; soft hyphen; zero-width space and word joiner family
# (ZWJ U+200D is kept: emoji need it); BOM; interlinear annotations; object replacement.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb\ufffc]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def terminal_text(text: str | None, *, single_line: bool = False, max_chars: int = 0) -> str:
    """Return `text` safe to show: no escapes, no controls, no bidi tricks.

    single_line folds all whitespace (a title or a name); otherwise line breaks are kept
    and tabs are expanded. max_chars > 0 truncates with an ellipsis (1 MB titles exist).
    """
    if not text:
        return ""
    if max_chars and len(text) > max_chars * 4:
        # Bound the work on hostile input before the regexes run.
        text = text[: max_chars * 4]
    text = without_controls(_LINE_BREAKS.sub("\n", text))
    text = _INVISIBLE.sub("", text)
    # Multi-line text keeps runs of spaces (code blocks); a tab's width depends on the
    # terminal, so it is expanded.
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip() if single_line else text.expandtabs(4)
    if max_chars and len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text


def without_controls(text: str) -> str:
    """`text` without escape sequences and control characters (tab, newline and carriage
    return are kept): the one control-character filter. terminal_text() applies it and
    more; the cleaner applies it to what it keeps, so stored text holds none either."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def is_web_url(url: str | None) -> bool:
    """An http(s) URL: the only kind kept in an article or handed to the browser (row 11)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def is_safe(text: str) -> bool:
    """True when `text` holds nothing terminal_text() would remove (tests use it)."""
    return not (_ESCAPES.search(text) or _CONTROLS.search(text) or _INVISIBLE.search(text)) and all(
        unicodedata.category(ch) != "Cc" or ch in "\n" for ch in text
    )


def escape_invisible(text: str, template: str) -> str:
    """`text` with every character terminal_text() would remove written as `template % code`
    ("\\u%04x" inside JSON strings, "&#x%x;" in XML): lossless for the program that reads
    it, inert on a terminal. Escape-sequence introducers are among them, so no sequence
    survives."""
    return _ESCAPABLE.sub(lambda match: template % ord(match.group()), text)


# What terminal_text() removes, as single characters: the controls (ESC, which starts
# every sequence, among them) and the invisible ones.
_ESCAPABLE = re.compile("[" + _CONTROLS.pattern[1:-1] + _INVISIBLE.pattern[1:-1] + "]")


def strip_controls(text: str) -> str:
    """The last gate before a stream: escape sequences and invisible characters go, and
    only tab, newline and carriage return (a progress bar redraws its line) stay."""
    if text.isascii() and text.isprintable():
        return text
    return _INVISIBLE.sub("", without_controls(text))


class TerminalStream(io.TextIOBase):
    """stdout or stderr behind strip_controls(): whatever a command prints, and however it
    was formatted, nothing in it can drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        clean = strip_controls(text)
        try:
            self.stream.write(clean)
        except UnicodeEncodeError:
            # An output that cannot hold a character (PYTHONIOENCODING=ascii, an old
            # locale) gets "?" for it rather than a crash.
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(clean.encode(encoding, "replace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True


def terminal_stream(stream: TextIO) -> TextIO:
    """`stream` behind the gate (typed as the TextIO every printer takes)."""
    return stream if isinstance(stream, TerminalStream) else cast(TextIO, TerminalStream(stream))
