"""Everything the application looks ahead at, computed together: :func:`look_ahead`.

The forecast, the last changes, the Top Rated estimate with its band and changes, and the
range over the alternative readings each need the contracts' timeline, and some of them the
same event index or Top Rated criteria. Computed one by one they built five timelines, two
event indexes and two criteria; here one timeline covers every day any of them reads (the
plot range, the 90 days before the as-of date with the Top Rated look-back before, and the
24 months after), and each part reads its days from it. Every part equals its function
called alone (:func:`~jsswhatif.core.forecast.forecast`, :func:`~jsswhatif.core.top_rated.
top_rated`, ...), which the tests hold it to.

Example: ``look_ahead(contracts, rules, D("2026-11-25"), D("2022-01-01"), D("2028-11-25"))``
gives the forecast to 2028-11-25 and the Top Rated band from 2022-01-01.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract
from jsswhatif.core.forecast import HORIZON_MONTHS, ScoreChange, changes_between, event_index
from jsswhatif.core.readings import RangeTimeline, ScoreRange, score_ranges
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated import LARGE_CONTRACT, LOOKBACK_DAYS, TopRatedEstimate, top_rated
from jsswhatif.core.top_rated_days import (
    Bools,
    TopRatedChange,
    TopRatedDays,
    plus_days,
    top_rated_changes,
    top_rated_criteria,
)

#: How far back the last changes reach, in days.
PAST_DAYS = 90


@dataclass(frozen=True, slots=True)
class LookAhead:
    """What :func:`look_ahead` computes.

    Attributes:
        forecast: The changes of the displayed score in the 24 months after the as-of date.
        past: The changes in the :data:`PAST_DAYS` days up to the as-of date.
        top_rated: The Top Rated estimate (Plus included) at the as-of date.
        criteria: Each Top Rated criterion on each day of the plot range.
        plus_days: Whether Top Rated Plus is estimated on each day of the plot range.
        top_rated_changes: The days the Top Rated estimate changes in the 24 months after.
        score_range: The range over the alternative readings at the as-of date.
        range_band: Its low and high on each day of the plot range.
    """

    forecast: tuple[ScoreChange, ...]
    past: tuple[ScoreChange, ...]
    top_rated: TopRatedEstimate
    criteria: TopRatedDays
    plus_days: Bools
    top_rated_changes: tuple[TopRatedChange, ...]
    score_range: ScoreRange
    range_band: RangeTimeline


def look_ahead(  # noqa: PLR0913 (the document's threshold besides the dates)
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    first: dt.date,
    last: dt.date,
    *,
    large_contract: Decimal = LARGE_CONTRACT,
) -> LookAhead:
    """The look-ahead at ``as_of``, with its bands over the plot range ``[first, last]``.

    Raises:
        ValueError: ``last`` is before ``first``.
    """
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    horizon = months_after(as_of, HORIZON_MONTHS)
    since = as_of - dt.timedelta(days=PAST_DAYS)
    # Top Rated reads 16 weeks back from each day it is estimated on.
    begin = min(first, since) - dt.timedelta(days=LOOKBACK_DAYS)
    end = max(last, horizon)
    timeline = compute_timeline(contracts, rules, begin, end)
    events = event_index(contracts, rules, since, horizon)
    criteria = top_rated_criteria(
        contracts, rules, min(first, as_of), max(last, horizon), timeline=timeline
    )
    band = criteria.between(first, last)
    score, range_band = score_ranges(contracts, rules, as_of, first, last, own=timeline)
    return LookAhead(
        forecast=changes_between(
            contracts, rules, as_of, horizon, timeline=timeline, events=events
        ),
        past=changes_between(contracts, rules, since, as_of, timeline=timeline, events=events),
        top_rated=top_rated(contracts, rules, as_of, large_contract, timeline=timeline),
        criteria=band,
        plus_days=plus_days(contracts, rules, band, large_contract),
        top_rated_changes=top_rated_changes(contracts, rules, as_of, criteria=criteria),
        score_range=score,
        range_band=range_band,
    )
