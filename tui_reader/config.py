"""config.toml -> a frozen Config. Every key is optional; a bad one names the file and the key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CONFIG_TEXT = """\
# tui-reader configuration. Every key is optional; the values shown are the defaults.

[fetch]
concurrency = 128         # requests in flight at once
per_host = 4              # at most this many to one host
timeout = 20.0            # seconds: one overall deadline per request
max_bytes = 10485760      # decoded-size cap per response (10 MiB)
max_redirects = 10
prefetch = true           # fetch new items' article pages so they read offline
user_agent = "tui-reader (+https://github.com/tui-reader/tui-reader)"

[store]
retention_days = 90       # read, unstarred items older than this are pruned; 0 keeps all

[entities]
backend = "builtin"       # "builtin" or "spacy" (needs: pip install 'tui-newsreader[nlp]')

[app]
refresh_on_start = true  # refresh in the background when the app opens
# theme = "textual-dark"  # the app saves the theme you choose (Ctrl+P, "theme")
"""


@dataclass(frozen=True, slots=True)
class FetchConfig:
    concurrency: int = 128
    per_host: int = 4
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    prefetch: bool = True
    user_agent: str = "tui-reader (+https://github.com/tui-reader/tui-reader)"


@dataclass(frozen=True, slots=True)
class StoreConfig:
    retention_days: int = 90


@dataclass(frozen=True, slots=True)
class EntitiesConfig:
    backend: str = "builtin"


@dataclass(frozen=True, slots=True)
class AppConfig:
    refresh_on_start: bool = True
    theme: str = ""  # a Textual theme name; empty: Textual's default


@dataclass(frozen=True, slots=True)
class Config:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    app: AppConfig = field(default_factory=AppConfig)
    # [keys]: binding id -> comma-separated keys, e.g. next = "j,down"
    keys: dict[str, str] = field(default_factory=dict)


_SECTIONS: dict[str, type[Any]] = {
    "fetch": FetchConfig,
    "store": StoreConfig,
    "entities": EntitiesConfig,
    "app": AppConfig,
}
_CHOICES = {("entities", "backend"): ("builtin", "spacy")}
_MINIMUM = {
    ("fetch", "concurrency"): 1,
    ("fetch", "per_host"): 1,
    ("fetch", "timeout"): 0.1,
    ("fetch", "max_bytes"): 1024,
    ("fetch", "max_redirects"): 0,
    ("store", "retention_days"): 0,
}


def _check(path: Path, section: str, key: str, value: Any, expected: type[Any]) -> Any:
    where = f"{path}: [{section}] {key}"
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    # bool is a subclass of int: refuse `concurrency = true`.
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise ConfigError(f"{where} must be {expected.__name__}, not {value!r}")
    minimum = _MINIMUM.get((section, key))
    if minimum is not None and value < minimum:
        raise ConfigError(f"{where} must be at least {minimum}, not {value!r}")
    choices = _CHOICES.get((section, key))
    if choices is not None and value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {value!r}")
    return value


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate a parsed TOML table; unknown sections and keys are errors (typos show)."""
    built: dict[str, Any] = {}
    for section, table in data.items():
        if section == "keys":
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: [keys] must be a table")
            keys: dict[str, str] = {}
            for name, value in table.items():
                if not isinstance(value, str) or not value.strip():
                    raise ConfigError(f"{path}: [keys] {name} must be a non-empty string of keys")
                keys[name] = value
            built["keys"] = keys
            continue
        cls = _SECTIONS.get(section)
        if cls is None:
            known = ", ".join([*_SECTIONS, "keys"])
            raise ConfigError(f"{path}: unknown section [{section}] (known: {known})")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in types:
                raise ConfigError(f"{path}: [{section}] unknown key {key!r}")
            expected = {"int": int, "float": float, "bool": bool, "str": str}[str(types[key])]
            values[key] = _check(path, section, key, value, expected)
        built[section] = cls(**values)
    return Config(**built)


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file means all defaults."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    return parse_config(data, path)
