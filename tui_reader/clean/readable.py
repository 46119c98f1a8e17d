"""readability-lxml with the knobs that measurably help, and a faster parse.

Only imported when a page is cleaned (readability and lxml are heavy imports).

What differs from plain `Document(html).summary(html_partial=True)` and why
(figures from shared/docs/EXTRACTION-NOTES.md, dev split):
- negative class/id keywords for captions, galleries, related rails, sign-ups, share bars and
  bylines: scoring and readability's own sanitize then leave those containers out (+0.7 pt F1);
- embedded tweets are no longer "unlikely candidates": the story quotes them (+0.3 pt recall);
- no "editorial leads" (deks pushed on top of the body): readers see them as repeated text;
- the lxml Cleaner runs with `javascript=False`: rewriting javascript: links is a third of
  readability's time and changes nothing we keep (we never emit HTML; only http(s) links survive
  our own pass, see sanitize_html.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement
from lxml_html_clean import Cleaner  # lxml >= 5.2 ships it apart (lxml[html_clean])
from readability import Document
from readability.htmls import build_doc
from readability.readability import REGEXES

from .meta import PageMeta, read_meta

# readability logs a traceback for pages it cannot read; we raise ExtractError instead.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False

NEGATIVE_KEYWORDS = (
    "caption,credit,gallery,slideshow,carousel,related,recommend,newsletter,subscribe,signup,"
    "share,social,promo,byline,dateline,timestamp,author,tooltip,rollover,popover,hidden,"
    "sr-only,visually-hidden"
)
POSITIVE_KEYWORDS = "article-body,articlebody,story-body,post-body,entry-content"

# readability's list minus tweet|twitter (embedded tweets are part of the story).
_UNLIKELY = re.compile(
    r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|"
    r"sponsor|ad-break|agegate|pagination|pager|popup",
    re.I,
)
_MAYBE = REGEXES["okMaybeItsACandidateRe"]
_EMBED = re.compile(r"tweet|twitter|instagram|mastodon|bluesky|threads|tiktok|embed", re.I)
_DISPLAY_NONE = REGEXES["displayNoneRe"]

# Same settings as readability.cleaners.html_cleaner except javascript=False (see above).
_CLEANER = Cleaner(
    scripts=True,
    javascript=False,
    comments=True,
    style=True,
    links=True,
    meta=False,
    add_nofollow=False,
    page_structure=False,
    processing_instructions=True,
    embedded=False,
    frames=False,
    forms=False,
    annoying_tags=False,
    remove_unknown_tags=False,
    safe_attrs_only=False,
)


@dataclass(frozen=True, slots=True)
class Readable:
    """readability's choice of article (a <div> element) and the page's metadata."""

    article: HtmlElement
    meta: PageMeta
    # The page as parsed (hidden cruft and scripts removed), untouched by readability's
    # pruning: what the cleaner checks readability's choice against, and chooses from again.
    page: HtmlElement | None = None


class _TunedDocument(Document):  # type: ignore[misc]
    def __init__(self, html: str, url: str | None) -> None:
        super().__init__(
            html,
            positive_keywords=POSITIVE_KEYWORDS,
            negative_keywords=NEGATIVE_KEYWORDS,
            url=None,  # links are made absolute on the article only, see find_article()
        )
        self.meta: PageMeta | None = None
        self.page: HtmlElement | None = None
        self.page_url = url

    def _parse(self, input: Any) -> HtmlElement:
        doc: HtmlElement
        doc, self.encoding = build_doc(input)
        if self.meta is None:
            # Read title/byline/date from the untouched first parse (scripts still there
            # for JSON-LD); a second pass, if readability retries, parses again.
            self.meta = read_meta(doc, self.page_url)
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if _DISPLAY_NONE.search(elem.get("style")):
                elem.drop_tree()
        cleaned: HtmlElement = _CLEANER.clean_html(doc)  # a copy: `doc` stays ours
        if self.page is None:
            for elem in list(doc.iter("script", "style", "noscript", "template")):
                elem.drop_tree()
            self.page = doc
        cleaned.resolve_base_href(handle_failures=self.handle_failures)
        return cleaned

    def remove_unlikely_candidates(self) -> None:
        # Same rule as readability's, minus tweet|twitter and the eager debug strings.
        for elem in self.html.findall(".//*"):
            cls = elem.get("class")
            ident = elem.get("id")
            if not cls and not ident:
                continue
            s = f"{cls or ''} {ident or ''}"
            if (
                _UNLIKELY.search(s)
                and not _MAYBE.search(s)
                and elem.tag not in ("html", "body")
                and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                and not elem.xpath(
                    "descendant-or-self::main | descendant-or-self::article | "
                    "descendant-or-self::math"
                )
            ):
                elem.drop_tree()

    def get_link_density(self, elem: HtmlElement) -> float:
        # readability's own measures each length through three regex substitutions (a third
        # of its time on link-heavy pages); whitespace collapsed by split() gives the same.
        links = sum(_text_length(a) for a in elem.iterdescendants("a"))
        return links / max(_text_length(elem), 1)

    def get_editorial_leads(self, best_elem: HtmlElement) -> list[HtmlElement]:
        return []

    def get_preserved_elements(self, node: HtmlElement) -> dict[HtmlElement, bool]:
        # An embedded post (tweet, toot, Instagram) is quoted by the story: its wrapper must
        # survive readability's link-density and class-weight clean-up.
        allowed: dict[HtmlElement, bool] = super().get_preserved_elements(node)
        for quote in node.xpath(".//blockquote[@class]"):
            if not _EMBED.search(quote.get("class", "")):
                continue
            size = len(quote.text_content())
            parent = quote.getparent()
            while parent is not None and parent is not node:
                if len(parent.text_content()) > size * 1.2 + 50:
                    break  # the story's own container, not a wrapper
                allowed[parent] = True
                parent = parent.getparent()
        return allowed


def _text_length(elem: HtmlElement) -> int:
    return len(" ".join(elem.text_content().split()))


def find_article(html: str, url: str | None = None) -> Readable:
    """Run tuned readability over a decoded page; the article is readability's html_partial
    <div>. (Bytes are decoded before, by decode.py: readability's own charset regex would
    read a charset inside CSS.)"""
    doc = _TunedDocument(html, url)
    doc.summary(html_partial=True)
    article = doc.html  # sanitize() leaves the cleaned article element here
    if url:
        # Only the article's links, not the whole page's: readability would resolve every
        # link of the page (a tenth of its time) and the scoring never looks at an href.
        article.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")
    return Readable(article=article, meta=doc.meta or PageMeta(), page=doc.page)
