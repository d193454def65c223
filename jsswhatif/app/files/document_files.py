"""The File menu: new, open, save, recent files, samples, recovery, drops, layout.

:class:`DocumentFiles` belongs to the main window (import and export are its
:class:`~jsswhatif.app.files.import_export.ImportExport`). It reads and writes files through
:mod:`jsswhatif.io`, hands opened documents to the controller (which knows the document's
file and whether it is saved), keeps the recent files and the last folder in the
:class:`~jsswhatif.app.files.settings.Settings`, and owns the window's
:class:`~jsswhatif.app.files.autosave.Autosaver`. Every question goes through a wrapper of
:mod:`jsswhatif.app.window.dialogs`. A file that cannot be read gets one message naming the file
and the problem, and the open document stays as it was.

A contracts CSV opens as an untitled document (Save asks where to save it as a document), and
so does a sample: the bundled files are never saved over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from jsswhatif.app.files.autosave import Autosaver, Recovery, pending_recoveries
from jsswhatif.app.files.import_export import (
    CSV_FILTER,
    DOCUMENT_FILTER,
    STATUS_MS,
    ImportExport,
    reason,
)
from jsswhatif.app.files.samples import Sample, bundled_samples, is_bundled
from jsswhatif.app.files.settings import Settings, autosave_folder
from jsswhatif.app.window import dialogs
from jsswhatif.core.document import Document
from jsswhatif.io.documents import DOCUMENT_SUFFIX, DocumentFileError, is_document_path, read_any
from jsswhatif.io.store import load_document, save_document

if TYPE_CHECKING:
    from jsswhatif.app.window.main_window import MainWindow

OPEN_FILTERS = (
    f"Documents and contracts CSV (*.jsswhatif *.csv);;{DOCUMENT_FILTER};;{CSV_FILTER};;"
    "All files (*)"
)
OPENABLE_SUFFIXES = (DOCUMENT_SUFFIX, ".csv")


class DocumentFiles(QObject):
    """Files of one main window: its document's file, the recent files, autosave, drops.

    Attributes:
        window: The main window served.
        settings: Recent files, last folder, window layout.
        autosave: Writes unsaved work to the autosave folder.
        import_export: Import of a contracts CSV, and the exports.
        source: The file the document came from, for the title and the proposed names
            (the document's file, or the contracts CSV it was read from); None otherwise.
    """

    def __init__(
        self, window: MainWindow, settings: Settings, autosave_dir: Path | None = None
    ) -> None:
        """Serve ``window``; autosave into ``autosave_dir`` (default: the state folder)."""
        super().__init__(window)
        self.window = window
        self._controller = window.controller
        self.settings = settings
        self.source: Path | None = window.controller.path
        self._stem_hint = ""
        self.autosave = Autosaver(self._controller, autosave_dir or autosave_folder(), parent=self)
        self.autosave.failed.connect(lambda text: window.statusBar().showMessage(text, 10_000))
        self.import_export = ImportExport(self)
        self._closed = False

    # Wiring ---------------------------------------------------------------------------------

    def connect_actions(self) -> None:
        """Connect the File menu's actions, fill Open Recent and Open Sample on demand, and
        take drops of files (call once the window's widgets exist)."""
        a = self.window.window_actions
        handlers: dict[str, Callable[[], object]] = {
            "new": self.new,
            "open": self.open,
            "save": self.save,
            "save_as": self.save_as,
            "import_csv": self.import_export.import_csv,
            "export_copy": self.import_export.export_copy,
            "export_contracts": self.import_export.export_contracts,
            "export_timeline": self.import_export.export_timeline,
            "export_png": self.import_export.export_png,
            "export_svg": self.import_export.export_svg,
            "clear_recent": self.settings.clear_recent,
        }
        for name, handler in handlers.items():
            a[name].triggered.connect(lambda _=False, h=handler: h())
        a.submenus["recent"].aboutToShow.connect(self.fill_recent_menu)
        a.submenus["samples"].aboutToShow.connect(self.fill_samples_menu)
        self.fill_recent_menu()
        self.fill_samples_menu()
        self.install_drop_target()

    def fill_recent_menu(self) -> None:
        """List the recent files (most recent first), then Clear list."""
        menu = self.window.window_actions.submenus["recent"]
        menu.clear()
        self.settings.reload()
        for number, path in enumerate(self.settings.recent, start=1):
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        menu.addSeparator()
        clear = self.window.window_actions["clear_recent"]
        clear.setEnabled(bool(self.settings.recent))
        menu.addAction(clear)

    def fill_samples_menu(self) -> None:
        """List the bundled samples by title."""
        menu = self.window.window_actions.submenus["samples"]
        menu.clear()
        for sample in bundled_samples():
            action = menu.addAction(sample.title.replace("&", "&&"))
            action.setStatusTip(sample.description[:120])
            action.triggered.connect(lambda _=False, s=sample: self.open_sample(s))

    def install_drop_target(self) -> None:
        """Let files dropped anywhere on the window open (children that take drops too)."""
        self.window.setAcceptDrops(True)
        for widget in [self.window, *self.window.findChildren(QWidget)]:
            if widget is self.window or widget.acceptDrops():
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take drags and drops of .jsswhatif and .csv files; leave everything else alone."""
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # the enter and move events derive from it
        paths = dropped_files(event.mimeData().urls())
        if not paths:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:  # open after the drop ends: opening may ask questions
            QTimer.singleShot(0, lambda: self.open_path(paths[0]))
        return True

    # Opening --------------------------------------------------------------------------------

    def display_name(self) -> str:
        """How the title bar and questions name the document."""
        path = self._controller.path or self.source
        return path.name if path else (self._controller.document.title or "Untitled")

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; True when the caller may go on."""
        if self._controller.undo_stack.isClean():
            return True
        choice = dialogs.ask_save_changes(self.window, self.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new(self) -> bool:
        """Start an empty, untitled document (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._show(Document(), None, None, "New document: add contracts or import a CSV.")
        return True

    def open(self, path: Path | None = None) -> bool:
        """Open a document or contracts CSV, asking for it without ``path``."""
        if path is None:
            path = dialogs.ask_open_path(self.window, self.folder(), "Open", OPEN_FILTERS)
            if path is None:
                return False
        return self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open ``path``; on a read error say why and change nothing. True when opened."""
        path = path.absolute()
        try:
            document = read_any(path)
        except DocumentFileError as exc:
            dialogs.show_error(self.window, "Cannot open the file", str(exc))
            return False
        if not self.maybe_save():
            return False
        target = path if is_document_path(path) and not is_bundled(path) else None
        count = len(document.contracts)
        self._show(document, target, path, f"Opened {path} ({count} contracts)")
        self.settings.add_recent(path)
        return True

    def open_recent(self, path: Path) -> bool:
        """Open a recent file; one that is gone or unreadable leaves the list."""
        if self.open_path(path):
            return True
        if not path.is_file():
            self.settings.remove_recent(path)
        return False

    def open_sample(self, sample: Sample) -> bool:
        """Open a bundled sample as an untitled document, its description above the table."""
        try:
            document = load_document(sample.path)
        except DocumentFileError as exc:
            dialogs.show_error(self.window, "Cannot open the sample", str(exc))
            return False
        if not self.maybe_save():
            return False
        self._show(document, None, None, f"Sample {sample.title!r}: Save As keeps your changes.")
        self._stem_hint = sample.name
        return True

    def offer_recovery(self) -> bool:
        """Offer the work of windows that did not close; True when one was recovered.

        The newest autosave is offered first; after a recovery the others wait for a later
        start. A recovered document is attached to its original file and shown unsaved.
        """
        recovered = False
        for recovery in pending_recoveries(self.autosave.folder, self.autosave.session):
            if recovered:
                recovery.release()
                continue
            choice = dialogs.ask_recover(self.window, recovery.saved_at, recovery.name)
            if choice == "recover":
                recovered = self.recover(recovery)
            elif choice == "discard":
                recovery.discard()
            else:
                recovery.release()
        return recovered

    def recover(self, recovery: Recovery) -> bool:
        """Show the autosaved document, unsaved, then delete the old autosave."""
        try:
            document = recovery.load()
        except DocumentFileError as exc:
            dialogs.show_error(self.window, "Cannot recover the autosave", str(exc))
            recovery.discard()
            return False
        when = f"{recovery.saved_at:%Y-%m-%d %H:%M}"
        message = f"Recovered unsaved work from {when}: save it to keep it."
        self._show(document, recovery.original, recovery.original, message, modified=True)
        recovery.discard()  # after this session's own autosave holds the work
        return True

    def _show(
        self,
        document: Document,
        path: Path | None,
        source: Path | None,
        message: str,
        modified: bool = False,
    ) -> None:
        self.source = source
        self._stem_hint = ""
        self._controller.set_document(document, path, modified)
        self.window.window_actions["compare"].setChecked(False)
        self.autosave.sync()
        self.window.info_bar.show_about(document.title, document.description)
        self.window.update_title()
        self.window.statusBar().showMessage(message, STATUS_MS)

    # Saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the document's file, or ask for one; True when saved."""
        path = self._controller.path
        return self.save_as() if path is None else self._save_to(path)

    def save_as(self) -> bool:
        """Ask for a file and save the document there; it becomes the document's file."""
        path = self.ask_target("Save document as", DOCUMENT_SUFFIX, DOCUMENT_FILTER)
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_document(path, self._controller.document_for_saving())
        except (OSError, ValueError) as exc:
            dialogs.show_error(self.window, "Cannot save", f"{path}: {reason(exc)}")
            return False
        self._controller.mark_saved(path)
        self.autosave.discard()
        self.source = path
        self.settings.add_recent(path)
        self.window.update_title()
        self.window.statusBar().showMessage(f"Saved {path}", STATUS_MS)
        return True

    def close(self) -> bool:
        """The window is closing: ask about unsaved work, keep the layout; True to close."""
        if not self.maybe_save():
            return False
        window = self.window
        self.settings.store_layout(_bytes(window.saveGeometry()), _bytes(window.saveState()))
        self.autosave.discard()
        self.autosave.stop()
        self._closed = True
        return True

    def finish(self) -> None:
        """The application ends without the window having closed (a timer, a logout): keep
        unsaved work in the autosave, so the next start offers it."""
        if not self._closed:
            self.autosave.save_now()
        self.autosave.stop()

    def restore_layout(self) -> bool:
        """Give the window its size, position and toolbar state of the last session."""
        stored = self.settings.layout()
        if stored is None:
            return False
        restored = self.window.restoreGeometry(QByteArray(stored[0]))
        self.window.restoreState(QByteArray(stored[1]))
        return restored

    # Paths ----------------------------------------------------------------------------------

    def folder(self) -> str:
        """Where file dialogs start: the last folder used, else the home folder."""
        folder = self.settings.last_folder
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def ask_target(self, title: str, suffix: str, filters: str, tail: str = "") -> Path | None:
        """Ask where to write a ``suffix`` file (the name proposed is the document's, plus
        ``tail``); the suffix is added when missing; the bundled samples are refused."""
        base = self._controller.path or self.source
        folder = Path(self.folder())
        if base is not None and not is_bundled(base):
            folder = base.parent
        stem = base.stem if base else self._stem_hint or _slug(self._controller.document.title)
        suggested = folder / f"{stem}{tail}{suffix}"
        path = dialogs.ask_save_path(self.window, title, suggested, f"{filters};;All files (*)")
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if is_bundled(path):
            text = "The bundled samples cannot be replaced: choose another folder."
            dialogs.show_error(self.window, title, text)
            return None
        self.settings.remember_folder(path.parent)
        return path.absolute()


def dropped_files(urls: list[QUrl]) -> list[Path]:
    """The local .jsswhatif and .csv files among dropped ``urls``."""
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in OPENABLE_SUFFIXES]


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:40].strip("-") or "untitled"


def _bytes(data: QByteArray) -> bytes:
    return bytes(data.data())
