"""The Calibrate view: every rule set and reading ranked against the JSS values seen on Upwork.

:class:`CalibrationDialog` runs :func:`jsswhatif.core.readings.calibrate` on the baseline (the
observations are of the user's real profile, not of a what-if) and lists the candidates best
first: how many observed values each matches, the mean error, the dates it shows no JSS. It
offers to use the best: a preset or ``historical`` is chosen as it is; a reading of a preset
becomes a custom rule set (undoable). A reading of ``historical`` changes every preset and is
no single rule set, so it cannot be saved; the button says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.window.controller import Controller
from jsswhatif.core.readings import Fit, calibrate, calibration_sentence
from jsswhatif.core.rules import RuleSet

#: Below this many observations the ranking is weak (a note says so).
FEW_OBSERVATIONS = 3
#: How many candidates the table lists.
SHOWN = 25
_COLUMNS = ("#", "Rule set or reading", "Matches", "Mean error", "No JSS")


def use_text(fit: Fit) -> str:
    """The button's words for using ``fit``'s candidate."""
    reading, count = fit.reading, len(fit.values)
    matches = f"(matches {fit.matches} of {count})"
    if reading.parameter is None:
        return f"Use {reading.name} {matches}"
    return f"Save and use '{reading.name}' as a custom rule set {matches}"


class CalibrationDialog(QDialog):
    """The ranking, its sentence, a note when it is weak, and "use the best".

    Attributes:
        fits: Every candidate, best first (empty without observations).
        sentence_label: "Of 5 observed values, upwork-2024-09 with biweekly updates matches 5."
        note_label: The weak-ranking note (fewer than three observations); hidden otherwise.
        table: The first :data:`SHOWN` candidates.
        use_button: Uses the best candidate (disabled for a reading of ``historical``).
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """Rank the candidates against ``controller``'s observations now."""
        super().__init__(parent)
        self.setWindowTitle("Calibrate against observed JSS")
        self._controller = controller
        document = controller.document
        observed = [(o.date, o.value) for o in document.observations]
        self.fits: tuple[Fit, ...] = ()
        if observed:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.fits = calibrate(document.contracts, observed, document.rule_sets)
            finally:
                QGuiApplication.restoreOverrideCursor()
        self.sentence_label = QLabel(self)
        self.sentence_label.setWordWrap(True)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setAccessibleName("Candidates ranked against the observed values")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.use_button = QPushButton(self)
        self.use_button.clicked.connect(self.use_best)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.use_button)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self._show(len(observed))

    def _show(self, count: int) -> None:
        fits = self.fits
        if not fits:
            self.sentence_label.setText("No observed JSS: add some in the Observations panel.")
            self.note_label.hide()
            self.use_button.setText("Nothing to use")
            self.use_button.setEnabled(False)
            return
        sentence = calibration_sentence(fits)
        self.sentence_label.setText(sentence[:1].upper() + sentence[1:] + ".")
        weak = count < FEW_OBSERVATIONS
        self.note_label.setText(
            f"Only {count} observed value{'' if count == 1 else 's'}: many candidates fit "
            "as well; record three or more for a ranking that means something."
            if weak
            else ""
        )
        self.note_label.setVisible(weak)
        self.table.setRowCount(min(len(fits), SHOWN))
        for row, fit in enumerate(fits[:SHOWN]):
            error = "—" if fit.mean_error is None else f"{fit.mean_error:.1f}"
            cells = (str(row + 1), fit.reading.name, str(fit.matches), error, str(fit.no_jss))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        best = fits[0]
        savable = best.reading.parameter is None or isinstance(best.reading.rules, RuleSet)
        self.use_button.setText(use_text(best))
        self.use_button.setEnabled(savable)
        if not savable:
            self.use_button.setToolTip(
                "A reading of historical changes every preset: it is no single rule set."
            )

    def use_best(self) -> bool:
        """Use the best candidate: choose it, or save it as a custom rule set (undoable)."""
        if not self.fits:
            return False
        reading = self.fits[0].reading
        if reading.parameter is None:
            done = self._controller.set_rules(reading.name)
        elif isinstance(reading.rules, RuleSet):
            done = self._controller.save_rule_set(reading.rules)
        else:
            return False
        if done:
            self.accept()
        return done
