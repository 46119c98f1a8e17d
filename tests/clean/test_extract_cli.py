"""`tui-reader extract`: formats, order, errors per source, URLs over loopback, --offline."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer, Reply
from tui_reader.__main__ import main
from tui_reader.cli import extract as extract_cli
from tui_reader.cli.context import Context
from tui_reader.locations import Locations

PAGE = b"""<html><head><title>Bridge reopens after repairs</title></head><body>
<div class="article-body">
<p>The old bridge reopened to traffic on Friday after eighteen months of repairs that cost
$12 million, the city said, and buses will return to their old routes on Monday.</p>
<p>Engineers replaced the steel cables and the road surface, and added a wider path for
cyclists, which campaigners had asked for since the bridge was first closed.</p>
<p>Advertisement</p>
<p>Sen. Jo Park, who pushed for the funding, called it a good day for Springfield.</p>
</div></body></html>"""


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    return path


def test_text_format(home: Locations, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["extract", str(page)], capsys)
    assert code == 0, err
    assert out.startswith("Bridge reopens after repairs\n\nThe old bridge reopened")
    assert "Advertisement" not in out


def test_markdown_format(home: Locations, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["extract", "--format", "markdown", str(page)], capsys)
    assert code == 0
    assert out.startswith("# Bridge reopens after repairs\n\n")


def test_json_format_has_every_field(
    home: Locations, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["extract", "-f", "json", str(page)], capsys)
    assert code == 0
    record = json.loads(out)
    assert set(record) == {
        "title",
        "byline",
        "published",
        "site",
        "text",
        "markdown",
        "truncated",
        "entities",
    }
    assert record["title"] == "Bridge reopens after repairs"
    assert record["truncated"] is False


def test_json_entities(home: Locations, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import tui_reader.entities as entities
    except ImportError:  # pragma: no cover - the entities module lands separately
        pytest.skip("tui_reader.entities is not there yet")
    if not hasattr(entities, "extract_entities"):
        pytest.skip("tui_reader.entities.extract_entities is not there yet")
    _, out, _ = _run(["extract", "-f", "json", str(page)], capsys)
    found = json.loads(out)["entities"]
    assert isinstance(found, list)
    for entity in found:
        assert set(entity) == {"type", "name", "aliases", "count"}
    # The page text goes to the entity extractor: the senator it names is found.
    assert {"type": "PERSON", "name": "Jo Park", "aliases": [], "count": 1} in found


def test_jsonl_keeps_order_and_reports_failures(
    home: Locations, tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("A note\n\nThe note says the meeting moved to Thursday, at the library.\n")
    missing = tmp_path / "missing.html"
    code, out, err = _run(
        ["extract", "-f", "jsonl", str(text), str(missing), str(page), str(text)], capsys
    )
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in lines] == [str(text), str(page), str(text)]
    assert lines[0]["title"] == "A note"
    assert lines[0]["text"] == "The note says the meeting moved to Thursday, at the library."
    assert err.count("\n") == 1 and "missing.html: no such file" in err


def test_directory_and_unsupported_scheme(
    home: Locations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["extract", str(tmp_path), "ftp://example.com/x"], capsys)
    assert code == 1 and out == ""
    assert "is a directory" in err and "only http(s) URLs" in err


def test_usage_error_exit_2(home: Locations, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["extract", "--format", "pdf", "x.html"], capsys)
    assert code == 2 and err.count("\n") == 1


def test_url_is_fetched(
    home: Locations, server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.add("/story", Reply(200, PAGE, {"Content-Type": "text/html; charset=utf-8"}))
    plain = server.add(
        "/plain",
        Reply(200, b"Plain title\n\nPlain body, with words.\n", {"Content-Type": "text/plain"}),
    )
    gone = server.add("/gone", Reply(404, b"no"))
    code, out, err = _run(["extract", "-f", "jsonl", url, gone, plain], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == [url, plain]
    assert records[0]["title"] == "Bridge reopens after repairs"
    assert records[1]["text"] == "Plain body, with words."
    assert "/gone" in err and err.count("\n") == 1


def test_offline_refuses_urls(
    home: Locations, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["--offline", "extract", "https://example.com/a", str(page)], capsys)
    assert code == 1
    assert "--offline" in err
    assert "The old bridge reopened" in out


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_output_is_sanitised(home: Locations, tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(
        "Title \x1b]0;pwned\x07here\n\nBody with \x1b[31mred\x1b[0m and \u202eevil text, done.\n"
    )
    for fmt in ("text", "json"):
        out = _Tty()
        ctx = Context(locations=home, out=out, err=io.StringIO())
        args = argparse.Namespace(sources=[str(path)], format=fmt)
        assert extract_cli.cmd_extract(args, ctx) == 0
        shown = out.getvalue()
        assert "\x1b" not in shown and "\u202e" not in shown and "pwned" not in shown


def test_url_is_decoded_with_the_response_charset(
    home: Locations, server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # The header's charset outranks the page's own (wrong) <meta>.
    body = (
        "<html><head><meta charset='utf-8'><title>Мост</title></head><body><article><p>"
        + "Городской совет одобрил строительство нового моста через реку. " * 4
        + "</p></article></body></html>"
    ).encode("cp1251")
    url = server.add("/most", Reply(200, body, {"Content-Type": "text/html; charset=windows-1251"}))
    code, out, err = _run(["extract", url], capsys)
    assert code == 0, err
    assert "Городской совет одобрил строительство" in out
