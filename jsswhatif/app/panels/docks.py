"""The panels beside the plot and table, installed on the main window in one call.

:func:`install_panels` adds the advisor and the observations as docks (tabbed together on the
right), their show/hide toggles and "What changed between…" to the View menu, and the
explainer of clicked steps on the plot. The window keeps the returned :class:`Panels`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from jsswhatif.app.panels.advisor import AdvisorPanel
from jsswhatif.app.panels.observations import ObservationsPanel
from jsswhatif.app.panels.what_changed import StepExplainer, WhatChangedDialog
from jsswhatif.app.plot.band_follower import BandFollower
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.window.controller import Controller


@dataclass
class Panels:
    """What :func:`install_panels` added.

    Attributes:
        advisor: The advisor panel; advisor_dock its dock.
        observations: The observations panel; observations_dock its dock.
        what_changed: View ▸ What changed between…
        explainer: Explains a clicked step of the JSS line.
        bands: Feeds the plot's range band and Top Rated Plus spans.
    """

    advisor: AdvisorPanel
    advisor_dock: QDockWidget
    observations: ObservationsPanel
    observations_dock: QDockWidget
    what_changed: QAction
    explainer: StepExplainer
    bands: BandFollower


def show_what_changed(dialog: WhatChangedDialog) -> None:
    """Show the dialog without blocking; it goes when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState/restoreState find docks by name
    dock.setWidget(widget)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return dock


def _view_menu(window: QMainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == "View":
            menu = action.menu()
            return menu if isinstance(menu, QMenu) else None
    return None


def install_panels(window: QMainWindow, controller: Controller, plot: ScorePlot) -> Panels:
    """Add the docks, the View menu entries, the step explainer of ``plot`` and its bands'
    follower to ``window`` (which this room never imports)."""
    advisor = AdvisorPanel(controller, window)
    observations = ObservationsPanel(controller, window)
    advisor_dock = _dock(window, "Advisor", "advisor_dock", advisor)
    advisor_dock.visibilityChanged.connect(advisor.set_on_screen)  # tab in front, dock open
    observations_dock = _dock(window, "Observations", "observations_dock", observations)
    window.tabifyDockWidget(advisor_dock, observations_dock)
    advisor_dock.raise_()
    # Wide enough for an action's words beside its score (a restored layout overrides it).
    window.resizeDocks([advisor_dock], [480], Qt.Orientation.Horizontal)
    what_changed = QAction("What &changed between…", window)
    what_changed.setShortcut(QKeySequence("Ctrl+Shift+W"))
    what_changed.setStatusTip("List the changes of the displayed score between two dates")
    what_changed.triggered.connect(lambda: show_what_changed(WhatChangedDialog(controller, window)))
    window.addAction(what_changed)
    menu = _view_menu(window)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(what_changed)
        menu.addAction(advisor_dock.toggleViewAction())
        menu.addAction(observations_dock.toggleViewAction())
    explainer = StepExplainer(controller, plot, window.statusBar().showMessage)
    bands = BandFollower(controller, plot)
    return Panels(
        advisor, advisor_dock, observations, observations_dock, what_changed, explainer, bands
    )
