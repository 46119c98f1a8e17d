"""Entity mentions per article and the entities across the cache."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from ..models import Article, Entity, EntityCount, EntityType
from .articles import ArticlesMixin
from .base import StoreBase, ids_json, reads, writes
from .text import entity_key, is_acronym_form, storable_article, utf8

MAX_ENTITY_NAME_CHARS = 200


class EntitiesMixin(StoreBase):
    """The entities, entity_aliases and mentions tables."""

    @reads
    def items_needing_entities(self, extractor_version: str, limit: int = 1000) -> list[int]:
        """Cleaned items whose entities are missing or from another extractor version."""
        rows = self._reader.execute(
            # Three index ranges (never, older, newer) rather than "IS NOT", which scans;
            # each stops at `limit`. The index gives each version's items newest first.
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version IS NULL AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) "
            "  ORDER BY sort_key DESC, id DESC LIMIT ?2) UNION ALL "
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version < ?1 AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) LIMIT ?2) UNION ALL "
            "SELECT id FROM (SELECT id FROM items AS i WHERE entities_version > ?1 AND EXISTS "
            "  (SELECT 1 FROM articles AS a WHERE a.item_id = i.id) LIMIT ?2) LIMIT ?2",
            (extractor_version, limit),
        )
        return [row[0] for row in rows]

    @writes
    def store_entities(
        self, item_id: int, entities: Sequence[Entity], *, extractor_version: str
    ) -> None:
        """Replace the item's entity mentions (one transaction)."""
        merged = _merged(entities)
        with self._write() as conn:
            if not self._item_exists(conn, item_id):
                return  # removed meanwhile
            self._put_mentions(conn, item_id, merged)
            conn.execute(
                "UPDATE items SET entities_version = ? WHERE id = ?", (extractor_version, item_id)
            )

    @writes
    def store_cleaned(
        self,
        item_id: int,
        article: Article,
        *,
        source: str,
        entities: Sequence[Entity] | None,
        extractor_version: str,
    ) -> None:
        """store_article and then store_entities (when the extractor gave them), in one
        transaction with one write to the item's row: what a refresh does for each item."""
        self.store_cleaned_many(
            [(item_id, article, source, entities)], extractor_version=extractor_version
        )

    @writes
    def store_cleaned_many(
        self,
        cleaned: Sequence[tuple[int, Article, str, Sequence[Entity] | None]],
        *,
        extractor_version: str,
    ) -> None:
        """store_cleaned for each (item id, article, source, entities), all in one
        transaction: a refresh's chunk of items (a savepoint each cost two statements of
        the ~7 an item takes)."""
        with self._write() as conn:
            if len({row[0] for row in cleaned}) < len(cleaned):
                # An item twice: its second article must see the first one's row.
                for row in cleaned:
                    self._store_cleaned_chunk(conn, [row], extractor_version)
            else:
                self._store_cleaned_chunk(conn, cleaned, extractor_version)

    def _store_cleaned_chunk(
        self,
        conn: sqlite3.Connection,
        cleaned: Sequence[tuple[int, Article, str, Sequence[Entity] | None]],
        extractor_version: str,
    ) -> None:
        """store_cleaned of distinct items, in few statements (each was ~4 an item): their
        states read at once, new articles inserted together, the items marked together.
        Articles, mentions and marks touch different rows, so the order between them does
        not change what is stored; mentions keep the chunk's order (entities are resolved
        in it)."""
        assert isinstance(self, ArticlesMixin)  # the Store is both (store/db.py)
        states = self._article_states(conn, [row[0] for row in cleaned])
        fresh: list[tuple[int, Article, str]] = []
        # The items marked cleaned, by (whether entities_version is set, to what; None clears).
        marks: dict[tuple[bool, str | None], list[int]] = {}
        mentions: list[tuple[int, _Merged]] = []
        for item_id, article, source, entities in cleaned:
            if item_id not in states:
                continue  # removed meanwhile
            article = storable_article(article)
            old = states[item_id]
            if old is None:
                fresh.append((item_id, article, source))
                changed = True
            else:
                changed = self._put_article(conn, item_id, article, source, old)
            if entities is None:  # new text: its entities must be extracted again
                marks.setdefault((changed, None), []).append(item_id)
            else:
                mentions.append((item_id, _merged(entities)))
                marks.setdefault((True, extractor_version), []).append(item_id)
        self._insert_articles(conn, fresh)
        if mentions:
            conn.execute(
                "DELETE FROM mentions WHERE item_id IN (SELECT value FROM json_each(?))",
                (ids_json(item_id for item_id, _ in mentions),),
            )
        self._add_mentions(conn, mentions)
        for (sets, version), ids in marks.items():
            conn.execute(
                f"UPDATE items SET needs_clean = 0{', entities_version = ?' if sets else ''} "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (version, ids_json(ids)) if sets else (ids_json(ids),),
            )

    @staticmethod
    def _put_mentions(conn: sqlite3.Connection, item_id: int, merged: _Merged) -> None:
        """The item's mentions replaced, inside the caller's transaction."""
        conn.execute("DELETE FROM mentions WHERE item_id = ?", (item_id,))
        EntitiesMixin._add_mentions(conn, [(item_id, merged)])

    @staticmethod
    def _add_mentions(conn: sqlite3.Connection, mentions: Sequence[tuple[int, _Merged]]) -> None:
        """The mentions of items that have none, stored in the order given (an article's
        names resolve against the entities and forms the ones before it stored), inside
        the caller's transaction: the entities and forms they can resolve to read in one
        go, the forms and mentions written by one statement each (a chunk of four pages
        names ~70 entities: ~4 statements each, one by one, were half of storing it)."""
        known = _KnownEntities(conn, _lookup_keys(mentions))
        alias_rows: list[tuple[str, int]] = []
        mention_rows: list[tuple[int, int, int, int, int, str]] = []
        for item_id, merged in mentions:
            # Slots that resolve to one stored entity (a form another story named it by)
            # become one mention.
            rows: dict[int, tuple[int, int, list[str]]] = {}
            for (etype, key), (name, count, offset, aliases) in merged.items():
                entity_id, own = known.resolve(etype, key, name, aliases)
                if not own:  # filed under another story's name: this one is a form of it
                    aliases = [name, *aliases]
                alias_keys = {entity_key(alias) for alias in aliases} - {key if own else "", ""}
                for alias_key in sorted(alias_keys):
                    alias_rows.append((alias_key, entity_id))
                    known.add_form(alias_key, entity_id, etype)
                if entity_id in rows:
                    seen_count, seen_offset, seen = rows[entity_id]
                    rows[entity_id] = (
                        seen_count + count,
                        min(seen_offset, offset),
                        seen + [a for a in [name, *aliases] if a not in seen],
                    )
                else:
                    rows[entity_id] = (count, offset, list(aliases))
            mention_rows.extend(
                (entity_id, item_id, item_id, max(count, 1), max(offset, 0), json.dumps(aliases))
                for entity_id, (count, offset, aliases) in rows.items()
            )
        conn.executemany(
            "INSERT OR IGNORE INTO entity_aliases(key, entity_id) VALUES (?, ?)", alias_rows
        )
        conn.executemany(
            "INSERT INTO mentions(entity_id, item_id, sort_key, count, first_offset, "
            "aliases) VALUES (?, ?, (SELECT sort_key FROM items WHERE id = ?), ?, ?, ?)",
            mention_rows,
        )

    @reads
    def top_entities(
        self, *, type: EntityType | None = None, feed_id: int | None = None, limit: int = 50
    ) -> list[EntityCount]:
        """Entities by number of articles mentioning them. One indexed query."""
        if feed_id is None:
            # The counters are kept by triggers on mentions, so this reads one index.
            sql = "SELECT id, type, name, articles, mentions FROM entities WHERE articles > 0"
            params: list[object] = []
            if type is not None:
                sql += " AND type = ?"
                params.append(type)
            sql += " ORDER BY articles DESC, name LIMIT ?"
        else:
            sql = (
                "SELECT e.id, e.type, e.name, count(*) AS n, sum(m.count) FROM items AS i "
                "JOIN mentions AS m ON m.item_id = i.id JOIN entities AS e ON e.id = m.entity_id "
                "WHERE i.feed_id = ?"
            )
            params = [feed_id]
            if type is not None:
                sql += " AND e.type = ?"
                params.append(type)
            sql += " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?"
        params.append(limit)
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4])
            for r in self._reader.execute(sql, params)
        ]

    @reads
    def article_entities(self, item_id: int) -> list[EntityCount]:
        """The entities of one article (mentions = in this article, articles = in the cache)."""
        rows = self._reader.execute(
            "SELECT e.id, e.type, e.name, e.articles, m.count FROM mentions AS m "
            "JOIN entities AS e ON e.id = m.entity_id WHERE m.item_id = ? "
            "ORDER BY m.count DESC, m.first_offset",
            (item_id,),
        )
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4]) for r in rows
        ]

    @reads
    def find_entity(self, name: str) -> list[EntityCount]:
        """Entities whose canonical name or an alias equals name (case-insensitive)."""
        key = utf8(entity_key(name))
        if not key:
            return []
        rows = self._reader.execute(
            "SELECT id, type, name, articles, mentions FROM entities "
            "WHERE articles > 0 AND (key = ? OR id IN "
            "  (SELECT entity_id FROM entity_aliases WHERE key = ?)) "
            "ORDER BY articles DESC, name",
            (key, key),
        )
        return [
            EntityCount(id=r[0], type=r[1], name=r[2], articles=r[3], mentions=r[4]) for r in rows
        ]


_Merged = dict[tuple[str, str], tuple[str, int, int, list[str]]]


def _merged(entities: Sequence[Entity]) -> _Merged:
    """(type, key) -> (first name, count, first offset, aliases): two entities that
    normalise to the same key are one entity in the index."""
    merged: _Merged = {}
    for entity in entities:
        name = utf8(" ".join(entity.name.split())[:MAX_ENTITY_NAME_CHARS])
        key = entity_key(name)
        if not key:
            continue
        aliases = [utf8(" ".join(a.split())[:MAX_ENTITY_NAME_CHARS]) for a in entity.aliases]
        slot = (entity.type, key)
        if slot in merged:
            first_name, count, offset, seen = merged[slot]
            merged[slot] = (
                first_name,
                count + entity.count,
                min(offset, entity.first_offset),
                seen + [a for a in [name, *aliases] if a not in seen and a != first_name],
            )
        else:
            merged[slot] = (name, entity.count, entity.first_offset, aliases)
    return merged


def _linkable(form: str, key: str) -> bool:
    """A form specific enough to name one entity across stories: several words ("Brock
    Holt", "Red Sox") or an acronym ("NHS", "DoD"); not a lone word ("Holt", "United")."""
    return " " in key or is_acronym_form(form)


# Keys bound to one statement of _KnownEntities, under the 999 variables an SQLite may be
# built with.
_KEYS_PER_READ = 500


def _lookup_keys(mentions: Sequence[tuple[int, _Merged]]) -> set[str]:
    """Every key _KnownEntities.resolve can look up for these mentions: each name's and
    each form's."""
    keys: set[str] = set()
    for _, merged in mentions:
        for (_, key), (_, _, _, aliases) in merged.items():
            keys.add(key)
            keys.update(entity_key(alias) for alias in aliases)
    keys.discard("")
    return keys


class _KnownEntities:
    """The stored entities and forms (entity_aliases) under some keys, read at once, kept
    in step with what the caller adds: the lookups that file a mention, answered from
    memory. Keys outside the ones read are never asked for (_lookup_keys)."""

    def __init__(self, conn: sqlite3.Connection, keys: set[str]) -> None:
        self._conn = conn
        self._ids: dict[tuple[str, str], int] = {}  # (type, key) -> entity id
        self._forms: dict[str, dict[int, str]] = {}  # form key -> {entity id: its type}
        ordered = sorted(keys)
        for start in range(0, len(ordered), _KEYS_PER_READ):
            part = ordered[start : start + _KEYS_PER_READ]
            marks = ", ".join("?" * len(part))
            for etype, key, entity_id in conn.execute(
                f"SELECT type, key, id FROM entities WHERE key IN ({marks})", part
            ):
                self._ids[(etype, key)] = int(entity_id)
            for key, entity_id, etype in conn.execute(
                "SELECT a.key, a.entity_id, e.type FROM entity_aliases AS a "
                f"JOIN entities AS e ON e.id = a.entity_id WHERE a.key IN ({marks})",
                part,
            ):
                self._forms.setdefault(key, {})[int(entity_id)] = etype

    def add_form(self, key: str, entity_id: int, etype: str) -> None:
        """A form the caller stores (INSERT OR IGNORE: a form stored twice is one row)."""
        self._forms.setdefault(key, {})[entity_id] = etype

    def resolve(self, etype: str, key: str, name: str, aliases: list[str]) -> tuple[int, bool]:
        """The entity this article's name is: the one stored under its key; else the one
        stored under a form this article lists ("Brock Wyatt Holt", listing "Brock
        Holt"); else the one entity that lists this name as its form ("NHS", which another
        story gave as "National Health Service"); else a new one (stored now). True when
        stored under this key."""
        entity_id = self._ids.get((etype, key))
        if entity_id is not None:
            return entity_id, True
        found: set[int] = set()
        for alias in aliases:
            alias_key = entity_key(alias)
            if alias_key and alias_key != key and _linkable(alias, alias_key):
                hit = self._ids.get((etype, alias_key))
                if hit is not None and not self._named_otherwise(etype, alias_key, hit):
                    found.add(hit)
        if len(found) != 1 and _linkable(name, key):
            hits = [other for other, other_type in self._of(key) if other_type == etype]
            found = {hits[0]} if len(hits) == 1 else set()
        if len(found) == 1:
            return found.pop(), False
        inserted = self._conn.execute(
            "INSERT INTO entities(type, name, key) VALUES (?, ?, ?) RETURNING id",
            (etype, name, key),
        ).fetchone()
        entity_id = int(inserted[0])
        self._ids[(etype, key)] = entity_id
        return entity_id, True

    def _of(self, key: str) -> list[tuple[int, str]]:
        return list(self._forms.get(key, {}).items())

    def _named_otherwise(self, etype: str, key: str, entity_id: int) -> bool:
        """Another entity of the type lists this form too ("PA": Press Association and
        Palestinian Authority): the form names neither for sure."""
        return any(other != entity_id and t == etype for other, t in self._of(key))
