"""blocks.plain_blocks: plain feed summaries skip the HTML parse, and get the very blocks
(text, runs, tag, owner, position...) the parse gives, or None and the parse."""

from __future__ import annotations

import random

import lxml.html
import pytest

from tui_reader.clean import clean_fragment
from tui_reader.clean.blocks import RawBlock, html_blocks, plain_blocks
from tui_reader.clean.sanitize_html import sanitize_tree


def parsed_blocks(fragment: str) -> list[RawBlock]:
    """clean_fragment's slow path: the tree in a <div>, sanitised, walked."""
    return html_blocks(sanitize_tree(lxml.html.fragment_fromstring(fragment, create_parent="div")))


TAKEN = [
    "<p>Story 3 of feed 7. The council met on Tuesday to discuss the harbour plan.</p>",
    "  <p> Hello\n world. </p>\n <p>Two</p>\t",
    "<p></p><p>   </p><p>Only this one.</p>",
    "<p>a > b \" ' / = ; x</p>",
    "<p>\u00a0non-breaking\u2028line separator\u00adsoft hyphen\u200bzero width\ufeff</p>",
    "<p>tab\tinside\nand a newline</p>",
    "<p>日本語のテキスト。</p><p>Ελληνικά, русский, עברית, 😀</p>",
    "plain text of a summary, with no markup at all",
    "  leading spaces and a trailing newline\n",
    "\ttab first",
    "\n newline first",
]
HANDED_OVER = [
    "<p>an &amp; entity</p>",
    "<p>a <b>bold</b> word</p>",
    "<p class='x'>an attribute</p>",
    "<P>capital tag</P>",
    "<p>carriage\r\nreturn</p>",
    "<p>first</p>loose text<p>second</p>",
    "<div>a div</div>",
    "text then <br> a break",
    "a control \x0c character",
    "x" * 100_001,
]


@pytest.mark.parametrize("fragment", TAKEN)
def test_plain_fragments_give_the_blocks_of_the_parse(fragment: str) -> None:
    assert plain_blocks(fragment) == parsed_blocks(fragment)


@pytest.mark.parametrize("fragment", HANDED_OVER)
def test_anything_else_is_left_to_the_parser(fragment: str) -> None:
    assert plain_blocks(fragment) is None


def test_random_fragments_give_the_blocks_of_the_parse_or_none() -> None:
    """Characters the parser might change (controls, line breaks, spaces of every kind,
    markup characters, other scripts) in random paragraphs and loose text."""
    kept = list("aZ .,;:!?'\"/=>-_0\t\n") + [
        "\u00a0", "\u00ad", "\u2028", "\u2029", "\u200b", "\ufeff", "\u3000", "\ufffd",
        "é", "ß", "İ", "日", "😀", "\U0010fffd", "\U0001fffe",
    ]  # fmt: skip
    odd = list("\r\x0b\x0c\x00\x01\x7f\x85\x9f\ufffe\ufdd0<&") + ["<p>", "</p>", "<br>"]
    rng = random.Random(7)
    taken = 0
    for _ in range(3000):
        parts = [
            rng.choice(odd if rng.random() < 0.02 else kept) for _ in range(rng.randint(1, 30))
        ]
        body = "".join(parts)
        shape = rng.randrange(3)
        if shape == 0:
            fragment = body
        else:
            count = rng.randint(1, 3)
            gap = rng.choice(["", " ", "\n", " \t\n "])
            fragment = gap + gap.join(f"<p>{body[i::count]}</p>" for i in range(count)) + gap
        if not fragment.strip():
            continue  # clean_fragment returns at once
        fast = plain_blocks(fragment)
        if fast is not None:
            taken += 1
            assert fast == parsed_blocks(fragment), repr(fragment)
    assert taken > 1000  # the test reads the fast path, not only its refusals


def test_clean_fragment_takes_it_and_still_judges_the_blocks() -> None:
    """The cruft pass and the title rule read these blocks as they read parsed ones."""
    article = clean_fragment(
        "<p>Harbour plan approved</p><p>Advertisement</p>"
        "<p>The council met on Tuesday to discuss the plan.</p>",
        "http://example.com/a",
        "Harbour plan approved",
    )
    assert article.text == "The council met on Tuesday to discuss the plan."
