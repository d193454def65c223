"""BeforePaint: a call made once control returns to the event loop, ahead of pending paints."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from jsswhatif.app.before_paint import BeforePaint


class Recorder(QObject):
    """Writes "event" into ``log`` for each posted event it receives."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.log.append("event")
            return True
        return bool(super().event(event))


def test_the_call_comes_before_events_posted_earlier(qtbot: QtBot) -> None:
    """Paint and layout requests are posted events: a 0 ms timer fired after them."""
    log: list[str] = []
    recorder = Recorder(log)
    soon = BeforePaint(lambda: log.append("call"), recorder)
    QCoreApplication.postEvent(recorder, QEvent(QEvent.Type.User))  # as a paint request is
    soon.start()
    qtbot.waitUntil(lambda: len(log) == 2)
    assert log == ["call", "event"]


def test_starts_before_the_call_make_one_call_and_stop_cancels_it(qtbot: QtBot) -> None:
    parent = QObject()
    calls: list[int] = []
    soon = BeforePaint(lambda: calls.append(1), parent)
    soon.start()
    soon.start()
    assert soon.isActive()
    qtbot.wait(10)
    assert calls == [1]
    assert not soon.isActive()
    soon.start()
    soon.stop()
    qtbot.wait(10)
    assert calls == [1]
    soon.start()  # started again after a stop: made
    qtbot.wait(10)
    assert calls == [1, 1]
