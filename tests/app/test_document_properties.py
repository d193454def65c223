"""File ▸ Document Properties edits the title and description, as one undoable step (issue
12, item 10); the window's title and info bar follow, undo included."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.window import dialogs
from jsswhatif.app.window.dialogs import Properties, PropertiesDialog

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_properties_are_edited_undone_and_shown(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    asked: list[Properties] = []

    def answer(parent: object, current: Properties) -> Properties:
        asked.append(current)
        return Properties("Plan for 2027", "Two big jobs in March.")

    monkeypatch.setattr(dialogs, "ask_properties", answer)
    window.window_actions["document_properties"].trigger()
    assert asked == [Properties("", "")]
    document = window.controller.document
    assert (document.title, document.description) == ("Plan for 2027", "Two big jobs in March.")
    assert window.info_bar.isVisible()
    words = window.info_bar.plain_text().split()
    assert " ".join(words) == "Plan for 2027 Two big jobs in March."
    assert window.windowTitle().startswith("Plan for 2027[*]")
    assert window.isWindowModified()
    window.window_actions["undo"].trigger()
    assert window.controller.document.title == ""
    assert not window.info_bar.isVisible()
    assert window.windowTitle().startswith("Untitled[*]")


def test_cancelled_properties_change_nothing(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    monkeypatch.setattr(dialogs, "ask_properties", lambda *args: None)
    window.window_actions["document_properties"].trigger()
    assert window.controller.undo_stack.count() == 0


def test_the_dialog_returns_what_was_typed(qtbot: QtBot) -> None:
    dialog = PropertiesDialog(Properties("Old", "Old text"))
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Old"
    assert dialog.description.toPlainText() == "Old text"
    dialog.title.setText("  New title ")
    dialog.description.setPlainText("Line one\nline two\n")
    assert dialog.properties() == Properties("New title", "Line one\nline two")
    assert dialog.title.accessibleName() == "Title"
