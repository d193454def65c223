"""Small dialogs of the main window, and the thin wrappers every modal question goes through.

Tests replace the wrappers (:func:`ask_open_path`, :func:`ask_save_path`,
:func:`ask_save_changes`, :func:`ask_recover`, :func:`ask_file_changed`, :func:`show_error`,
:func:`show_crash`, :func:`ask_text`, :func:`ask_hypothetical`, :func:`ask_review`,
:func:`ask_compare`, :func:`ask_rule_set`, :func:`ask_observation`, :func:`ask_open_paths`,
:func:`ask_column_mapping`, :func:`ask_import_preview`, :func:`ask_confirm`,
:func:`ask_scenario_name`, :func:`ask_properties`) with ``monkeypatch``, so no test can
block on a modal window.
"""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import PySide6
from PySide6.QtCore import QDate, Qt, qVersion
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jsswhatif import __version__
from jsswhatif.app.constants import APP_NAME, LICENSE
from jsswhatif.app.date_edit import DateEdit
from jsswhatif.app.panels.observation_dialog import ObservationDialog
from jsswhatif.app.table.columns import NO_VALUE
from jsswhatif.app.table.delegates import star_editor
from jsswhatif.app.window.comparison import Compare
from jsswhatif.core.calendar import months_after
from jsswhatif.core.document import Document, Observation
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical, Review
from jsswhatif.core.fields import FieldError, parse_amount, parse_kind, parse_stars
from jsswhatif.core.rules import RuleSet

if TYPE_CHECKING:
    from jsswhatif.app.files.import_preview import ImportChoice, ImportSource
    from jsswhatif.io.column_mapping import ColumnMapping, Table

# The Rules, column-mapping and import-preview dialogs (and what they import) are imported by
# the function that shows them: every window imports this module, and at start it has no
# use for them (tens of milliseconds of a cold start, issue 14).


def ask_open_path(
    parent: QWidget | None, folder: str, title: str = "Open", filters: str = ""
) -> Path | None:
    """Ask for a file to open, starting in ``folder``; None when cancelled.

    ``filters`` is a Qt name filter list (``"Documents (*.jsswhatif);;All files (*)"``).
    """
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return Path(name) if name else None


def ask_open_paths(
    parent: QWidget | None, folder: str, title: str = "Open", filters: str = ""
) -> list[Path]:
    """Ask for one or more files to read, starting in ``folder``; empty when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
    return [Path(name) for name in names]


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, filters: str = ""
) -> Path | None:
    """Ask where to write a file, proposing ``suggested``; None when cancelled.

    The file dialog itself asks before replacing an existing file.
    """
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


SaveChoice = Literal["save", "discard", "cancel"]


def _message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    """A message box showing ``text`` as plain text: file names, titles and error messages
    hold the user's text, which Qt would otherwise read as HTML when it looks like HTML."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Ask what to do with unsaved changes of ``name``: save, discard or cancel."""
    button = QMessageBox.StandardButton
    box = _message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"Save the changes to {name!r} first?\n\nIf you don't, they are lost.",
    )
    box.setStandardButtons(button.Save | button.Discard | button.Cancel)
    box.setDefaultButton(button.Save)
    box.exec()
    answer = box.standardButton(box.clickedButton())
    if answer == button.Save:
        return "save"
    return "discard" if answer == button.Discard else "cancel"


RecoverChoice = Literal["recover", "discard", "later"]


def ask_recover(parent: QWidget | None, saved_at: dt.datetime, name: str) -> RecoverChoice:
    """Offer work autosaved at ``saved_at`` by a window that did not close: recover it,
    discard it, or decide at the next start (Escape)."""
    text = f"Recover unsaved work from {saved_at:%Y-%m-%d %H:%M} ({name})?"
    box = _message_box(parent, QMessageBox.Icon.Question, "Recover unsaved work", text)
    box.setInformativeText("jsswhatif did not close normally last time.")
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else "later"


FileChangedChoice = Literal["reload", "overwrite", "save_as", "cancel"]


def ask_file_changed(parent: QWidget | None, name: str) -> FileChangedChoice:
    """The file ``name`` changed on disk since this window opened or saved it (another window
    or program saved it): reload it, overwrite it, save under another name (the default), or
    cancel (Escape)."""
    text = f"{name} was changed on disk since you opened or saved it (another window or program)."
    box = _message_box(parent, QMessageBox.Icon.Warning, "File changed on disk", text)
    box.setInformativeText(
        "Reload shows the file as it is now (your unsaved changes here are lost); Overwrite "
        "replaces it with your version (the other changes are lost); Save As keeps both."
    )
    reload = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    choices: dict[object, FileChangedChoice] = {
        reload: "reload",
        overwrite: "overwrite",
        save_as: "save_as",
    }
    return choices.get(box.clickedButton(), "cancel")


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something failed (one modal message)."""
    _message_box(parent, QMessageBox.Icon.Critical, title, text).exec()


def show_crash(parent: QWidget | None, log_path: Path | None, summary: str) -> None:
    """Say that something went wrong, what, and where the log with the details is."""
    where = f"The details are in\n{log_path}" if log_path else "No log could be written."
    text = (
        f"Something went wrong: {summary}\n\n{where}\n\n"
        "Your unsaved work was autosaved; save it under a new name to be safe."
    )
    _message_box(parent, QMessageBox.Icon.Critical, "jsswhatif: unexpected error", text).exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; None when cancelled or blank."""
    return _line(parent, title, label, text)


def _line(parent: QWidget | None, title: str, label: str, text: str) -> str | None:
    answer, ok = QInputDialog.getText(parent, title, label, text=text)
    return answer.strip() if ok and answer.strip() else None


def ask_confirm(
    parent: QWidget | None, title: str, text: str, action: str, details: str = ""
) -> bool:
    """Ask before a risky command: True when the user clicks ``action`` (Cancel and Escape,
    the default, say no). ``details`` says what the command changes and how to take it back."""
    box = _message_box(parent, QMessageBox.Icon.Question, title, text)
    if details:
        box.setInformativeText(details)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # Enter must not be the way into a risky change
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go


def ask_scenario_name(parent: QWidget | None, proposed: str) -> str | None:
    """Ask the name of a new scenario, proposing ``proposed``; None when cancelled or blank."""
    return _line(parent, "New scenario", "Name of the new scenario:", proposed)


def show_shortcuts(parent: QWidget | None, lines: Sequence[str]) -> None:
    """List the keyboard shortcuts."""
    QMessageBox.information(parent, "Keyboard shortcuts", "\n".join(lines))


def about_text() -> str:
    """What the program is, its version and licence, and that its numbers are estimates."""
    return (
        f"{APP_NAME} {__version__}\n\n"
        "jsswhatif estimates an Upwork Job Success Score from your contracts under a named "
        "rule set reconstructed from Upwork's public statements. It is an estimate, not your "
        "score.\n\n"
        f"Licence: {LICENSE}. Not affiliated with Upwork.\n"
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}"
    )


def show_about(parent: QWidget | None) -> None:
    """Say what the program is, its version and licence, and that its numbers are estimates."""
    _message_box(parent, QMessageBox.Icon.Information, f"About {APP_NAME}", about_text()).exec()


@dataclass(frozen=True, slots=True)
class Properties:
    """A document's title and description (shown above the table when it opens)."""

    title: str
    description: str


class PropertiesDialog(QDialog):
    """File ▸ Document Properties: the document's title and description."""

    def __init__(self, current: Properties, parent: QWidget | None = None) -> None:
        """Start from ``current``."""
        super().__init__(parent)
        self.setWindowTitle("Document properties")
        self.title = QLineEdit(current.title, self)
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("What this document is about, in a few words")
        self.description = QPlainTextEdit(current.description, self)
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("Shown above the table when the document opens")
        self.description.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Description", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.resize(520, 260)

    def properties(self) -> Properties:
        """What was typed (surrounding blanks dropped)."""
        return Properties(self.title.text().strip(), self.description.toPlainText().strip())


def ask_properties(parent: QWidget | None, current: Properties) -> Properties | None:
    """Ask for the document's title and description; None when cancelled."""
    dialog = PropertiesDialog(current, parent)
    return dialog.properties() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AmountSpinBox(QDoubleSpinBox):
    """USD with cents, read as the contracts CSV reads earnings (``1,2`` is no amount).

    Text :func:`~jsswhatif.core.fields.parse_amount` refuses, or outside the range, is
    intermediate: Qt puts the previous value back when the field loses focus.
    """

    def problem(self, text: str | None = None) -> str:
        """Why ``text`` (default: the text shown) is no amount for this field; "" if it is one."""
        text = self.text() if text is None else text
        try:
            amount = parse_amount(text)
        except FieldError as exc:
            return str(exc)
        low, high = self.minimum(), self.maximum()
        if not low <= amount <= high:
            return f"{text.strip()!r} is not within ${low:,.2f} and ${high:,.2f}"
        if amount != round(amount, self.decimals()):
            return f"{text.strip()!r} has more than {self.decimals()} decimals"
        return ""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Acceptable when :meth:`problem` finds none, else intermediate."""
        bad = self.problem(text)
        return QValidator.State.Intermediate if bad else QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        """Leave refused text as typed (QDoubleSpinBox would drop its commas: ``1,2`` -> 12)."""
        return text

    def valueFromText(self, text: str) -> float:
        """The amount ``text`` reads as (the minimum when it reads as none)."""
        try:
            return float(parse_amount(text))
        except FieldError:
            return self.minimum()

    def textFromValue(self, value: float) -> str:
        """``value`` with the field's decimals and no thousands separator, in any locale."""
        return f"{value:.{self.decimals()}f}"


class HypotheticalDialog(QDialog):
    """ "What if I finish three more $500 jobs with great feedback next month?"."""

    def __init__(self, as_of: dt.date, parent: QWidget | None = None) -> None:
        """Default: three fixed-price $500 jobs, great feedback, ending a month after as-of."""
        super().__init__(parent)
        self.setWindowTitle("Add hypothetical contracts")
        self.count = QSpinBox(self)
        self.count.setRange(1, 100)
        self.count.setValue(3)
        self.earnings = AmountSpinBox(self)
        self.earnings.setRange(0, 10_000_000)
        self.earnings.setDecimals(2)
        self.earnings.setPrefix("$")
        self.earnings.setValue(500)
        self.feedback = QComboBox(self)
        for choice in REVIEW_CHOICES:
            self.feedback.addItem(choice.label)
        self.end = DateEdit(_qdate(months_after(as_of, 1)), self)
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox(self)
        self.days.setRange(0, 3650)
        self.days.setSuffix(" days")
        self.days.setToolTip("Length of each contract; every 90 paid days add one job of weight")
        self.kind = QComboBox(self)
        self.kind.addItems(["fixed", "hourly"])
        self.distinct = QCheckBox("Each with a different new client", self)
        self.distinct.setChecked(True)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setStyleSheet("color: #b91c1c;")
        self.earnings.lineEdit().textChanged.connect(self._show_problem)
        form = QFormLayout()
        form.addRow("How many", self.count)
        form.addRow("Earnings each", self.earnings)
        form.addRow("Feedback", self.feedback)
        form.addRow("Ending on", self.end)
        form.addRow("Length", self.days)
        form.addRow("Kind", self.kind)
        form.addRow("", self.distinct)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))

    def _show_problem(self) -> None:
        problem = self.earnings.problem()
        self.error.setText(f"Earnings: {problem}" if problem else "")

    def spec(self) -> Hypothetical:
        """The contracts asked for."""
        return Hypothetical(
            count=self.count.value(),
            earnings=Decimal(f"{self.earnings.value():.2f}"),
            review=REVIEW_CHOICES[self.feedback.currentIndex()],
            end=_pydate(self.end.date()),
            days=self.days.value(),
            kind=parse_kind(self.kind.currentText()),
            distinct_clients=self.distinct.isChecked(),
        )


def ask_hypothetical(parent: QWidget | None, as_of: dt.date) -> Hypothetical | None:
    """Ask what hypothetical contracts to add; None when cancelled."""
    dialog = HypotheticalDialog(as_of, parent)
    return dialog.spec() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReviewDialog(QDialog):
    """Custom feedback: any star rating and private score, either may be empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Start from 5 stars and a private 10."""
        super().__init__(parent)
        self.setWindowTitle("Custom feedback")
        self.stars = star_editor(self)
        self.stars.setCurrentText("5")
        self.private = QSpinBox(self)
        self.private.setRange(-1, 10)
        self.private.setSpecialValueText(NO_VALUE)
        self.private.setValue(10)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setStyleSheet("color: #b91c1c;")
        form = QFormLayout()
        form.addRow("Public stars (1-5)", self.stars)
        form.addRow("Private score (0-10)", self.private)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))

    def review(self) -> Review | None:
        """The feedback entered, or None when the stars are no rating from 1 to 5.

        The stars are read by :func:`~jsswhatif.core.fields.parse_stars`, as the contracts CSV
        and the table read them.
        """
        text = self.stars.currentText()
        try:
            stars = None if text.strip() == NO_VALUE else parse_stars(text)
        except FieldError:
            return None
        private = None if self.private.value() < 0 else self.private.value()
        shown = "none" if stars is None else f"{stars} stars"
        return Review(f"{shown}, {'none' if private is None else private}", stars, private)

    def accept(self) -> None:
        """Close only with valid values."""
        if self.review() is None:
            self.error.setText("Stars must be a number from 1 to 5, or (none).")
            return
        super().accept()


def ask_review(parent: QWidget | None) -> Review | None:
    """Ask for custom feedback; None when cancelled."""
    dialog = ReviewDialog(parent)
    return dialog.review() if dialog.exec() == QDialog.DialogCode.Accepted else None


class CompareDialog(QDialog):
    """Choose what the comparison mode plots: scenarios, or rule sets on this scenario."""

    def __init__(
        self,
        scenarios: Sequence[str],
        rule_sets: Sequence[str],
        current: Compare,
        parent: QWidget | None = None,
    ) -> None:
        """List the baseline and ``scenarios``, or ``rule_sets``; tick ``current``'s names."""
        super().__init__(parent)
        self.setWindowTitle("Compare")
        self._choices: dict[str, list[str | None]] = {
            "scenarios": [None, *scenarios],
            "rules": list(rule_sets),
        }
        self.by_scenario = QRadioButton("Scenarios (displayed JSS of each)", self)
        self.by_rules = QRadioButton("Rule sets (on the scenario on screen)", self)
        group = QButtonGroup(self)
        group.addButton(self.by_scenario)
        group.addButton(self.by_rules)
        self.items = QListWidget(self)
        mode = "rules" if current.mode == "rules" else "scenarios"
        (self.by_rules if mode == "rules" else self.by_scenario).setChecked(True)
        self._fill(mode, current.names if current.mode == mode else None)
        self.by_rules.toggled.connect(lambda on: self._fill("rules" if on else "scenarios", None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.by_scenario)
        layout.addWidget(self.by_rules)
        layout.addWidget(self.items)
        layout.addWidget(_buttons(self))

    def _fill(self, mode: str, ticked: Sequence[str | None] | None) -> None:
        self.items.clear()
        for name in self._choices[mode]:
            item = QListWidgetItem("Baseline" if name is None else name, self.items)
            item.setData(Qt.ItemDataRole.UserRole, name)
            on = ticked is None or name in ticked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def compare(self) -> Compare:
        """The selection (mode and ticked names, in list order)."""
        mode: Literal["scenarios", "rules"] = "rules" if self.by_rules.isChecked() else "scenarios"
        names = tuple(
            self.items.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.items.count())
            if self.items.item(i).checkState() == Qt.CheckState.Checked
        )
        return Compare(mode, names)


def ask_compare(
    parent: QWidget | None, scenarios: Sequence[str], rule_sets: Sequence[str], current: Compare
) -> Compare | None:
    """Ask what to compare; None when cancelled."""
    dialog = CompareDialog(scenarios, rule_sets, current, parent)
    return dialog.compare() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True, slots=True)
class RulesChoice:
    """What the rules dialog ended with: a rule set to use, and an edited custom one."""

    use: str | None
    edited: RuleSet | None
    original_name: str | None


def ask_rule_set(
    parent: QWidget | None, custom: Sequence[RuleSet], current: str
) -> RulesChoice | None:
    """Show the rule sets dialog; None when cancelled."""
    from jsswhatif.app.rules.dialog import RulesDialog  # noqa: PLC0415 (not at start, see top)

    dialog = RulesDialog(custom, current, parent)
    first = dialog.shown_rule_set().name
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    shown = dialog.shown_rule_set().name
    return RulesChoice(
        use=shown if shown != first else None,
        edited=dialog.edited_rule_set(),
        original_name=dialog.original_name(),
    )


def ask_observation(parent: QWidget | None, day: dt.date, value: int | None) -> Observation | None:
    """Ask for a JSS seen on Upwork (starting on ``day`` with ``value``); None if cancelled."""
    dialog = ObservationDialog(day, value, parent)
    return dialog.observation() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_column_mapping(
    parent: QWidget | None, table: Table, source: str, notes: Sequence[str] = ()
) -> ColumnMapping | None:
    """Ask which column of ``table`` holds each contract field; None when cancelled."""
    from jsswhatif.app.files.mapping_dialog import ColumnMappingDialog  # noqa: PLC0415 (see top)

    dialog = ColumnMappingDialog(table, source, notes, parent)
    return dialog.mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_import_preview(
    parent: QWidget | None, source: ImportSource, document: Document
) -> ImportChoice | None:
    """Preview what ``source`` would bring into ``document``; the contracts confirmed and how
    to bring them in, or None when cancelled."""
    from jsswhatif.app.files.import_preview import ImportPreviewDialog  # noqa: PLC0415 (see top)

    dialog = ImportPreviewDialog(source, document, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
