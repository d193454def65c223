"""A whole date typed over a date field is taken as typed (issue 12, item 6): Qt's QDateEdit
kept the old year (2025-03-01 typed over 2026-09-17 gave 2026-03-01). Checked on the field
itself, on the as-of field of the plot, and in the dialogs that ask for a date."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from jsswhatif.app.date_edit import DateEdit, typed_date
from jsswhatif.app.panels.observation_dialog import ObservationDialog
from jsswhatif.app.window.dialogs import HypotheticalDialog

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SHOWN = QDate(2026, 9, 17)


def type_over(qtbot: QtBot, field: DateEdit, text: str, how: str = "select") -> None:
    """Select the field's text (or click into it) and type ``text``, then Enter."""
    field.setFocus()
    if how == "select":
        field.selectAll()
    else:
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["2025-03-01", "20250301", "2025-3-1", "2025/3/1", "2025.03.01"])
@pytest.mark.parametrize("how", ["select", "click"])
def test_a_whole_date_typed_is_taken(qtbot: QtBot, typed: str, how: str) -> None:
    field = DateEdit(SHOWN)
    qtbot.addWidget(field)
    with qtbot.waitExposed(field):
        field.show()
    type_over(qtbot, field, typed, how)
    assert field.date() == QDate(2025, 3, 1)
    assert field.text() == "2025-03-01"


def test_a_typed_date_outside_the_range_gives_the_nearest_end(qtbot: QtBot) -> None:
    field = DateEdit(SHOWN)
    qtbot.addWidget(field)
    field.setDateRange(QDate(2020, 1, 1), QDate(2027, 1, 1))
    with qtbot.waitExposed(field):
        field.show()
    type_over(qtbot, field, "2030-01-01")
    assert field.date() == QDate(2027, 1, 1)


def test_arrows_still_step_a_section(qtbot: QtBot) -> None:
    field = DateEdit(SHOWN)
    qtbot.addWidget(field)
    with qtbot.waitExposed(field):
        field.show()
    field.setFocus()
    field.setCurrentSection(DateEdit.Section.YearSection)
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate(2027, 9, 17)


@pytest.mark.parametrize(
    ("text", "final", "expected"),
    [
        ("2025-03-01", False, dt.date(2025, 3, 1)),
        ("20250301", False, dt.date(2025, 3, 1)),
        ("2025-3-1", False, None),  # "2025-3-15" may follow
        ("2025-3-1", True, dt.date(2025, 3, 1)),
        ("2025-02-30", True, None),
        ("2025-03", True, None),
    ],
)
def test_typed_date(text: str, final: bool, expected: dt.date | None) -> None:
    assert typed_date(text, final) == expected


def test_the_as_of_field_takes_a_typed_date(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    field = window.score_plot.date_edit
    assert isinstance(field, DateEdit)
    type_over(qtbot, field, "2026-03-01")
    qtbot.waitUntil(lambda: window.controller.as_of == dt.date(2026, 3, 1))


def test_the_dialogs_take_a_typed_date(qtbot: QtBot) -> None:
    observation = ObservationDialog(dt.date(2026, 9, 17), 90)
    hypothetical = HypotheticalDialog(dt.date(2026, 9, 17))
    for dialog, field in ((observation, observation.date), (hypothetical, hypothetical.end)):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        assert isinstance(field, DateEdit)
        field.setFocus()
        field.selectAll()
        QTest.keyClicks(field, "2025-03-01")
        assert field.date() == QDate(2025, 3, 1)


def test_a_short_date_is_taken_when_the_field_is_left(qtbot: QtBot) -> None:
    field, other = DateEdit(SHOWN), DateEdit(SHOWN)
    for widget in (field, other):
        qtbot.addWidget(widget)
        with qtbot.waitExposed(widget):
            widget.show()
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "2025-3-1")
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    assert field.date() == QDate(2025, 3, 1)


def test_backspace_takes_back_a_typed_key(qtbot: QtBot) -> None:
    field = DateEdit(SHOWN)
    qtbot.addWidget(field)
    with qtbot.waitExposed(field):
        field.show()
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "2025-03-09")
    assert field.date() == QDate(2025, 3, 9)
    field.selectAll()
    QTest.keyClicks(field, "2024-03-0")
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, "01")
    assert field.date() == QDate(2024, 3, 1)
