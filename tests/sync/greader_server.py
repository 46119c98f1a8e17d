"""A Google Reader API server on 127.0.0.1, written to FreshRSS's and Miniflux's documentation
(neither can be installed here): ClientLogin, token, subscription/list, stream/items/ids,
stream/items/contents, edit-tag, subscription/edit and mark-all-as-read.

`flavor` picks the differences that matter to a client: FreshRSS's edit token differs from
the auth token and is 57 characters; Miniflux's is the auth token itself and it reads a
POST's credentials only from the form's `T`. Both want the Authorization header on GETs, list
decimal ids from stream/items/ids and return long hexadecimal ids from stream/items/contents.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from tests.loopback import LoopbackServer, Reply, Request, RouteFn

Flavor = Literal["freshrss", "miniflux"]
LONG_PREFIX = "tag:google.com,2005:reader/item/"


@dataclass
class Entry:
    id: int
    feed: str  # "feed/<n>"
    title: str
    link: str
    content: str
    published: int
    read: bool = False
    starred: bool = False


@dataclass
class Subscription:
    id: str
    url: str
    title: str
    category: str


@dataclass
class GreaderServer:
    username: str = "reader"
    password: str = "secret"
    flavor: Flavor = "freshrss"
    prefix: str = ""  # FreshRSS answers under /api/greader.php, Miniflux at its root
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    entries: dict[int, Entry] = field(default_factory=dict)
    logins: int = 0
    down: bool = False  # answer 503 to everything (a server that is there but failing)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next_entry: int = 1_700_000_000_000_000  # FreshRSS's ids are microsecond timestamps

    def __post_init__(self) -> None:
        self.http = LoopbackServer()
        self.auth = f"{self.username}/{hashlib.sha1(self.password.encode()).hexdigest()}"
        self.token = self.auth if self.flavor == "miniflux" else self.auth[-40:].ljust(57, "Z")
        routes = {
            "/accounts/ClientLogin": self._client_login,
            "/reader/api/0/token": self._token,
            "/reader/api/0/subscription/list": self._subscription_list,
            "/reader/api/0/stream/items/ids": self._item_ids,
            "/reader/api/0/stream/items/contents": self._item_contents,
            "/reader/api/0/edit-tag": self._edit_tag,
            "/reader/api/0/subscription/edit": self._subscription_edit,
            "/reader/api/0/mark-all-as-read": self._mark_all_as_read,
        }
        for path, route in routes.items():
            self.http.add(self.prefix + path, self._guarded(route))

    # -- set-up helpers for tests ------------------------------------------------------------
    def start(self) -> GreaderServer:
        self.http.start()
        return self

    def stop(self) -> None:
        self.http.stop()

    @property
    def url(self) -> str:
        return self.http.url(self.prefix + "/")

    def add_feed(self, url: str, title: str, category: str = "Uncategorized") -> str:
        with self._lock:
            feed_id = f"feed/{len(self.subscriptions) + 1}"
            self.subscriptions[feed_id] = Subscription(feed_id, url, title, category)
        return feed_id

    def add_entry(self, feed: str, title: str, link: str, content: str, published: int) -> Entry:
        with self._lock:
            self._next_entry += 1
            entry = Entry(self._next_entry, feed, title, link, content, published)
            self.entries[entry.id] = entry
        return entry

    def by_link(self) -> dict[str, Entry]:
        with self._lock:
            return {e.link: e for e in self.entries.values()}

    # -- the protocol -------------------------------------------------------------------------
    def _guarded(self, route: RouteFn) -> RouteFn:
        def handle(request: Request) -> Reply:
            if self.down:
                return Reply(503, b"Service Unavailable!")
            with self._lock:
                return route(request)

        return handle

    def _authorized(self, request: Request, form: list[tuple[str, str]]) -> bool:
        header = request.headers.get("authorization", "")
        if request.method == "GET":
            return header == f"GoogleLogin auth={self.auth}"
        token = dict(form).get("T")
        if self.flavor == "miniflux":
            return token == self.token  # Miniflux ignores the header on POSTs
        return header == f"GoogleLogin auth={self.auth}" and token == self.token

    @staticmethod
    def _form(request: Request) -> list[tuple[str, str]]:
        query = parse_qsl(urlsplit(request.path).query, keep_blank_values=True)
        body = parse_qsl(request.body.decode(), keep_blank_values=True)
        return query + body

    def _client_login(self, request: Request) -> Reply:
        form = dict(self._form(request))
        if request.method != "POST":
            return Reply(405, b"Method Not Allowed")
        if form.get("Email") != self.username or form.get("Passwd") != self.password:
            return Reply(401, b'{"error_message": "access unauthorized"}')
        self.logins += 1
        return Reply(body=f"SID={self.auth}\nLSID=null\nAuth={self.auth}\n".encode())

    def _token(self, request: Request) -> Reply:
        if not self._authorized(request, []):
            return Reply(401, b"Unauthorized")
        return Reply(body=f"{self.token}\n".encode())

    def _json(self, value: object) -> Reply:
        return Reply(body=json.dumps(value).encode(), headers={"Content-Type": "application/json"})

    def _subscription_list(self, request: Request) -> Reply:
        if not self._authorized(request, []):
            return Reply(401, b"Unauthorized")
        subs = [
            {
                "id": s.id,
                "title": s.title,
                "categories": [{"id": f"user/-/label/{s.category}", "label": s.category}],
                "url": s.url,
                "htmlUrl": "",
            }
            for s in self.subscriptions.values()
        ]
        return self._json({"subscriptions": subs})

    def _item_ids(self, request: Request) -> Reply:
        if request.method != "GET" or not self._authorized(request, []):
            return Reply(401, b"Unauthorized")
        params = self._form(request)
        stream = dict(params).get("s", "")
        exclude = [v for k, v in params if k == "xt"]
        count = int(dict(params).get("n") or 20)
        offset = int(dict(params).get("c") or 0)  # Miniflux: a numeric offset
        entries = sorted(self.entries.values(), key=lambda e: -e.id)
        if stream.endswith("/state/com.google/starred"):
            entries = [e for e in entries if e.starred]
        elif stream.startswith("feed/"):
            entries = [e for e in entries if e.feed == stream]
        elif not stream.endswith("/state/com.google/reading-list"):
            return Reply(400, b"Bad Request!")
        if any(x.endswith("/state/com.google/read") for x in exclude):
            entries = [e for e in entries if not e.read]
        page = entries[offset : offset + count]
        reply: dict[str, object] = {"itemRefs": [{"id": str(e.id)} for e in page]}
        if offset + count < len(entries):
            reply["continuation"] = str(offset + count)
        return self._json(reply)

    def _ids_from(self, form: list[tuple[str, str]]) -> list[int]:
        ids = []
        for key, value in form:
            if key != "i":
                continue
            if value.startswith(LONG_PREFIX):
                ids.append(int(value[len(LONG_PREFIX) :], 16))
            elif value.isdigit():
                ids.append(int(value))
        return ids

    def _item_contents(self, request: Request) -> Reply:
        form = self._form(request)
        if request.method != "POST" or not self._authorized(request, form):
            return Reply(401, b"Unauthorized")
        items = []
        for entry_id in self._ids_from(form):
            entry = self.entries.get(entry_id)
            if entry is None:
                continue
            sub = self.subscriptions[entry.feed]
            categories = ["user/-/state/com.google/reading-list", f"user/-/label/{sub.category}"]
            if entry.read:
                categories.append("user/-/state/com.google/read")
            if entry.starred:
                categories.append("user/-/state/com.google/starred")
            item: dict[str, object] = {
                "id": f"{LONG_PREFIX}{entry.id:016x}",
                "crawlTimeMsec": str(entry.id // 1000),
                "timestampUsec": str(entry.id),
                "published": entry.published,
                "title": entry.title,
                "alternate": [{"href": entry.link}],
                "categories": categories,
                "origin": {"streamId": entry.feed, "title": sub.title},
            }
            # FreshRSS sends the text as summary only; Miniflux as both.
            item["summary"] = {"content": entry.content}
            if self.flavor == "miniflux":
                item["content"] = {"content": entry.content}
            items.append(item)
        return self._json({"id": "user/-/state/com.google/reading-list", "items": items})

    def _edit_tag(self, request: Request) -> Reply:
        form = self._form(request)
        if request.method != "POST" or not self._authorized(request, form):
            return Reply(401, b"Unauthorized")
        adds = [v for k, v in form if k == "a"]
        removes = [v for k, v in form if k == "r"]
        for entry_id in self._ids_from(form):
            entry = self.entries.get(entry_id)
            if entry is None:
                continue
            for tag, value in [(t, True) for t in adds] + [(t, False) for t in removes]:
                if tag.endswith("/state/com.google/read"):
                    entry.read = value
                elif tag.endswith("/state/com.google/starred"):
                    entry.starred = value
        return Reply(body=b"OK")

    def _subscription_edit(self, request: Request) -> Reply:
        form = self._form(request)
        if request.method != "POST" or not self._authorized(request, form):
            return Reply(401, b"Unauthorized")
        values = dict(form)
        action, stream = values.get("ac"), values.get("s", "")
        if action == "subscribe" and stream.startswith("feed/"):
            label = values.get("a", "user/-/label/Uncategorized").rsplit("/", 1)[-1]
            feed_id = f"feed/{len(self.subscriptions) + 1}"
            self.subscriptions[feed_id] = Subscription(feed_id, stream[5:], stream[5:], label)
            return Reply(body=b"OK")
        if action == "unsubscribe" and stream in self.subscriptions:
            del self.subscriptions[stream]
            return Reply(body=b"OK")
        return Reply(400, b"Bad Request!")

    def _mark_all_as_read(self, request: Request) -> Reply:
        form = self._form(request)
        if request.method != "POST" or not self._authorized(request, form):
            return Reply(401, b"Unauthorized")
        stream = dict(form).get("s", "")
        for entry in self.entries.values():
            if entry.feed == stream or stream.endswith("/state/com.google/reading-list"):
                entry.read = True
        return Reply(body=b"OK")
