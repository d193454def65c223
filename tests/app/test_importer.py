"""Imports into the open document, end to end: File ▸ Import from Upwork, File ▸ Import
contracts CSV (a contracts CSV, a spreadsheet through the column mapping, an Upwork file),
paste and copy. The preview and mapping dialogs are the real ones, driven by the test
(shown without ``exec``); nothing touches the document before the preview is confirmed, and
one Undo takes an import back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.import_preview import ImportChoice, ImportPreviewDialog, ImportSource
from jsswhatif.app.files.mapping_dialog import ColumnMappingDialog
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core import edits
from jsswhatif.core.document import Document
from jsswhatif.io.column_mapping import ColumnMapping, Table, contracts_tsv

from .conftest import SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

LEGACY = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def history(path: Path, rows: Sequence[tuple[str, str, str, str, str]]) -> Path:
    """A transaction history in the legacy layout: (date, id, type, client, amount) rows."""
    lines = [
        f'"{day}",{ref},{kind},Work,,Sam,{client},Sam,,"{amount}",0,USD,"$1.00"\n'
        for day, ref, kind, client, amount in rows
    ]
    path.write_text(LEGACY + "".join(lines), encoding="utf-8")
    return path


JANUARY = [
    ("Jan 5, 2026", "1001", "Hourly", "Acme", "$100.00"),
    ("Jan 5, 2026", "1002", "Service Fee", "Acme", "-$10.00"),
    ("Jan 12, 2026", "1003", "Hourly", "Acme", "$100.00"),
    ("Jan 20, 2026", "1004", "Fixed Price", "Beta", "$500.00"),
    ("Jan 28, 2026", "1005", "Hourly", "Gamma", "$40.00"),
]
FEBRUARY = [
    ("Feb 2, 2026", "1006", "Hourly", "Acme", "$150.00"),
    ("Feb 9, 2026", "1007", "Hourly", "Delta", "$70.00"),
]

Act = Callable[[ImportPreviewDialog], None]


def confirm(dialog: ImportPreviewDialog) -> None:
    QTest.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def cancel(dialog: ImportPreviewDialog) -> None:
    QTest.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )


def drive_preview(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, *acts: Act
) -> list[ImportPreviewDialog]:
    """Answer the preview with the real dialog, shown, acted on by ``acts`` (the last one
    presses Import or Cancel); returns the dialogs shown."""
    seen: list[ImportPreviewDialog] = []

    def ask(
        parent: QWidget | None, source: ImportSource, document: Document
    ) -> ImportChoice | None:
        dialog = ImportPreviewDialog(source, document, parent)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        seen.append(dialog)
        for act in acts:
            act(dialog)
        accepted = dialog.result() == dialog.DialogCode.Accepted
        return dialog.choice() if accepted else None

    monkeypatch.setattr(dialogs, "ask_import_preview", ask)
    return seen


def drive_mapping(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, act: Callable[[ColumnMappingDialog], None]
) -> list[ColumnMappingDialog]:
    seen: list[ColumnMappingDialog] = []

    def ask(
        parent: QWidget | None, table: Table, source: str, notes: Sequence[str] = ()
    ) -> ColumnMapping | None:
        dialog = ColumnMappingDialog(table, source, notes, parent)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        seen.append(dialog)
        act(dialog)
        accepted = dialog.result() == dialog.DialogCode.Accepted
        return dialog.mapping() if accepted else None

    monkeypatch.setattr(dialogs, "ask_column_mapping", ask)
    return seen


def answer_paths(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda parent, folder, title, filters: paths)


def record_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    return shown


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def clients(window: MainWindow) -> list[str]:
    return [c.client for c in window.controller.document.contracts]


# Import from Upwork -----------------------------------------------------------------------------


def test_import_from_upwork_previews_then_merges_in_one_undoable_step(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(Document())
    answer_paths(monkeypatch, [history(tmp_path / "statements.csv", JANUARY)])
    checked: list[bool] = []

    def untick_gamma(dialog: ImportPreviewDialog) -> None:
        checked.append(window.controller.document == Document())  # nothing touched yet
        assert [c.client for c in dialog.drafts()] == ["Acme", "Beta", "Gamma"]
        assert "statements.csv: legacy layout (13 columns), UTF-8" in dialog.notes.toPlainText()
        dialog.item("u3").setCheckState(0, Qt.CheckState.Unchecked)

    shown = drive_preview(qtbot, monkeypatch, untick_gamma, confirm)
    window.window_actions["import_upwork"].trigger()
    assert checked == [True]
    assert shown[0].windowTitle() == "Import contracts from statements.csv"
    assert not shown[0].split_gap_box.isHidden()  # shown (the dialog itself is closed)
    assert clients(window) == ["Acme", "Beta"]
    acme = window.controller.document.contracts[0]
    assert (acme.id, acme.kind, str(acme.earnings), len(acme.payments)) == (
        "u1",
        "hourly",
        "200.00",
        2,
    )
    assert status(window) == (
        "Imported from statements.csv: added 2, updated 0, skipped 0 (already up to date); "
        "1 left out (Undo takes it back)."
    )
    assert window.controller.undo_stack.undoText() == "Import contracts from statements.csv"
    assert window.contracts.model.rowCount() == 2
    window.window_actions["undo"].trigger()
    assert window.controller.document == Document()


def test_cancel_leaves_the_document_untouched(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    before = window.controller.document
    answer_paths(monkeypatch, [history(tmp_path / "statements.csv", JANUARY)])
    drive_preview(qtbot, monkeypatch, lambda d: d.select("u1"), cancel)
    assert not window.importer.import_upwork()
    assert window.controller.document is before
    assert window.controller.undo_stack.count() == 0
    assert status(window) == "Import of statements.csv cancelled: nothing changed."


def test_no_file_chosen_does_nothing(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    answer_paths(monkeypatch, [])
    assert not window.importer.import_upwork()


def test_reimporting_next_month_keeps_end_dates_and_feedback(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(Document())
    c = window.controller
    drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_upwork([history(tmp_path / "jan.csv", JANUARY)])
    c.set_field("u1", "end", "2026-02-15")
    c.review(["u1"], edits.REVIEW_CHOICES[0])
    c.set_field("u1", "title", "API work")
    both = history(tmp_path / "jan-feb.csv", JANUARY + FEBRUARY)
    shown = drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_upwork([both])
    assert [shown[0].item(i).text(8) for i in ("u1", "u2", "u3", "u4")] == [
        "updates u1",
        "already there (u2)",
        "already there (u3)",
        "new",
    ]
    acme = c.document.contracts[0]
    assert (str(acme.end), acme.title, str(acme.public), acme.private) == (
        "2026-02-15",
        "API work",
        "5",
        10,
    )
    assert [str(p.date) for p in acme.payments] == ["2026-01-05", "2026-01-12", "2026-02-02"]
    assert clients(window) == ["Acme", "Beta", "Gamma", "Delta"]
    assert status(window).startswith("Imported from jan-feb.csv: added 1, updated 1, skipped 2")
    drive_preview(qtbot, monkeypatch, confirm)
    assert not window.importer.import_upwork([both])  # the same file again: nothing to do
    assert status(window) == (
        "Imported from jan-feb.csv: added 0, updated 0, skipped 4 (already up to date)."
    )


def test_an_unreadable_upwork_file_is_a_dialog_and_nothing_changes(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("Name,Value\nx,1\n", encoding="utf-8")
    window = make_window()
    before = window.controller.document
    shown = record_errors(monkeypatch)
    assert not window.importer.import_upwork([bad])
    assert "is not a transaction history" in shown[0]
    assert shown[0].endswith("Nothing was imported.")
    assert window.controller.document is before


# Import contracts CSV ---------------------------------------------------------------------------


def test_a_contracts_csv_merges_and_says_what_is_already_there(
    qtbot: QtBot, make_window: MakeWindow, sample_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample into the sample: matched by id, nothing new."""
    window = make_window()
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, *args: sample_csv)
    shown = drive_preview(qtbot, monkeypatch, confirm)
    window.window_actions["import_csv"].trigger()
    assert shown[0].notes.toPlainText() == "contracts.csv: read as UTF-8."
    assert window.controller.undo_stack.count() == 0
    assert status(window) == (
        "Imported from contracts.csv: added 0, updated 0, skipped 5 (already up to date)."
    )


def test_a_contracts_csv_can_replace_the_baseline_explicitly(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "two.csv"
    csv.write_text("client,start\nAcme,2026-01-05\nBeta,2026-02-01\n", encoding="utf-8")
    window = make_window()
    drive_preview(qtbot, monkeypatch, lambda d: d.replace_choice.setChecked(True), confirm)
    assert window.importer.import_csv(csv)
    assert clients(window) == ["Acme", "Beta"]
    assert status(window).startswith("Imported from two.csv: replaced the 5 contracts")
    window.window_actions["undo"].trigger()
    assert len(window.controller.document.contracts) == 5


def test_a_contracts_csv_merged_without_ids_adds_its_rows(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows c1, c2 of a file without an id column are not this document's c1, c2."""
    csv = tmp_path / "two.csv"
    csv.write_text("client,start\nAcme,2027-01-05\nBeta,2027-02-01\n", encoding="utf-8")
    window = make_window()
    drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_csv(csv)
    assert [c.id for c in window.controller.document.contracts][5:] == ["c6", "c7"]


def test_contracts_csv_errors_list_row_column_and_text_and_import_nothing(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("client,start,end\nAcme,2026-01-05,2026-01-09\nBeta,2026-01-05,2026-13-01\n")
    window = make_window()
    before = window.controller.document
    shown = record_errors(monkeypatch)
    assert not window.importer.import_csv(bad)
    lines = shown[0].splitlines()
    assert lines[:4] == ["File: bad.csv", "Row: 2", "Column: end", "Text: '2026-13-01'"]
    assert "Nothing was imported." in lines
    assert window.controller.document is before
    assert window.controller.undo_stack.count() == 0


def test_a_missing_file_and_a_file_that_is_no_table(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    shown = record_errors(monkeypatch)
    assert not window.importer.import_csv(tmp_path / "gone.csv")
    assert "cannot be read" in shown[-1]
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    assert not window.importer.import_csv(empty)
    assert shown[-1] == "empty.csv holds no rows."
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, *args: None)
    assert not window.importer.import_csv()


def test_a_spreadsheet_goes_through_the_column_mapping_and_says_its_encoding(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "jobs.csv"
    text = "Customer;Job;Started;Paid\nCafé Crème;Menu;15.01.2027;€ 5\nZeta;Site;01.02.2027;90\n"
    sheet.write_bytes(text.replace("€ 5", "50").encode("cp1252"))
    window = make_window()

    def next_step(dialog: ColumnMappingDialog) -> None:
        assert dialog.date_format.currentText() == "DD.MM.YYYY"
        QTest.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    mapped = drive_mapping(qtbot, monkeypatch, next_step)
    shown = drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_csv(sheet)
    assert mapped[0].windowTitle() == "Columns of jobs.csv"
    assert shown[0].notes.toPlainText() == "jobs.csv: read as Windows-1252 (cp1252)."
    assert clients(window)[5:] == ["Café Crème", "Zeta"]


def test_rows_the_mapping_cannot_read_are_named_in_the_preview(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Customer,Started\nAcme,2027-01-05\nBeta,soon\n", encoding="utf-8")
    window = make_window()
    drive_mapping(qtbot, monkeypatch, lambda d: d.accept())
    shown = drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_csv(sheet)
    assert shown[0].notes.toPlainText().splitlines()[-1] == (
        "Left out: row 2, column B: Started: 'soon' is not a date YYYY-MM-DD"
    )


def test_cancelling_the_mapping_imports_nothing(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Customer,Started\nAcme,2027-01-05\n", encoding="utf-8")
    window = make_window()
    drive_mapping(qtbot, monkeypatch, lambda d: d.reject())
    assert not window.importer.import_csv(sheet)
    assert status(window) == "Import of jobs.csv cancelled: nothing changed."


def test_an_upwork_file_given_to_import_contracts_csv_is_read_as_one(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(Document())
    shown = drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.import_csv(history(tmp_path / "statements.csv", JANUARY))
    assert not shown[0].split_gap_box.isHidden()  # shown (the dialog itself is closed)
    assert clients(window) == ["Acme", "Beta", "Gamma"]


def test_an_import_that_breaks_a_scenario_is_refused_with_a_dialog(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replacing c1 by a contract starting after the scenario's end date for c1."""
    window = make_window()
    c = window.controller
    c.new_scenario("Early end")
    c.set_field("c1", "end", "2026-04-01")
    csv = tmp_path / "one.csv"
    csv.write_text("id,client,start\nc1,Acme,2026-06-01\n", encoding="utf-8")
    before = c.document
    shown = record_errors(monkeypatch)
    drive_preview(qtbot, monkeypatch, lambda d: d.replace_choice.setChecked(True), confirm)
    assert not window.importer.import_csv(csv)
    assert shown[0].startswith("one.csv: the contracts do not fit this document: contract 'c1'")
    assert c.document is before


# Paste and copy ---------------------------------------------------------------------------------


def test_pasted_rows_with_a_header_go_through_the_mapping(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    mapped = drive_mapping(qtbot, monkeypatch, lambda d: d.accept())
    drive_preview(qtbot, monkeypatch, confirm)
    QGuiApplication.clipboard().setText("Client\tStart date\tTotal\nZeta\t2027-01-05\t$90\n")
    window.contracts.table.setFocus()
    QTest.keyClick(window.contracts.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert mapped[0].header_box.isChecked()
    assert mapped[0].windowTitle() == "Columns of pasted rows"
    zeta = window.controller.document.contracts[-1]
    assert (zeta.id, zeta.client, str(zeta.earnings)) == ("c6", "Zeta", "90")
    assert window.controller.undo_stack.undoText() == "Import contracts from pasted rows"


def test_pasted_rows_without_a_header_go_through_the_mapping(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    mapped = drive_mapping(qtbot, monkeypatch, lambda d: d.accept())
    drive_preview(qtbot, monkeypatch, confirm)
    assert window.importer.paste("Zeta\tLogo\t2027-01-05\t2027-02-01\t$90\n")
    assert not mapped[0].header_box.isChecked()
    zeta = window.controller.document.contracts[-1]
    assert (zeta.client, zeta.title, str(zeta.end)) == ("Zeta", "Logo", "2027-02-01")


def test_copy_puts_the_selected_rows_with_a_header_and_paste_brings_them_back(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    window.contracts.select_ids(["c1", "c3"])
    window.contracts.table.setFocus()
    QTest.keyClick(window.contracts.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    chosen = [c for c in window.controller.contracts if c.id in ("c1", "c3")]
    text = QGuiApplication.clipboard().text()
    assert text == contracts_tsv(chosen)
    assert text.splitlines()[0].startswith("id\tclient\ttitle\tkind\tstart\tend\tearnings")
    assert status(window) == "Copied 2 contracts as rows for a spreadsheet."
    # Pasted into an empty document: no mapping step (the header is the contracts CSV's).
    other = make_window(Document())
    shown = drive_preview(qtbot, monkeypatch, confirm)
    other.window_actions["paste_rows"].trigger()
    assert shown[0].windowTitle() == "Import contracts from pasted rows"
    assert other.controller.document.contracts == tuple(chosen)


def test_pasting_nothing_says_so(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.importer.paste("  \n")
    assert status(window) == "Nothing to paste: the clipboard holds no rows."


def test_ctrl_v_in_the_filter_field_pastes_text_there(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """A text field with the focus keeps Ctrl+V for itself: no import starts."""
    window = make_window()
    QGuiApplication.clipboard().setText("Acme")
    window.contracts.filter_edit.setFocus()
    QTest.keyClick(window.contracts.filter_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.contracts.filter_edit.text() == "Acme"
    assert window.contracts.model.rowCount() == 2


def test_the_file_menu_lists_both_imports(make_window: MakeWindow) -> None:
    window = make_window()
    file_menu = next(
        m
        for m in window.menuBar().findChildren(type(window.window_actions.review_menu))
        if m.title() == "&File"
    )
    texts = [a.text() for a in file_menu.actions()]
    assert "Import from &Upwork…" in texts
    assert "&Import contracts CSV…" in texts
    assert SAMPLE_CSV  # the sample the other tests import
