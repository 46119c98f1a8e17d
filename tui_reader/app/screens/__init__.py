"""Screens own layout and state."""
