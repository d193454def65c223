"""The summary panel kept showing the controller's latest results and look-ahead.

:class:`SummaryFollower` links a :class:`~jsswhatif.app.panels.summary.SummaryPanel` (a pure
view) to the controller: fresh results bring the big number, windows, counts and fragility
at once, with the forecast, the last changes, the range and the Top Rated estimate greyed as
"computing" until the slower look-ahead arrives. A newly opened document scrolls the panel
back to the big number.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject

from jsswhatif.app.panels.summary import SummaryPanel
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.insights import Insights
from jsswhatif.app.window.results import Results


class SummaryFollower(QObject):
    """Feeds ``summary`` from ``controller``'s results and insights."""

    def __init__(self, controller: Controller, summary: SummaryPanel) -> None:
        """Show ``controller``'s latest results on ``summary`` now and after every change."""
        super().__init__(summary)
        self._controller = controller
        self._summary = summary
        controller.results_changed.connect(self._results_changed)
        controller.insights_changed.connect(self._insights_changed)
        # set_document (New, Open, a sample, a reload) always names the file, even unchanged.
        controller.path_changed.connect(self._opened)
        if controller.results is not None:
            self._results_changed(controller.results)

    def _results_changed(self, results: Results) -> None:
        summary = self._summary
        if results.glance and not results.is_exact:
            # A drag step: the day's numbers from the timeline; counts and fragility follow
            # on release (greyed meanwhile).
            baseline = None if results.scenario is None else results.baseline_day
            summary.show_day(results.day, results.rule_set, results.rules_name, baseline)
            summary.show_fragility(None)
        else:
            summary.show_evaluation(results.evaluation, results.baseline)
            summary.show_fragility(math.nan if results.fragility is None else results.fragility)
        insights = self._controller.insights
        if insights is None:
            summary.show_forecast(None)
            summary.show_past(None)
            summary.show_range(None)
            summary.show_top_rated(None)
        else:
            self._insights_changed(insights)

    def _insights_changed(self, insights: Insights) -> None:
        summary = self._summary
        summary.show_forecast(insights.forecast)
        summary.show_past(insights.past)
        summary.show_range(insights.score_range)
        summary.show_top_rated(insights.top_rated, insights.top_rated_changes)

    def _opened(self, _path: object) -> None:
        self._summary.scroll_to_top()
