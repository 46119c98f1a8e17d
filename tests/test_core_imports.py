"""The core (everything outside tui_reader.app) never imports textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui_reader


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tui_reader.__path__, "tui_reader."):
        if not info.name.startswith("tui_reader.app"):
            names.append(info.name)
    return names


def test_core_modules_do_not_import_textual() -> None:
    modules = _core_modules()
    assert "tui_reader.refresh" in modules and "tui_reader.store.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "", f"core imported: {result.stdout}"


def test_help_is_fast_and_light() -> None:
    """--help must not pull in the heavy libraries (start-up stays quick)."""
    code = (
        "import sys\n"
        "from tui_reader.__main__ import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'feedparser', 'readability', 'lxml', 'aiohttp')"
        " if m in sys.modules]\n"
        "print(','.join(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stderr.strip() == ""


def test_the_app_does_not_import_the_cli() -> None:
    """The app asks the pipeline for refresh and subscribe; the CLI's Context is not its."""
    app_modules = [
        info.name
        for info in pkgutil.walk_packages(tui_reader.__path__, "tui_reader.")
        if info.name.startswith("tui_reader.app")
    ]
    assert "tui_reader.app.launch" in app_modules
    code = (
        "import importlib, sys\n"
        f"for name in {app_modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('tui_reader.cli'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "", f"the app imported: {result.stdout}"
