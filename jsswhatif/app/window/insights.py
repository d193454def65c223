"""The slower look-ahead the controller computes on a worker thread: :class:`Insights`.

No Qt here, and nothing shared: :func:`compute_insights` reads only frozen records, so it is
safe on a worker thread while the user keeps editing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.contracts import Contract
from jsswhatif.core.forecast import ScoreChange, forecast
from jsswhatif.core.rules import Rules
from jsswhatif.core.top_rated import TopRatedEstimate, top_rated
from jsswhatif.core.top_rated_days import top_rated_days


@dataclass(frozen=True, slots=True)
class Insights:
    """The slower look-ahead for the active scenario at ``as_of``.

    Attributes:
        as_of: The date looked at.
        scenario: The active scenario (None: the baseline).
        forecast: The next changes of the displayed score with no action (core ScoreChange).
        top_rated: The Top Rated estimate (core TopRatedEstimate).
        top_rated_days: Whether Top Rated is estimated on each day of ``plot_range``.
        plot_range: First and last day of the plot's timelines.
    """

    as_of: dt.date
    scenario: str | None
    forecast: tuple[ScoreChange, ...]
    top_rated: TopRatedEstimate
    top_rated_days: npt.NDArray[np.bool_]
    plot_range: Range


def compute_insights(
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    scenario: str | None,
    span: Range,
) -> Insights:
    """The forecast, Top Rated estimate and Top Rated band (safe on a worker thread)."""
    return Insights(
        as_of=as_of,
        scenario=scenario,
        forecast=forecast(contracts, rules, as_of),
        top_rated=top_rated(contracts, rules, as_of),
        top_rated_days=top_rated_days(contracts, rules, span[0], span[1]),
        plot_range=span,
    )
