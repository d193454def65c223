"""A value the table refuses is shown at its cell, and the text typed stays there for
correction (issue 12, item 9): the editor opens again on the cell with the typed text and the
reason under it; Escape gives up and keeps the stored value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.window.main_window import MainWindow

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def start_typing(window: MainWindow, row: int, key: str, text: str) -> QWidget:
    """Put the cursor on ``key`` of ``row`` and type ``text`` (typing opens the editor)."""
    table = window.contracts.table
    table.setFocus()
    table.setCurrentIndex(window.contracts.model.index(row, COLUMN_OF[key]))
    QTest.keyClicks(table, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit | QComboBox), editor  # the cell's editor has the keys
    QTest.keyClicks(editor, text[1:])
    return editor


def editor_text() -> str:
    editor = QApplication.focusWidget()
    if isinstance(editor, QComboBox):
        return editor.currentText()
    assert isinstance(editor, QLineEdit), editor
    return editor.text()


def editing(window: MainWindow) -> bool:
    return window.contracts.table.state() == QAbstractItemView.State.EditingState


@pytest.mark.parametrize(
    ("key", "typed", "why"),
    [
        ("earnings", "12,50", "Earnings: "),
        ("end", "2026-02-31", "End: "),
        ("start", "2030-01-01", "Start: "),  # after its end: the controller refuses it
        ("public", "6", "Stars: "),
        ("id", "c2", "ID: "),  # taken: the controller refuses it
    ],
)
def test_a_refused_value_stays_in_its_cell_with_the_reason(
    qtbot: QtBot, make_window: MakeWindow, key: str, typed: str, why: str
) -> None:
    window = make_window()
    before = window.controller.document
    editor = start_typing(window, 0, key, typed)
    QTest.keyClick(editor, Qt.Key.Key_Return)  # (Qt commits on the next event loop turn)
    table = window.contracts.table
    qtbot.waitUntil(table.error_label.isVisible)
    assert editing(window)
    assert table.currentIndex().row() == 0  # not moved down
    assert table.currentIndex().column() == COLUMN_OF[key]
    assert editor_text() == typed
    label = table.error_label
    assert label.isVisible()
    assert label.text().startswith(why)
    cell = table.visualRect(table.currentIndex())
    assert label.geometry().top() == cell.bottom() + 1
    assert window.controller.document == before
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editing(window))
    assert not label.isVisible()
    assert window.controller.document == before


def test_the_corrected_text_is_taken_and_the_reason_goes(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    editor = start_typing(window, 0, "earnings", "12,50")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(window.contracts.table.error_label.isVisible)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    for _ in range(3):  # the cursor is after the text kept: correct it
        QTest.keyClick(line, Qt.Key.Key_Backspace)
    QTest.keyClicks(line, ".50")
    QTest.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(window))
    assert window.controller.document.contracts[0].earnings == Decimal("12.50")
    assert not window.contracts.table.error_label.isVisible()
    assert window.contracts.table.currentIndex().row() == 1  # Enter moved down as usual


def test_tab_after_a_refused_value_stays_on_the_cell(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    editor = start_typing(window, 0, "end", "2026-02-31")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.contracts.table.error_label.isVisible)
    assert window.contracts.table.currentIndex().column() == COLUMN_OF["end"]
    assert editor_text() == "2026-02-31"
    assert window.controller.document.contracts[0].end != dt.date(2026, 2, 28)


def test_the_reason_shows_above_a_cell_at_the_bottom_edge(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    table = window.contracts.table
    index = window.contracts.model.index(4, COLUMN_OF["earnings"])
    table.resize(table.width(), table.visualRect(index).bottom() + 6)
    table.show_problem(index, "Earnings: not an amount")
    label = table.error_label
    assert label.isVisible()
    assert label.geometry().bottom() < table.visualRect(index).top()
