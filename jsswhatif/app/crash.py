"""The crash hook: an unexpected error is logged, the work autosaved, and the user told where.

:class:`CrashHandler` replaces ``sys.excepthook`` (errors of the main thread, including those
escaping Qt slots, which PySide hands to it) and ``threading.excepthook`` (worker threads).
For each error it writes ``crash-<timestamp>-<pid>.log`` to the log folder (the traceback,
then the versions of jsswhatif, Python, Qt, PySide6, pyqtgraph, numpy and pydantic and the
platform), prints the traceback to standard error as Python would, then, on the main thread,
autosaves the document at once and shows one message naming the log file. Errors that
arrive while that message is open are logged only. A log may quote the user's data: it is
the user's only (``0600`` in a ``0700`` folder).

:func:`jsswhatif.app.launch.run` installs it; tests install it only when they test it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jsswhatif import __version__
from jsswhatif.app.files.settings import make_private_folder
from jsswhatif.app.window import dialogs
from jsswhatif.io.atomic import write_atomic

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def version_lines() -> list[str]:
    """``name: version`` of jsswhatif, Python, the libraries and the platform."""
    import numpy
    import pydantic
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    return [
        f"jsswhatif: {__version__}",
        f"Python: {sys.version.split()[0]} ({sys.executable})",
        f"Qt: {qVersion()}, PySide6: {PySide6.__version__}",
        f"pyqtgraph: {pyqtgraph.__version__}, numpy: {numpy.__version__}, "
        f"pydantic: {pydantic.VERSION}",
        f"Platform: {platform.platform()}",
    ]


def write_crash_log(
    folder: Path, kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> Path | None:
    """Write the log of one error to ``folder``; its path, or None when it cannot be written."""
    now = dt.datetime.now().astimezone()
    text = "".join(
        [
            f"jsswhatif crashed on {now.isoformat(timespec='seconds')} "
            f"(thread {threading.current_thread().name})\n\n",
            *traceback.format_exception(kind, error, tb),
            "\n",
            *(f"{line}\n" for line in version_lines()),
        ]
    )
    stem = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}"
    try:
        make_private_folder(folder)
        path = folder / f"{stem}.log"
        number = 1
        while path.exists():
            number += 1
            path = folder / f"{stem}-{number}.log"
        write_atomic(path, text, private=True)  # the traceback may quote the user's data
    except OSError:
        return None
    return path


class CrashHandler(QObject):
    """Logs unexpected errors, autosaves, and tells the user where the log is.

    Attributes:
        folder: Where the logs go.
        logs: The logs written so far (newest last).

    Signals:
        crashed(str, object): (one-line summary, log path or None), delivered on the main
            thread whatever thread failed.
    """

    crashed = Signal(str, object)

    def __init__(
        self,
        folder: Path,
        autosave: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Log to ``folder``; call ``autosave`` after an error; ``parent`` the message."""
        super().__init__(parent)
        self.folder = folder
        self.logs: list[Path] = []
        self._autosave = autosave
        self._parent = parent
        self._showing = False
        self._previous: tuple[ExceptHook, Callable[[threading.ExceptHookArgs], object]] | None
        self._previous = None
        self.crashed.connect(self._report)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.handle
            threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        """Put the previous hooks back."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """Handle one error (the ``sys.excepthook`` signature)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        path = write_crash_log(self.folder, kind, error, tb)
        if path is not None:
            self.logs.append(path)
        with contextlib.suppress(Exception):  # stderr may be gone (a windowed bundle)
            traceback.print_exception(kind, error, tb, file=sys.stderr)
        summary = "".join(traceback.format_exception_only(kind, error)).strip()
        self.crashed.emit(summary.splitlines()[-1] if summary else kind.__name__, path)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _report(self, summary: str, path: Path | None) -> None:
        """Main thread: autosave, then one message at a time."""
        if self._autosave is not None:
            with contextlib.suppress(Exception):  # the error may be in the document itself
                self._autosave()
        if self._showing:
            return
        self._showing = True
        try:
            with contextlib.suppress(Exception):  # an error here must not loop back
                dialogs.show_crash(self._parent, path, summary)
        finally:
            self._showing = False
