"""The contracts panel: a filter bar over the contracts table, with selection helpers.

The panel owns the :class:`~jsswhatif.app.table.model.ContractsModel` and its view. The
view sorts through the model (header clicks call ``model.sort``), columns keep fixed widths
(resizing to contents costs seconds at 10,000 rows), and the status column and impact sit
next to the title so the what-if result is visible without scrolling.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPaintEvent, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.table.delegates import ContractsDelegate, install_delegates
from jsswhatif.app.table.model import (
    CHANGED_MARK,
    HYPOTHETICAL_MARK,
    ContractsModel,
    StatusFilter,
    row_runs,
)
from jsswhatif.app.table.welcome import Welcome
from jsswhatif.app.window.controller import Controller

#: Visual column order (logical order stays that of the contracts CSV), and widths.
VISUAL_ORDER: tuple[tuple[str, int], ...] = (
    ("id", 44),
    ("client", 118),
    ("title", 180),
    ("status", 168),
    ("impact", 62),
    ("start", 84),
    ("end", 84),
    ("earnings", 88),
    ("public", 46),
    ("private", 52),
    ("excluded", 66),
    ("value", 46),
    ("weight", 52),
    ("windows", 72),
    ("leaves", 128),
    ("kind", 60),
    ("last_paid", 84),
    ("feedback_date", 84),
    ("disputed", 64),
    ("client_flagged", 58),
)

STATUS_FILTERS: tuple[tuple[str, StatusFilter], ...] = (
    ("All contracts", "all"),
    ("Counted", "counted"),
    ("Not counted", "not_counted"),
    ("Open", "open"),
    ("Needs review", "needs_review"),
)
_EDITABLE = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable


class ContractsTable(QTableView):
    """A table view for keyboard-only entry that repaints only the visible cells a change names.

    Attributes:
        error_label: Why a typed value was refused, shown under its cell while it is edited
            again (with the text as typed).

    Keys: typing on a cell starts editing it (a line editor's text is replaced, so a typed date
    replaces the whole date); Tab and Shift+Tab move to the next or previous editable cell in
    the columns' visual order, skipping computed columns (and derived ones); Enter commits and
    moves one row down, to the column where the row's run of Tabs began (as spreadsheets do),
    so "end date, Tab, stars, Tab, private score, Enter" lands on the next row's end date.

    ``QAbstractItemView`` repaints its whole viewport for any multi-cell ``dataChanged``; the
    model announces new scores one computed column at a time, so repainting just those
    columns' visible cells keeps an as-of drag step cheap (12 rows x 6 cells, not 12 x 20).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty view (the panel sets its model)."""
        super().__init__(parent)
        self._tab_start: tuple[int, int] | None = None  # (row, column) a run of Tabs began on
        self.error_label = QLabel(self.viewport())
        self.error_label.setObjectName("cell-error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error_label.setStyleSheet(
            "#cell-error { background: #fef2f2; color: #991b1b; border: 1px solid #b91c1c;"
            " padding: 2px 4px; }"
        )
        self.error_label.setAccessibleName("Why the value was refused")
        self.error_label.hide()
        #: Said in the empty viewport when the filter lets no contract through ("" for none).
        self.placeholder = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rows; in place of none, :attr:`placeholder` (what to do about it)."""
        super().paintEvent(event)
        if self.placeholder and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(12, 12, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()

    def setSelectionModel(self, selectionModel: QItemSelectionModel) -> None:
        """Use ``selectionModel``; the column header gets one of its own that stays empty.

        A header paints each section asking whether its whole column is selected, which asks
        the model for the flags of every selected cell of that column: with all 10,000 rows
        selected, a second of calls into Python per header repaint (Ctrl+A, a hover). Our
        header highlights no selection and sorts on click, so an empty selection is what it
        shows anyway. (``setModel`` calls this with the view's new selection model.)
        """
        super().setSelectionModel(selectionModel)
        header = self.horizontalHeader()
        model = selectionModel.model()
        if model is not None:
            header.setSelectionModel(QItemSelectionModel(model, header))

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab and Shift+Tab go to the next or previous editable cell (none past the ends)."""
        current = self.currentIndex()
        forward = cursorAction == QAbstractItemView.CursorAction.MoveNext
        if not current.isValid() or not (
            forward or cursorAction == QAbstractItemView.CursorAction.MovePrevious
        ):
            return super().moveCursor(cursorAction, modifiers)
        if self._tab_start is None or self._tab_start[0] != current.row():
            self._tab_start = (current.row(), current.column())
        return self._next_editable(current, forward)

    def _next_editable(self, current: QModelIndex, forward: bool) -> QModelIndex:
        model, header = self.model(), self.horizontalHeader()
        columns = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not self.isColumnHidden(header.logicalIndex(v))
        ]
        row, place = current.row(), columns.index(current.column())
        step = 1 if forward else -1
        while True:
            place += step
            if not 0 <= place < len(columns):
                row += step
                if not 0 <= row < model.rowCount():
                    return current
                place = 0 if forward else len(columns) - 1
            index = model.index(row, columns[place])
            if model.flags(index) & _EDITABLE:
                return index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves down (when no cell is being edited); other keys as Qt handles them."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.state() != QAbstractItemView.State.EditingState:
            self.move_down()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """After Enter in an editor (the delegate's "submit" hint), move one row down; after
        a refused value, open the cell again with the text as typed and say why beside it."""
        delegate = self.itemDelegate()
        refusal = delegate.take_refusal() if isinstance(delegate, ContractsDelegate) else None
        if refusal is not None and refusal.index.isValid():
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            index = self.model().index(refusal.index.row(), refusal.index.column())
            self.setCurrentIndex(index)
            self.edit(index)
            reopened = self.indexWidget(index)
            line = reopened.lineEdit() if isinstance(reopened, QComboBox) else reopened
            if isinstance(line, QLineEdit):  # to correct the text, not to type over it
                line.deselect()
                line.end(False)
            self.show_problem(index, refusal.message)
            return
        self.error_label.hide()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def show_problem(self, index: QModelIndex, message: str) -> None:
        """Say why the value typed in ``index`` was refused, just below the cell."""
        label = self.error_label
        label.setText(message)
        label.adjustSize()
        rect = self.visualRect(index)
        viewport = self.viewport()
        x = min(rect.left(), max(0, viewport.width() - label.width()))
        y = rect.bottom() + 1
        if y + label.height() > viewport.height():
            y = max(0, rect.top() - label.height())  # above the cell at the bottom edge
        label.move(x, y)
        label.show()
        label.raise_()

    def move_down(self) -> None:
        """Select the next row, at the column where this row's run of Tabs began."""
        current = self.currentIndex()
        if not current.isValid():
            return
        column = current.column()
        if self._tab_start is not None and self._tab_start[0] == current.row():
            column = self._tab_start[1]
        self._tab_start = None
        row = min(current.row() + 1, self.model().rowCount() - 1)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        target = self.model().index(row, column)
        self.selectionModel().setCurrentIndex(target, flags)
        self.scrollTo(target)

    def rows_on_screen(self) -> tuple[int, int]:
        """The first and last rows in the viewport (the last row when it ends above)."""
        last = self.rowAt(self.viewport().height() - 1)
        return self.rowAt(0), self.model().rowCount() - 1 if last < 0 else last

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Update the visible part of the changed range (the default when editing)."""
        if self.state() == QAbstractItemView.State.EditingState or not top_left.isValid():
            super().dataChanged(top_left, bottom_right, list(roles))
            return
        model = self.model()
        top_row, bottom_row = self.rows_on_screen()
        first, last = max(top_left.row(), top_row), min(bottom_right.row(), bottom_row)
        if first < 0 or last < first:
            return
        region = QRegion()
        for column in range(top_left.column(), bottom_right.column() + 1):
            if self.isColumnHidden(column):
                continue
            top = self.visualRect(model.index(first, column))
            region += top.united(self.visualRect(model.index(last, column)))
        if not region.isEmpty():
            self.viewport().update(region)


class ContractsPanel(QWidget):
    """Filter bar and contracts table.

    Attributes:
        model: The table model over the active scenario.
        table: The view.
        filter_edit: Text filter (id, client, title).
        status_filter: All, counted, not counted, open.
        count_label: "5 of 12 contracts".
        welcome: How to begin, shown instead of the table while there are no contracts.
        stack: Shows the table or the welcome.
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """Build the view over a new model of ``controller``'s active scenario."""
        super().__init__(parent)
        self._controller = controller
        self.model = ContractsModel(controller, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter by id, client or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter contracts by id, client or title")
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName("Show contracts")
        for text, key in STATUS_FILTERS:
            self.status_filter.addItem(text, key)
        self.count_label = QLabel(self)
        self.legend_label = QLabel(self)
        self.legend_label.setText(
            f"<span style='background:#fde9a8; color:#1f2937'>&nbsp;{CHANGED_MARK} changed in "
            "scenario&nbsp;</span> "
            f"<span style='background:#dbeafe; color:#1f2937'>&nbsp;{HYPOTHETICAL_MARK} "
            "hypothetical&nbsp;</span>"
        )
        self.legend_label.setAccessibleName(
            f"{CHANGED_MARK} marks a field changed in the scenario, {HYPOTHETICAL_MARK} a "
            "hypothetical contract"
        )
        self.table = ContractsTable(self)
        self.table.setAccessibleName("Contracts")
        self._setup_table()
        self.welcome = Welcome(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.welcome)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Filter", self))
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.legend_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.filter_edit.textChanged.connect(lambda text: self.model.set_filter(text=text))
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.model.set_filter(status=self.status_filter.currentData())
        )
        self._kept: list[str] = []
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self.update_count)
        self.model.layoutChanged.connect(self.update_count)
        self.update_count()

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        self.model.rows_on_screen = table.rows_on_screen
        install_delegates(table)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        # Signals blocked: after each move the view measured every section's header text
        # again (O(columns²), 5-8 ms of a cold start); it lays the columns out when shown.
        with QSignalBlocker(header):
            for visual, (key, width) in enumerate(VISUAL_ORDER):
                logical = COLUMN_OF[key]
                header.moveSection(header.visualIndex(logical), visual)
                header.resizeSection(logical, width)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def set_context_actions(self, actions: Sequence[QAction | QMenu | None]) -> None:
        """What a right click on the table offers (None: a separator)."""

        def popup(where: QPoint) -> None:
            menu = QMenu(self)
            for item in actions:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)
            menu.popup(self.table.viewport().mapToGlobal(where))

        self.table.customContextMenuRequested.connect(popup)

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows in row order (or of the current row when none is selected).

        Read from the selection's ranges: ``selectedRows()`` asks the model for every cell's
        flags, 200,000 calls into Python for all of 10,000 rows (seconds). The view selects
        whole rows, so a row with any selected cell is a selected row.
        """
        rows: set[int] = set()
        last = self.model.rowCount() - 1
        selection = self.table.selectionModel().selection()
        for piece in (selection.at(i) for i in range(selection.size())):
            rows.update(range(max(0, piece.top()), min(last, piece.bottom()) + 1))
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return self.model.contract_ids(sorted(rows))

    def select_ids(self, ids: Sequence[str]) -> None:
        """Select the rows of ``ids`` (those not filtered out) and scroll to the first."""
        rows = [r for r in map(self.model.row_of, ids) if r is not None]
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for first, final in row_runs(sorted(set(rows))):  # a range per run: few, not 10,000
            selection.select(self.model.index(first, 0), self.model.index(final, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        current = self.model.index(
            rows[0],
            self.table.currentIndex().column()
            if self.table.currentIndex().isValid()
            else COLUMN_OF["client"],
        )
        self.table.selectionModel().setCurrentIndex(
            current, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(current)

    def move_row(self, step: int) -> None:
        """Select the row ``step`` rows below the current one (above when negative)."""
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex()
        row = 0 if not current.isValid() else min(count - 1, max(0, current.row() + step))
        self.select_ids([self.model.contract_id(row)])

    def current_cell_point(self) -> QPoint:
        """Global position under the current cell (where Review ▸ pops up)."""
        current = self.table.currentIndex()
        if not current.isValid():
            return self.table.viewport().mapToGlobal(self.table.viewport().rect().center())
        rect = self.table.visualRect(current)
        return self.table.viewport().mapToGlobal(rect.bottomLeft())

    def show_needs_review(self) -> None:
        """Show the imported contracts that need an end date or feedback (the "Needs review"
        filter; see :func:`~jsswhatif.app.table.model.needs_review`), with the cursor on the
        first one's end date, ready to type."""
        self.status_filter.setCurrentIndex(self.status_filter.findData("needs_review"))
        self.model.set_filter(status="needs_review")  # again, if it was already chosen
        self.table.setFocus()
        if self.model.rowCount():
            first = self.model.index(0, COLUMN_OF["end"])
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(first, flags)
            self.table.scrollTo(first)

    def focus_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _keep_selection(self) -> None:
        self._kept = self.selected_ids()

    def _restore_selection(self) -> None:
        if self._kept:
            self.select_ids(self._kept)

    def update_count(self) -> None:
        """Show how many contracts the filter lets through; with none at all, how to begin."""
        shown, total = self.model.rowCount(), len(self._controller.contracts)
        empty = total == 0
        if empty != (self.stack.currentWidget() is self.welcome):
            within = self.focusWidget()
            focused = self.table.hasFocus() or (
                within is not None and self.welcome.isAncestorOf(within)
            )
            self.stack.setCurrentWidget(self.welcome if empty else self.table)
            if focused:  # the keyboard stays in the panel
                (self.welcome.buttons["import_upwork"] if empty else self.table).setFocus()
        noun = "contract" if total == 1 else "contracts"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        self.count_label.setText(text)
        placeholder = ""
        if shown == 0 and total:
            placeholder = (
                f"No contract matches the filter. Clear the filter text or choose "
                f"\u201c{STATUS_FILTERS[0][0]}\u201d to see all {total}."
            )
        if placeholder != self.table.placeholder:
            self.table.placeholder = placeholder
            self.table.setAccessibleDescription(placeholder)
            self.table.viewport().update()
