"""The Top Rated estimate (scoring model, section 11; Upwork's support articles).

Top Rated at t needs all of: displayed JSS >= 90 at t; at least 13 of the 16 weekly samples
t, t-7, ..., t-105 at >= 90 (no JSS counts as below; each sample is computed as its own date,
under ``historical`` with its own preset); 12-month earnings >= $1,000, every contract's
earnings (excluded ones included) spread evenly over the days of ``[start, paid_through]``;
and a first contract at least 90 days before t.

Example: $1,200 paid evenly over 2026-01-01..2026-12-31 (365 days) gives, at 2026-06-30,
181 days inside the 12-month window: 1200 * 181 / 365 = $595.07 earned, below $1,000.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import compute_timeline

MIN_SCORE = 90
WEEKS = 16
WEEKS_NEEDED = 13
MIN_EARNINGS = Decimal(1000)
MIN_TENURE_DAYS = 90
_LOOKBACK = dt.timedelta(days=7 * (WEEKS - 1))


@dataclass(frozen=True, slots=True)
class Criterion:
    """One Top Rated criterion at one date.

    Attributes:
        met: Whether it holds.
        text: What it measures and needs, e.g. ``JSS 92% (needs 90%)``.
    """

    met: bool
    text: str


@dataclass(frozen=True, slots=True)
class TopRatedEstimate:
    """Each Top Rated criterion at one date, with the verdict.

    Attributes:
        eligible: Every criterion is met.
        displayed: The displayed JSS at the date (None: no JSS).
        weeks_at_90: How many of the 16 weekly samples are at 90% or more.
        earnings_12m: Earnings spread into the last 12 months, exact dollars.
        first_start: Start of the earliest contract, None without contracts.
        criteria: The criteria in a fixed order: the JSS, the weekly samples, the 12-month
            earnings, the first contract's age.
    """

    eligible: bool
    displayed: int | None
    weeks_at_90: int
    earnings_12m: Fraction
    first_start: dt.date | None
    criteria: tuple[Criterion, ...]


def earnings_last_12_months(contracts: Sequence[Contract], t: dt.date) -> Fraction:
    """Dollars earned in ``[months_before(t, 12), t]``, each contract spread over its paid days."""
    window_start = months_before(t, 12)
    total = Fraction(0)
    for contract in contracts:
        paid = contract.paid_through
        if paid is None:
            continue
        overlap = (min(paid, t) - max(contract.start, window_start)).days + 1
        if overlap > 0:
            span = (paid - contract.start).days + 1
            total += Fraction(contract.earnings) * overlap / span
    return total


def top_rated(contracts: Sequence[Contract], rules: Rules, as_of: dt.date) -> TopRatedEstimate:
    """The Top Rated estimate at ``as_of`` under ``rules``."""
    timeline = compute_timeline(contracts, rules, as_of - _LOOKBACK, as_of)
    samples = [
        timeline.displayed[timeline.index_of(as_of - dt.timedelta(days=7 * k))]
        for k in range(WEEKS)
    ]
    at_90 = sum(1 for x in samples if not math.isnan(x) and x >= MIN_SCORE)
    now = samples[0]
    displayed = None if math.isnan(now) else int(now)
    earned = earnings_last_12_months(contracts, as_of)
    first_start = min((c.start for c in contracts), default=None)
    tenure = None if first_start is None else (as_of - first_start).days
    shown = "no JSS" if displayed is None else f"{displayed}%"
    criteria = (
        Criterion(
            displayed is not None and displayed >= MIN_SCORE, f"JSS {shown} (needs {MIN_SCORE}%)"
        ),
        Criterion(
            at_90 >= WEEKS_NEEDED,
            f"{at_90} of the last {WEEKS} weeks at {MIN_SCORE}% or more (needs {WEEKS_NEEDED})",
        ),
        Criterion(
            earned >= MIN_EARNINGS, f"${float(earned):,.2f} earned in 12 months (needs $1,000)"
        ),
        Criterion(
            tenure is not None and tenure >= MIN_TENURE_DAYS,
            "no contracts yet"
            if tenure is None
            else f"first contract {tenure} days ago (needs {MIN_TENURE_DAYS})",
        ),
    )
    return TopRatedEstimate(
        eligible=all(c.met for c in criteria),
        displayed=displayed,
        weeks_at_90=at_90,
        earnings_12m=earned,
        first_start=first_start,
        criteria=criteria,
    )


def top_rated_days(
    contracts: Sequence[Contract], rules: Rules, first: dt.date, last: dt.date
) -> npt.NDArray[np.bool_]:
    """Whether the Top Rated estimate holds on each day of ``[first, last]`` (for a plot band).

    Earnings are summed in floating point here, so a day whose 12-month earnings are within a
    millionth of a cent of $1,000 may differ from :func:`top_rated`, which is exact.
    """
    timeline = compute_timeline(contracts, rules, first - _LOOKBACK, last)
    shown = np.nan_to_num(timeline.displayed, nan=-1.0) >= MIN_SCORE
    lookback = _LOOKBACK.days
    days = timeline.days - lookback
    weekly = sum(
        shown[lookback - 7 * k : lookback - 7 * k + days].astype(np.int64) for k in range(WEEKS)
    )
    ok = shown[lookback:] & (weekly >= WEEKS_NEEDED)
    ordinals = np.arange(first.toordinal(), last.toordinal() + 1)
    starts = [c.start.toordinal() for c in contracts]
    ok &= bool(starts) and ordinals - min(starts, default=0) >= MIN_TENURE_DAYS
    return ok & (_earnings_by_day(contracts, first, last) >= float(MIN_EARNINGS) - 1e-8)


def _earnings_by_day(
    contracts: Sequence[Contract], first: dt.date, last: dt.date
) -> npt.NDArray[np.float64]:
    """12-month earnings on each day of ``[first, last]``, from prefix sums of daily rates."""
    origin = months_before(first, 12).toordinal() - 1
    size = last.toordinal() - origin + 1
    rate = np.zeros(size + 1)
    for contract in contracts:
        paid = contract.paid_through
        if paid is None:
            continue
        a = max(contract.start.toordinal() - origin, 0)
        b = min(paid.toordinal() - origin + 1, size)
        if a < b:
            per_day = float(contract.earnings) / ((paid - contract.start).days + 1)
            rate[a] += per_day
            rate[b] -= per_day
    earned = np.cumsum(np.cumsum(rate)[:size])  # earned[i]: days origin..origin+i
    days = np.arange(first.toordinal(), last.toordinal() + 1)
    window_starts = np.array(
        [months_before(dt.date.fromordinal(int(d)), 12).toordinal() for d in days]
    )
    by_day: npt.NDArray[np.float64] = earned[days - origin] - earned[window_starts - 1 - origin]
    return by_day
