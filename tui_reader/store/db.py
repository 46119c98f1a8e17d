"""The Store: every read and write of the cache, one mixin per domain.

As lemon24/reader splits its storage (`Storage(FeedsMixin, EntriesMixin, ..., StorageBase)`):
each mixin holds the SQL of one domain; StoreBase holds the connections, locks and
transactions they share (see base.py for the thread-safety contract). Add new methods to the
mixin of their domain.
"""

from __future__ import annotations

from pathlib import Path

from .articles import ArticlesMixin
from .base import StoreBase
from .entities import EntitiesMixin
from .feeds import FeedsMixin
from .items import ItemsMixin
from .listing import ListingMixin
from .pages import PagesMixin
from .schema import Notice
from .sync import SyncMixin
from .upkeep import UpkeepMixin


class Store(
    SyncMixin,  # first: it builds on FeedsMixin and ItemsMixin
    FeedsMixin,
    ItemsMixin,
    PagesMixin,
    ArticlesMixin,
    EntitiesMixin,
    ListingMixin,
    UpkeepMixin,
    StoreBase,
):
    """The cache. Thread-safe; see StoreBase."""


def open_store(path: Path, *, readonly: bool = False, notice: Notice | None = None) -> Store:
    """Open (creating and migrating when needed) the database at path.

    A corrupt file is moved to backups/ with a timestamp and a clear StoreError raised; a
    read-only or full disk gives a StoreError saying so.
    """
    return Store(path, readonly=readonly, notice=notice)
