"""Starting the desktop application: the QApplication, the first document, the window.

This is the one place that reads today's date (the core never reads the clock). PySide6 is
imported before pyqtgraph, with ``PYQTGRAPH_QT_LIB`` set, so pyqtgraph binds to it.

The first document: the file named on the command line; else the work of a window that did
not close (a crash), if the user recovers it; else the most recent file, if it still exists;
else (the first start) an empty document, whose contracts panel welcomes the newcomer: what
the tool does, that it estimates, and how to begin (import, open, add, a sample). With
a file named, the work of a window that did not close is offered too (that of the same file
first), and replaces the file on screen if the user recovers it.

``JSSWHATIF_QUIT_AFTER_MS`` (milliseconds) makes :func:`run` quit by itself after that delay,
for smoke tests of the real application.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from importlib import resources
from pathlib import Path

from jsswhatif.app import memory

with memory.importing():  # no collection while importing: all of it lives on (see memory)
    # The model and the files first, before PySide6: PySide6 reads the source of every module
    # imported after it (looking for ``from __feature__ import``): about 0.1 s for the 355
    # modules still imported after it, pyqtgraph's and the application's, before
    # pyside_check made each a read of its file.
    from jsswhatif.core.document import Document
    from jsswhatif.io.documents import DocumentFileError, is_document_path, read_any

    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

    from PySide6.QtCore import QTimer

    from jsswhatif.app import pyside_check

    pyside_check.check_in_files()  # before the modules after PySide6 (pyqtgraph's, ours)

    from jsswhatif.app.pyqtgraph_import import import_pyqtgraph

    import_pyqtgraph()  # before the plot modules import it the usual way (which copies all)

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from jsswhatif.app.constants import APP_ID, APP_NAME
    from jsswhatif.app.crash import CrashHandler
    from jsswhatif.app.files.samples import FIRST_RUN_SAMPLE, is_bundled, sample_named
    from jsswhatif.app.files.settings import Settings, log_folder
    from jsswhatif.app.window.controller import Controller, UnusableDocument
    from jsswhatif.app.window.main_window import MainWindow

QUIT_AFTER_ENV = "JSSWHATIF_QUIT_AFTER_MS"
#: Width of the smoke test's PNG, in pixels.
SMOKE_PNG_WIDTH = 1200


def today() -> dt.date:
    """Today in the local time zone (the only clock read of the program)."""
    return dt.datetime.now().astimezone().date()


def resource_path(*parts: str) -> Path:
    """A file shipped in ``jsswhatif.resources`` (a real path: checkouts, wheels, bundles)."""
    return Path(str(resources.files("jsswhatif.resources").joinpath(*parts)))


def sample_path() -> Path:
    """The bundled sample document opened on the first start."""
    return resource_path("samples", f"{FIRST_RUN_SAMPLE}.jsswhatif")


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created on first call), named, with the window icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(window_icon())
    memory.tune(app)
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
    """The document of ``path`` (a contracts CSV or a saved document), else the first sample.

    Raises:
        DocumentFileError: The file cannot be used; the message says why.
    """
    return read_any(sample_path() if path is None else path)


def build_window(
    document: Document, path: Path | None, on: dt.date, settings: Settings | None = None
) -> MainWindow:
    """The main window over a new controller of ``document``, today being ``on``.

    ``path`` is the file ``document`` was read from: a saved document becomes the
    document's file; a contracts CSV or a bundled sample only names it (Save asks).
    """
    target = path if path is not None and is_document_path(path) and not is_bundled(path) else None
    controller = Controller(document, today=on, path=None if target is None else target.absolute())
    return MainWindow(controller, path, settings=settings)


def open_window(path: Path | None, on: dt.date, settings: Settings) -> MainWindow:
    """The window of the first document (see the module's description); not shown yet.

    Once the first document is in the window the garbage collector freezes what is
    tracked, and again after each document opened or contracts imported later
    (:mod:`jsswhatif.app.memory`).

    Raises:
        DocumentFileError: ``path`` cannot be used (no window is made).
        UnusableDocument: ``path`` was read but cannot be shown (no window is made).
    """
    if path is not None:
        window = build_window(read_any(path), path, on, settings)
        settings.add_recent(path)
        window.files.offer_recovery(first=path)  # a crash's work, that of this file first
    else:
        window = build_window(Document(), None, on, settings)
        files = window.files
        if not files.offer_recovery():
            recent = settings.recent[0] if settings.recent else None
            if recent is not None and recent.is_file():
                files.open_recent(recent)
            # Otherwise (the first start) the empty document's welcome says how to begin.
    window.restore_layout()
    memory.started()
    window.files.opened.connect(memory.document_loaded)
    window.importer.imported.connect(memory.document_loaded)
    return window


def run(path: Path | None = None) -> int:
    """Start the application on a document or contracts CSV, else as :func:`open_window` says.

    Returns the exit code: 0 after a normal quit, 2 when the file cannot be read or shown (the
    reason goes to standard error in one line, and no window opens).
    """
    app = application()
    try:
        window = open_window(path, today(), Settings.load())
    except DocumentFileError as exc:
        print(f"jsswhatif: error: {exc}", file=sys.stderr)
        return 2
    except UnusableDocument as exc:  # read, but its first results cannot be computed
        print(f"jsswhatif: error: {path}: {exc}", file=sys.stderr)
        return 2
    hook = CrashHandler(log_folder(), window.files.autosave.save_now, window)
    hook.install()
    window.show()
    quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if quit_after:
        QTimer.singleShot(int(quit_after), lambda: app.exit(0))
    try:
        code = app.exec()
        window.files.finish()
    finally:
        hook.uninstall()
    window.controller.shutdown()
    window.deleteLater()
    return code


def smoke_test(png_path: Path) -> int:
    """Open the first sample document offscreen, compute, export the plot to ``png_path``.

    Returns 0 on success. Nothing is kept: no recent file, no window layout, no autosave.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    window = build_window(Document(), None, today(), Settings(None))
    sample = sample_named(FIRST_RUN_SAMPLE)
    if sample is None or not window.files.open_sample(sample):
        return 1
    window.resize(1400, 900)
    window.show()
    window.controller.flush()
    window.controller.flush_insights()
    app.processEvents()
    window.score_plot.export_png(png_path, width=SMOKE_PNG_WIDTH)
    window.controller.shutdown()
    window.hide()  # not close(): that would store the window layout
    window.deleteLater()
    app.processEvents()
    return 0 if png_path.is_file() and png_path.stat().st_size > 0 else 1
