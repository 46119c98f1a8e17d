"""config.toml -> a frozen Config. Every key is optional; a bad one names the file and the key."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError, LocationError
from .files import TooLargeError, read_bounded
from .locations import HINT, folder_problem

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

# [sync]                  # keep feeds and read/starred state on a server you already run
# service = "ttrss"       # "ttrss" (Tiny Tiny RSS) or "greader" (FreshRSS, Miniflux, ...)
# url = "https://rss.example.org/tt-rss/"
# username = "me"
# password_command = "pass show rss"   # or: password = "..."
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
class SyncConfig:
    """[sync]: the server whose subscriptions and read/starred state this cache follows."""

    service: str = "ttrss"
    url: str = ""  # for ttrss the folder whose api/ answers; for greader the API's base
    username: str = ""
    password: str | None = None
    password_command: str | None = None  # run without a shell; its first line of stdout

    def __repr__(self) -> str:
        # Never show the password, not even in a traceback or a debug print.
        secret = "***" if self.password is not None else None
        return (
            f"SyncConfig(service={self.service!r}, url={self.url!r}, "
            f"username={self.username!r}, password={secret!r}, "
            f"password_command={self.password_command!r})"
        )


@dataclass(frozen=True, slots=True)
class Config:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    app: AppConfig = field(default_factory=AppConfig)
    sync: SyncConfig | None = None  # None: no [sync] section, feeds are fetched directly
    # [keys]: binding id -> comma-separated keys, e.g. next = "j,down"
    keys: dict[str, str] = field(default_factory=dict)


_SECTIONS: dict[str, type[Any]] = {
    "fetch": FetchConfig,
    "store": StoreConfig,
    "entities": EntitiesConfig,
    "app": AppConfig,
    "sync": SyncConfig,
}
_CHOICES = {
    ("entities", "backend"): ("builtin", "spacy"),
    ("sync", "service"): ("ttrss", "greader"),
}
_TYPES: dict[str, type[Any]] = {
    "int": int,
    "float": float,
    "bool": bool,
    "str": str,
    "str | None": str,
}
# Every number has a range: NaN and infinity are not numbers a deadline or a cap can use
# (`timeout = nan` used to pass and then crash a refresh; `inf` waited forever).
_RANGE: dict[tuple[str, str], tuple[float, float]] = {
    ("fetch", "concurrency"): (1, 1024),
    ("fetch", "per_host"): (1, 256),
    ("fetch", "timeout"): (0.1, 3600.0),
    ("fetch", "max_bytes"): (1024, 1 << 30),
    ("fetch", "max_redirects"): (0, 50),
    ("store", "retention_days"): (0, 36_500),
}
_MAX_STRING = 1000
MAX_CONFIG_BYTES = 1024 * 1024
MAX_CONFIG_SECONDS = 5.0  # a config.toml that is a pipe no one writes to
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _check(path: Path, section: str, key: str, value: Any, expected: type[Any]) -> Any:
    where = f"{path}: [{section}] {key}"
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    # bool is a subclass of int: refuse `concurrency = true`.
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise ConfigError(f"{where} must be {expected.__name__}, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where} must be a finite number, not {value!r}")
    bounds = _RANGE.get((section, key))
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        low, high = (expected(bound) for bound in bounds)
        raise ConfigError(f"{where} must be from {low} to {high}, not {value!r}")
    if isinstance(value, str) and (len(value) > _MAX_STRING or _CONTROL.search(value)):
        # A user agent is sent as a header: a line break in it would split the request.
        raise ConfigError(f"{where} must be one line of at most {_MAX_STRING} printable characters")
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
            values[key] = _check(path, section, key, value, _TYPES[str(types[key])])
        built[section] = _check_sync(path, cls(**values)) if cls is SyncConfig else cls(**values)
    return Config(**built)


def _check_sync(path: Path, sync: SyncConfig) -> SyncConfig:
    """A [sync] section must name a server and one way to get the password."""
    from urllib.parse import urlsplit

    url = sync.url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{path}: [sync] url must be an http(s) URL, not {sync.url!r}")
    if parts.username or parts.password:
        raise ConfigError(f"{path}: [sync] url must not hold credentials; use username/password")
    if not sync.username.strip():
        raise ConfigError(f"{path}: [sync] username is missing")
    if (sync.password is None) == (sync.password_command is None):
        raise ConfigError(f"{path}: [sync] needs exactly one of password or password_command")
    if sync.password_command is not None and not sync.password_command.strip():
        raise ConfigError(f"{path}: [sync] password_command is empty")
    # One spelling of the base URL: the API paths are joined to it.
    url = url if url.endswith("/") else url + "/"
    return SyncConfig(
        sync.service, url, sync.username.strip(), sync.password, sync.password_command
    )


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file means all defaults."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES, seconds=MAX_CONFIG_SECONDS)
    except FileNotFoundError:
        return Config()
    except TooLargeError as exc:
        raise ConfigError(f"{path}: too large for a config file ({exc})") from exc
    except OSError as exc:
        # The folder (TUI_READER_HOME a file, a parent that cannot be entered) rather than
        # the file itself: say which part is wrong.
        problem = folder_problem(path.parent, write=False)
        if problem:
            raise LocationError(f"cannot read {path}: {problem}{HINT}") from exc
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    import tomllib  # here: most homes have no config.toml, and it is ~4 ms of import

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    return parse_config(data, path)
