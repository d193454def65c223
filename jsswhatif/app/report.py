"""The report rendered with Qt: a PDF file or a printer (issue 11, deliverable 7).

The content is :func:`jsswhatif.io.report_html.report_html`; this module lays it out with
``QTextDocument``, puts the score plot in as an image (drawn by the plot's own PNG export,
:meth:`ScorePlot.render_png <jsswhatif.app.plot.score_plot.ScorePlot.render_png>`), and
prints it to ``QPdfWriter`` (A4, 15 mm margins) or a ``QPrinter``.
``jsswhatif report`` uses :func:`write_report_offscreen`, which needs no display.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QMessageLogContext,
    QSizeF,
    Qt,
    QtMsgType,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import (
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.core.calendar import months_after, months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import window_exits
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated_days import top_rated_days
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.report_html import PLOT_IMAGE, report_html

#: The plot image's width in pixels (sharp at the 640-point width the report gives it).
PLOT_WIDTH = 1600
MARGIN_MM = 15
#: Dots per inch of the PDF: fine for text, small files.
PDF_RESOLUTION = 300
#: The resolution a QTextDocument takes an image's pixels to have.
SCREEN_DPI = 96


@dataclass(frozen=True, slots=True)
class Report:
    """What the report shows, ready to lay out on any paged device.

    Attributes:
        html: The content (:func:`~jsswhatif.io.report_html.report_html`).
        plot: The plot as PNG data, None for no plot.
        title: The PDF's title.
    """

    html: str
    plot: bytes | None
    title: str = ""

    def laid_out(self, device: QPagedPaintDevice) -> QTextDocument:
        """The report laid out on ``device``'s pages, the plot as wide as the page."""
        document = QTextDocument()
        document.documentLayout().setPaintDevice(device)
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        document.setPageSize(QSizeF(rect.width(), rect.height()))
        if self.plot:
            image = QImage.fromData(self.plot)
            # The layout scales images from 96 dpi to the device's resolution: a pixel ratio
            # makes the image as wide as the page and keeps all its pixels (a sharp PDF).
            wide = rect.width() * 0.98 * SCREEN_DPI / device.logicalDpiX()
            image.setDevicePixelRatio(max(image.width() / wide, 1e-3))
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(PLOT_IMAGE), image)
        document.setHtml(self.html)
        return document

    def pdf_data(self) -> tuple[bytes, int]:
        """The report as PDF data on A4 pages, and the number of pages."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(self.title or "Job Success Score report")
        writer.setCreator("jsswhatif")
        margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
        writer.setPageLayout(layout)
        document = self.laid_out(writer)
        pages = document.pageCount()
        document.print_(writer)
        del writer  # the PDF is complete once the writer is gone
        buffer.close()
        return bytes(data.data()), pages

    def print_to(self, printer: QPagedPaintDevice) -> int:
        """Print the report on ``printer`` (a ``QPrinter`` set up by the print dialog); the
        number of pages."""
        document = self.laid_out(printer)
        document.print_(printer)
        return document.pageCount()


def plot_png(contracts: Sequence[Contract], rules: Rules, as_of: dt.date, caption: str) -> bytes:
    """The score plot of ``contracts`` (two years back, one ahead) as PNG, drawn by a plot of
    its own, as the application draws it."""
    starts = [c.start for c in contracts]
    first = max(min(starts, default=as_of), months_before(as_of, 24))
    last = months_after(as_of, 12)
    plot = ScorePlot(as_of)
    try:
        plot.resize(820, 380)
        # Laid out only once shown; never on screen (the window's own plot may differ).
        plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        plot.show()
        plot.set_range_limits(first, last)
        timeline = compute_timeline(contracts, rules, first, last)
        exits = window_exits(evaluate(contracts, rules, as_of))
        plot.show_timelines(timeline, None, exits, top_rated_days(contracts, rules, first, last))
        plot.set_caption(caption)
        return plot.render_png(PLOT_WIDTH)
    finally:
        plot.deleteLater()


def report_of(document: Document, rules: Rules, as_of: dt.date, plot: bytes | None) -> Report:
    """The report of ``document``'s active scenario, with the ``plot`` PNG given."""
    contracts = document.contracts_for(document.active_scenario)
    html = report_html(
        contracts,
        rules,
        as_of,
        title=document.title,
        large_contract=document.large_contract,
        plot=plot is not None,
    )
    return Report(html, plot, document.title)


def write_report(path: Path, report: Report) -> int:
    """Write ``report`` as a PDF to ``path`` atomically; the number of pages."""
    data, pages = report.pdf_data()
    write_atomic(path, data)
    return pages


def write_report_offscreen(document: Document, rules: Rules, as_of: dt.date, path: Path) -> int:
    """``jsswhatif report``: the report of ``document`` as a PDF, with no window shown (the
    offscreen platform when there is no display). Returns the number of pages."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if QApplication.instance() is None:
        QApplication(["jsswhatif"])
    contracts = document.contracts_for(document.active_scenario)
    caption = f"{document.title or 'JSS'}: rule set {rules.name}, as of {as_of.isoformat()}"
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        plot = plot_png(contracts, rules, as_of, caption)
    finally:
        qInstallMessageHandler(previous)
    return write_report(path, report_of(document, rules, as_of, plot))


def _quiet_offscreen(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's messages on standard error, but the offscreen platform's note on every widget
    shown, which says nothing about the report."""
    if "does not support propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")
