"""Cell editors are wide enough to show what they edit (issue 12, item 6): in the 84-pixel
date columns the date editor showed "2-01" and the 46-pixel Stars editor "ne)"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyle, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.table.delegates import DateLineEdit, star_editor
from jsswhatif.app.window.main_window import MainWindow

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def open_editor(qtbot: QtBot, window: MainWindow, row: int, key: str) -> QWidget:
    table = window.contracts.table
    index = window.contracts.model.index(row, COLUMN_OF[key])
    table.setCurrentIndex(index)
    table.scrollTo(index)  # (the later columns are out of sight at first)
    qtbot.waitUntil(lambda: table.viewport().rect().contains(table.visualRect(index)))
    table.edit(index)
    qtbot.waitUntil(lambda: table.indexWidget(index) is not None)
    editor = table.indexWidget(index)
    assert editor is not None
    return editor


@pytest.mark.parametrize("key", ["start", "end", "last_paid", "feedback_date"])
def test_the_date_editor_shows_the_whole_date(
    qtbot: QtBot, make_window: MakeWindow, key: str
) -> None:
    window = make_window()
    editor = open_editor(qtbot, window, 0, key)
    assert isinstance(editor, DateLineEdit)
    editor.set_date(editor.date() if editor.date().isValid() else editor.date().currentDate())
    icon = editor.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    text = editor.fontMetrics().horizontalAdvance(editor.text())
    # The calendar and clear buttons take two icons and their margins.
    column = window.contracts.table.columnWidth(COLUMN_OF[key])

    def fits() -> bool:
        return text < editor.width() - 2 * (icon + 8) and column < editor.width()

    qtbot.waitUntil(fits, timeout=10_000)


@pytest.mark.parametrize(("key", "kind"), [("public", QComboBox), ("private", QSpinBox)])
def test_the_feedback_editors_are_as_wide_as_they_ask(
    qtbot: QtBot, make_window: MakeWindow, key: str, kind: type[QWidget]
) -> None:
    window = make_window()
    editor = open_editor(qtbot, window, 0, key)
    assert isinstance(editor, kind)
    assert editor.width() >= editor.sizeHint().width()
    assert editor.width() > window.contracts.table.columnWidth(COLUMN_OF[key])


def test_a_widened_editor_stays_inside_the_viewport(qtbot: QtBot, make_window: MakeWindow) -> None:
    """A Stars cell at the right edge: the editor grows to the left, not out of sight."""
    window = make_window()
    delegate = window.contracts.table.itemDelegate()
    index = window.contracts.model.index(0, COLUMN_OF["public"])
    viewport = QWidget()
    qtbot.addWidget(viewport)
    viewport.resize(300, 100)
    editor = star_editor(viewport)
    option = QStyleOptionViewItem()
    option.rect = QRect(254, 0, 46, 24)  # the last 46 pixels
    delegate.updateEditorGeometry(editor, option, index)
    assert editor.width() >= editor.sizeHint().width() > 46
    assert editor.geometry().right() == 299
