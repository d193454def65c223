"""Top Rated on every day of a range, and the days the estimate changes (model, section 11).

:func:`top_rated_criteria` evaluates each Top Rated criterion of
:mod:`jsswhatif.core.top_rated` on every day of a range at once, from one timeline: the plot
band reads it, and :func:`top_rated_changes` finds the days the estimate is lost or back,
naming the criteria that changed ("lost on 2027-01-16: only 12 of the last 16 weeks at 90% or
more").

Earnings are summed in floating point here, so a day whose 12-month earnings are within a
millionth of a cent of $1,000 may differ from :func:`~jsswhatif.core.top_rated.top_rated`,
which is exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_after, months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated import (
    LOOKBACK_DAYS,
    MIN_EARNINGS,
    MIN_SCORE,
    MIN_TENURE_DAYS,
    SATURDAY,
    WEEKS,
    WEEKS_NEEDED,
    jss_text,
    weeks_text,
)

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
HORIZON_MONTHS = 24


@dataclass(frozen=True, slots=True)
class TopRatedDays:
    """Each Top Rated criterion on each day of ``[first, first + len)``.

    Attributes:
        first: The first day.
        displayed: The displayed JSS per day (NaN: no JSS).
        weeks: How many of the day's 16 Saturday samples are at 90% or more.
        earnings: 12-month earnings per day (float dollars).
        tenure_ok: The first contract started 90 days or more before the day.
        eligible: Every criterion holds.
    """

    first: dt.date
    displayed: Floats
    weeks: Ints
    earnings: Floats
    tenure_ok: Bools
    eligible: Bools

    @property
    def jss_ok(self) -> Bools:
        """The displayed JSS is 90% or more."""
        return np.nan_to_num(self.displayed, nan=-1.0) >= MIN_SCORE

    @property
    def weeks_ok(self) -> Bools:
        """13 of the 16 Saturday samples are at 90% or more."""
        return self.weeks >= WEEKS_NEEDED

    @property
    def earnings_ok(self) -> Bools:
        """$1,000 or more in 12 months."""
        return self.earnings >= float(MIN_EARNINGS) - 1e-8


def top_rated_criteria(
    contracts: Sequence[Contract], rules: Rules, first: dt.date, last: dt.date
) -> TopRatedDays:
    """Every Top Rated criterion on every day of ``[first, last]``."""
    origin = first - dt.timedelta(days=LOOKBACK_DAYS)
    timeline = compute_timeline(contracts, rules, origin, last)
    shown = np.nan_to_num(timeline.displayed, nan=-1.0) >= MIN_SCORE
    lookback = LOOKBACK_DAYS
    days = timeline.days - lookback
    ordinals = np.arange(first.toordinal(), last.toordinal() + 1)
    # s0 of each day: back to the latest Saturday (date.weekday() of ordinal n is (n - 1) % 7).
    back = ((ordinals - 1) % 7 - SATURDAY) % 7
    s0 = np.arange(days) + lookback - back  # index of s0 in the timeline
    weeks = sum(shown[s0 - 7 * k].astype(np.int64) for k in range(WEEKS))
    starts = [c.start.toordinal() for c in contracts]
    tenure_ok = np.zeros(days, dtype=np.bool_)
    if starts:
        tenure_ok = ordinals - min(starts) >= MIN_TENURE_DAYS
    earnings = _earnings_by_day(contracts, first, last)
    displayed = timeline.displayed[lookback:]
    jss_ok = shown[lookback:]
    eligible = jss_ok & (weeks >= WEEKS_NEEDED) & tenure_ok
    eligible &= earnings >= float(MIN_EARNINGS) - 1e-8
    return TopRatedDays(first, displayed, np.asarray(weeks), earnings, tenure_ok, eligible)


def top_rated_days(
    contracts: Sequence[Contract], rules: Rules, first: dt.date, last: dt.date
) -> Bools:
    """Whether the Top Rated estimate holds on each day of ``[first, last]`` (the plot band)."""
    return top_rated_criteria(contracts, rules, first, last).eligible


@dataclass(frozen=True, slots=True)
class TopRatedChange:
    """A day the Top Rated estimate changes with no action.

    Attributes:
        date: The first day of the new estimate.
        eligible: Top Rated from that day (back), or not (lost).
        reasons: The criteria that changed that day, in words.
    """

    date: dt.date
    eligible: bool
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        """``likely lost on 2027-01-16: only 12 of the last 16 weeks at 90% or more``."""
        head = f"{'back' if self.eligible else 'likely lost'} on {self.date.isoformat()}"
        return f"{head}: {'; '.join(self.reasons)}" if self.reasons else head


def top_rated_changes(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date
) -> tuple[TopRatedChange, ...]:
    """The days in ``(as_of, months_after(as_of, 24)]`` the Top Rated estimate changes."""
    days = top_rated_criteria(contracts, rules, as_of, months_after(as_of, HORIZON_MONTHS))
    flips = np.flatnonzero(days.eligible[1:] != days.eligible[:-1]) + 1
    changes = []
    for i in flips.tolist():
        eligible = bool(days.eligible[i])
        changes.append(TopRatedChange(as_of + dt.timedelta(days=i), eligible, _why(days, i)))
    return tuple(changes)


def _why(days: TopRatedDays, i: int) -> tuple[str, ...]:
    """The criteria that changed on day i, in words (for a loss: those now unmet)."""
    reasons = []
    displayed = days.displayed[i]
    shown = None if np.isnan(displayed) else int(displayed)
    checks = [
        (days.jss_ok, jss_text(shown)),
        (
            days.weeks_ok,
            ("only " if days.weeks[i] < WEEKS_NEEDED else "")
            + weeks_text(int(days.weeks[i])).removesuffix(f" (needs {WEEKS_NEEDED})"),
        ),
        (days.earnings_ok, f"${days.earnings[i]:,.2f} earned in 12 months (needs $1,000)"),
        (days.tenure_ok, f"first contract {MIN_TENURE_DAYS} days ago"),
    ]
    for flags, text in checks:
        if flags[i] != flags[i - 1]:
            reasons.append(text)
    return tuple(reasons)


def _earnings_by_day(contracts: Sequence[Contract], first: dt.date, last: dt.date) -> Floats:
    """12-month earnings on each day of ``[first, last]``, from prefix sums of daily amounts:
    payments on their days, other contracts' earnings spread over ``[start, paid_through]``."""
    origin = months_before(first, 12).toordinal() - 1
    size = last.toordinal() - origin + 1
    rate = np.zeros(size + 1)  # spread earnings: a rate per day, as differences
    paid = np.zeros(size + 1)  # payments: amounts on their days
    for contract in contracts:
        if contract.payments:
            for payment in contract.payments:
                day = payment.date.toordinal() - origin
                if 0 <= day < size:
                    paid[day] += float(payment.amount)
            continue
        through = contract.paid_through
        if through is None:
            continue
        a = max(contract.start.toordinal() - origin, 0)
        b = min(through.toordinal() - origin + 1, size)
        if a < b:
            per_day = float(contract.earnings) / ((through - contract.start).days + 1)
            rate[a] += per_day
            rate[b] -= per_day
    daily = np.cumsum(rate)[:size] + paid[:size]
    earned = np.cumsum(daily)  # earned[i]: days origin..origin+i
    ordinals = np.arange(first.toordinal(), last.toordinal() + 1)
    window_starts = np.array(
        [months_before(dt.date.fromordinal(int(d)), 12).toordinal() for d in ordinals]
    )
    by_day: Floats = earned[ordinals - origin] - earned[window_starts - 1 - origin]
    return by_day
