"""Strip an HTML tree of everything that could run, load or hide: the cleaner's safety net.

The cleaner never emits HTML, but its blocks are built from this tree, and any caller that
wants the article's HTML (a future HTML view, a debug dump) gets it from here.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from ..sanitize import is_web_url
from .text import wordset

DANGEROUS_TAGS = wordset(
    "script style noscript template object embed applet svg math iframe frame frameset link "
    "meta base form input button select textarea dialog portal"
)
_MATH_TOKENS = ("mi", "mn", "mo", "mtext", "ms")
_MATH_ANNOTATIONS = ("annotation", "annotation-xml")
URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "data", "background")


def sanitize_tree(root: HtmlElement) -> HtmlElement:
    """Remove dangerous elements, event handlers, styles and non-http(s) URLs, in place.
    A MathML formula becomes a plain <span> of its symbols (the text a reader reads)."""
    for el in list(root.iter("math")):
        if el is not root:
            _formula_as_text(el)
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and el.tag in DANGEROUS_TAGS]
    for el in doomed:
        if el is not root:
            el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in list(el.attrib):
            low = name.lower()
            if (
                low.startswith("on")
                or low in ("style", "srcdoc")
                or low in URL_ATTRS
                and not is_web_url(el.attrib[name].strip())
            ):
                del el.attrib[name]
    return root


def _formula_as_text(math: HtmlElement) -> None:
    """<math> -> <span>x = 2</span>: its token elements' text, spaced; not its annotations
    (the TeX source) or any markup."""
    tokens = [
        " ".join(el.text.split())
        for el in math.iter(*_MATH_TOKENS)
        if el.text
        and el.text.strip()
        and not any(a.tag in _MATH_ANNOTATIONS for a in el.iterancestors())
    ]
    tail = math.tail
    math.clear()
    math.tag = "span"
    math.text = " ".join(tokens)
    math.tail = tail


def sanitize_html(html: str) -> str:
    """An HTML fragment -> the same fragment, sanitised (see sanitize_tree)."""
    import lxml.html
    from lxml.etree import ParserError, tostring

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except ParserError:
        return ""
    sanitize_tree(root)
    return tostring(root, encoding="unicode", method="html")
