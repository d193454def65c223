"""The column-mapping step: which column of a spreadsheet holds which contract field.

A file (or pasted rows) whose header is not the contracts CSV's comes here instead of being
refused. The mapping starts from :func:`~jsswhatif.io.column_mapping.guess_mapping`; each
contract field is mapped to a column or left out, the date format is chosen among the common
ones, and a live preview shows the first contracts read and the first rows with errors (those
rows are left out of the import, and the preview says so).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.core.contracts import CONTRACT_FIELDS, Contract
from jsswhatif.io.column_mapping import (
    DATE_FORMATS,
    ColumnMapping,
    Mapped,
    Table,
    apply_mapping,
    guess_mapping,
)

#: How the dialog names each contract field (the table's column titles).
FIELD_LABELS: dict[str, str] = {
    "id": "ID",
    "client": "Client (required)",
    "title": "Title",
    "kind": "Kind (hourly or fixed)",
    "start": "Start (required)",
    "end": "End",
    "earnings": "Earnings",
    "last_paid": "Last paid",
    "public": "Stars (1-5)",
    "private": "Private score (0-10)",
    "feedback_date": "Feedback on",
    "disputed": "Disputed",
    "client_flagged": "Client flagged",
    "excluded": "Excluded",
    "payments": "Payments (DATE=AMOUNT;...)",
}
#: The fields the live preview shows.
PREVIEW_FIELDS = ("id", "client", "title", "kind", "start", "end", "earnings", "public", "private")
NOT_IN_FILE = "(not in the file)"
#: Rows shown in the live preview, and rows with errors listed.
SHOWN_ROWS = 8
SHOWN_PROBLEMS = 5


class ColumnMappingDialog(QDialog):
    """Map the columns of a table to contract fields, with a live preview.

    Attributes:
        header_box: Whether the first row holds the columns' names.
        field_combos: Per contract field, the column holding it (or none).
        date_format: How the dates are written.
        preview: The first contracts read.
        summary: How many rows read and how many left out.
        problems: The first rows with errors (and the mapping's own problem, if any).
        buttons: Next (OK) and Cancel.
    """

    def __init__(
        self,
        table: Table,
        source: str,
        notes: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        """Map ``table`` (read from ``source``; ``notes`` say how, e.g. its encoding)."""
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {source}")
        self.resize(900, 640)
        self._table = table
        guessed = guess_mapping(table)
        intro = QLabel(
            f"{source} is not a contracts CSV. Say which column holds each field; the guess "
            "comes from the columns' names. Rows with errors are left out.",
            self,
        )
        intro.setWordWrap(True)
        self.header_box = QCheckBox("The first row holds the columns' names", self)
        self.header_box.setChecked(guessed.header)
        self.date_format = QComboBox(self)
        self.date_format.addItems(list(DATE_FORMATS))
        self.date_format.setCurrentText(guessed.date_format)
        self.field_combos: dict[str, QComboBox] = {}
        for name in CONTRACT_FIELDS:
            combo = QComboBox(self)
            self.field_combos[name] = combo
        self._fill_columns(guessed)
        left, right = QFormLayout(), QFormLayout()
        for number, name in enumerate(CONTRACT_FIELDS):
            (left if number < 8 else right).addRow(FIELD_LABELS[name], self.field_combos[name])  # noqa: PLR2004 (two columns of fields)
        right.addRow("Dates written as", self.date_format)
        fields = QHBoxLayout()
        fields.addLayout(left)
        fields.addLayout(right)
        self.preview = QTableWidget(0, len(PREVIEW_FIELDS), self)
        self.preview.setHorizontalHeaderLabels(
            [FIELD_LABELS[f].split(" (")[0] for f in PREVIEW_FIELDS]
        )
        self.preview.verticalHeader().hide()
        self.summary = QLabel(self)
        self.problems = QLabel(self)
        self.problems.setStyleSheet("color: #b91c1c;")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Next")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for note in notes:
            layout.addWidget(QLabel(note, self))
        layout.addWidget(self.header_box)
        layout.addLayout(fields)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        for combo in self.field_combos.values():
            combo.currentIndexChanged.connect(self.refresh)
        self.date_format.currentIndexChanged.connect(self.refresh)
        self.header_box.toggled.connect(self._header_toggled)
        self._mapped = Mapped((), (), 0)
        self.refresh()

    def _fill_columns(self, mapping: ColumnMapping) -> None:
        names = self._table.column_names(mapping.header)
        for name, combo in self.field_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, -1)
            for index, column in enumerate(names):
                combo.addItem(column, index)
            combo.setCurrentIndex(mapping.columns.get(name, -1) + 1)
            combo.blockSignals(False)

    def _header_toggled(self, on: bool) -> None:
        """Rename the columns (``A: Client`` or ``A``), keeping the fields' choices."""
        kept = self.mapping()
        self._fill_columns(ColumnMapping(kept.columns, kept.date_format, on))
        self.refresh()

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen."""
        columns = {
            name: int(combo.currentData())
            for name, combo in self.field_combos.items()
            if combo.currentData() is not None and int(combo.currentData()) >= 0
        }
        return ColumnMapping(columns, self.date_format.currentText(), self.header_box.isChecked())

    def mapped(self) -> Mapped:
        """What the mapping reads (as the preview shows it)."""
        return self._mapped

    def refresh(self) -> None:
        """Read the rows again through the mapping chosen, and show what it gives."""
        mapping = self.mapping()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        problem = mapping.problem()
        if problem is not None:
            self._mapped = Mapped((), (), 0)
            self.summary.setText("")
            self._show_preview(())
            self.problems.setText(problem)
            ok.setEnabled(False)
            return
        self._mapped = mapped = apply_mapping(self._table, mapping)
        read, left = len(mapped.contracts), len(mapped.problems)
        self.summary.setText(
            f"{mapped.rows} row{'' if mapped.rows == 1 else 's'}: {read} read"
            + (f", {left} with errors left out" if left else "")
        )
        self._show_preview(mapped.contracts[:SHOWN_ROWS])
        lines = [str(p) for p in mapped.problems[:SHOWN_PROBLEMS]]
        if left > SHOWN_PROBLEMS:
            lines.append(f"... and {left - SHOWN_PROBLEMS} more")
        self.problems.setText("\n".join(lines))
        ok.setEnabled(read > 0)

    def _show_preview(self, contracts: Sequence[Contract]) -> None:
        self.preview.setRowCount(len(contracts))
        for row, contract in enumerate(contracts):
            for column, name in enumerate(PREVIEW_FIELDS):
                value = getattr(contract, name)
                text = "" if value is None else str(value)
                self.preview.setItem(row, column, QTableWidgetItem(text))
