"""Where the application keeps its own files, and the settings that survive a restart.

Folders come from ``platformdirs`` (``PlatformDirs("jsswhatif", appauthor=False)``), read again
on every call so that tests can point the ``XDG_*`` variables elsewhere. On macOS and Windows
the config, data and state folders may be one folder, so each kind of file has its own name
or sub-folder:

* settings: ``<user_config_dir>/settings.json`` (recent files, last folder, window layout);
* autosave: ``<user_state_dir>/autosave/`` (see :mod:`jsswhatif.app.files.autosave`);
* crash logs: ``<user_log_dir>/crash-<timestamp>.log`` (see :mod:`jsswhatif.app.crash`).

Autosaves and crash logs hold the user's contracts: their folders are the user's only
(``0700``, :func:`make_private_folder`) and their files too (``0600``).

Nothing is ever written under ``<user_data_dir>/bundle`` (the desktop installer's folder).
Settings are written atomically; a missing or damaged settings file means the defaults.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import PlatformDirs

from jsswhatif.app.constants import APP_NAME
from jsswhatif.io.atomic import write_atomic

SETTINGS_FILE = "settings.json"
#: How many files File ▸ Open Recent lists.
MAX_RECENT = 10


def app_dirs() -> PlatformDirs:
    """The platform's folders for jsswhatif (read from the environment now)."""
    return PlatformDirs(APP_NAME, appauthor=False)


def settings_path() -> Path:
    """The settings file, under the user's config folder."""
    return Path(app_dirs().user_config_dir) / SETTINGS_FILE


def autosave_folder() -> Path:
    """The autosave folder, a sub-folder of the user's state folder."""
    return Path(app_dirs().user_state_dir) / "autosave"


def log_folder() -> Path:
    """The folder of crash logs."""
    return Path(app_dirs().user_log_dir)


#: Permissions of the folders of autosaves and crash logs: the user's only.
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) for files that hold the user's contracts, open to
    the user only (``0700``); an existing one of the user's is narrowed to that.

    Raises:
        OSError: It cannot be created.
    """
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not ours, or a system without POSIX permissions
        if folder.stat().st_mode & 0o777 != PRIVATE_FOLDER_MODE:
            folder.chmod(PRIVATE_FOLDER_MODE)


@dataclass
class Settings:
    """What the application remembers between runs.

    Attributes:
        path: The settings file; None keeps the settings in memory only (smoke tests).
        recent: Recently opened or saved files, most recent first.
        last_folder: The folder of the last file chosen in a file dialog ("" if none).
        geometry: ``QMainWindow.saveGeometry()`` as base64 ("" if none).
        window_state: ``QMainWindow.saveState()`` as base64 ("" if none): toolbar and docks.
        splitter: ``QSplitter.saveState()`` of the plot above the table, as base64 ("" if
            none).
    """

    path: Path | None
    recent: list[Path] = field(default_factory=list)
    last_folder: str = ""
    geometry: str = ""
    window_state: str = ""
    splitter: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings stored at ``path`` (default :func:`settings_path`); defaults when the
        file is missing or damaged (a damaged file is replaced on the next save)."""
        path = path or settings_path()
        made = cls(path)
        made.reload()
        return made

    def reload(self) -> None:
        """Read the file again (another window or process may have changed it)."""
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        recent = data.get("recent_files")
        if isinstance(recent, list):
            self.recent = [Path(p) for p in recent if isinstance(p, str) and p][:MAX_RECENT]
        self.last_folder = _text(data, "last_folder")
        self.geometry = _text(data, "window_geometry")
        self.window_state = _text(data, "window_state")
        self.splitter = _text(data, "splitter_state")

    def save(self) -> None:
        """Write the settings atomically; a folder that cannot be written is not an error
        worth interrupting the user for (the settings are simply not kept)."""
        if self.path is None:
            return
        data: dict[str, Any] = {
            "recent_files": [str(p) for p in self.recent],
            "last_folder": self.last_folder,
            "window_geometry": self.geometry,
            "window_state": self.window_state,
            "splitter_state": self.splitter,
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, indent=2) + "\n")

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files (merging other windows' changes) and save."""
        self.reload()
        path = path.absolute()
        self.recent = [path, *(p for p in self.recent if p != path)][:MAX_RECENT]
        self.last_folder = str(path.parent)
        self.save()

    def remove_recent(self, path: Path) -> None:
        """Forget ``path`` (it could not be opened) and save."""
        self.reload()
        self.recent = [p for p in self.recent if p != path.absolute()]
        self.save()

    def clear_recent(self) -> None:
        """Forget every recent file and save."""
        self.reload()
        self.recent = []
        self.save()

    def remember_folder(self, folder: Path) -> None:
        """Start the next file dialog in ``folder``."""
        self.reload()
        self.last_folder = str(folder)
        self.save()

    def store_layout(self, geometry: bytes, state: bytes, splitter: bytes = b"") -> None:
        """Keep the window's geometry, dock/toolbar state and splitter position, and save."""
        self.reload()
        self.geometry = base64.b64encode(geometry).decode("ascii")
        self.window_state = base64.b64encode(state).decode("ascii")
        self.splitter = base64.b64encode(splitter).decode("ascii")
        self.save()

    def splitter_layout(self) -> bytes | None:
        """The stored splitter state, or None when there is none or it is damaged."""
        try:
            state = base64.b64decode(self.splitter, validate=True)
        except (binascii.Error, ValueError):
            return None
        return state or None

    def layout(self) -> tuple[bytes, bytes] | None:
        """The stored (geometry, state), or None when there is none or it is damaged."""
        if not self.geometry:
            return None
        try:
            geometry = base64.b64decode(self.geometry, validate=True)
            state = base64.b64decode(self.window_state, validate=True)
        except (binascii.Error, ValueError):
            return None
        return geometry, state


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""
