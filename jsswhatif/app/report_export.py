"""File ▸ Export ▸ Report (PDF), File ▸ Export ▸ Calendar and File ▸ Print Report.

:class:`ReportExport` makes the report (:mod:`jsswhatif.app.report`) and the calendar
(:mod:`jsswhatif.io.calendar_file`) of the document on screen: its active scenario, rule set
and as-of date. The questions go through thin wrappers (:func:`ask_print` here,
:func:`~jsswhatif.app.window.dialogs.ask_save_path`), so that tests answer them without a
modal window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jsswhatif.app.constants import STATUS_MS
from jsswhatif.app.report import Report, plot_png, report_of, write_report
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.controller import Controller
from jsswhatif.io.calendar_file import calendar_events, write_calendar

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

Status = Callable[[str, int], None]


def ask_print(parent: QWidget | None, printer: QPrinter) -> bool:
    """Show the print dialog for ``printer``; True when the user chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog  # noqa: PLC0415 (see print_report)

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print Report")
    return bool(dialog.exec() == QDialog.DialogCode.Accepted)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ReportExport:
    """The report and calendar commands of one window."""

    def __init__(self, controller: Controller, parent: QWidget, status: Status) -> None:
        """Report on ``controller``'s document; dialogs are children of ``parent``;
        ``status(text, ms)`` says what was done."""
        self._controller = controller
        self._parent = parent
        self._status = status

    def report(self) -> Report:
        """The report of what is on screen, with its plot (a wait cursor meanwhile: at
        thousands of contracts it takes a second or two)."""
        c = self._controller
        document, as_of = c.document, c.as_of
        rules = document.rules
        caption = f"{document.title or 'JSS'}: rule set {rules.name}, as of {as_of.isoformat()}"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plot = plot_png(c.contracts, rules, as_of, caption)
            return report_of(document, rules, as_of, plot)
        finally:
            QApplication.restoreOverrideCursor()

    def _target(self, title: str, suffix: str, filters: str) -> Path | None:
        path = self._controller.path
        stem = path.stem if path else "jss"
        folder = path.parent if path else Path.home()
        suggested = folder / f"{stem} {'report' if suffix == '.pdf' else 'calendar'}{suffix}"
        chosen = dialogs.ask_save_path(self._parent, title, suggested, filters)
        if chosen is None:
            return None
        return chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)

    def export_report(self) -> Path | None:
        """Ask where, then write the report as a PDF; the file, or None."""
        path = self._target("Export report (PDF)", ".pdf", "PDF documents (*.pdf)")
        if path is None:
            return None
        try:
            pages = write_report(path, self.report())
        except OSError as exc:
            dialogs.show_error(self._parent, "Cannot export", f"{path}: {exc.strerror or exc}")
            return None
        self._status(f"Exported {path} ({_plural(pages, 'page')})", STATUS_MS)
        return path

    def export_calendar(self) -> Path | None:
        """Ask where, then write the coming changes as an iCalendar file; the file, or None."""
        path = self._target("Export calendar", ".ics", "iCalendar files (*.ics)")
        if path is None:
            return None
        c = self._controller
        events = calendar_events(c.contracts, c.document.rules, c.as_of)
        source = c.path
        name = f"JSS: {c.document.title or (source.stem if source else 'jsswhatif')}"
        try:
            write_calendar(path, events, name, dt.datetime.now(dt.UTC), str(source or name))
        except OSError as exc:
            dialogs.show_error(self._parent, "Cannot export", f"{path}: {exc.strerror or exc}")
            return None
        self._status(f"Exported {path} ({_plural(len(events), 'event')})", STATUS_MS)
        return path

    def print_report(self) -> int | None:
        """Ask for a printer, then print the report; the number of pages, or None.

        Qt's printing module is imported here: a build without it still starts, and says
        that it cannot print.
        """
        try:
            from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415 (maybe not in a build)
        except ImportError:
            text = "This build of jsswhatif cannot print: export the report as PDF instead."
            dialogs.show_error(self._parent, "Cannot print", text)
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not ask_print(self._parent, printer):
            return None
        pages = self.report().print_to(printer)
        self._status(f"Printed the report ({_plural(pages, 'page')})", STATUS_MS)
        return pages
