"""Widgets, one job each."""
