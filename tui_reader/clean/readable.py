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
  our own pass, see sanitize_html.py); link density is measured without regex passes.

And, for pages it was not tuned on (issue 12):
- a name never outweighs the text: no negative class weight and no "unlikely candidate"
  removal for an element holding 40% of the page's prose (comment threads excepted);
- its clean-up (sanitize) is not applied when it would remove half the chosen article's prose,
  and lists and tables of text survive it;
- hidden prose beside visible body paragraphs (metered paywalls) is kept, hidden menus,
  modals and teaser rails still go; <noscript> is read as a browser with scripts reads it;
- its choice is checked against the page's own prose (evidence.py, container.py) and made
  again when it keeps too little of it.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner  # lxml >= 5.2 ships it apart (lxml[html_clean])
from readability import Document
from readability.htmls import build_doc
from readability.readability import REGEXES

from .bounds import Cut, cut_to_prefix
from .container import mark, recheck, unmark
from .evidence import Evidence, page_evidence
from .meta import PageMeta, read_meta
from .text import wordset

# readability logs a traceback for pages it cannot read; we raise ExtractError instead.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False

NEGATIVE_KEYWORDS = (
    "caption,credit,gallery,slideshow,carousel,related,recommend,newsletter,subscribe,signup,"
    "share,social,promo,byline,dateline,timestamp,author,tooltip,rollover,popover,"
    "sr-only,visually-hidden"
)
POSITIVE_KEYWORDS = "article-body,articlebody,story-body,post-body,entry-content"
# Substrings, as readability matches them ("jp-relatedposts"); what keeps "subscriber-premium"
# or "overflow-hidden" from costing a body is the bulk rule below, not the pattern.
_NEGATIVE = re.compile(NEGATIVE_KEYWORDS.replace(",", "|"))
_POSITIVE = re.compile(POSITIVE_KEYWORDS.replace(",", "|"))
# A name never outweighs the text: an element holding this share of the page's prose keeps
# its place whatever its class says ("widget", "gallery", "footer" on a page-wide wrapper).
_BULK_SHARE = 0.4
_WEIGHTS = (
    (REGEXES["negativeRe"], -25),
    (REGEXES["positiveRe"], 25),
    (_NEGATIVE, -25),
    (_POSITIVE, 25),
)
_COMMENTS = re.compile(r"comment|disqus", re.I)  # a big comment thread is still comments

# readability's list minus tweet|twitter (embedded tweets are part of the story).
_UNLIKELY = re.compile(
    r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|"
    r"sponsor|ad-break|agegate|pagination|pager|popup"
)  # searched in lower case, like _MAYBE
_MAYBE = re.compile(REGEXES["okMaybeItsACandidateRe"].pattern.lower())
_NAMED = etree.XPath("descendant-or-self::*[@class or @id]")
_LOGIN_FORMS = etree.XPath("//form[.//input[@type='password']]")
_EMBED = re.compile(r"tweet|twitter|instagram|mastodon|bluesky|threads|tiktok|embed", re.I)
_DISPLAY_NONE = REGEXES["displayNoneRe"]
_HIDDEN_PROSE_WORDS = 20
_PLAIN_ITEMS = 0.6  # of a list's items, mostly not link text, for a list of text
_TEXT_BLOCK_WORDS = 15
_SUBHEADS = ("h2", "h3", "h4", "h5", "h6")
_NOT_PROSE = ("a", "label", "input", "select", "textarea", "button")  # links and controls
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)</noscript\s*>", re.I | re.S)
_NOT_HIDDEN_BODY = wordset(
    "form input button select iframe nav dialog h1 h2 h3 h4 h5 h6 ul ol figure img"
)

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
    # The page as first parsed, hidden menus and modals gone: what a second opinion reads.
    page: HtmlElement | None = None
    cut: Cut | None = None  # the page was over the size bound and was read in part (bounds.py)


class _TunedDocument(Document):  # type: ignore[misc]
    html: HtmlElement  # readability's working tree (the chosen article after summary())

    def __init__(self, html: str, url: str | None) -> None:
        super().__init__(
            html,
            positive_keywords=_POSITIVE,
            negative_keywords=_NEGATIVE,
            url=None,  # links are made absolute on the article only, see find_article()
        )
        self._lengths: dict[HtmlElement, int] = {}
        self._page_length = 0
        self.meta: PageMeta | None = None
        self.evidence: Evidence | None = None
        self.page: HtmlElement | None = None
        self.cut: Cut | None = None
        self.page_url = url

    def _parse(self, input: Any) -> HtmlElement:
        doc: HtmlElement
        doc, self.encoding = build_doc(input)
        # Before anything else walks the tree: a page too big to read whole is read in part.
        self.cut = cut_to_prefix(doc) or self.cut
        if self.meta is None:
            # Read title/byline/date from the untouched first parse (scripts still there
            # for JSON-LD); a second pass, if readability retries, parses again.
            self.meta = read_meta(doc, self.page_url)
        hidden = [
            elem
            for elem in doc.xpath("//*[@hidden or @style]")
            if elem.get("hidden") is not None or _DISPLAY_NONE.search(elem.get("style") or "")
        ]
        page_length = _shown_length(doc) if hidden else 0
        for elem in hidden:
            # A page hidden until its scripts run (a wrapper holding most of the text) and a
            # metered paywall's rest of the story are shown; the rest of what is hidden goes.
            if _text_length(elem) >= _BULK_SHARE * page_length or _hidden_body_text(elem):
                elem.attrib.pop("hidden", None)
                elem.attrib.pop("style", None)
            else:
                elem.drop_tree()  # menus, modals, templates shown only after a click
        for form in _LOGIN_FORMS(doc):
            # A form asking for a password (log-in, sign-up) is never the article, however
            # many sentences its error messages make.
            form.drop_tree()
        # The page's own evidence of its article, marked on the tree so that readability's
        # copy carries it to the candidates (see container.py).
        self.evidence = page_evidence(doc)
        mark(self.evidence)
        cleaned: HtmlElement = _CLEANER.clean_html(doc)  # readability works on this copy
        if self.page is None:
            self.page = doc
        body = cleaned.find("body")
        self._lengths = _prose_lengths(body if body is not None else cleaned)
        self._page_length = max(self._lengths.values(), default=0)
        cleaned.resolve_base_href(handle_failures=self.handle_failures)
        return cleaned

    def remove_unlikely_candidates(self) -> None:
        # Same rule as readability's, minus tweet|twitter and the eager debug strings; only
        # elements with a class or id are looked at, their names matched in lower case.
        for elem in _NAMED(self.html):
            s = f"{elem.get('class') or ''} {elem.get('id') or ''}".lower()
            if (
                _UNLIKELY.search(s)
                and not _MAYBE.search(s)
                and elem.tag not in ("html", "body")
                and (_COMMENTS.search(s) or not self._bulk(elem))
                and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                and not elem.xpath(
                    "descendant-or-self::main | descendant-or-self::article | "
                    "descendant-or-self::math"
                )
            ):
                elem.drop_tree()

    def class_weight(self, e: HtmlElement) -> int:
        # readability's weights, with our keywords as whole name parts, and no negative
        # weight for an element that holds the bulk of the page's text.
        weight = 0
        for feature in (e.get("class"), e.get("id")):
            if feature:
                for pattern, value in _WEIGHTS:
                    if pattern.search(feature):
                        weight += value
        if weight < 0 and self._bulk(e):
            return 0
        return weight

    def sanitize(self, node: HtmlElement, candidates: Any, keep_all_images: bool = False) -> str:
        # readability's clean-up, unless it would remove half or more of the chosen article's
        # prose (link density and class names misjudge bodies laid out in many small blocks):
        # then only what can never be body goes.
        before = _prose_length(node)
        spare = copy.deepcopy(node)
        html: str = super().sanitize(node, candidates, keep_all_images)
        if _prose_length(self.html) >= 0.5 * before:
            return html
        for elem in list(spare.iter("form", "textarea", "iframe")):
            elem.drop_tree()
        self.html = spare
        cleaned: str = self.get_clean_html()
        return cleaned

    def _bulk(self, elem: HtmlElement) -> bool:
        return self._lengths.get(elem, 0) >= _BULK_SHARE * self._page_length > 0

    def get_semantic_main_candidate(self, candidates: Any, best: Any) -> Any:
        # readability's last word on its choice, then ours: the page's prose container when
        # the choice keeps too little of it.
        best = super().get_semantic_main_candidate(candidates, best)
        if self.evidence is None:
            return best
        box = recheck(self.html, best["elem"], self.evidence, self._siblings(candidates, best))
        if box is not None:
            chosen = dict(candidates.get(box) or self.score_node(box))
            chosen["content_score"] = max(chosen["content_score"], best["content_score"])
            candidates[box] = chosen
            best = chosen
        return best

    def _siblings(self, candidates: Any, best: Any) -> list[HtmlElement]:
        """The siblings get_article() will add to the choice (its rule, in short)."""
        elem = best["elem"]
        parent = elem.getparent()
        if parent is None:
            return []
        threshold = max(10, best["content_score"] * 0.2)
        out = []
        for sib in parent:
            if sib is elem or not isinstance(sib.tag, str):
                continue
            cand = candidates.get(sib)
            scored = cand is not None and cand["content_score"] >= threshold
            if scored or (
                sib.tag == "p" and len(sib.text or "") > 80 and self.get_link_density(sib) < 0.25
            ):
                out.append(sib)
        return out

    def get_link_density(self, elem: HtmlElement) -> float:
        # readability's own measures each length through three regex substitutions (a third
        # of its time on link-heavy pages); whitespace collapsed by split() gives the same.
        links = sum(_text_length(a) for a in elem.iterdescendants("a"))
        return links / max(_text_length(elem), 1)

    def get_editorial_leads(self, best_elem: HtmlElement) -> list[HtmlElement]:
        return []

    def get_preserved_elements(self, node: HtmlElement) -> dict[HtmlElement, bool]:
        # Kept through readability's link-density and class-weight clean-up, with the
        # wrappers that hold nothing else: an embedded post (tweet, toot, Instagram) the story
        # quotes, and lists and tables of text (steps, specs, rankings) in the article.
        allowed: dict[HtmlElement, bool] = super().get_preserved_elements(node)
        kept = [q for q in node.iter("blockquote") if _EMBED.search(q.get("class", ""))]
        kept += [e for e in node.iter("ul", "ol", "dl", "table") if _is_text_block(e)]
        # A wrapper holding one heading or one paragraph and nothing else is read as that
        # heading or paragraph (readability keeps those bare, and drops short wrappers):
        # bodies laid out one block per component lose their subheads otherwise.
        for wrapper in node.iter("div", "section"):
            if (
                wrapper not in allowed
                and self.class_weight(wrapper) >= 0
                and _holds_one_block(wrapper)
            ):
                allowed[wrapper] = True
        for elem in kept:
            allowed[elem] = True
            size = len(elem.text_content())
            parent = elem.getparent()
            while parent is not None and parent is not node:
                if len(parent.text_content()) > size * 1.2 + 50:
                    break  # the story's own container, not a wrapper
                allowed[parent] = True
                parent = parent.getparent()
        return allowed


def _holds_one_block(wrapper: HtmlElement) -> bool:
    """Whether a chain of wrappers holds one subhead or paragraph and nothing else (no text
    of its own, no other element, no links or form controls)."""
    node = wrapper
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or (node.text or "").strip() or (children[0].tail or "").strip():
            return False
        node = children[0]
        if node.tag in _SUBHEADS or node.tag == "p":
            break
        if node.tag not in ("div", "section"):
            return False
    # (A word alone in its own wrapper is a button or a label.)
    return len(node.text_content().split()) >= 2 and next(node.iter(*_NOT_PROSE), None) is None


def _is_text_block(elem: HtmlElement) -> bool:
    """A list or table that carries text, not links: 15 words or more, under 20% linked, or
    a list most of whose items are mostly not link text (ingredients or a checklist that link
    a word of some items; in menus, tag clouds and teaser rails the items are links).
    (A list of paragraphs is a gallery's legends or a teaser rail more often: not this.)"""
    if elem.tag != "table" and elem.find(".//p") is not None:
        return False
    text = " ".join(elem.text_content().split())
    if text.count(" ") < _TEXT_BLOCK_WORDS:
        return False
    links = sum(len(" ".join(a.text_content().split())) for a in elem.iter("a"))
    if links < 0.2 * len(text):
        return True
    items = [li for li in elem if li.tag == "li"] if elem.tag in ("ul", "ol") else []
    plain = sum(1 for li in items if _link_share(li) < 0.5)
    return len(items) >= 3 and plain >= _PLAIN_ITEMS * len(items)


def _link_share(elem: HtmlElement) -> float:
    text = _text_length(elem)
    return sum(_text_length(a) for a in elem.iter("a")) / text if text else 1.0


def _hidden_body_text(elem: HtmlElement) -> bool:
    """Hidden prose in the article's flow (metered paywalls ship the rest of the story in
    display:none paragraphs), not a hidden menu, modal, form or rail of teasers."""
    parent = elem.getparent()
    if parent is None or elem.tag not in ("div", "section", "span"):
        return False  # a single hidden <p> is a hidden paragraph; the rest of a story is a block
    if next(elem.iter(*_NOT_HIDDEN_BODY), None) is not None:
        return False
    text = " ".join(elem.text_content().split())
    words = len(text.split())
    if words < _HIDDEN_PROSE_WORDS:
        return False
    long = [p for p in elem.iter("p") if len(p.text_content().split()) >= _HIDDEN_PROSE_WORDS]
    if len(long) < 2:
        return False
    if sum(len(p.text_content().split()) for p in long) < 0.8 * words:
        return False  # not paragraphs of prose
    for link in elem.iter("a"):
        if len(link.text_content().split()) >= 3 and not any(
            a in long for a in link.iterancestors()
        ):
            return False  # a headline link: a teaser card
    links = sum(len(" ".join(a.text_content().split())) for a in elem.iter("a"))
    if links > 0.2 * len(text):
        return False
    # Beside visible paragraphs of the same body.
    return any(
        sib is not elem and sib.tag == "p" and len(sib.text_content().split()) >= 15
        for sib in parent
    )


def _prose_lengths(root: HtmlElement) -> dict[HtmlElement, int]:
    """Per element, the characters of prose paragraphs (see _prose_length) inside it."""
    lengths: dict[HtmlElement, int] = {}
    for p in root.iter("p"):
        text = " ".join(p.text_content().split())
        if text.count(" ") < 19:
            continue
        ancestors = list(p.iterancestors())
        if any(a.tag in ("li", "figure", "figcaption") for a in ancestors):
            continue
        for a in ancestors:
            lengths[a] = lengths.get(a, 0) + len(text)
    return lengths


def _prose_length(node: HtmlElement) -> int:
    """Characters in the paragraphs of 20 words or more (not list items or captions)."""
    total = 0
    for p in node.iter("p"):
        text = " ".join(p.text_content().split())
        if text.count(" ") >= 19 and not any(
            a.tag in ("li", "figure", "figcaption") for a in p.iterancestors()
        ):
            total += len(text)
    return total


def _without_noscript(html: str) -> str:
    """A browser with scripts on reads <noscript> as raw text up to "</noscript>"; lxml parses
    its content as markup, so one unclosed <div> inside it swallows the rest of the page.
    What a script would have shown instead (a blog post rendered from a template) is the
    noscript's own article: when it holds paragraphs of prose, its content is kept, balanced."""
    if "<noscript" not in html and "<NOSCRIPT" not in html:
        return html
    return _NOSCRIPT.sub(_noscript_prose, html)


def _noscript_prose(found: re.Match[str]) -> str:
    inner = found.group(1)
    if "<p" not in inner and "<P" not in inner:
        return ""
    import lxml.html
    from lxml.etree import ParserError, tostring

    try:
        root = lxml.html.fragment_fromstring(inner, create_parent="div")
    except (ParserError, ValueError):
        return ""
    long = [p for p in root.iter("p") if len(p.text_content().split()) >= _HIDDEN_PROSE_WORDS]
    if len(long) < 2:
        return ""  # an image fallback, a "please enable JavaScript" line
    return tostring(root, encoding="unicode", method="html")


def _shown_length(doc: HtmlElement) -> int:
    """The page's text without what scripts and styles hold (often most of a modern page)."""
    code = sum(_text_length(e) for e in doc.iter("script", "style", "template", "noscript"))
    return _text_length(doc) - code


def _text_length(elem: HtmlElement) -> int:
    return len(" ".join(elem.text_content().split()))


def find_article(html: str, url: str | None = None) -> Readable:
    """Run tuned readability over a decoded page; the article is readability's html_partial
    <div>. (Bytes are decoded before, by decode.py: readability's own charset regex would
    read a charset inside CSS.)"""
    doc = _TunedDocument(_without_noscript(html), url)
    doc.summary(html_partial=True)
    article = doc.html  # sanitize() leaves the cleaned article element here
    unmark(article)
    if url:
        # Only the article's links, not the whole page's: readability would resolve every
        # link of the page (a tenth of its time) and the scoring never looks at an href.
        article.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")
    return Readable(article=article, meta=doc.meta or PageMeta(), page=doc.page, cut=doc.cut)
