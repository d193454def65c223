"""Atomic file writes: a crash or a full disk never leaves a half-written file behind.

A save writes a temporary file beside the target, flushes and fsyncs it, then renames it over
the target; readers see the old file or the new one, never a mix.

- Through a symbolic link, the link's target is written (in its own folder) and the link kept.
- A read-only target is refused with a :class:`ReadOnlyFileError`, not silently replaced (a
  rename would replace it: it needs only the folder to be writable).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

#: The permissions of a file written with ``private=True``: read and write for its owner only.
PRIVATE_MODE = 0o600


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
    temporary file is removed when anything fails.

    Args:
        path: The file to write; a symbolic link is followed.
        data: The new content.
        private: Make the file readable and writable by its owner only (``0600``); otherwise
            it keeps the target's permissions, or gets what a plain ``open()`` would give a
            new file.

    Raises:
        ReadOnlyFileError: The target exists and is read-only; nothing is written.
        OSError: The folder is not writable, the disk is full, a link leads in a loop, and so
            on; the target is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _followed(path)
    mode = _mode_for(target, path, private)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp_name, mode)  # mkstemp makes it owner-only; keep the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
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


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
