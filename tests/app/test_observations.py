"""JSS values seen on Upwork: stars on the plot with a tool tip, and Edit ▸ Record observed JSS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.samples import FIRST_RUN_SAMPLE, sample_named
from jsswhatif.app.panels import observations
from jsswhatif.app.panels.calibration import CalibrationDialog
from jsswhatif.app.panels.observation_dialog import ObservationDialog
from jsswhatif.app.plot.items import epoch_seconds
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Observation

from .conftest import AS_OF, MakeWindow

T = TypeVar("T")


def read(get: Callable[[], T]) -> T:
    """``get()``: a value read again after an action, which mypy would think still narrowed."""
    return get()


pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def stars(window: MainWindow) -> list[tuple[float, float, str]]:
    """(x, y, tool tip) of every observation marker."""
    markers = window.score_plot.canvas.observed
    x, y = markers.getData()
    return [
        (float(a), float(b), str(t)) for a, b, t in zip(x, y, markers.data["data"], strict=True)
    ]


def test_the_samples_observations_are_marked_with_their_words(make_window: MakeWindow) -> None:
    window = make_window()
    assert stars(window) == []
    sample = sample_named(FIRST_RUN_SAMPLE)
    assert sample is not None
    window.files.open_sample(sample)
    assert stars(window) == [
        (
            epoch_seconds(dt.date(2026, 9, 10)),
            92.0,
            "seen on Upwork: 92% on 2026-09-10 (last week)",
        ),
        (
            epoch_seconds(dt.date(2026, 9, 17)),
            90.0,
            "seen on Upwork: 90% on 2026-09-17 (this week, no job closed)",
        ),
    ]
    labels = [label.text for _, label in window.score_plot.canvas.legend.items]
    assert "seen on Upwork" in labels


def test_record_observed_jss_is_one_undoable_edit(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    offered: list[tuple[dt.date, int | None]] = []

    def ask(parent: object, day: dt.date, value: int | None) -> Observation:
        offered.append((day, value))
        return Observation(date=day, value=88, note="profile")

    monkeypatch.setattr(dialogs, "ask_observation", ask)
    window.window_actions["record_observation"].trigger()
    assert offered == [(AS_OF, 90)]  # the as-of date and the estimate on screen
    assert window.controller.document.observations == (
        Observation(date=AS_OF, value=88, note="profile"),
    )
    assert stars(window) == [
        (epoch_seconds(AS_OF), 88.0, "seen on Upwork: 88% on 2026-11-25 (profile)")
    ]
    assert window.isWindowModified()
    assert window.controller.undo_stack.undoText() == "Record observed JSS 88% on 2026-11-25"

    earlier = Observation(date=dt.date(2026, 10, 1), value=91)
    assert window.controller.record_observation(earlier)
    again = Observation(date=AS_OF, value=87)
    assert window.controller.record_observation(again)  # the same day: replaced
    assert read(lambda: window.controller.document.observations) == (earlier, again)

    window.window_actions["undo"].trigger()
    window.window_actions["undo"].trigger()
    window.window_actions["undo"].trigger()
    assert read(lambda: window.controller.document.observations) == ()
    assert stars(window) == []


def test_cancelling_the_dialog_records_nothing(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    monkeypatch.setattr(dialogs, "ask_observation", lambda parent, day, value: None)
    window.window_actions["record_observation"].trigger()
    assert window.controller.undo_stack.count() == 0


def test_the_dialog_returns_what_was_entered(qtbot: QtBot) -> None:
    dialog = ObservationDialog(dt.date(2026, 9, 10), None)
    qtbot.addWidget(dialog)
    assert dialog.value.value() == 90
    dialog.value.setValue(92)
    dialog.note.setText("  last week ")
    assert dialog.observation() == Observation(
        date=dt.date(2026, 9, 10), value=92, note="last week"
    )


def panel_rows(window: MainWindow) -> list[list[str]]:
    table = window.panels.observations.table
    cells = [
        [table.item(row, column) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    return [[item.text() if item else "" for item in row] for row in cells]


def seen(window: MainWindow, *observations: Observation) -> None:
    for observation in observations:
        assert window.controller.record_observation(observation)


def test_the_panel_shows_each_estimate_and_edits_and_deletes_undoably(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Estimates of the sample: 90 on 2026-11-25; on 2026-11-01 c2 weighs 5.5 (day 443),
    24-month 100 * 10.5 / 11.75 = 89.4, 89."""
    window = make_window()
    panel = window.panels.observations
    assert panel.note_label.text().startswith("No observed JSS yet")
    assert not panel.calibrate_button.isEnabled()
    seen(
        window, Observation(date=AS_OF, value=88), Observation(date=dt.date(2026, 11, 1), value=90)
    )
    assert panel_rows(window) == [
        ["2026-11-01", "90%", "89%", "−1", ""],
        ["2026-11-25", "88%", "90%", "+2", ""],
    ]
    assert panel.note_label.text() == (
        "Only 2 observed: calibration needs three or more to rank well."
    )
    # Edit the first row: its date and value and a note; the star moves with it.
    corrected = Observation(date=dt.date(2026, 11, 2), value=89, note="checked twice")
    monkeypatch.setattr(observations, "ask_edit", lambda parent, old: corrected)
    panel.table.selectRow(0)
    assert panel.edit_button.isEnabled()
    panel.table.cellDoubleClicked.emit(0, 0)
    assert panel_rows(window)[0] == ["2026-11-02", "89%", "89%", "0", "checked twice"]
    assert stars(window)[0][:2] == (epoch_seconds(dt.date(2026, 11, 2)), 89.0)
    # Delete the second row.
    panel.table.selectRow(1)
    panel.delete_button.click()
    assert [row[0] for row in panel_rows(window)] == ["2026-11-02"]
    assert window.controller.undo_stack.undoText() == "Delete observed JSS 88% of 2026-11-25"
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert [row[:2] for row in panel_rows(window)] == [
        ["2026-11-01", "90%"],
        ["2026-11-25", "88%"],
    ]


def test_calibrate_ranks_and_uses_the_best_reading(make_window: MakeWindow, qtbot: QtBot) -> None:
    """Seen 84 on 2026-11-25 and 84 on 2026-11-01. With no_feedback=neutral c5 (ended
    2026-10-31, $240, weight 1) counts as 0: on 11-25 the 24-month window gives
    100 * 11.5 / 13.75 = 83.6, 84 (a match); on 11-01 (c2 weighing 5.5) 100 * 10.5 / 12.75 =
    82.4, 82. No candidate matches both; upwork-2024-09 itself shows 90 and 89."""
    window = make_window()
    seen(
        window, Observation(date=AS_OF, value=84), Observation(date=dt.date(2026, 11, 1), value=84)
    )
    dialog = CalibrationDialog(window.controller, window)
    qtbot.addWidget(dialog)
    best = dialog.fits[0]
    assert best.reading.name == "upwork-2024-09 + no_feedback=neutral"
    assert (best.values, best.matches, best.mean_error) == ((82, 84), 1, 1.0)
    assert dialog.sentence_label.text() == (
        "Of 2 observed values, upwork-2024-09 with no_feedback neutral matches 1."
    )
    assert dialog.note_label.isVisibleTo(dialog)
    assert dialog.note_label.text().startswith("Only 2 observed values:")
    first = dialog.table.item(0, 1)
    assert first is not None
    assert first.text() == "upwork-2024-09 + no_feedback=neutral"
    assert dialog.use_button.text() == (
        "Save and use 'upwork-2024-09 + no_feedback=neutral' as a custom rule set (matches 1 of 2)"
    )
    dialog.use_button.click()
    controller = window.controller
    assert controller.document.rules_name == "upwork-2024-09 + no_feedback=neutral"
    assert controller.flush().displayed == 84
    controller.undo_stack.undo()
    assert read(lambda: controller.document.rules_name) == "upwork-2024-09"


def test_the_calibrate_button_opens_the_view(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    opened: list[object] = []
    monkeypatch.setattr(observations, "show_calibration", lambda parent, c: opened.append(c))
    seen(window, Observation(date=AS_OF, value=90))
    window.panels.observations.calibrate_button.click()
    assert opened == [window.controller]


def test_add_from_the_panel_and_dates_outside_the_plot(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An observation before every contract has no estimate (evaluated apart from the
    plot's timeline); three observations make the note explain the estimate instead."""
    window = make_window()
    panel = window.panels.observations
    monkeypatch.setattr(
        dialogs, "ask_observation", lambda parent, day, value: Observation(date=day, value=value)
    )
    panel.add_button.click()
    seen(
        window,
        Observation(date=dt.date(2015, 1, 1), value=95),
        Observation(date=dt.date(2026, 11, 1), value=89),
    )
    assert panel_rows(window) == [
        ["2015-01-01", "95%", "no JSS", "no estimate", ""],
        ["2026-11-01", "89%", "89%", "0", ""],
        ["2026-11-25", "90%", "90%", "0", ""],
    ]
    assert panel.note_label.text().startswith("Estimate: the baseline's displayed score")
    assert not panel.edit_row(7)
    assert not panel.delete_row(-1)
    monkeypatch.setattr(observations, "ask_edit", lambda parent, old: None)
    assert not panel.edit_row(0)  # cancelled


def test_calibrate_picks_a_preset_as_it_is_or_says_there_is_nothing(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    """Seen 90 on 2026-11-25 and 89 on 2026-11-01: exactly upwork-2024-09's estimates (see
    above), the first candidate to match both; the document uses historical."""
    window = make_window()
    controller = window.controller
    empty = CalibrationDialog(controller, window)
    qtbot.addWidget(empty)
    assert empty.sentence_label.text().startswith("No observed JSS")
    assert not empty.use_button.isEnabled()
    assert not empty.use_best()
    assert controller.set_rules("historical")
    seen(
        window, Observation(date=AS_OF, value=90), Observation(date=dt.date(2026, 11, 1), value=89)
    )
    dialog = CalibrationDialog(controller, window)
    qtbot.addWidget(dialog)
    assert dialog.use_button.text() == "Use upwork-2024-09 (matches 2 of 2)"
    assert dialog.use_best()
    assert read(lambda: controller.document.rules_name) == "upwork-2024-09"
