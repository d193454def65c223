"""The advisor panel: what to do next, ranked, and one click to try an action as a scenario.

:class:`AdvisorPanel` lists :func:`jsswhatif.core.advice.advise`'s actions for the active
scenario at the as-of date: the displayed score each gives, from when, Top Rated, and in words
whether it lowers today's score (a freelancer must know that closing a silent contract can
cost points). The advice is computed on a worker thread after the numbers settle (never
during an as-of drag); an answer for a state that changed meanwhile is dropped. A
double-click or "Try as scenario" adds the action as a new scenario on top of the one on
screen (named after the action, made active, undoable).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.background import LatestJob
from jsswhatif.app.locale_text import date_text
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.results import Results
from jsswhatif.core import edits
from jsswhatif.core.advice import Action, Advice, advise
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document, Scenario

#: Delay after the last change before the advice is computed, in milliseconds.
ADVICE_DELAY_MS = 300
_COLUMNS = ("Action", "Score", "From", "Top Rated", "Effect")
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
BAD = "#b91c1c"


def with_action_scenario(document: Document, action: Scenario) -> tuple[Document, str]:
    """``document`` with a new active scenario: the one on screen plus ``action``'s changes.

    The advice was computed on the active scenario's contracts, so the action's overrides
    apply on top of its overrides (an override of one of its hypothetical contracts changes
    that contract) and its added contracts follow. The name is the action's text, made
    unique. Returns the document and the name.
    """
    names = [s.name for s in document.scenarios]
    name = edits.unique_name(names, action.name)
    active = document.active_scenario
    base = Scenario(name=name) if active is None else document.scenario(active)
    overrides = {cid: dict(changes) for cid, changes in base.overrides.items()}
    added = list(base.added)
    for cid, changes in action.overrides.items():
        position = next((i for i, c in enumerate(added) if c.id == cid), None)
        if position is None:
            overrides[cid] = {**overrides.get(cid, {}), **changes}
        else:
            added[position] = make_contract(**{**added[position].model_dump(), **changes})
    scenario = Scenario(name=name, overrides=overrides, added=(*added, *action.added))
    made = document.model_copy(
        update={"scenarios": (*document.scenarios, scenario), "active_scenario": name}
    )
    return made, name


def _score(value: int | None) -> str:
    return "no JSS" if value is None else f"{value}%"


def effect_text(action: Action, today: int | None) -> str:
    """``+12``, ``lowers: −10``, ``±0``, ``gives a score`` or ``loses the score``: in words and
    signs, never a colour alone."""
    after = action.displayed_after
    if today is None or after is None:
        if after is None:
            return "loses the score" if today is not None else "no score"
        return "gives a score"
    diff = after - today
    if action.lowers:
        return f"lowers: −{abs(diff)}"
    return f"+{diff}" if diff > 0 else "±0"


class AdvisorPanel(QWidget):
    """Ranked actions from the advisor, each one click from being a scenario.

    Attributes:
        header: "Today 90% under upwork-2024-09, as of 2026-11-25" (or "computing…").
        table: One row per action, in the advisor's order; columns :data:`_COLUMNS`.
        try_button: Makes the selected action a scenario.
        advice: The advice on show (None before the first).

    Signals:
        advice_shown(object): New advice is on show (the :class:`Advice`).
    """

    advice_shown = Signal(object)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """Follow ``controller``: new advice after each settled change."""
        super().__init__(parent)
        self._controller = controller
        self.advice: Advice | None = None
        self.header = QLabel("Advice: computing…", self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ActionsModel(self)
        self.table = _actions_view(self, self.model)
        self.table.doubleClicked.connect(lambda index: self.try_action(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.try_button = QPushButton("Try as scenario", self)
        self.try_button.setToolTip("Add the selected action as a new scenario and show it")
        self.try_button.setEnabled(False)
        self.try_button.clicked.connect(lambda: self.try_action(self.table.currentIndex().row()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.try_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._advising = LatestJob("jsswhatif-advice", self._show, self)
        self._due = False  # advice wanted while hidden: computed once shown
        self._on_screen = True  # see set_on_screen (the dock tells)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ADVICE_DELAY_MS)
        self._timer.timeout.connect(self._start)
        controller.results_changed.connect(self._results_changed)
        controller.document_changed.connect(self._stale)
        if controller.results is not None:
            self._results_changed(controller.results)

    # Public -----------------------------------------------------------------------------------

    def advised(self) -> tuple[Action, ...]:
        """The actions on show, in order."""
        return () if self.advice is None else self.advice.actions

    def try_action(self, row: int) -> str | None:
        """Add the action on ``row`` as a new active scenario (undoable); its name."""
        advice = self.advice
        if advice is None or not 0 <= row < len(advice.actions):
            return None
        scenario = advice.actions[row].scenario
        found: list[str] = []

        def make(document: Document) -> Document:
            made, name = with_action_scenario(document, scenario)
            found.append(name)
            return made

        if not self._controller.edit(f"Try {scenario.name}", make):
            return None
        return found[-1]

    def compute_now(self) -> Advice:
        """Compute the advice on this thread and show it (tests, a flush)."""
        self._timer.stop()
        self._advising.discard()
        c = self._controller
        results = c.flush()
        advice = advise(c.contracts, c.document.rules, results.as_of)
        self._show(advice)
        return advice

    def is_waiting(self) -> bool:
        """Whether a computation is due to start (the numbers are settling)."""
        return self._timer.isActive()

    def shutdown(self) -> None:
        """Stop the worker (waits for a running computation); no advice is computed after."""
        self._timer.stop()
        self._advising.shutdown()

    # Internals --------------------------------------------------------------------------------

    def _stale(self, _change: object) -> None:
        """Anything changed: drop answers in flight; the next results start a new one."""
        self._advising.discard()
        self._timer.stop()
        self.header.setText(self._header_text(computing=True))

    def _results_changed(self, _results: Results) -> None:
        if not self._controller.dragging and not self._advising.closed:
            self._timer.start()

    def _start(self) -> None:
        c = self._controller
        results = c.results
        if results is None or c.dragging or self._advising.closed:
            return
        if not self._on_screen:
            # Behind another tab or closed: computed when shown. (At 10,000 contracts it
            # takes half a second of the interpreter, which every edit would then share.)
            self._due = True
            return
        self._due = False
        self._advising.submit(partial(advise, c.contracts, c.document.rules, results.as_of))

    def set_on_screen(self, shown: bool) -> None:
        """Whether the panel can be seen (its dock's tab in front, the dock open): while it
        cannot, the advice waits, and comes once it is shown."""
        self._on_screen = shown
        if shown and self._due and not self._timer.isActive():
            self._timer.start()

    def _show(self, advice: Advice) -> None:
        self.advice = advice
        self.model.set_advice(advice)
        self.header.setText(self._header_text())
        self._selection_changed()
        self.advice_shown.emit(advice)

    def _header_text(self, computing: bool = False) -> str:
        advice = self.advice
        if advice is None:
            return "Advice: computing…"
        text = (
            f"Today {_score(advice.displayed)} under {advice.rules}, as of "
            f"{date_text(advice.as_of)}: {len(advice.actions)} actions, best first"
        )
        return text + (" (computing…)" if computing else "")

    def _selection_changed(self) -> None:
        self.try_button.setEnabled(self.table.selectionModel().hasSelection())


def _actions_view(parent: QWidget, model: ActionsModel) -> QTableView:
    """The table of actions: whole rows selected, three lines of words, narrow numbers."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName("Advised actions")
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)  # an action's words wrap; the numbers stay narrow
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # Fixed sizes: sizing 500 rows to their contents took 0.3 s on the main thread.
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    metrics = table.fontMetrics()
    rows.setDefaultSectionSize(3 * metrics.lineSpacing() + 6)  # three lines
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, sample in enumerate(("", "100%", "2026-12-31", "Top Rated", "lowers: −10")):
        if sample:
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 12)
    return table


class ActionsModel(QAbstractTableModel):
    """The advice's actions as rows (read on demand: 500 rows cost nothing to show)."""

    def __init__(self, parent: QObject | None = None) -> None:
        """No rows until :meth:`set_advice`."""
        super().__init__(parent)
        self._advice: Advice | None = None

    def set_advice(self, advice: Advice) -> None:
        """Show ``advice``'s actions."""
        self.beginResetModel()
        self._advice = advice
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """One row per action (a table: no children)."""
        if parent.isValid() or self._advice is None:
            return 0
        return len(self._advice.actions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """:data:`_COLUMNS`."""
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        """The cell's text, the action's words as its tool tip, red for a lowering effect."""
        advice = self._advice
        if advice is None or not index.isValid():
            return None
        action = advice.actions[index.row()]
        if role == DISPLAY:
            return _cells(action, advice.displayed)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return action.text
        effect = index.column() == len(_COLUMNS) - 1
        if role == Qt.ItemDataRole.ForegroundRole and effect and action.lowers:
            return QColor(BAD)  # also said in words
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        """The column titles."""
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _COLUMNS[section]
        return None


def _cells(action: Action, today: int | None) -> tuple[str, str, str, str, str]:
    when = "" if action.date is None else date_text(action.date)
    top = "yes" if action.top_rated_after else "no"
    return (action.text, _score(action.displayed_after), when, top, effect_text(action, today))
