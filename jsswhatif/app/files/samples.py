"""The sample documents shipped with the application (File ▸ Open Sample).

Each sample is a saved document with a title and a short description of the story it tells;
the menu lists them by title, and opening one shows its description above the table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.errors import DocumentFileError
from jsswhatif.io.store import load_document

#: The sample opened on the very first start.
FIRST_RUN_SAMPLE = "dropped-92-to-90"


@dataclass(frozen=True, slots=True)
class Sample:
    """One bundled sample document.

    Attributes:
        path: The file (inside the installed package: never saved over).
        title: The document's title, as the menu shows it.
        description: What the sample shows, in a few sentences.
    """

    path: Path
    title: str
    description: str

    @property
    def name(self) -> str:
        """The file name without its suffix (``dropped-92-to-90``)."""
        return self.path.stem


def samples_folder() -> Path:
    """The folder of the bundled samples (a real path in checkouts, wheels and bundles)."""
    return Path(str(resources.files("jsswhatif.resources").joinpath("samples")))


@functools.cache
def bundled_samples() -> tuple[Sample, ...]:
    """Every bundled sample document that opens, by file name (read once: they never change)."""
    found = []
    for path in sorted(samples_folder().glob(f"*{DOCUMENT_SUFFIX}")):
        try:
            document = load_document(path)
        except DocumentFileError:
            continue  # a damaged install must not break the menu
        found.append(Sample(path, document.title or path.stem, document.description))
    return tuple(found)


def sample_named(name: str) -> Sample | None:
    """The bundled sample whose file is ``<name>.jsswhatif``, or None."""
    return next((s for s in bundled_samples() if s.name == name), None)


def is_bundled(path: Path) -> bool:
    """Whether ``path`` lies in the bundled samples' folder (never written to)."""
    try:
        return path.absolute().parent.resolve() == samples_folder().resolve()
    except OSError:
        return False
