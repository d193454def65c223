"""WrappingLabel: a word-wrapped label's height for a width, remembered but never stale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels.wrapping_label import WrappingLabel

LONG = "One contract can move this score by up to 10.2 points, " * 4


def reference(text: str, width: int, font: QFont | None = None, rich: bool = False) -> int:
    """The height a plain word-wrapped QLabel gives."""
    label = QLabel()
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if font is not None:
        label.setFont(font)
    label.setText(text)
    return int(label.heightForWidth(width))


def test_heights_equal_a_plain_labels_and_follow_text_format_and_font(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    assert label.wordWrap()
    label.setText(LONG)
    for width in (120, 300, 120):
        assert label.heightForWidth(width) == reference(LONG, width)
    assert label.heightForWidth(120) > label.heightForWidth(300)
    label.setText("short")
    assert label.heightForWidth(120) == reference("short", 120)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f"<b>{LONG}</b>")
    assert label.heightForWidth(200) == reference(f"<b>{LONG}</b>", 200, rich=True)
    big = QFont(label.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    label.setFont(big)
    assert label.heightForWidth(200) == reference(f"<b>{LONG}</b>", 200, big, rich=True)
    assert label.heightForWidth(200) > reference(f"<b>{LONG}</b>", 200, rich=True)
