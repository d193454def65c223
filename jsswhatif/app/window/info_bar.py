"""A closable band above the window's content: what the open document is about.

Opening a sample (or any document with a description) shows its title and description here,
without a modal box in the way; the close button hides it until the next document.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from jsswhatif.app.plot.theme import DARK_LIGHTNESS

#: Background, border and text of the bar on a light and on a dark desktop.
_LIGHT = ("#eff6ff", "#bfdbfe", "#1e3a8a")
_DARK = ("#172554", "#1e40af", "#dbeafe")


class InfoBar(QFrame):
    """A title in bold, a text, and a close button; hidden until :meth:`show_message`.

    Attributes:
        label: The rich-text message.
        close_button: Hides the bar.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty, hidden bar."""
        super().__init__(parent)
        self.setObjectName("info-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._dark: bool | None = None
        self.follow_palette()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this note")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def follow_palette(self) -> None:
        """Light blue on a light desktop, dark blue on a dark one (the window calls this when
        the palette changes: its own style sheet keeps the bar from hearing of it)."""
        # The application's palette: this bar's own is the style sheet's, always light.
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        dark = window.lightness() < DARK_LIGHTNESS
        if dark == self._dark:
            return  # setting the style sheet changes the palette: no loop
        self._dark = dark
        background, border, text = _DARK if dark else _LIGHT
        self.setStyleSheet(
            f"#info-bar {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }} #info-bar QLabel {{ color: {text}; }}"
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with a palette changed while hidden (no change event reaches it then)."""
        self.follow_palette()
        super().showEvent(event)

    def show_message(self, title: str, text: str) -> None:
        """Show ``title`` (bold) and ``text``, both plain text."""
        head = f"<b>{html.escape(title)}</b>" if title else ""
        body = html.escape(text)
        self.label.setText(f"{head}&nbsp;&nbsp;{body}" if head else body)
        self.show()

    def show_about(self, title: str, description: str) -> None:
        """Show what a document is about, or hide the bar when it has no description."""
        if description:
            self.show_message(title, description)
        else:
            self.hide()

    def plain_text(self) -> str:
        """The message as plain text (tests, accessibility)."""
        document = QTextDocument()
        document.setHtml(self.label.text())
        return document.toPlainText()
