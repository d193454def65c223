"""The import preview and the column-mapping step, driven as a user would: tick, select,
split, merge, regroup, choose, and press Import, Next or Cancel.

Each dialog is shown non-modally so that clicks land; the thin wrappers that run them modally
are driven at the end with the ``answer`` helper of test_dialogs.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.import_preview import (
    ImportChoice,
    ImportPreviewDialog,
    ImportSource,
    fate_text,
    longest_pause,
)
from jsswhatif.app.files.mapping_dialog import NOT_IN_FILE, ColumnMappingDialog
from jsswhatif.app.window.dialogs import ask_column_mapping, ask_import_preview, ask_open_paths
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.document import Document
from jsswhatif.core.imported import PaymentRow, group_payments
from jsswhatif.core.imports import MergeReport
from jsswhatif.io.column_mapping import ColumnMapping, read_table

from . import test_dialogs
from .test_dialogs import OPEN, Answer, button_of, press, shown

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def modal_answer(qtbot: QtBot) -> Iterator[Answer[Any]]:
    """test_dialogs.py's ``answer``: act on a modal dialog from inside its own event loop."""
    yield from test_dialogs.answer._get_wrapped_function()(qtbot)


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def paid(cid: str, client: str, *days_amounts: tuple[str, str], **fields: Any) -> Contract:
    pays = [{"date": day, "amount": amount} for day, amount in days_amounts]
    start = fields.pop("start", min(day for day, _ in days_amounts))
    return make_contract(id=cid, client=client, start=start, payments=pays, **fields)


ACME = paid(
    "u1",
    "Acme",
    ("2026-01-05", "100"),
    ("2026-01-12", "100"),
    ("2026-05-04", "300"),
    title="Hourly work for Acme",
)
ACME_FIXED = paid("u2", "ACME", ("2026-02-01", "500"), kind="fixed", title="Logo")
BETA = paid("u3", "Beta", ("2026-03-01", "50"), title="Hourly work for Beta")
FOUND = (ACME, ACME_FIXED, BETA)


def preview(
    qtbot: QtBot, source: ImportSource, document: Document | None = None
) -> ImportPreviewDialog:
    return shown(qtbot, ImportPreviewDialog(source, document or Document()))


def click(button: QAbstractButton) -> None:
    assert button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def row_texts(dialog: ImportPreviewDialog, contract_id: str) -> list[str]:
    item = dialog.item(contract_id)
    return [item.text(column) for column in range(item.columnCount())]


def ids(dialog: ImportPreviewDialog) -> list[str]:
    return [c.id for c in dialog.drafts()]


# The list ---------------------------------------------------------------------------------------


def test_the_list_shows_each_contract_and_what_it_becomes(qtbot: QtBot) -> None:
    mine = paid("u1", "Acme", ("2026-01-05", "100"), end="2026-02-01", public="5")
    source = ImportSource("history.csv", FOUND, ("history.csv: 5 rows used",))
    dialog = preview(qtbot, source, Document(contracts=(mine,)))
    assert row_texts(dialog, "u1") == [
        "u1",
        "Acme",
        "hourly",
        "3",
        "$500.00",
        "2026-01-05",
        "2026-05-04",
        "Hourly work for Acme",
        "updates u1",
    ]
    assert row_texts(dialog, "u2")[1:5] == ["ACME", "fixed", "1", "$500.00"]
    assert row_texts(dialog, "u3")[-1] == "new"
    assert dialog.notes.toPlainText() == "history.csv: 5 rows used"
    assert dialog.heading.text().startswith("3 contracts found in history.csv.")
    assert dialog.outcome.text() == "Adds 2 contracts, updates 1, skips 0 already up to date."
    assert not dialog.split_gap_box.isVisible()  # no regrouping without Upwork's rows


def test_untick_leaves_a_contract_out_and_import_answers_the_rest(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    dialog.item("u2").setCheckState(0, Qt.CheckState.Unchecked)
    assert (
        dialog.outcome.text()
        == "Adds 2 contracts, updates 0, skips 0 already up to date; 1 left out."
    )
    assert row_texts(dialog, "u2")[-1] == "left out"
    click(dialog.buttons.button(OK))
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == ImportChoice((ACME, BETA), replace=False, left_out=1)


def test_untick_all_disables_import_and_tick_all_brings_them_back(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    click(dialog.untick_all)
    assert not dialog.buttons.button(OK).isEnabled()
    assert dialog.choice().contracts == ()
    click(dialog.tick_all)
    assert dialog.choice().contracts == FOUND


def test_split_at_a_date_makes_two_contracts(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    dialog.select("u1")
    assert dialog.split_date.date() == QDate(2026, 5, 4)  # after the longest pause
    assert not dialog.merge_button.isEnabled()
    dialog.split_date.setDate(QDate(2026, 1, 10))
    click(dialog.split_button)
    assert ids(dialog) == ["u1", "u4", "u2", "u3"]
    first, second = dialog.drafts()[:2]
    assert [str(p.date) for p in first.payments] == ["2026-01-05"]
    assert (second.start, second.earnings) == (dt.date(2026, 1, 12), Decimal(400))
    assert dialog.problem.text() == ""
    assert dialog.outcome.text() == "Adds 4 contracts, updates 0, skips 0 already up to date."


def test_a_split_with_nothing_on_one_side_is_refused(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    dialog.select("u3")
    click(dialog.split_button)
    assert dialog.problem.text() == "Cannot split u3: has no payment before it: no split."
    assert ids(dialog) == ["u1", "u2", "u3"]
    dialog.contracts_list.clearSelection()
    assert not dialog.split_button.isEnabled()
    assert not dialog.split_selected()
    assert dialog.problem.text() == "Select one contract to split."


def test_merge_joins_contracts_of_one_client(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    dialog.item("u2").setCheckState(0, Qt.CheckState.Unchecked)
    dialog.select("u1", "u2")
    click(dialog.merge_button)
    assert ids(dialog) == ["u1", "u3"]
    merged = dialog.drafts()[0]
    assert (merged.kind, merged.earnings, len(merged.payments)) == ("hourly", Decimal(1000), 4)
    assert dialog.choice().left_out == 0  # the merged contract is ticked like its first part
    dialog.select("u1", "u3")
    click(dialog.merge_button)
    assert dialog.problem.text() == "Cannot merge: is not the client of 'u1': no merge."
    dialog.select("u1")
    assert not dialog.merge_selected()
    assert dialog.problem.text() == "Select two or more contracts of one client to merge."


def test_the_split_gap_regroups_upworks_payments(qtbot: QtBot) -> None:
    rows = [
        PaymentRow("Acme", "hourly", dt.date(2026, 1, 5), Decimal(100)),
        PaymentRow("Acme", "hourly", dt.date(2026, 1, 12), Decimal(100)),
        PaymentRow("Acme", "hourly", dt.date(2026, 5, 4), Decimal(300)),
    ]
    gaps: list[int | None] = []

    def regroup(gap: int | None) -> tuple[Contract, ...]:
        gaps.append(gap)
        return group_payments(rows, gap)

    dialog = preview(qtbot, ImportSource("history.csv", group_payments(rows), regroup=regroup))
    assert dialog.split_gap_box.isVisible()
    assert not dialog.split_gap.isEnabled()
    dialog.split_gap_box.setChecked(True)
    assert ids(dialog) == ["u1", "u2"]
    dialog.split_gap.setValue(200)
    assert ids(dialog) == ["u1"]
    dialog.split_gap_box.setChecked(False)
    assert gaps == [60, 200, None]


def test_a_regroup_that_fails_says_why(qtbot: QtBot) -> None:
    def regroup(gap: int | None) -> tuple[Contract, ...]:
        raise ValueError("refunds exceed the payments")

    dialog = preview(qtbot, ImportSource("history.csv", FOUND, regroup=regroup))
    dialog.split_gap_box.setChecked(True)
    assert dialog.problem.text() == "Cannot regroup: refunds exceed the payments"
    assert ids(dialog) == ["u1", "u2", "u3"]


def test_replace_is_an_explicit_choice(qtbot: QtBot) -> None:
    old = make_contract(id="c1", client="Old", start="2025-01-01")
    dialog = preview(qtbot, ImportSource("history.csv", FOUND), Document(contracts=(old,)))
    QTest.mouseClick(dialog.replace_choice, Qt.MouseButton.LeftButton)
    assert dialog.replace_choice.isChecked()
    assert dialog.outcome.text() == "Replaced the 1 contract of the baseline with 3."
    assert dialog.choice().replace


def test_an_import_that_cannot_merge_says_why_and_cannot_be_confirmed(qtbot: QtBot) -> None:
    """The document's u1 has a refund after the file's days: the file lowers its payment."""
    mine = paid("u1", "Acme", ("2026-01-05", "900"), ("2026-09-01", "-800"))
    dialog = preview(qtbot, ImportSource("history.csv", FOUND), Document(contracts=(mine,)))
    assert dialog.outcome.text().startswith("Cannot import these: contract 'u1': payments")
    assert not dialog.buttons.button(OK).isEnabled()
    assert dialog.report() == MergeReport()


def test_cancel_answers_nothing(qtbot: QtBot) -> None:
    dialog = preview(qtbot, ImportSource("history.csv", FOUND))
    click(dialog.buttons.button(CANCEL))
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_fate_words() -> None:
    report = MergeReport(added=("u9",), skipped=("c1",), fates={"u1": ("u9",), "u2": ("c1",)})
    assert fate_text(report, "u1") == "new, as u9"
    assert fate_text(report, "u2") == "already there (c1)"
    assert longest_pause(BETA) is None


# The column mapping -----------------------------------------------------------------------------

SHEET = (
    "Customer,Project,Started,Finished,Paid\n"
    "Acme,Logo,03/02/2026,03/20/2026,$450\n"
    "Beta,API,04/01/2026,,90\n"
    "Gamma,Docs,13/01/2026,,10\n"
)


def mapping_dialog(qtbot: QtBot, text: str = SHEET) -> ColumnMappingDialog:
    return shown(qtbot, ColumnMappingDialog(read_table(text), "sheet.csv", ["read as UTF-8"]))


def test_the_mapping_is_guessed_and_previewed_with_the_first_errors(qtbot: QtBot) -> None:
    dialog = mapping_dialog(qtbot)
    assert dialog.field_combos["client"].currentText() == "A: Customer"
    assert dialog.field_combos["title"].currentText() == "B: Project"
    assert dialog.field_combos["start"].currentText() == "C: Started"
    assert dialog.field_combos["end"].currentText() == "D: Finished"
    assert dialog.field_combos["earnings"].currentText() == "E: Paid"
    assert dialog.field_combos["public"].currentText() == NOT_IN_FILE
    assert dialog.date_format.currentText() == "YYYY-MM-DD"  # no one format reads all three
    assert dialog.summary.text() == "3 rows: 0 read, 3 with errors left out"
    assert not dialog.buttons.button(OK).isEnabled()
    dialog.date_format.setCurrentText("MM/DD/YYYY")
    assert dialog.summary.text() == "3 rows: 2 read, 1 with errors left out"
    assert (
        dialog.problems.text()
        == "row 3, column C: Started: '13/01/2026' is not a real calendar day"
    )
    assert dialog.preview.rowCount() == 2
    client, start = dialog.preview.item(0, 1), dialog.preview.item(0, 4)
    assert client is not None
    assert start is not None
    assert (client.text(), start.text()) == ("Acme", "2026-03-02")
    click(dialog.buttons.button(OK))
    assert dialog.mapping() == ColumnMapping(
        {"client": 0, "title": 1, "start": 2, "end": 3, "earnings": 4}, "MM/DD/YYYY", True
    )
    assert [c.client for c in dialog.mapped().contracts] == ["Acme", "Beta"]


def test_a_field_left_out_of_the_mapping_and_the_header_choice(qtbot: QtBot) -> None:
    dialog = mapping_dialog(qtbot)
    dialog.field_combos["client"].setCurrentText(NOT_IN_FILE)
    assert dialog.problems.text() == "Choose the column that holds the client."
    assert not dialog.buttons.button(OK).isEnabled()
    dialog.field_combos["client"].setCurrentText("A: Customer")
    dialog.header_box.setChecked(False)
    assert dialog.field_combos["client"].currentText() == "A"  # the choice is kept
    assert dialog.summary.text().startswith("4 rows: 0 read")
    lines = dialog.problems.text().splitlines()
    assert lines[0] == "row 1, column C: 'Started' is not a date YYYY-MM-DD"


def test_more_errors_than_shown_are_counted(qtbot: QtBot) -> None:
    text = "client,started\n" + "".join(f"C{n},someday\n" for n in range(8)) + "Z,2026-01-01\n"
    dialog = mapping_dialog(qtbot, text)
    assert dialog.problems.text().splitlines()[-1] == "... and 3 more"
    assert dialog.summary.text() == "9 rows: 1 read, 8 with errors left out"


# The wrappers, modal ----------------------------------------------------------------------------


def test_ask_import_preview_answers_the_choice_or_none(modal_answer: Answer[Any]) -> None:
    source = ImportSource("history.csv", FOUND)
    modal_answer(ImportPreviewDialog, lambda d: click(d.buttons.button(OK)))
    assert ask_import_preview(None, source, Document()) == ImportChoice(FOUND, False, 0)
    modal_answer(ImportPreviewDialog, lambda d: click(d.buttons.button(CANCEL)))
    assert ask_import_preview(None, source, Document()) is None


def test_ask_column_mapping_answers_the_mapping_or_none(modal_answer: Answer[Any]) -> None:
    table = read_table("client,start\nAcme,2026-01-05\n")
    modal_answer(ColumnMappingDialog, lambda d: click(d.buttons.button(OK)))
    assert ask_column_mapping(None, table, "x.csv") == ColumnMapping({"client": 0, "start": 1})
    modal_answer(ColumnMappingDialog, lambda d: click(d.buttons.button(CANCEL)))
    assert ask_column_mapping(None, table, "x.csv") is None


def test_ask_open_paths_returns_every_file_chosen(
    qtbot: QtBot, modal_answer: Answer[Any], tmp_path: Path
) -> None:
    for name in ("jan.csv", "feb.csv"):
        (tmp_path / name).write_text("Date\n", encoding="utf-8")

    def pick(dialog: QFileDialog) -> None:
        assert dialog.windowTitle() == "Import from Upwork"
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name_field, QLineEdit)
        name_field.setText('"jan.csv" "feb.csv"')
        qtbot.waitUntil(lambda: button_of(dialog, OPEN).isEnabled())
        press(dialog, OPEN)

    modal_answer(QFileDialog, pick)
    chosen = ask_open_paths(None, str(tmp_path), "Import from Upwork", "CSV (*.csv)")
    assert sorted(chosen) == [tmp_path / "feb.csv", tmp_path / "jan.csv"]
    modal_answer(QFileDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_open_paths(None, str(tmp_path)) == []
