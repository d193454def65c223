"""JSS values seen on Upwork: stars on the plot with a tool tip, and Edit ▸ Record observed JSS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.samples import FIRST_RUN_SAMPLE, sample_named
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
