"""The undo command every document edit becomes.

The edits themselves are pure functions of :mod:`jsswhatif.core.edits`; the controller wraps
the document before and after one of them in a :class:`DocumentCommand` on its undo stack, so
undo and redo restore exact snapshots (documents share their unchanged records, so a snapshot
is cheap).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from jsswhatif.core.document import Document


class DocumentCommand(QUndoCommand):
    """Replace the document by ``after`` on redo and by ``before`` on undo.

    Attributes:
        before: The document before the edit.
        after: The document the edit made.
    """

    def __init__(
        self, install: Callable[[Document], None], before: Document, after: Document, text: str
    ) -> None:
        """Remember both snapshots; ``install`` puts a document on screen."""
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after

    def redo(self) -> None:
        """Show the edited document (QUndoStack.push calls this once at once)."""
        self._install(self.after)

    def undo(self) -> None:
        """Show the document as it was before the edit."""
        self._install(self.before)
