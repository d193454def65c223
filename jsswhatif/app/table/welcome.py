"""What the contracts panel shows instead of an empty table: how to begin.

A newcomer (the first start opens an empty document) and anyone after File ▸ New sees, in
place of blank rows, what the tool does, that its score is an estimate, and four ways in:
import from Upwork, open a contracts CSV, add a contract by hand, open a sample. Each way is a
window action (the same as the menu's), handed over by :meth:`Welcome.use_actions`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

HEADING = "Start with your contracts"
WHAT_IT_DOES = (
    "jsswhatif estimates your Upwork Job Success Score from your contracts and shows what "
    "would move it: a contract ending, its feedback, new jobs, or time passing."
)
ESTIMATE = (
    "The score is an estimate under a rule set reconstructed from Upwork's public statements, "
    "not the score Upwork shows you."
)

#: (button text, one line about it) of each way in, in order; keys name the action used.
WAYS: dict[str, tuple[str, str]] = {
    "import_upwork": (
        "Import from Upwork…",
        "Your transaction history files: every contract with its payments.",
    ),
    "open": ("Open a contracts CSV…", "A spreadsheet of your contracts, or a saved document."),
    "add": ("Add a contract", "Type one in by hand (Ins); Tab moves along the row."),
    "samples": ("Open a sample", "See how it works on a made-up freelancer's history."),
}


class Welcome(QFrame):
    """How to begin: what the tool does, that it estimates, and four ways in.

    Attributes:
        buttons: The ways in by key of :data:`WAYS` (disabled until :meth:`use_actions`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """The texts and the (not yet connected) buttons."""
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAccessibleName("Welcome: how to begin")
        heading = QLabel(HEADING, self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(heading)
        for text in (WHAT_IT_DOES, ESTIMATE):
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        self.buttons: dict[str, QPushButton] = {}
        # A button and its line side by side: four rows fit the panel of a 720-pixel screen.
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (key, (text, line)) in enumerate(WAYS.items()):
            button = QPushButton(text, self)
            button.setAccessibleName(text.rstrip("…"))
            button.setAccessibleDescription(line)
            button.setEnabled(False)
            about = QLabel(line, self)
            about.setBuddy(button)
            grid.addWidget(button, row, 0)
            grid.addWidget(about, row, 1)
            self.buttons[key] = button
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)

    def use_actions(self, actions: dict[str, QAction], samples: QMenu) -> None:
        """Make each way in trigger its window action; "Open a sample" pops up ``samples``."""
        for key, button in self.buttons.items():
            if key == "samples":
                button.clicked.connect(lambda _=False, b=button: samples.popup(_below(b)))
            else:
                button.clicked.connect(actions[key].trigger)
            button.setEnabled(True)


def _below(button: QWidget) -> QPoint:
    return button.mapToGlobal(button.rect().bottomLeft())
