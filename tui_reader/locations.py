"""Every path tui-reader uses. Nothing here touches the disk until asked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "tui-reader"
HOME_ENV = "TUI_READER_HOME"


@dataclass(frozen=True, slots=True)
class Locations:
    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "tui-reader.sqlite3"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "tui-reader.lock"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> None:
        """Create the directories (only when something is about to be written)."""
        for path in (self.config_dir, self.data_dir, self.cache_dir):
            path.mkdir(parents=True, exist_ok=True)


def locations(environ: dict[str, str] | None = None) -> Locations:
    """Resolve paths: TUI_READER_HOME moves all three under one folder, else platformdirs."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        base = Path(home).expanduser()
        return Locations(base / "config", base / "data", base / "cache")
    import platformdirs

    return Locations(
        config_dir=platformdirs.user_config_path(APP_NAME),
        data_dir=platformdirs.user_data_path(APP_NAME),
        cache_dir=platformdirs.user_cache_path(APP_NAME),
    )
