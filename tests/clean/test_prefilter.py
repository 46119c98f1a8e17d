"""The cruft pass's cue test (clean/prefilter.py) changes its speed, never its answer.

Differential: every block of every page of two corpora, and feed summaries, judged with the
cue tests and with every pattern run in full, must come out the same; and each guarded
pattern must find what the pattern finds, block by block.
"""

from __future__ import annotations

import gzip
import itertools
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import SHARED, needs_shared
from tui_reader.clean import cruft, prefilter, wording
from tui_reader.clean.blocks import RawBlock, html_blocks, text_blocks
from tui_reader.clean.prefilter import Cues, Folded, Guarded, cues, exact_strings, fold

CORPORA = [
    SHARED / "data" / "article-extraction-benchmark" / "html",
    SHARED / "data" / "wcxb-articles" / "html",
]
FEEDS = SHARED / "data" / "feedparser-cases"


# -- the cue sets themselves -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsign up (?:for|to) our\b", {"sign up for our", "sign up to our"}),
        (r"newsletters?\b", {"newsletter", "newsletters"}),
        (r"^\d+ (?:of|/) \d+$", {" of ", " / "}),
        (r"a|b\w+cd", {"a", "cd"}),  # the longer of the literals around \w+
        (r"[$€£]\s?\d", {"$", "€", "£"}),
        (r"\w+", None),
        (r"x?y*", None),
        (r"a|\d", None),  # one way through needs no literal
    ],
)
def test_cues_are_what_every_match_needs(pattern: str, expected: set[str] | None) -> None:
    found = cues(pattern, re.IGNORECASE)
    assert (None if found is None else set(found)) == expected


def test_exact_strings_only_for_plain_case_blind_patterns() -> None:
    assert exact_strings(r"subscri|favou?r|one-?time", re.I) == frozenset(
        {
            "subscri",
            "favor",
            "favour",
            "one-time",
            "onetime",
        }
    )
    assert exact_strings(r"subscri|reading", 0) is None  # case matters
    assert exact_strings(r"\bsubscri", re.I) is None  # an anchor
    assert exact_strings(r"sub(?-i:S)", re.I) is None  # a case-sensitive part
    assert exact_strings(r"sub\w", re.I) is None


def test_contains_agrees_with_search_for_an_exact_pattern() -> None:
    gate = Guarded(re.compile(r"support|favou?r|[$€£]", re.I))
    for text in ["SUPPORT us", "a Favor", "costs €5", "nothing here", "favr", ""]:
        assert gate.contains(text) == bool(gate.pattern.search(text))


def test_folding_agrees_with_the_regex_engine_on_every_cased_character() -> None:
    """A cue found in folded text <=> the engine's IGNORECASE match, character by
    character (the long s, the Kelvin sign, final sigma, dotted capital I...)."""
    cased = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)
    ]
    variants: dict[str, set[str]] = {}
    for char in cased:
        for other in (char.lower(), char.upper(), char.casefold(), char.title()):
            if len(other) == 1:
                variants.setdefault(char, set()).add(other)
                variants.setdefault(other, set()).add(char)
    for char, others in variants.items():
        folded = fold(char)
        assert re.fullmatch(re.escape(folded), char, re.I), char
        for other in others:
            same = re.fullmatch(re.escape(other), char, re.I) is not None
            assert same == (fold(other) == folded), (char, other)


def test_a_long_s_still_finds_its_pattern() -> None:
    guard = Guarded(re.compile(r"\bsign up (?:for|to) our\b", re.I))
    assert guard.search("Plea\u017fe \u017fign up for our list")  # matched as the engine does
    assert guard.search(Folded("\u0130NBOX: sign up to our list"))


# -- differential, on real pages and feeds --------------------------------------------------
def _page_blocks(path: Path) -> list[RawBlock]:
    import lxml.html

    from tui_reader.clean.decode import decode_html
    from tui_reader.clean.sanitize_html import sanitize_tree

    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = decode_html(data).text
    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return []
    # The whole page, not just its article: every block any judge() could be handed.
    return html_blocks(sanitize_tree(root))


def _summaries() -> Iterator[list[RawBlock]]:
    import feedparser

    for path in sorted(FEEDS.rglob("*")):
        if not path.is_file():
            continue
        parsed = feedparser.parse(path.read_bytes())
        for entry in parsed.entries:
            for html in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                if html.strip():
                    yield text_blocks(html)


def _judged(blocks: list[RawBlock]) -> tuple[object, ...]:
    mine = [replace(b, flags=set(b.flags)) for b in blocks]  # judge() marks the flags
    verdict = cruft.judge(mine, title_variants=("A headline for the page",))
    return (
        [(b.text, sorted(b.flags)) for b in mine],
        [b.text for b in verdict.kept],
        verdict.truncated,
    )


def _compare_cue_scan(texts: list[str]) -> None:
    """The one scan of a block for every set's strings (Folded, or a plain text) answers
    for each set as a plain substring test of its strings does."""
    registered = prefilter._ALL_CUES.registered
    assert len(registered) > 20  # the wording's and the cruft pass's, imported above
    for text in texts:
        folded, low = Folded(text), fold(text)
        found = prefilter._ALL_CUES.found(low)
        for bit, strings in registered:
            expected = any(string in low for string in strings)
            assert folded.holds(bit) == expected, (text[:80], sorted(strings)[:5])
            assert bool(found & bit) == expected


def test_one_scan_finds_each_sets_strings() -> None:
    strings = list(prefilter._ALL_CUES._bits)
    texts = [f"It said {s} here." for s in strings]  # each string, in a sentence
    texts += [a + b for a, b in itertools.pairwise(strings)]  # two at once, overlapping
    texts += ["", "plain words only", "\u0130NBOX: SIGN UP", "広告 © 2024 AP Photo/Jane Doe"]
    texts += [s[:-1] for s in strings if len(s) > 1]  # each string less its last character
    _compare_cue_scan(texts)


def _patterns() -> list[tuple[str, wording._Pattern]]:
    found = []
    for name in dir(wording):
        value = getattr(wording, name)
        if isinstance(value, wording._Pattern):
            found.append((name, value))
        elif isinstance(value, wording._Patterns):
            for part in ("_start", "_floating", "_all"):
                pattern = getattr(value, part)
                if pattern is not None:
                    found.append((f"{name}.{part}", pattern))
    return found


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _compare_patterns(texts: list[str]) -> None:
    """Each wording pattern, with its cue test and without, finds the same spans."""
    for name, pattern in _patterns():
        raw = pattern._rx
        for text in texts:
            folded = Folded(text)
            plain = pattern._text(text)
            full = raw.search(plain)
            assert (full and full.span()) == ((m := pattern.search(folded)) and m.span()), name
            assert pattern.contains(text) == (full is not None), name
            start = raw.match(plain)
            assert (start and start.span()) == ((m := pattern.match(folded)) and m.span()), name
            assert _spans(raw.finditer(plain)) == _spans(pattern.finditer(folded)), name
    # A set of alternatives finds all its matches behind its parts' cue tests.
    for name in dir(wording):
        value = getattr(wording, name)
        if isinstance(value, wording._Patterns):
            whole = value._all
            for text in texts:
                everything = _spans(whole._rx.finditer(whole._text(text)))
                assert everything == _spans(value.finditer(Folded(text))), name


def _compare_judge(lists: list[list[RawBlock]], monkeypatch: pytest.MonkeyPatch) -> int:
    guarded = [_judged(blocks) for blocks in lists]
    with monkeypatch.context() as patch:
        # Cues.possible is every cue test's, Guarded's and the wording's alike.
        patch.setattr(Cues, "possible", lambda self, text: True)
        full = [_judged(blocks) for blocks in lists]
    assert guarded == full
    return sum(len(blocks) for blocks in lists)


SHARDS = 8  # the pages in eighths: each test well inside the suite's time bound


@needs_shared(CORPORA[0])
@needs_shared(CORPORA[1])
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_block_is_judged_the_same(shard: int, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p for corpus in CORPORA for p in sorted(corpus.glob("*.html*"))]
    assert len(pages) > 800
    lists = [blocks for page in pages[shard::SHARDS] if (blocks := _page_blocks(page))]
    assert _compare_judge(lists, monkeypatch) > 10_000
    # Every pattern on a sample of the blocks (all of them take minutes).
    texts = [b.text for blocks in lists for b in blocks]
    _compare_patterns(texts[::25])
    _compare_cue_scan(texts[::10])


@needs_shared(FEEDS)
def test_every_feed_summary_is_judged_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    lists = list(_summaries())
    lists += [
        text_blocks(
            f"Story {n}. Sign up for our newsletter! The council met on Tuesday; "
            f"{word} residents asked for more time. Photo: AP / Reuters."
        )
        for n, word in enumerate(["ſome", "İstanbul", "ΣΟΦΊΑ", "Kelvin", "plain"])
    ]
    assert len(lists) > 100
    _compare_judge(lists, monkeypatch)
    _compare_patterns([b.text for blocks in lists for b in blocks])
    _compare_cue_scan([b.text for blocks in lists for b in blocks])


# -- links made absolute only in fragments that hold any ------------------------------------
def test_every_link_attribute_lxml_knows_has_a_hint() -> None:
    import lxml.html.defs

    from tui_reader.clean import _LINK_HINTS

    for attribute in lxml.html.defs.link_attrs:
        assert any(hint in attribute for hint in _LINK_HINTS), attribute


@needs_shared(FEEDS)
def test_fragments_clean_the_same_with_the_link_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    import tui_reader.clean as clean

    fragments = [
        '<p>See <a href="/a">this</a> and <img SRC="b.png"></p>',
        '<p style="background: url(c.png)">Styled</p><base href="http://other/">',
        "<p>No links at all, only words.</p>",
        '<object data="x.swf"><param name="movie" value="y" valuetype="ref"></object>',
    ]
    for path in sorted(FEEDS.rglob("*")):
        if path.is_file():
            for entry in feedparser.parse(path.read_bytes()).entries:
                fragments += [entry.get("summary", "")]
                fragments += [c.value for c in entry.get("content", [])]
    fragments = [f for f in fragments if f.strip()]
    assert len(fragments) > 100

    def cleaned() -> list[object]:
        return [clean.clean_fragment(f, "http://example.com/feed/item", "T") for f in fragments]

    hinted = cleaned()
    with monkeypatch.context() as patch:
        patch.setattr(clean, "_may_hold_links", lambda html: True)
        always = cleaned()
    assert hinted == always
    assert any(not clean._may_hold_links(f) for f in fragments)
