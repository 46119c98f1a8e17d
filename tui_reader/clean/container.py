"""readability's choice checked against the page's evident article text; chosen again if poor.

readability scores elements by their paragraphs' commas and length and by class names; when
the body's paragraphs each sit in a wrapper of their own, or a class-name penalty lands on the
body's container, it picks a footer line, a caption or a cookie box and nothing notices.

The page's prose paragraphs and prose container (evidence.py) are marked on the parsed page
before readability copies it, so the marks ride along to readability's candidates. Its
choice must hold most of the container's prose; when it does not (and holds no more prose
elsewhere, and the container outweighs it), the container becomes readability's candidate,
and readability's own assembly (siblings) and clean-up (sanitize) run on it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .evidence import Evidence, size

KEEP_SHARE = 0.8  # of the prose container's prose words, the least a choice must keep
_MORE_THAN_CHOSEN = 1.0  # the container must hold more words than the chosen text
_NEARLY_ALL = 0.9  # of the choice's prose in the container, to narrow the choice to it
_MUCH_MORE = 1.5  # times the container's words in the choice, to narrow it
_MIN_MISSING = 50  # words of prose: a line of end matter is no reason to choose again

PROSE_MARK = "data-tui-prose"  # prose words in the element's own runs
BOX_MARK = "data-tui-box"  # the prose container


def mark(evidence: Evidence) -> None:
    words: dict[HtmlElement, int] = {}
    for p in evidence.paragraphs:
        words[p.element] = words.get(p.element, 0) + p.words
    for elem, count in words.items():
        elem.set(PROSE_MARK, str(count))
    if evidence.container is not None:
        evidence.container.set(BOX_MARK, "")


def unmark(root: HtmlElement) -> None:
    for elem in root.iter():
        if isinstance(elem.tag, str):
            elem.attrib.pop(PROSE_MARK, None)
            elem.attrib.pop(BOX_MARK, None)


def recheck(
    tree: HtmlElement, chosen: HtmlElement, evidence: Evidence, siblings: list[HtmlElement]
) -> HtmlElement | None:
    """The prose container (in readability's tree) when it should replace `chosen`, which
    readability will assemble with `siblings`."""
    if not evidence.container_words:
        return None
    box = next(iter(tree.iterfind(f".//*[@{BOX_MARK}]")), None)
    if box is None or box is chosen:
        return None
    parts = [chosen, *siblings]
    if evidence.container_words < _MORE_THAN_CHOSEN * sum(size(e.text_content()) for e in parts):
        return None  # the page shows no more article text than readability kept
    if any(a is chosen for a in box.iterancestors()):
        # The choice holds the whole container: narrow it down when the container has nearly
        # all of its prose and the rest of it is mostly other text (menus, a consent box).
        narrower = _prose(box) >= _NEARLY_ALL * _prose(chosen) and size(
            chosen.text_content()
        ) >= _MUCH_MORE * size(box.text_content())
        return box if narrower else None
    kept = sum(_prose(e) for e in parts if any(a is box for a in e.iterancestors()))
    missing = evidence.container_words - kept
    if missing < _MIN_MISSING or kept >= KEEP_SHARE * evidence.container_words:
        return None
    if sum(_prose(e) for e in parts) >= evidence.container_words:
        return None  # readability's choice holds as much prose, elsewhere
    return box


def _prose(elem: HtmlElement) -> int:
    own = elem.get(PROSE_MARK)
    inner = sum(int(e.get(PROSE_MARK) or 0) for e in elem.iterfind(f".//*[@{PROSE_MARK}]"))
    return inner + (int(own) if own else 0)
