"""An empty document shows how to begin instead of blank rows (issue 12, item 11): what the
tool does, that the score is an estimate, and four ways in, each the window's own action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from jsswhatif.app.table.welcome import ESTIMATE, HEADING, WAYS, WHAT_IT_DOES
from jsswhatif.core.document import Document

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_an_empty_document_shows_the_ways_in(make_window: MakeWindow) -> None:
    window = make_window(Document())
    welcome = window.contracts.welcome
    assert welcome.isVisible()
    assert not window.contracts.table.isVisible()
    texts = [label.text() for label in welcome.findChildren(QLabel)]
    assert texts[:3] == [HEADING, WHAT_IT_DOES, ESTIMATE]
    assert "estimate" in ESTIMATE
    assert [b.text() for b in welcome.buttons.values()] == [t for t, _ in WAYS.values()]
    assert all(b.isEnabled() and b.accessibleName() for b in welcome.buttons.values())
    assert window.contracts.count_label.text() == "0 contracts"


def test_add_a_contract_shows_the_table_and_undo_the_welcome(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(Document())
    button = window.contracts.welcome.buttons["add"]
    button.setFocus()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(window.controller.contracts) == 1
    assert window.contracts.table.isVisible()
    assert not window.contracts.welcome.isVisible()
    assert window.contracts.table.hasFocus()  # ready to type the new row
    assert window.contracts.selected_ids() == [window.controller.contracts[0].id]
    window.window_actions["undo"].trigger()
    assert window.contracts.welcome.isVisible()


@pytest.mark.parametrize("way", ["import_upwork", "open"])
def test_the_other_ways_are_the_menus_actions(make_window: MakeWindow, way: str) -> None:
    window = make_window(Document())
    triggered: list[bool] = []
    action = window.window_actions[way]
    action.triggered.disconnect()  # (the action's dialog is not what is tested here)
    action.triggered.connect(lambda *_: triggered.append(True))
    window.contracts.welcome.buttons[way].click()
    assert triggered == [True]


def test_a_document_with_contracts_shows_the_table(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.contracts.table.isVisible()
    assert not window.contracts.welcome.isVisible()
    window.window_actions["new"].trigger()
    assert window.contracts.welcome.isVisible()


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
def test_open_a_sample_offers_the_samples(qtbot: QtBot, make_window: MakeWindow) -> None:
    """(Offscreen Qt warns that a popup menu cannot grab the keyboard.)"""
    window = make_window(Document())
    menu = window.window_actions.submenus["samples"]
    window.contracts.welcome.buttons["samples"].click()
    qtbot.waitUntil(menu.isVisible)
    assert menu.actions()  # the samples, listed by title
    menu.close()


def test_a_filter_that_lets_nothing_through_says_what_to_do(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    panel = window.contracts
    assert panel.table.placeholder == ""
    panel.filter_edit.setText("no such client")
    assert panel.table.placeholder == (
        "No contract matches the filter. Clear the filter text or choose \u201cAll contracts\u201d "
        "to see all 5."
    )
    assert panel.table.isVisible()  # the table stays: the document has contracts
    assert not panel.table.grab().isNull()  # painted with the words
    panel.filter_edit.clear()
    assert panel.table.placeholder == ""
