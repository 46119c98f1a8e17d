"""The Google Reader API as FreshRSS and Miniflux implement it.

`URL` is the API's base: `accounts/ClientLogin` and `reader/api/0/...` hang off it (FreshRSS:
`https://host/api/greader.php/`, Miniflux: its root URL). ClientLogin (a form POST of Email
and Passwd) answers `Auth=<token>`, sent as `Authorization: GoogleLogin auth=<token>`; writes
also carry the edit token from `reader/api/0/token` as `T` in the form body (Miniflux reads a
POST's credentials only from there). Both servers list item ids with `stream/items/ids`
(decimal) and return contents from `stream/items/contents` (long hexadecimal ids,
`tag:google.com,2005:reader/item/<16 hex digits>`), so ids are kept in decimal here. Miniflux
has no `stream/contents`, so new items are found by listing ids, not by a time cursor, which
also catches items whose date is older than the last sync.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from typing import Any
from urllib.parse import urlencode

from ..errors import FetchError, SyncError
from ..fetch.http import HttpClient
from .protocol import PageFn, RemoteFeed, RemoteItem, unreachable

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
IDS_PAGE = 1000  # Inoreader's maximum for n; FreshRSS and Miniflux take it too
CONTENTS_BATCH = 100  # items per stream/items/contents call
EDIT_BATCH = 250  # ids per edit-tag call
_LONG_ID_PREFIX = "tag:google.com,2005:reader/item/"
_FORM = "application/x-www-form-urlencoded"
_MAX_PAGES = 100_000


def decimal_id(raw: str) -> str | None:
    """An item id in any of the forms servers use (long, short hex, decimal) -> decimal."""
    text = raw.strip()
    try:
        if text.startswith(_LONG_ID_PREFIX):
            return str(int(text[len(_LONG_ID_PREFIX) :], 16))
        if text.isdigit():
            return str(int(text))
        if len(text) == 16:
            return str(int(text, 16))
    except ValueError:
        return None
    return None


class GreaderService:
    def __init__(self, http: HttpClient, url: str, username: str, password: str) -> None:
        self._http = http
        self._base = url
        self._api = url + "reader/api/0/"
        self._username = username
        self._password = password
        self._auth: str | None = None
        self._token: str | None = None

    @property
    def label(self) -> str:
        return f"the Google Reader API at {self._base}"

    # -- the wire --------------------------------------------------------------------------
    def _fail(self, exc: FetchError) -> SyncError:
        if exc.status in (401, 403):
            return SyncError(f"{self.label} refused the login for {self._username!r}")
        return SyncError(unreachable(self.label, exc))

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"GoogleLogin auth={self._auth}"}

    async def login(self) -> None:
        form = urlencode({"Email": self._username, "Passwd": self._password}).encode()
        try:
            response = await self._http.post(
                self._base + "accounts/ClientLogin", body=form, content_type=_FORM
            )
        except FetchError as exc:
            raise self._fail(exc) from None
        auth = None
        for line in response.body.decode("utf-8", "replace").splitlines():
            if line.startswith("Auth="):
                auth = line[len("Auth=") :].strip()
        if not auth:
            raise SyncError(f"{self.label} answered ClientLogin without an Auth token")
        self._auth = auth
        token = await self._get_text("token")
        self._token = token.strip() or auth

    async def _ensure_login(self) -> None:
        if self._auth is None:
            await self.login()

    async def _get_text(self, path: str, params: Sequence[tuple[str, str]] = ()) -> str:
        url = self._api + path + ("?" + urlencode(params) if params else "")
        try:
            response = await self._http.get(url, headers=self._headers())
        except FetchError as exc:
            raise self._fail(exc) from None
        return response.body.decode("utf-8", "replace")

    async def _get_json(self, path: str, params: Sequence[tuple[str, str]] = ()) -> Any:
        await self._ensure_login()
        text = await self._get_text(path, [*params, ("output", "json")])
        return self._json(text, path)

    async def _post(self, path: str, fields: Sequence[tuple[str, str]]) -> bytes:
        await self._ensure_login()
        form = urlencode([*fields, ("T", self._token or "")]).encode()
        try:
            response = await self._http.post(
                self._api + path, body=form, content_type=_FORM, headers=self._headers()
            )
        except FetchError as exc:
            raise self._fail(exc) from None
        return response.body

    def _json(self, text: str | bytes, path: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            raise SyncError(
                f"{self.label} answered {path} with something other than JSON"
            ) from None

    # -- reading ---------------------------------------------------------------------------
    async def feeds(self) -> list[RemoteFeed]:
        reply = await self._get_json("subscription/list")
        subscriptions = reply.get("subscriptions") if isinstance(reply, dict) else None
        if not isinstance(subscriptions, list):
            raise SyncError(f"{self.label} answered subscription/list without subscriptions")
        feeds = []
        for raw in subscriptions:
            if not isinstance(raw, dict):
                continue
            feed_id, url = raw.get("id"), raw.get("url")
            if not isinstance(feed_id, str) or not isinstance(url, str) or not url.strip():
                continue
            category = None
            for cat in raw.get("categories") or []:
                if isinstance(cat, dict) and isinstance(cat.get("label"), str):
                    category = cat["label"]
                    break
            site = raw.get("htmlUrl")
            feeds.append(
                RemoteFeed(
                    id=feed_id,
                    url=url.strip(),
                    title=str(raw.get("title") or ""),
                    category=category,
                    site_url=site if isinstance(site, str) and site else None,
                )
            )
        return feeds

    async def _ids(self, stream: str, exclude: str | None = None) -> list[str]:
        ids: list[str] = []
        continuation: str | None = None
        for _ in range(_MAX_PAGES):
            params = [("s", stream), ("n", str(IDS_PAGE))]
            if exclude:
                params.append(("xt", exclude))
            if continuation:
                params.append(("c", continuation))
            reply = await self._get_json("stream/items/ids", params)
            refs = reply.get("itemRefs") if isinstance(reply, dict) else None
            if refs is None and isinstance(reply, dict):
                refs = []  # an empty stream may leave the key out
            if not isinstance(refs, list):
                raise SyncError(f"{self.label} answered stream/items/ids without itemRefs")
            for ref in refs:
                raw = ref.get("id") if isinstance(ref, dict) else None
                item_id = decimal_id(str(raw)) if raw is not None else None
                if item_id is not None:
                    ids.append(item_id)
            following = reply.get("continuation") if isinstance(reply, dict) else None
            if not refs or following in (None, "", continuation):
                return ids
            continuation = str(following)
        raise SyncError(f"{self.label} kept paging past {_MAX_PAGES} pages")

    async def unread_ids(self) -> set[str]:
        return set(await self._ids(READING_LIST, exclude=READ))

    async def starred_ids(self) -> set[str]:
        return set(await self._ids(STARRED))

    async def new_items(self, cursor: str | None, known: Container[str], on_page: PageFn) -> str:
        await self._contents(await self._ids(READING_LIST), known, on_page)
        return cursor or ""

    async def feed_items(self, feed_id: str, known: Container[str], on_page: PageFn) -> None:
        await self._contents(await self._ids(feed_id), known, on_page)

    async def _contents(self, ids: Sequence[str], known: Container[str], on_page: PageFn) -> None:
        fresh = [i for i in dict.fromkeys(ids) if i not in known]
        for start in range(0, len(fresh), CONTENTS_BATCH):
            batch = fresh[start : start + CONTENTS_BATCH]
            body = await self._post(
                "stream/items/contents", [("output", "json"), *(("i", i) for i in batch)]
            )
            reply = self._json(body, "stream/items/contents")
            raw_items = reply.get("items") if isinstance(reply, dict) else None
            if not isinstance(raw_items, list):
                raise SyncError(f"{self.label} answered stream/items/contents without items")
            items = [item for raw in raw_items if (item := _item(raw)) is not None]
            if items:
                await on_page(items)

    # -- writing ---------------------------------------------------------------------------
    async def _edit(self, ids: Sequence[str], tag: str, add: bool) -> None:
        # One tag per call: older FreshRSS reads a single `a` or `r`.
        for start in range(0, len(ids), EDIT_BATCH):
            fields = [
                ("a" if add else "r", tag),
                *(("i", i) for i in ids[start : start + EDIT_BATCH]),
            ]
            await self._post("edit-tag", fields)

    async def set_read(self, ids: Sequence[str], read: bool) -> None:
        await self._edit(ids, READ, read)

    async def set_starred(self, ids: Sequence[str], starred: bool) -> None:
        await self._edit(ids, STARRED, starred)

    async def subscribe(self, url: str, category: str | None = None) -> str:
        fields = [("ac", "subscribe"), ("s", f"feed/{url}")]
        if category:
            fields.append(("a", f"user/-/label/{category}"))
        await self._post("subscription/edit", fields)
        for feed in await self.feeds():
            if feed.url == url:
                return feed.id
        raise SyncError(f"{self.label} did not list the feed after subscribing to it")

    async def unsubscribe(self, feed_id: str) -> None:
        await self._post("subscription/edit", [("ac", "unsubscribe"), ("s", feed_id)])

    async def mark_feed_read(self, feed_id: str) -> None:
        await self._post("mark-all-as-read", [("s", feed_id)])


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _item(raw: Any) -> RemoteItem | None:
    if not isinstance(raw, dict):
        return None
    item_id = decimal_id(_text(raw.get("id")))
    origin = raw.get("origin")
    feed_id = _text(origin.get("streamId")) if isinstance(origin, dict) else ""
    if item_id is None or not feed_id:
        return None
    link = None
    for key in ("canonical", "alternate"):
        for ref in raw.get(key) or []:
            if isinstance(ref, dict) and _text(ref.get("href")).strip():
                link = _text(ref.get("href")).strip()
                break
        if link:
            break
    content = ""
    for key in ("content", "summary"):
        part = raw.get(key)
        if isinstance(part, dict) and _text(part.get("content")):
            content = _text(part.get("content"))
            break
    categories = {c for c in raw.get("categories") or [] if isinstance(c, str)}
    published = raw.get("published")
    return RemoteItem(
        id=item_id,
        feed_id=feed_id,
        title=_text(raw.get("title")),
        link=link,
        author=_text(raw.get("author")) or None,
        published=float(published)
        if isinstance(published, int | float) and published > 0
        else None,
        content=content,
        read=any(c.endswith("/state/com.google/read") for c in categories),
        starred=any(c.endswith("/state/com.google/starred") for c in categories),
    )
