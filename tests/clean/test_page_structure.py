"""Issue 12, second round: what an article is made of besides long paragraphs.

Section headings (one of them may repeat the title the page was named after), sections of
lists or formulas before the first long paragraph, ruby annotations, MathML, a body shipped
inside <noscript> for pages that render it with a script.
"""

from __future__ import annotations

from tui_reader.clean import clean_fragment, clean_html

from .test_container_choice import PARAGRAPHS, _page


def _text(body: str, title: str = "Harbour dredging") -> str:
    html = _page(body).replace(
        b"<title>Harbour dredging</title>", f"<title>{title}</title>".encode()
    )
    return clean_html(html, "https://news.example.com/harbour").text


def test_a_section_heading_that_repeats_the_title_is_kept() -> None:
    # The page is named after its first question; under the body's first paragraph, that
    # question is a section heading like the others.
    body = (
        f"<p>{PARAGRAPHS[0]}</p><h2>Why is the channel shallow?</h2><p>{PARAGRAPHS[1]}</p>"
        f"<h2>When will the channel be dredged?</h2><p>{PARAGRAPHS[2]}</p>"
    )
    text = _text(body, title="When will the channel be dredged? | The Harbour Gazette")
    assert "Why is the channel shallow?" in text
    assert "When will the channel be dredged?" in text


def test_the_title_repeated_above_the_body_goes() -> None:
    body = f"<h2>When will the channel be dredged?</h2><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    text = _text(body, title="When will the channel be dredged? | The Harbour Gazette")
    assert "When will the channel be dredged?" not in text
    assert PARAGRAPHS[0] in text


def test_headings_of_short_sections_before_the_first_long_paragraph_are_kept() -> None:
    steps = "".join(
        f"<h3>Step {n}: {what}</h3><p>{what} the hull.</p>"
        for n, what in enumerate(["Sand", "Clean", "Prime", "Paint"], 1)
    )
    body = f"<p>Kicker</p>{steps}<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    text = _text(body)
    for n, what in enumerate(["Sand", "Clean", "Prime", "Paint"], 1):
        assert f"Step {n}: {what}" in text and f"{what} the hull." in text


def test_a_dek_set_as_a_heading_is_kept_and_a_kicker_goes() -> None:
    dek = (
        "Charged with carrying the dredging plan, the harbour master won over the council "
        "in a single evening, and the work begins in the spring"
    )
    body = f"<h3>Harbour</h3><h2>{dek}</h2><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    text = _text(body)
    assert dek in text
    assert not text.startswith("Harbour\n")


def test_a_table_in_a_figure_is_body_text_and_its_caption_is_a_caption() -> None:
    rows = "".join(f"<tr><td>Buoy {n}</td><td>{n + 3} metres</td></tr>" for n in range(5))
    table = (
        f"<figure class='wp-block-table'><table><tbody>{rows}</tbody></table>"
        "<figcaption>Soundings taken in May</figcaption></figure>"
    )
    photo = "<figure><img src='/quay.jpg'><figcaption>The old quay at dawn</figcaption></figure>"
    body = f"<p>{PARAGRAPHS[0]}</p>{table}<p>{PARAGRAPHS[1]}</p>{photo}<p>{PARAGRAPHS[2]}</p>"
    text = _text(body)
    assert "Buoy 0 | 3 metres" in text and "Buoy 4 | 7 metres" in text
    assert "Soundings taken in May" not in text and "The old quay at dawn" not in text


def test_a_list_that_links_a_word_of_its_items_is_kept() -> None:
    # A quarter of the list's text is links (the shop's pages for each ingredient): over
    # readability's limit for lists, yet every item is mostly text.
    items = [
        "300 g <a href='/b'>butter</a>, soft",
        "200 g <a href='/s'>sugar</a>",
        "6 eggs",
        "350 g <a href='/f'>flour</a>",
        "2 tsp <a href='/p'>baking powder</a>",
        "3 tbsp lemon juice",
        "zest of two <a href='/l'>lemons</a>",
    ]
    ingredients = "<h3>Ingredients</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    body = f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{ingredients}<p>{PARAGRAPHS[2]}</p>"
    text = _text(body)
    assert "300 g butter, soft" in text and "zest of two lemons" in text and "6 eggs" in text


def test_a_list_of_text_keeps_its_linked_values_and_a_list_of_links_goes() -> None:
    facts = (
        "<ul><li>Built: 1887, widened in 1931</li><li>Depth: 4.5 metres at low tide</li>"
        "<li>Owner: <a href='/authority'>The Harbour Authority of the Old Town</a></li>"
        "<li>Length: two kilometres from the quay</li></ul>"
    )
    rail = (
        "<ul>"
        + "".join(
            f"<li><a href='/story/{n}'>Council votes on the new bridge tolls, part {n}</a></li>"
            for n in range(4)
        )
        + "</ul>"
    )
    body = f"<p>{PARAGRAPHS[0]}</p>{facts}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>{rail}"
    text = _text(body)
    assert "Owner: The Harbour Authority of the Old Town" in text
    assert "Depth: 4.5 metres at low tide" in text
    assert "new bridge tolls" not in text


JAPANESE = (
    "<ruby>港<rt>みなと</rt></ruby>の<ruby>水路<rt>すいろ</rt></ruby>を<a href='/d'><ruby>深"
    "<rt>ふか</rt></ruby>く</a>する<ruby>工事<rt>こうじ</rt></ruby>が<ruby>始<rt>はじ</rt></ruby>"
    "まります。<a href='/k'>KeePass</a>のような<ruby>道具<rt>どうぐ</rt></ruby>は"
    "<ruby>要<rt>い</rt></ruby>りません。"
)


def test_ruby_readings_are_left_out_and_cjk_text_is_not_spaced() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + f"<p>{JAPANESE}</p>"
    text = _text(body)
    # Mixed scripts are spaced at a link's edge; CJK text never is (it has no spaces).
    assert "港の水路を深くする工事が始まります。KeePass のような道具は要りません。" in text
    assert "みなと" not in text


def test_a_formula_is_read_as_its_symbols() -> None:
    formula = (
        "<math><mi>x</mi><mo>=</mo><mfrac><mrow><mo>-</mo><mi>b</mi></mrow><mn>2</mn></mfrac>"
        "<annotation encoding='application/x-tex'>x = \\frac{-b}{2}</annotation></math>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + f"<p>The depth is {formula}.</p>"
    text = _text(body)
    assert "The depth is x = - b 2." in text
    assert "frac" not in text


def test_a_body_shipped_in_noscript_for_a_script_to_render_is_read() -> None:
    # Blog themes put the post in a <script type="text/template"> and the same post in
    # <noscript>; an image fallback or a "turn on JavaScript" line in <noscript> still goes.
    post = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    body = (
        "<noscript><img src='/a.jpg'> Please turn on JavaScript to read this blog.</noscript>"
        f"<div class='post-body'><script type='text/template'>{post}</script>"
        f"<noscript>{post}<div class='unclosed'></noscript></div><p>Labels: harbour</p>"
    )
    text = _text(body)
    assert all(p in text for p in PARAGRAPHS[:4])
    assert text.count(PARAGRAPHS[0]) == 1
    assert "JavaScript" not in text


def test_a_lead_set_above_the_body_and_again_as_its_first_paragraph_is_read_once() -> None:
    # The page shows its first paragraph in bold in a lead block, then again at the top of
    # the body (an ad between them): a reader sees it once.
    body = (
        f"<div class='lead'><b>{PARAGRAPHS[0]}</b></div><div class='ad'></div>"
        f"<div class='text'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<p>{PARAGRAPHS[2]}</p></div>"
    )
    text = _text(body)
    assert text.count(PARAGRAPHS[0]) == 1
    assert PARAGRAPHS[1] in text and PARAGRAPHS[2] in text


def test_a_paragraph_the_page_itself_repeats_side_by_side_is_kept_twice() -> None:
    # The same paragraph twice in one element is the page's own text (a refrain, a test
    # page), not layout.
    body = f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[1]}</p>"
    assert _text(body).count(PARAGRAPHS[1]) == 2


def test_subheads_of_a_body_laid_out_one_component_per_block_are_kept() -> None:
    # A CMS wraps every part of the body in a component of its own: text blocks, and
    # blocks holding only a heading or a short bold line. Short wrappers are cruft to
    # readability's clean-up; these are the body's subheads.
    def text(*ps: str) -> str:
        return "<div class='text'><div>" + "".join(f"<p>{p}</p>" for p in ps) + "</div></div>"

    def heading(words: str) -> str:
        return f"<div class='headline'><div><h3>{words}</h3></div></div>"

    body = (
        text(PARAGRAPHS[0], PARAGRAPHS[1])
        + heading("What the divers found")
        + text(PARAGRAPHS[2], PARAGRAPHS[3])
        + "<div class='paragraph'><p><strong>1. Who pays</strong></p></div>"
        + text(PARAGRAPHS[4], PARAGRAPHS[5])
        + "<div class='print'><div><span>Print</span></div></div>"
    )
    text_out = _text(body)
    for p in PARAGRAPHS[:6]:
        assert p in text_out
    assert "What the divers found" in text_out
    assert "1. Who pays" in text_out
    assert "Print" not in text_out  # a word alone in a wrapper is a button or a label


def test_a_table_inside_a_layout_table_is_read_once() -> None:
    # An old layout: the body in a table cell, a data table among its paragraphs. Its rows
    # are read with the cell, not a second time as rows of the outer table.
    rows = [
        ("Dredger", "Kraken II, a trailing suction hopper built in the Rotterdam yards"),
        ("Depth after works", "seven metres below the lowest tide of the year"),
        ("Silt removed", "about three hundred thousand cubic metres in eight months"),
        ("Cost", "roughly four million euros, most of it from a regional fund"),
        ("Samples", "published every week by the harbour authority"),
    ]
    inner = "<table>" + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table>"
    body = f"<table><tr><td><p>{PARAGRAPHS[0]}</p>{inner}<p>{PARAGRAPHS[1]}</p></td></tr></table>"
    text = _text(body)
    for a, b in rows:
        assert text.count(f"{a} | {b}") == 1
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text


def test_table_rows_that_link_their_first_cell_keep_their_data() -> None:
    """A comparison table that links each product keeps its rows (the prices are the
    row's own); a table whose cells are all links is a link table and goes. (The cruft
    pass alone, as a feed's content gets it.)"""
    rows = "".join(
        f"<tr><td><a href='/seat/{n}'>Harbour Seat model {n} with base</a></td>"
        f"<td>{n}70 €</td><td>ja</td></tr>"
        for n in range(1, 4)
    )
    links = "".join(
        f"<tr><td><a href='/story/{n}'>Council votes on the new bridge tolls, part {n}</a></td>"
        f"<td><a href='/more/{n}'>More on the tolls debate</a></td></tr>"
        for n in range(4)
    )
    body = (
        f"<p>{PARAGRAPHS[0]}</p><table>{rows}</table><p>{PARAGRAPHS[1]}</p>"
        f"<p>{PARAGRAPHS[2]}</p><table>{links}</table>"
    )
    text = clean_fragment(body, "https://news.example.com/harbour").text
    assert "Harbour Seat model 2 with base | 270 € | ja" in text
    assert "new bridge tolls" not in text


def test_a_password_form_is_never_the_article() -> None:
    """A log-in and sign-up modal whose error messages make many sentences is not read as
    the story beside a short one."""
    messages = "".join(
        f"<p>Das Passwort muss mindestens {n} Zeichen lang sein und eine Zahl enthalten, "
        f"bitte versuche es mit einem anderen Passwort noch einmal, Fehler {n}.</p>"
        for n in range(8, 20)
    )
    form = f"<form class='login'>{messages}<input type='password' name='pw'></form>"
    text = _text(f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><div class='modal'>{form}</div>")
    assert PARAGRAPHS[0] in text
    assert "Passwort" not in text


def test_a_pager_link_under_the_last_paragraph_goes_and_a_sign_off_stays() -> None:
    # A link of a word or two after the body is a pager or a back link, even right under
    # the story's last sentence; the writer's name there in plain text is a sign-off.
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    text = _text(f"{body}<p><a href='/next'>Weiter »</a></p><p><a href='/'>zurück</a></p>")
    assert text.endswith(PARAGRAPHS[2])
    text = _text(f"{body}<p>Anna Berger</p>")
    assert text.endswith("Anna Berger")
