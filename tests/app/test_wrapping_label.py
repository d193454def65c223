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


def test_size_hints_are_measured_from_the_words(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    label.setText("a contract incomprehensibilities ends")
    widest = metrics.horizontalAdvance("incomprehensibilities")
    assert label.minimumSizeHint().width() == widest
    assert label.minimumSizeHint().height() == metrics.height()
    one_line = metrics.horizontalAdvance("a contract incomprehensibilities ends")
    assert label.sizeHint().width() == one_line
    assert label.sizeHint().height() == label.heightForWidth(one_line)
    label.setText(LONG)  # longer than 80 characters: the hint stops there and wraps
    preferred = metrics.averageCharWidth() * 80
    assert label.sizeHint().width() == preferred
    assert label.sizeHint().height() == reference(LONG, preferred)
    assert label.sizeHint().height() > metrics.height()
    big = QFont(label.font())  # measured once per text, but again in another font
    big.setPointSizeF(big.pointSizeF() * 2)
    label.setFont(big)
    label.setText("a contract incomprehensibilities ends")
    assert label.minimumSizeHint().width() == label.fontMetrics().horizontalAdvance(
        "incomprehensibilities"
    )
    assert label.minimumSizeHint().width() > widest


def test_rich_text_hints_measure_the_words_not_the_markup(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText('<b>2026-11-25</b>&nbsp;&nbsp; <span style="color:#123456">JSS</span> &amp; 90%')
    metrics = label.fontMetrics()
    assert label.minimumSizeHint().width() == metrics.horizontalAdvance("2026-11-25")
    assert label.sizeHint().width() == metrics.horizontalAdvance("2026-11-25 JSS & 90%")


def test_a_shown_label_hints_the_height_at_its_width(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    label.setText(LONG)
    label.resize(150, 40)
    label.show()
    assert label.sizeHint().height() == reference(LONG, 150)


def test_heights_follow_the_least_height(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    label.setText("short")
    line = label.heightForWidth(300)
    label.setMinimumHeight(line * 3)
    assert label.heightForWidth(300) == line * 3  # as QLabel gives: never below its least
    label.setMinimumHeight(0)
    assert label.heightForWidth(300) == line
