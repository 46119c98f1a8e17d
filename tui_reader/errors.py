"""One exception hierarchy; the CLI and the app turn each into a single clear line."""

from __future__ import annotations


class TuiReaderError(Exception):
    """Base of every error we expect and explain; its str() is the one line a user sees."""

    exit_code = 1


class UsageError(TuiReaderError):
    """The command line or an argument was wrong."""

    exit_code = 2


class ConfigError(TuiReaderError):
    """config.toml is unreadable or holds a bad value (the message names file and key)."""

    exit_code = 2


class LocationError(TuiReaderError):
    """A folder tui-reader needs cannot be entered, created or written (the message says
    which and why)."""


class StoreError(TuiReaderError):
    """The database is corrupt, read-only, full or otherwise unusable."""


class StageError(TuiReaderError):
    """A stage of a refresh stopped as a whole (the cache failed, or a bug); everything
    stored before stays. The message names the stage and the cause in one line."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        reason = (
            str(cause)
            if isinstance(cause, TuiReaderError)
            else f"internal error: {type(cause).__name__}: {cause}"
        )
        super().__init__(f"refresh stopped while {_DOING.get(stage, stage)}: {reason}")
        self.stage = stage
        self.cause = cause
        self.exit_code = cause.exit_code if isinstance(cause, TuiReaderError) else 70


_DOING = {
    "feeds": "fetching feeds",
    "pages": "fetching article pages",
    "cleaning": "cleaning articles",
    "entities": "indexing entities",
    "pruning": "pruning old articles",
}


class AlreadyRunningError(StoreError):
    """Another tui-reader process holds the writer lock."""


class NeedsUpgradeError(StoreError):
    """The cache is at an older schema and was opened read-only, so it cannot be migrated."""


class DuplicateFeedError(TuiReaderError):
    """The feed is already subscribed."""


class NotFoundError(TuiReaderError):
    """A feed, article or entity named by the user does not exist."""


class FetchError(TuiReaderError):
    """A network fetch failed; the message says why in one line (status, deadline, size...).

    `status` is the HTTP status when the server answered; `retry_after` (seconds) is set when
    a 429/503 said how long to wait; `gone` when the URL asked for is gone for good (a 410
    reached through permanent redirects only: a temporary one's target says nothing about
    the URL that was asked for).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        gone: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.gone = gone


class FeedParseError(TuiReaderError):
    """The bytes fetched are not a feed we can read."""


class ExtractError(TuiReaderError):
    """A page could not be read or cleaned."""


class BackendUnavailableError(TuiReaderError):
    """An optional backend (spaCy and its model) is not installed; the message says what to
    install."""


class SyncError(TuiReaderError):
    """The sync server cannot be reached, refuses the login or answers nonsense; the message
    names the server and says why in one line (never a password)."""


def one_line(message: object, *, max_chars: int = 120) -> str:
    """A message (or a library's exception) as a piece of our one-line errors: every run
    of whitespace, line breaks included, one space; cut to max_chars; an exception that
    says nothing gives its type's name."""
    line = " ".join(str(message).split())
    if not line and isinstance(message, BaseException):
        line = type(message).__name__
    return line if len(line) <= max_chars else line[: max_chars - 1] + "…"
