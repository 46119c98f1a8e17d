"""Writing config.toml: the commented default, and one setting at a time (the app's theme).

tomlkit edits the document in place, so the user's comments, order and spacing survive a
setting written by the app. Every write is validated as a whole first (a file we write must
load) and replaces the file atomically, so a crash never leaves half a config behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .config import DEFAULT_CONFIG_TEXT, Config, load_config, parse_config
from .errors import ConfigError


def write_default(path: Path, *, force: bool = False) -> bool:
    """Write the commented default config; False (and nothing written) when one exists."""
    if path.exists() and not force:
        return False
    _replace(path, DEFAULT_CONFIG_TEXT)
    return True


def set_setting(path: Path, section: str, key: str, value: str | int | float | bool) -> Config:
    """Set `[section] key = value` in config.toml (created from the default when absent),
    keeping everything else as the user wrote it. Returns the config as it now loads."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8") if path.exists() else DEFAULT_CONFIG_TEXT
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from exc
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); not changing it") from exc
    table = document.get(section)
    if table is None:
        table = tomlkit.table()
        document[section] = table
    elif not isinstance(table, dict):
        raise ConfigError(f"{path}: [{section}] must be a table; not changing it")
    table[key] = value
    new_text = tomlkit.dumps(document)
    config = parse_config(tomlkit.parse(new_text).unwrap(), path)
    _replace(path, new_text)
    return config


def _replace(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror or exc})") from exc


__all__ = ["load_config", "set_setting", "write_default"]
