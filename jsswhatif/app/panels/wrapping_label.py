"""A word-wrapped label that lays its text out once per width, not at every layout pass."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

_KEPT = 8  # widths remembered per text: a panel is laid out at one or two widths at a time
#: The widest a label asks to be, in average characters (Qt's own hint aims at about 80).
_PREFERRED_CHARS = 80
_TAG = re.compile(r"<[^>]*>")


class WrappingLabel(QLabel):
    """A :class:`QLabel` that wraps its words and remembers its height for a width until its
    text, text format, font or style changes.

    Qt asks a word-wrapped label its height for a width at every layout pass of its parent,
    and ``QWidgetItem::minimumHeightForWidth`` asks again without a cache, each time laying
    the whole text out. The summary sits in a scroll area that is laid out at every update:
    its long labels, unchanged, cost about 8 ms per as-of drag step at 10,000 contracts.

    Its size hints are measured, not laid out: for a word-wrapped label ``QLabel`` lays the
    text out four or five times to find a pleasing shape (a third of the window's layout
    time when the summary's numbers change). The layout sizes the label by its height for a
    width anyway; the hints only give its widest word (the least width) and its one-line
    width up to about 80 characters (the width it would like).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty word-wrapped label."""
        super().__init__(parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str, object, int], int] = {}
        # (text, format) -> (its one-line width, its widest word's): the layout asks both
        # hints a dozen times per update of the summary, measuring every word each time.
        self._widths: dict[tuple[str, object], tuple[int, int]] = {}

    def heightForWidth(self, width: int) -> int:
        """The height the text takes at ``width`` (laid out once per text and width)."""
        key = (width, self.text(), self.textFormat(), self.minimumHeight())  # (the least)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _KEPT:
                self._heights.clear()
            height = self._heights[key] = int(super().heightForWidth(width))
        return height

    def sizeHint(self) -> QSize:
        """The text on one line, at most about 80 characters wide; the height it takes at
        the label's width once laid out (else at that width)."""
        frame = self._frame_width()
        line, _ = self._text_widths()
        width = min(line, self.fontMetrics().averageCharWidth() * _PREFERRED_CHARS) + frame
        laid_out = self.testAttribute(Qt.WidgetAttribute.WA_WState_Created) and self.width() > 0
        return QSize(width, self.heightForWidth(self.width() if laid_out else width))

    def minimumSizeHint(self) -> QSize:
        """The widest word, one line high (as ``QLabel`` gives for a word-wrapped text)."""
        _, widest = self._text_widths()
        margins = self.contentsMargins()
        height = self.fontMetrics().height() + margins.top() + margins.bottom()
        return QSize(widest + self._frame_width(), height + 2 * self.margin())

    def _text_widths(self) -> tuple[int, int]:
        """The text's width on one line and its widest word's (measured once per text)."""
        key = (self.text(), self.textFormat())
        widths = self._widths.get(key)
        if widths is None:
            if len(self._widths) >= _KEPT:
                self._widths.clear()
            metrics = self.fontMetrics()
            words = self._words()
            line = metrics.horizontalAdvance(" ".join(words))
            widths = self._widths[key] = (
                line,
                max(map(metrics.horizontalAdvance, words), default=0),
            )
        return widths

    def _words(self) -> list[str]:
        text = self.text()
        if self.textFormat() != Qt.TextFormat.PlainText and "<" in text:
            text = html.unescape(_TAG.sub(" ", text.replace("&nbsp;", " ")))
        return text.split()

    def _frame_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin()

    def changeEvent(self, event: QEvent) -> None:
        """Forget the sizes when the font or style changes how the text is laid out."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
            self._widths.clear()
        super().changeEvent(event)
