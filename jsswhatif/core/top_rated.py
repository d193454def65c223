"""The Top Rated and Top Rated Plus estimates (scoring model, section 11; Upwork's articles).

Top Rated at t needs all of: displayed JSS >= 90 at t; at least 13 of the 16 weekly samples at
>= 90, the samples being the Saturdays s0, s0 - 7, ..., s0 - 105 with s0 the latest Saturday
on or before t (Upwork updates the eligible weeks every Saturday; no JSS counts as below; each
sample is computed as its own date, under ``historical`` with its own preset); 12-month
earnings >= $1,000 (:func:`earnings_between`); and a first contract at least 90 days before t.
Top Rated Plus adds $10,000 in 12 months and one large contract (its own 12-month earnings at
least a threshold, $5,000 by default) without a negative outcome at t.

Example: $1,200 paid evenly over 2026-01-01..2026-12-31 (365 days) gives, at 2026-06-30,
181 days inside the 12-month window: 1200 * 181 / 365 = $595.07 earned, below $1,000.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from operator import is_not

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import contract_outcome
from jsswhatif.core.rules import Rules, resolve
from jsswhatif.core.timeline import Timeline, compute_timeline

MIN_SCORE = 90
WEEKS = 16
WEEKS_NEEDED = 13
MIN_EARNINGS = Decimal(1000)
MIN_TENURE_DAYS = 90
SATURDAY = 5  # dt.date.weekday()
PLUS_EARNINGS = Decimal(10000)
#: The large-contract threshold of Top Rated Plus when the document sets none (Upwork's
#: depends on the category: $5,000 to $30,000).
LARGE_CONTRACT = Decimal(5000)
#: The days before t the samples reach back: the latest Saturday may be 6 days back.
LOOKBACK_DAYS = 7 * (WEEKS - 1) + 6


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
    """Each Top Rated criterion at one date, with the verdict, and Top Rated Plus.

    Attributes:
        eligible: Every criterion is met.
        displayed: The displayed JSS at the date (None: no JSS).
        weeks_at_90: How many of the 16 Saturday samples are at 90% or more.
        earnings_12m: Earnings in the last 12 months, exact dollars.
        first_start: Start of the earliest contract, None without contracts.
        criteria: The criteria in a fixed order: the JSS, the weekly samples, the 12-month
            earnings, the first contract's age.
        plus: Top Rated Plus is estimated too.
        plus_criteria: Top Rated, the $10,000, and the large contract.
    """

    eligible: bool
    displayed: int | None
    weeks_at_90: int
    earnings_12m: Fraction
    first_start: dt.date | None
    criteria: tuple[Criterion, ...]
    plus: bool = False
    plus_criteria: tuple[Criterion, ...] = ()


def latest_saturday(t: dt.date) -> dt.date:
    """s0: the latest Saturday on or before t.

    Example:
        >>> latest_saturday(dt.date(2026, 11, 25))  # a Wednesday
        datetime.date(2026, 11, 21)
    """
    return t - dt.timedelta(days=(t.weekday() - SATURDAY) % 7)


def weekly_samples(t: dt.date) -> list[dt.date]:
    """The 16 Saturdays ``s0, s0 - 7, ..., s0 - 105`` whose scores count for Top Rated at t."""
    s0 = latest_saturday(t)
    return [s0 - dt.timedelta(days=7 * k) for k in range(WEEKS)]


def earnings_between(contract: Contract, first: dt.date, last: dt.date) -> Fraction:
    """Dollars one contract earned on the days ``[first, last]`` (section 11), exactly.

    With payments, the amounts paid on those days (refunds subtract); without, its earnings
    spread evenly over the days of ``[start, paid_through]``.
    """
    if contract.payments:
        return sum(
            (Fraction(p.amount) for p in contract.payments if first <= p.date <= last),
            Fraction(0),
        )
    paid = contract.paid_through
    if paid is None:
        return _NOTHING
    overlap = (min(paid, last) - max(contract.start, first)).days + 1
    if overlap <= 0:
        return _NOTHING
    return Fraction(contract.earnings) * overlap / ((paid - contract.start).days + 1)


_NOTHING = Fraction(0)


def earnings_last_12_months(contracts: Sequence[Contract], t: dt.date) -> Fraction:
    """Dollars earned in ``[months_before(t, 12), t]`` by every contract (excluded included)."""
    return _PARTS.of(contracts, months_before(t, 12), t).total


def _exact_sum(parts: Sequence[Fraction]) -> Fraction:
    """The exact sum of ``parts``, added as integers per denominator: adding 10,000 fractions
    one by one (a gcd each) was most of the Top Rated estimate's time."""
    by_denominator: dict[int, int] = {}
    for part in parts:
        if part:
            d = part.denominator
            by_denominator[d] = by_denominator.get(d, 0) + part.numerator
    return sum((Fraction(n, d) for d, n in by_denominator.items()), _NOTHING)


@dataclass(frozen=True, slots=True)
class _Parts:
    """Each contract's exact earnings over one range, their floats and their exact total."""

    contracts: tuple[Contract, ...]
    parts: tuple[Fraction, ...]
    floats: npt.NDArray[np.float64]
    total: Fraction


class _PartsCache:
    """:class:`_Parts` of the last few contract sequences and ranges, shared by every thread.

    An edit makes a new sequence holding mostly the same contract objects (by identity): its
    parts are then patched from a remembered entry of the same length and range, and the total
    corrected by the changed parts alone, instead of summing 10,000 fractions again.
    """

    def __init__(self, size: int = 6) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: list[tuple[dt.date, dt.date, _Parts]] = []  # most recent first

    def of(self, contracts: Sequence[Contract], first: dt.date, last: dt.date) -> _Parts:
        """The parts of ``contracts`` over ``[first, last]`` (:func:`earnings_between`)."""
        held = tuple(contracts)
        with self._lock:
            entries = [e for e in self._entries if e[0] == first and e[1] == last]
        found = None
        for _, _, known in entries:
            if len(known.contracts) != len(held) or not held:
                continue
            changed = list(
                itertools.compress(itertools.count(), map(is_not, known.contracts, held))
            )
            if len(changed) <= len(held) // 4:
                found = _patched(known, held, changed, first, last)
                break
        if found is None:
            parts = tuple(earnings_between(c, first, last) for c in held)
            floats = np.array([float(p) for p in parts], dtype=np.float64)
            found = _Parts(held, parts, floats, _exact_sum(parts))
        with self._lock:
            self._entries.insert(0, (first, last, found))
            del self._entries[self._size :]
        return found


def _patched(
    known: _Parts,
    contracts: tuple[Contract, ...],
    changed: list[int],
    first: dt.date,
    last: dt.date,
) -> _Parts:
    """``known`` with the parts at ``changed`` computed for ``contracts``."""
    if not changed:
        return known if known.contracts is contracts else _Parts(contracts, *_fields(known))
    parts = list(known.parts)
    floats = known.floats.copy()
    total = known.total
    for i in changed:
        part = earnings_between(contracts[i], first, last)
        total += part - parts[i]
        parts[i] = part
        floats[i] = float(part)
    floats.setflags(write=False)
    return _Parts(contracts, tuple(parts), floats, total)


def _fields(known: _Parts) -> tuple[tuple[Fraction, ...], npt.NDArray[np.float64], Fraction]:
    return known.parts, known.floats, known.total


_PARTS = _PartsCache()


def top_rated(
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    large_contract: Decimal = LARGE_CONTRACT,
    *,
    timeline: Timeline | None = None,
) -> TopRatedEstimate:
    """The Top Rated and Top Rated Plus estimates at ``as_of`` under ``rules``.

    ``timeline``: the contracts' timeline under ``rules``, when the caller has one covering
    ``[as_of - LOOKBACK_DAYS, as_of]`` (the look-ahead computes one for all its parts).
    """
    if timeline is None:
        timeline = compute_timeline(contracts, rules, as_of - dt.timedelta(LOOKBACK_DAYS), as_of)
    samples = [timeline.displayed[timeline.index_of(day)] for day in weekly_samples(as_of)]
    at_90 = sum(1 for x in samples if not math.isnan(x) and x >= MIN_SCORE)
    now = timeline.displayed[timeline.index_of(as_of)]
    displayed = None if math.isnan(now) else int(now)
    earned = earnings_last_12_months(contracts, as_of)
    first_start = min((c.start for c in contracts), default=None)
    tenure = None if first_start is None else (as_of - first_start).days
    criteria = (
        Criterion(displayed is not None and displayed >= MIN_SCORE, jss_text(displayed)),
        Criterion(at_90 >= WEEKS_NEEDED, weeks_text(at_90)),
        Criterion(earned >= MIN_EARNINGS, f"{_dollars(earned)} earned in 12 months (needs $1,000)"),
        Criterion(tenure is not None and tenure >= MIN_TENURE_DAYS, tenure_text(tenure)),
    )
    eligible = all(c.met for c in criteria)
    plus_criteria = (
        Criterion(eligible, "Top Rated" if eligible else "not Top Rated"),
        Criterion(
            earned >= PLUS_EARNINGS, f"{_dollars(earned)} earned in 12 months (needs $10,000)"
        ),
        _large_contract(contracts, rules, as_of, large_contract),
    )
    return TopRatedEstimate(
        eligible=eligible,
        displayed=displayed,
        weeks_at_90=at_90,
        earnings_12m=earned,
        first_start=first_start,
        criteria=criteria,
        plus=all(c.met for c in plus_criteria),
        plus_criteria=plus_criteria,
    )


def _large_contract(
    contracts: Sequence[Contract], rules: Rules, t: dt.date, threshold: Decimal
) -> Criterion:
    """A contract with ``threshold`` or more in 12 months and no outcome of value -1 at t: the
    first in document order.

    The float parts only preselect (rounding is monotone, so no contract at or above the
    threshold is missed); the exact parts and the engine's verdict at u(t) decide.
    """
    parts = _PARTS.of(contracts, months_before(t, 12), t)
    exact = Fraction(threshold)
    computed_on, rule_set = resolve(rules, t)
    for i in np.flatnonzero(parts.floats >= float(threshold)).tolist():
        if parts.parts[i] < exact:
            continue
        contract = contracts[i]
        outcome = contract_outcome(contract, rule_set, computed_on).outcome
        if not (outcome is not None and outcome.value == -1):
            title = contract.title or contract.id
            return Criterion(True, f"large contract {title!r} (${threshold:,} or more)")
    return Criterion(False, f"no contract with ${threshold:,} or more in 12 months, none negative")


def jss_text(displayed: int | None) -> str:
    """The JSS criterion in words: ``JSS 92% (needs 90%)``."""
    shown = "no JSS" if displayed is None else f"{displayed}%"
    return f"JSS {shown} (needs {MIN_SCORE}%)"


def weeks_text(at_90: int) -> str:
    """The weekly criterion in words: ``12 of the last 16 weeks at 90% or more (needs 13)``."""
    return f"{at_90} of the last {WEEKS} weeks at {MIN_SCORE}% or more (needs {WEEKS_NEEDED})"


def tenure_text(tenure: int | None) -> str:
    """The first-contract criterion in words."""
    if tenure is None:
        return "no contracts yet"
    return f"first contract {tenure} days ago (needs {MIN_TENURE_DAYS})"


def _dollars(amount: Fraction) -> str:
    return f"${float(amount):,.2f}"
