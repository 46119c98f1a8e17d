"""Cleaner: readability finds the article, our block pass removes the cruft."""
