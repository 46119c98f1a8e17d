"""URL identity: when two spellings are the same feed, and how a typed URL is accepted.

One rule, used by OPML import, `add` and the store's duplicate check. It is RFC 3986's
syntax- and scheme-based normalisation (section 6.2.2-6.2.3), nothing more: scheme and host
are case-insensitive, the default port (80, 443) is the same as none, an empty path is "/",
dot segments resolve, percent escapes of unreserved characters are the characters
themselves, and the fragment never reaches the server. Anything that might name another
resource on some server (http vs https, a trailing slash, "www.", the query) is kept.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit, urlunsplit

from .errors import UsageError

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4, on whole segments."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/".join(out) if out != [""] else "/"


def _host(hostname: str) -> str:
    if ":" in hostname:  # an IPv6 literal
        return f"[{hostname}]"
    try:
        return hostname.encode("idna").decode("ascii") if not hostname.isascii() else hostname
    except UnicodeError:
        return hostname


@functools.lru_cache(maxsize=8192)
def canonical_url(url: str) -> str:
    """The one spelling of an http(s) URL that every equivalent spelling maps to.

    Anything that is not a parsable http(s) URL with a host comes back stripped but
    otherwise as it was, so a stored URL of any age still compares with itself.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        hostname = parts.hostname  # lower-cased by urlsplit
        port = parts.port
    except ValueError:
        return url
    if scheme not in _DEFAULT_PORTS or not hostname:
        return url
    netloc = _host(hostname)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = _remove_dot_segments(_ESCAPE.sub(_escape, parts.path)) or "/"
    query = _ESCAPE.sub(_escape, parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def same_feed(a: str, b: str) -> bool:
    return canonical_url(a) == canonical_url(b)


def normalise_url(url: str) -> str:
    """A URL the user typed, canonical: "example.com/feed" means https; anything that is not
    http(s) is a UsageError."""
    url = url.strip()
    if "://" not in url and not url.startswith(("mailto:", "javascript:", "data:", "file:")):
        url = "https://" + url
    if _NOT_IN_URL.search(url):
        raise UsageError(f"not a URL: {url!r} has spaces or control characters")
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)
        # A port out of range or not a number raises ValueError; port 0 is no server's
        # (the HTTP client would quietly ask port 80 instead).
        valid = valid and parts.port != 0
    except ValueError:
        valid = False
    if not valid:
        raise UsageError(f"not an http(s) URL: {url!r}")
    return canonical_url(url)


def loose_url_key(url: str) -> str:
    """A looser identity, for matching a sync server's list to the feeds here: on top of
    canonical_url(), the scheme and a trailing slash do not count (a server often lists
    the https form of a feed subscribed here over http). Not used for duplicates: there,
    http and https may be two feeds."""
    parts = urlsplit(canonical_url(url))
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc}{path}{query}"
