"""A date field that takes a whole date typed over it as typed.

Qt's :class:`QDateEdit` edits one section at a time: typing ``2025-03-01`` over a selected
2026-09-17 gave 2026-03-01 (the old year kept), and typing it after a click into the month
gave 2026-09-03. :class:`DateEdit` keeps Qt's section editing (arrows, a digit or two in one
section) and also follows the keys typed since the field got the focus: once they spell a
whole date, that date is set. ``YYYY-MM-DD`` and ``YYYYMMDD`` are taken at their last digit;
a shorter ``YYYY-M-D`` (or with ``/`` or ``.``) when Enter is pressed or the field is left.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QWidget

#: Keys that may be part of a typed date.
_DATE_CHARACTERS = frozenset("0123456789-/.")
_COMPLETE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2})")
_LOOSE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def typed_date(text: str, final: bool) -> dt.date | None:
    """The date ``text`` spells, if whole (``final``: also the short ``2025-3-1`` forms).

    Example:
        >>> typed_date("2025-03-01", final=False), typed_date("2025-3-1", final=False)
        (datetime.date(2025, 3, 1), None)
    """
    match = _COMPLETE.fullmatch(text) or (_LOOSE.fullmatch(text) if final else None)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateEdit(QDateEdit):
    """A :class:`QDateEdit` (ISO display) where a whole date typed over it is taken as typed.

    A typed date outside the field's range gives the nearest end of the range.
    """

    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        """Show ``date`` (default: Qt's) as ``yyyy-MM-dd``."""
        super().__init__(parent)
        if date is not None:
            self.setDate(date)
        self.setDisplayFormat("yyyy-MM-dd")
        self._typed = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Let Qt edit its section, and set the date once the keys typed spell one."""
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._take(final=True)
        elif (
            text
            and text in _DATE_CHARACTERS
            and not event.modifiers()
            & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            self._typed += text
            super().keyPressEvent(event)
            self._take(final=False)
            return
        elif key == Qt.Key.Key_Backspace:
            self._typed = self._typed[:-1]
            super().keyPressEvent(event)
            return
        self._typed = ""
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """A new run of typing starts."""
        self._typed = ""
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Take a short date typed before leaving the field."""
        self._take(final=True)
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click starts a new run of typing."""
        self._typed = ""
        super().mousePressEvent(event)

    def _take(self, final: bool) -> None:
        day = typed_date(self._typed, final)
        if day is not None:
            self._typed = ""
            wanted = QDate(day.year, day.month, day.day)
            self.setDate(min(max(wanted, self.minimumDate()), self.maximumDate()))
