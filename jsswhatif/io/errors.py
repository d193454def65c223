"""The one error type of files the user names (the CSV reader and the document store)."""

from __future__ import annotations

from pathlib import Path


class DocumentFileError(ValueError):
    """A file cannot be used; ``str()`` is one line naming the file and the problem."""


def shown_path(path: Path | str) -> str:
    r"""``path`` as error messages name it: on one line, control characters escaped.

    A file name may hold a newline; the message naming it must stay one line.

    Example:
        >>> print(shown_path("/tmp/two\nlines.csv"))
        /tmp/two\nlines.csv
    """
    return one_line(str(path))


def one_line(text: str) -> str:
    r"""``text`` with every control character (newline, tab, ...) written as its escape.

    Example:
        >>> print(one_line("a\tb\nc"))
        a\tb\nc
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
