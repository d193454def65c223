"""The main window: contracts table, score plot and summary, wired to the controller.

Layout: a toolbar (open, save, rule-set chooser, scenario chooser and its actions, compare,
undo), an info bar (what the open document is about; closable), then a vertical splitter with
the plot and the summary on top and the contracts panel below; the status bar always says
under which rule set the numbers are estimated. Views only draw what the controller computed;
every edit goes through the controller as an undoable command. The window composes the
files room (:mod:`jsswhatif.app.files.document_files` for the document's file, autosave and
drops; :mod:`jsswhatif.app.files.import_export`), which never sees the window: it gets the
controller and a parent for its dialogs, and reports through signals. Keyboard shortcuts are
listed in :mod:`jsswhatif.app.window.actions` (and under Help).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.constants import APP_NAME, ERROR_STATUS_MS, STATUS_MS
from jsswhatif.app.files.document_files import DocumentFiles
from jsswhatif.app.files.import_export import ImportExport
from jsswhatif.app.files.settings import Settings
from jsswhatif.app.panels.summary import SummaryPanel
from jsswhatif.app.plot.follower import PlotFollower
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.table.panel import ContractsPanel
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.actions import Actions
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.file_menu import FileMenu
from jsswhatif.app.window.info_bar import InfoBar
from jsswhatif.app.window.insights import Insights
from jsswhatif.app.window.results import Results
from jsswhatif.core.document import Document
from jsswhatif.core.edits import REVIEW_CHOICES, Review
from jsswhatif.core.rules import HISTORICAL_NAME, PRESETS


class MainWindow(QMainWindow):
    """The application window over one controller.

    Attributes:
        controller: Owns the document, its file, the undo stack and the results.
        settings: Recent files, last folder, this window's layout.
        files: The document's file: new, open, save, recent files, autosave and drops.
        import_export: Import of a contracts CSV, and the exports.
        file_menu: The File menu's actions wired to ``files`` and ``import_export``.
        info_bar: What the open document is about (a sample's story); closable.
        window_actions: Every command by name (see :mod:`jsswhatif.app.window.actions`).
        contracts: The filter bar and contracts table.
        score_plot: The plot with its as-of slider and date field.
        plot_follower: Keeps the plot showing the controller's as-of, range and results.
        summary: The big number and what it is made of.
        rules_combo: The rule set in use.
        scenario_combo: The scenario on screen (Baseline first).
        status_label: "Estimated under rule set X …" in the status bar.
    """

    def __init__(
        self,
        controller: Controller,
        source: Path | None = None,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        """Show ``controller``'s document, read from ``source`` (a document or a CSV) if any.

        ``settings`` default to those of the user's config folder.
        """
        super().__init__(parent)
        self.controller = controller
        self.window_actions = Actions(
            self,
            controller.undo_stack.createUndoAction(self, "&Undo"),
            controller.undo_stack.createRedoAction(self, "&Redo"),
        )
        self.window_actions.build_menus(self)
        self.info_bar = InfoBar(self)
        self.info_bar.show_about(controller.document.title, controller.document.description)
        self.settings = settings or Settings.load()
        self.files = DocumentFiles(controller, self.settings, self)
        self.files.chooser.origin = source
        self.contracts = ContractsPanel(controller, self)
        self.score_plot = ScorePlot(controller.as_of, self)
        self.plot_follower = PlotFollower(controller, self.score_plot)
        self.import_export = ImportExport(controller, self.files.chooser, self.score_plot, self)
        self.summary = SummaryPanel(self)
        self.rules_combo = QComboBox(self)
        self.rules_combo.setMinimumContentsLength(16)
        self.scenario_combo = QComboBox(self)
        self.scenario_combo.setMinimumContentsLength(22)
        self.scenario_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scenario_combo.setMaximumWidth(320)
        self.status_label = QLabel(self)
        self._build_layout()
        self._connect()
        self._refresh_rules()
        self._refresh_scenarios()
        self.update_title()
        self.file_menu = FileMenu(self.window_actions, self.files, self.import_export)
        self.files.install_drop_target(self)
        self.contracts.table.setFocus()
        if controller.results is not None:
            self._results_changed(controller.results)

    # Construction -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        a = self.window_actions
        self.addToolBar(
            a.build_toolbar(
                self,
                {"Rule set": self.rules_combo, "Scenario": self.scenario_combo},
            )
        )

        summary_scroll = QScrollArea(self)
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setMinimumWidth(300)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.score_plot)
        top.addWidget(summary_scroll)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([1000, 340])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.contracts)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([470, 380])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.info_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.status_label)
        self.contracts.set_context_actions(a.context_items())
        self.resize(1400, 900)

    def _connect(self) -> None:
        c, a = self.controller, self.window_actions
        c.document_changed.connect(self._document_changed)
        c.results_changed.connect(self._results_changed)
        c.insights_changed.connect(self._insights_changed)
        # Bound methods only: Qt drops these connections when the window goes.
        c.edit_failed.connect(self._edit_failed)
        c.undo_stack.cleanChanged.connect(self.update_title)
        c.path_changed.connect(self._path_changed)
        self.files.opened.connect(self._opened)
        self.files.reported.connect(self.statusBar().showMessage)
        self.import_export.reported.connect(self.statusBar().showMessage)
        self.rules_combo.activated.connect(lambda _: c.set_rules(self.rules_combo.currentData()))
        self.scenario_combo.activated.connect(
            lambda _: c.set_scenario(self.scenario_combo.currentData())
        )
        on_rows = self._on_rows
        handlers = {
            "quit": self.close,
            "add": lambda: self._select(c.add_contract()),
            "duplicate": on_rows(lambda rows: self._select(*c.duplicate(rows))),
            "delete": on_rows(c.delete),
            "find": self.contracts.focus_filter,
            "record_observation": lambda: c.record_observation(
                dialogs.ask_observation(self, c.as_of, c.flush().displayed)
            ),
            "toggle_ended": on_rows(c.toggle_ended, what_if=True),
            "review_menu": lambda: self.window_actions.review_menu.popup(
                self.contracts.current_cell_point()
            ),
            "review_custom": lambda: self.review(dialogs.ask_review(self)),
            "exclude": on_rows(c.toggle_excluded, what_if=True),
            "reset": on_rows(c.reset_rows),
            "hypothetical": self.add_hypothetical,
            "new_scenario": lambda: c.new_scenario(),
            "duplicate_scenario": lambda: c.new_scenario(copy_of=c.scenario),
            "rename_scenario": self.rename_scenario,
            "delete_scenario": lambda: c.scenario is not None and c.delete_scenario(c.scenario),
            "apply": c.apply_to_baseline,
            "next_scenario": lambda: self._step_scenario(1),
            "previous_scenario": lambda: self._step_scenario(-1),
            "compare_settings": self.choose_compare,
            "day_back": lambda: c.shift_as_of(days=-1),
            "day_forward": lambda: c.shift_as_of(days=1),
            "month_back": lambda: c.shift_as_of(months=-1),
            "month_forward": lambda: c.shift_as_of(months=1),
            "today": lambda: c.set_as_of(c.today),
            "previous_row": lambda: self.contracts.move_row(-1),
            "next_row": lambda: self.contracts.move_row(1),
            "rules_dialog": self.edit_rules,
            "shortcuts": lambda: dialogs.show_shortcuts(self, a.shortcut_lines()),
            "about": lambda: dialogs.show_about(self),
        }
        for name, handler in handlers.items():
            a[name].triggered.connect(lambda _=False, h=handler: h())
        a["compare"].toggled.connect(self.set_compare_mode)
        for action, choice in zip(self.window_actions.review_actions, REVIEW_CHOICES, strict=True):
            action.triggered.connect(lambda _=False, r=choice: self.review(r))

    # Commands ---------------------------------------------------------------------------------

    def review(self, choice: Review | None) -> None:
        """Give the selected contracts the feedback ``choice`` (None: nothing)."""
        if choice is not None:
            self._on_rows(lambda rows: self.controller.review(rows, choice), what_if=True)()

    def _on_rows(
        self, act: Callable[[list[str]], object], what_if: bool = False
    ) -> Callable[[], None]:
        """``act`` on the selected contracts; says so when none is selected, and reminds
        that a what-if on the baseline changes the baseline."""

        def run() -> None:
            rows = self.contracts.selected_ids()
            if not rows:
                self._edit_failed("Select one or more contracts first.")
                return
            act(rows)
            if what_if and self.controller.scenario is None:
                self.statusBar().showMessage(
                    "Changed the baseline. Scenario ▸ New scenario tries what-ifs without "
                    "touching it.",
                    STATUS_MS,
                )

        return run

    def add_hypothetical(self) -> None:
        """Ask for hypothetical contracts and add them to the scenario on screen.

        On the baseline a new scenario is made for them first (one undo step for both): the
        baseline holds the contracts that exist.
        """
        c = self.controller
        spec = dialogs.ask_hypothetical(self, c.as_of)
        if spec is None:
            return
        c.undo_stack.beginMacro(f"Add {spec.count} hypothetical contracts")
        try:
            if c.scenario is None:
                c.new_scenario(f"{spec.count} more {spec.review.label.split(':')[0].lower()} jobs")
            self._select(*c.add_hypothetical(spec))
        finally:
            c.undo_stack.endMacro()

    def rename_scenario(self) -> None:
        """Ask for a new name for the scenario on screen."""
        old = self.controller.scenario
        if old is not None:
            new = dialogs.ask_text(self, "Rename scenario", "New name:", old)
            if new is not None:
                self.controller.rename_scenario(old, new)

    def set_compare_mode(self, on: bool) -> None:
        """Turn the comparison on (every scenario, or every preset) or off."""
        c = self.controller
        if not on:
            c.set_compare(Compare())
        elif c.compare.mode == "off":
            scenarios = tuple(s.name for s in c.document.scenarios)
            if scenarios:
                c.set_compare(Compare("scenarios", (None, *scenarios)))
            else:
                c.set_compare(Compare("rules", tuple(p.name for p in PRESETS)))

    def choose_compare(self) -> None:
        """Ask what to compare, and compare it."""
        c = self.controller
        names = [n for n, _ in _rule_set_items(self.controller)]
        scenarios = [s.name for s in c.document.scenarios]
        chosen = dialogs.ask_compare(self, scenarios, names, c.compare)
        if chosen is not None:
            c.set_compare(chosen)

    def edit_rules(self) -> None:
        """Show the rule sets; use the one chosen, or save the custom one edited."""
        doc = self.controller.document
        choice = dialogs.ask_rule_set(self, doc.rule_sets, doc.rules_name)
        if choice is None:
            return
        if choice.edited is not None:
            self.controller.save_rule_set(choice.edited, choice.original_name)
        elif choice.use is not None:
            self.controller.set_rules(choice.use)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes (save, discard or stay), keep the layout, then close."""
        if self.files.close():
            self.settings.store_layout(_bytes(self.saveGeometry()), _bytes(self.saveState()))
            self.controller.shutdown()
            event.accept()
        else:
            event.ignore()

    def restore_layout(self) -> bool:
        """Take the size, position and toolbar state of the last session's window."""
        stored = self.settings.layout()
        if stored is None:
            return False
        restored = self.restoreGeometry(QByteArray(stored[0]))
        self.restoreState(QByteArray(stored[1]))
        return bool(restored)

    # Refreshing -------------------------------------------------------------------------------

    def _select(self, *ids: str | None) -> None:
        self.contracts.select_ids([i for i in ids if i is not None])

    def _step_scenario(self, step: int) -> None:
        count = self.scenario_combo.count()
        index = (self.scenario_combo.currentIndex() + step) % count
        self.controller.set_scenario(self.scenario_combo.itemData(index))

    def _document_changed(self, change: Change) -> None:
        if change.scenario:
            self._refresh_scenarios()
        if change.rules:
            self._refresh_rules()
        if change.structure:
            self.contracts.update_count()
        if change.compare:
            with QSignalBlocker(self.window_actions["compare"]):
                self.window_actions["compare"].setChecked(self.controller.compare.mode != "off")

    def _results_changed(self, results: Results) -> None:
        self.summary.show_evaluation(results.evaluation, results.baseline)
        self.summary.show_fragility(math.nan if results.fragility is None else results.fragility)
        insights = self.controller.insights
        if insights is None:
            self.summary.show_forecast(None)
            self.summary.show_top_rated(None)
        else:
            self._insights_changed(insights)
        computed_on = results.evaluation.computed_on
        update = "" if computed_on == results.as_of else f", update of {computed_on.isoformat()}"
        self.status_label.setText(
            f"Estimated under rule set {results.rules_label} · as of "
            f"{results.as_of.isoformat()}{update}"
        )

    def _insights_changed(self, insights: Insights) -> None:
        self.summary.show_forecast(insights.forecast)
        self.summary.show_top_rated(insights.top_rated)

    def _refresh_rules(self) -> None:
        doc = self.controller.document
        combo = self.rules_combo
        combo.clear()
        for name, tip in _rule_set_items(self.controller):
            combo.addItem(name, name)
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(combo.findData(doc.rules_name))

    def _refresh_scenarios(self) -> None:
        c = self.controller
        combo = self.scenario_combo
        combo.clear()
        combo.addItem("Baseline", None)
        for scenario in c.document.scenarios:
            combo.addItem(scenario.name, scenario.name)
        combo.setCurrentIndex(combo.findData(c.scenario) if c.scenario is not None else 0)
        in_scenario = c.scenario is not None
        for name in ("duplicate_scenario", "rename_scenario", "delete_scenario", "apply", "reset"):
            self.window_actions[name].setEnabled(in_scenario)
        for name in ("next_scenario", "previous_scenario"):
            self.window_actions[name].setEnabled(combo.count() > 1)

    def _edit_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, ERROR_STATUS_MS)

    def _opened(self, document: Document) -> None:
        """Another document is on screen: say what it is about."""
        self.info_bar.show_about(document.title, document.description)
        self.update_title()

    def update_title(self, clean: bool | None = None) -> None:
        """The file's name (or the document's title) and "*" while there are unsaved changes."""
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        if clean is None:  # (given by cleanChanged, which may come from a dying stack)
            clean = self.controller.undo_stack.isClean()
        self.setWindowModified(not clean)

    def _path_changed(self, _path: Path | None) -> None:
        self.update_title()


def _rule_set_items(controller: Controller) -> list[tuple[str, str]]:
    """(name, tooltip) of every rule set the document can use: presets, historical, custom."""
    items = [(p.name, f"Preset: Upwork's rules from {p.effective_from}") for p in PRESETS]
    items.append((HISTORICAL_NAME, "Each preset from the day it took effect"))
    items += [
        (r.name, f"Custom rule set based on {r.based_on}") for r in controller.document.rule_sets
    ]
    return items


def _bytes(data: QByteArray) -> bytes:
    return bytes(data.data())
