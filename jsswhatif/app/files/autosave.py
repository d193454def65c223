"""Autosave of unsaved work, and its recovery after a crash.

A running window owns one :class:`Autosaver`, its *session*. A few seconds after the last edit
(a single-shot timer restarted by every change of the undo stack) it writes, in the autosave
folder (see :func:`jsswhatif.app.files.settings.autosave_folder`):

* ``<session>.jsswhatif``: the document, with the as-of date on screen;
* ``<session>.json``: a small sidecar: the original file (or null), the time, the process id;
* ``<session>.lock``: a :class:`QLockFile` held while the session runs.

Both data files are written atomically, the document first, so a sidecar always names a
whole document. They are removed when the document is saved (or undone back to the saved
state), when another document is opened, and when the user closes the window. Whatever ends
the process otherwise (a crash, a kill, a logout) leaves them behind.

On start, :func:`pending_recoveries` lists the sessions whose lock is stale (their process is
gone: Qt checks the process id and name, so a reused id does not count) and takes their locks,
so that two starting windows never offer the same work twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from jsswhatif.app.window.controller import Controller
from jsswhatif.core.document import Document
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.store import load_document, save_document

#: Delay between the last change and the autosave, in milliseconds.
AUTOSAVE_DELAY_MS = 3000

SIDECAR_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # held for the whole session: stale only when the process is gone
    return lock


class Autosaver(QObject):
    """Writes the controller's unsaved document to the autosave folder after each change.

    Attributes:
        folder: The autosave folder.
        session: This session's id (the stem of its files).
        timer: The single-shot delay (tests may shorten it).

    Signals:
        saved(Path): An autosave was written to this document file.
        failed(str): Autosave failed; the text says why (shown in the status bar).
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        controller: Controller,
        folder: Path,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        """Watch ``controller``'s undo stack; nothing is written before the first change."""
        super().__init__(parent)
        self.folder = folder
        self.session = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._controller = controller
        self._lock: QLockFile | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self._stopped = False
        # Not cleanChanged: a dirty stack being destroyed at exit says "clean" too, and must
        # not delete the work. Undoing back to the saved state is seen on the next save_now.
        controller.undo_stack.indexChanged.connect(self._changed)

    @property
    def document_file(self) -> Path:
        """Where this session's document is autosaved."""
        return self.folder / f"{self.session}{DOCUMENT_SUFFIX}"

    @property
    def sidecar_file(self) -> Path:
        """Where this session's sidecar is written."""
        return self.folder / f"{self.session}{SIDECAR_SUFFIX}"

    def sync(self) -> None:
        """Autosave now if the document has unsaved changes, else remove the autosave."""
        if self._controller.undo_stack.isClean():
            self.discard()
        else:
            self.save_now()

    def save_now(self) -> Path | None:
        """Write the autosave now (nothing when there is nothing unsaved); the document file.

        Never raises for a file problem: it emits ``failed`` instead.
        """
        self.timer.stop()
        controller = self._controller
        if controller.undo_stack.isClean():
            self.discard()
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                lock = _lock(self.folder / f"{self.session}{LOCK_SUFFIX}")
                if not lock.tryLock(0):
                    raise OSError(f"cannot lock {self.folder}")
                self._lock = lock
            save_document(self.document_file, controller.document_for_saving())
            sidecar = {
                "session": self.session,
                "original_path": None if controller.path is None else str(controller.path),
                "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "pid": os.getpid(),
            }
            write_atomic(self.sidecar_file, json.dumps(sidecar, indent=2) + "\n")
        except (OSError, ValueError) as exc:
            self.failed.emit(f"Autosave failed: {exc}")
            return None
        self.saved.emit(self.document_file)
        return self.document_file

    def discard(self) -> None:
        """Remove this session's autosave files (and release its lock)."""
        self.timer.stop()
        for path in (self.sidecar_file, self.document_file):
            with contextlib.suppress(OSError):
                path.unlink()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def stop(self) -> None:
        """Stop autosaving after changes (the files stay: the work is still unsaved)."""
        self._stopped = True
        self.timer.stop()

    def _changed(self) -> None:
        if not self._stopped:
            self.timer.start()


@dataclass
class Recovery:
    """The autosave of a session that ended without closing its window.

    Attributes:
        session: The session id.
        document_file: The autosaved document.
        original: The file the document was opened from or saved to (None: untitled).
        saved_at: When the autosave was written (local time).
    """

    session: str
    document_file: Path
    original: Path | None
    saved_at: dt.datetime
    _lock: QLockFile | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The original file's name, or "untitled"."""
        return self.original.name if self.original else "untitled"

    def load(self) -> Document:
        """The autosaved document.

        Raises:
            DocumentError: The file is damaged (the caller discards it).
        """
        return load_document(self.document_file)

    def discard(self) -> None:
        """Delete the autosave files and the session's lock."""
        folder = self.document_file.parent
        for suffix in (SIDECAR_SUFFIX, DOCUMENT_SUFFIX):
            with contextlib.suppress(OSError):
                (folder / f"{self.session}{suffix}").unlink()
        self.release()

    def release(self) -> None:
        """Leave the files for a later start (the lock is released)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def pending_recoveries(folder: Path, own_session: str | None = None) -> list[Recovery]:
    """The autosaves of sessions whose process is gone, newest first, their locks taken.

    Leftovers without a readable sidecar are deleted. Call :meth:`Recovery.discard` or
    :meth:`Recovery.release` on each result.
    """
    if not folder.is_dir():
        return []
    sessions = {p.name.lstrip(".").split(".")[0] for p in folder.iterdir()}
    sessions.discard(own_session or "")
    found: list[Recovery] = []
    for session in sorted(sessions):
        lock = _lock(folder / f"{session}{LOCK_SUFFIX}")
        if not lock.tryLock(0):
            continue  # a running window's work
        recovery = _read_sidecar(folder, session)
        if recovery is None:
            for leftover in folder.glob(f"*{session}.*"):
                if leftover.suffix != LOCK_SUFFIX:
                    with contextlib.suppress(OSError):
                        leftover.unlink()
            lock.unlock()
            continue
        recovery._lock = lock
        found.append(recovery)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def _read_sidecar(folder: Path, session: str) -> Recovery | None:
    document_file = folder / f"{session}{DOCUMENT_SUFFIX}"
    try:
        data = json.loads((folder / f"{session}{SIDECAR_SUFFIX}").read_text(encoding="utf-8"))
        original = data.get("original_path")
        saved_at = dt.datetime.fromisoformat(data["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not document_file.is_file():
        return None
    return Recovery(
        session=session,
        document_file=document_file,
        original=Path(original) if isinstance(original, str) and original else None,
        saved_at=saved_at,
    )
