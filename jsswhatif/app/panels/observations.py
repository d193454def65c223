"""The observations panel: the JSS values seen on Upwork beside the estimate, editable.

:class:`ObservationsPanel` lists the document's observations (date order) with the estimated
displayed score of the baseline on each date and the difference, and edits them (add, edit,
delete; each one undoable command). "Calibrate…" ranks the rule sets and readings against them
(:mod:`jsswhatif.app.panels.calibration`). The estimates are read from the controller's
baseline timeline when the date is on the plot range, else evaluated (a handful of dates).
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.locale_text import date_text
from jsswhatif.app.panels.calibration import FEW_OBSERVATIONS, CalibrationDialog
from jsswhatif.app.panels.observation_dialog import ObservationDialog
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.controller import Controller
from jsswhatif.core import edits
from jsswhatif.core.document import Document, Observation
from jsswhatif.core.engine import evaluate

_COLUMNS = ("Seen on", "Seen", "Estimate", "Difference", "Note")


def ask_edit(parent: QWidget | None, observation: Observation) -> Observation | None:
    """The observation as the user corrects it, or None on Cancel (tests patch this)."""
    dialog = ObservationDialog(
        observation.date, observation.value, parent, observation.note, "Edit observed JSS"
    )
    return dialog.observation() if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_calibration(parent: QWidget | None, controller: Controller) -> None:
    """Open the Calibrate view over ``controller``'s observations (tests patch this)."""
    CalibrationDialog(controller, parent).exec()


def without_observation(document: Document, day: dt.date) -> Document:
    """``document`` without its observation of ``day``."""
    kept = tuple(o for o in document.observations if o.date != day)
    return document.model_copy(update={"observations": kept})


def difference_text(seen: int, estimate: int | None) -> str:
    """``+2`` when the estimate is 2 above what was seen, ``0``, ``−3``, or ``no JSS``."""
    if estimate is None:
        return "no estimate"
    diff = estimate - seen
    return "0" if diff == 0 else f"{'+' if diff > 0 else '−'}{abs(diff)}"


class ObservationsPanel(QWidget):
    """The JSS values seen on Upwork, the estimate on each date, and their edits.

    Attributes:
        table: One row per observation: date, seen, estimate, difference, note.
        add_button, edit_button, delete_button: The edits (edit and delete act on the
            selected row).
        calibrate_button: Opens the Calibrate view (needs one observation).
        note_label: Says how to add one when there are none, and that the ranking is weak
            with fewer than three.
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """Follow ``controller``'s observations and estimates."""
        super().__init__(parent)
        self._controller = controller
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setAccessibleName("Observed JSS values")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.edit_row(row))
        self.table.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton("Add…", self)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.table.currentRow()))
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(lambda: self.delete_row(self.table.currentRow()))
        self.calibrate_button = QPushButton("Calibrate…", self)
        self.calibrate_button.setToolTip("Rank the rule sets and readings against these values")
        self.calibrate_button.clicked.connect(lambda: show_calibration(self, controller))
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.calibrate_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note_label)
        layout.addLayout(buttons)
        controller.document_changed.connect(self._document_changed)
        controller.results_changed.connect(lambda _results: self.refresh())
        self.refresh()

    # Edits ------------------------------------------------------------------------------------

    def observations(self) -> tuple[Observation, ...]:
        """The observations listed, in date order (the document's order)."""
        return self._controller.document.observations

    def add(self) -> bool:
        """Record a new observation (the dialog starts on the as-of date and estimate)."""
        c = self._controller
        results = c.flush()
        return c.record_observation(dialogs.ask_observation(self, c.as_of, results.displayed))

    def edit_row(self, row: int) -> bool:
        """Correct the observation on ``row`` (its date, value or note)."""
        found = self.observations()
        if not 0 <= row < len(found):
            return False
        old = found[row]
        new = ask_edit(self, old)
        if new is None or new == old:
            return False
        text = f"Edit observed JSS of {old.date.isoformat()}"
        return self._controller.edit(
            text, lambda d: edits.with_observation(without_observation(d, old.date), new)
        )

    def delete_row(self, row: int) -> bool:
        """Delete the observation on ``row``."""
        found = self.observations()
        if not 0 <= row < len(found):
            return False
        old = found[row]
        text = f"Delete observed JSS {old.value}% of {old.date.isoformat()}"
        return self._controller.edit(text, lambda d: without_observation(d, old.date))

    # Showing ----------------------------------------------------------------------------------

    def estimates(self) -> list[int | None]:
        """The baseline's displayed score on each observation's date."""
        c = self._controller
        results = c.results
        found: list[int | None] = []
        for observation in self.observations():
            value = math.nan
            if results is not None:
                timeline = results.baseline_timeline
                index = (observation.date - timeline.first).days
                if 0 <= index < timeline.days:
                    value = float(timeline.displayed[index])
                else:
                    shown = evaluate(c.document.contracts, c.document.rules, observation.date)
                    value = math.nan if shown.displayed is None else shown.displayed
            found.append(None if math.isnan(value) else int(value))
        return found

    def refresh(self) -> None:
        """Show the observations, the estimates and the differences again."""
        found = self.observations()
        self.table.setRowCount(len(found))
        for row, (seen, estimate) in enumerate(zip(found, self.estimates(), strict=True)):
            cells = (
                date_text(seen.date),
                f"{seen.value}%",
                "no JSS" if estimate is None else f"{estimate}%",
                difference_text(seen.value, estimate),
                seen.note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in {1, 2, 3}:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        count = len(found)
        if count == 0:
            note = "No observed JSS yet: add the values your Upwork profile showed, with dates."
        elif count < FEW_OBSERVATIONS:
            note = f"Only {count} observed: calibration needs three or more to rank well."
        else:
            note = "Estimate: the baseline's displayed score on that date (under the rule set)."
        self.note_label.setText(note)
        self.calibrate_button.setEnabled(count > 0)
        self._enable()

    def _document_changed(self, change: Change) -> None:
        if change.observations:  # the estimates follow with the results
            self.refresh()

    def _enable(self) -> None:
        selected = 0 <= self.table.currentRow() < self.table.rowCount()
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
