"""Asking for files, and naming the document: where dialogs start and what they propose.

:class:`FileChooser` serves the File menu and the exports alike. It proposes names from the
document's file (the controller's :attr:`~jsswhatif.app.window.controller.Controller.path`),
else the file an untitled document was read from (:attr:`FileChooser.origin`, a contracts CSV
or a bundled sample), else its title; it never lets the bundled samples be written over.
Every question goes through a wrapper of :mod:`jsswhatif.app.window.dialogs`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from jsswhatif.app.constants import ALL_FILES_FILTER
from jsswhatif.app.files.samples import is_bundled
from jsswhatif.app.files.settings import Settings
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.controller import Controller


class FileChooser:
    """The file questions of one window, and how its document is named.

    Attributes:
        settings: The last folder used (and the recent files).
        origin: The file an untitled document was read from (a contracts CSV, a bundled
            sample): it names the document until it has a file of its own. None otherwise.
        stem_hint: A file name (without suffix) to propose while there is no file to name
            the document (a sample's), or "".
    """

    def __init__(self, controller: Controller, settings: Settings, parent: QWidget) -> None:
        """Name ``controller``'s document; dialogs are children of ``parent``."""
        self._controller = controller
        self._parent = parent
        self.settings = settings
        self.origin: Path | None = None
        self.stem_hint = ""

    def display_name(self) -> str:
        """How the title bar and questions name the document."""
        path = self._controller.path or self.origin
        return path.name if path else (self._controller.document.title or "Untitled")

    def folder(self) -> str:
        """Where file dialogs start: the last folder used, else the home folder."""
        folder = self.settings.last_folder
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def ask_open(self, title: str, filters: str) -> Path | None:
        """Ask for a file to read (None: cancelled)."""
        return dialogs.ask_open_path(self._parent, self.folder(), title, filters)

    def ask_target(self, title: str, suffix: str, filters: str, tail: str = "") -> Path | None:
        """Ask where to write a ``suffix`` file (the name proposed is the document's, plus
        ``tail``); the suffix is added when missing; the bundled samples are refused."""
        base = self._controller.path or self.origin
        sample = self.stem_hint if base is None else base.stem if is_bundled(base) else ""
        if sample:  # proposing the sample's own folder and name invites writing over it
            folder, stem = documents_folder(), f"my-{sample}"
        elif base is not None:
            folder, stem = base.parent, base.stem
        else:
            folder, stem = Path(self.folder()), _slug(self._controller.document.title)
        suggested = folder / f"{stem}{tail}{suffix}"
        path = dialogs.ask_save_path(
            self._parent, title, suggested, f"{filters};;{ALL_FILES_FILTER}"
        )
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if is_bundled(path):
            text = "The bundled samples cannot be replaced: choose another folder."
            dialogs.show_error(self._parent, title, text)
            return None
        self.settings.remember_folder(path.parent)
        return path.absolute()

    def ask_save_changes(self) -> dialogs.SaveChoice:
        """Save, discard or keep (cancel) the unsaved changes of the document?"""
        return dialogs.ask_save_changes(self._parent, self.display_name())

    def ask_file_changed(self) -> dialogs.FileChangedChoice:
        """The document's file changed on disk: reload, overwrite, save as, or cancel?"""
        return dialogs.ask_file_changed(self._parent, self.display_name())

    def ask_recover(self, saved_at: dt.datetime, name: str) -> dialogs.RecoverChoice:
        """Recover, discard or keep for later the autosave of ``name`` made at ``saved_at``?"""
        return dialogs.ask_recover(self._parent, saved_at, name)

    def show_error(self, title: str, text: str) -> None:
        """Tell the user why a file command failed (one message box)."""
        dialogs.show_error(self._parent, title, text)


def documents_folder() -> Path:
    """The user's documents folder (where a copy of a sample is proposed), else the home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


def reason(error: Exception) -> str:
    """Why a file operation failed, in words (an OSError's text without its number)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:40].strip("-") or "untitled"
