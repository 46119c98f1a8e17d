"""readability's choice checked against the page's evident article text; chosen again if poor.

readability scores elements by their paragraphs' commas and length and by class names; when
the body's paragraphs each sit in a wrapper of their own, or a class-name penalty lands on the
body's container, it picks a footer line, a caption or a cookie box and nothing notices.
Here the choice must keep at least half of the prose of the page's prose container
(evidence.py); when it does not, and it holds no more prose of its own elsewhere, the prose
container itself becomes the article, pruned of the navigation, forms and link lists inside it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .evidence import Evidence, is_non_content, page_evidence, size, visible_chars

KEEP_SHARE = 0.8  # of the prose container's prose words, the least a choice must keep
_MORE_THAN_CHOSEN = 1.0  # the container must hold more words than the chosen text

# Inside the chosen container, a block with no prose this link-heavy is a menu or a rail.
_RAIL_LINK_DENSITY = 0.5
_RAIL_MIN_LINKS = 4


def checked(article: HtmlElement, page: HtmlElement | None) -> HtmlElement:
    """readability's article, or the page's prose container when that keeps far more."""
    if page is None:
        return article
    evidence = page_evidence(page)
    container = evidence.container
    if container is None or not evidence.container_words:
        return article
    text = article.text_content()
    if evidence.container_words < _MORE_THAN_CHOSEN * size(text):
        return article  # the page shows no more article text than readability kept
    kept = evidence.covered(text, within=container)
    if kept >= KEEP_SHARE * evidence.container_words:
        return article
    if evidence.covered(text) >= evidence.container_words:
        return article  # readability's choice holds as much prose, elsewhere
    return _pruned(container, evidence)


def _pruned(container: HtmlElement, evidence: Evidence) -> HtmlElement:
    """The container without navigation, forms, comment threads and link rails that hold
    none of the page's prose."""
    holders: set[HtmlElement] = set()
    for p in evidence.paragraphs:
        holders.add(p.element)
        holders.update(p.element.iterancestors())
    doomed: list[HtmlElement] = []

    def walk(elem: HtmlElement) -> None:
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            if child not in holders and (is_non_content(child) or _is_rail(child)):
                doomed.append(child)
            else:
                walk(child)

    walk(container)
    for elem in doomed:
        elem.drop_tree()
    return container


def _is_rail(elem: HtmlElement) -> bool:
    links = list(elem.iter("a"))
    if len(links) < _RAIL_MIN_LINKS:
        return False
    total = visible_chars(elem.text_content())
    linked = sum(visible_chars(a.text_content()) for a in links)
    return total > 0 and linked >= _RAIL_LINK_DENSITY * total
