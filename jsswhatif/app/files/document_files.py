"""The document's file: new, open, save, recent files, samples, recovery, drops.

:class:`DocumentFiles` reads and writes files through :mod:`jsswhatif.io`, hands opened
documents to the controller (the only owner of the document and of its file) and keeps the
recent files and the last folder in the :class:`~jsswhatif.app.files.settings.Settings`. It
owns the window's :class:`~jsswhatif.app.files.autosave.Autosaver`. It knows nothing of the
main window: it asks questions through a :class:`~jsswhatif.app.files.chooser.FileChooser`
and says what it did through its signals. Opening is all or nothing: a file is read and
prepared (:meth:`Controller.prepare`: its plot range and first results computed) before the
unsaved-changes question and before anything on screen changes, so a file that cannot be read
or shown gets one message naming the file and the problem, and the open document, its file,
its history and its saved state stay exactly as they were.

Two windows may have one file open: each remembers the file as it last read or wrote it
(:class:`~jsswhatif.app.files.stamp.FileStamp`), and Save asks before writing over a file
another window changed meanwhile (reload, overwrite, save as). Their autosaves never meet:
each session writes its own files.

A contracts CSV opens as an untitled document (Save asks where to save it as a document), and
so does a sample: the bundled files are never saved over.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jsswhatif.app.constants import ERROR_STATUS_MS, OPEN_FILTERS, SAVE_FILTERS, STATUS_MS
from jsswhatif.app.files.autosave import Autosaver
from jsswhatif.app.files.chooser import FileChooser, reason
from jsswhatif.app.files.drops import DropOpener
from jsswhatif.app.files.recovery import Recovery, pending_recoveries
from jsswhatif.app.files.samples import Sample, is_bundled
from jsswhatif.app.files.settings import Settings, autosave_folder
from jsswhatif.app.files.stamp import FileStamp
from jsswhatif.app.window.controller import Controller, Opening, UnusableDocument
from jsswhatif.core.document import Document
from jsswhatif.io.documents import DOCUMENT_SUFFIX, DocumentFileError, is_document_path, read_any
from jsswhatif.io.store import load_document, save_document


class DocumentFiles(QObject):
    """The file commands of one controller's document.

    Attributes:
        settings: Recent files, last folder (and the window layout, kept by the window).
        chooser: Asks for files and names the document.
        autosave: Writes unsaved work to the autosave folder.

    Signals:
        opened(object): Another document is on screen (new, opened, a sample, recovered).
        reported(str, int): What a command did, for the status bar, and for how many
            milliseconds to show it.
    """

    opened = Signal(object)
    reported = Signal(str, int)

    def __init__(
        self,
        controller: Controller,
        settings: Settings,
        parent: QWidget,
        autosave_dir: Path | None = None,
    ) -> None:
        """Serve ``controller``; dialogs are children of ``parent``; autosave into
        ``autosave_dir`` (default: the state folder)."""
        super().__init__(parent)
        self._controller = controller
        self.settings = settings
        self.chooser = FileChooser(controller, settings, parent)
        self.autosave = Autosaver(controller, autosave_dir or autosave_folder(), parent=self)
        self.autosave.failed.connect(lambda text: self.reported.emit(text, ERROR_STATUS_MS))
        self._drops = DropOpener(self._open_dropped, self)
        self._import_csv: Callable[[Path], object] | None = None
        self._closed = False
        self._stamp: FileStamp | None = None  # the document's file as last read or written
        self._remember(None if controller.path is None else FileStamp.of(controller.path))

    def install_drop_target(
        self, widget: QWidget, import_csv: Callable[[Path], object] | None = None
    ) -> None:
        """Open documents dropped anywhere on ``widget``; a CSV opens too, or goes to
        ``import_csv`` when given (which previews it and merges it into the open document)."""
        self._import_csv = import_csv
        self._drops.install(widget)

    def _open_dropped(self, path: Path) -> object:
        if self._import_csv is not None and not is_document_path(path):
            return self._import_csv(path)
        return self.open_path(path)

    def display_name(self) -> str:
        """How the title bar and questions name the document."""
        return self.chooser.display_name()

    # Opening --------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; True when the caller may go on."""
        if self._controller.undo_stack.isClean():
            return True
        choice = self.chooser.ask_save_changes()
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new(self) -> bool:
        """Start an empty, untitled document (after asking about unsaved changes)."""
        opening = self._prepare(Document(), "Cannot start a new document", "The new document")
        if opening is None or not self.maybe_save():
            return False
        self._remember(None)
        self._show(opening, None, None, "New document: add contracts or import a CSV.")
        return True

    def open(self, path: Path | None = None) -> bool:
        """Open a document or contracts CSV, asking for it without ``path``."""
        if path is None:
            path = self.chooser.ask_open("Open", OPEN_FILTERS)
            if path is None:
                return False
        return self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open ``path``; on a read error say why and change nothing. True when opened."""
        path = path.absolute()
        stamp = FileStamp.of(path)  # before reading: a change meanwhile is seen at Save
        try:
            document = read_any(path)
        except DocumentFileError as exc:
            self.chooser.show_error("Cannot open the file", str(exc))
            return False
        opening = self._prepare(document, "Cannot open the file", str(path))
        if opening is None or not self.maybe_save():
            return False
        target = path if is_document_path(path) and not is_bundled(path) else None
        count = len(document.contracts)
        self._remember(stamp if target else None)
        self._show(opening, target, path, f"Opened {path} ({count} contracts)")
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
            self.chooser.show_error("Cannot open the sample", str(exc))
            return False
        opening = self._prepare(document, "Cannot open the sample", str(sample.path))
        if opening is None or not self.maybe_save():
            return False
        message = f"Sample {sample.title!r}: Save As keeps your changes."
        self._remember(None)
        self._show(opening, None, None, message, stem_hint=sample.name)
        return True

    def offer_recovery(self, first: Path | None = None) -> bool:
        """Offer the work of windows that did not close; True when one was recovered.

        The newest autosave is offered first (those of ``first``, the file named on the
        command line, before any other); after a recovery the others wait for a later start.
        A recovered document is attached to its original file and shown unsaved. Work that
        cannot be read or shown is not offered and never deleted: it is kept aside and the
        user is told where.
        """
        recovered = False
        pending = pending_recoveries(self.autosave.folder, self.autosave.session)
        if first is not None:
            pending.sort(key=lambda r: r.original != first.absolute())  # stable: newest first
        for recovery in pending:
            if recovered:
                recovery.release()
                continue
            opening = self._recoverable(recovery)
            if opening is None:
                continue
            choice = self.chooser.ask_recover(recovery.saved_at, recovery.name)
            if choice == "recover":
                self._show_recovered(recovery, opening)
                recovered = True
            elif choice == "discard":
                recovery.discard()
            else:
                recovery.release()
        return recovered

    def recover(self, recovery: Recovery) -> bool:
        """Show the autosaved document, unsaved, then delete the old autosave; False (the
        autosave kept aside, the user told where) when it cannot be read or shown."""
        opening = self._recoverable(recovery)
        if opening is None:
            return False
        self._show_recovered(recovery, opening)
        return True

    def _recoverable(self, recovery: Recovery) -> Opening | None:
        """The autosaved document ready to show; None after keeping it aside and saying so."""
        try:
            return self._controller.prepare(recovery.load())
        except (DocumentFileError, UnusableDocument) as exc:
            kept = recovery.keep_aside()
            text = (
                f"The unsaved work of {recovery.name} autosaved on "
                f"{recovery.saved_at:%Y-%m-%d %H:%M} cannot be recovered: {exc}\n\n"
                f"Nothing was deleted: it is kept as\n{kept}"
            )
            self.chooser.show_error("Cannot recover unsaved work", text)
            return None

    def _show_recovered(self, recovery: Recovery, opening: Opening) -> None:
        when = f"{recovery.saved_at:%Y-%m-%d %H:%M}"
        message = f"Recovered unsaved work from {when}: save it to keep it."
        if not recovery.sidecar_ok:
            message += " (Its original file is not known: Save asks where.)"
        # The file as the crashed window knew it: a change since is seen at Save.
        self._remember(FileStamp.from_json(recovery.details.get("original_stamp")))
        self._show(opening, recovery.original, recovery.original, message, modified=True)
        recovery.discard()  # after this session's own autosave holds the work

    def _prepare(self, document: Document, title: str, source: str) -> Opening | None:
        """``document`` ready to show, or None after telling why it cannot be shown."""
        try:
            return self._controller.prepare(document)
        except UnusableDocument as exc:
            self.chooser.show_error(title, f"{source}: {exc}")
            return None

    def _remember(self, stamp: FileStamp | None) -> None:
        """The document's file is as ``stamp`` says (None: no file, or not known)."""
        self._stamp = stamp
        self.autosave.original_stamp = None if stamp is None else stamp.to_json()

    def _show(  # noqa: PLR0913, PLR0917 (what a shown document comes with)
        self,
        opening: Opening,
        path: Path | None,
        origin: Path | None,
        message: str,
        modified: bool = False,
        stem_hint: str = "",
    ) -> None:
        """Show a prepared document (nothing here can fail for the document's sake)."""
        self.chooser.origin = origin
        self.chooser.stem_hint = stem_hint
        self._controller.set_document(opening, path, modified)
        self.autosave.sync()
        self.opened.emit(opening.document)
        self.reported.emit(message, STATUS_MS)

    # Saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the document's file, or ask for one; True when saved.

        When the file changed on disk since this window read or wrote it (another window or
        program saved it), ask first: reload it (dropping the changes here), overwrite it,
        save under another name, or cancel.
        """
        path = self._controller.path
        if path is None:
            return self.save_as()
        if self._stamp is not None and not self._stamp.still(path):
            choice = self.chooser.ask_file_changed()
            if choice == "reload":
                self._reload(path)
                return False  # nothing of this window's was saved
            if choice == "save_as":
                return self.save_as()
            if choice == "cancel":
                return False
        return self._save_to(path)

    def _reload(self, path: Path) -> bool:
        """Show ``path`` as it is on disk, dropping this window's unsaved changes."""
        stamp = FileStamp.of(path)
        try:
            document = read_any(path)
        except DocumentFileError as exc:
            self.chooser.show_error("Cannot reload the file", str(exc))
            return False
        opening = self._prepare(document, "Cannot reload the file", str(path))
        if opening is None:
            return False
        self._remember(stamp)
        self._show(opening, path, path, f"Reloaded {path} as it is on disk")
        return True

    def save_as(self) -> bool:
        """Ask for a file and save the document there; it becomes the document's file."""
        path = self.chooser.ask_target(
            "Save document as", DOCUMENT_SUFFIX, SAVE_FILTERS[DOCUMENT_SUFFIX]
        )
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_document(path, self._controller.document_for_saving())
        except (OSError, ValueError) as exc:
            self.chooser.show_error("Cannot save", f"{path}: {reason(exc)}")
            return False
        self._remember(FileStamp.of(path))
        self._controller.mark_saved(path)
        self.autosave.discard()
        self.settings.add_recent(path)
        self.reported.emit(f"Saved {path}", STATUS_MS)
        return True

    def close(self) -> bool:
        """The window is closing: ask about unsaved work; True to close (autosave ends)."""
        if not self.maybe_save():
            return False
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
