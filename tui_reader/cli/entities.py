"""`tui-reader entities`: who and what the cache is about. (Owned by the entities work.)"""

from __future__ import annotations

import argparse
from typing import Any, get_args

from ..errors import NotFoundError
from ..models import EntityType
from .args import limit
from .context import Context
from .output import safe

TYPES: tuple[str, ...] = get_args(EntityType)


def _entity_type(value: str) -> str:
    upper = value.strip().upper()
    if upper == "LOC" or upper == "GPE":
        upper = "PLACE"  # the names other tools use for places
    if upper not in TYPES:
        raise argparse.ArgumentTypeError(f"unknown type {value!r} (one of: {', '.join(TYPES)})")
    return upper


def register(sub: Any) -> None:
    """Add the `entities` subcommand to the parser's subparsers."""
    p = sub.add_parser(
        "entities",
        help="people, places and organisations across the cache, by number of articles",
        description="List the entities of cached articles: name, type and how many articles "
        "mention each. `tui-reader search --entity NAME` lists those articles.",
    )
    p.add_argument(
        "--type", "-t", type=_entity_type, metavar="T", help=f"only this type ({', '.join(TYPES)})"
    )
    p.add_argument(
        "--feed", "-f", metavar="F", help="only articles of this feed (id, URL or title)"
    )
    p.add_argument("--limit", "-n", type=limit, default=50, metavar="N", help="at most N rows (50)")
    p.set_defaults(handler=cmd_entities)


def cmd_entities(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.reading() as store:
        feed_id: int | None = None
        if args.feed is not None:
            feed = store.find_feed(args.feed)
            if feed is None:
                raise NotFoundError(f"no feed {args.feed!r} (see `tui-reader feeds` for ids)")
            feed_id = feed.id
        rows = store.top_entities(type=args.type, feed_id=feed_id, limit=args.limit)
    if not rows:
        print("no entities yet (run `tui-reader refresh` first)", file=ctx.out)
        return 0
    names = [safe(row.name, 60) for row in rows]
    width = max(len(name) for name in names)
    print(f"{'NAME':<{width}}  {'TYPE':<6}  ARTICLES", file=ctx.out)
    for name, row in zip(names, rows, strict=True):
        print(f"{name:<{width}}  {row.type:<6}  {row.articles:>8}", file=ctx.out)
    return 0
