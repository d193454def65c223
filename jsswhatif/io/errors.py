"""The one error type of files the user names (the CSV reader and the document store)."""


class DocumentFileError(ValueError):
    """A file cannot be used; ``str()`` is one line naming the file and the problem."""
