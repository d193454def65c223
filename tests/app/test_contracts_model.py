"""The contracts table model: fields, computed columns, edits as commands, sort, filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyleOptionViewItem, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jsswhatif.app.table.columns import COLUMN_OF, COLUMNS, COMPUTED_START
from jsswhatif.app.table.delegates import DateLineEdit, install_delegates
from jsswhatif.app.table.model import (
    HYPOTHETICAL_BRUSH,
    ID_ROLE,
    OVERRIDE_BRUSH,
    ContractsModel,
)
from jsswhatif.app.window.controller import Controller
from jsswhatif.core.document import Document
from jsswhatif.core.edits import REVIEW_CHOICES
from jsswhatif.io.contracts_csv import parse_contracts_csv

from .conftest import AS_OF, SAMPLE_CSV

T = TypeVar("T")


def read(get: Callable[[], T]) -> T:
    """``get()``: a value read again after an action, which mypy would think still narrowed."""
    return get()


DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole
GREAT, GOOD, POOR, NO_FEEDBACK = REVIEW_CHOICES


@pytest.fixture
def model(controller: Controller) -> ContractsModel:
    return ContractsModel(controller)


def cell(model: ContractsModel, contract_id: str, key: str, role: int = DISPLAY) -> object:
    row = model.row_of(contract_id)
    assert row is not None
    return model.data(model.index(row, COLUMN_OF[key]), role)


def test_qtmodeltester_through_edits_sort_and_filter(
    qtmodeltester: ModelTester, controller: Controller, model: ContractsModel
) -> None:

    qtmodeltester.check(model, force_py=True)
    controller.new_scenario()
    controller.toggle_excluded(["c3"])
    controller.add_contract()
    controller.flush()
    model.sort(COLUMN_OF["impact"], Qt.SortOrder.DescendingOrder)
    model.set_filter("acme")
    model.set_filter("", "counted")
    qtmodeltester.check(model, force_py=True)


def test_fields_and_computed_columns(controller: Controller, model: ContractsModel) -> None:
    assert model.rowCount() == 5
    assert model.columnCount() == len(COLUMNS)
    assert cell(model, "c1", "earnings") == "$1,800.00"
    assert cell(model, "c1", "start", EDIT) == QDate(2026, 3, 2)
    assert cell(model, "c2", "end") == ""
    assert cell(model, "c2", "end", EDIT) == QDate()
    assert cell(model, "c3", "public") == "4"
    assert cell(model, "c1", "excluded", Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert cell(model, "c1", "status") == "Counted: ended"
    assert cell(model, "c5", "status") == "Not counted: no feedback"
    assert cell(model, "c3", "value") == "0"
    assert cell(model, "c2", "weight") == "6.5"
    assert cell(model, "c4", "windows") == "24"
    # c4 ended 2025-06-30 and leaves the 24-month window on 2027-07-01.
    assert cell(model, "c4", "leaves") == "2027-07-01 (24 mo)"
    assert cell(model, "c3", "impact") == "\u22129.80"
    assert cell(model, "c2", "impact") == "+10.20"
    tip = cell(model, "c5", "status", TIP)
    assert isinstance(tip, str)
    assert "no_feedback = excluded" in tip
    assert model.data(model.index(0, 0), ID_ROLE) == "c1"


def test_new_results_announce_the_changed_cells_on_screen_only(
    controller: Controller, model: ContractsModel
) -> None:
    """A view repaints what ``dataChanged`` names: most as-of drag steps change no cell on
    screen and repaint none; the cells on screen that read differently are named."""
    on_screen, computed = range(1, 4), range(COMPUTED_START, len(COLUMNS))
    model.rows_on_screen = lambda: (on_screen[0], on_screen[-1])
    roles = (DISPLAY, Qt.ItemDataRole.ForegroundRole)
    named: set[tuple[int, int]] = set()
    model.dataChanged.connect(
        lambda top, bottom, *_: named.update(
            (row, column)
            for row in range(top.row(), bottom.row() + 1)
            for column in range(top.column(), bottom.column() + 1)
        )
    )

    def painted() -> dict[tuple[int, int], list[object]]:
        """What a view showing rows 1-3 asks for (then the model remembers it)."""
        return {
            (row, column): [model.data(model.index(row, column), role) for role in roles]
            for row in on_screen
            for column in computed
        }

    before = painted()
    controller.set_as_of(AS_OF + dt.timedelta(days=1))
    controller.flush()
    assert named == set()  # the same texts and colours: nothing to repaint
    assert painted() == before
    controller.set_as_of(dt.date(2026, 3, 1))  # before c1 and c3 start
    controller.flush()
    after = painted()
    assert named == {cell for cell in after if after[cell] != before[cell]}
    assert (model.row_of("c3"), COLUMN_OF["status"]) in named  # "Not started" now
    named.clear()
    controller.toggle_excluded(["c5"])  # an edit changes most cells: all are named
    controller.flush()
    assert {(row, column) for row in range(model.rowCount()) for column in computed} <= named


def test_check_box_toggles_excluded_and_updates_the_row(
    qtbot: QtBot, controller: Controller, model: ContractsModel
) -> None:
    index = model.index(model.row_of("c3") or 0, COLUMN_OF["excluded"])
    with qtbot.waitSignal(model.dataChanged) as changed:
        # Check states arrive as plain ints from views.
        assert model.setData(index, 2, Qt.ItemDataRole.CheckStateRole)
    assert changed.args[0].row() == index.row()
    assert controller.contracts[2].excluded
    with qtbot.waitSignal(controller.results_changed):
        pass
    assert cell(model, "c3", "status") == "Excluded by you"
    assert cell(model, "c1", "impact") == "+0.00"


def test_set_data_parses_and_refuses(
    qtbot: QtBot, controller: Controller, model: ContractsModel
) -> None:
    row = model.row_of("c1") or 0
    assert model.setData(model.index(row, COLUMN_OF["earnings"]), "$2,500.50")
    assert controller.contracts[0].earnings == Decimal("2500.50")
    assert model.setData(model.index(row, COLUMN_OF["end"]), QDate(2026, 8, 1))
    assert controller.contracts[0].end == dt.date(2026, 8, 1)
    assert model.setData(model.index(row, COLUMN_OF["private"]), -1)
    assert controller.contracts[0].private is None
    assert model.setData(model.index(row, COLUMN_OF["public"]), "(none)")
    assert controller.contracts[0].public is None
    assert model.setData(model.index(row, COLUMN_OF["kind"]), "hourly")
    with qtbot.waitSignal(controller.edit_failed) as failed:
        assert not model.setData(model.index(row, COLUMN_OF["earnings"]), "lots")
    assert "Earnings" in failed.args[0]
    with qtbot.waitSignal(controller.edit_failed):
        assert not model.setData(model.index(row, COLUMN_OF["end"]), QDate(2020, 1, 1))
    assert controller.undo_stack.count() == 5
    # Computed columns are read-only.
    assert not model.flags(model.index(row, COLUMN_OF["status"])) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("earnings", "1,2", "Earnings: '1,2' is not an amount like 1234.50 or $1,234.50"),
        ("earnings", "-5", "Earnings: '-5' must be >= 0"),
        ("public", "4,5", "Stars: '4,5' is not a rating like 5 or 4.5"),
        ("public", "6", "Stars: '6' must be within 1 and 5"),
        ("private", "8.0", "Private: '8.0' is not a whole number 0-10"),
        ("end", "2026-8-1", "End: '2026-8-1' is not a date YYYY-MM-DD"),
        ("kind", "monthly", "Kind: 'monthly' is not a kind: hourly or fixed"),
        ("client", " ", "Client: (empty) is blank: client is required"),
    ],
)
def test_the_table_refuses_what_the_csv_refuses(
    qtbot: QtBot, controller: Controller, model: ContractsModel, key: str, text: str, message: str
) -> None:
    row = model.row_of("c1") or 0
    before = controller.document
    with qtbot.waitSignal(controller.edit_failed) as failed:
        assert not model.setData(model.index(row, COLUMN_OF[key]), text)
    assert failed.args == [message]
    assert controller.document is before
    assert controller.undo_stack.count() == 0


def test_the_table_reads_what_the_csv_reads(controller: Controller, model: ContractsModel) -> None:
    row = model.row_of("c3") or 0
    assert model.setData(model.index(row, COLUMN_OF["earnings"]), " $1,234.50 ")
    assert model.setData(model.index(row, COLUMN_OF["public"]), "4.50")
    assert model.setData(model.index(row, COLUMN_OF["private"]), "09")
    assert model.setData(model.index(row, COLUMN_OF["end"]), "2026-06-30")
    assert model.setData(model.index(row, COLUMN_OF["kind"]), " Hourly ")
    c3 = controller.contracts[2]
    assert (c3.earnings, str(c3.public), c3.private) == (Decimal("1234.50"), "4.50", 9)
    assert (c3.end, c3.kind) == (dt.date(2026, 6, 30), "hourly")
    assert model.setData(model.index(row, COLUMN_OF["earnings"]), "")
    assert controller.contracts[2].earnings == 0


def test_overrides_are_highlighted_with_the_baseline_value(
    controller: Controller, model: ContractsModel
) -> None:
    controller.new_scenario()
    controller.review(["c1"], POOR)
    background = Qt.ItemDataRole.BackgroundRole
    assert cell(model, "c1", "public", background) == OVERRIDE_BRUSH
    assert cell(model, "c1", "public", TIP) == "Changed in this scenario. Baseline: 5"
    assert cell(model, "c1", "client", background) is None
    assert cell(model, "c2", "public", background) is None
    # The id of a baseline contract is not editable in a scenario; hypothetical ones are.
    assert not model.flags(model.index(0, COLUMN_OF["id"])) & Qt.ItemFlag.ItemIsEditable
    new_id = controller.add_contract()
    assert new_id is not None
    assert cell(model, new_id, "client", background) == HYPOTHETICAL_BRUSH
    controller.reset_rows(["c1"])
    assert cell(model, "c1", "public", background) is None


def test_sort_inside_the_model_keeps_selection_indexes(
    controller: Controller, model: ContractsModel
) -> None:
    persistent = QPersistentModelIndex(model.index(model.row_of("c3") or 0, 0))
    model.sort(COLUMN_OF["impact"], Qt.SortOrder.AscendingOrder)
    ids = [model.contract_id(r) for r in range(model.rowCount())]
    # Impacts: c3 -9.80, c5 0, c1 +2.39, c4 +2.39, c2 +10.20 (ties keep document order).
    assert ids == ["c3", "c5", "c1", "c4", "c2"]
    assert persistent.row() == 0
    model.sort(COLUMN_OF["end"], Qt.SortOrder.DescendingOrder)
    ids = [model.contract_id(r) for r in range(model.rowCount())]
    assert ids == ["c5", "c1", "c3", "c4", "c2"]  # open c2 (no end) last
    model.sort(-1)
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c1", "c2", "c3", "c4", "c5"]


def test_filters(controller: Controller, model: ContractsModel) -> None:
    model.set_filter("acme")
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c1", "c5"]
    model.set_filter("", "counted")
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c1", "c2", "c3", "c4"]
    model.set_filter(status="not_counted")
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c5"]
    model.set_filter(status="open")
    assert [model.contract_id(r) for r in range(model.rowCount())] == ["c2"]
    # A toggle does not hide the row it changed; moving the as-of date refilters.
    model.set_filter(status="counted")
    controller.toggle_excluded(["c3"])
    controller.flush()
    assert model.row_of("c3") is not None
    controller.set_as_of(dt.date(2026, 11, 26))
    controller.flush()
    assert model.row_of("c3") is None


def test_rows_come_and_go_with_a_reset(
    qtbot: QtBot, controller: Controller, model: ContractsModel
) -> None:
    with qtbot.waitSignal(model.modelReset):
        new_id = controller.add_contract()
    assert model.rowCount() == 6
    assert model.contract_id(5) == new_id
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    with qtbot.waitSignal(model.modelReset):
        controller.undo_stack.undo()
    assert model.rowCount() == 5
    assert model.row_of(new_id or "") is None


def test_delegate_editors_read_and_write_fields(
    qtbot: QtBot, controller: Controller, model: ContractsModel
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = install_delegates(view)
    row = model.row_of("c1") or 0
    option = QStyleOptionViewItem()

    def editor_for(key: str) -> QWidget:
        index = model.index(row, COLUMN_OF[key])
        editor = delegate.createEditor(view.viewport(), option, index)
        delegate.setEditorData(editor, index)
        return editor

    def commit(key: str, editor: QWidget) -> None:
        delegate.setModelData(editor, model, model.index(row, COLUMN_OF[key]))

    end = editor_for("end")
    assert isinstance(end, DateLineEdit)
    assert end.text() == "2026-07-15"
    end.setText("2026-08-01")
    commit("end", end)
    assert controller.contracts[0].end == dt.date(2026, 8, 1)
    end.setText("")
    commit("end", end)
    assert read(lambda: controller.contracts[0].end) is None
    end.setText("2026-8")
    with qtbot.waitSignal(controller.edit_failed):
        commit("end", end)
    kind = editor_for("kind")
    assert isinstance(kind, QComboBox)
    assert kind.currentText() == "fixed"
    kind.setCurrentText("hourly")
    commit("kind", kind)
    assert controller.contracts[0].kind == "hourly"
    stars = editor_for("public")
    assert isinstance(stars, QComboBox)
    assert stars.currentText() == "5"
    stars.setCurrentText("4.75")
    commit("public", stars)
    assert controller.contracts[0].public == Decimal("4.75")
    stars.setCurrentText("(none)")
    commit("public", stars)
    assert read(lambda: controller.contracts[0].public) is None
    private = editor_for("private")
    assert isinstance(private, QSpinBox)
    assert private.value() == 10
    private.setValue(-1)
    commit("private", private)
    assert controller.contracts[0].private is None


def test_open_means_open_on_the_day_the_status_column_speaks_of(qtbot: QtBot) -> None:
    """Under biweekly updates the numbers as of 2026-11-25 are those of the 2026-11-22 update.

    ``upwork-2023-12`` updates every 14 days from 2023-12-10, so u(2026-11-25) = 2026-11-22.
    On that day c6 (starts 11-24) has not started and c7 (ends 11-23) is still open; the
    "open" filter used to ask the as-of date instead and said the opposite of the Status
    column for both.
    """
    csv = SAMPLE_CSV + (
        "c6,Epsilon,New retainer,hourly,2026-11-24,,$0,,,,,no,no,no\n"
        "c7,Zeta,Short job,fixed,2026-11-02,2026-11-23,$300,,,,,no,no,no\n"
    )
    document = Document(
        contracts=tuple(parse_contracts_csv(csv)),
        as_of=AS_OF,
        rules_name="upwork-2023-12",
    )
    controller = Controller(document, today=AS_OF)
    try:
        results = controller.flush()
        assert results.computed_on == dt.date(2026, 11, 22)
        model = ContractsModel(controller)
        assert cell(model, "c6", "status") == "Not started"
        assert cell(model, "c7", "status") == "Open: not counted yet"
        model.set_filter(status="open")
        assert [model.contract_id(r) for r in range(model.rowCount())] == ["c2", "c7"]
    finally:
        controller.shutdown()
