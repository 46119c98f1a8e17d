"""The cache's schema as a list of migrations, applied in order and counted by user_version.

Never edit a migration that has shipped: append a new one. Migration N (1-based) takes a
database at user_version N-1 to N inside one transaction, so a crash mid-way changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import StoreError

# Hears one line before a slow step, for the caller to show (stderr, before any UI starts).
Notice = Callable[[str], None]

# v1: feeds, items, raw pages and cleaned articles.
_V1 = (
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        title_from_user INTEGER NOT NULL DEFAULT 0,
        site_url TEXT,
        tags TEXT NOT NULL DEFAULT '[]',            -- JSON array of strings
        etag TEXT,
        last_modified TEXT,
        last_ok_at REAL,
        last_error TEXT,
        last_error_at REAL,
        error_count INTEGER NOT NULL DEFAULT 0,
        retry_after REAL,                           -- epoch seconds
        added_at REAL NOT NULL
    )
    """,
    """
    CREATE TABLE items (
        -- Small, hot columns first: the list's lookups then never read the text's overflow
        -- pages (a record is read from its start).
        id INTEGER PRIMARY KEY,
        -- NULL once the feed is removed: only starred items survive that (origin_* say where
        -- they came from, so the list can still name the feed and a re-subscribe adopts them).
        feed_id INTEGER REFERENCES feeds(id) ON DELETE CASCADE,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        -- 1 until cleaned, and again when the feed's text changes or a page arrives after a
        -- feed-only clean (an older cleaner version is found through articles instead).
        needs_clean INTEGER NOT NULL DEFAULT 1,
        sort_key REAL NOT NULL,                     -- published (never in the future) or added_at
        published REAL,
        added_at REAL NOT NULL,
        guid TEXT NOT NULL,
        link TEXT,
        title TEXT NOT NULL DEFAULT '',
        author TEXT,
        origin_url TEXT,
        origin_title TEXT,
        summary TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '',
        UNIQUE (feed_id, guid)
    )
    """,
    # The list's orderings: all, per feed (covering read/starred for the unread counts),
    # unread only, starred only.
    "CREATE INDEX items_sorted ON items(sort_key DESC, id DESC)",
    "CREATE INDEX items_feed_sorted ON items(feed_id, sort_key DESC, id DESC, read, starred)",
    "CREATE INDEX items_unread_sorted ON items(sort_key DESC, id DESC) WHERE read = 0",
    "CREATE INDEX items_starred_sorted ON items(sort_key DESC, id DESC) WHERE starred = 1",
    "CREATE INDEX items_needing_clean ON items(sort_key DESC, id DESC) WHERE needs_clean = 1",
    # Guids of pruned items, so a feed that still carries them does not bring them back unread.
    """
    CREATE TABLE pruned (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        PRIMARY KEY (feed_id, guid)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE pages (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        url TEXT,
        status TEXT NOT NULL,                       -- "ok" or a one-line error
        html BLOB,                                  -- zlib-compressed raw bytes
        fetched_at REAL NOT NULL
    )
    """,
    """
    CREATE TABLE articles (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        byline TEXT,
        markdown TEXT NOT NULL,
        text TEXT NOT NULL,
        truncated INTEGER NOT NULL DEFAULT 0,
        links TEXT NOT NULL DEFAULT '[]',           -- JSON array of http(s) URLs
        cleaner_version INTEGER NOT NULL,
        source TEXT NOT NULL,                       -- "page" or "feed"
        had_page INTEGER NOT NULL DEFAULT 0         -- a good page existed when it was cleaned
    )
    """,
    "CREATE INDEX articles_cleaner_version ON articles(cleaner_version)",
)

# v2: entities, their aliases, per-article mentions with counters kept by triggers, and the
# extractor version per item.
_V2 = (
    """
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,                         -- canonical name as first seen
        key TEXT NOT NULL,                          -- normalised name (entity_key())
        articles INTEGER NOT NULL DEFAULT 0,        -- cached articles mentioning it
        mentions INTEGER NOT NULL DEFAULT 0,        -- mentions across those articles
        UNIQUE (type, key)
    )
    """,
    "CREATE INDEX entities_top ON entities(articles DESC, name)",
    "CREATE INDEX entities_type_top ON entities(type, articles DESC, name)",
    "CREATE INDEX entities_key ON entities(key)",
    """
    CREATE TABLE entity_aliases (
        key TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id)",
    """
    CREATE TABLE mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        sort_key REAL NOT NULL,                     -- the item's, so "articles about X" is
                                                    -- one index range, newest first
        count INTEGER NOT NULL,
        first_offset INTEGER NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',         -- JSON array, as seen in this article
        PRIMARY KEY (item_id, entity_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX mentions_entity_sorted ON mentions(entity_id, sort_key DESC, item_id DESC)",
    """
    CREATE TRIGGER mentions_sort_key_au AFTER UPDATE OF sort_key ON items BEGIN
        UPDATE mentions SET sort_key = new.sort_key WHERE item_id = new.id;
    END
    """,
    """
    CREATE TRIGGER mentions_count_ai AFTER INSERT ON mentions BEGIN
        UPDATE entities SET articles = articles + 1, mentions = mentions + new.count
        WHERE id = new.entity_id;
    END
    """,
    """
    CREATE TRIGGER mentions_count_ad AFTER DELETE ON mentions BEGIN
        UPDATE entities SET articles = articles - 1, mentions = mentions - old.count
        WHERE id = old.entity_id;
    END
    """,
    "ALTER TABLE items ADD COLUMN entities_version TEXT",
    "CREATE INDEX items_entities_version ON items(entities_version, sort_key DESC, id DESC)",
)

# v3: full-text search. The FTS5 index stores no copy of the text: its content is a view
# (title + cleaned text, or the feed summary as text until cleaned), kept in step by triggers
# that remove a row's old terms before a change and add the new ones after it. Never upsert
# into items or articles: an upsert fires BEFORE INSERT and then the UPDATE triggers, so the
# old terms would be removed twice. prefix='3' makes 3-letter prefix queries (typing "gov")
# as fast as whole words, for ~10 % more index.
_DELETE_SEARCH_ROW = (
    "INSERT INTO search(search, rowid, title, body) "
    "SELECT 'delete', id, title, body FROM search_source WHERE id = {id};"
)
_INSERT_SEARCH_ROW = (
    "INSERT INTO search(rowid, title, body) "
    "SELECT id, title, body FROM search_source WHERE id = {id};"
)
_V3 = (
    "ALTER TABLE items ADD COLUMN summary_text TEXT NOT NULL DEFAULT ''",
    "UPDATE items SET summary_text = tui_html_text(summary)",
    """
    CREATE VIEW search_source AS
        SELECT i.id AS id, i.title AS title, coalesce(a.text, i.summary_text) AS body
        FROM items AS i LEFT JOIN articles AS a ON a.item_id = i.id
    """,
    """
    CREATE VIRTUAL TABLE search USING fts5(
        title, body, content='search_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2',
        prefix='3'
    )
    """,
    "INSERT INTO search(search) VALUES ('rebuild')",
    "CREATE TRIGGER items_search_ai AFTER INSERT ON items BEGIN "
    + _INSERT_SEARCH_ROW.format(id="new.id")
    + " END",
    "CREATE TRIGGER items_search_bd BEFORE DELETE ON items BEGIN "
    + _DELETE_SEARCH_ROW.format(id="old.id")
    + " END",
    "CREATE TRIGGER items_search_bu BEFORE UPDATE OF title, summary_text ON items BEGIN "
    + _DELETE_SEARCH_ROW.format(id="old.id")
    + " END",
    "CREATE TRIGGER items_search_au AFTER UPDATE OF title, summary_text ON items BEGIN "
    + _INSERT_SEARCH_ROW.format(id="new.id")
    + " END",
    "CREATE TRIGGER articles_search_bi BEFORE INSERT ON articles BEGIN "
    + _DELETE_SEARCH_ROW.format(id="new.item_id")
    + " END",
    "CREATE TRIGGER articles_search_ai AFTER INSERT ON articles BEGIN "
    + _INSERT_SEARCH_ROW.format(id="new.item_id")
    + " END",
    "CREATE TRIGGER articles_search_bu BEFORE UPDATE OF text ON articles BEGIN "
    + _DELETE_SEARCH_ROW.format(id="old.item_id")
    + " END",
    "CREATE TRIGGER articles_search_au AFTER UPDATE OF text ON articles BEGIN "
    + _INSERT_SEARCH_ROW.format(id="new.item_id")
    + " END",
    # When an item is deleted its row is already gone from search_source by the time the
    # cascade removes the article, so these two then select nothing.
    "CREATE TRIGGER articles_search_bd BEFORE DELETE ON articles BEGIN "
    + _DELETE_SEARCH_ROW.format(id="old.item_id")
    + " END",
    "CREATE TRIGGER articles_search_ad AFTER DELETE ON articles BEGIN "
    + _INSERT_SEARCH_ROW.format(id="old.item_id")
    + " END",
)

# v4: an article is kept as the cleaner's blocks (JSON, see store/articles.py), the one form
# the reader draws; Markdown is no longer stored, nor the cleaner's title (the item's title
# is the one shown). Articles from before have no blocks: they show their text until the
# cleaner, run again from the raw pages and feed text kept, stores them anew (they are found
# through articles_without_blocks, which is empty from then on). Items and pruned guids are
# found by link too, for feeds whose guids churn (store/items.py). Each DROP COLUMN rewrites
# the table (the big column first); an UPDATE of every row would rewrite it once more.
_V4 = (
    "ALTER TABLE articles DROP COLUMN markdown",
    "ALTER TABLE articles DROP COLUMN title",
    "ALTER TABLE articles ADD COLUMN blocks TEXT",
    "CREATE INDEX articles_without_blocks ON articles(item_id) WHERE blocks IS NULL",
    # Links, so a feed whose guids churn is matched to what it already had (items.py).
    "CREATE INDEX items_feed_link ON items(feed_id, link) WHERE link IS NOT NULL",
    "ALTER TABLE pruned ADD COLUMN link TEXT",
    "CREATE INDEX pruned_link ON pruned(feed_id, link) WHERE link IS NOT NULL",
)

# v5: sync with a server (tui_reader/sync): the account, which local feed and item each
# server id is with the server's read/starred state as of the last sync (a difference from it
# is a change on one side), and the queue of local marks waiting for the server.
_V5 = (
    """
    CREATE TABLE sync_account (
        id INTEGER PRIMARY KEY CHECK (id = 1),      -- one server at a time
        service TEXT NOT NULL,
        url TEXT NOT NULL,
        username TEXT NOT NULL,
        cursor TEXT,                                -- the protocol's "new items after this"
        last_ok_at REAL,
        last_error TEXT,
        last_error_at REAL
    )
    """,
    """
    CREATE TABLE sync_feeds (
        server_id TEXT PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        created INTEGER NOT NULL,                   -- 1: added by the sync, which removes it
                                                    -- when the server drops it
        tag TEXT,                                   -- the category tag the sync gave it
        filled INTEGER NOT NULL DEFAULT 0           -- 1 once all its items were fetched
    ) WITHOUT ROWID
    """,
    "CREATE INDEX sync_feeds_feed ON sync_feeds(feed_id)",
    """
    CREATE TABLE sync_items (
        server_id TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
        read INTEGER NOT NULL,                      -- the server's state at the last sync
        starred INTEGER NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE sync_marks (
        id INTEGER PRIMARY KEY,                     -- grows: a later mark has a larger id
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
        value INTEGER NOT NULL,
        marked_at REAL NOT NULL
    )
    """,
    "CREATE INDEX sync_marks_item ON sync_marks(item_id, field)",
    # (A server item is matched to a directly subscribed feed's by link: v4's items_feed_link.)
    # A pruned item the server still lists must not come back: its server id joins the
    # guids of pruned items (an item matched by link has a guid of its own feed's).
    """
    CREATE TRIGGER items_sync_pruned BEFORE DELETE ON items
    WHEN old.feed_id IS NOT NULL AND EXISTS (SELECT 1 FROM sync_items WHERE item_id = old.id)
    BEGIN
        INSERT OR IGNORE INTO pruned(feed_id, guid, link)
            SELECT old.feed_id, server_id, old.link FROM sync_items WHERE item_id = old.id;
    END
    """,
)

# v6: each page keeps the Content-Type it was served with, for the cleaner (a page that is
# not HTML never reaches it). NULL for pages stored before.
_V6 = ("ALTER TABLE pages ADD COLUMN content_type TEXT",)

# v7: a feed that answered 410 Gone is marked so (epoch seconds of that answer): refreshes
# of all feeds no longer ask it; a feed refreshed by name that answers 2xx or 304 is cleared.
# NULL for every feed stored before (none was known gone).
_V7 = ("ALTER TABLE feeds ADD COLUMN gone_at REAL",)

# v8: storing an article whose text is the feed summary already indexed leaves the search
# row alone: the delete-and-insert changed nothing and was ~2/3 of the cost of storing an
# article (a refresh stores one per new item). Both triggers test the same condition, so
# either both run or neither does.
_SAME_AS_INDEXED = "new.text IS (SELECT summary_text FROM items WHERE id = new.item_id)"
_V8 = (
    "DROP TRIGGER articles_search_bi",
    "DROP TRIGGER articles_search_ai",
    f"CREATE TRIGGER articles_search_bi BEFORE INSERT ON articles WHEN NOT ({_SAME_AS_INDEXED}) "
    "BEGIN " + _DELETE_SEARCH_ROW.format(id="new.item_id") + " END",
    f"CREATE TRIGGER articles_search_ai AFTER INSERT ON articles WHEN NOT ({_SAME_AS_INDEXED}) "
    "BEGIN " + _INSERT_SEARCH_ROW.format(id="new.item_id") + " END",
)

# v9: pruning finds read, unstarred items by age in an index of those alone. It ran at the
# end of every refresh over items_sorted, looking up each older item's row to read its
# flags: ~25-55 ms a statement for 10,000 items of which none was read (two statements).
_V9 = ("CREATE INDEX items_prunable ON items(sort_key) WHERE read = 1 AND starred = 0",)

# v10: why a truncated article holds only part of its page when the cleaner knows
# (Article.note: "the page is too large to read whole ..."), for the reader to say so
# instead of "the page holds only part of the story". '' for articles stored before.
_V10 = ("ALTER TABLE articles ADD COLUMN note TEXT NOT NULL DEFAULT ''",)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10
)  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


def prepare(conn: sqlite3.Connection) -> None:
    """Register the SQL functions migrations use (on every connection, before migrating)."""
    conn.create_function("tui_html_text", 1, _html_text, deterministic=True)


def _html_text(markup: str | None) -> str:
    # Imported on first use: only a migration calls it, and the HTML parser it needs
    # costs every start (the first paint) ~10 ms of imports otherwise.
    from ..fetch.itemtext import html_text

    return html_text(markup)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    path: str,
    target: int = SCHEMA_VERSION,
    notice: Notice | None = None,
) -> int:
    """Bring the database to `target`, one transaction per migration; returns the old version.

    `notice` hears one line before an existing cache is upgraded: on a large cache that takes
    seconds, and a silent pause at start-up looks like a hang. The connection must be in
    autocommit mode (isolation_level=None).
    """
    current = user_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer tui-reader (schema v{current}; this one knows "
            f"up to v{SCHEMA_VERSION}): upgrade tui-reader to open it"
        )
    if current == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(f"{path} is an SQLite database but not a tui-reader cache")
    start = current
    if notice is not None and 0 < current < target:
        notice(
            f"upgrading the cache at {path} (schema v{current} to v{target}); "
            "on a large cache this takes a little while"
        )
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if user_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
