"""The one bound on a parsed page's size: what the cleaner reads of a page too big to read whole.

readability's scoring, its clean-up copies and trafilatura's second opinion grow with the
element count (a 7-9 MB page of 200k table rows took 26 s and 782 MB). Counting elements right
after the parse is one linear walk and cheap; a page over the bound is cut to its first
PAGE_ELEMENTS elements in document order, so the reader still gets the top of the page, where
the article is, marked as cut short (see clean_html).

The bound is well above every real page we have: the largest of the 2,010 pages in
../shared/data/*/html (AEB, WCXB, trafilatura-eval, readability-testpages) parses to 10,112
elements (99th percentile 3,217, median 744; measured with readability's own parse).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from lxml.html import HtmlElement

PAGE_ELEMENTS = 50_000


@dataclass(frozen=True, slots=True)
class Cut:
    """A page cut to a prefix: how many elements it had and how many were kept."""

    elements: int
    kept: int

    def reason(self) -> str:
        return (
            f"the page is too large to read whole ({self.elements:,} elements): "
            f"read its first {self.kept:,}"
        )


def cut_to_prefix(doc: HtmlElement, limit: int = PAGE_ELEMENTS) -> Cut | None:
    """Keep the first `limit` elements of `doc` in document order and drop the rest (the text
    after the last kept one too); None, and `doc` untouched, when it is within the bound."""
    last = next(islice(doc.iter(), limit - 1, None), None)
    if last is None:
        return None
    elements = limit + sum(1 for _ in islice(doc.iter(), limit, None))
    if elements == limit:
        return None
    # After `last` in document order: its children, then the later siblings of it and of
    # each of its ancestors. Slice deletion drops each run in one call.
    del last[:]
    elem: HtmlElement | None = last
    while elem is not None:
        parent = elem.getparent()
        if parent is not None:
            del parent[parent.index(elem) + 1 :]
        elem = parent
    return Cut(elements=elements, kept=limit)
