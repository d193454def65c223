"""The main window: contracts table, score plot and summary, wired to the controller.

Layout: a toolbar (open, save, undo, rule-set chooser, scenario chooser and its actions,
compare), an info bar (what the open document is about; closable), then a vertical splitter
with the plot above the contracts panel (its position is remembered); the summary is a dock on
the right, tabbed with the other panels, so that a 1280x720 screen still gives the plot and
the table their room. The status bar always says under which rule set the numbers are
estimated. The first window fits the screen it opens on. Views only draw what the controller
computed; every edit goes through the controller as an undoable command. The window composes the
files room (:mod:`jsswhatif.app.files.document_files` for the document's file, autosave and
drops; :mod:`jsswhatif.app.files.import_export`), which never sees the window: it gets the
controller and a parent for its dialogs, and reports through signals. Keyboard shortcuts are
listed in :mod:`jsswhatif.app.window.actions` (and under Help).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QCloseEvent, QScreen, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.constants import APP_NAME, ERROR_STATUS_MS
from jsswhatif.app.files.document_files import DocumentFiles
from jsswhatif.app.files.import_export import ImportExport
from jsswhatif.app.files.importer import Importer
from jsswhatif.app.files.settings import Settings
from jsswhatif.app.locale_text import date_text
from jsswhatif.app.panels.docks import install_panels
from jsswhatif.app.panels.summary import SummaryPanel
from jsswhatif.app.panels.summary_follower import SummaryFollower
from jsswhatif.app.plot.follower import PlotFollower
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.table.panel import ContractsPanel
from jsswhatif.app.window.actions import Actions
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.choosers import RuleSetChooser, ScenarioChooser
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.file_menu import FileMenu
from jsswhatif.app.window.info_bar import InfoBar
from jsswhatif.app.window.insights import Insights
from jsswhatif.app.window.menu_handlers import MenuHandlers
from jsswhatif.app.window.results import Results
from jsswhatif.core.document import Document

_LAYOUT_DEPTH = 3  # nested layouts laid out before a paint (panel, scroll area, window)


class MainWindow(QMainWindow):
    """The application window over one controller.

    Attributes:
        controller: Owns the document, its file, the undo stack and the results.
        settings: Recent files, last folder, this window's layout.
        files: The document's file: new, open, save, recent files, autosave and drops.
        import_export: The exports.
        importer: Imports from Upwork, CSV and spreadsheet files and pasted rows.
        file_menu: The File menu's actions wired to ``files`` and ``import_export``.
        info_bar: What the open document is about (a sample's story); closable.
        window_actions: Every command by name (see :mod:`jsswhatif.app.window.actions`).
        contracts: The filter bar and contracts table.
        score_plot: The plot with its as-of slider and date field.
        plot_follower: Keeps the plot showing the controller's as-of, range and results.
        summary: The big number and what it is made of.
        summary_dock: The summary's dock (View ▸ Summary shows it again).
        splitter: The plot above the contracts panel.
        summary_follower: Keeps the summary showing the controller's results.
        rules_combo: The rule set in use.
        scenario_combo: The scenario on screen (Baseline first).
        status_label: "Estimated under rule set X …" in the status bar.
        top_rated_status: The Top Rated estimate in the status bar, seen at any window size.
        menu_handlers: What the other menus' commands do (:mod:`.menu_handlers`).
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
        self._docks_sized = False  # the side panels' width is set once: stored, or at first show
        self.window_actions = Actions(
            self,
            controller.undo_stack.createUndoAction(self, "&Undo"),
            controller.undo_stack.createRedoAction(self, "&Redo"),
        )
        self._menus = self.window_actions.build_menus(self)
        self.info_bar = InfoBar(self)
        self.info_bar.show_about(controller.document.title, controller.document.description)
        self.settings = settings or Settings.load()
        self.files = DocumentFiles(controller, self.settings, self)
        self.files.chooser.origin = source
        self.contracts = ContractsPanel(controller, self)
        self.score_plot = ScorePlot(controller.as_of, self)
        self.plot_follower = PlotFollower(controller, self.score_plot)
        self.import_export = ImportExport(controller, self.files.chooser, self.score_plot, self)
        self.importer = Importer(controller, self.files.chooser, self)
        self.summary = SummaryPanel(self)
        self.summary_follower = SummaryFollower(controller, self.summary)
        self.rules_combo = RuleSetChooser(controller, self)
        self.scenario_combo = ScenarioChooser(controller, self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # a custom rule set's name
        self.top_rated_status = QLabel("Top Rated (est.): …", self)
        self.top_rated_status.setToolTip("The Top Rated estimate; the summary says why")
        self.menu_handlers = MenuHandlers(
            controller, self.contracts, self.scenario_combo, self, self.statusBar().showMessage
        )
        self._build_layout()
        self._connect()
        self._enable_scenario_actions()
        self.update_title()
        self.file_menu = FileMenu(
            self.window_actions, self.files, self.import_export, self.importer
        )
        self.files.install_drop_target(self, self.importer.import_csv)
        self.panels = install_panels(self, controller, self.score_plot)
        # Connected last: every view has taken the new numbers when these run.
        controller.results_changed.connect(self._ready_to_paint)
        controller.insights_changed.connect(self._ready_to_paint)
        self.contracts.table.setFocus()
        if controller.results is not None:
            self._show_status(controller.results)
        self._arrange_docks()

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
        self.summary_dock = QDockWidget("Summary", self)
        self.summary_dock.setObjectName("summary_dock")  # restoreState finds docks by name
        self.summary_dock.setWidget(summary_scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary_dock)
        self._menus["&View"].addAction(self.summary_dock.toggleViewAction())
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("plot_table_splitter")
        splitter.addWidget(self.score_plot)
        splitter.addWidget(self.contracts)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 300])  # the plot first: a 720-pixel screen still shows it whole
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.info_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.top_rated_status)
        self.statusBar().addPermanentWidget(self.status_label)
        self.contracts.set_context_actions(a.context_items())
        self.resize(first_size(self.screen()))

    def _arrange_docks(self) -> None:
        """Tab the summary with the other right-hand panels, the summary in front."""
        others = [
            dock
            for dock in self.findChildren(QDockWidget)
            if dock is not self.summary_dock
            and self.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        if others:
            self.tabifyDockWidget(self.summary_dock, others[0])
            for dock in others[1:]:
                self.tabifyDockWidget(others[0], dock)
        self.summary_dock.raise_()

    def _connect(self) -> None:
        c, a = self.controller, self.window_actions
        # Bound methods only: Qt drops these connections when the window goes.
        c.document_changed.connect(self._document_changed)
        c.results_changed.connect(self._show_status)
        c.insights_changed.connect(self._show_top_rated)
        c.edit_failed.connect(self._edit_failed)
        c.undo_stack.cleanChanged.connect(self.update_title)
        c.path_changed.connect(self._path_changed)
        self.files.opened.connect(self._opened)
        self.files.reported.connect(self.statusBar().showMessage)
        self.import_export.reported.connect(self.statusBar().showMessage)
        self.importer.reported.connect(self.statusBar().showMessage)
        a["quit"].triggered.connect(self.close)
        self.menu_handlers.connect(a)
        self.menu_handlers.described = self._opened  # title or description edited or undone

    def _ready_to_paint(self, _update: object) -> None:
        """Lay out the widgets the views just changed, and let the plot's scene say what it
        must redraw, so that the window paints the update once.

        Qt handles posted events in order: a paint request posted before the update (the key
        press repainting a row) came before the labels' layout requests and the scene's own
        queued redraw, so the window was painted with the old layout, then again, and the
        plot in a frame of its own.
        """
        for _ in range(_LAYOUT_DEPTH):  # a layout done may ask for its parent's (a scroll area)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        scene = self.score_plot.canvas.graphics.scene()
        QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)

    # Window -----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Pass a new system palette to the info bar (a dark desktop gets a dark bar)."""
        if event.type() == QEvent.Type.PaletteChange:
            self.info_bar.follow_palette()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes (save, discard or stay), keep the layout, then close."""
        if self.files.close():
            self.settings.store_layout(
                _bytes(self.saveGeometry()),
                _bytes(self.saveState()),
                _bytes(self.splitter.saveState()),
            )
            self.controller.shutdown()
            self.panels.advisor.shutdown()
            event.accept()
        else:
            event.ignore()

    def showEvent(self, event: QShowEvent) -> None:
        """On a first show, give the side panels room for the advisor's words."""
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            self.resizeDocks(
                [self.summary_dock], [side_width(self.width())], Qt.Orientation.Horizontal
            )

    def restore_layout(self) -> bool:
        """Take the size, position, toolbar, docks and splitter of the last session's window."""
        stored = self.settings.layout()
        if stored is None:
            return False
        restored = self.restoreGeometry(QByteArray(stored[0]))
        self._docks_sized = self.restoreState(QByteArray(stored[1]))
        splitter = self.settings.splitter_layout()
        if splitter is not None:
            self.splitter.restoreState(QByteArray(splitter))
        return bool(restored)

    # Refreshing -------------------------------------------------------------------------------

    def _document_changed(self, change: Change) -> None:
        if change.scenario:
            self._enable_scenario_actions()
        if change.structure:
            self.contracts.update_count()
        if change.compare:
            with QSignalBlocker(self.window_actions["compare"]):
                self.window_actions["compare"].setChecked(self.controller.compare.mode != "off")

    def _show_top_rated(self, insights: Insights | None) -> None:
        """Show the estimate; while the next one is computed, the last one stays, greyed (a
        text that came and went at every edit made the status bar jump)."""
        label = self.top_rated_status
        label.setEnabled(insights is not None)
        if insights is None:
            return
        if insights.top_rated.eligible:
            text = "Top Rated (est.): likely ✓" + (" · Plus ✓" if insights.top_rated.plus else "")
        else:
            text = "Top Rated (est.): not eligible ✗"
        label.setText(text)

    def _show_status(self, results: Results) -> None:
        """Say in the status bar under which rules and as of when the numbers hold."""
        self._show_top_rated(self.controller.insights)
        computed_on = results.computed_on
        update = "" if computed_on == results.as_of else f", update of {date_text(computed_on)}"
        self.status_label.setText(
            f"Estimated under rule set {results.rules_label} · as of "
            f"{date_text(results.as_of)}{update}"  # the user's locale, as in the table
        )

    def _enable_scenario_actions(self) -> None:
        in_scenario = self.controller.scenario is not None
        for name in ("duplicate_scenario", "rename_scenario", "delete_scenario", "apply", "reset"):
            self.window_actions[name].setEnabled(in_scenario)
        several = bool(self.controller.document.scenarios)
        for name in ("next_scenario", "previous_scenario"):
            self.window_actions[name].setEnabled(several)

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


#: The first window's size on a screen large enough; a smaller one gets its available area.
FIRST_SIZE = QSize(1400, 900)


def side_width(window_width: int) -> int:
    """The side panels' first width: 30% of the window, at least 300 and at most 520 pixels
    (1600 gives 480; a 1280-pixel laptop's 1240 gives 372)."""
    return max(300, min(520, window_width * 3 // 10))


def first_size(screen: QScreen | None) -> QSize:
    """The size of a first window on ``screen``: :data:`FIRST_SIZE`, cut to the screen's
    available area less room for the window frame (a 1280x720 laptop gets 1240x650)."""
    if screen is None:
        return FIRST_SIZE
    room = screen.availableGeometry().size() - QSize(40, 70)
    return FIRST_SIZE.boundedTo(room)


def _bytes(data: QByteArray) -> bytes:
    return bytes(data.data())
