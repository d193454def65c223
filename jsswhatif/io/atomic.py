"""Atomic file writes: a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically.

    The data goes to a temporary file in the same folder, is flushed and fsynced, then
    renamed over ``path`` with :func:`os.replace`; readers see the old file or the new one,
    never a mix. The temporary file is removed when anything fails.

    Raises:
        OSError: The folder is not writable, the disk is full, and so on.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, mode)  # mkstemp makes it owner-only; keep the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The target's current permissions, or what a plain ``open()`` would give a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
