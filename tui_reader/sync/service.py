"""The protocol client for a [sync] section."""

from __future__ import annotations

from ..config import SyncConfig
from ..fetch.http import HttpClient
from .greader import GreaderService
from .protocol import Service
from .ttrss import TtrssService


def make_service(sync: SyncConfig, http: HttpClient, password: str) -> Service:
    if sync.service == "greader":
        return GreaderService(http, sync.url, sync.username, password)
    return TtrssService(http, sync.url, sync.username, password)
