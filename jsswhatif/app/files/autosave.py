"""Autosave of unsaved work, and its recovery after a crash.

A running window owns one :class:`Autosaver`, its *session*. It writes, in the autosave folder
(see :func:`jsswhatif.app.files.settings.autosave_folder`):

* ``<session>.jsswhatif``: the document, with the as-of date on screen;
* ``<session>.json``: a small sidecar: the original file (or null), the time, the process id;
* ``<session>.lock``: a :class:`QLockFile` held while the session runs.

When: a short quiet delay after the last change (:data:`AUTOSAVE_DELAY_MS`, restarted by every
change of the undo stack), but never later than :data:`AUTOSAVE_LATEST_MS` after the first
change not yet autosaved, so that a user who never pauses is autosaved too: every edit is on
disk at most :data:`AUTOSAVE_BOUND_MS` after it was made (the latest snapshot plus the time a
write may take).

How: the main thread only takes a snapshot (the frozen document, which is immutable, and the
small sidecar); one worker thread serialises and writes it, so typing never waits for the
disk (a document of 10,000 contracts takes ~150 ms to write). The worker writes one snapshot
at a time and always the newest waiting one: there are never two writes at once and never an
older snapshot over a newer one. :meth:`Autosaver.save_now` (at exit, after a crash) and
:meth:`Autosaver.discard` first wait for a write in progress.

Both data files are written atomically, the document first, so a sidecar always names a
whole document; they hold the user's contracts, so they are the user's only (``0600``, in a
``0700`` folder). They are removed when the document is saved (or undone back to the saved
state), when another document is opened, and when the user closes the window. Whatever ends
the process otherwise (a crash, a kill, a logout) leaves them behind.

What a session leaves behind is found and offered on the next start by
:mod:`jsswhatif.app.files.recovery`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from jsswhatif.app.files.recovery import LOCK_SUFFIX, SIDECAR_SUFFIX, session_lock
from jsswhatif.app.files.settings import make_private_folder
from jsswhatif.app.window.controller import Controller
from jsswhatif.core.document import Document
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.store import CURRENT_VERSION, FORMAT_NAME, document_to_json

#: Quiet time after the last change before the autosave, in milliseconds.
AUTOSAVE_DELAY_MS = 2000
#: The latest the autosave is taken after the first change it does not hold yet, however the
#: user keeps editing, in milliseconds.
AUTOSAVE_LATEST_MS = 4000
#: The promise: an edit is on disk at most this long after it was made (the latest snapshot
#: plus a second for the write), in milliseconds.
AUTOSAVE_BOUND_MS = 5000


@dataclass(frozen=True)
class _Snapshot:
    """What one autosave writes, taken on the main thread (the document is immutable)."""

    number: int
    document: Document
    document_file: Path
    sidecar_file: Path
    sidecar: str


def autosave_text(document: Document) -> str:
    """The autosaved file's text: a document file, as compact JSON.

    Serialised in one call of pydantic's own JSON writer (~16 ms at 10,000 contracts) rather
    than as the pretty text of Save (~150 ms of pure Python, which competes for the GIL with
    a busy main thread and then takes seconds). Text that writer refuses (a lone surrogate)
    gets Save's text. Either reads back as the same document.
    """
    try:
        body = document.model_dump_json()
    except ValueError:  # PydanticSerializationError
        return document_to_json(document)
    header = json.dumps({"format": FORMAT_NAME, "version": CURRENT_VERSION})
    return f"{header[:-1]}, {body[1:]}\n"


def _write(snapshot: _Snapshot) -> str:
    """Serialise and write ``snapshot`` (any thread); "" when written, else why not."""
    try:
        write_atomic(snapshot.document_file, autosave_text(snapshot.document), private=True)
        write_atomic(snapshot.sidecar_file, snapshot.sidecar, private=True)
    except (OSError, ValueError) as exc:
        return f"Autosave failed: {exc}"
    return ""


class Autosaver(QObject):
    """Writes the controller's unsaved document to the autosave folder after changes.

    Attributes:
        folder: The autosave folder.
        session: This session's id (the stem of its files).
        timer: The single-shot timer of the next autosave (tests drive it). When it fired
            late (a main thread busy with long recomputes), the next ones are due as much
            earlier, so that the bound holds on a slow machine too.
        delay_ms: Quiet time after the last change (tests may shorten it).
        latest_ms: The latest the autosave is taken after the first change it does not hold.
        clock: Seconds of a monotonic clock (tests replace it to drive the timer by hand).
        original_stamp: The original file as the window last read or wrote it (see
            :class:`~jsswhatif.app.files.stamp.FileStamp`), written to the sidecar so that a
            recovery still notices a change of the file since.

    Signals:
        saved(Path): An autosave was written to this document file.
        failed(str): Autosave failed; the text says why (shown in the status bar).
    """

    saved = Signal(object)
    failed = Signal(str)
    _written = Signal(int, str)  # from the worker thread: snapshot number, error ("" if none)

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
        self.delay_ms = delay_ms
        self.latest_ms = AUTOSAVE_LATEST_MS
        self.clock: Callable[[], float] = time.monotonic
        self.original_stamp: dict[str, object] | None = None
        self._controller = controller
        self._lock: QLockFile | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fired)
        self._stopped = False
        self._unsaved_since: float | None = None  # clock() of the first change not autosaved
        self._due: float | None = None  # clock() when the timer is due
        self._lag = 0.0  # seconds the timer fired late lately (a main thread kept busy)
        self._taken = 0  # snapshots taken
        self._dropped_through = 0  # snapshots whose files were discarded since
        # The worker: one thread, one snapshot at a time, the newest waiting one next.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jsswhatif-autosave")
        self._state = threading.Condition()
        self._waiting: _Snapshot | None = None
        self._busy = False
        self._written.connect(self._finished)
        # Not cleanChanged: a dirty stack being destroyed at exit says "clean" too, and must
        # not delete the work. Undoing back to the saved state is seen on the next autosave.
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

    def save_soon(self) -> None:
        """Take a snapshot now and let the worker write it."""
        self.timer.stop()
        self._due = None
        if self._stopped:
            return
        if self._controller.undo_stack.isClean():
            self.discard()
            return
        snapshot = self._snapshot()
        if snapshot is None:
            return
        with self._state:
            self._waiting = snapshot  # replaces an older one still waiting
            if self._busy:
                return  # the running job takes it next
            self._busy = True
        self._worker.submit(self._work)

    def save_now(self) -> Path | None:
        """Write the autosave now, on this thread (nothing when there is nothing unsaved);
        the document file. Waits for a write in progress first.

        Never raises for a file problem: it emits ``failed`` instead.
        """
        self.timer.stop()
        self._settle()
        if self._controller.undo_stack.isClean():
            self.discard()
            return None
        snapshot = self._snapshot()
        if snapshot is None:
            return None
        problem = _write(snapshot)
        if problem:
            self.failed.emit(problem)
            return None
        self.saved.emit(snapshot.document_file)
        return snapshot.document_file

    def discard(self) -> None:
        """Remove this session's autosave files (and release its lock); a write in progress
        finishes first, and none waiting is written."""
        self.timer.stop()
        self._unsaved_since = None
        self._settle()
        self._dropped_through = self._taken
        for path in (self.sidecar_file, self.document_file):
            with contextlib.suppress(OSError):
                path.unlink()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def stop(self) -> None:
        """Stop autosaving after changes (the files stay: the work is still unsaved); the
        write in progress finishes."""
        self._stopped = True
        self.timer.stop()
        self._settle()
        self._worker.shutdown(wait=True)

    # Internals --------------------------------------------------------------------------------

    def _changed(self) -> None:
        """A change of the undo stack: autosave after a quiet delay, at the latest
        :attr:`latest_ms` after the first change not yet autosaved."""
        if self._stopped:
            return
        now = self.clock()
        if self._unsaved_since is None:
            self._unsaved_since = now
        # The snapshot is due latest_ms after the first change it will hold, earlier by as
        # much as the timer was late lately (a main thread busy with long recomputes).
        left = self.latest_ms / 1000 - (now - self._unsaved_since) - self._lag
        if left <= 0:
            # Overdue: the timer was held up. Take the snapshot with this change rather than
            # after the next turn of the event loop.
            self.save_soon()
            return
        wait = min(self.delay_ms / 1000, left)
        self._due = now + wait
        self.timer.start(round(wait * 1000))

    def _fired(self) -> None:
        """The timer fired: note how late, then autosave."""
        if self._due is not None:
            late = self.clock() - self._due
            self._lag = min(max(late, self._lag / 2, 0.0), self.latest_ms / 1000)
        self.save_soon()

    def _snapshot(self) -> _Snapshot | None:
        """The document and sidecar to write now (main thread; cheap), the lock taken."""
        controller = self._controller
        self._unsaved_since = None
        try:
            make_private_folder(self.folder)
            if self._lock is None:
                lock = session_lock(self.folder / f"{self.session}{LOCK_SUFFIX}")
                if not lock.tryLock(0):
                    raise OSError(f"cannot lock {self.folder}")
                self._lock = lock
        except OSError as exc:
            self.failed.emit(f"Autosave failed: {exc}")
            return None
        sidecar = {
            "session": self.session,
            "original_path": None if controller.path is None else str(controller.path),
            "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "original_stamp": self.original_stamp,
        }
        self._taken += 1
        return _Snapshot(
            number=self._taken,
            document=controller.document_for_saving(),
            document_file=self.document_file,
            sidecar_file=self.sidecar_file,
            sidecar=json.dumps(sidecar, indent=2) + "\n",
        )

    def _work(self) -> None:
        """Worker thread: write the newest waiting snapshot until none waits."""
        while True:
            with self._state:  # "nothing waits" and "not busy" in one step: none is stranded
                snapshot, self._waiting = self._waiting, None
                if snapshot is None:
                    self._busy = False
                    self._state.notify_all()
                    return
            try:
                problem = _write(snapshot)
            except Exception as exc:  # reported like a file problem; the worker must go on
                problem = f"Autosave failed: {exc}"
            with contextlib.suppress(RuntimeError):  # the autosaver is gone: nobody waits
                self._written.emit(snapshot.number, problem)

    def _settle(self) -> None:
        """Drop the snapshot waiting and wait for the write in progress (main thread)."""
        with self._state:
            self._waiting = None
            while self._busy:
                self._state.wait()

    def _finished(self, number: int, problem: str) -> None:
        """Main thread: say what became of snapshot ``number``."""
        if problem:
            self.failed.emit(problem)
        elif number > self._dropped_through:  # not discarded since it was taken
            self.saved.emit(self.document_file)
