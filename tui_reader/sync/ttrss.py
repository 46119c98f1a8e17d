"""Tiny Tiny RSS's JSON API (API level 15, as Debian ships it).

Every call is a JSON POST to `URL + "api/"` answered by `{"status": 0|1, "content": ...}`;
errors come as `content.error`. `login` gives a session id sent as `sid`. `getHeadlines`
returns at most 200 headlines a call (paged with `skip`); `unread` and `marked` are booleans,
the item's date is `updated` (`published` is TT-RSS's "shared" flag) and `guid` is TT-RSS's
own hash, so the engine matches items by link. `updateArticle` takes `article_ids` as a
comma-separated string; `field` 0 is starred, 2 is unread. Article ids only grow, so the
cursor of new items is the highest id seen.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from typing import Any

from ..errors import FetchError, SyncError
from ..fetch.http import HttpClient
from .protocol import PageFn, RemoteFeed, RemoteItem, unreachable

HEADLINES_LIMIT = 200  # the most getHeadlines returns per call
CONTENT_PAGE = 50  # headlines with content in the first call; later pages are sized from it
_CONTENT_SHARE = 0.25  # a page of content aims at this share of the response size cap
MARK_BATCH = 500  # article ids per updateArticle
FIELD_STARRED, FIELD_UNREAD = 0, 2
_ALL_ARTICLES, _STARRED = -4, -1  # TT-RSS's virtual feeds
_ALL_CATEGORIES = -3  # getFeeds: every feed, with its category
_JSON = "application/json"
_MAX_PAGES = 100_000  # a server that pages for ever is stopped, not followed


class TtrssService:
    def __init__(self, http: HttpClient, url: str, username: str, password: str) -> None:
        self._http = http
        self._last_size = 0  # bytes of the last reply
        self._base = url
        self._endpoint = url + "api/"
        self._username = username
        self._password = password
        self._sid: str | None = None

    @property
    def label(self) -> str:
        return f"TT-RSS at {self._base}"

    # -- the wire --------------------------------------------------------------------------
    async def _post(self, body: dict[str, Any]) -> Any:
        try:
            response = await self._http.post(
                self._endpoint, body=json.dumps(body).encode(), content_type=_JSON, accept=_JSON
            )
        except FetchError as exc:
            raise SyncError(unreachable(self.label, exc)) from None
        self._last_size = len(response.body)
        try:
            reply = json.loads(response.body)
        except ValueError:
            reply = None
        if not isinstance(reply, dict) or reply.get("status") not in (0, 1):
            raise SyncError(
                f"{self.label} did not answer as the TT-RSS API (is [sync] url the folder "
                "whose api/ answers?)"
            )
        return reply

    async def _call(self, op: str, **params: Any) -> Any:
        """One API call, logging in first (and once more if the session expired)."""
        if self._sid is None:
            await self.login()
        for attempt in (1, 2):
            reply = await self._post({"op": op, "sid": self._sid, **params})
            if reply["status"] == 0:
                return reply.get("content")
            error = _error(reply)
            if error == "NOT_LOGGED_IN" and attempt == 1:
                await self.login()
                continue
            raise SyncError(f"{self.label} refused {op}: {error}")
        raise AssertionError("unreachable")

    async def login(self) -> None:
        reply = await self._post(
            {"op": "login", "user": self._username, "password": self._password}
        )
        if reply["status"] == 0:
            content = reply.get("content")
            sid = content.get("session_id") if isinstance(content, dict) else None
            if isinstance(sid, str) and sid:
                self._sid = sid
                return
            raise SyncError(f"{self.label} answered the login without a session")
        error = _error(reply)
        if error == "API_DISABLED":
            raise SyncError(
                f"{self.label} has API access disabled for {self._username!r}: enable it in "
                "TT-RSS's Preferences (Enable API access)"
            )
        if error == "LOGIN_ERROR":
            raise SyncError(f"{self.label} refused the login for {self._username!r}")
        raise SyncError(f"{self.label} refused the login: {error}")

    # -- reading ---------------------------------------------------------------------------
    async def feeds(self) -> list[RemoteFeed]:
        categories = await self._call("getCategories", include_empty=True)
        names = {
            str(c.get("id")): str(c.get("title") or "")
            for c in _list(categories, self.label)
            if isinstance(c, dict) and _int(c.get("id")) > 0  # real ones, not "Special"
        }
        feeds = []
        for raw in _list(await self._call("getFeeds", cat_id=_ALL_CATEGORIES), self.label):
            if not isinstance(raw, dict) or _int(raw.get("id")) <= 0:
                continue  # labels and virtual feeds have no URL
            url = raw.get("feed_url")
            if not isinstance(url, str) or not url.strip():
                continue
            feeds.append(
                RemoteFeed(
                    id=str(raw["id"]),
                    url=url.strip(),
                    title=str(raw.get("title") or ""),
                    category=names.get(str(raw.get("cat_id"))),
                )
            )
        return feeds

    async def _headlines(self, **params: Any) -> list[dict[str, Any]]:
        reply = await self._call("getHeadlines", **params)
        return [h for h in _list(reply, self.label) if isinstance(h, dict)]

    async def _all_ids(self, feed_id: int, view_mode: str) -> set[str]:
        ids: set[str] = set()
        for page in range(_MAX_PAGES):
            headlines = await self._headlines(
                feed_id=feed_id,
                view_mode=view_mode,
                limit=HEADLINES_LIMIT,
                skip=page * HEADLINES_LIMIT,
                show_content=False,
                show_excerpt=False,
            )
            ids.update(str(h["id"]) for h in headlines if _int(h.get("id")) > 0)
            if len(headlines) < HEADLINES_LIMIT:
                return ids
        raise SyncError(f"{self.label} kept paging past {_MAX_PAGES} pages")

    async def unread_ids(self) -> set[str]:
        return await self._all_ids(_ALL_ARTICLES, "unread")

    async def starred_ids(self) -> set[str]:
        return await self._all_ids(_STARRED, "all_articles")

    async def new_items(self, cursor: str | None, known: Container[str], on_page: PageFn) -> str:
        since = int(cursor) if cursor and cursor.isdigit() else 0
        return str(await self._content_pages(_ALL_ARTICLES, since, known, on_page))

    async def feed_items(self, feed_id: str, known: Container[str], on_page: PageFn) -> None:
        await self._content_pages(_int(feed_id), 0, known, on_page)

    async def _content_pages(
        self, feed_id: int, since: int, known: Container[str], on_page: PageFn
    ) -> int:
        """Headlines with content of one feed (or all), newer than `since`; the newest id."""
        newest = since
        skip, limit = 0, CONTENT_PAGE
        for _ in range(_MAX_PAGES):
            headlines = await self._headlines(
                feed_id=feed_id,
                view_mode="all_articles",
                since_id=since,
                limit=limit,
                skip=skip,
                show_content=True,
                show_excerpt=False,
                include_attachments=False,
            )
            items = [_item(h) for h in headlines if _int(h.get("id")) > since]
            newest = max([newest, *(int(i.id) for i in items)])
            fresh = [i for i in items if i.id not in known]
            if fresh:
                await on_page(fresh)
            if len(headlines) < limit:
                return newest
            skip += len(headlines)
            limit = self._next_limit(len(headlines))
        raise SyncError(f"{self.label} kept paging past {_MAX_PAGES} pages")

    def _next_limit(self, count: int) -> int:
        """As many headlines with content as fit a quarter of the size cap, judged by the
        last page (fewer calls: TT-RSS takes most of a second for each)."""
        per_item = max(1, self._last_size // max(count, 1))
        budget = int(self._http.config.max_bytes * _CONTENT_SHARE)
        return max(10, min(HEADLINES_LIMIT, budget // per_item))

    # -- writing ---------------------------------------------------------------------------
    async def _update(self, ids: Sequence[str], field: int, value: bool) -> None:
        for start in range(0, len(ids), MARK_BATCH):
            chunk = ",".join(ids[start : start + MARK_BATCH])
            await self._call("updateArticle", article_ids=chunk, mode=int(value), field=field)

    async def set_read(self, ids: Sequence[str], read: bool) -> None:
        await self._update(ids, FIELD_UNREAD, not read)

    async def set_starred(self, ids: Sequence[str], starred: bool) -> None:
        await self._update(ids, FIELD_STARRED, starred)

    async def subscribe(self, url: str, category: str | None = None) -> str:
        category_id = 0
        if category:
            categories = await self._call("getCategories", include_empty=True)
            for c in _list(categories, self.label):
                if isinstance(c, dict) and c.get("title") == category and _int(c.get("id")) > 0:
                    category_id = _int(c.get("id"))
        reply = await self._call("subscribeToFeed", feed_url=url, category_id=category_id)
        status = reply.get("status") if isinstance(reply, dict) else None
        code = _int(status.get("code")) if isinstance(status, dict) else -1
        if code in (0, 1) and isinstance(status, dict) and _int(status.get("feed_id")) > 0:
            return str(status["feed_id"])
        reasons = {
            2: "not a valid URL",
            3: "a web page with no feed",
            4: "a web page with several feeds",
            5: "could not download it",
            6: "not a feed",
            7: "could not store the feed",
        }
        raise SyncError(f"{self.label} could not subscribe: {reasons.get(code, f'code {code}')}")

    async def unsubscribe(self, feed_id: str) -> None:
        await self._call("unsubscribeFeed", feed_id=_int(feed_id))

    async def mark_feed_read(self, feed_id: str) -> None:
        await self._call("catchupFeed", feed_id=_int(feed_id), is_cat=False)


def _error(reply: dict[str, Any]) -> str:
    content = reply.get("content")
    error = content.get("error") if isinstance(content, dict) else None
    text = str(error) if error else "unknown error"
    return "".join(ch for ch in text if ch.isprintable())[:80]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _list(value: Any, label: str) -> list[Any]:
    if not isinstance(value, list):
        raise SyncError(f"{label} answered with something other than a list")
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _item(raw: dict[str, Any]) -> RemoteItem:
    updated = raw.get("updated")
    link = _text(raw.get("link")).strip() or None
    return RemoteItem(
        id=str(raw["id"]),
        feed_id=str(raw.get("feed_id")),
        title=_text(raw.get("title")),
        link=link,
        author=_text(raw.get("author")) or None,
        published=float(updated) if isinstance(updated, int | float) and updated > 0 else None,
        content=_text(raw.get("content")),
        read=not bool(raw.get("unread")),
        starred=bool(raw.get("marked")),
    )
