"""Editors of the contracts table: dates, kind, star rating and private score.

The model's edit role gives a :class:`QDate` (invalid when empty) for dates, text for amounts
and stars, an int (-1 when empty) for the private score; each editor here starts from that
and hands back something :func:`~jsswhatif.app.table.columns.parse_edit` reads with the
parsers of :mod:`jsswhatif.core.fields` (the contracts CSV's). Optional values can be emptied:
clear the date text, or pick "(none)".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QMenu,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
    QWidgetAction,
)

from jsswhatif.app.table.columns import COLUMNS, NO_VALUE
from jsswhatif.core.fields import FieldError, parse_date

Index = QModelIndex | QPersistentModelIndex

#: Star ratings offered in the list (any rating parse_stars reads, 1 to 5, may be typed).
STAR_CHOICES = ("5", "4.75", "4.5", "4", "3.5", "3", "2", "1")


class DateLineEdit(QLineEdit):
    """ISO date text (``YYYY-MM-DD``, or empty for none) with a calendar button.

    Eight digits are read as a date too (``20260301`` is 2026-03-01), so a date can be typed
    without its dashes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """Accept only digit-and-dash text; the trailing action opens a calendar."""
        super().__init__(parent)
        self.setPlaceholderText(NO_VALUE)
        self.setClearButtonEnabled(True)
        pattern = r"^$|^[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?$|^[0-9]{5,8}$"
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.calendar_action = QAction("Calendar", self)
        self.calendar_action.setToolTip("Pick a date")
        icon = QStyle.StandardPixmap.SP_FileDialogDetailedView
        self.calendar_action.setIcon(self.style().standardIcon(icon))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)

    def sizeHint(self) -> QSize:
        """Wide enough for a whole date beside the calendar and clear buttons (a table cell
        is narrower: the editor spreads over the next cell rather than show "2-01")."""
        hint = super().sizeHint()
        text = self.fontMetrics().horizontalAdvance("8888-88-88")
        icons = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8)
        return QSize(max(hint.width(), text + icons + 16), hint.height())

    def date(self) -> QDate:
        """The date typed (invalid when empty or not a date the contracts CSV accepts)."""
        text = self.text().strip()
        if len(text) == 8 and text.isdigit():  # noqa: PLR2004 (YYYYMMDD)
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            day = parse_date(text)
        except FieldError:
            return QDate()
        return QDate() if day is None else QDate(day.year, day.month, day.day)

    def set_date(self, date: QDate) -> None:
        """Show ``date`` (empty when invalid)."""
        self.setText(date.toString(Qt.DateFormat.ISODate) if date.isValid() else "")

    def show_calendar(self) -> None:
        """Pop up a calendar under the field; a click sets the date."""
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(False)
        if self.date().isValid():
            calendar.setSelectedDate(self.date())
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(date: QDate) -> None:
            self.set_date(date)
            menu.close()

        calendar.clicked.connect(picked)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))


def star_editor(parent: QWidget | None) -> QComboBox:
    """A star rating typed or picked from :data:`STAR_CHOICES`, kept exactly as typed.

    Qt's editable combo box completes typed text from its list, so "4" then Enter would save
    4.75 (and "3" 3.5, a neutral review made positive): the completer is removed.
    """
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems([NO_VALUE, *STAR_CHOICES])
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setCompleter(None)  # type: ignore[arg-type]  # (Qt accepts None: no completion)
    combo.setAccessibleName("Public stars")
    return combo


@dataclass(frozen=True, slots=True)
class Refusal:
    """A typed value the model refused: where, the text as typed, and why."""

    index: QPersistentModelIndex
    text: str
    message: str


class ContractsDelegate(QStyledItemDelegate):
    """Picks the editor by column kind; other columns get Qt's default editors.

    A value the model refuses is kept: :attr:`refusal` holds the cell, the text as typed and
    the reason, the view opens the editor again on that cell, and :meth:`setEditorData` puts
    the typed text back instead of the stored value, so the user corrects it (or presses
    Escape to keep the stored value).

    Attributes:
        refusal: The last refused edit, until the view has opened the cell again; or None.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """No refused edit yet."""
        super().__init__(parent)
        self.refusal: Refusal | None = None
        self._retry: Refusal | None = None

    def take_refusal(self) -> Refusal | None:
        """The refused edit, handed over once: the next editor of its cell shows its text."""
        refusal, self.refusal = self.refusal, None
        self._retry = refusal
        return refusal

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A date field, a kind or star list, or a private-score spin box."""
        kind = COLUMNS[index.column()].kind
        if kind == "date":
            return DateLineEdit(parent)
        if kind == "kind":
            combo = QComboBox(parent)
            combo.addItems(["hourly", "fixed"])
            return combo
        if kind == "stars":
            return star_editor(parent)
        if kind == "private":
            spin = QSpinBox(parent)
            spin.setRange(-1, 10)
            spin.setSpecialValueText(NO_VALUE)
            return spin
        return super().createEditor(parent, option, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        """Over the cell, widened to the editor's own size hint when the column is narrower,
        and kept inside the table's viewport."""
        super().updateEditorGeometry(editor, option, index)
        rect = editor.geometry()
        wanted = max(editor.sizeHint().width(), editor.minimumSizeHint().width())
        if rect.width() >= wanted:
            return
        rect.setWidth(wanted)
        viewport = editor.parentWidget()
        if viewport is not None and rect.right() > viewport.width():
            rect.moveRight(max(viewport.width(), wanted) - 1)
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Show the cell's value in ``editor`` (the refused text, when reopened for it)."""
        retry, self._retry = self._retry, None
        if retry is not None and (retry.index.row(), retry.index.column()) == (
            index.row(),
            index.column(),
        ):
            if isinstance(editor, QComboBox) and editor.isEditable():
                editor.setCurrentText(retry.text)
                return
            if isinstance(editor, QLineEdit):
                editor.setText(retry.text)
                return
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateLineEdit):
            editor.set_date(value if isinstance(value, QDate) else QDate())
        elif isinstance(editor, QComboBox) and editor.isEditable():
            editor.setCurrentText(str(value) or NO_VALUE)
            line = editor.lineEdit()
            if line is not None:  # an editable list has one: typing replaces its text
                line.selectAll()
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(str(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value) if value is not None else -1)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the edited value to the model (which turns it into an undoable edit); keep
        what was typed, and why, when the model refuses it (see :attr:`refusal`)."""
        text = ""
        if isinstance(editor, DateLineEdit):
            date, text = editor.date(), editor.text().strip()
            done = model.setData(index, date if date.isValid() else (text or None))
        elif isinstance(editor, QComboBox):
            text = editor.currentText()
            done = model.setData(index, text)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            done = model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            done = model.setData(index, text)
        else:
            super().setModelData(editor, model, index)
            return
        message = getattr(model, "refusal", None)
        if not done and message:
            self.refusal = Refusal(QPersistentModelIndex(index), text, str(message))


def install_delegates(view: QTableView) -> ContractsDelegate:
    """Give ``view`` the contracts editors; returns the delegate (owned by the view)."""
    delegate = ContractsDelegate(view)
    view.setItemDelegate(delegate)
    return delegate
