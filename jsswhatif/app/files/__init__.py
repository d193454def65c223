"""Documents on disk: open, save, recent files, samples, import, export, autosave, settings."""
