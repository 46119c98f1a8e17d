"""Fetcher: HTTP with caps, feed parsing from bytes, discovery and OPML."""
