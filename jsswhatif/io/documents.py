"""Open whatever file the user names: a contracts CSV or a saved ``.jsswhatif`` document."""

from __future__ import annotations

from pathlib import Path

from jsswhatif.core.document import Document
from jsswhatif.io.contracts_csv import read_contracts_csv
from jsswhatif.io.errors import DocumentFileError
from jsswhatif.io.store import load_document

__all__ = ["DocumentFileError", "is_document_path", "read_any"]

DOCUMENT_SUFFIX = ".jsswhatif"


def is_document_path(path: Path) -> bool:
    """Whether ``path`` names a saved document (suffix ``.jsswhatif``, any case)."""
    return path.suffix.lower() == DOCUMENT_SUFFIX


def read_any(path: Path) -> Document:
    """A saved document (``.jsswhatif``), or a document holding a contracts CSV as baseline.

    Raises:
        DocumentFileError: The file cannot be used (a DocumentError for a saved document, a
            CsvError for a CSV); the message names the file and the problem.
    """
    if is_document_path(path):
        return load_document(path)
    return Document(contracts=read_contracts_csv(path))
