"""View the parameters of a rule set, and copy a preset into an editable custom rule set.

The dialog lists every :class:`~jsswhatif.core.rules.RuleSet` parameter with its value, its
meaning and the public statement it rests on (:mod:`jsswhatif.core.rule_docs`), marking the
guessed ones. Presets are read-only; "Copy to custom rule set…" makes an editable copy
(:func:`~jsswhatif.core.rules.custom_rule_set`). Every edit is validated by the RuleSet model;
while the parameters are invalid the error shows in words and OK is disabled.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.rules.editors import ParameterEditor, make_editor
from jsswhatif.core.rule_docs import PARAMETERS
from jsswhatif.core.rules import (
    DEFAULT_RULES_NAME,
    HISTORICAL_NAME,
    PRESETS,
    PRESETS_BY_NAME,
    EarningsTier,
    RuleSet,
    custom_rule_set,
)

GUESS_COLOUR = QColor("#b45309")
FIELDS: tuple[str, ...] = tuple(RuleSet.model_fields)


def format_value(value: Any) -> str:
    """A parameter value as shown read-only ("6, 12, 24", "on", "—", tiers in words)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, tuple) and value and isinstance(value[0], EarningsTier):
        return " · ".join(
            f"above: {t.weight}" if t.up_to is None else f"≤ ${t.up_to:,}: {t.weight}"
            for t in value
        )
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def validation_message(error: ValidationError | ValueError) -> str:
    """A pydantic (or editor) error as sentences naming the parameter by its label."""
    if not isinstance(error, ValidationError):
        return str(error)
    lines = []
    for item in error.errors():
        message = str(item["msg"]).removeprefix("Value error, ")
        field = str(item["loc"][0]) if item["loc"] else ""
        label = PARAMETERS[field].label if field in PARAMETERS else ""
        lines.append(f"{label}: {message}" if label else message[:1].upper() + message[1:])
    return "\n".join(lines)


class RulesDialog(QDialog):
    """Show a rule set's parameters; copy a preset to a custom rule set and edit it.

    Attributes:
        rules_combo: Picks the rule set shown (presets, then the document's custom ones).
        copy_button: "Copy to custom rule set…".
        table: One row per parameter: label (with "guessed" marks) and value or editor.
        details: Meaning, public statement and guess of the current row's parameter.
        error_label: The validation error in words; hidden while the parameters are valid.
        buttons: OK and Cancel; OK is disabled while the parameters are invalid.

    Signals:
        None; read :meth:`edited_rule_set` after ``exec()`` returns ``Accepted``.
    """

    def __init__(  # noqa: PLR0915 (builds the widget tree)
        self,
        custom_rule_sets: Sequence[RuleSet] = (),
        current: str = DEFAULT_RULES_NAME,
        parent: QWidget | None = None,
    ) -> None:
        """List the presets and ``custom_rule_sets``; show ``current`` (a preset under
        ``historical``)."""
        super().__init__(parent)
        self.setWindowTitle("Rule sets")
        self.resize(980, 640)
        self._rule_sets: dict[str, RuleSet] = {r.name: r for r in (*PRESETS, *custom_rule_sets)}
        self._editors: dict[str, ParameterEditor] = {}
        self._editing: str | None = None  # name of the custom rule set in the editors
        self._is_new = False
        self._dirty = False
        self._result: RuleSet | None = None

        self.rules_combo = QComboBox(self)
        for name, rule_set in self._rule_sets.items():
            kind = "preset" if name in PRESETS_BY_NAME else f"custom, based on {rule_set.based_on}"
            self.rules_combo.addItem(f"{name}  ({kind})", name)
        self.copy_button = QPushButton("Copy to custom rule set…", self)
        self.mode_label = QLabel(self)
        self.mode_label.setTextFormat(Qt.TextFormat.PlainText)  # names show as typed
        self.mode_label.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Parameter", "Value"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 250)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details = QTextBrowser(self)
        self.details.setMinimumWidth(280)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        top = QHBoxLayout()
        top.addWidget(QLabel("Rule set:", self))
        top.addWidget(self.rules_combo, 1)
        top.addWidget(self.copy_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mode_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        index = self.rules_combo.findData(current)
        self.rules_combo.setCurrentIndex(
            index if index >= 0 else self.rules_combo.findData(DEFAULT_RULES_NAME)
        )
        self.rules_combo.currentIndexChanged.connect(self._combo_changed)
        self.copy_button.clicked.connect(lambda: self.copy_to_custom())  # noqa: PLW0108 (not `checked`)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._combo_changed()
        if current == HISTORICAL_NAME:
            self.mode_label.setText(
                self.mode_label.text() + " The rule set historical uses each preset from its "
                "effective date on."
            )

    # Public API -------------------------------------------------------------------------------

    def shown_rule_set(self) -> RuleSet:
        """The rule set whose parameters are on screen (as last validated)."""
        return self._rule_sets[self.rules_combo.currentData()]

    def edited_rule_set(self) -> RuleSet | None:
        """The new or changed custom rule set; None when nothing was copied or edited, or when
        the parameters are invalid."""
        return self._result if self._dirty else None

    def original_name(self) -> str | None:
        """The name the edited custom rule set had before (None for a new copy)."""
        return None if self._is_new or not self._dirty else self._editing

    def editor(self, name: str) -> QWidget:
        """The editor of parameter ``name`` (only while a custom rule set is shown)."""
        return cast(QWidget, self._editors[name])

    def copy_to_custom(self, name: str | None = None) -> RuleSet | None:
        """Copy the rule set shown to a new, editable custom rule set called ``name``.

        Without ``name`` the user is asked for one; None when they cancel.
        """
        source = self.shown_rule_set()
        if name is None:
            name = self._ask_name(f"{source.based_on or source.name} (custom)")
            if name is None:
                return None
        copy = custom_rule_set(source, name.strip() or f"{source.name} (custom)")
        self._rule_sets[copy.name] = copy
        self.rules_combo.addItem(f"{copy.name}  (custom, based on {copy.based_on})", copy.name)
        self._is_new = True
        self._dirty = True
        self._result = copy
        self.rules_combo.setCurrentIndex(self.rules_combo.count() - 1)
        self._lock_choice()
        return copy

    # Building the table -----------------------------------------------------------------------

    def _ask_name(self, suggestion: str) -> str | None:
        text, ok = QInputDialog.getText(self, "Copy to custom rule set", "Name:", text=suggestion)
        return text if ok and text.strip() else None

    def _combo_changed(self) -> None:
        rule_set = self.shown_rule_set()
        editable = rule_set.name not in PRESETS_BY_NAME
        preset = rule_set.based_on or rule_set.name
        self._editing = rule_set.name if editable else None
        self._editors.clear()
        self.table.clearContents()
        self.table.setRowCount(len(FIELDS))
        for row, field in enumerate(FIELDS):
            doc = PARAMETERS[field]
            label = QTableWidgetItem(doc.label + ("  ⚠ guessed" if doc.guessed_for(preset) else ""))
            label.setToolTip(f"{field}: {doc.meaning}")
            if doc.guessed_for(preset):
                label.setForeground(GUESS_COLOUR)
            self.table.setItem(row, 0, label)
            value = getattr(rule_set, field)
            widget = make_editor(field, self.table) if editable else None
            if widget is None:
                item = QTableWidgetItem(format_value(value))
                item.setToolTip(doc.meaning)
                if editable:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, 1, item)
                continue
            editor = cast(ParameterEditor, widget)
            editor.set_value(value)
            widget.setToolTip(f"{doc.meaning}\n\nSource: {doc.statement}")
            editor.edited.connect(lambda row=row: self._edited(row))
            self.table.setCellWidget(row, 1, widget)
            self._editors[field] = editor
        self.table.resizeRowsToContents()
        if editable:
            self.mode_label.setText(
                f"Custom rule set based on {rule_set.based_on}: edit any parameter. "
                "Marked ⚠ are values the preset guesses."
            )
        else:
            self.mode_label.setText(
                f"Preset {rule_set.name} (read-only). Marked ⚠ are stated guesses: Upwork never "
                "published them. Copy it to a custom rule set to change anything."
            )
        self.table.setCurrentCell(0, 0)
        self._show_details(0)
        self._validate()

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(FIELDS):
            return
        field = FIELDS[row]
        doc = PARAMETERS[field]
        rule_set = self.shown_rule_set()
        parts = [
            f"<h3>{html.escape(doc.label)}</h3>",
            f"<p><code>{field}</code> · scoring model section {doc.section}</p>",
            f"<p>{html.escape(doc.meaning)}</p>",
            f"<p><b>Public statement:</b> {html.escape(doc.statement)}</p>",
        ]
        if doc.guessed_for(rule_set.based_on or rule_set.name):
            parts.append(
                f'<p style="color:{GUESS_COLOUR.name()}"><b>Guessed:</b> '
                f"{html.escape(doc.guess)}</p>"
            )
        self.details.setHtml("".join(parts))

    # Editing ----------------------------------------------------------------------------------

    def _edited(self, row: int) -> None:
        if self.table.currentRow() != row:
            self.table.setCurrentCell(row, 0)
        self._dirty = True
        self._lock_choice()
        self._validate()

    def _lock_choice(self) -> None:
        self.rules_combo.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.rules_combo.setToolTip("OK keeps the changes, Cancel discards them.")

    def _validate(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self._editing is None:
            self.error_label.hide()
            ok_button.setEnabled(True)
            return
        problem = ""
        try:
            data = self.shown_rule_set().model_dump()
            for field, editor in self._editors.items():
                try:
                    data[field] = editor.value()
                except ValueError as exc:
                    raise ValueError(f"{PARAMETERS[field].label}: {exc}") from None
            name = str(data["name"]).strip()
            taken = set(self._rule_sets) - {self._editing}
            if name in taken or name == HISTORICAL_NAME:
                raise ValueError(f"Name: {name!r} is already the name of another rule set")
            self._result = RuleSet.model_validate({**data, "name": name})
        except (ValidationError, ValueError) as exc:
            problem = validation_message(exc)
            self._result = None
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        ok_button.setEnabled(not problem)
