"""The main window's layout on a small screen (issue 12, item 12): 1280x720 keeps the toolbar's
undo, the plot, the table and the Top Rated estimate in sight; the splitter is remembered.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from jsswhatif.app.window.main_window import MainWindow

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def shown_at(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    window.layout().activate()


def test_undo_and_redo_stay_on_the_toolbar_at_1280(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    shown_at(qtbot, window, 1280, 720)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    for name in ("undo", "redo"):
        button = toolbar.widgetForAction(window.window_actions[name])
        assert isinstance(button, QToolButton)
        assert button.isVisible()  # not in the overflow menu
        assert toolbar.rect().contains(button.geometry())
