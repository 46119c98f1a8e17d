"""Entities: people, places and organisations named in an article."""
