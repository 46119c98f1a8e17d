"""Where the .tcss files live: inside the package in a wheel, at the repo root in a checkout."""

from __future__ import annotations

from pathlib import Path, PurePath

STYLE_FILES = ("app.tcss", "dialogs.tcss")


def styles_dir() -> Path:
    """tui_reader/styles (wheel: force-included) first, else <repo>/styles (editable/checkout)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "styles", package.parent / "styles"):
        if (candidate / STYLE_FILES[0]).is_file():
            return candidate
    raise FileNotFoundError(f"tui-reader styles not found next to {package}")


def css_paths() -> list[str | PurePath]:
    folder = styles_dir()
    return [folder / name for name in STYLE_FILES]
