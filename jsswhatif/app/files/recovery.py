"""The work of windows that did not close: found on the next start, kept until the user decides.

A session of :class:`~jsswhatif.app.files.autosave.Autosaver` leaves, in the autosave folder,
``<session>.jsswhatif`` (the document), ``<session>.json`` (its sidecar: the original file,
the time) and ``<session>.lock``. :func:`pending_recoveries` lists the sessions whose lock is
stale (their process is gone: Qt checks the process id and name, so a reused id does not
count) and takes their locks, so that two starting windows never offer the same work twice.

Nothing here deletes recovery data the user has not declined:

* an autosaved document whose sidecar is missing (a kill between the two writes) or damaged
  is still offered, as untitled work dated by its file;
* a document that cannot be read is not deleted but kept aside, renamed
  ``<session>.jsswhatif.damaged`` (:meth:`Recovery.keep_aside`), and the caller says where;
* only temporary files of a write that a kill interrupted (``.<session>.jsswhatif.*.tmp``:
  partial copies, never the autosave itself) and a sidecar without its document (it names no
  work) are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile

from jsswhatif.core.document import Document
from jsswhatif.io.documents import DOCUMENT_SUFFIX
from jsswhatif.io.store import load_document

SIDECAR_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
#: Added to the name of autosave files that cannot be read, kept for the user.
DAMAGED_SUFFIX = ".damaged"
#: Temporary files of atomic writes: ``.<name>.<random>.tmp``.
TEMPORARY_SUFFIX = ".tmp"


def session_lock(path: Path) -> QLockFile:
    """The lock of one session, held for the whole session (stale only when its process is
    gone)."""
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)
    return lock


@dataclass
class Recovery:
    """The autosave of a session that ended without closing its window.

    Attributes:
        session: The session id.
        document_file: The autosaved document.
        original: The file the document was opened from or saved to (None: untitled, or
            not known because the sidecar is missing or damaged).
        saved_at: When the autosave was written (local time; the file's time when the
            sidecar cannot tell).
        sidecar_ok: Whether the sidecar was read.
        details: What else the sidecar holds (see the autosaver), {} when not read.
    """

    session: str
    document_file: Path
    original: Path | None
    saved_at: dt.datetime
    sidecar_ok: bool = True
    details: dict[str, object] = field(default_factory=dict)
    _lock: QLockFile | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The original file's name, or "untitled"."""
        return self.original.name if self.original else "untitled"

    @property
    def sidecar_file(self) -> Path:
        """The sidecar beside the document (it may be missing)."""
        return self.document_file.with_name(f"{self.session}{SIDECAR_SUFFIX}")

    def load(self) -> Document:
        """The autosaved document.

        Raises:
            DocumentFileError: The file is damaged (the caller keeps it aside).
        """
        return load_document(self.document_file)

    def discard(self) -> None:
        """The user declined the work (or it is recovered): delete the files and the lock."""
        for path in (self.sidecar_file, self.document_file):
            with contextlib.suppress(OSError):
                path.unlink()
        self.release()

    def keep_aside(self) -> Path:
        """The work cannot be used: rename its files to ``*.damaged`` beside them, where no
        start offers or deletes them; where the document is now (unchanged when it cannot
        be renamed)."""
        kept = _aside(self.document_file)
        if self.sidecar_file.exists():
            _aside(self.sidecar_file)
        self.release()
        return kept

    def release(self) -> None:
        """Leave the files for a later start (the lock is released)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def pending_recoveries(folder: Path, own_session: str | None = None) -> list[Recovery]:
    """The autosaves of sessions whose process is gone, newest first, their locks taken.

    Removes the dead sessions' temporary files, and sidecars without a document. Call
    :meth:`Recovery.discard`, :meth:`Recovery.keep_aside` or :meth:`Recovery.release` on
    each result.
    """
    if not folder.is_dir():
        return []
    sessions = {
        p.name.lstrip(".").split(".")[0]
        for p in folder.iterdir()
        if not p.name.endswith(DAMAGED_SUFFIX)
    }
    sessions.discard(own_session or "")
    found: list[Recovery] = []
    for session in sorted(sessions):
        lock = session_lock(folder / f"{session}{LOCK_SUFFIX}")
        if not lock.tryLock(0):
            continue  # a running window's work
        for temporary in folder.glob(f".{session}.*{TEMPORARY_SUFFIX}"):
            with contextlib.suppress(OSError):
                temporary.unlink()
        recovery = _recovery(folder, session)
        if recovery is None:
            with contextlib.suppress(OSError):
                (folder / f"{session}{SIDECAR_SUFFIX}").unlink()
            lock.unlock()
            continue
        recovery._lock = lock
        found.append(recovery)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def _recovery(folder: Path, session: str) -> Recovery | None:
    """The work ``session`` left, read from its sidecar as far as it can be; None if none."""
    document_file = folder / f"{session}{DOCUMENT_SUFFIX}"
    try:
        written = document_file.stat().st_mtime if document_file.is_file() else None
    except OSError:
        written = None
    if written is None:
        return None
    recovery = Recovery(
        session=session,
        document_file=document_file,
        original=None,
        saved_at=dt.datetime.fromtimestamp(written).astimezone(),
        sidecar_ok=False,
    )
    try:
        data = json.loads(recovery.sidecar_file.read_text(encoding="utf-8"))
        original = data.get("original_path")
        saved_at = dt.datetime.fromisoformat(data["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return recovery  # missing or damaged: the document is offered all the same
    recovery.original = Path(original) if isinstance(original, str) and original else None
    recovery.saved_at = saved_at if saved_at.tzinfo else saved_at.astimezone()
    recovery.sidecar_ok = True
    recovery.details = data
    return recovery


def _aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.damaged`` (``<name>.2.damaged``, ... if taken)."""
    target = path.with_name(path.name + DAMAGED_SUFFIX)
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.{number}{DAMAGED_SUFFIX}")
    try:
        path.rename(target)
    except OSError:
        return path
    return target
