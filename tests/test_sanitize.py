from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.sanitize import is_safe, is_web_url, terminal_text

HOSTILE = [
    "\x1b[2J\x1b[Hcleared",  # CSI: clear screen
    "\x1b]0;owned\x07title",  # OSC: window title
    "\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1bP+q\x1b\\dcs",  # DCS
    "\x9b31mC1 CSI",  # 8-bit CSI
    "\x9d0;x\x9c 8-bit OSC",
    "bell\x07 backspace\x08 null\x00 del\x7f",
    "\u202egnp.exe",  # RTL override
    "zero\u200bwidth soft\u00adhyphen \ufeffbom",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escapes_and_controls_never_pass(text: str) -> None:
    cleaned = terminal_text(text)
    assert "\x1b" not in cleaned and is_safe(cleaned)
    assert not any(0x80 <= ord(c) <= 0x9F for c in cleaned)


def test_visible_text_is_kept() -> None:
    assert terminal_text("\x1b[31mred\x1b[0m text") == "red text"
    assert terminal_text("[bold]not markup[/]") == "[bold]not markup[/]"
    assert terminal_text("family 👨\u200d👩\u200d👧") == "family 👨\u200d👩\u200d👧"  # ZWJ kept


def test_single_line_and_truncation() -> None:
    assert terminal_text("  a\n\tb\r\nc  ", single_line=True) == "a b c"
    long = terminal_text("x" * 1_000_000, single_line=True, max_chars=80)
    assert len(long) == 80 and long.endswith("…")


def test_multi_line_keeps_lines_and_indentation() -> None:
    assert terminal_text("def f():\n\treturn 1\r\n") == "def f():\n    return 1\n"


@given(st.text())
def test_any_text_comes_out_safe(text: str) -> None:
    assert is_safe(terminal_text(text))
    assert is_safe(terminal_text(text, single_line=True, max_chars=40))


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("//example.org/protocol-relative", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_are_web_urls(url: str | None, web: bool) -> None:
    assert is_web_url(url) is web
