"""Editors for the parameters of a custom rule set, one widget per field type.

Each editor is a plain Qt widget with an ``edited`` signal and two methods: ``value()`` returns
the parameter in the form :class:`~jsswhatif.core.rules.RuleSet` validates (it raises
:class:`~jsswhatif.core.fields.FieldError`, a ``ValueError``, with a message in words when the
text cannot be read: numbers are read by the shared parsers of :mod:`jsswhatif.core.fields`),
``set_value()`` shows a value. :func:`make_editor` picks the editor from the field's type
annotation.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QDate, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.core.fields import parse_amount, parse_number, parse_whole_number
from jsswhatif.core.rules import EarningsTier, RuleSet

#: Largest value an integer spin box offers when the model sets no upper bound.
INT_MAX = 100_000


class ParameterEditor(Protocol):
    """What the rules dialog needs from an editor (every editor below is also a QWidget)."""

    edited: SignalInstance

    def value(self) -> Any:
        """The parameter as RuleSet validates it; ValueError when the text is unreadable."""

    def set_value(self, value: Any) -> None:
        """Show ``value``."""


class ChoiceEditor(QComboBox):
    """One of the choices of a ``Literal`` parameter.

    Signals:
        edited: The user picked another choice.
    """

    edited = Signal()

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        """Offer ``choices`` in the order given."""
        super().__init__(parent)
        self.addItems(list(choices))
        self.currentIndexChanged.connect(self.edited)

    def value(self) -> str:
        """The chosen text."""
        return self.currentText()

    def set_value(self, value: Any) -> None:
        """Select ``value``."""
        self.setCurrentText(str(value))


class BoolEditor(QCheckBox):
    """An on/off parameter.

    Signals:
        edited: The box was ticked or cleared.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """A check box labelled "on"."""
        super().__init__("on", parent)
        self.toggled.connect(self.edited)

    def value(self) -> bool:
        """Whether the box is ticked."""
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        """Tick the box when ``value`` is true."""
        self.setChecked(bool(value))


class IntEditor(QSpinBox):
    """A whole number within the bounds the model allows.

    Signals:
        edited: The number changed.
    """

    edited = Signal()

    def __init__(self, minimum: int, maximum: int, parent: QWidget | None = None) -> None:
        """A spin box from ``minimum`` to ``maximum`` inclusive."""
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.valueChanged.connect(self.edited)

    def value(self) -> int:
        """The number shown."""
        return super().value()

    def set_value(self, value: Any) -> None:
        """Show ``value``."""
        self.setValue(int(value))


class _LineEditor(QLineEdit):
    """A line edit that says when the user typed.

    Signals:
        edited: The text changed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty line edit."""
        super().__init__(parent)
        self.textEdited.connect(self.edited)

    def set_value(self, value: Any) -> None:
        """Show ``value``."""
        self.setText("" if value is None else str(value))


class TextEditor(_LineEditor):
    """Free text (a rule set's name)."""

    def value(self) -> str:
        """The text as typed."""
        return self.text()


class DecimalEditor(_LineEditor):
    """An exact decimal number typed as text, so that 1.25 stays 1.25."""

    def value(self) -> Decimal:
        """The number typed; FieldError when it is not one (``1.25``, ``-2``; no exponent)."""
        return parse_number(self.text())

    def set_value(self, value: Any) -> None:
        """Show ``value`` in plain digits (never an exponent, which would not read back)."""
        self.setText("" if value is None else _plain(value))


class WindowsEditor(_LineEditor):
    """Window lengths in months typed as a comma-separated list ("6, 12, 24")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """A line edit with a placeholder showing the format."""
        super().__init__(parent)
        self.setPlaceholderText("6, 12, 24")

    def value(self) -> tuple[int, ...]:
        """The months listed; FieldError naming the first item that is not a whole number."""
        items = self.text().replace(";", ",").split(",")
        return tuple(parse_whole_number(item, "months") for item in items if item.strip())

    def set_value(self, value: Any) -> None:
        """Show the months separated by commas."""
        self.setText(", ".join(str(m) for m in value))


class DateEditor(QDateEdit):
    """A calendar date.

    Signals:
        edited: The date changed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """An ISO-formatted date edit with a calendar pop-up."""
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.dateChanged.connect(self.edited)

    def value(self) -> dt.date:
        """The date shown."""
        shown = self.date()
        return dt.date(shown.year(), shown.month(), shown.day())

    def set_value(self, value: Any) -> None:
        """Show the date ``value``."""
        self.setDate(QDate(value.year, value.month, value.day))


class TiersEditor(QWidget):
    """Earnings tiers as a small table: "up to ($)" (empty for the last) and "weight".

    Signals:
        edited: A cell changed, or a tier was added or removed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty table with add and remove buttons."""
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["up to ($)", "weight (jobs)"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(125)
        self.table.setToolTip(
            "Each tier covers earnings up to its bound; leave the last tier's bound empty."
        )
        self.table.itemChanged.connect(self.edited)
        self.add_button = QPushButton("Add tier", self)
        self.remove_button = QPushButton("Remove tier", self)
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def value(self) -> tuple[EarningsTier, ...]:
        """The tiers in row order; FieldError naming the first unreadable cell.

        A bound is an amount in USD as the contracts CSV writes earnings (``$1,000``; empty for
        the last tier); a weight is a plain number (``1.25``).
        """
        tiers = []
        for row in range(self.table.rowCount()):
            bound, weight = (self._text(row, column) for column in (0, 1))
            up_to = parse_amount(bound) if bound.strip() else None
            tiers.append(EarningsTier(up_to=up_to, weight=parse_number(weight)))
        return tuple(tiers)

    def set_value(self, value: Any) -> None:
        """Show the tiers ``value``."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for tier in value:
            self._append("" if tier.up_to is None else _plain(tier.up_to), _plain(tier.weight))
        self.table.blockSignals(False)
        self.edited.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()

    def _append(self, bound: str, weight: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(bound))
        self.table.setItem(row, 1, QTableWidgetItem(weight))

    def _add_row(self) -> None:
        current = self.table.currentRow()
        row = self.table.rowCount() - 1 if current < 0 else current
        self.table.blockSignals(True)
        self.table.insertRow(max(row, 0))
        self.table.setItem(max(row, 0), 0, QTableWidgetItem(""))
        self.table.setItem(max(row, 0), 1, QTableWidgetItem("1"))
        self.table.blockSignals(False)
        self.edited.emit()

    def _remove_row(self) -> None:
        if self.table.rowCount() > 1:
            current = self.table.currentRow()
            self.table.removeRow(current if current >= 0 else self.table.rowCount() - 1)
            self.edited.emit()


def _plain(value: Any) -> str:
    """A number as plain digits: Decimal("1E+3") shows as 1000."""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _int_bounds(name: str) -> tuple[int, int]:
    minimum, maximum = 0, INT_MAX
    for item in RuleSet.model_fields[name].metadata:
        minimum = int(getattr(item, "ge", minimum))
        maximum = int(getattr(item, "le", maximum))
    return minimum, maximum


def make_editor(name: str, parent: QWidget | None = None) -> QWidget | None:  # noqa: PLR0911 (one editor per kind)
    """The editor for the RuleSet field ``name``, or None for a read-only field.

    ``based_on`` and ``effective_from`` are read-only: a custom rule set records the preset it
    was copied from and never takes part in ``historical``.
    """
    if name in ("based_on", "effective_from"):
        return None
    if name == "windows":
        return WindowsEditor(parent)
    if name == "earnings_tiers":
        return TiersEditor(parent)
    annotation = RuleSet.model_fields[name].annotation
    if typing.get_origin(annotation) is typing.Literal:
        return ChoiceEditor(typing.get_args(annotation), parent)
    if annotation is bool:
        return BoolEditor(parent)
    if annotation is int:
        return IntEditor(*_int_bounds(name), parent=parent)
    if annotation is Decimal:
        return DecimalEditor(parent)
    if annotation is dt.date:
        return DateEditor(parent)
    return TextEditor(parent)
