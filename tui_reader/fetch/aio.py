"""aiohttp, imported without the system CA store loaded twice for nothing.

aiohttp's connector module builds two TLS contexts when it is imported (its defaults for
`ssl=True` and `ssl=False`), each loading the system's CA store: ~100 ms of CPU, a fifth of
a refresh that gets 304 from every feed. http.py never uses them: every https request (and
every request through an https proxy) gets the client's own context (http.py `_make_tls`,
made when the first host needs it), and plain http needs none. So while aiohttp is
imported, OpenSSL's default CA file and folder point at a path that cannot exist, and both
contexts come out empty; the environment is put back at once. Were one of them ever used,
it would trust nothing and refuse the connection, never accept an unverified one.

Import aiohttp through this module (`from .aio import aiohttp`) before anything else does.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

# OpenSSL reads these when a context loads its default verify paths.
_CA_VARIABLES = ("SSL_CERT_FILE", "SSL_CERT_DIR")
_NO_PATH = os.path.join(os.devnull, "no-ca-store")  # under a file: can never exist


@contextlib.contextmanager
def _no_default_ca_store() -> Iterator[None]:
    if "aiohttp.connector" in sys.modules:  # imported before: nothing left to spare
        yield
        return
    saved = {name: os.environ.get(name) for name in _CA_VARIABLES}
    try:
        for name in _CA_VARIABLES:
            os.environ[name] = _NO_PATH
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


with _no_default_ca_store():
    import aiohttp as aiohttp
    from aiohttp.http_exceptions import LineTooLong as LineTooLong

__all__ = ["LineTooLong", "aiohttp"]
