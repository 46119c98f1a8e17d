"""Decoding a page's bytes before any parser sees them: BOM, HTTP charset, <meta>, detector."""

from __future__ import annotations

import pytest

from tui_reader.clean import clean_html, clean_item
from tui_reader.clean.decode import decode_html

BODY = (
    "Les élèves de l'école Sainte-Thérèse ont présenté leur projet au maire, qui a promis "
    "d'étudier la création d'un jardin partagé derrière le gymnase dès la rentrée prochaine. "
    "« C'est une idée généreuse », a déclaré la directrice, émue par l'enthousiasme des enfants."
)
RUSSIAN = (
    "Городской совет одобрил строительство нового моста через реку после долгих обсуждений. "
    "Работы начнутся весной и займут около двух лет, сообщили в мэрии во вторник вечером."
)


def _page(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>Le jardin</title></head><body><article>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    )


def test_charset_inside_css_data_uri_is_not_a_declaration() -> None:
    # readability's own regex read "utf-8,%3csvg width=" here and raised "unknown encoding".
    css = (
        "<style>.i{background:url(\"data:image/svg+xml;charset=utf-8,%3csvg width='9'"
        '%3e%3c/svg%3e")}</style>'
    )
    raw = _page(BODY, css).encode("utf-8")
    assert decode_html(raw).text.count("élèves") == 2
    assert "élèves de l'école" in clean_html(raw, "https://news.example.com/a").text


def test_bogus_meta_charset_still_reads_the_page() -> None:
    raw = _page(BODY, '<meta charset="x-no-such-thing">').encode("utf-8")
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8" and "élèves" in decoded.text
    assert "généreuse" in clean_html(raw).text


def test_http_charset_outranks_meta() -> None:
    raw = _page(RUSSIAN, '<meta charset="iso-8859-1">').encode("cp1251")
    decoded = decode_html(raw, "text/html; charset=windows-1251")
    assert (decoded.encoding, decoded.source) == ("cp1251", "http")
    assert "Городской совет" in decoded.text


def test_meta_charset_of_a_legacy_page() -> None:
    raw = _page(BODY, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    decoded = decode_html(raw.encode("cp1252"))
    assert decoded.source == "meta" and decoded.encoding == "cp1252"  # WHATWG: latin-1 = 1252
    assert "« C'est une idée généreuse »" in decoded.text


def test_valid_utf8_wins_over_a_wrong_legacy_declaration() -> None:
    raw = _page(BODY, '<meta charset="iso-8859-1">').encode("utf-8")
    assert "élèves" in decode_html(raw).text
    assert "élèves" in decode_html(raw, "text/html; charset=ISO-8859-1").text


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_undeclared_legacy_page_goes_to_the_detector(codec: str) -> None:
    raw = _page(RUSSIAN * 3).encode(codec)
    decoded = decode_html(raw)
    assert decoded.source == "detected"
    assert "Городской совет одобрил строительство" in decoded.text


def test_byte_order_marks() -> None:
    page = _page(BODY, '<meta charset="iso-8859-1">')
    assert decode_html(b"\xef\xbb\xbf" + page.encode("utf-8")).text == page
    utf16 = decode_html("\ufeff".encode("utf-16-le") + page.encode("utf-16-le"))
    assert (utf16.source, utf16.text) == ("bom", page)


def test_meta_saying_utf16_is_read_as_utf8() -> None:
    # A <meta> readable as ASCII cannot be in UTF-16 (WHATWG): the bytes are ASCII-compatible.
    raw = _page(BODY, '<meta charset="utf-16">').encode("utf-8")
    assert "élèves" in decode_html(raw).text


def test_a_few_broken_bytes_in_a_utf8_page() -> None:
    raw = _page(BODY).encode("utf-8").replace(b"gymnase", b"gymn\xe4se")
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8"
    assert "élèves" in decoded.text and "gymn\ufffdse" in decoded.text


def test_an_undeclared_utf8_page_cut_inside_a_character() -> None:
    # A capped download ends anywhere; charset-normalizer called this page "mac-iceland".
    raw = "<html><body><p>Caf\u00e9 \u201cquoted\u201d text, and more words here \u00e9</p>"
    decoded = decode_html(raw.encode("utf-8")[:-5])
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("Caf\u00e9 \u201cquoted\u201d text, and more words here \ufffd")


def test_an_undeclared_utf8_page_with_one_broken_byte_and_few_accents() -> None:
    raw = "<p>Caf\u00e9 \u201cna\u00efve\u201d, one broken byte: ".encode() + b"\xe9</p>"
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8"
    assert "Caf\u00e9 \u201cna\u00efve\u201d" in decoded.text


def test_garbage_bytes_never_raise() -> None:
    raw = bytes(range(256)) * 40
    assert isinstance(decode_html(raw).text, str)
    assert isinstance(decode_html(raw, "text/html; charset=nonsense").text, str)


def test_clean_item_passes_the_content_type() -> None:
    raw = _page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    article, source = clean_item(
        title="Мост",
        content_html="",
        summary_html="",
        page_html=raw,
        url="https://news.example.com/most",
        content_type="text/html; charset=windows-1251",
    )
    assert source == "page" and "Городской совет одобрил" in article.text
