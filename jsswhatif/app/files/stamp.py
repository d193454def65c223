"""What the document's file was like when this window last read or wrote it.

Another window (or program) may write the same file meanwhile; saving over it then would lose
its work without a word. :class:`FileStamp` records the file's size, modification time and a
SHA-256 hash of its bytes; :meth:`FileStamp.still` tells whether the file is still that file:
the same size and time, or (a copy, a ``touch``) the same bytes. A file that is gone counts as
unchanged: saving recreates it and loses nothing.

Example: a window opens ``plan.jsswhatif`` (its stamp taken just before reading), another
window saves it, then the first window saves: ``still`` is False, so it asks first.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStamp:
    """A file's size, modification time (ns) and SHA-256 (hex) when it was last seen.

    Attributes:
        size: Bytes.
        mtime_ns: Modification time, nanoseconds since the epoch.
        sha256: Hash of the bytes.
    """

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The stamp of the regular file ``path`` (links followed); None when there is none
        or it cannot be read."""
        try:
            status = os.stat(path)
            if not stat.S_ISREG(status.st_mode):
                return None
            digest = _sha256(path)
        except OSError:
            return None
        return cls(status.st_size, status.st_mtime_ns, digest)

    def still(self, path: Path) -> bool:
        """Whether ``path`` is still the file stamped (or gone)."""
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) == (self.size, self.mtime_ns):
            return True
        if status.st_size != self.size:
            return False
        try:
            return _sha256(path) == self.sha256
        except OSError:
            return False

    def to_json(self) -> dict[str, object]:
        """The stamp as JSON values (for the autosave's sidecar)."""
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> FileStamp | None:
        """A stamp read back from :meth:`to_json`'s values; None when they are not one."""
        if not isinstance(data, dict):
            return None
        size, mtime, digest = data.get("size"), data.get("mtime_ns"), data.get("sha256")
        if isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str):
            return cls(size, mtime, digest)
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
