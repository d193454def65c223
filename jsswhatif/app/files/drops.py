"""Opening files dropped on a window: documents and contracts CSV, nothing else.

:class:`DropOpener` filters the drag events of a widget and of its children that take drops
themselves (the plot's view does), so a file dropped anywhere on the window opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from jsswhatif.app.constants import OPENABLE_SUFFIXES

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def dropped_files(urls: list[QUrl]) -> list[Path]:
    """The local .jsswhatif and .csv files among dropped ``urls``."""
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in OPENABLE_SUFFIXES]


class DropOpener(QObject):
    """Takes drags and drops of documents and contracts CSV on a widget, and opens the first."""

    def __init__(self, open_path: Callable[[Path], object], parent: QObject | None = None):
        """Call ``open_path`` with the first file of a drop, once the drop has ended."""
        super().__init__(parent)
        self._open_path = open_path

    def install(self, widget: QWidget) -> None:
        """Watch ``widget`` (which then accepts drops) and its children that take drops."""
        widget.setAcceptDrops(True)
        for child in [widget, *widget.findChildren(QWidget)]:
            if child is widget or child.acceptDrops():
                child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: ARG002 (Qt's)
        """Take drags and drops of .jsswhatif and .csv files; leave everything else alone."""
        kind = event.type()
        if kind not in _DRAG_EVENTS:
            return False
        assert isinstance(event, QDropEvent)  # the enter and move events derive from it
        paths = dropped_files(event.mimeData().urls())
        if not paths:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:  # open after the drop ends: opening may ask questions
            QTimer.singleShot(0, lambda: self._open_path(paths[0]))
        return True
