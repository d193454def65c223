"""Select all (Ctrl+A) and Exclude (Ctrl+Shift+X) as one undoable step, and the fast paths
under it (issue 14): the selection read from its ranges, the column header's own empty
selection, changed rows announced as runs.

Each fast path stands in for slower Qt or Python calls; these tests pin what the slow ones
gave: the rows the filter shows, in row order, one undo step, the selection kept.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.table.model import MAX_RUNS, ContractsModel, row_runs
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def excluded(window: MainWindow) -> list[str]:
    return [c.id for c in window.controller.contracts if c.excluded]


def select_all_and_exclude(window: MainWindow) -> None:
    table = window.contracts.table
    window.activateWindow()
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_A, CTRL)
    QTest.keyClick(table, Qt.Key.Key_X, CTRL_SHIFT)


def test_select_all_and_exclude_is_one_step_undone_exactly(make_window: MakeWindow) -> None:
    window = make_window()
    before = window.controller.document
    steps = window.controller.undo_stack.count()
    select_all_and_exclude(window)
    assert excluded(window) == ["c1", "c2", "c3", "c4", "c5"]
    assert window.controller.undo_stack.count() == steps + 1
    assert window.contracts.selected_ids() == ["c1", "c2", "c3", "c4", "c5"]  # kept
    window.controller.undo_stack.undo()
    assert window.controller.document == before
    assert window.contracts.selected_ids() == ["c1", "c2", "c3", "c4", "c5"]
    window.controller.undo_stack.redo()
    assert excluded(window) == ["c1", "c2", "c3", "c4", "c5"]


def test_select_all_and_exclude_under_a_filter_edits_only_the_rows_shown(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.contracts.filter_edit.setText("acme")
    assert window.contracts.model.rowCount() == 2
    select_all_and_exclude(window)
    assert excluded(window) == ["c1", "c5"]
    assert window.contracts.selected_ids() == ["c1", "c5"]
    window.contracts.filter_edit.setText("")
    QTest.keyClick(window.contracts.table, Qt.Key.Key_Z, CTRL)
    assert excluded(window) == []


def test_selected_ids_are_in_row_order_under_a_sort_and_skip_deselected_rows(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    panel = window.contracts
    panel.table.sortByColumn(COLUMN_OF["earnings"], Qt.SortOrder.DescendingOrder)
    shown = [panel.model.contract_id(r) for r in range(panel.model.rowCount())]
    assert shown == ["c2", "c4", "c1", "c3", "c5"]
    panel.table.selectAll()
    assert panel.selected_ids() == shown
    rows = QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
    panel.table.selectionModel().select(panel.model.index(2, 0), rows)  # as a Ctrl+click does
    assert panel.selected_ids() == ["c2", "c4", "c3", "c5"]
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(3, 0))
    panel.table.clearSelection()
    assert panel.selected_ids() == ["c3"]  # none selected: the current row


def test_the_column_header_keeps_an_empty_selection_of_its_own(make_window: MakeWindow) -> None:
    """Its sections would ask for every selected cell's flags on each repaint."""
    window = make_window()
    table = window.contracts.table
    header = table.horizontalHeader()
    assert header.selectionModel() is not table.selectionModel()
    assert header.selectionModel().model() is table.model()
    select_all_and_exclude(window)
    assert table.selectionModel().isRowSelected(4, QModelIndex())
    assert not header.selectionModel().hasSelection()
    header.setSortIndicator(COLUMN_OF["client"], Qt.SortOrder.AscendingOrder)  # still sorts
    assert window.contracts.model.contract_id(0) == "c1"


def test_runs_of_rows() -> None:
    assert row_runs([]) == []
    assert row_runs([4]) == [(4, 4)]
    assert row_runs([0, 1, 2, 5, 6, 9]) == [(0, 2), (5, 6), (9, 9)]
    scattered = list(range(0, 4 * MAX_RUNS, 2))
    assert len(row_runs(scattered[:MAX_RUNS], MAX_RUNS)) == MAX_RUNS
    assert row_runs(scattered, MAX_RUNS) == [(0, scattered[-1])]
    assert len(row_runs(scattered)) == len(scattered)


@pytest.fixture
def many(qtbot: QtBot) -> Controller:
    """60 contracts whose clients sort in another order than their ids."""
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {(i * 37) % 60:02d}", start=dt.date(2026, 1, 5))
        for i in range(60)
    )
    made = Controller(Document(contracts=contracts, as_of=AS_OF), today=AS_OF)
    made.flush()
    return made


def test_rows_an_edit_changes_are_announced_whatever_the_sort(
    qtbot: QtBot, many: Controller
) -> None:
    model = ContractsModel(many)
    model.sort(COLUMN_OF["client"], Qt.SortOrder.AscendingOrder)
    announced: list[tuple[int, int, int, int]] = []

    def record(
        top: QModelIndex | QPersistentModelIndex,
        bottom: QModelIndex | QPersistentModelIndex,
        roles: object = (),
    ) -> None:
        announced.append((top.row(), bottom.row(), top.column(), bottom.column()))

    model.dataChanged.connect(record)
    for chosen in (["c3", "c4", "c5"], [f"c{i}" for i in range(0, 60, 3)]):
        announced.clear()
        many.toggle_excluded(chosen)
        rows = {model.row_of(i) for i in chosen}
        covered = {r for top, bottom, _, _ in announced for r in range(top, bottom + 1)}
        assert rows <= covered
        assert 0 < len(announced) <= MAX_RUNS
        assert all(left == 0 for _, _, left, _ in announced)
    many.shutdown()


def test_a_selection_kept_over_a_reset_is_a_range_per_run_of_rows(
    make_window: MakeWindow,
) -> None:
    """A scenario switch resets the model; the selection comes back as few ranges (one per
    row made 10,000 ranges for all rows, each painted cell then searched them all)."""
    window = make_window()
    panel = window.contracts
    panel.select_ids(["c5", "c1", "c2", "c4"])
    assert panel.selected_ids() == ["c1", "c2", "c4", "c5"]
    assert panel.table.selectionModel().selection().size() == 2
    assert panel.table.currentIndex().row() == panel.model.row_of("c5")  # the first asked
    panel.table.selectAll()
    window.controller.new_scenario("S")
    assert window.controller.scenario == "S"
    assert panel.selected_ids() == ["c1", "c2", "c3", "c4", "c5"]
    assert panel.table.selectionModel().selection().size() == 1


def test_a_status_filter_after_an_as_of_step_resets_only_when_its_rows_change(
    qtbot: QtBot, controller: Controller
) -> None:
    """The "open" rows are filtered again with each day's results; the same rows keep the
    model (and the selection) as they were, other rows come with a reset."""
    model = ContractsModel(controller)
    model.set_filter(status="open")
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c2"]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    controller.set_as_of(AS_OF - dt.timedelta(days=1))
    controller.flush()
    assert resets == []
    controller.set_as_of(dt.date(2026, 10, 15))  # c5 runs from 2026-09-01 to 2026-10-31
    controller.flush()
    assert resets == [2]
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c2", "c5"]


def test_a_drag_leaves_the_counted_filter_to_its_release(
    qtbot: QtBot, controller: Controller
) -> None:
    """Filtering a drag step's glance by outcome would evaluate every contract one by one
    (10,000 per step); the rows follow the exact results of the release."""
    model = ContractsModel(controller)
    model.set_filter(status="not_counted")
    before = [model.contract_id(r) for r in range(model.rowCount())]
    day = dt.date(2026, 6, 15)  # c1 and c3 are open then, c5 not started
    controller.set_as_of(day, dragging=True)
    glance = controller.results
    assert glance is not None
    assert glance.glance
    assert [model.contract_id(r) for r in range(model.rowCount())] == before
    assert not glance.is_exact
    controller.finish_as_of_drag(day)
    controller.flush()
    after = [model.contract_id(r) for r in range(model.rowCount())]
    fresh = ContractsModel(controller)
    fresh.set_filter(status="not_counted")
    assert after == [fresh.contract_id(r) for r in range(fresh.rowCount())]
    assert after != before


def test_a_drag_leaves_the_order_by_a_computed_column_to_its_release(
    qtbot: QtBot, controller: Controller
) -> None:
    model = ContractsModel(controller)
    model.sort(COLUMN_OF["status"], Qt.SortOrder.AscendingOrder)
    model.set_filter(status="open")
    before = [model.contract_id(r) for r in range(model.rowCount())]
    day = dt.date(2026, 6, 15)
    controller.set_as_of(day, dragging=True)
    glance = controller.results
    assert glance is not None
    assert [model.contract_id(r) for r in range(model.rowCount())] == before
    assert not glance.is_exact
    controller.finish_as_of_drag(day)
    controller.flush()
    fresh = ContractsModel(controller)
    fresh.sort(COLUMN_OF["status"], Qt.SortOrder.AscendingOrder)
    fresh.set_filter(status="open")
    expected = [fresh.contract_id(r) for r in range(fresh.rowCount())]
    assert [model.contract_id(r) for r in range(model.rowCount())] == expected
    assert expected != before


def test_the_model_asks_the_table_which_rows_it_shows(make_window: MakeWindow) -> None:
    """New results announce the changed cells of these rows only (see the model's test)."""
    start = dt.date(2025, 1, 6)
    contracts = tuple(make_contract(id=f"c{i}", client="Acme", start=start) for i in range(200))
    window = make_window(Document(contracts=contracts))
    table, model = window.contracts.table, window.contracts.model
    table.scrollTo(model.index(120, 0), table.ScrollHint.PositionAtTop)
    assert model.rows_on_screen is not None
    first, last = model.rows_on_screen()
    height, at = table.viewport().height(), table.rowViewportPosition
    assert first >= 100
    assert at(first) <= 0 < at(first) + table.rowHeight(first)
    assert at(last) < height <= at(last) + table.rowHeight(last)
