"""Whether a document's bytes are UTF-8, and which legacy encoding they are in when not.

One judgement for pages (clean/decode.py) and feeds (fetch/safexml.py). A detector asked
about UTF-8 bytes can name anything (charset-normalizer called a UTF-8 page cut in the middle
of a character "mac-iceland"), so the UTF-8 question is answered first, from the bytes:
- valid UTF-8 is UTF-8, also when the last character is cut short (a capped download or a
  truncated file ends anywhere);
- UTF-8 with a few broken bytes (a page pasted together from two sources) is still UTF-8
  when well-formed multi-byte characters outnumber the bad bytes 3 to 1. Legacy text almost
  never forms a valid UTF-8 sequence: on the pages of the four extraction sets the ratio is
  0.0-0.06 for single-byte encodings and 0.29 for a GBK page, 25-499 for UTF-8 pages.
Only bytes that fail both go to the detector.
"""

from __future__ import annotations

import codecs
import re

# The detector is slow on big documents and needs only a sample of the text to decide.
_DETECT_BYTES = 256 * 1024
_MIN_GOOD_PER_BAD = 3
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def strict_utf8(body: bytes) -> str | None:
    """The text when `body` is valid UTF-8 (its last character may be cut short), else None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(body, final=False)
    except UnicodeDecodeError:
        return None
    # A cut final character is at most 3 bytes left in the decoder; it becomes one U+FFFD.
    return text + "\ufffd" if decoder.getstate()[0] else text


def mostly_utf8(body: bytes) -> str | None:
    """The text (broken bytes replaced) when `body` is UTF-8 with a few broken bytes."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    return text if good >= _MIN_GOOD_PER_BAD * bad else None


def detect_legacy(body: bytes) -> str | None:
    """charset-normalizer's encoding for bytes that are not UTF-8, or None without an answer
    Python can decode with."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:_DETECT_BYTES]).best()
    if best is None:
        return None
    try:
        codecs.lookup(best.encoding)
    except LookupError:
        return None
    return str(best.encoding)
