"""The main window wired to the controller: what-if toggles, as-of drags, scenarios, rules.

Numbers are the hand computations of conftest's five-contract sample as of 2026-11-25 under
upwork-2024-09: displayed 90, 6-month 87.804878, 24-month 90.196078; excluding c3 (value 0,
weight 1.25) makes every window 100.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.items import epoch_seconds
from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.dialogs import RulesChoice
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set
from jsswhatif.io.store import save_document

T = TypeVar("T")


def read(get: Callable[[], T]) -> T:
    """``get()``: a value read again after an action, which mypy would think still narrowed."""
    return get()


AS_OF = dt.date(2026, 11, 25)

#: The offscreen platform plugin warns whenever a shown top-level window's size limits change.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, sample_document: Document) -> MainWindow:
    controller = Controller(sample_document, today=AS_OF)
    made = MainWindow(controller)
    qtbot.addWidget(made)
    with qtbot.waitExposed(made):
        made.show()
    made.activateWindow()
    controller.flush()
    return made


def plotted(window: MainWindow, name: str, day: dt.date) -> float:
    """The y value a series of the plot holds on ``day`` (step lines hold until the next x)."""
    x, y = window.score_plot.curve(name).getData()
    index = int(np.searchsorted(x, epoch_seconds(day), side="right")) - 1
    return float(y[index])


def status_text(window: MainWindow, contract_id: str, key: str = "status") -> str:
    model = window.contracts.model
    row = model.row_of(contract_id)
    assert row is not None
    return str(model.data(model.index(row, COLUMN_OF[key])))


def select(window: MainWindow, *ids: str) -> None:
    window.contracts.select_ids(list(ids))
    assert window.contracts.selected_ids() == list(ids)


def test_opens_on_the_sample_with_the_hand_computed_scores(window: MainWindow) -> None:
    assert window.summary.score_label.text() == "90%"
    assert "upwork-2024-09" in window.summary.rules_label.text()
    assert "upwork-2024-09" in window.status_label.text()
    assert plotted(window, "displayed", AS_OF) == 90.0
    assert plotted(window, "m6", AS_OF) == pytest.approx(100 * 9 / 10.25)
    assert plotted(window, "m24", AS_OF) == pytest.approx(100 * 11.5 / 12.75)
    assert window.rules_combo.currentText() == "upwork-2024-09"
    assert window.scenario_combo.currentText() == "Baseline"


def test_toggling_exclude_updates_table_summary_and_plot(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "c3")
    window.window_actions["exclude"].trigger()
    with qtbot.waitSignal(window.controller.results_changed):
        pass
    assert window.summary.score_label.text() == "100%"
    assert status_text(window, "c3") == "Excluded by you"
    assert plotted(window, "displayed", AS_OF) == 100.0
    assert plotted(window, "m6", AS_OF) == 100.0
    assert plotted(window, "m24", AS_OF) == 100.0
    assert window.isWindowModified()
    window.controller.undo_stack.undo()
    window.controller.flush()
    assert window.summary.score_label.text() == "90%"
    assert plotted(window, "displayed", AS_OF) == 90.0
    assert not window.isWindowModified()


def test_an_edit_keeps_the_top_rated_band_until_the_next_look_ahead(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The band and its legend entry stay while the look-ahead runs (they used to vanish and
    come back at every edit: a flicker, a relayout and a second paint)."""
    canvas = window.score_plot.canvas
    window.controller.flush_insights()
    spans = canvas.top_rated.spans()
    assert spans  # the sample is Top Rated on some days of its range
    select(window, "c3")
    window.window_actions["exclude"].trigger()
    window.controller.flush()
    assert window.controller.insights is None  # the look-ahead has not answered yet
    assert canvas.top_rated.spans() == spans
    assert "top_rated" in canvas._present
    with qtbot.waitSignal(window.controller.insights_changed, timeout=10_000):
        pass
    assert canvas.top_rated.spans()


def test_an_edit_is_recomputed_before_the_window_paints(qtbot: QtBot, window: MainWindow) -> None:
    """No paint shows the new rows with the old numbers (a paint, then another with the
    new results: twice the drawing per edit)."""
    controller = window.controller
    stale: list[bool] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                results = controller.results
                stale.append(results is None or results.contracts is not controller.contracts)
            return False

    spy = PaintSpy()
    window.contracts.table.viewport().installEventFilter(spy)
    select(window, "c3")
    qtbot.wait(20)
    stale.clear()
    window.window_actions["exclude"].trigger()
    qtbot.waitUntil(lambda: bool(stale))
    qtbot.wait(20)
    assert stale
    assert not any(stale)
    window.contracts.table.viewport().removeEventFilter(spy)


def test_keyboard_shortcuts_toggle_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "c2")
    window.contracts.table.setFocus()
    QTest.keyClick(window.contracts.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.contracts[1].end == AS_OF
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert read(lambda: window.controller.contracts[1].end) is None
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Z, shift_ctrl)
    assert read(lambda: window.controller.contracts[1].end) == AS_OF
    QTest.keyClick(window.contracts.table, Qt.Key.Key_X, shift_ctrl)
    assert window.controller.contracts[1].excluded
    QTest.keyClick(window.contracts.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.contracts[1].private == REVIEW_CHOICES[0].private
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.controller.as_of == AS_OF + dt.timedelta(days=1)
    assert window.score_plot.as_of() == AS_OF + dt.timedelta(days=1)
    month = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Left, month)
    assert window.controller.as_of == dt.date(2026, 10, 26)
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.contracts.selected_ids() == ["c3"]


def test_dragging_the_as_of_line_updates_summary_and_columns(
    qtbot: QtBot, window: MainWindow
) -> None:
    # On 2026-12-29 c3 (0, ended 2026-06-28) leaves the 6-month window: 100 * 9 / 9 = 100.
    leaves = dt.date(2026, 12, 29)
    assert status_text(window, "c3", "windows") == "6, 12, 24"
    with qtbot.waitSignal(window.controller.results_changed) as computed:
        window.score_plot.as_of_line.setValue(epoch_seconds(leaves) + 3600)
    glance = computed.args[0]
    assert glance.as_of == leaves
    assert read(lambda: window.controller.dragging)
    assert window.summary.score_label.text() == "100%"
    assert ("6 months", "100.0%  ★", "2 outcomes · 2 clients") in window.summary.window_texts()
    assert status_text(window, "c3", "windows") == "12, 24"
    assert window.summary.is_pending("changes")
    # A drag step reads the day from the timeline and evaluates only the rows asked for:
    # no view computed the whole evaluation; impacts and counts wait for the release.
    window.contracts.table.repaint()
    assert glance.glance
    assert not glance.is_exact
    assert status_text(window, "c3", "impact") == "…"
    assert window.summary.is_pending("counts")
    assert window.summary.is_pending("fragility")
    with qtbot.waitSignal(window.controller.insights_changed, timeout=3000):
        window.score_plot.as_of_line.sigPositionChangeFinished.emit(window.score_plot.as_of_line)
    assert not read(lambda: window.controller.dragging)
    assert not window.summary.is_pending("changes")
    assert not window.summary.is_pending("counts")
    # Without c3 the 6-month window still scores 100 * 9 / 9: its impact is nil.
    assert status_text(window, "c3", "impact") == "+0.00"
    results = window.controller.results
    assert results is not None
    assert window.score_plot.slider.value() == (leaves - results.plot_range[0]).days


def test_scenario_create_switch_reset_apply_and_compare(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = window.controller
    window.window_actions["new_scenario"].trigger()
    assert window.scenario_combo.currentText() == "Scenario"
    select(window, "c3")
    window.window_actions["exclude"].trigger()
    c.flush()
    assert window.summary.score_label.text() == "100%"
    assert "+10 vs baseline" in window.summary.delta_label.text()
    assert plotted(window, "baseline", AS_OF) == 90.0
    # Switch to the baseline and back.
    window.scenario_combo.setCurrentIndex(0)
    window.scenario_combo.activated.emit(0)
    c.flush()
    assert window.summary.score_label.text() == "90%"
    window.window_actions["next_scenario"].trigger()
    c.flush()
    assert c.scenario == "Scenario"
    assert window.summary.score_label.text() == "100%"
    # Compare: the baseline and the scenario plotted together.
    window.window_actions["compare"].setChecked(True)
    results = c.flush()
    assert [label for label, _ in results.compare] == ["Baseline", "Scenario"]
    _, y = window.score_plot.comparison_curve("Scenario").getData()
    assert 100.0 in y
    monkeypatch.setattr(dialogs, "ask_compare", lambda *args: Compare("rules", ("upwork-2015",)))
    window.window_actions["compare_settings"].trigger()
    assert [label for label, _ in c.flush().compare] == ["upwork-2015"]
    window.window_actions["compare"].setChecked(False)
    assert c.flush().compare == ()
    # Reset the row, then change it again and apply the scenario to the baseline.
    window.window_actions["reset"].trigger()
    assert c.flush().displayed == 90
    window.window_actions["exclude"].trigger()
    window.window_actions["apply"].trigger()
    assert c.document.contracts[2].excluded
    window.scenario_combo.setCurrentIndex(0)
    window.scenario_combo.activated.emit(0)
    assert c.flush().displayed == 100


def test_custom_rule_set_from_a_preset(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # c3 (4.0 stars, private 8) becomes positive when the thresholds are 4 and 8: 100.
    custom = custom_rule_set(
        PRESETS_BY_NAME["upwork-2024-09"],
        "lenient",
        public_positive_min=Decimal(4),
        private_positive_min=8,
    )
    monkeypatch.setattr(dialogs, "ask_rule_set", lambda *args: RulesChoice(None, custom, None))
    window.window_actions["rules_dialog"].trigger()
    window.controller.flush()
    assert window.rules_combo.currentText() == "lenient"
    assert window.summary.score_label.text() == "100%"
    assert "lenient" in window.status_label.text()
    index = window.rules_combo.findData("upwork-2015")
    window.rules_combo.setCurrentIndex(index)
    window.rules_combo.activated.emit(index)
    results = window.controller.flush()
    assert results.rules_label == "upwork-2015"


def test_hypothetical_contracts_through_the_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = Hypothetical(3, Decimal(500), REVIEW_CHOICES[0], AS_OF)
    monkeypatch.setattr(dialogs, "ask_hypothetical", lambda *args: spec)
    window.window_actions["hypothetical"].trigger()
    # On the baseline a scenario is made for them, in the same undo step.
    assert window.controller.scenario == "3 more great jobs"
    assert window.scenario_combo.currentText() == "3 more great jobs"
    results = window.controller.flush()
    # 6-month 100 * 12.75 / 14 = 91.07, 24-month 100 * 15.25 / 16.5 = 92.42: displayed 92.
    assert results.displayed == 92
    assert window.contracts.selected_ids() == ["h1", "h2", "h3"]
    assert window.contracts.count_label.text() == "8 contracts"
    assert len(window.controller.document.contracts) == 5
    window.window_actions["undo"].trigger()
    assert read(lambda: window.controller.scenario) is None
    assert read(lambda: window.controller.document.scenarios) == ()


def test_open_csv_errors_name_row_and_column_and_change_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("client,start,end\nAcme,2026-01-05,2026-13-01\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, *args: bad)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    before = window.controller.document
    assert not window.files.open()
    assert len(shown) == 1
    assert "bad.csv" in shown[0]
    assert "row 1" in shown[0]
    assert "'end'" in shown[0]
    assert window.controller.document is before


def test_open_csv_replaces_the_document(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "two.csv"
    good.write_text("client,start\nAcme,2026-01-05\nBeta,2026-02-01\n", encoding="utf-8")
    select(window, "c3")
    window.window_actions["exclude"].trigger()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    assert window.files.open(good)
    assert window.contracts.model.rowCount() == 2
    assert window.windowTitle() == "two.csv[*] — jsswhatif"
    assert not window.isWindowModified()
    assert window.controller.undo_stack.count() == 0
    results = window.controller.flush()
    assert results.displayed is None
    assert window.summary.score_label.text() == "no JSS"
    assert math.isnan(plotted(window, "displayed", AS_OF))


def test_table_edit_through_the_model_is_undoable(window: MainWindow) -> None:
    model = window.contracts.model
    row = model.row_of("c1")
    assert row is not None
    assert model.setData(model.index(row, COLUMN_OF["title"]), "New title")
    assert window.controller.contracts[0].title == "New title"
    assert window.controller.undo_stack.undoText() == "Edit title of c1"
    window.window_actions["undo"].trigger()
    assert window.controller.contracts[0].title == "Landing page redesign"


def test_as_of_beyond_the_plot_range_extends_it(window: MainWindow) -> None:
    far = dt.date(2029, 6, 30)  # the range first ends 24 months after today, 2028-11-25
    window.controller.set_as_of(far)
    results = window.controller.flush()
    assert results.plot_range[1] >= far
    assert window.score_plot.as_of() == far
    assert window.score_plot.date_edit.date().toString("yyyy-MM-dd") == "2029-06-30"


def test_the_plot_shows_the_controllers_as_of_and_range_at_once(
    window: MainWindow, sample_document: Document, tmp_path: Path
) -> None:
    """The controller owns the as-of date: a document opened with its own date moves the
    plot in the same change, before any recompute, and an as-of beyond the range grows the
    slider's range first."""
    path = tmp_path / "spring.jsswhatif"
    save_document(path, sample_document.model_copy(update={"as_of": dt.date(2026, 3, 1)}))
    assert window.files.open(path)
    assert window.controller.as_of == dt.date(2026, 3, 1)
    assert window.score_plot.as_of() == dt.date(2026, 3, 1)
    far = dt.date(2030, 1, 31)
    window.controller.set_as_of(far)
    assert window.controller.plot_range[1] >= far
    assert window.score_plot.as_of() == far
    assert window.score_plot.date_edit.date().toString("yyyy-MM-dd") == "2030-01-31"


def test_the_compare_action_follows_the_controllers_comparison(
    window: MainWindow, tmp_path: Path, sample_document: Document
) -> None:
    """Checked while the controller compares, unchecked when a new document resets it."""
    window.window_actions["compare"].setChecked(True)
    assert window.controller.compare.mode == "rules"  # no scenarios: the presets
    window.controller.set_compare(Compare())
    assert not window.window_actions["compare"].isChecked()
    window.window_actions["compare"].setChecked(True)
    path = tmp_path / "other.jsswhatif"
    save_document(path, sample_document)
    assert window.files.open(path)
    assert window.controller.compare == Compare()
    assert not window.window_actions["compare"].isChecked()


def test_new_then_open_recent_leaves_the_window_whole(
    qtbot: QtBot, sample_document: Document, tmp_path: Path
) -> None:
    """File ▸ New from a document dated before the first contract of none: the plot's range
    limits move its as-of line, which must not count as a drag (the look-ahead then waited
    for ever); Open Recent then shows one date everywhere."""
    earlier = sample_document.model_copy(update={"as_of": dt.date(2026, 3, 1)})
    controller = Controller(earlier, today=AS_OF)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    controller.flush()
    path = tmp_path / "earlier.jsswhatif"
    save_document(path, earlier)
    with qtbot.waitSignal(controller.insights_changed, timeout=10_000):
        assert window.files.new()
    assert not controller.dragging
    assert controller.insights is not None
    controller.add_contract()  # later edits bring the look-ahead too
    with qtbot.waitSignal(controller.insights_changed, timeout=10_000):
        pass
    with qtbot.waitSignal(controller.insights_changed, timeout=10_000):
        assert window.files.open_recent(path)
    assert not controller.dragging
    day = dt.date(2026, 3, 1)
    assert controller.as_of == day
    assert window.score_plot.as_of() == day
    assert window.score_plot.date_edit.date().toString("yyyy-MM-dd") == "2026-03-01"
    assert "as of 2026-03-01" in window.status_label.text()
    assert window.score_plot.readout_text().startswith("2026-03-01")
