"""Hostile article HTML: nothing that runs, loads or links outside http(s) survives."""

from __future__ import annotations

from tui_reader.clean import clean_html
from tui_reader.clean.markdown import render
from tui_reader.clean.sanitize_html import sanitize_html

BODY = (
    "<p>The committee published its report on Monday, finding that the contract had been "
    "awarded without a tender, and recommended that the minister answer questions in public.</p>"
)
HOSTILE = f"""<html><head><title>Report</title><script>alert(1)</script>
<style>p {{ color: red }}</style></head><body><div class="article">
{BODY}
<p onclick="steal()">Officials said the findings would be sent to prosecutors, who have six
weeks to decide whether to open a criminal case, according to <a href="javascript:alert(2)">the
statement</a> and <a href="data:text/html,<b>x</b>">a summary</a> and
<a href="file:///etc/passwd">a file</a> and <a href="https://example.org/report">the report</a>.</p>
<object data="evil.swf">flash fallback text</object><embed src="evil.swf">
<svg><script>alert(3)</script><text>svg text</text></svg>
<iframe src="https://evil.example/"></iframe>
<p>The minister has denied wrongdoing and said she would cooperate with any investigation,
adding that the tender rules had been followed at every stage of the process.</p>
</div></body></html>"""


def test_scripts_handlers_and_embeds_are_gone() -> None:
    article = clean_html(HOSTILE, "https://news.example.com/a")
    for bad in ("alert", "steal", "color: red", "flash fallback", "svg text", "evil"):
        assert bad not in article.text
        assert bad not in render(article)
    assert "contract had been awarded without a tender" in article.text


def test_only_web_links_are_kept() -> None:
    article = clean_html(HOSTILE, "https://news.example.com/a")
    assert article.links == ("https://example.org/report",)
    assert "[the report][1]" in render(article)
    assert "[1]: <https://example.org/report>" in render(article)
    for scheme in ("javascript:", "data:", "file:"):
        assert scheme not in render(article)
    # The link text of inert links stays as plain text.
    assert "the statement" in article.text


def test_sanitize_html_fragment() -> None:
    out = sanitize_html(
        '<div onmouseover="x()"><a href="javascript:go()">a</a><img src="data:x" onerror="y()">'
        '<script>z()</script><iframe src="https://e/"></iframe><a href="https://ok/">b</a></div>'
    )
    assert "onmouseover" not in out and "onerror" not in out
    assert "javascript:" not in out and "data:" not in out
    assert "<script" not in out and "<iframe" not in out
    assert 'href="https://ok/"' in out


def test_markup_and_escapes_in_text_stay_literal() -> None:
    html = (
        "<div><p>Users typed [bold]hello[/bold] and *stars* and _underscores_ and "
        "<code>[link=x]</code> into the search box, the report said, and nothing happened.</p>"
        "<p>The second paragraph keeps the story going for long enough to be the article, "
        "with a few more words, and commas, and a full stop.</p></div>"
    )
    article = clean_html(html)
    assert "[bold]hello[/bold]" in article.text
    assert r"\[bold\]hello\[/bold\]" in render(article)
    assert r"\*stars\*" in render(article)
