"""trafilatura as a second opinion, for pages where our article came out short.

readability and the prose check find most bodies; what they miss most is short pages whose
text is laid out as lists, cards or loose blocks (recipes, product pages, short notices).
trafilatura reads those differently (its own body patterns and a justext fallback). It runs
only when our article is short, and its result goes through our sanitising and cruft pass
like any other tree; the cleaner takes it only when it holds far more text (see __init__).
Measured on the dev halves of the four public sets: +0.008 snippet F on trafilatura's
corpus, +0.004 F1 on WCXB, no change on AEB and the Readability pages (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

# trafilatura's output tags -> the HTML our block builder reads.
_TAGS = {
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "hi": "span",
    "ref": "a",
    "lb": "br",
    "row": "tr",
    "cell": "td",
    "code": "pre",
    "head": "h2",
}
_DROP = frozenset(["graphic", "del", "note"])


def second_opinion(page: str | HtmlElement, url: str | None) -> HtmlElement | None:
    """trafilatura's main text (comments left out) as an HTML tree, or None. Given the parsed
    page (hidden elements already gone: trafilatura does not read styles), it works on it."""
    import lxml.html
    import trafilatura

    _lazy_stoplist()
    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            include_comments=False,
            include_links=True,
            include_tables=True,
            with_metadata=False,
        )
    except (ValueError, TypeError, LookupError, etree.LxmlError):
        return None  # trafilatura gives up on some malformed pages: keep our own article
    body = getattr(doc, "body", None)
    if body is None or not len(body):
        return None
    for elem in list(body.iter()):
        tag = elem.tag
        if not isinstance(tag, str):
            continue
        if tag in _DROP:
            _remove(elem)
            continue
        rend = elem.get("rend") or ""
        if tag == "head":
            elem.tag = rend if rend in ("h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag == "list":
            elem.tag = "ol" if rend == "ol" else "ul"
        elif tag == "ref":
            elem.tag = "a"
            elem.set("href", elem.get("target") or "")
        elif tag == "cell" and elem.get("role") == "head":
            elem.tag = "th"
        elif tag in _TAGS:
            elem.tag = _TAGS[tag]
    body.tag = "div"
    fragment = etree.tostring(body, encoding="unicode")
    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


class _AllStopwords:
    """Every justext stop-list, read anew each time it is iterated, as trafilatura reads
    them when no language is given. It keeps their union as a tuple of 154k words, and
    justext's classify_paragraphs keeps a lower-cased frozenset of whatever it is given
    (cached on it): two copies, ~25 MB in each worker. Given this, the frozenset (the same
    words) is the only copy, and its cache key hashes in O(1) rather than over 154k words
    on every call."""

    def __iter__(self) -> Iterator[str]:
        from justext.utils import get_stoplist, get_stoplists  # trafilatura's own source

        for language in sorted(get_stoplists()):
            yield from get_stoplist(language)


def _lazy_stoplist() -> None:
    from trafilatura import external

    # Left alone once set, or if a trafilatura release renamed it (it then builds its own).
    if getattr(external, "JT_STOPLIST", ()) is None:
        external.JT_STOPLIST = _AllStopwords()  # type: ignore[assignment]  # typed None


def _remove(elem: etree._Element) -> None:
    """Remove an element, keeping the text after it."""
    parent = elem.getparent()
    if parent is None:
        return
    if elem.tail:
        prev = elem.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + elem.tail
        else:
            parent.text = (parent.text or "") + elem.tail
    parent.remove(elem)
