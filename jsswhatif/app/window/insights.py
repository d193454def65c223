"""The slower look-ahead the controller computes on a worker thread: :class:`Insights`.

No Qt here, and nothing shared: :func:`compute_insights` reads only frozen records, so it is
safe on a worker thread while the user keeps editing. At 1,000 contracts over a four-year
plot range it takes about 0.3 s, the range over the alternative readings 0.1 s of it
(measured with benchmarks/synthetic.py documents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import contract_outcome
from jsswhatif.core.forecast import ScoreChange, changes_between, forecast
from jsswhatif.core.readings import RangeTimeline, ScoreRange, range_timeline, score_range
from jsswhatif.core.rules import Rules, resolve
from jsswhatif.core.top_rated import (
    LARGE_CONTRACT,
    PLUS_EARNINGS,
    TopRatedEstimate,
    earnings_between,
    top_rated,
)
from jsswhatif.core.top_rated_days import TopRatedChange, top_rated_changes, top_rated_criteria

#: How far back the summary lists the last changes, in days.
PAST_DAYS = 90


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
    alternative readings (safe on a worker thread)."""
    criteria = top_rated_criteria(contracts, rules, span[0], span[1])
    plus = criteria.eligible & (criteria.earnings >= float(PLUS_EARNINGS) - 1e-8)
    return Insights(
        as_of=as_of,
        scenario=scenario,
        forecast=forecast(contracts, rules, as_of),
        top_rated=top_rated(contracts, rules, as_of, large_contract),
        top_rated_days=criteria.eligible,
        plot_range=span,
        past=changes_between(contracts, rules, as_of - dt.timedelta(days=PAST_DAYS), as_of),
        top_rated_changes=top_rated_changes(contracts, rules, as_of),
        plus_days=_with_large_contract(plus, contracts, rules, span[0], large_contract),
        score_range=score_range(contracts, rules, as_of),
        range_band=range_timeline(contracts, rules, *span),
    )


def _with_large_contract(
    days: npt.NDArray[np.bool_],
    contracts: Sequence[Contract],
    rules: Rules,
    first: dt.date,
    threshold: Decimal,
) -> npt.NDArray[np.bool_]:
    """``days`` (Top Rated and $10,000) kept where Plus's large contract holds too: one
    contract with ``threshold`` or more earned in the 12 months to the day and no negative
    outcome then.

    Only the days already true are looked at, and only contracts whose whole earnings reach
    the threshold, each with the core's exact earnings and outcome (what
    :func:`~jsswhatif.core.top_rated.top_rated` decides on that day).
    """
    found = np.zeros_like(days)
    # Each large contract with the days it earned on (payments, else start to paid_through):
    # a date check skips the many that earned nothing in a day's 12 months.
    large = []
    for c in contracts:
        last = max(p.date for p in c.payments) if c.payments else c.paid_through
        if c.earnings >= threshold and last is not None:
            large.append((c, min([c.start, *(p.date for p in c.payments)]), last))
    for index in np.flatnonzero(days).tolist():
        day = first + dt.timedelta(days=index)
        start = months_before(day, 12)
        computed_on, rule_set = resolve(rules, day)
        for contract, earned_from, earned_to in large:
            if earned_from > day or earned_to < start:
                continue
            if earnings_between(contract, start, day) < threshold:
                continue
            outcome = contract_outcome(contract, rule_set, computed_on).outcome
            if outcome is None or outcome.value != -1:
                found[index] = True
                break
    return found
