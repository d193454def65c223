"""Importing contracts into the open document: from Upwork, a CSV, a spreadsheet, a paste.

Every import is read first, then previewed (:mod:`jsswhatif.app.files.import_preview`), and
only what the user confirms goes into the document, as one undoable step that merges into the
baseline (or replaces it, when the user chose so); the status bar says what was added,
updated and skipped.

- File ▸ Import from Upwork reads one or more transaction history files
  (:func:`~jsswhatif.io.upwork.read_transaction_history`); the preview can regroup their
  payments with a split gap.
- File ▸ Import Contracts CSV (and a CSV dropped on the window) reads the file in the
  encoding it is in. Under the contracts CSV header it is read as strictly as interfaces.md
  says; under another header it goes through the column-mapping step
  (:mod:`jsswhatif.app.files.mapping_dialog`); an Upwork transaction history is read as one.
- Paste reads tab-separated rows from a spreadsheet the same way: rows under the contracts
  header (what Copy puts on the clipboard) go straight to the preview, others through the
  mapping step.

:class:`Importer` gets the controller and the window's :class:`FileChooser` through its
constructor, asks through the thin wrappers of :mod:`jsswhatif.app.window.dialogs`, and says
what it did through ``reported``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jsswhatif.app.constants import ALL_FILES_FILTER, CSV_FILTER, ERROR_STATUS_MS, STATUS_MS
from jsswhatif.app.files.chooser import FileChooser
from jsswhatif.app.files.import_export import csv_problem
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.controller import Controller
from jsswhatif.core import edits
from jsswhatif.core.contracts import ContractError
from jsswhatif.core.imports import merge_imported
from jsswhatif.io.contracts_csv import CsvError, parse_contracts_csv, read_csv_text
from jsswhatif.io.encoding import ENCODING_NAMES
from jsswhatif.io.errors import DocumentFileError

if TYPE_CHECKING:
    from jsswhatif.app.files.import_preview import ImportSource

# The readers of Upwork files and of other tables, and the import preview, are imported by
# the import that needs them: every window makes an Importer, and at start none of them is
# needed (a cold start, issue 14).

UPWORK_FILTER = "Upwork transaction history (*.csv)"
PASTED = "pasted rows"


class Importer(QObject):
    """The imports of one window: Upwork files, contracts CSV and spreadsheets, pasted rows.

    Signals:
        reported(str, int): What an import did, for the status bar, and for how many
            milliseconds to show it.
        imported(): Contracts were imported into the document (it changed).
    """

    reported = Signal(str, int)
    imported = Signal()

    def __init__(self, controller: Controller, chooser: FileChooser, parent: QWidget) -> None:
        """Import into ``controller``'s document; ask through ``chooser`` and ``parent``."""
        super().__init__(parent)
        self._controller = controller
        self._chooser = chooser
        self._parent = parent

    # The commands -----------------------------------------------------------------------------

    def import_upwork(self, paths: Sequence[Path] | None = None) -> bool:
        """Read Upwork transaction history files (asked for without ``paths``), preview the
        contracts they imply and merge those confirmed. True when the document changed."""
        if paths is None:
            filters = f"{UPWORK_FILTER};;{ALL_FILES_FILTER}"
            paths = dialogs.ask_open_paths(
                self._parent, self._chooser.folder(), "Import from Upwork", filters
            )
            if not paths:
                return False
        from jsswhatif.app.files.import_preview import ImportSource  # noqa: PLC0415 (see top)
        from jsswhatif.core.imported import group_payments  # noqa: PLC0415 (see top)
        from jsswhatif.io.upwork import read_transaction_history  # noqa: PLC0415 (see top)

        try:
            found = read_transaction_history(paths)
        except (DocumentFileError, ValueError) as exc:
            self._chooser.show_error("Cannot import from Upwork", f"{exc}\n\nNothing was imported.")
            return False
        self._chooser.settings.remember_folder(paths[0].parent)
        rows = found.rows
        name = paths[0].name if len(paths) == 1 else f"{len(paths)} files"
        notes = (*(report.line() for report in found.reports), found.summary)
        source = ImportSource(
            name, found.contracts, notes, regroup=lambda gap: group_payments(rows, gap)
        )
        return self.preview_and_merge(source)

    def import_csv(self, path: Path | None = None) -> bool:
        """Read a contracts CSV, a spreadsheet's CSV or an Upwork file (asked for without
        ``path``), preview it and merge what is confirmed. True when the document changed."""
        if path is None:
            filters = f"{CSV_FILTER};;{ALL_FILES_FILTER}"
            path = self._chooser.ask_open("Import contracts", filters)
            if path is None:
                return False
        try:
            text, encoding = read_csv_text(path)
        except CsvError as exc:
            self._chooser.show_error("Cannot import the contracts", csv_problem(exc))
            return False
        self._chooser.settings.remember_folder(path.parent)
        notes = (f"{path.name}: read as {ENCODING_NAMES[encoding]}.",)
        return self._import_text(text, path.name, notes, path)

    def paste(self, text: str) -> bool:
        """Import rows pasted from a spreadsheet (tab-separated, with or without a header)."""
        if not text.strip():
            self.reported.emit("Nothing to paste: the clipboard holds no rows.", ERROR_STATUS_MS)
            return False
        return self._import_text(text, PASTED, ())

    # Steps ------------------------------------------------------------------------------------

    def _import_text(
        self, text: str, name: str, notes: tuple[str, ...], path: Path | None = None
    ) -> bool:
        """Read ``text`` as the contracts CSV, an Upwork file or any table, then preview it."""
        from jsswhatif.app.files.import_preview import ImportSource  # noqa: PLC0415 (see top)
        from jsswhatif.io.column_mapping import (  # noqa: PLC0415 (see top)
            TableError,
            apply_mapping,
            guess_mapping,
            is_contracts_header,
            read_table,
        )

        try:
            table = read_table(text)
        except TableError as exc:
            self._chooser.show_error("Cannot import the contracts", f"{name} {exc}.")
            return False
        first = table.rows[0]
        if path is not None and _is_upwork_header(first):
            return self.import_upwork([path])
        if is_contracts_header(first) and table.delimiter == ",":
            try:
                contracts = parse_contracts_csv(text, source=name)
            except CsvError as exc:
                self._chooser.show_error("Cannot import the contracts", csv_problem(exc))
                return False
            has_ids = "id" in (cell.strip().lower() for cell in first)
            return self.preview_and_merge(ImportSource(name, contracts, notes, has_ids))
        if is_contracts_header(first):  # rows copied from this table: nothing to map
            mapping = guess_mapping(table)
        else:
            asked = dialogs.ask_column_mapping(self._parent, table, name, notes)
            if asked is None:
                self.reported.emit(f"Import of {name} cancelled: nothing changed.", STATUS_MS)
                return False
            mapping = asked
        mapped = apply_mapping(table, mapping)
        left = tuple(f"Left out: {problem}" for problem in mapped.problems)
        source = ImportSource(name, mapped.contracts, (*notes, *left), "id" in mapping.columns)
        return self.preview_and_merge(source)

    def preview_and_merge(self, source: ImportSource) -> bool:
        """Preview ``source``; merge what the user confirms as one undoable step."""
        choice = dialogs.ask_import_preview(self._parent, source, self._controller.document)
        if choice is None:
            self.reported.emit(f"Import of {source.name} cancelled: nothing changed.", STATUS_MS)
            return False
        try:  # check first, so that a clash is a dialog and not a status-bar line
            merged, _ = merge_imported(
                self._controller.document, choice.contracts, choice.replace,
                match_ids=choice.match_ids,
            )  # fmt: skip
            edits.check_scenarios(merged)
        except (ContractError, ValueError) as exc:
            text = f"{source.name}: the contracts do not fit this document: {exc}"
            self._chooser.show_error("Cannot import the contracts", text)
            return False
        report = self._controller.import_contracts(
            choice.contracts,
            choice.replace,
            f"Import contracts from {source.name}",
            match_ids=choice.match_ids,
        )
        if report is None:  # refused: the controller said why in the status bar
            return False
        left = f"; {choice.left_out} left out" if choice.left_out else ""
        undo = " (Undo takes it back)" if report.changed else ""
        self.reported.emit(f"Imported from {source.name}: {report.words()}{left}{undo}.", STATUS_MS)
        if report.changed:
            self.imported.emit()
        return report.changed


def _is_upwork_header(cells: Sequence[str]) -> bool:
    from jsswhatif.io.upwork_layouts import HeaderError, read_header  # noqa: PLC0415 (see top)

    try:
        read_header(cells)
    except HeaderError:
        return False
    return True
