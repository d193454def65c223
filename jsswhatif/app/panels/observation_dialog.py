"""Edit ▸ Record observed JSS: the date, the score Upwork showed, and a note.

Observations are what the user really saw on their profile; the plot marks them next to the
estimate, so that a gap between the two shows at a glance.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.date_edit import DateEdit
from jsswhatif.core.document import Observation


class ObservationDialog(QDialog):
    """Date (default: the as-of date), value in percent and an optional note."""

    def __init__(
        self,
        day: dt.date,
        value: int | None,
        parent: QWidget | None = None,
        note: str = "",
        title: str = "Record observed JSS",
    ) -> None:
        """Start on ``day`` with ``value`` (the estimate on screen; 90 when there is none) and
        ``note`` (kept when an observation is edited)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date = DateEdit(QDate(day.year, day.month, day.day), self)  # a typed date as typed
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.value = QSpinBox(self)
        self.value.setRange(0, 100)
        self.value.setSuffix("%")
        self.value.setValue(90 if value is None else value)
        self.note = QLineEdit(note, self)
        self.note.setPlaceholderText("optional, e.g. 'after the March review'")
        explanation = QLabel("The Job Success Score your Upwork profile showed on that day.")
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Seen on", self.date)
        form.addRow("JSS", self.value)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def observation(self) -> Observation:
        """What was entered."""
        day = self.date.date()
        return Observation(
            date=dt.date(day.year(), day.month(), day.day()),
            value=self.value.value(),
            note=self.note.text().strip(),
        )
