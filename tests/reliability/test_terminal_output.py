"""Round two, rows 9 and 14 for every command: whatever a feed, a page, an OPML file, a file
name or a path holds, nothing a command prints can drive the terminal, piped or not.

The commands are taken from the parser itself, so a new command without a case here fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Outcome
from tests.loopback import LoopbackServer, Reply
from tests.samples import LONG_PARAGRAPHS
from tui_reader.__main__ import build_parser
from tui_reader.locations import HOME_ENV
from tui_reader.sanitize import is_safe

# Set the window title, clear the screen, 8-bit CSI, bidi override and isolate, NEL, BEL,
# backspace, DEL, zero-width space.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066\x85\x07\x08\x7f\u200bEnd"
WORD = "Zanzibarian"  # findable in the search index


def _feed(server: LoopbackServer) -> str:
    items = "".join(
        f"<item><guid>g{n}</guid><title><![CDATA[{WORD} {EVIL} {n}]]></title>"
        f"<link>{server.url(f'/story{n}')}</link><author>{EVIL}</author>"
        f"<description><![CDATA[<p>{WORD} {EVIL} said Hulusi Akar.</p>]]></description></item>"
        for n in range(3)
    )
    # Raw control characters make it ill-formed, so feedparser's loose parser reads it and
    # keeps them: the worst case for everything downstream.
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{EVIL} Feed</title>'
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()
    for n in range(3):
        page = (
            f"<html><head><title>{EVIL}</title></head><body><article><h1>{WORD} {EVIL}</h1>"
            + "".join(f"<p>{p} {EVIL} Hulusi Akar said.</p>" for p in LONG_PARAGRAPHS)
            + "</article></body></html>"
        ).encode()
        server.add(f"/story{n}", Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    return server.add("/feed", Reply(200, body, {"Content-Type": "application/rss+xml"}))


@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TUI_READER_HOME itself has control characters in its name (doctor prints it)."""
    home = tmp_path / f"home{EVIL}"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.setenv("EDITOR", "true")  # `config edit` runs it on the file
    return home


def _cases(server: LoopbackServer, tmp_path: Path) -> dict[str, list[tuple[str, ...]]]:
    opml = tmp_path / f"subs{EVIL}.opml"
    opml.write_bytes(
        (
            '<?xml version="1.0"?><opml version="2.0"><body>'
            f'<outline text="{EVIL}"><outline text="{EVIL}" xmlUrl="exec:{EVIL}"/>'
            f'<outline title="{EVIL}" xmlUrl="{server.url("/other")}"/></outline>'
            f'<outline text="dup {EVIL}" xmlUrl="{server.url("/other")}#x"/>'
            "</body></opml>"
        ).encode("utf-8", "surrogateescape")
    )
    page = tmp_path / f"page{EVIL}.html"
    page.write_bytes(
        (
            f"<html><head><meta charset=utf-8><title>{EVIL} title</title></head><body><article>"
            + "".join(f"<p>{p} {EVIL}</p>" for p in LONG_PARAGRAPHS)
            + "</article></body></html>"
        ).encode()
    )
    text = tmp_path / f"note{EVIL}.txt"
    text.write_text(f"{EVIL} heading\n\n" + "\n\n".join(f"{p} {EVIL}" for p in LONG_PARAGRAPHS))
    missing = str(tmp_path / f"missing{EVIL}.html")
    extract = [
        ("extract", str(page), "--format", fmt) for fmt in ("text", "markdown", "json", "jsonl")
    ]
    return {
        "add": [("add", server.url("/feed")), ("add", f"{server.url('/feed')}{EVIL}")],
        "import": [("import", str(opml)), ("import", missing)],
        "refresh": [("refresh",), ("refresh", EVIL)],
        "feeds": [("feeds",)],
        "search": [("search", WORD), ("search", "--entity", "Hulusi Akar"), ("search", EVIL)],
        "entities": [("entities",), ("entities", "--feed", EVIL)],
        "export": [("export",)],
        "extract": [
            *extract,
            ("extract", str(text), "--format", "markdown"),
            ("extract", str(page), str(text), missing, "--format", "json"),
            ("extract", server.url("/story1"), "--format", "jsonl"),
        ],
        "doctor": [("doctor",)],
        "config": [("config",), ("config", "path"), ("config", "init"), ("config", "edit")],
        "completion": [("completion", "bash"), ("completion", "zsh")],
        "mark": [("mark", "read", "1"), ("mark", "star", EVIL), ("mark", "read", "999999")],
        "sync": [("sync",)],  # no [sync] section: one line saying so
        "remove": [("remove", EVIL), ("remove", "1")],
    }


def _check(argv: tuple[str, ...], result: Outcome) -> None:
    for name, stream in (("stdout", result.out), ("stderr", result.err)):
        assert is_safe(stream), f"{argv}: {name} holds {stream!r}"
        assert "\x1b" not in stream and "\u202e" not in stream, (argv, name)
    assert "internal error" not in result.err, (argv, result.err)


def test_no_command_prints_anything_that_drives_the_terminal(
    cli: CliRunner, server: LoopbackServer, tmp_path: Path, hostile_home: Path
) -> None:
    _feed(server)
    server.add(
        "/other", Reply(200, b"<rss version='2.0'><channel><title>o</title></channel></rss>")
    )
    cases = _cases(server, tmp_path)
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands is not None
    assert set(cases) == set(commands), "every command needs a hostile case here"
    ran = 0
    for command in commands:  # the order above: add and refresh fill the cache first
        _check((command, "--help"), _help(cli, command))
    removals = cases.pop("remove")
    for runs in cases.values():
        for argv in runs:
            _check(argv, cli(*argv))
            ran += 1
    assert ran >= 20
    # The hostile text did arrive (the gate let the words through), in every view.
    assert WORD in cli("search", WORD).out
    assert "End" in cli("feeds").out
    exported = cli("export").out
    assert "&#x202e;" in exported and "&#x9b;" in exported  # kept, as character references
    jsonl = cli("extract", str(next(tmp_path.glob("page*.html"))), "--format", "jsonl").out
    record = json.loads(jsonl)
    assert "\u202e" in record["title"] and "\u2066" in record["text"]  # whole for a program
    for argv in removals:
        _check(argv, cli(*argv))


def _help(cli: CliRunner, command: str) -> Outcome:
    try:
        return cli(command, "--help")
    except SystemExit:  # argparse exits after printing help
        return Outcome(0, "", "")
