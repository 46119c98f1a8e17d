"""Issue 12: readability's choice checked against the page's own prose, and chosen again.

Each page has one article of six paragraphs; what varies is what readability's rules trip
over: class names on the body's wrapper, paragraphs in wrappers of their own, a clean-up
that would remove most of the body, paywalled paragraphs hidden in the markup.
"""

from __future__ import annotations

import pytest

from tui_reader.clean import clean_html
from tui_reader.clean.evidence import page_evidence

PARAGRAPHS = [
    "The harbour authority approved a plan on Monday to dredge the old shipping channel, "
    "which has silted up since the last works two decades ago and now keeps larger boats away.",
    "Fishermen have complained for years that the channel is too shallow at low tide, and "
    "several boats ran aground last winter while returning with their catch in heavy weather.",
    "The work will take about eight months and cost the port roughly four million euros, most "
    "of it paid by a regional fund for coastal infrastructure and the rest by harbour fees.",
    "Environmental groups asked the authority to monitor the seabed during the works, because "
    "the silt may hold old pollutants from the shipyard that closed in the nineteen nineties.",
    "The authority said it would publish water samples every week and stop dredging if the "
    "readings rose above the limits set by the national agency for marine protection.",
    "Local shops hope the deeper channel will bring back the cruise boats that stopped calling "
    "at the town when the quay became too hard to reach for anything but small vessels.",
]
CONSENT = (
    "By continuing your journey on our site, you consent to the placement of cookies, "
    "analytics, and ads, and you agree, as always, to our terms, our policy, and our rules."
)
NAV = "<nav>" + "".join(f'<a href="/s{i}">Section {i}</a>' for i in range(12)) + "</nav>"


def _page(body: str, *, wrapper: str = "story") -> bytes:
    return (
        "<html><head><title>Harbour dredging</title></head><body>"
        f'<header>{NAV}</header><div class="consent"><p>{CONSENT}</p></div>'
        f"<main><div class='{wrapper}'>{body}</div></main>"
        "<footer><p>Copyright 2025 The Harbour Gazette.</p></footer></body></html>"
    ).encode()


def _wrapped(paragraphs: list[str]) -> str:
    return "".join(
        f'<div class="block"><div class="inner"><p>{p}</p></div></div>' for p in paragraphs
    )


def _kept(html: bytes) -> list[bool]:
    text = clean_html(html, "https://news.example.com/harbour").text
    return [p in text for p in PARAGRAPHS]


@pytest.mark.parametrize("wrapper", ["sidebar-layout", "extra-wide", "promo-widget", "story"])
def test_a_class_name_never_costs_the_body(wrapper: str) -> None:
    # readability drops "sidebar"/"extra" elements before scoring and weighs "widget" down;
    # here the element so named holds the whole article.
    assert all(_kept(_page(_wrapped(PARAGRAPHS), wrapper=wrapper)))


def test_the_consent_box_is_not_the_article() -> None:
    text = clean_html(_page(_wrapped(PARAGRAPHS), wrapper="promo-widget")).text
    assert "placement of cookies" not in text


def test_link_heavy_paragraphs_survive_the_clean_up() -> None:
    # A third of every paragraph is links: readability's clean-up would remove each wrapper
    # for link density, which is most of the article, so it is not applied.
    linked: list[str] = []
    for p in PARAGRAPHS:
        words = p.split(" ")
        linked.append(
            f'<a href="/t/{len(linked)}">{" ".join(words[:10])}</a> ' + " ".join(words[10:])
        )
    body = "".join(f"<div><p>{p}</p></div>" for p in linked)
    assert all(_kept(_page(body)))


def test_paywalled_paragraphs_hidden_in_the_markup_are_kept() -> None:
    # Metered paywalls ship the rest of the story in one hidden block; a single hidden
    # paragraph between headings is hidden on purpose and goes.
    visible = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    hidden = f'<div class="rest" style="display:none">{rest}</div>'
    aside = f"<h2>Aside</h2><p hidden>{CONSENT.replace('cookies', 'tides')}</p>"
    menu = '<div style="display: none"><a href="/a">Sports</a> <a href="/b">Weather</a></div>'
    modal = (
        "<div hidden><p>Subscribe now to keep reading every story on our site, with unlimited "
        "access on all your devices and no ads at all for the first month.</p>"
        "<button>Subscribe</button></div>"
    )
    html = _page(visible + menu + modal + hidden + aside)
    text = clean_html(html).text
    assert all(_kept(html))
    assert "Weather" not in text and "unlimited access" not in text
    assert "placement of tides" not in text


def test_noscript_is_read_as_a_browser_reads_it() -> None:
    # An unclosed <div> inside <noscript> made lxml put the rest of the page inside it.
    body = '<noscript><div class="nojs"></noscript>' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert all(_kept(_page(body)))


def test_evidence_leaves_out_teasers_legends_and_comments() -> None:
    import lxml.html

    teaser = (
        '<div class="card"><a href="/next">Council votes on the new bridge tolls</a><div><p>'
        "The council will vote next week on tolls for the new bridge, which opened in the "
        "spring after three years of works and a long dispute over its cost.</p></div></div>"
    )
    legends = "<ul>" + "".join(f"<li><p>{p}</p></li>" for p in PARAGRAPHS[:3]) + "</ul>"
    comments = f'<div id="comments"><p>{PARAGRAPHS[3]}</p></div>'
    article = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    doc = lxml.html.document_fromstring(
        f"<html><body>{teaser}{legends}{article}{comments}</body></html>"
    )
    evidence = page_evidence(doc)
    assert evidence.container is not None and evidence.container.tag == "article"
    assert len(evidence.paragraphs) == len(PARAGRAPHS)
    assert evidence.container_words == evidence.words


def test_a_list_item_holding_the_whole_article_is_a_container() -> None:
    import lxml.html

    widget = "<ul><li class='widget'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</li></ul>"
    doc = lxml.html.document_fromstring(f"<html><body><div>{widget}</div></body></html>")
    assert len(page_evidence(doc).paragraphs) == len(PARAGRAPHS)


def test_a_body_in_sections_with_tables_between_is_found_whole() -> None:
    import lxml.html

    # Two of the sections carry a table of soundings (plain text, no links): it is part of the
    # body and must not make the first section alone look like the article.
    rows = "".join(f"<tr><td>Buoy {n}</td><td>{n / 4:.2f} metres</td></tr>" for n in range(40))
    sections = (
        "<div class='sect'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4]) + "</div>"
        f"<div class='sect'><p>{PARAGRAPHS[4]}</p><table>{rows}</table></div>"
        f"<div class='sect'><p>{PARAGRAPHS[5]}</p><table>{rows}</table></div>"
    )
    doc = lxml.html.document_fromstring(
        f"<html><body><header>{NAV}</header><div id='content'>{sections}</div>"
        "<footer><p>Copyright 2025 The Harbour Gazette.</p></footer></body></html>"
    )
    evidence = page_evidence(doc)
    assert evidence.container is not None and evidence.container.get("id") == "content"
    assert evidence.container_words == evidence.words


def test_a_body_of_components_each_in_a_header_of_its_own_is_the_article() -> None:
    import lxml.html

    # Component sites put each part's text in the component's <header>: no one of them holds
    # most of the prose, all of them together do; a sidebar's widgets are still a sidebar.
    parts = "".join(
        f"<article class='part'><header class='part-text'><p>{p}</p></header></article>"
        for p in PARAGRAPHS
    )
    doc = lxml.html.document_fromstring(
        f"<html><body><header>{NAV}</header><section class='parts'>{parts}</section></body></html>"
    )
    evidence = page_evidence(doc)
    assert evidence.container is not None and evidence.container.get("class") == "parts"
    assert len(evidence.paragraphs) == len(PARAGRAPHS)
    widgets = "".join(f"<aside class='widget'><p>{p}</p></aside>" for p in PARAGRAPHS[:4])
    doc = lxml.html.document_fromstring(
        f"<html><body><div id='side'>{widgets}</div><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[4:])
        + "</article></body></html>"
    )
    side = page_evidence(doc)
    assert side.container is not None and side.container.tag == "article"
