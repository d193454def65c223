"""The slower look-ahead the controller computes on a worker thread: :class:`Insights`.

No Qt here, and nothing shared: :func:`compute_insights` reads only frozen records, so it is
safe on a worker thread while the user keeps editing. The work is the core's
:func:`~jsswhatif.core.lookahead.look_ahead` (one timeline shared by every part; per-contract
columns and causes remembered by identity, so after an edit only the edited contracts are
worked on again): about 0.2 s of CPU at 10,000 contracts over a ten-year plot range, most of
it the range over the alternative readings (measured with benchmarks/synthetic.py documents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from jsswhatif.app.helper import runs_in_helper
from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.contracts import Contract
from jsswhatif.core.forecast import ScoreChange
from jsswhatif.core.lookahead import PAST_DAYS, look_ahead
from jsswhatif.core.readings import RangeTimeline, ScoreRange
from jsswhatif.core.rules import Rules
from jsswhatif.core.top_rated import LARGE_CONTRACT, TopRatedEstimate
from jsswhatif.core.top_rated_days import TopRatedChange

__all__ = ["PAST_DAYS", "Insights", "compute_insights"]


@dataclass(frozen=True, slots=True)
class Insights:
    """The slower look-ahead for the active scenario at ``as_of``.

    Attributes:
        as_of: The date looked at.
        scenario: The active scenario (None: the baseline).
        forecast: The next changes of the displayed score with no action (core ScoreChange).
        top_rated: The Top Rated estimate (core TopRatedEstimate, Plus included).
        top_rated_days: Whether Top Rated is estimated on each day of ``plot_range``.
        plot_range: First and last day of the plot's timelines.
        past: The changes in the :data:`PAST_DAYS` days up to ``as_of``, oldest first.
        top_rated_changes: The days the Top Rated estimate is lost or back with no action.
        plus_days: Whether Top Rated Plus is estimated on each day of ``plot_range``.
        score_range: The range over the alternative readings at ``as_of``.
        range_band: Its low and high on each day of ``plot_range``.
    """

    as_of: dt.date
    scenario: str | None
    forecast: tuple[ScoreChange, ...]
    top_rated: TopRatedEstimate
    top_rated_days: npt.NDArray[np.bool_]
    plot_range: Range
    past: tuple[ScoreChange, ...] = ()
    top_rated_changes: tuple[TopRatedChange, ...] = ()
    plus_days: npt.NDArray[np.bool_] | None = None
    score_range: ScoreRange | None = None
    range_band: RangeTimeline | None = None


@runs_in_helper
def compute_insights(  # noqa: PLR0913 (the controller's job and the document's threshold)
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    scenario: str | None,
    span: Range,
    *,
    large_contract: Decimal = LARGE_CONTRACT,
) -> Insights:
    """The forecast, last changes, Top Rated and Plus with their band, and the range over the
    alternative readings (safe on a worker thread; pure, so the controller's worker runs it
    in the helper process)."""
    found = look_ahead(contracts, rules, as_of, span[0], span[1], large_contract=large_contract)
    return Insights(
        as_of=as_of,
        scenario=scenario,
        forecast=found.forecast,
        top_rated=found.top_rated,
        top_rated_days=found.criteria.eligible,
        plot_range=span,
        past=found.past,
        top_rated_changes=found.top_rated_changes,
        plus_days=found.plus_days,
        score_range=found.score_range,
        range_band=found.range_band,
    )
