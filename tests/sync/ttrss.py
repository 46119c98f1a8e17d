"""A real Tiny Tiny RSS server on 127.0.0.1 for tests: Debian's `tt-rss` package served by PHP's
built-in web server, on a throwaway PostgreSQL cluster that these helpers start themselves.

- One PostgreSQL cluster per test session (initdb in a temporary folder, trust auth, loopback
  only, fsync off); a template database holds TT-RSS's schema with API access enabled for
  `admin`, so each server gets a fresh database by `CREATE DATABASE ... TEMPLATE` (well under a
  second).
- Each server has its own web root: a copy of /usr/share/tt-rss/www (the package itself is never
  touched) with its own config.php and a patched classes/urlhelper.php, because TT-RSS refuses
  feeds on loopback addresses and on ports other than 80/443, and its build_url() drops the port.
- PostgreSQL and TT-RSS's updater refuse to run as root: when the tests run as root (CI), every
  process here runs as `nobody`; otherwise as the user running the tests.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path("/usr/share/tt-rss/www")
PACKAGE_SCHEMA = Path("/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql")
PACKAGE_CONFIG = Path("/etc/tt-rss/config.php")
PHP = "/usr/bin/php"
USERNAME = "admin"
PASSWORD = "password"  # the schema's default for admin (its SHA1 hash is in the schema)
_DB_USER = "ttrss"
_TEMPLATE = "ttrss_template"
_START_TIMEOUT = 30.0
# TT-RSS of 2021 on PHP 8 warns on nearly every line; errors still reach the log.
_QUIET = ("-d", "error_reporting=E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED")


def missing() -> str | None:
    """Why a real TT-RSS server cannot be started here, or None when it can."""
    if not (PACKAGE_ROOT / "api" / "index.php").is_file() or not PACKAGE_SCHEMA.is_file():
        return "Debian's tt-rss package is not installed"
    if not os.access(PHP, os.X_OK):
        return "php-cli is not installed"
    if _postgres_bin() is None:
        return "PostgreSQL server binaries are not installed"
    return None


def _postgres_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(re.sub(r"\D", "", p.split("/")[4]) or 0),
    )
    return Path(found[-1]).parent if found else None


@dataclass(frozen=True)
class Account:
    """The account server processes run as: ourselves, or `nobody` when we are root."""

    uid: int
    gid: int

    @classmethod
    def current(cls) -> Account:
        if os.geteuid() != 0:
            return cls(os.getuid(), os.getgid())
        entry = pwd.getpwnam("nobody")
        return cls(entry.pw_uid, entry.pw_gid)

    @property
    def is_self(self) -> bool:
        return self.uid == os.geteuid()

    def own(self, path: Path) -> None:
        """Give a folder tree to this account (it must write its data, locks and caches)."""
        if self.is_self:
            return
        for folder, dirs, files in os.walk(path):
            os.lchown(folder, self.uid, self.gid)
            for name in dirs + files:
                os.lchown(os.path.join(folder, name), self.uid, self.gid)

    def popen_args(self) -> dict[str, Any]:
        if self.is_self:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, deadline: float, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until something accepts on 127.0.0.1:port; the process dying or the deadline fails."""
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {_tail(log)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"server did not listen on port {port}: {_tail(log)}")
        time.sleep(0.02)  # polling a socket that is coming up, bounded by the deadline


def _tail(path: Path, lines: int = 5) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Postgres:
    """A throwaway PostgreSQL cluster listening on 127.0.0.1 only."""

    def __init__(self, base: Path, account: Account) -> None:
        bindir = _postgres_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL server binaries are not installed")
        self.bindir = bindir
        self.base = base
        self.account = account
        self.data = base / "pgdata"
        self.socket_dir = base / "pgsocket"
        self.log = base / "postgres.log"
        self.port = 0
        self._next_db = 0

    def _run(self, *argv: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
            env={**_clean_env(), "HOME": str(self.base)},
            cwd=self.base,
            **self.account.popen_args(),
        )

    def start(self) -> None:
        self.socket_dir.mkdir()
        self.account.own(self.base)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            _DB_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.port = free_port()
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            str(int(_START_TIMEOUT)),
            "start",
        )
        self.psql("postgres", f"CREATE DATABASE {_TEMPLATE}")
        self.psql_file(_TEMPLATE, PACKAGE_SCHEMA)
        # API access is off for every user until this preference says otherwise.
        self.psql(
            _TEMPLATE,
            "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, profile, value) "
            "SELECT id, 'ENABLE_API_ACCESS', NULL, 'true' FROM ttrss_users "
            f"WHERE login = '{USERNAME}'",
        )

    def stop(self) -> None:
        if self.port and (self.data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def new_database(self) -> str:
        self._next_db += 1
        name = f"ttrss_{self._next_db}"
        self.psql("postgres", f"CREATE DATABASE {name} TEMPLATE {_TEMPLATE}")
        return name

    def psql(self, database: str, sql: str) -> list[list[str]]:
        """Run `sql`; rows of the last statement as lists of strings (tab-separated output)."""
        out = self._run(*self._psql_args(database), "-c", sql).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def psql_file(self, database: str, path: Path) -> None:
        self._run(*self._psql_args(database), "-f", str(path))

    def _psql_args(self, database: str) -> list[str]:
        return [
            str(self.bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            _DB_USER,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-A",
            "-t",
            "-F",
            "\t",
        ]


def _clean_env() -> dict[str, str]:
    """The environment without proxies (TT-RSS's curl would send loopback fetches to them)."""
    return {
        k: v
        for k, v in os.environ.items()
        if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
        and not k.startswith("PG")
    }


def _replace_once(text: str, old: str, new: str, what: str) -> str:
    if text.count(old) != 1:
        raise RuntimeError(f"tt-rss changed: cannot patch {what} (expected one {old!r})")
    return text.replace(old, new)


def patched_urlhelper(source: str) -> str:
    """TT-RSS's UrlHelper with the loopback and port guards lifted and build_url keeping the
    port, so it can subscribe to feeds served by a test on 127.0.0.1:<any port>."""
    source = _replace_once(
        source,
        """$tmp = $parts['scheme'] . "://" . $parts['host'];""",
        """$tmp = $parts['scheme'] . "://" . $parts['host'];
		if (isset($parts['port'])) $tmp .= ':' . $parts['port'];""",
        "build_url",
    )
    source = _replace_once(
        source,
        "if ($extended_filtering) {",
        "if (false && $extended_filtering) {",
        "the port and loopback guard",
    )
    loopback_checks = source.count('strpos($ip_addr, "127.") === 0')
    loopback_checks += source.count('strpos($fetch_effective_ip_addr, "127.") === 0')
    if loopback_checks < 2:
        raise RuntimeError("tt-rss changed: cannot patch the loopback address checks")
    source = source.replace('strpos($ip_addr, "127.") === 0', "false")
    return source.replace('strpos($fetch_effective_ip_addr, "127.") === 0', "false")


def _config_php(source: str, *, url: str, db_port: int, db_name: str, root: Path) -> str:
    """Debian's config.php with this server's database, URL and folders."""
    source = re.sub(
        r"include_once\('/etc/tt-rss/database.php'\);",
        lambda _: (
            "$dbtype = 'pgsql'; $dbserver = '127.0.0.1'; "
            f"$dbport = '{db_port}'; $dbuser = '{_DB_USER}'; $dbname = '{db_name}'; $dbpass = '';"
        ),
        source,
    )
    values = {
        "SELF_URL_PATH": url,
        "LOCK_DIRECTORY": str(root / "lock"),
        "CACHE_DIR": str(root / "cache"),
        "LOG_DESTINATION": "",  # errors go to the database's error log, not syslog
        "CHECK_FOR_UPDATES": False,  # it would call out to the internet
        "PLUGINS": "auth_internal",
    }
    for name, value in values.items():
        php = json.dumps(value) if isinstance(value, str) else ("true" if value else "false")
        replacement = f"define('{name}', {php});".replace("\\", "\\\\")  # literal for re
        source, count = re.subn(rf"define\('{name}',\s*[^;]*\);", replacement, source)
        if count != 1:
            raise RuntimeError(f"tt-rss changed: config.php has no single {name}")
    if "$dbname = " not in source:
        raise RuntimeError("tt-rss changed: config.php no longer includes database.php")
    return source


class TtrssServer:
    """One TT-RSS instance: its own web root, database and `php -S` process."""

    def __init__(self, postgres: Postgres) -> None:
        self.postgres = postgres
        self.account = postgres.account
        self.database = postgres.new_database()
        base = postgres.base.parent / self.database
        base.mkdir()
        self.root = base / "www"
        self.log = base / "php.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._sid: str | None = None
        self._build()

    @property
    def url(self) -> str:
        """The base URL (the folder whose api/ answers), as config.toml's [sync] url takes it."""
        return f"http://127.0.0.1:{self.port}/"

    def _build(self) -> None:
        shutil.copytree(PACKAGE_ROOT, self.root, symlinks=True)
        # The package links its libraries by relative paths, which a copy elsewhere breaks.
        for link in [p for p in self.root.rglob("*") if p.is_symlink()]:
            original = PACKAGE_ROOT / link.relative_to(self.root)
            target = Path(os.path.normpath(original.parent / os.readlink(original)))
            link.unlink()
            link.symlink_to(target)
        (self.root / "config.php").unlink()
        (self.root / "config.php").write_text(
            _config_php(
                PACKAGE_CONFIG.read_text(),
                url=self.url,
                db_port=self.postgres.port,
                db_name=self.database,
                root=self.root,
            )
        )
        helper = self.root / "classes" / "urlhelper.php"
        helper.write_text(patched_urlhelper(helper.read_text()))
        (self.root / "feed-icons").unlink()
        (self.root / "feed-icons").mkdir()
        (self.root / "lock").mkdir()
        for sub in ("images", "upload", "export"):
            (self.root / "cache" / sub).mkdir(parents=True)
        self.account.own(self.root.parent)

    # -- process ---------------------------------------------------------------------------

    def start(self) -> TtrssServer:
        if self._process is not None:
            raise RuntimeError("server already running")
        log = self.log.open("ab")
        env = {**_clean_env(), "HOME": str(self.root.parent)}
        # The built-in server handles one request at a time, as measured against Debian's PHP.
        self._process = subprocess.Popen(
            [PHP, *_QUIET, "-S", f"127.0.0.1:{self.port}", "-t", str(self.root)],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            **self.account.popen_args(),
        )
        log.close()
        # For .ci/run to stop it, should a killed test run leave it behind.
        (self.root.parent / "php.pid").write_text(f"{self._process.pid}\n")
        wait_for_port(self.port, time.monotonic() + _START_TIMEOUT, self._process, self.log)
        return self

    def stop(self) -> None:
        """Stop serving (the database stays): sync then finds the server unreachable."""
        process, self._process = self._process, None
        if process is None:
            return
        (self.root.parent / "php.pid").unlink(missing_ok=True)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- server-side actions (what another client or the admin would do) ------------------

    def api(self, op: str, **params: Any) -> Any:
        """Call the JSON API as admin; the reply's content, or RuntimeError on status 1."""
        if op != "login" and self._sid is None:
            self._sid = str(self.api("login", user=USERNAME, password=PASSWORD)["session_id"])
        body = {"op": op, **params}
        if op != "login":
            body["sid"] = self._sid
        request = urllib.request.Request(
            self.url + "api/",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=30) as response:
            reply = json.loads(response.read())
        if reply.get("status") != 0:
            raise RuntimeError(f"TT-RSS {op}: {reply.get('content')}")
        return reply["content"]

    def subscribe(self, feed_url: str, category: str | None = None) -> int:
        """Subscribe admin to `feed_url` (in a new or existing category); the feed's id."""
        cat_id = 0
        if category is not None:
            cat_id = self.category(category)
        status = self.api("subscribeToFeed", feed_url=feed_url, category_id=cat_id)["status"]
        if status.get("code") not in (0, 1):  # 0 added, 1 already subscribed
            raise RuntimeError(f"TT-RSS could not subscribe to {feed_url}: {status}")
        rows = self.sql(f"SELECT id FROM ttrss_feeds WHERE feed_url = '{_sql(feed_url)}'")
        return int(rows[0][0])

    def category(self, title: str) -> int:
        rows = self.sql(f"SELECT id FROM ttrss_feed_categories WHERE title = '{_sql(title)}'")
        if not rows:
            rows = self.sql(
                "INSERT INTO ttrss_feed_categories (owner_uid, title) "
                f"SELECT id, '{_sql(title)}' FROM ttrss_users WHERE login = '{USERNAME}' "
                "RETURNING id"
            )
        return int(rows[0][0])

    def update_feeds(self, feed_ids: Sequence[int] = ()) -> None:
        """Run TT-RSS's updater (it refuses root) so the server fetches its feeds now."""
        ids = feed_ids or [int(r[0]) for r in self.sql("SELECT id FROM ttrss_feeds")]
        for feed_id in ids:
            result = subprocess.run(
                [
                    PHP,
                    *_QUIET,
                    "update.php",
                    "--update-feed",
                    str(feed_id),
                    "--force-update",
                    "--quiet",
                ],
                cwd=self.root,
                env={**_clean_env(), "HOME": str(self.root.parent)},
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                **self.account.popen_args(),
            )
            if result.returncode != 0:
                raise RuntimeError(f"update.php failed: {(result.stdout + result.stderr)[-400:]}")
            errors = self.sql(f"SELECT last_error FROM ttrss_feeds WHERE id = {int(feed_id)}")
            if errors and errors[0][0]:
                raise RuntimeError(f"TT-RSS could not fetch feed {feed_id}: {errors[0][0]}")

    def bulk_articles(
        self, feed_id: int, count: int, link_prefix: str, *, start: int = 0, body_chars: int = 0
    ) -> None:
        """Put `count` articles straight into a feed's table, as if its updater had fetched
        them (thousands in a second, where update.php takes minutes). Titles say "story";
        `body_chars` pads each article's text to about that length."""
        last = start + count - 1
        padding = (
            f" || repeat(' More of the story.', {int(body_chars) // 19})" if body_chars else ""
        )
        self.sql(
            "WITH e AS (INSERT INTO ttrss_entries (title, guid, link, updated, content, "
            "content_hash, date_entered, date_updated) "
            f"SELECT 'Bulk story ' || n, 'bulk:{int(feed_id)}:' || n, "
            f"'{_sql(link_prefix)}' || n, to_timestamp(1700000000 + n), "
            f"'<p>Bulk story ' || n || ': the council met on Tuesday.'{padding} || '</p>', "
            "'h' || n, NOW(), NOW() "
            f"FROM generate_series({int(start)}, {int(last)}) AS n RETURNING id) "
            "INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, "
            f"label_cache, unread) SELECT e.id, '', {int(feed_id)}, u.id, '', '', true "
            f"FROM e, ttrss_users AS u WHERE u.login = '{USERNAME}'"
        )

    def sql(self, query: str) -> list[list[str]]:
        return self.postgres.psql(self.database, query)

    def articles(self) -> dict[str, tuple[bool, bool]]:
        """link -> (unread, marked), straight from the server's database."""
        rows = self.sql(
            "SELECT e.link, ue.unread, ue.marked FROM ttrss_entries e "
            "JOIN ttrss_user_entries ue ON ue.ref_id = e.id"
        )
        return {link: (unread == "t", marked == "t") for link, unread, marked in rows}


def _sql(text: str) -> str:
    return text.replace("'", "''")


@contextlib.contextmanager
def postgres_cluster() -> Iterator[Postgres]:
    """A cluster in a fresh folder that the server account can reach (pytest's own temporary
    folders are private to the user running the tests)."""
    parent = os.environ.get("TUI_READER_TTRSS_TMP") or None
    base = Path(tempfile.mkdtemp(prefix="tui-reader-ttrss-", dir=parent))
    base.chmod(0o755)
    cluster = Postgres(base / "pg", Account.current())
    (base / "pg").mkdir()
    try:
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)
