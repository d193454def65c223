"""A word-wrapped label that lays its text out once per width, not at every layout pass."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

_KEPT = 8  # widths remembered per text: a panel is laid out at one or two widths at a time


class WrappingLabel(QLabel):
    """A :class:`QLabel` that wraps its words and remembers its height for a width until its
    text, text format, font or style changes.

    Qt asks a word-wrapped label its height for a width at every layout pass of its parent,
    and ``QWidgetItem::minimumHeightForWidth`` asks again without a cache, each time laying
    the whole text out. The summary sits in a scroll area that is laid out at every update:
    its long labels, unchanged, cost about 8 ms per as-of drag step at 10,000 contracts.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty word-wrapped label."""
        super().__init__(parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str, object], int] = {}

    def heightForWidth(self, width: int) -> int:
        """The height the text takes at ``width`` (laid out once per text and width)."""
        key = (width, self.text(), self.textFormat())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _KEPT:
                self._heights.clear()
            height = self._heights[key] = int(super().heightForWidth(width))
        return height

    def changeEvent(self, event: QEvent) -> None:
        """Forget the heights when the font or style changes how the text is laid out."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)
