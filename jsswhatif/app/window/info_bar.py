"""A closable band above the window's content: what the open document is about.

Opening a sample (or any document with a description) shows its title and description here,
without a modal box in the way; the close button hides it until the next document.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


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
        self.setStyleSheet(
            "#info-bar { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 4px; }"
            "#info-bar QLabel { color: #1e3a8a; }"
        )
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
