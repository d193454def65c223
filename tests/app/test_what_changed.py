"""What changed: View ▸ What changed between… lists the changes between two dates, and a click
on a step of the JSS line explains that step.

The sample under upwork-2024-09 (tests/app/conftest.py): on 2026-12-29 c3 (neutral, 1.25)
leaves the 6-month window: 100 * 9 / 9 = 100; on 2027-01-16 c1 leaves it and c2 alone is too
few, so the 24-month window's 100 * 11.5 / 12.75 = 90.2 shows, 90.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels import docks
from jsswhatif.app.panels.what_changed import WhatChangedDialog
from jsswhatif.app.plot.items import epoch_seconds

from .conftest import MakeWindow

#: Offscreen Qt warns when a window is shown or raised (the tool tip of a clicked step).
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints", r"This plugin does not support raise\(\)"
)


def test_the_dialog_lists_the_changes_between_two_dates(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    dialog = WhatChangedDialog(window.controller, window)
    qtbot.addWidget(dialog)
    # By default the 90 days up to the as-of: c2 weighs 6.5 from 2026-11-08, 89 -> 90.
    assert [c.date for c in dialog.changes] == [dt.date(2026, 11, 8)]
    dialog.set_dates(dt.date(2027, 1, 31), dt.date(2026, 11, 25))  # backwards: swapped
    assert [(c.date, c.before, c.after) for c in dialog.changes] == [
        (dt.date(2026, 12, 29), 90, 100),
        (dt.date(2027, 1, 16), 100, 90),
    ]
    assert dialog.summary.text() == (
        "2 changes of the displayed score after 2026-11-25 up to 2027-01-31 (the baseline, "
        "upwork-2024-09)."
    )
    text = dialog.text.toPlainText()
    assert "contract 'Logo refresh' (neutral, weight 1.25) leaves the 6-month window" in text


def test_the_view_menu_opens_it(make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    shown: list[WhatChangedDialog] = []
    monkeypatch.setattr(docks, "show_what_changed", shown.append)
    # The action's slot looks the function up when triggered.
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view, QMenu)
    entry = next(a for a in view.actions() if a.text() == "What &changed between…")
    entry.trigger()
    assert len(shown) == 1
    assert shown[0].changes[0].date == dt.date(2026, 11, 8)


def test_clicking_a_step_of_the_jss_line_explains_it(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.resize(1400, 900)
    canvas = window.score_plot.canvas
    canvas.plot_item.setXRange(
        epoch_seconds(dt.date(2026, 10, 1)), epoch_seconds(dt.date(2027, 3, 1)), padding=0
    )
    qtbot.wait_until(lambda: canvas.plot_item.vb.width() > 100)
    explainer = window.panels.explainer
    # Halfway up the 90 -> 100 step of 2026-12-29, and well away from any step.
    step = canvas.plot_item.vb.mapViewToScene(QPointF(epoch_seconds(dt.date(2026, 12, 29)), 95))
    away = canvas.plot_item.vb.mapViewToScene(QPointF(epoch_seconds(dt.date(2026, 12, 10)), 40))
    assert explainer.step_near(away) is None
    assert explainer.step_near(step) == dt.date(2026, 12, 29)
    view = canvas.graphics
    with qtbot.wait_signal(explainer.explained) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(step))
    change = blocker.args[0]
    assert (change.date, change.before, change.after) == (dt.date(2026, 12, 29), 90, 100)
    assert window.statusBar().currentMessage() == (
        "2026-12-29: 90% -> 100%, contract 'Logo refresh' (neutral, weight 1.25) leaves the "
        "6-month window"
    )
