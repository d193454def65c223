"""Atomic file writes: a crash or a full disk never leaves a half-written file behind.

A save writes a temporary file beside the target (``.NAME.XXXXXXXX.tmp``), flushes and fsyncs
it, then renames it over the target; readers see the old file or the new one, never a mix.

- Through a symbolic link, the link's target is written (in its own folder) and the link kept.
- A read-only target is refused with a :class:`ReadOnlyFileError`, not silently replaced (a
  rename would replace it: it needs only the folder to be writable).
- The temporary file is created with the target's permissions (or what a plain ``open()``
  gives a new file; owner-only for ``private=True``), so even one left behind by a kill is
  never more open than the target, and never a stray owner-only file beside a shared one.
- A save killed mid-write (``kill -9``, a power cut) leaves its temporary file; the next save
  of the same file removes those of its writers that are gone. While it writes, a writer
  holds a lock on its temporary file (``flock``), which the system releases when the process
  ends however it ends: a temporary whose lock is free is stale. Where locks are not
  available (Windows, some network folders) a temporary is stale when it is older than
  :data:`STALE_AFTER_SECONDS`.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import re
import secrets
import stat
import time
from pathlib import Path
from types import ModuleType

#: ``fcntl`` where there are ``flock`` locks (POSIX); elsewhere temporaries age out instead.
_FCNTL: ModuleType | None = importlib.import_module("fcntl") if os.name == "posix" else None

#: Where a temporary file's lock cannot be checked, it is stale after this many seconds.
STALE_AFTER_SECONDS = 5 * 60
#: The permissions of a file written with ``private=True``: read and write for its owner only.
PRIVATE_MODE = 0o600
_TRIES = 5


class ReadOnlyFileError(PermissionError):
    """The target file is read-only: it is not replaced.

    ``strerror`` says so and what to do; ``filename`` is the file as given.
    """

    def __init__(self, path: Path) -> None:
        problem = "the file is read-only (make it writable, or save under another name)"
        super().__init__(errno.EACCES, problem, str(path))


def write_atomic(path: Path, data: str | bytes, *, private: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically.

    The data goes to a temporary file in the folder of the file actually written (the link's
    target when ``path`` is a symbolic link), is flushed and fsynced, then renamed over it
    with :func:`os.replace`; readers see the old file or the new one, never a mix. The
    temporary file is removed when anything fails, and stale ones of earlier saves of the same
    file are removed first (see the module's description).

    Args:
        path: The file to write; a symbolic link is followed.
        data: The new content.
        private: Make the file readable and writable by its owner only (``0600``), from its
            creation on; otherwise it keeps the target's permissions, or gets what a plain
            ``open()`` would give a new file.

    Raises:
        ReadOnlyFileError: The target exists and is read-only; nothing is written.
        OSError: The folder is not writable, the disk is full, a link leads in a loop, and so
            on; the target is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _followed(path)
    mode = _mode_for(target, path, private)
    remove_stale_temporaries(target)
    fd, temp_name = _create_temporary(target, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            if _FCNTL is not None:
                os.replace(temp_name, target)  # while locked: no other save may remove it
        if _FCNTL is None:  # pragma: no cover - Windows renames no open file
            os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(target.parent)


def _followed(path: Path) -> Path:
    """The file a write to ``path`` must replace: ``path``, or the end of its chain of links."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath stops where the chain loops
        raise OSError(errno.ELOOP, "the symbolic link leads in a loop", str(path))
    return target


def _mode_for(target: Path, given: Path, private: bool) -> int:
    """The permissions to write with: private, the target's own, or what ``open()`` gives.

    Raises:
        ReadOnlyFileError: The target exists and is read-only (also for the superuser, whom
            the system would let write: a read-only file is one no one may write).
    """
    if private:
        return PRIVATE_MODE
    try:
        status = target.stat()
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
    mode = status.st_mode & 0o7777
    if stat.S_ISREG(status.st_mode) and (mode & 0o222 == 0 or not os.access(target, os.W_OK)):
        raise ReadOnlyFileError(given)
    return mode


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _temporary_pattern(target: Path) -> re.Pattern[str]:
    """The names of this file's temporaries: ``.NAME.`` then 8 characters, then ``.tmp`` (those
    of ``tempfile.mkstemp``, which earlier versions used, included)."""
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")


def _create_temporary(target: Path, mode: int) -> tuple[int, Path]:
    """A new temporary file beside ``target``, open for writing and locked; never wider than
    ``mode`` (the umask may narrow it until the chmod)."""
    for _ in range(_TRIES):
        name = _temporary_name(target)
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        try:
            os.chmod(fd if os.chmod in os.supports_fd else name, mode)
            if _try_lock(fd) is not False and _same_file(fd, name):
                return fd, name
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        os.close(fd)  # another save removed it between its creation and the lock: try again
    raise OSError(errno.EAGAIN, "could not create a temporary file", str(target.parent))


def _same_file(fd: int, name: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(name))
    except OSError:
        return False


def remove_stale_temporaries(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of ``target`` that earlier saves left behind; return them.

    A temporary is stale when no process holds its lock (its writer is gone), or, where its
    lock cannot be tried, when it is older than :data:`STALE_AFTER_SECONDS` at ``now`` (default:
    the current time). Temporaries of other files, and anything that is not a regular file,
    are left alone; so is every file this process cannot open or remove.
    """
    pattern = _temporary_pattern(target)
    moment = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(target.parent) if pattern.fullmatch(name)]
    except OSError:
        return removed
    for name in names:
        path = target.parent / name
        with contextlib.suppress(OSError):
            if _remove_if_stale(path, moment):
                removed.append(path)
    return removed


def _remove_if_stale(path: Path, now: float) -> bool:
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return False
        free = _try_lock(fd)
        old = now - status.st_mtime > STALE_AFTER_SECONDS
        if not (free or (free is None and old)) or not _same_file(fd, path):
            return False
        os.unlink(path)  # while holding its lock: no writer can take it meanwhile
        return True
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool | None:
    """Take the lock on ``fd`` if it is free: True when taken, False when another process
    holds it, None when locks cannot be taken here (no ``flock``, or not on this file system:
    then the age decides)."""
    if _FCNTL is None:  # pragma: no cover - Windows
        return None
    try:
        _FCNTL.flock(fd, _FCNTL.LOCK_EX | _FCNTL.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
