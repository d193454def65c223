"""File ▸ Import Contracts CSV and File ▸ Export: the contracts, the timeline, the plot.

Import replaces the baseline contracts in one undoable step; a CSV that breaks the format is
refused whole, with a dialog naming the file, row, column and text. Exports write the document
(a copy), the contracts on screen, the timeline of the plot's range (one row per day, for the
scenario and rule set on screen) and the plot as PNG or SVG, each atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jsswhatif.app.window import dialogs
from jsswhatif.core.contracts import ContractError
from jsswhatif.core.document import Document
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.contracts_csv import CsvError, format_contracts_csv, read_contracts_csv
from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.exports import timeline_csv
from jsswhatif.io.store import document_to_json

if TYPE_CHECKING:
    from jsswhatif.app.files.document_files import DocumentFiles

DOCUMENT_FILTER = "jsswhatif documents (*.jsswhatif)"
CSV_FILTER = "Contracts CSV (*.csv)"
#: Width of Export ▸ Plot as PNG, in pixels (the height follows the plot's proportions).
PNG_WIDTH = 1600
#: How long the status bar shows what a file command did, in milliseconds.
STATUS_MS = 8000
_FILTERS = {
    DOCUMENT_SUFFIX: DOCUMENT_FILTER,
    ".csv": "CSV files (*.csv)",
    ".png": "PNG images (*.png)",
    ".svg": "SVG drawings (*.svg)",
}


class ImportExport:
    """The import and export commands of one window's :class:`DocumentFiles`."""

    def __init__(self, files: DocumentFiles) -> None:
        """Serve ``files``' window and controller, asking paths through it."""
        self._files = files
        self._window = files.window
        self._controller = files.window.controller

    def import_csv(self, path: Path | None = None) -> bool:
        """Replace the baseline contracts with a CSV's, in one undoable step.

        On any problem a dialog names the file, row, column and text, and nothing changes.
        """
        if path is None:
            filters = f"{CSV_FILTER};;All files (*)"
            folder = self._files.folder()
            path = dialogs.ask_open_path(self._window, folder, "Import contracts", filters)
            if path is None:
                return False
        try:
            contracts = read_contracts_csv(path)
        except CsvError as exc:
            dialogs.show_error(self._window, "Cannot import the contracts", csv_problem(exc))
            return False
        self._files.settings.remember_folder(path.parent)

        def replaced(document: Document) -> Document:
            return document.model_copy(update={"contracts": contracts}).checked()

        try:  # check first, so that a clash is a dialog too and not a status-bar line
            after = replaced(self._controller.document)
            for scenario in after.scenarios:
                after.contracts_for(scenario.name)
        except (ContractError, ValueError) as exc:
            text = f"{path.name}: the contracts do not fit this document's scenarios: {exc}"
            dialogs.show_error(self._window, "Cannot import the contracts", text)
            return False
        if not self._controller.edit(f"Import contracts from {path.name}", replaced):
            self._window.statusBar().showMessage(f"{path.name}: nothing changed", STATUS_MS)
            return False
        message = f"Imported {len(contracts)} contracts from {path.name} (Undo takes them back)"
        self._window.statusBar().showMessage(message, STATUS_MS)
        return True

    def export_copy(self) -> Path | None:
        """Write a copy of the document (this one stays open, attached to its own file)."""
        text = document_to_json(self._controller.document_for_saving())
        return self._export("Export a copy of the document", " copy", DOCUMENT_SUFFIX, text)

    def export_contracts(self) -> Path | None:
        """Write the contracts on screen (the active scenario's) as a contracts CSV."""
        text = format_contracts_csv(self._controller.contracts)
        return self._export("Export contracts CSV", "", ".csv", text)

    def export_timeline(self) -> Path | None:
        """Write the score on every day of the plot's range (active scenario and rule set)."""
        text = timeline_csv(self._controller.flush().timeline)
        return self._export("Export timeline CSV", " timeline", ".csv", text)

    def export_png(self) -> Path | None:
        """Write the plot as a PNG image :data:`PNG_WIDTH` pixels wide."""
        return self._export("Export plot as PNG", " plot", ".png", None)

    def export_svg(self) -> Path | None:
        """Write the plot as an SVG drawing."""
        return self._export("Export plot as SVG", " plot", ".svg", None)

    def _export(self, title: str, tail: str, suffix: str, data: str | None) -> Path | None:
        path = self._files.ask_target(title, suffix, _FILTERS[suffix], tail)
        if path is None:
            return None
        plot = self._window.score_plot
        try:
            self._controller.flush()
            if suffix == ".png":
                payload: str | bytes = plot.render_png(PNG_WIDTH)
            elif suffix == ".svg":
                payload = plot.render_svg()
            else:
                payload = data or ""
            write_atomic(path, payload)
        except OSError as exc:
            dialogs.show_error(self._window, "Cannot export", f"{path}: {reason(exc)}")
            return None
        self._window.statusBar().showMessage(f"Exported {path}", STATUS_MS)
        return path


def csv_problem(error: CsvError) -> str:
    """A CSV error as the import dialog lists it: file, row, column, text, problem."""
    lines = [f"File: {error.path.name if error.path else error.source}"]
    if error.row:
        lines.append(f"Row: {error.row}")
    elif error.column:
        lines.append("Row: the header")
    if error.column:
        lines.append(f"Column: {error.column}")
        lines.append(f"Text: {error.text!r}")
    contract = f" (contract {error.contract_id!r})" if error.contract_id else ""
    lines.append(f"Problem: {error.problem}{contract}")
    return "\n".join([*lines, "", "Nothing was imported."])


def reason(error: Exception) -> str:
    """Why a file operation failed, in words (an OSError's text without its number)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)
