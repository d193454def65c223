"""Names, file filters and delays every room of the application shares, each in one place.

The application's name and desktop id, which files it opens, the filters of its file dialogs
and how long the status bar shows a message. Constants used by one module only stay there.
"""

from __future__ import annotations

from jsswhatif.io.documents import DOCUMENT_SUFFIX

#: The application's name: window titles, settings and log folders.
APP_NAME = "jsswhatif"
#: The licence the application is distributed under (pyproject's ``license``).
LICENSE = "MIT"
#: Reverse-DNS id shared by the .desktop file, the AppStream metainfo and the icon.
APP_ID = "io.github.jsswhatif.JssWhatIf"

CSV_SUFFIX = ".csv"
#: Files that open as documents (by open, drop or the command line).
OPENABLE_SUFFIXES = (DOCUMENT_SUFFIX, CSV_SUFFIX)

DOCUMENT_FILTER = "jsswhatif documents (*.jsswhatif)"
CSV_FILTER = "Contracts CSV (*.csv)"
ALL_FILES_FILTER = "All files (*)"
#: File ▸ Open's filters.
OPEN_FILTERS = (
    f"Documents and contracts CSV (*.jsswhatif *.csv);;{DOCUMENT_FILTER};;{CSV_FILTER};;"
    f"{ALL_FILES_FILTER}"
)
#: Save and export filters by suffix.
SAVE_FILTERS = {
    DOCUMENT_SUFFIX: DOCUMENT_FILTER,
    CSV_SUFFIX: "CSV files (*.csv)",
    ".png": "PNG images (*.png)",
    ".svg": "SVG drawings (*.svg)",
}

#: How long the status bar shows what a command did, in milliseconds.
STATUS_MS = 8000
#: How long the status bar shows why something failed, in milliseconds.
ERROR_STATUS_MS = 10_000
