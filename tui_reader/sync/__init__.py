"""Sync with a server people already run (Tiny Tiny RSS, or the Google Reader API of FreshRSS,
Miniflux and others): the local cache stays the truth the app reads; subscriptions, items and
read/starred state are pulled, and local marks wait in a queue until the server takes them."""
