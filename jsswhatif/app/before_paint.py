"""A call made once control returns to the event loop, ahead of the paints pending there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

_RUN = QEvent.Type(QEvent.registerEventType())


class BeforePaint(QObject):
    """A zero-delay, single-shot call that runs before the window paints what is pending.

    A 0 ms ``QTimer`` fires after the posted events of its turn, the paint requests among
    them: the window was painted with the old state and then again with the new one (a table
    or plot drawn twice per edit or drag step). A posted event of high priority goes ahead of
    those. Like a single-shot timer, :meth:`start` several times before the call runs makes
    one call, and :meth:`stop` cancels it.
    """

    def __init__(self, call: Callable[[], object], parent: QObject) -> None:
        """Make ``call`` when control returns to the event loop after a :meth:`start`."""
        super().__init__(parent)
        self._call = call
        self._active = False
        self._posted = False

    def start(self) -> None:
        """Make the call soon (once, however often started until then)."""
        self._active = True
        if not self._posted:
            self._posted = True
            priority = Qt.EventPriority.HighEventPriority.value
            QCoreApplication.postEvent(self, QEvent(_RUN), priority)

    def stop(self) -> None:
        """Cancel the call, if still to be made."""
        self._active = False

    def isActive(self) -> bool:
        """Whether the call is still to be made."""
        return self._active

    def event(self, event: QEvent) -> bool:
        """Make the call that :meth:`start` posted, unless stopped meanwhile."""
        if event.type() != _RUN:
            return bool(super().event(event))
        self._posted = False
        if self._active:
            self._active = False
            self._call()
        return True
