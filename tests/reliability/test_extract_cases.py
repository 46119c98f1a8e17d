"""Round two: `extract` gives only HTML to the cleaner, and says when no article was found."""

from __future__ import annotations

import gzip
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.loopback import LoopbackServer, Reply
from tests.samples import LONG_PARAGRAPHS, article_page

PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"4 0 obj\n<< /Length 5000 /Filter /FlateDecode >>\nstream\n"
    + zlib.compress(b"BT /F1 12 Tf (Hello) Tj ET " * 2000)
    + b"\nendstream\nendobj\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
BINARY = bytes((n * 7919) % 256 for n in range(20_000))
APP_SHELL = (
    b'<!doctype html><html><head><meta charset="utf-8"><title>Dashboard</title>'
    b'<script src="/static/js/main.3f2a.js"></script></head>'
    b'<body><div id="root"></div><script>window.__STATE__={}</script></body></html>'
)
DEEP_DIVS = (
    b"<html><head><title>Deep</title></head><body>"
    + b"<div>" * 100_000
    + b"</div>" * 100_000
    + b"</body></html>"
)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
XHTML = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    b"<head><title>X</title></head><body><article><h1>X</h1>"
    + "".join(f"<p>{p}</p>" for p in LONG_PARAGRAPHS).encode()
    + b"</article></body></html>"
)


def _one_refusal(result_err: str, *words: str) -> None:
    (line,) = result_err.splitlines()
    assert line.startswith("tui-reader: ")
    for word in words:
        assert word in line, line


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("paper.pdf", PDF, "a PDF document"),
        ("paper.html", PDF, "a PDF document"),  # the name does not make it a page
        ("picture.png", PNG, "a PNG image"),
        ("archive.html.gz", gzip.compress(article_page("t", LONG_PARAGRAPHS)), "gzip data"),
        ("blob", BINARY, "binary data"),
        ("feed.xml", RSS, "an XML document <rss>"),
    ],
)
def test_a_file_that_is_not_a_page_is_one_line_and_exit_1(
    cli: CliRunner, tmp_path: Path, name: str, data: bytes, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for fmt in ("text", "markdown", "json"):
        start = time.monotonic()
        result = cli("extract", str(path), "--format", fmt)
        assert time.monotonic() - start < 2
        assert result.code == 1 and result.out == ""
        _one_refusal(result.err, name, what)


@pytest.mark.parametrize(
    ("content_type", "body", "what"),
    [
        ("application/pdf", PDF, "a PDF document"),
        ("application/octet-stream", PDF, "a PDF document"),
        ("text/html; charset=utf-8", PDF, "a PDF document"),  # mislabelled
        ("", PNG, "a PNG image"),
        ("image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "<svg>"),
        ("application/json", b'{"a": 1}', "application/json"),
        ("text/javascript", b"alert(1)", "text/javascript"),
    ],
)
def test_a_url_that_is_not_a_page_is_one_line_and_exit_1(
    cli: CliRunner, server: LoopbackServer, content_type: str, body: bytes, what: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    url = server.add("/doc", Reply(200, body, headers))
    result = cli("extract", url)
    assert result.code == 1 and result.out == ""
    _one_refusal(result.err, "not a web page", what)


@pytest.mark.parametrize("page", [APP_SHELL, DEEP_DIVS], ids=["app-shell", "100k-nested-divs"])
def test_a_page_without_an_article_says_so(cli: CliRunner, tmp_path: Path, page: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page)
    start = time.monotonic()
    result = cli("extract", str(path))
    assert time.monotonic() - start < 10  # 100,000 nested divs: well under a second here
    assert result.code == 1 and result.out == ""  # not the bare title, as if that were all
    _one_refusal(result.err, "no article found")


def test_pages_xhtml_and_text_still_extract_alongside_a_refusal(
    cli: CliRunner, tmp_path: Path
) -> None:
    page, xhtml, notes, pdf = (
        tmp_path / "story.html",
        tmp_path / "story.xhtml",
        tmp_path / "notes.md",
        tmp_path / "paper.pdf",
    )
    page.write_bytes(article_page("Bridge vote", LONG_PARAGRAPHS))
    xhtml.write_bytes(XHTML)
    notes.write_text("\n\n".join(LONG_PARAGRAPHS))  # plain text under any name
    pdf.write_bytes(PDF)
    result = cli("extract", str(page), str(pdf), str(xhtml), str(notes))
    assert result.code == 1
    assert result.out.count("river bridge") == 3
    assert "%PDF" not in result.out and "endobj" not in result.out
    _one_refusal(result.err, "paper.pdf", "a PDF document")


def test_an_endless_device_is_read_only_up_to_the_cap(cli: CliRunner, tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "page.html"
    link.symlink_to("/dev/zero")
    for argv in (("extract", "/dev/zero"), ("extract", str(link)), ("import", "/dev/zero")):
        start = time.monotonic()
        result = cli(*argv)
        assert time.monotonic() - start < 10  # before: read until memory ran out
        assert result.code in (1, 2) and result.out == ""
        (line,) = result.err.splitlines()
        assert "too large" in line or "binary data" in line, line


@pytest.mark.parametrize(
    ("content_type", "body", "allowed"),
    [
        ("text/html", b"<html><body><p>hi</p></body></html>", True),
        ("application/xhtml+xml", XHTML, True),
        ("text/plain", b"<!doctype html><html><p>mislabelled</p></html>", True),
        ("application/octet-stream", b"<html><p>x</p></html>", True),
        (None, b"just words", True),  # no type, no markup: the cleaner judges
        ("text/html", PDF, False),
        ("application/pdf", PDF, False),
        ("text/plain", b"just words", False),
        ("application/xml", RSS, False),
        ("image/png", PNG, False),
    ],
)
def test_the_one_page_rule_for_prefetched_pages(
    content_type: str | None, body: bytes, allowed: bool
) -> None:
    from tui_reader.fetch.pagetype import not_html_reason

    reason = not_html_reason(body, content_type)
    assert (reason is None) is allowed, reason
    if reason is not None:
        assert reason.startswith("not an HTML page: ") and "\n" not in reason


@pytest.mark.parametrize("charset", ["x-no-such-thing", "utf-16", "", "utf-8 and more"])
def test_a_readable_page_with_a_bogus_meta_charset_extracts(
    cli: CliRunner, tmp_path: Path, server: LoopbackServer, charset: str
) -> None:
    """A `<meta charset>` naming no codec (or one a page cannot be in) is ignored, from a
    file and from a URL, and the page's own bytes decide (UTF-8 here)."""
    words = "Les élèves de l'école saluent la généreuse décision du conseil municipal."
    paragraphs = [f"{words} {p}" for p in LONG_PARAGRAPHS]
    page = article_page("Décision", paragraphs).replace(
        b"<head>", f'<head><meta charset="{charset}">'.encode(), 1
    )
    path = tmp_path / "page.html"
    path.write_bytes(page)
    url = server.add("/page", Reply(200, page, {"Content-Type": "text/html"}))
    for source in (str(path), url):
        result = cli("extract", source)
        assert result.code == 0, result.err
        assert "élèves de l'école" in result.out and "généreuse" in result.out
        assert "\ufffd" not in result.out
