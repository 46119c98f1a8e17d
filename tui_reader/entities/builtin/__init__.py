"""The built-in extractor: capitalised spans read in their context, no model download.

The pipeline (`pipeline.builtin_mentions`) runs: tokens and headline lines (`tokens`),
candidate spans (`spans`), each span typed by its evidence (`reader`), then passes over
the document's mentions (`lists`, `contexts`, `filters`). Patterns several of them read
live in `patterns`.
"""

from __future__ import annotations

from .pipeline import builtin_mentions

__all__ = ["builtin_mentions"]
