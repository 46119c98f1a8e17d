"""Every path tui-reader uses. Nothing here touches the disk until asked."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import LocationError

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

    def folders(self) -> tuple[tuple[str, Path], ...]:
        return (("config", self.config_dir), ("data", self.data_dir), ("cache", self.cache_dir))

    def ensure(self) -> None:
        """Create the directories (only when something is about to be written); a folder
        that cannot be made is one LocationError saying why."""
        for name, path in self.folders():
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = folder_problem(path) or exc.strerror or str(exc)
                raise LocationError(
                    f"cannot create the {name} folder {path}: {reason}{HINT}"
                ) from exc


HINT = f" (fix that, or set {HOME_ENV} to a folder you can write)"


def folder_problem(path: Path, *, write: bool = True) -> str | None:
    """Why `path` cannot be used as a folder to read (or, with write, to write) in, or None.

    Walks up to the nearest part that exists, since that is where a mkdir would fail.
    """
    current = path
    while True:
        try:
            info = current.stat()
        except (FileNotFoundError, NotADirectoryError):
            # Missing, or below a file: the answer is further up.
            if current.parent == current:
                return None
            current = current.parent
            continue
        except PermissionError:
            return f"{current.parent} cannot be entered (permission denied)"
        except OSError as exc:
            return f"{current}: {exc.strerror or exc}"
        if not stat.S_ISDIR(info.st_mode):
            return f"{current} is a file, not a folder"
        if not os.access(current, os.X_OK):
            return f"{current} cannot be entered (permission denied)"
        if current != path and write and not os.access(current, os.W_OK):
            return f"{current} is not writable, so {path} cannot be created"
        if current == path and write and not os.access(current, os.W_OK):
            return f"{current} is not writable"
        return None


def exists(path: Path) -> bool:
    """Path.exists() that answers False instead of raising when a parent is unreadable."""
    try:
        return path.exists()
    except OSError:
        return False


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
