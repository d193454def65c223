"""Starting the desktop application: the QApplication, the first document, the window.

This is the one place that reads today's date (the core never reads the clock). PySide6 is
imported before pyqtgraph, with ``PYQTGRAPH_QT_LIB`` set, so pyqtgraph binds to it.

``JSSWHATIF_QUIT_AFTER_MS`` (milliseconds) makes :func:`run` quit by itself after that delay,
for smoke tests of the real application.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from importlib import resources
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from jsswhatif.app.controller import Controller
from jsswhatif.app.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.io.contracts_csv import read_contracts_csv
from jsswhatif.io.documents import DocumentFileError, read_any

APP_ID = "io.github.jsswhatif.JssWhatIf"
QUIT_AFTER_ENV = "JSSWHATIF_QUIT_AFTER_MS"
SAMPLE_TITLE = "Sample freelancer"


def today() -> dt.date:
    """Today in the local time zone (the only clock read of the program)."""
    return dt.datetime.now().astimezone().date()


def resource_path(*parts: str) -> Path:
    """A file shipped in ``jsswhatif.resources`` (a real path: checkouts, wheels, bundles)."""
    return Path(str(resources.files("jsswhatif.resources").joinpath(*parts)))


def sample_path() -> Path:
    """The bundled sample contracts CSV."""
    return resource_path("samples", "freelancer-example.csv")


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created on first call), named, with the window icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("jsswhatif")
    app.setApplicationDisplayName("jsswhatif")
    app.setOrganizationName("jsswhatif")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(window_icon())
    return app


def window_icon() -> QIcon:
    """The application icon: the scalable SVG plus the PNG sizes (for builds without SVG)."""
    icon = QIcon()
    folder = resource_path("icons")
    for png in sorted(folder.glob("hicolor/*/apps/*.png")):
        icon.addFile(str(png))
    svg = folder / "jsswhatif.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def load_document(path: Path | None) -> Document:
    """The document of ``path`` (a contracts CSV or a saved document), else the sample.

    Raises:
        CsvError (one of DocumentFileError): The file cannot be used; the message says why.
    """
    if path is None:
        return Document(contracts=read_contracts_csv(sample_path()), title=SAMPLE_TITLE)
    return read_any(path)


def build_window(document: Document, path: Path | None, on: dt.date) -> MainWindow:
    """The main window over a new controller of ``document``, today being ``on``."""
    return MainWindow(Controller(document, today=on), path)


def run(path: Path | None = None) -> int:
    """Start the application on a contracts CSV (or saved document), else on the sample.

    Returns the exit code: 0 after a normal quit, 2 when the file cannot be used (the reason
    goes to standard error in one line, and no window opens).
    """
    app = application()
    try:
        document = load_document(path)
    except DocumentFileError as exc:
        print(f"jsswhatif: error: {exc}", file=sys.stderr)
        return 2
    window = build_window(document, path, today())
    window.show()
    quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if quit_after:
        QTimer.singleShot(int(quit_after), lambda: app.exit(0))
    code = app.exec()
    window.controller.shutdown()
    window.deleteLater()
    return code


def smoke_test(png_path: Path) -> int:
    """Open the sample offscreen, compute, export the plot to ``png_path``; 0 on success."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    window = build_window(load_document(None), None, today())
    window.resize(1400, 900)
    window.show()
    window.controller.flush()
    window.controller.flush_insights()
    app.processEvents()
    window.score_plot.export_png(png_path, width=1200)
    window.controller.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0 if png_path.is_file() and png_path.stat().st_size > 0 else 1
