"""The contracts table: the active scenario's contracts, editable, with the core's verdicts.

:class:`ContractsModel` is thin: it reads the controller's contracts and latest results, turns
``setData`` into an undoable controller edit, emits ``dataChanged`` for the rows a change
names, and resets only when rows come or go. Sorting and filtering happen inside the model
(a list of row positions), which keeps a toggle at 1,000 rows far below a frame; like a proxy
with ``dynamicSortFilter`` off, an edit does not move rows until the sort or filter is applied
again (structural changes, a new filter, a header click, or a status filter after the as-of
date, scenario or rule set changes).

Fields a scenario overrides are highlighted and their tooltip names the baseline value;
hypothetical contracts of a scenario are tinted as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from jsswhatif.app.rich_text import plain_tip
from jsswhatif.app.table.columns import (
    COLUMNS,
    COMPUTED_START,
    NEGLIGIBLE_IMPACT,
    Column,
    display_text,
    edit_value,
    parse_edit,
)
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.results import Results
from jsswhatif.core.contracts import Contract
from jsswhatif.core.explain import explain_result

#: Role holding the contract id of a row (any column).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: Role holding the raw sort key of a cell.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

StatusFilter = Literal["all", "counted", "not_counted", "open", "needs_review"]
#: Status filters that read each contract's outcome.
_BY_OUTCOME = frozenset({"counted", "not_counted"})
Index = QModelIndex | QPersistentModelIndex

#: Shown before a field the scenario changed (besides its colour).
CHANGED_MARK = "\u270e"
#: Shown before the id of a hypothetical contract (besides the row's colour).
HYPOTHETICAL_MARK = "\u25c6"
OVERRIDE_BRUSH = QBrush(QColor("#fde9a8"))
HYPOTHETICAL_BRUSH = QBrush(QColor("#dbeafe"))
GOOD = QBrush(QColor("#15803d"))
BAD = QBrush(QColor("#b91c1c"))
MUTED = QBrush(QColor("#6b7280"))
#: The same tones, lighter, for a dark palette (the ones above are too dark to read there).
DARK_GOOD = QBrush(QColor("#4ade80"))
DARK_BAD = QBrush(QColor("#f87171"))
DARK_MUTED = QBrush(QColor("#9ca3af"))
#: Text on the light override and hypothetical backgrounds, whatever the palette.
INK = QBrush(QColor("#1f2937"))

_BOOLEANS = {"disputed", "client_flagged", "excluded"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Roles as plain ints: data() runs for every visible cell and role on each repaint.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_SERVED = frozenset(
    {DISPLAY, EDIT, TOOLTIP, CHECK_STATE, ALIGNMENT, BACKGROUND, FOREGROUND, ID_ROLE, SORT_ROLE}
)

#: Tooltips and edit values are asked for rarely and read fresh.
_UNCACHED = frozenset({TOOLTIP, EDIT})
#: The painted roles of a computed cell that new results can change (tooltips are read
#: fresh; the background marks hypothetical contracts, a document change).
_BY_RESULTS = (DISPLAY, FOREGROUND)
_UNSEEN = object()  # an answer no view asked for: the cell was not painted

_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS = tuple(
    _READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
    if c.kind == "bool"
    else _READ_ONLY | Qt.ItemFlag.ItemIsEditable
    if c.editable
    else _READ_ONLY
    for c in COLUMNS
)
_ID_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "id")
#: Columns derived from the payments when a contract has them (read-only then).
_DERIVED_COLUMNS = frozenset(i for i, c in enumerate(COLUMNS) if c.key in ("earnings", "last_paid"))


def tones(palette: QPalette) -> tuple[QBrush, QBrush, QBrush]:
    """The good, bad and muted text colours readable on ``palette``'s base colour."""
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:  # noqa: PLR2004 (mid grey)
        return DARK_GOOD, DARK_BAD, DARK_MUTED
    return GOOD, BAD, MUTED


def needs_review(contract: Contract) -> bool:
    """Whether an imported contract (one with payments) still lacks what Upwork's files do not
    say: its end date, or its feedback (a star rating or a private score)."""
    no_feedback = contract.public is None and contract.private is None
    return bool(contract.payments) and (contract.end is None or no_feedback)


class ContractsModel(QAbstractTableModel):
    """The active scenario's contracts as rows; contract fields, then computed columns."""

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        """Show ``controller``'s active scenario and follow its changes."""
        super().__init__(parent)
        self._controller = controller
        self._contracts: tuple[Contract, ...] = controller.contracts
        self._results: Results | None = controller.results
        self._rows: list[int] = []  # row -> position in self._contracts
        self._row_of: dict[str, int] = {}  # contract id -> row
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._text = ""
        self._status: StatusFilter = "all"
        self._refilter_on_results = False
        self._field_cache: dict[tuple[int, int, int], Any] = {}
        self._computed_cache: dict[tuple[int, int, int], Any] = {}
        #: The first and last rows a view shows, asked when new results arrive: only the
        #: computed cells among them that read differently are announced (None: all rows).
        self.rows_on_screen: Callable[[], tuple[int, int]] | None = None
        self._edited = False  # contracts, scenario or rules changed since the last results
        #: Why the last ``setData`` of a field was refused ("Start: ..."); None if it was not.
        self.refusal: str | None = None
        self._failure: str | None = None
        self._tones = tones(QGuiApplication.palette())
        self._arrange()
        controller.edit_failed.connect(self._edit_failed)
        controller.document_changed.connect(self._document_changed)
        controller.results_changed.connect(self._results_changed)

    # Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Visible contracts (0 under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Contract fields plus computed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles and their explanations; row numbers."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tip
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Fields are editable (check boxes for booleans); computed columns are read-only."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = index.column()
        if column == _ID_COLUMN and not self._id_editable(index.row()):
            return _READ_ONLY
        if column in _DERIVED_COLUMNS and self._contracts[self._rows[index.row()]].payments:
            return _READ_ONLY  # derived from the payments
        return _FLAGS[column]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell contents for the display, edit, check, colour, tooltip and alignment roles.

        Answers are cached per (contract, column, role) until the contract's fields change
        (field columns) or new results arrive (computed columns): a repaint asks ~2,000 times.
        """
        if role not in _SERVED or not index.isValid():
            return None
        position = index.column()
        where = self._rows[index.row()]
        cache = self._computed_cache if position >= COMPUTED_START else self._field_cache
        key = (where, position, role)
        try:
            return cache[key]
        except KeyError:
            pass
        contract = self._contracts[where]
        column = COLUMNS[position]
        if position >= COMPUTED_START:
            answer = self._computed(contract, column, role)
        else:
            answer = self._field(contract, column, role)
        if role == TOOLTIP and isinstance(answer, str):
            return plain_tip(answer)  # titles, clients and scenario names show as typed
        if role not in _UNCACHED:
            cache[key] = answer
        return answer

    def _field(self, contract: Contract, column: Column, role: int) -> Any:  # noqa: PLR0911 (one answer per role)
        if role == ID_ROLE:
            return contract.id
        if role == ALIGNMENT:
            return _RIGHT if column.numeric else None
        if role in (BACKGROUND, TOOLTIP):
            return self._marks(contract, column, role)
        if role == FOREGROUND:  # dark text on the light marks, under a dark palette too
            return INK if self._marks(contract, column, BACKGROUND) is not None else None
        value = getattr(contract, column.key)
        if role == DISPLAY:
            text = None if column.kind == "bool" else display_text(column, value)
            return self._marked(contract, column, text)
        if role == EDIT:
            return edit_value(column, value)
        if role == CHECK_STATE:
            if column.kind != "bool":
                return None
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Send an edit to the controller as an undoable command; False when refused (then
        :attr:`refusal` says why, unless the value was unchanged)."""
        self.refusal = None
        if not index.isValid() or index.column() >= COMPUTED_START:
            return False
        column = COLUMNS[index.column()]
        contract = self._contracts[self._rows[index.row()]]
        if role == Qt.ItemDataRole.CheckStateRole and column.key in _BOOLEANS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._controller.set_field(contract.id, column.key, checked)
        if role != Qt.ItemDataRole.EditRole or not column.editable:
            return False
        try:
            parsed = parse_edit(column, value)
        except ValueError as exc:
            self.refusal = f"{column.title}: {exc}"
            self._controller.edit_failed.emit(self.refusal)
            return False
        if parsed == getattr(contract, column.key):
            return False
        self._failure = None  # the controller's reason, if it refuses (an id taken, ...)
        done = self._controller.set_field(contract.id, column.key, parsed)
        failure = self._reported_failure()
        if not done and failure is not None:
            self.refusal = f"{column.title}: {failure}"
        return done

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by ``column`` inside the model (-1: document order)."""
        self._sort = None if column < 0 else (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [self._contracts[i].id for i in self._rows]
        persistent = self.persistentIndexList()
        self._rows = self._sorted(self._rows)
        self._index_rows()
        new_rows = [self._row_of[old_ids[p.row()]] for p in persistent]
        self.changePersistentIndexList(
            persistent,
            [self.index(r, p.column()) for r, p in zip(new_rows, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    # Our API ----------------------------------------------------------------------------------

    def contract_id(self, row: int) -> str:
        """The id of the contract shown in ``row``."""
        return self._contracts[self._rows[row]].id

    def contract_ids(self, rows: Iterable[int]) -> list[str]:
        """The ids of the contracts shown in ``rows``, in that order."""
        contracts, where = self._contracts, self._rows
        return [contracts[where[row]].id for row in rows]

    def row_of(self, contract_id: str) -> int | None:
        """The row showing ``contract_id``, or None when it is filtered out."""
        return self._row_of.get(contract_id)

    def set_filter(self, text: str | None = None, status: StatusFilter | None = None) -> None:
        """Show only rows matching ``text`` (id, client, title) and the ``status`` filter."""
        if text is not None:
            self._text = text.strip().casefold()
        if status is not None:
            self._status = status
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    # Internals --------------------------------------------------------------------------------

    def _id_editable(self, row: int) -> bool:
        contract_id = self.contract_id(row)
        return self._controller.scenario is None or self._controller.is_hypothetical(contract_id)

    def _computed(self, contract: Contract, column: Column, role: int) -> Any:  # noqa: PLR0911 (one answer per role)
        results = self._results
        if role == ID_ROLE:
            return contract.id
        if results is None or role in (EDIT, CHECK_STATE):
            return None
        if role == BACKGROUND:
            return HYPOTHETICAL_BRUSH if self._controller.is_hypothetical(contract.id) else None
        if role == ALIGNMENT:
            return _RIGHT if column.numeric else None
        result = results.result_of(contract.id)
        if result is None:
            return None
        impact = results.impact_of(contract.id)
        if role == DISPLAY:
            return column.computed_text(results, result, impact)
        if role == FOREGROUND:
            good, bad, muted = self._tones
            if column.key == "status" and result.outcome is None:
                return muted
            if column.key == "impact" and impact is not None and abs(impact) >= NEGLIGIBLE_IMPACT:
                return good if impact > 0 else bad
            return INK if self._controller.is_hypothetical(contract.id) else None
        if role == SORT_ROLE:
            return column.computed_key(results, result, impact)
        if column.key == "status":  # the tooltip
            return explain_result(result, results.rule_set, results.computed_on)
        return column.computed_tip(results, result, impact)

    def _marked(self, contract: Contract, column: Column, text: str | None) -> str | None:
        """``text`` with the symbol of what its colour says: a field this scenario changed
        (✎), the id of a hypothetical contract (◆). Colour alone says nothing to a reader
        who does not see it."""
        if column.key == "id" and self._controller.is_hypothetical(contract.id):
            return f"{HYPOTHETICAL_MARK} {text}"
        if column.key in self._controller.overrides(contract.id):
            return CHANGED_MARK if not text else f"{CHANGED_MARK} {text}"
        return text

    def _marks(self, contract: Contract, column: Column, role: int) -> Any:
        hypothetical = self._controller.is_hypothetical(contract.id)
        if hypothetical:
            if role == Qt.ItemDataRole.BackgroundRole:
                return HYPOTHETICAL_BRUSH
            return f"Hypothetical contract of scenario {self._controller.scenario!r}"
        if column.key not in self._controller.overrides(contract.id):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERRIDE_BRUSH
        base = self._controller.baseline_contract(contract.id)
        shown = "?" if base is None else display_text(column, getattr(base, column.key))
        return f"Changed in this scenario. Baseline: {shown or '(empty)'}"

    def _edit_failed(self, text: str) -> None:
        self._failure = text

    def _reported_failure(self) -> str | None:
        """What the controller said when it last refused an edit (see ``_edit_failed``)."""
        return self._failure

    def _document_changed(self, change: Change) -> None:
        contracts = self._controller.contracts
        fields_changed = bool(change.rows or change.structure or change.scenario)
        if fields_changed:
            self._field_cache.clear()
        self._edited = self._edited or fields_changed or change.rules
        if change.structure:
            self.beginResetModel()
            self._contracts = contracts
            self._arrange()
            self.endResetModel()
            return
        self._contracts = contracts
        if self._status != "all" and (change.as_of or change.scenario or change.rules):
            self._refilter_on_results = True
        last = COMPUTED_START - 1
        row_of = self._row_of
        shown = sorted(row for row in map(row_of.get, change.rows) if row is not None)
        for first, final in row_runs(shown, MAX_RUNS):
            self.dataChanged.emit(self.index(first, 0), self.index(final, last))

    def _results_changed(self, results: Results) -> None:
        asked = self._computed_cache  # what the views showed of the earlier results
        self._results = results
        self._tones = tones(QGuiApplication.palette())  # (the desktop may have gone dark)
        self._computed_cache = {}
        if self._refilter_on_results and not self._glance_only(results):
            # A status filter after an as-of step: the same rows most days (a reset would
            # repaint everything and make the panel keep and restore the selection).
            self._refilter_on_results = False
            rows = self._sorted([i for i, c in enumerate(self._contracts) if self._matches(c)])
            if rows != self._rows:
                self.beginResetModel()
                self._rows = rows
                self._index_rows()
                self.endResetModel()
                return
        edited, self._edited = self._edited, False
        if self._rows:
            self._announce_changed_cells(None if edited else asked)

    def _announce_changed_cells(self, shown: dict[tuple[int, int, int], Any] | None) -> None:
        """Say which computed cells on screen read differently from ``shown``, the earlier
        results' answers (as cached); every computed cell without ``shown`` (after an edit,
        another scenario or rule set: most cells change, and comparing them first only added
        to the repaint) or when no view says what it shows.

        Most as-of drag steps change none of the cells on screen: the table was repainted at
        each step all the same (3 of 18 ms at 1,000 contracts).
        """
        last = len(self._rows) - 1
        on_screen = None if self.rows_on_screen is None else self.rows_on_screen()
        # One signal per column and run of rows: a view then repaints only those cells, not
        # the bounding box of all of them (they are spread out on screen).
        if shown is None or on_screen is None:
            for column in range(COMPUTED_START, len(COLUMNS)):
                self.dataChanged.emit(self.index(0, column), self.index(last, column))
            return
        rows = range(max(0, on_screen[0]), min(last, on_screen[1]) + 1)
        for column in range(COMPUTED_START, len(COLUMNS)):
            changed = [row for row in rows if self._reads_differently(row, column, shown)]
            for first, final in row_runs(changed, MAX_RUNS):
                self.dataChanged.emit(self.index(first, column), self.index(final, column))

    def _reads_differently(
        self, row: int, column: int, shown: dict[tuple[int, int, int], Any]
    ) -> bool:
        index, where = self.index(row, column), self._rows[row]
        return any(
            self.data(index, role) != shown.get((where, column, role), _UNSEEN)
            for role in _BY_RESULTS
        )

    def _glance_only(self, results: Results) -> bool:
        """Whether filtering by counted / not counted, or sorting by a computed column, would
        evaluate every row of a glance (a drag step, see :class:`Results`) one by one: the
        rows are arranged again on the exact results that follow (the release)."""
        if not results.glance or results.is_exact:
            return False
        by_result = self._sort is not None and self._sort[0] >= COMPUTED_START
        return by_result or self._status in _BY_OUTCOME

    def _arrange(self) -> None:
        """Filter, then sort, the rows; index them by contract id."""
        if not self._text and self._status == "all":
            rows = list(range(len(self._contracts)))  # no filter: every row, no call per row
        else:
            rows = [i for i, c in enumerate(self._contracts) if self._matches(c)]
        self._rows = self._sorted(rows)
        self._index_rows()
        if self._results is None and self._status != "all":
            self._refilter_on_results = True  # a status needs the results: filter again then

    def _index_rows(self) -> None:
        shown = map(self._contracts.__getitem__, self._rows)  # (a third faster than indexing)
        self._row_of = {contract.id: row for row, contract in enumerate(shown)}

    def _matches(self, contract: Contract) -> bool:
        text = self._text
        if text and not any(
            text in s.casefold() for s in (contract.id, contract.client, contract.title)
        ):
            return False
        if self._status == "all":
            return True
        if self._status == "needs_review":
            return needs_review(contract)
        if self._results is None:
            return False  # not computed yet (see _arrange)
        if self._status == "open":
            # The day the Status column speaks of: u(t), not the as-of (biweekly updates).
            day = self._results.computed_on
            return contract.start <= day and (contract.end is None or contract.end > day)
        result = self._results.result_of(contract.id)
        counted = result is not None and result.outcome is not None
        return counted == (self._status == "counted")

    def _sorted(self, rows: list[int]) -> list[int]:
        if self._sort is None:
            return sorted(rows)
        column, order = self._sort
        key = self._key_function(COLUMNS[column])
        keyed = [(key(self._contracts[i]), i) for i in rows]
        known = [(k, i) for k, i in keyed if k is not None]
        known.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        return [i for _, i in known] + [i for k, i in keyed if k is None]

    def _key_function(self, column: Column) -> Callable[[Contract], Any]:
        if COLUMNS.index(column) < COMPUTED_START:
            if column.key in ("id", "client", "title", "kind"):
                return lambda c: str(getattr(c, column.key)).casefold()
            return lambda c: getattr(c, column.key)
        results = self._results

        def computed(contract: Contract) -> Any:
            if results is None:
                return None
            result = results.result_of(contract.id)
            if result is None:
                return None
            return column.computed_key(results, result, results.impact_of(contract.id))

        return computed


#: More runs of changed rows than this are announced as one range from the first to the last
#: (a view repaints only what it shows of it): a sorted table scatters the rows an Exclude of
#: a filtered selection changes, and each signal costs a Python slot call in the view.
MAX_RUNS = 16


def row_runs(rows: Sequence[int], most: int | None = None) -> list[tuple[int, int]]:
    """Sorted, distinct ``rows`` as runs of consecutive rows ``(first, last)``, inclusive;
    one run from the first to the last when there would be more than ``most``.

    Example:
        >>> row_runs([1, 2, 3, 7, 9, 10])
        [(1, 3), (7, 7), (9, 10)]
        >>> row_runs([1, 2, 3, 7, 9, 10], most=2)
        [(1, 10)]
    """
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            if len(runs) == most:
                return [(rows[0], rows[-1])]
            runs.append((row, row))
    return runs
