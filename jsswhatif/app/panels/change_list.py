"""A list of score changes for the summary: a few lines, and "and 13 more changes" that opens.

:class:`ChangeList` shows the first :data:`MAX_CHANGES` changes from a pool of labels made
once (cheap to update during a drag); the link under them shows the rest in one more label,
and hides them again.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jsswhatif.app.panels.wrapping_label import WrappingLabel
from jsswhatif.app.rich_text import plain_tip
from jsswhatif.core.forecast import ScoreChange

#: How many changes are listed before "and N more changes".
MAX_CHANGES = 5


def short_date(day: dt.date) -> str:
    """``12 Jan 2027``, the month as the user's locale abbreviates it (``28 Sept. 2026`` in
    German)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def jss_text(value: int | None) -> str:
    """``90%`` or ``no JSS``."""
    return "no JSS" if value is None else f"{value}%"


def change_parts(change: ScoreChange) -> tuple[str, str]:
    """The day, and what happens on it: ``91% → 93%, contract 'Logo' (negative) leaves …``."""
    shown = f"{jss_text(change.before)} → {jss_text(change.after)}"
    return short_date(change.date), f"{shown}, {change.why}"


def change_html(change: ScoreChange) -> str:
    """The change as one line of rich text, its day in bold."""
    day, what = change_parts(change)
    return f"<b>{html.escape(day)}</b>: {html.escape(what)}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _wrapped(parent: QWidget) -> QLabel:
    label = WrappingLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChangeList(QWidget):
    """Up to :data:`MAX_CHANGES` changes, then a link opening the rest.

    Attributes:
        labels: The pool of lines, one per change shown; the unused ones are hidden.
        more_label: "and 3 more changes" (a link; "show fewer" once opened); hidden when
            there are no more.
        rest_label: The remaining changes, one per line; shown while opened.

    Signals:
        expanded_changed(bool): The rest was opened (True) or closed.
    """

    expanded_changed = Signal(bool)

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        """An empty list saying ``empty_text`` until :meth:`show_changes`."""
        super().__init__(parent)
        self._empty_text = empty_text
        self._changes: tuple[ScoreChange, ...] = ()
        self.expanded = False
        self.labels = [_wrapped(self) for _ in range(MAX_CHANGES)]
        self.more_label = QLabel(self)
        self.more_label.setTextFormat(Qt.TextFormat.RichText)
        self.more_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.more_label.linkActivated.connect(lambda _link: self.set_expanded(not self.expanded))
        self.rest_label = _wrapped(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for label in self.labels:
            layout.addWidget(label)
            label.hide()
        layout.addWidget(self.rest_label)
        layout.addWidget(self.more_label)
        self._list(())

    def show_changes(self, changes: Sequence[ScoreChange]) -> None:
        """List ``changes`` (in the order given); an opened list stays open."""
        if tuple(changes) != self._changes:  # the same again (a look-ahead): nothing to do
            self._list(tuple(changes))

    def _list(self, changes: tuple[ScoreChange, ...]) -> None:
        self._changes = changes
        # Only what differs: a word-wrapped label shown or given a new text lays the panel
        # out again (a millisecond or more each).
        for label, change in zip(self.labels, changes, strict=False):
            _set(label, change_html(change), plain_tip(change.text))
        for label in self.labels[len(changes) :]:
            label.setVisible(False)
        if not changes:
            _set(self.labels[0], html.escape(self._empty_text), "")
        self._show_rest()

    def set_expanded(self, expanded: bool) -> None:
        """Show the changes beyond the first :data:`MAX_CHANGES` (True), or hide them."""
        if expanded != self.expanded:
            self.expanded = expanded
            self._show_rest()
            self.expanded_changed.emit(expanded)

    def extra(self) -> int:
        """How many changes are beyond the first :data:`MAX_CHANGES`."""
        return max(0, len(self._changes) - MAX_CHANGES)

    def _show_rest(self) -> None:
        extra = self.extra()
        words = "show fewer" if self.expanded else f"and {_plural(extra, 'more change')}"
        self.more_label.setText(f"<a href='more'>{words}</a>" if extra else "")
        self.more_label.setVisible(extra > 0)
        rest = self._changes[MAX_CHANGES:] if self.expanded else ()
        self.rest_label.setText("<br>".join(change_html(c) for c in rest))
        self.rest_label.setVisible(bool(rest))


def _set(label: QLabel, text: str, tip: str) -> None:
    """Show ``label`` with ``text`` and ``tip``, touching only what changed."""
    if label.text() != text:
        label.setText(text)
    if label.toolTip() != tip:
        label.setToolTip(tip)
    if label.isHidden():
        label.setVisible(True)
