"""File ▸ Export: the document, the contracts, the timeline, the plot.

Imports are :mod:`jsswhatif.app.files.importer`'s; a contracts CSV that breaks the format is
refused whole, with a dialog naming the file, row, column and text (:func:`csv_problem`).
Exports write the document (a copy), the contracts on screen, the timeline of the plot's range
(one row per day, for the scenario and rule set on screen) and the plot as PNG or SVG, each
atomically.

:class:`ImportExport` gets what it needs through its constructor: the controller, a
:class:`~jsswhatif.app.files.chooser.FileChooser` for the questions and a
:class:`PlotPicture` (the score plot) for the images; what it did goes out as ``reported``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from jsswhatif.app.constants import SAVE_FILTERS, STATUS_MS
from jsswhatif.app.files.chooser import FileChooser, reason
from jsswhatif.app.window.controller import Controller
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.contracts_csv import CsvError, format_contracts_csv
from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.exports import timeline_csv
from jsswhatif.io.store import document_to_json

#: Width of Export ▸ Plot as PNG, in pixels (the height follows the plot's proportions).
PNG_WIDTH = 1600


class PlotPicture(Protocol):
    """What the exports need of the score plot: its picture."""

    def render_png(self, width: int) -> bytes:
        """The plot as PNG data ``width`` pixels wide."""
        ...

    def render_svg(self) -> bytes:
        """The plot as SVG data."""
        ...


class ImportExport(QObject):
    """File ▸ Export, for one controller.

    Signals:
        reported(str, int): What a command did, for the status bar, and for how many
            milliseconds to show it.
    """

    reported = Signal(str, int)

    def __init__(
        self,
        controller: Controller,
        chooser: FileChooser,
        plot: PlotPicture,
        parent: QObject | None = None,
    ) -> None:
        """Export from ``controller``; ask through ``chooser``; picture ``plot``."""
        super().__init__(parent)
        self._controller = controller
        self._chooser = chooser
        self._plot = plot

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
        path = self._chooser.ask_target(title, suffix, SAVE_FILTERS[suffix], tail)
        if path is None:
            return None
        plot = self._plot
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
            self._chooser.show_error("Cannot export", f"{path}: {reason(exc)}")
            return None
        self.reported.emit(f"Exported {path}", STATUS_MS)
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
