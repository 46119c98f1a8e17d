"""The page's own evident article text, and the container that holds most of it.

readability picks one element by its score; nothing there notices when that element is a
cookie box, a caption or a teaser rail while the page's paragraphs sit elsewhere. This module
reads the page independently of that choice:

- prose paragraphs: <p> elements (and blocks holding their own text) of at least 20 words
  with few links, not in links, figures, teaser cards or list items of one text each (gallery
  legends), and outside navigation,
  headers, footers, asides, dialogs and comment threads (the roles, and the one class/id word
  "comment" that every CMS uses for them) unless those hold most of the page's prose;
- the prose container: the element whose subtree holds the most prose and the least other
  text (score = prose - a quarter of the other text in links - a tenth of the other text
  outside links), so a body split over sibling sections is found whole (with the headings,
  lists, tables and code between them) and a page-wide <body>, whose menus and rails are
  links, loses to the article inside it.

`Evidence.covered(text)` says how many prose words a chosen article kept, which is what the
cleaner checks its choice against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from .blocks import BLOCK_TAGS, SKIP_TAGS
from .text import normalize_space, wordset

PROSE_WORDS = 20  # a sentence or two: shorter blocks are labels, teasers, captions
_PROSE_MAX_LINK_DENSITY = 0.3
# How much non-prose text under a container counts against it: text in links (menus, rails,
# teasers) more than plain text (headings, short paragraphs, lists, tables of the body).
_LINKED_WEIGHT = 0.25
_PLAIN_WEIGHT = 0.1
_KEY_CHARS = 80
_MIN_CHARS = 2 * PROSE_WORDS  # a cheap first test: 20 words, or 40 CJK characters
_CARD_LEVELS = 3
_MARKUP = re.compile(r"\s*<[a-zA-Z]+\s+[a-zA-Z-]+=")
_NOT_BODY_HOLDERS = wordset("a figure figcaption")
# Text nodes long enough to be part of a prose run (a run of 20 words has one, in practice).
_LONG_TEXTS = etree.XPath("descendant::text()[string-length(normalize-space()) >= 12]")

# Not <form>: ASP.NET and old CMSs wrap the whole page in one.
_NON_CONTENT_TAGS = wordset("nav footer header aside menu dialog")
_NON_CONTENT_ROLES = wordset(
    "navigation banner contentinfo complementary search dialog alertdialog menu menubar"
)
# Reader comments: the word every CMS puts in their container's class or id, at the start or
# the end of a name ("comments", "comment-list", "post-comments"; not "x-comment-placeholder").
_COMMENTS = re.compile(r"(?:^|\s)(?:comment|disqus)|comments?(?:$|\s)", re.I)
# Words: runs of letters/digits; a CJK character (no spaces between words) is half a word.
_BLANKS = " \n\t\r\xa0\f\v"
_CJK = "\u2e80-\u9fff\uf900-\ufaff"  # Hangul is written with spaces: not here
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_WORD_RUN = re.compile(rf"[^\W{_CJK}]+")


@dataclass(frozen=True, slots=True)
class Prose:
    element: HtmlElement
    key: str  # the start of its normalised text, to find it again in another tree's text
    words: int
    chars: int


@dataclass(frozen=True, slots=True)
class Evidence:
    paragraphs: tuple[Prose, ...]
    words: int  # prose words on the page
    container: HtmlElement | None  # the prose container (see module doc)
    container_words: int  # prose words inside it

    def covered(self, text: str, *, within: HtmlElement | None = None) -> int:
        """Prose words (of the page, or of `within`) whose paragraph occurs in `text`."""
        flat = normalize_space(text)
        return sum(
            p.words
            for p in self.paragraphs
            if p.key in flat and (within is None or _inside(p.element, within))
        )


def size(text: str) -> int:
    """Words, with a CJK character counted as half a word."""
    words = len(_WORD_RUN.findall(text))
    cjk = len(_CJK_CHAR.findall(text))
    return words + cjk // 2


def visible_chars(text: str) -> int:
    """Characters that are not white space (tabs, line breaks, ordinary and no-break spaces:
    counted in C, not by splitting a page-long string into words)."""
    return len(text) - sum(text.count(c) for c in _BLANKS)


def page_evidence(doc: HtmlElement) -> Evidence:
    found = _without_minor_non_content(_without_single_items(list(_prose(doc))))
    paragraphs = _without_teasers(found)
    total = sum(p.words for p in paragraphs)
    container, inside = _container(doc, paragraphs, total)
    return Evidence(paragraphs, total, container, inside)


# A prose run, the non-content elements (nav, footer, comments...) around it, and the
# nearest list item holding it.
_Found = tuple[Prose, tuple[HtmlElement, ...], HtmlElement | None]


def _prose(doc: HtmlElement) -> Iterator[_Found]:
    body = doc.find("body")
    root = body if body is not None else doc
    # Only blocks that own a longer piece of text can hold a prose run: found by lxml's XPath
    # (in C) instead of visiting every element of the page, and each judged by its ancestors.
    blocks: dict[HtmlElement, None] = {}
    for text in _LONG_TEXTS(root):
        owner = text.getparent()
        if owner is None:
            continue
        if text.is_tail:
            owner = owner.getparent()
        while owner is not None and not (isinstance(owner.tag, str) and owner.tag in BLOCK_TAGS):
            owner = owner.getparent()
        if owner is not None:
            blocks[owner] = None
    non_content: dict[HtmlElement, bool] = {}  # ancestors are shared: judge each once
    for elem in blocks:
        found = []
        for text, inline in _runs(elem):
            if len(text) < _MIN_CHARS or _MARKUP.match(text):
                continue  # too short for prose, or markup shown as text (a <noscript>)
            words = size(text)
            if words < PROSE_WORDS:
                continue
            chars = visible_chars(text)
            if _linked_chars(inline) <= _PROSE_MAX_LINK_DENSITY * chars:
                found.append(Prose(elem, normalize_space(text)[:_KEY_CHARS], words, chars))
        if not found:
            continue
        context = _context(elem, root, non_content)
        if context is not None:
            around, item = context
            for prose in found:
                yield prose, around, item


def _context(
    elem: HtmlElement, root: HtmlElement, non_content: dict[HtmlElement, bool]
) -> tuple[tuple[HtmlElement, ...], HtmlElement | None] | None:
    """The non-content elements around a block and the nearest list item holding it; None
    when it is no body text (inside code, media or controls, a link, a figure, or outside
    the page's body)."""
    around: list[HtmlElement] = []
    item: HtmlElement | None = None
    node: HtmlElement | None = elem
    while node is not None:
        tag = node.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or tag in _NOT_BODY_HOLDERS:
            return None  # long text inside a link or a figure is a teaser or a caption
        if item is None and tag == "li":
            item = node
        judged = non_content.get(node)
        if judged is None:
            judged = non_content[node] = is_non_content(node)
        if judged:
            around.append(node)
        if node is root:
            return tuple(reversed(around)), item
        node = node.getparent()
    return None


def _without_single_items(found: list[_Found]) -> list[tuple[Prose, tuple[HtmlElement, ...]]]:
    """A list item holding one long text is a gallery legend or a teaser; one holding several
    paragraphs is a container like any other (sites lay whole pages out in <li> widgets)."""
    per_item: dict[HtmlElement, int] = {}
    for _, _, item in found:
        if item is not None:
            per_item[item] = per_item.get(item, 0) + 1
    return [(p, around) for p, around, item in found if item is None or per_item[item] >= 2]


def _without_minor_non_content(
    found: list[tuple[Prose, tuple[HtmlElement, ...]]],
) -> list[Prose]:
    """Drop the prose inside navigation, footers, asides and comment threads, unless such an
    element holds most of the page's prose: a tag or class name never outweighs the text
    (Tailwind sites put the article in a <header>; themes put "comment" in <body>'s class)."""
    total = sum(p.words for p, _ in found)
    held: dict[HtmlElement, int] = {}
    for p, around in found:
        for elem in around:
            held[elem] = held.get(elem, 0) + p.words
    # <header>s of one class count together: a body laid out as a run of components gives
    # each part a <header> of its own, none of which holds most. (Not asides: a sidebar's
    # widgets are many of one class too; not comments: many comments are still comments.)
    per_kind: dict[str, int] = {}
    for elem, words in held.items():
        kind = _kind(elem)
        per_kind[kind] = per_kind.get(kind, 0) + words
    minor = {elem for elem in held if per_kind[_kind(elem)] < 0.5 * total}
    return [p for p, around in found if not any(a in minor for a in around)]


def _kind(elem: HtmlElement) -> str:
    cls = elem.get("class") or ""
    if elem.tag != "header" or _COMMENTS.search(f"{cls} {elem.get('id') or ''}"):
        return str(id(elem))  # a kind of its own
    return "header." + cls


def _runs(elem: HtmlElement) -> Iterator[tuple[str, list[HtmlElement]]]:
    """The element's own text in runs between its block children (a block's loose text is a
    paragraph too, as readability reads it), each with its inline children."""
    parts: list[str] = [elem.text or ""]
    inline: list[HtmlElement] = []
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            pass
        elif tag in BLOCK_TAGS:
            if inline or any(parts):
                yield "".join(parts), inline
            parts, inline = [], []
        else:
            parts.append(child.text_content())
            inline.append(child)
        if child.tail:
            parts.append(child.tail)
    if inline or any(parts):
        yield "".join(parts), inline


def _linked_chars(inline: list[HtmlElement]) -> int:
    return sum(
        visible_chars(a.text_content())
        for child in inline
        for a in (child.iter("a") if child.tag != "a" else (child,))
    )


def _without_teasers(found: list[Prose]) -> tuple[Prose, ...]:
    """Leave out blurbs in cards: within a few levels up, a headline link of their own and no
    other prose beside them. (Article paragraphs sit next to each other, or alone in plain
    wrappers.)"""
    runs: dict[HtmlElement, int] = {}  # prose runs per element
    below: dict[HtmlElement, int] = {}  # prose runs under each ancestor
    for p in found:
        runs[p.element] = runs.get(p.element, 0) + 1
        for anc in p.element.iterancestors():
            below[anc] = below.get(anc, 0) + 1
    return tuple(p for p in found if not _is_teaser(p, runs, below))


def _is_teaser(prose: Prose, runs: dict[HtmlElement, int], below: dict[HtmlElement, int]) -> bool:
    own = runs[prose.element]
    if own > 1:
        return False  # more prose in the same block
    node = prose.element
    for _ in range(_CARD_LEVELS):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return False
        node = parent
        if below.get(node, 0) > own:
            return False
        for link in node.iter("a"):
            words = len(link.text_content().split())
            if words >= 3 and not any(a is prose.element for a in link.iterancestors()):
                return True
    return False


def is_non_content(elem: HtmlElement) -> bool:
    if elem.tag in _NON_CONTENT_TAGS:
        return True
    attrs = elem.attrib
    role = attrs.get("role")
    if role and role.strip().lower() in _NON_CONTENT_ROLES:
        return True
    cls, ident = attrs.get("class"), attrs.get("id")
    return bool((cls or ident) and _COMMENTS.search(f"{cls or ''} {ident or ''}"))


def _container(
    doc: HtmlElement, paragraphs: tuple[Prose, ...], total: int
) -> tuple[HtmlElement | None, int]:
    if not paragraphs:
        return None, 0
    # Characters, not words, for the other text: text_content() is cheap, tokenising it is not.
    words: dict[HtmlElement, int] = {}
    chars: dict[HtmlElement, int] = {}
    for p in paragraphs:
        for anc in p.element.iterancestors():
            words[anc] = words.get(anc, 0) + p.words
            chars[anc] = chars.get(anc, 0) + p.chars
    candidates = {e for e, count in words.items() if count >= 0.25 * total and e.tag != "html"}
    linked: dict[HtmlElement, int] = {}  # link text under each candidate, in one pass
    for link in doc.iter("a"):
        n = visible_chars(link.text_content())
        if n:
            for anc in link.iterancestors():
                if anc in candidates:
                    linked[anc] = linked.get(anc, 0) + n
    best, best_score = None, float("-inf")
    for elem in words:
        if elem not in candidates:
            continue
        prose = chars[elem]
        other = max(0, visible_chars(elem.text_content()) - prose)
        in_links = min(other, linked.get(elem, 0))  # (prose may hold a few links of its own)
        score = prose - _LINKED_WEIGHT * in_links - _PLAIN_WEIGHT * (other - in_links)
        if score > best_score:
            best, best_score = elem, score
    return best, words.get(best, 0) if best is not None else 0


def _inside(elem: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in elem.iterancestors())
