"""Adapter for shared/tools/extraction_eval.py: `--extractor tui_reader.clean.eval:extract`."""

from __future__ import annotations

from . import clean_html


def extract(html: str, url: str | None = None) -> str:
    """The article's plain text, as the benchmark scores it."""
    return clean_html(html, url).text
