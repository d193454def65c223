"""The score plot kept showing what the controller owns, and the user's moves sent back.

:class:`PlotFollower` is the one link between a :class:`~jsswhatif.app.plot.score_plot.ScorePlot`
(a pure view) and the :class:`~jsswhatif.app.window.controller.Controller`. The controller
owns the as-of date and the plot range; on each ``document_changed`` that names them the
plot's display copy is overwritten (range limits first: the range always holds the as-of).
Results and the slower look-ahead bring the timelines, window exits, comparison series and
the Top Rated band. Drags of the as-of line, slider or date field, and the range buttons, go
back to the controller as requests.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject

from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.insights import Insights
from jsswhatif.app.window.results import Results


class PlotFollower(QObject):
    """Feeds ``plot`` from ``controller`` and sends the plot's requests back."""

    def __init__(self, controller: Controller, plot: ScorePlot) -> None:
        """Show ``controller``'s range, as-of date, observations and results on ``plot`` now
        and after every change."""
        super().__init__(plot)
        self._controller = controller
        self._plot = plot
        self._shown: tuple[object, ...] = ()  # the timelines on the plot
        self._compare_shown = False
        # The Top Rated days of the last look-ahead and the range they cover: they stay on
        # show while the next look-ahead runs (a band and legend entry that vanish at every
        # edit flicker, and cost a relayout and a second paint).
        self._band: npt.NDArray[np.bool_] | None = None
        self._band_range: tuple[dt.date, dt.date] | None = None
        plot.set_range_limits(*controller.plot_range)
        plot.set_as_of(controller.as_of)
        plot.show_observations(controller.document.observations)
        controller.document_changed.connect(self._document_changed)
        controller.results_changed.connect(self._results_changed)
        controller.insights_changed.connect(self._insights_changed)
        plot.as_of_dragged.connect(self._dragged)
        plot.as_of_drag_finished.connect(controller.finish_as_of_drag)
        plot.range_requested.connect(controller.request_range)
        if controller.results is not None:
            self._results_changed(controller.results)

    def _dragged(self, day: dt.date) -> None:
        self._controller.set_as_of(day, dragging=True)

    def _document_changed(self, change: Change) -> None:
        if change.plot_range:
            self._plot.set_range_limits(*self._controller.plot_range)
        if change.as_of or change.plot_range:
            self._plot.set_as_of(self._controller.as_of)
        if change.observations:
            self._plot.show_observations(self._controller.document.observations)

    def _results_changed(self, results: Results) -> None:
        plot = self._plot
        if results.compare or self._compare_shown:
            plot.show_comparison(dict(results.compare) if results.compare else None)
            self._compare_shown = bool(results.compare)
        plot.set_caption(caption(self._controller.document.title, results))
        shown = (results.timeline, results.baseline_timeline)
        if not self._controller.dragging or shown != self._shown:
            self._show_timelines(results)
            self._shown = shown
        insights = self._controller.insights
        if insights is not None:
            self._insights_changed(insights)

    def _insights_changed(self, insights: Insights) -> None:
        results = self._controller.results
        days = insights.top_rated_days
        if days is self._band or results is None:
            return
        same = (
            insights.plot_range == self._band_range
            and self._band is not None
            and np.array_equal(days, self._band)
        )
        self._band, self._band_range = days, insights.plot_range
        if not same:
            self._show_timelines(results)

    def _show_timelines(self, results: Results) -> None:
        """Draw the results' timelines, with the last Top Rated band when it is for their
        range."""
        fits = self._band_range == results.plot_range
        band = self._band if fits and self._band is not None else ()
        baseline = None if results.scenario is None else results.baseline_timeline
        # The exits need the exact evaluation: leave it to the markers to ask, when shown.
        self._plot.show_timelines(results.timeline, baseline, results.window_exits, band)


def caption(title: str, results: Results) -> str:
    """The line an exported plot carries: what it shows, under which rules, as of when.

    Example: ``Job Success Score: Dropped from 92 to 90 · scenario Win back ·
    rule set upwork-2024-09 · as of 2026-09-17``.
    """
    parts = [f"Job Success Score: {title}" if title else "Job Success Score"]
    if results.compare:
        parts.append("compared: " + ", ".join(name for name, _ in results.compare))
    elif results.scenario is not None:
        parts.append(f"scenario {results.scenario}")
    parts.append(f"rule set {results.rules_label}")
    parts.append(f"as of {results.as_of.isoformat()}")
    return " · ".join(parts)
