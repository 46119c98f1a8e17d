"""Cleaner: readability finds the article, checked against the page's own prose; our block
pass removes the cruft. Bytes are decoded first (decode.py); a short result gets trafilatura's
second opinion (second.py).

    clean_html(page, url)   a fetched page -> Article
    clean_text(text)        plain text (a .txt, a text/plain page) -> Article
    clean_item(...)         a feed entry: the richer of its own content and its fetched page

An Article's blocks are the one form it keeps (article_blocks.py); Markdown is a view of
them (markdown.py), rendered only when asked for.

Raw HTML is stored, so when CLEANER_VERSION changes the cache is cleaned again.
Importing this package is cheap; readability and lxml load on the first clean.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Literal

from ..errors import ExtractError, one_line
from ..models import Article, Block

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .blocks import RawBlock
    from .cruft import Verdict
    from .meta import PageMeta

CLEANER_VERSION = 7  # 2: decoding, prose check (issue 12); 3: headings, tables, lists, ruby;
# 4: a block repeated side by side from another element read once, one-block subheads kept;
# 5: a button or link label left after the body's last paragraph dropped, component headers
# of one class read as body, date, photo-credit and comment-count lines in other languages and
# longer "follow us on" and "our channel" lines dropped, dates in table cells kept;
# 6: password forms never the article, table rows with data of their own and lines of numbers
# kept, related/paywall/newsletter/comment-prompt/affiliate wording in other languages,
# placeholders of embeds not loaded yet dropped
# 7: a pager link ("Weiter »", "zurück") after the body dropped, "Mehr zu" rails, German embed
# placeholders, "Video verfügbar bis" and "als PDF herunterladen" lines, ", photo:" credits,
# agency sign-offs ("aja/PAP"), "unless otherwise noted ... licence", "Weitere Infos unter
# www...", next-article and show/hide-toggle lines and Polish subscription prompts dropped

__all__ = ["CLEANER_VERSION", "clean_fragment", "clean_html", "clean_item", "clean_text"]

# Feed content at least this long, and not much shorter than the page, is the full article.
_FULL_FEED_WORDS = 150
# An article shorter than this gets trafilatura's second opinion (second.py), taken when it
# holds this many times the words.
_SECOND_OPINION_WORDS = 200
_SECOND_OPINION_GAIN = 2.0


def clean_html(
    html: str | bytes, url: str | None = None, content_type: str | None = None
) -> Article:
    """A whole page -> Article. Raises ExtractError when there is no document to read.

    Bytes are decoded first (see decode.py); `content_type` is the page's HTTP Content-Type
    header, whose charset outranks the page's own <meta>."""
    from lxml.etree import ParserError
    from readability.readability import Unparseable

    from .blocks import html_blocks
    from .decode import decode_html
    from .readable import find_article
    from .sanitize_html import sanitize_tree

    text = decode_html(html, content_type).text
    if not text.strip():
        raise ExtractError("the page is empty")
    try:
        found = find_article(text, url)
    except (Unparseable, ParserError, ValueError) as exc:
        raise ExtractError(f"cannot read the page as HTML ({one_line(exc)})") from exc
    article = _assemble(html_blocks(sanitize_tree(found.article)), found.meta)
    if found.cut is not None:
        # Read in part: say so, and mark it cut short like a paywalled story.
        article = replace(article, truncated=True, note=found.cut.reason())
    words = _word_count(article)
    if words < _SECOND_OPINION_WORDS:
        import copy

        from .second import second_opinion

        # trafilatura prunes the tree it is given: a copy of our parse, hidden cruft gone;
        # a page cut to size is given itself (nothing reads it after), not a second copy.
        page: str | HtmlElement = text
        if found.page is not None:
            page = found.page if found.cut is not None else copy.deepcopy(found.page)
        other_tree = second_opinion(page, url)
        if other_tree is not None:
            if url:
                other_tree.make_links_absolute(url, handle_failures="discard")
            other = _assemble(html_blocks(sanitize_tree(other_tree)), found.meta)
            if _word_count(other) >= _SECOND_OPINION_GAIN * max(words, 1):
                return replace(other, truncated=True, note=article.note) if article.note else other
    return article


def clean_fragment(html: str, url: str | None = None, title: str = "") -> Article:
    """HTML that is already the article (a feed's content:encoded): no container search,
    the same block and cruft pass. `title` is the entry's title (a repeat of it is dropped)."""
    steps = _fragment_steps()
    fragment_fromstring, document_fromstring, ParserError, html_blocks, PageMeta = steps[:5]
    sanitize_tree, plain_blocks = steps[5:]
    if not html.strip():
        return _assemble([], PageMeta(title=title, title_variants=(title,) if title else ()))
    plain = plain_blocks(html)
    if plain is not None:
        # Plain text or <p> paragraphs of it: the blocks the parse below would give, ~20 us
        # sooner an item (nothing to sanitise, no link to resolve).
        return _assemble(plain, PageMeta(title=title, title_variants=(title,) if title else ()))
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        # A whole document inside the feed entry: read its body.
        try:
            doc = document_fromstring(html)
        except (ParserError, ValueError):
            return _assemble([], PageMeta(title=title))
        body = doc.find("body")
        root = body if body is not None else doc
    if url and _may_hold_links(html):
        root.make_links_absolute(url, handle_failures="discard")
    sanitize_tree(root)
    meta = PageMeta(title=title, title_variants=(title,) if title else ())
    return _assemble(html_blocks(root), meta)


@cache
def _fragment_steps() -> tuple[
    Callable[..., HtmlElement],
    Callable[..., HtmlElement],
    type[Exception],
    Callable[[HtmlElement], list[RawBlock]],
    type[PageMeta],
    Callable[[HtmlElement], HtmlElement],
    Callable[[str], list[RawBlock] | None],
]:
    """What clean_fragment uses, imported on the first clean and kept: imported in the
    function (these and _assemble's two) they took ~10 us an item, a tenth of a feed
    summary's cleaning."""
    import lxml.html
    from lxml.etree import ParserError

    from .blocks import html_blocks, plain_blocks
    from .meta import PageMeta
    from .sanitize_html import sanitize_tree

    return (
        lxml.html.fragment_fromstring,
        lxml.html.document_fromstring,
        ParserError,
        html_blocks,
        PageMeta,
        sanitize_tree,
        plain_blocks,
    )


# Every way lxml's make_links_absolute finds a link starts with one of these in the source
# (its link attributes, CSS url() and @import, <base>, meta refresh, <object>/<param>).
_LINK_HINTS = (
    "action", "archive", "background", "cite", "classid", "codebase", "data", "dynsrc",
    "formaction", "href", "longdesc", "lowsrc", "profile", "src", "usemap",
    "url(", "@import", "<base", "<meta", "<param", "<object",
)  # fmt: skip


def _may_hold_links(html: str) -> bool:
    """False when the fragment holds nothing make_links_absolute would touch (most feed
    summaries: ~30 us saved an item)."""
    low = html.lower()
    return any(hint in low for hint in _LINK_HINTS)


def clean_text(text: str, title: str | None = None) -> Article:
    """Plain text -> Article: blank lines separate paragraphs; same cruft pass as pages."""
    from .blocks import text_blocks
    from .meta import PageMeta

    raw = text_blocks(text)
    if title is None:
        title = _title_from_text(raw)
    meta = PageMeta(title=title, title_variants=(title,) if title else ())
    return _assemble(raw, meta)


def clean_item(
    *,
    title: str,
    content_html: str,
    summary_html: str,
    page_html: bytes | None,
    url: str | None,
    content_type: str | None = None,
) -> tuple[Article, Literal["feed", "page"]]:
    """The richer of the feed's own content and the fetched page; the summary as a last resort.

    `content_type` is the page's HTTP Content-Type header (its charset decodes the page).

    Feed content that is long and not cut short is the article itself (it has no site
    chrome, so it is the safer text); otherwise the page wins when it holds more.
    """
    feed = clean_fragment(content_html, url, title) if content_html.strip() else None
    page: Article | None = None
    if page_html:
        try:
            page = clean_html(page_html, url, content_type)
        except ExtractError:
            page = None  # an unreadable page leaves the feed's own text
    if page is not None and title:
        page = _with_title(page, title)
    feed_words, page_words = _word_count(feed), _word_count(page)
    if (
        feed is not None
        and feed_words
        and not feed.truncated
        and (feed_words >= _FULL_FEED_WORDS and feed_words >= 0.6 * page_words)
    ):
        return _with_page_meta(feed, page), "feed"
    if page is not None and page_words > feed_words:
        return page, "page"
    if feed is not None and feed_words:
        return _with_page_meta(feed, page), "feed"
    summary = clean_fragment(summary_html, url, title)
    truncated = bool(summary.text) and (page is None or not page_words)
    return _with_truncated(summary, truncated or summary.truncated), "feed"


# --- assembly ----------------------------------------------------------------------------


def _assemble(raw: Sequence[RawBlock], meta: PageMeta) -> Article:
    judge, numbered_blocks = _assembly_steps()
    verdict = judge(
        raw,
        title_variants=meta.title_variants,
        description=meta.description,
        paywall_on_page=meta.paywall,
    )
    blocks, links = numbered_blocks(verdict.kept)
    byline = meta.byline or _byline_from_blocks(raw)
    return Article(
        title=meta.title,
        byline=byline,
        published=meta.published,
        site=meta.site,
        blocks=blocks,
        text=_plain_text(blocks),
        truncated=verdict.truncated,
        cleaner_version=CLEANER_VERSION,
        links=links,
    )


@cache
def _assembly_steps() -> tuple[
    Callable[..., Verdict],
    Callable[[Sequence[RawBlock]], tuple[tuple[Block, ...], tuple[str, ...]]],
]:
    from .article_blocks import numbered_blocks
    from .cruft import judge

    return judge, numbered_blocks


def _plain_text(blocks: Sequence[Block]) -> str:
    """Paragraphs separated by blank lines; a list's items one per line; no captions."""
    return "\n\n".join(b.text for b in blocks if b.kind != "caption")


def _title_from_text(raw: Sequence[RawBlock]) -> str:
    """The first short, headline-like line before the body (appeals and labels skipped)."""
    from .cruft import looks_like_cruft

    for i, b in enumerate(raw[:6]):
        words = b.text.split()
        if len(words) >= 25 or b.text.rstrip()[-1:] in ".:;,":
            return ""  # the body starts at once: no title line
        if looks_like_cruft(b):
            continue
        if 2 <= len(words) <= 20 and i + 1 < len(raw):
            return b.text  # (a text of one short line is all body)
    return ""


def _byline_from_blocks(raw: Sequence[RawBlock]) -> str | None:
    import re

    for b in raw:
        if "byline" in b.flags:
            return re.sub(r"^(?:by|written by|words by)\s+", "", b.text, flags=re.I).strip()
    return None


def _word_count(article: Article | None) -> int:
    return len(article.text.split()) if article is not None else 0


def _with_title(article: Article, title: str) -> Article:
    return replace(article, title=title)


def _with_page_meta(feed: Article, page: Article | None) -> Article:
    """Feed text keeps the page's byline, date and site name when the feed had none."""
    if page is None:
        return feed
    return replace(
        feed,
        byline=feed.byline or page.byline,
        published=feed.published or page.published,
        site=feed.site or page.site,
    )


def _with_truncated(article: Article, truncated: bool) -> Article:
    if article.truncated == truncated:
        return article  # no copy when nothing changes
    return replace(article, truncated=truncated)
