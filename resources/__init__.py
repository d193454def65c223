"""Bundled data files: sample documents, icons and desktop integration files."""
