"""The plot's range band and Top Rated Plus spans kept showing the controller's look-ahead.

:class:`BandFollower` hands :meth:`ScoreCanvas.show_bands
<jsswhatif.app.plot.canvas.ScoreCanvas.show_bands>` the range timeline and the Plus days of
each look-ahead computed for the plot's range (during an as-of drag that grew the range the
bands wait for the next one).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.insights import Insights
from jsswhatif.app.window.results import Results


class BandFollower(QObject):
    """Feeds ``plot``'s bands from ``controller``'s look-ahead, when it is for the plot's
    range (else, as during an as-of drag that grew the range, the bands wait)."""

    def __init__(self, controller: Controller, plot: ScorePlot) -> None:
        """Follow ``controller``'s results and insights."""
        super().__init__(plot)
        self._controller = controller
        self._plot = plot
        self._shown: Insights | None = None
        controller.insights_changed.connect(self._update)
        controller.results_changed.connect(self._results_changed)
        self._update(controller.insights)

    def _results_changed(self, _results: Results) -> None:
        if self._controller.insights is None:
            return  # the bands of the last look-ahead stay until the next one
        self._update(self._controller.insights)

    def _update(self, insights: Insights | None) -> None:
        results = self._controller.results
        if insights is None or results is None or insights.plot_range != results.plot_range:
            return
        if insights is self._shown:
            return
        self._shown = insights
        self._plot.canvas.show_bands(
            insights.range_band, insights.plus_days, insights.plot_range[0]
        )
