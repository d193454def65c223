"""The import preview: the contracts an import found, to correct and choose before they merge.

Every import goes through it: Upwork's transaction history, a contracts CSV, a mapped
spreadsheet, rows pasted from one. It lists each contract found (client, kind, payments,
earnings, first and last payment, title) with what it would become in the open document
(added, updating a contract already there, already up to date), live, as the core's
:func:`~jsswhatif.core.imports.merge_imported` says. The user can untick contracts to leave
them out, split one at a date, merge several of one client, regroup Upwork's payments with a
split gap, and choose to replace the baseline instead of merging into it. Nothing touches the
document here: the dialog only answers with an :class:`ImportChoice`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.date_edit import DateEdit
from jsswhatif.app.locale_text import date_text, money_text
from jsswhatif.core.contracts import Contract, ContractError
from jsswhatif.core.document import Document
from jsswhatif.core.imported import merge_contracts, split_contract
from jsswhatif.core.imports import MergeReport, merge_imported

#: The columns of the list, in order.
HEADERS = (
    "Contract",
    "Client",
    "Kind",
    "Payments",
    "Earnings",
    "First payment",
    "Last payment",
    "Title",
    "In the document",
)
#: Days between two payments past which a new contract starts, when the split gap is on.
DEFAULT_SPLIT_GAP = 60
_DIGITS_AT_END = re.compile(r"[0-9]+$")
_ERROR_STYLE = "color: #b91c1c;"


@dataclass(frozen=True)
class ImportSource:
    """What an import found, for the preview.

    Attributes:
        name: What was read, for the title (``statements.csv``, ``2 files``, ``pasted rows``).
        contracts: The contracts found (ids unique).
        notes: What was said about reading it: a line per file, the encoding, rows left out.
        match_ids: Whether the ids name contracts of a previous import (see
            :func:`~jsswhatif.core.imports.merge_imported`); False for ids made up by row.
        regroup: Group the same payments again with a split gap in days (None: no split);
            given for Upwork's transaction history only.
    """

    name: str
    contracts: tuple[Contract, ...]
    notes: tuple[str, ...] = ()
    match_ids: bool = True
    regroup: Callable[[int | None], tuple[Contract, ...]] | None = None


@dataclass(frozen=True)
class ImportChoice:
    """What the user chose in the preview.

    Attributes:
        contracts: The ticked contracts, after splits and merges, in list order.
        replace: Replace the baseline with them instead of merging them in.
        left_out: How many contracts were unticked.
        match_ids: As the source said.
    """

    contracts: tuple[Contract, ...]
    replace: bool
    left_out: int
    match_ids: bool = True


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _free_id(wanted: str, taken: set[str]) -> str:
    prefix = _DIGITS_AT_END.sub("", wanted) or "c"
    return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in taken)


def longest_pause(contract: Contract) -> dt.date | None:
    """The first payment after the longest pause between two payment days (where a split is
    most likely wanted); None with fewer than two payment days."""
    days = sorted({p.date for p in contract.payments})
    if len(days) < 2:  # noqa: PLR2004 (a pause lies between two days)
        return None
    return max(itertools.pairwise(days), key=lambda pair: pair[1] - pair[0])[1]


class ImportPreviewDialog(QDialog):
    """The contracts an import found, with what each becomes in the document.

    Attributes:
        contracts_list: One row per contract found: tick to take it.
        notes: What reading the files said (a line per file, the encoding, rows left out).
        split_gap_box, split_gap: Regroup Upwork's payments with a split gap (shown only for
            a source that can regroup).
        split_date, split_button: Split the selected contract at the date.
        merge_button: Merge the selected contracts (of one client) into the first.
        merge_choice, replace_choice: Merge into the document, or replace its baseline.
        outcome: What importing the ticked contracts would do.
        problem: Why the last split or merge was refused.
        buttons: Import (OK) and Cancel.
    """

    def __init__(
        self, source: ImportSource, document: Document, parent: QWidget | None = None
    ) -> None:
        """Show ``source``'s contracts as they would merge into ``document``."""
        super().__init__(parent)
        self.setWindowTitle(f"Import contracts from {source.name}")
        self.resize(1000, 620)
        self._source = source
        self._document = document
        self._drafts: list[Contract] = list(source.contracts)
        self._left_out: set[str] = set()
        self._report = MergeReport()
        self.heading = QLabel(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setReadOnly(True)
        self.notes.setPlainText("\n".join(source.notes))
        self.notes.setMaximumHeight(96)
        self.notes.setVisible(bool(source.notes))
        self.split_gap_box = QCheckBox("Start a new contract where payments pause for over", self)
        self.split_gap = QSpinBox(self)
        self.split_gap.setRange(1, 3650)
        self.split_gap.setValue(DEFAULT_SPLIT_GAP)
        self.split_gap.setSuffix(" days")
        self.split_gap.setEnabled(False)
        self.contracts_list = QTreeWidget(self)
        self.contracts_list.setHeaderLabels(list(HEADERS))
        self.contracts_list.setRootIsDecorated(False)
        self.contracts_list.setAlternatingRowColors(True)
        self.contracts_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, width in enumerate((90, 150, 60, 70, 90, 96, 96, 200)):
            self.contracts_list.setColumnWidth(column, width)
        self._make_row_controls()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(source.regroup is not None)
        self._connect()
        self._fill()

    # Construction -----------------------------------------------------------------------------

    def _make_row_controls(self) -> None:
        self.split_date = DateEdit(parent=self)
        self.split_date.setDisplayFormat("yyyy-MM-dd")
        self.split_date.setCalendarPopup(True)
        self.split_button = QPushButton("&Split at", self)
        self.split_button.setToolTip(
            "Cut the selected contract in two: payments before the date, and from it on"
        )
        self.merge_button = QPushButton("&Merge selected", self)
        self.merge_button.setToolTip("One contract of the selected ones (of one client)")
        self.tick_all = QPushButton("&Tick all", self)
        self.untick_all = QPushButton("&Untick all", self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(_ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.merge_choice = QRadioButton(
            "Merge into this document: add new contracts, update the payments of those already "
            "there (their end dates and feedback are kept)",
            self,
        )
        self.replace_choice = QRadioButton(
            "Replace the contracts of the baseline with these (scenarios keep their changes)",
            self,
        )
        self.merge_choice.setChecked(True)

    def _lay_out(self, can_regroup: bool) -> None:
        gap = QHBoxLayout()
        gap.addWidget(self.split_gap_box)
        gap.addWidget(self.split_gap)
        gap.addStretch(1)
        self.split_gap_box.setVisible(can_regroup)
        self.split_gap.setVisible(can_regroup)
        rows = QHBoxLayout()
        rows.addWidget(self.split_button)
        rows.addWidget(self.split_date)
        rows.addWidget(self.merge_button)
        rows.addStretch(1)
        rows.addWidget(self.tick_all)
        rows.addWidget(self.untick_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notes)
        layout.addLayout(gap)
        layout.addWidget(self.contracts_list, 1)
        layout.addLayout(rows)
        layout.addWidget(self.problem)
        layout.addWidget(self.merge_choice)
        layout.addWidget(self.replace_choice)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.contracts_list.itemChanged.connect(self._item_changed)
        self.contracts_list.itemSelectionChanged.connect(self._selection_changed)
        self.split_button.clicked.connect(self.split_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.tick_all.clicked.connect(lambda: self._tick_all(True))
        self.untick_all.clicked.connect(lambda: self._tick_all(False))
        self.replace_choice.toggled.connect(lambda _: self._update_outcome())
        self.split_gap_box.toggled.connect(self._regroup)
        self.split_gap.valueChanged.connect(self._regroup)

    # Answers ----------------------------------------------------------------------------------

    def drafts(self) -> list[Contract]:
        """Every contract in the list, ticked or not, in list order."""
        return list(self._drafts)

    def choice(self) -> ImportChoice:
        """The ticked contracts and the choice between merging and replacing."""
        return ImportChoice(
            contracts=self._ticked(),
            replace=self.replace_choice.isChecked(),
            left_out=len(self._drafts) - len(self._ticked()),
            match_ids=self._source.match_ids,
        )

    def report(self) -> MergeReport:
        """What importing the ticked contracts would do (as the list shows it)."""
        return self._report

    def item(self, contract_id: str) -> QTreeWidgetItem:
        """The list's row of ``contract_id``."""
        for index in range(self.contracts_list.topLevelItemCount()):
            item = self.contracts_list.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == contract_id:
                return item
        raise KeyError(contract_id)

    def select(self, *ids: str) -> None:
        """Select the rows of ``ids`` (as a click and Ctrl+clicks would)."""
        self.contracts_list.clearSelection()
        for contract_id in ids:
            self.item(contract_id).setSelected(True)

    # Editing the list -------------------------------------------------------------------------

    def split_selected(self) -> bool:
        """Cut the selected contract at the split date; False (and why) when refused."""
        chosen = self._selected()
        if len(chosen) != 1:
            return self._refuse("Select one contract to split.")
        (index,) = chosen
        contract = self._drafts[index]
        new_id = _free_id(contract.id, {c.id for c in self._drafts})
        try:
            first, second = split_contract(contract, _pydate(self.split_date.date()), new_id)
        except ContractError as exc:
            return self._refuse(f"Cannot split {contract.id}: {exc.problem}.")
        self._drafts[index : index + 1] = [first, second]
        if contract.id in self._left_out:
            self._left_out.add(new_id)
        self._fill(select=(first.id, second.id))
        return True

    def merge_selected(self) -> bool:
        """Merge the selected contracts into the first of them; False (and why) when refused."""
        chosen = self._selected()
        if len(chosen) < 2:  # noqa: PLR2004 (a merge takes two or more)
            return self._refuse("Select two or more contracts of one client to merge.")
        merged = self._drafts[chosen[0]]
        try:
            for index in chosen[1:]:
                merged = merge_contracts(merged, self._drafts[index])
        except ContractError as exc:
            return self._refuse(f"Cannot merge: {exc.problem}.")
        gone = {self._drafts[i].id for i in chosen[1:]}
        self._drafts[chosen[0]] = merged
        self._drafts = [c for c in self._drafts if c.id not in gone]
        self._left_out -= gone
        self._fill(select=(merged.id,))
        return True

    def _refuse(self, text: str) -> bool:
        self.problem.setText(text)
        return False

    def _regroup(self) -> None:
        regroup = self._source.regroup
        assert regroup is not None  # the controls show only when the source can regroup
        self.split_gap.setEnabled(self.split_gap_box.isChecked())
        gap = self.split_gap.value() if self.split_gap_box.isChecked() else None
        try:
            contracts = regroup(gap)
        except ValueError as exc:
            self._refuse(f"Cannot regroup: {exc}")
            return
        self._drafts = list(contracts)
        self._left_out = set()
        self._fill()

    def _tick_all(self, on: bool) -> None:
        self._left_out = set() if on else {c.id for c in self._drafts}
        self._fill()

    def _ticked(self) -> tuple[Contract, ...]:
        return tuple(c for c in self._drafts if c.id not in self._left_out)

    def _selected(self) -> list[int]:
        ids = {
            item.data(0, Qt.ItemDataRole.UserRole) for item in self.contracts_list.selectedItems()
        }
        return [i for i, c in enumerate(self._drafts) if c.id in ids]

    # Showing ----------------------------------------------------------------------------------

    def _fill(self, select: Sequence[str] = ()) -> None:
        """Show the drafts again (after a split, merge or regroup), selecting ``select``."""
        self.problem.clear()
        self.contracts_list.blockSignals(True)
        self.contracts_list.clear()
        for contract in self._drafts:
            item = QTreeWidgetItem(self.contracts_list, _cells(contract))
            item.setData(0, Qt.ItemDataRole.UserRole, contract.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = contract.id not in self._left_out
            item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            for column in (3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            item.setSelected(contract.id in select)
        self.contracts_list.blockSignals(False)
        found = len(self._drafts)
        self.heading.setText(
            f"{found} contract{'' if found == 1 else 's'} found in {self._source.name}. "
            "Untick those to leave out; split or merge them where the grouping is wrong."
        )
        self._selection_changed()
        self._update_outcome()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        contract_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item.checkState(0) == Qt.CheckState.Checked:
            self._left_out.discard(contract_id)
        else:
            self._left_out.add(contract_id)
        self._update_outcome()

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.split_button.setEnabled(len(chosen) == 1)
        self.split_date.setEnabled(len(chosen) == 1)
        self.merge_button.setEnabled(len(chosen) > 1)
        if len(chosen) == 1:
            pause = longest_pause(self._drafts[chosen[0]])
            if pause is not None:
                self.split_date.setDate(_qdate(pause))

    def _update_outcome(self) -> None:
        ticked = self._ticked()
        replace = self.replace_choice.isChecked()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            _, self._report = merge_imported(
                self._document, ticked, replace, match_ids=self._source.match_ids
            )
        except (ContractError, ValueError) as exc:
            self._report = MergeReport()
            self.outcome.setText(f"Cannot import these: {exc}")
            self.outcome.setStyleSheet(_ERROR_STYLE)
            ok.setEnabled(False)
            return
        self.outcome.setStyleSheet("")
        self.outcome.setText(outcome_text(self._report, len(self._drafts) - len(ticked)))
        ok.setEnabled(bool(ticked))
        self._show_fates()

    def _show_fates(self) -> None:
        report = self._report
        self.contracts_list.blockSignals(True)
        for index in range(self.contracts_list.topLevelItemCount()):
            item = self.contracts_list.topLevelItem(index)
            assert item is not None
            item.setText(
                len(HEADERS) - 1, fate_text(report, item.data(0, Qt.ItemDataRole.UserRole))
            )
        self.contracts_list.blockSignals(False)


def _cells(contract: Contract) -> list[str]:
    payments = contract.payments
    # As the table shows them: the user's locale, amounts with every decimal stored.
    first = date_text(payments[0].date) if payments else ""
    last = date_text(max(p.date for p in payments)) if payments else ""
    return [
        contract.id,
        contract.client,
        contract.kind,
        str(len(payments)),
        money_text(contract.earnings),
        first,
        last,
        contract.title,
        "",
    ]


def fate_text(report: MergeReport, contract_id: str) -> str:
    """What the contract ``contract_id`` becomes, in the words of the list's last column."""
    targets = report.fates.get(contract_id)
    if not targets:
        return "left out"
    if targets[0] in report.added:
        return "new" if targets == (contract_id,) else f"new, as {targets[0]}"
    updated = [t for t in targets if t in report.updated]
    if updated:
        return f"updates {', '.join(updated)}"
    return f"already there ({', '.join(targets)})"


def outcome_text(report: MergeReport, left_out: int) -> str:
    """What the import does, in one sentence, for the preview and the status bar.

    Example:
        >>> outcome_text(MergeReport(added=("u1",), skipped=("c1", "c2")), 1)
        'Adds 1 contract, updates 0, skips 2 already up to date; 1 left out.'
    """
    if report.removed:
        text = report.words()
        sentence = text[0].upper() + text[1:]
    else:
        added = len(report.added)
        sentence = (
            f"Adds {added} contract{'' if added == 1 else 's'}, updates {len(report.updated)}, "
            f"skips {len(report.skipped)} already up to date"
        )
    return f"{sentence}; {left_out} left out." if left_out else f"{sentence}."
