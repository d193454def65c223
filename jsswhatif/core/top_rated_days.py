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
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache, partial

import numpy as np
import numpy.typing as npt

from jsswhatif.core.arrays import distinct
from jsswhatif.core.calendar import months_after, months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import contract_outcome
from jsswhatif.core.rules import HistoricalRules, Rules, RuleSet, resolve
from jsswhatif.core.scoring import NEVER, dispute_is_negative, ended_value, rated_class
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.timeline_grid import Book
from jsswhatif.core.top_rated import (
    LARGE_CONTRACT,
    LOOKBACK_DAYS,
    MIN_EARNINGS,
    MIN_SCORE,
    MIN_TENURE_DAYS,
    PLUS_EARNINGS,
    SATURDAY,
    WEEKS,
    WEEKS_NEEDED,
    earnings_between,
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

    def between(self, first: dt.date, last: dt.date) -> TopRatedDays:
        """The days ``[first, last]`` of these (within them)."""
        a = (first - self.first).days
        b = (last - self.first).days + 1
        if a < 0 or b > self.eligible.size or b < a:
            raise ValueError(f"{first}..{last} is not within the days of these criteria")
        return TopRatedDays(
            first,
            self.displayed[a:b],
            self.weeks[a:b],
            self.earnings[a:b],
            self.tenure_ok[a:b],
            self.eligible[a:b],
        )

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
    contracts: Sequence[Contract],
    rules: Rules,
    first: dt.date,
    last: dt.date,
    *,
    timeline: Timeline | None = None,
) -> TopRatedDays:
    """Every Top Rated criterion on every day of ``[first, last]``.

    ``timeline``: the contracts' timeline under ``rules``, when the caller has one covering
    ``[first - LOOKBACK_DAYS, last]`` (the look-ahead computes one for all its parts).
    """
    origin = first - dt.timedelta(days=LOOKBACK_DAYS)
    if timeline is None:
        timeline = compute_timeline(contracts, rules, origin, last)
    lookback = LOOKBACK_DAYS
    days = (last - first).days + 1
    at = timeline.index_of(origin)
    shown = np.nan_to_num(timeline.displayed[at : at + lookback + days], nan=-1.0) >= MIN_SCORE
    ordinals = np.arange(first.toordinal(), last.toordinal() + 1)
    # s0 of each day: back to the latest Saturday (date.weekday() of ordinal n is (n - 1) % 7).
    back = ((ordinals - 1) % 7 - SATURDAY) % 7
    s0 = np.arange(days) + lookback - back  # index of s0 in the timeline
    weeks = sum(shown[s0 - 7 * k].astype(np.int64) for k in range(WEEKS))
    tenure_ok = np.zeros(days, dtype=np.bool_)
    if contracts:
        tenure_ok = ordinals - int(Book.of(contracts).start.min()) >= MIN_TENURE_DAYS
    earnings = _earnings_by_day(contracts, first, last)
    displayed = timeline.displayed[at + lookback : at + lookback + days]
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
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    *,
    criteria: TopRatedDays | None = None,
) -> tuple[TopRatedChange, ...]:
    """The days in ``(as_of, months_after(as_of, 24)]`` the Top Rated estimate changes.

    ``criteria``: :func:`top_rated_criteria` of a range covering those days and ``as_of``,
    when the caller has it (the look-ahead computes one for the plot and this).
    """
    horizon = months_after(as_of, HORIZON_MONTHS)
    if criteria is None:
        days = top_rated_criteria(contracts, rules, as_of, horizon)
    else:
        days = criteria.between(as_of, horizon)
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
    payments on their days, other contracts' earnings spread over ``[start, paid_through]``.

    The per-contract columns live on the contracts' :class:`~jsswhatif.core.timeline_grid.
    Book`, which an edit patches, so a toggle recomputes one contract's, not 10,000.
    """
    origin = months_before(first, 12).toordinal() - 1
    size = last.toordinal() - origin + 1
    book = Book.of(contracts)
    rate_column: Floats = book.rows(("spread_rate",), _spread_rates)
    spread = np.flatnonzero(rate_column)
    a = np.clip(book.start[spread] - origin, 0, size)
    b = np.clip(book.paid[spread] - origin + 1, 0, size)
    keep = a < b
    rate = np.bincount(
        np.concatenate([a[keep], b[keep]]),
        weights=np.concatenate([rate_column[spread][keep], -rate_column[spread][keep]]),
        minlength=size + 1,
    )
    _, pay_days, pay_amounts = _payments(book)
    inside = (pay_days - origin >= 0) & (pay_days - origin < size)
    paid = np.bincount(pay_days[inside] - origin, weights=pay_amounts[inside], minlength=size + 1)
    daily = np.cumsum(rate)[:size] + paid[:size]
    earned = np.cumsum(daily)  # earned[i]: days origin..origin+i
    ordinals = np.arange(first.toordinal(), last.toordinal() + 1)
    window_starts = _window_starts(first.toordinal(), last.toordinal())
    by_day: Floats = earned[ordinals - origin] - earned[window_starts - 1 - origin]
    return by_day


def _spread_rates(book: Book, rows: Ints) -> Floats:
    """Dollars per day of each contract without payments over ``[start, paid_through]``
    (0 for one with payments, or without earnings)."""
    rates = np.zeros(rows.size)
    for k, i in enumerate(rows.tolist()):
        contract = book.contracts[i]
        through = contract.paid_through
        if contract.payments or through is None:
            continue
        rates[k] = float(contract.earnings) / ((through - contract.start).days + 1)
    return rates


def _payment_rows(book: Book, rows: Ints) -> npt.NDArray[np.object_]:
    """Each contract's payments as (ordinal days, float amounts), None without payments."""
    out = np.empty(rows.size, dtype=object)
    for k, i in enumerate(rows.tolist()):
        payments = book.contracts[i].payments
        if payments:
            out[k] = (
                np.array([p.date.toordinal() for p in payments], dtype=np.int64),
                np.array([float(p.amount) for p in payments], dtype=np.float64),
            )
    return out


def _payments(book: Book) -> tuple[Ints, Ints, Floats]:
    """Every payment of the book: its contract, day and amount."""
    column = book.rows(("payments",), _payment_rows)
    payers = [i for i, pair in enumerate(column.tolist()) if pair is not None]
    if not payers:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    found = [column[i] for i in payers]
    counts = [d.size for d, _ in found]
    who = np.repeat(np.array(payers, dtype=np.int64), counts)
    return who, np.concatenate([d for d, _ in found]), np.concatenate([x for _, x in found])


@lru_cache(maxsize=16)
def _window_starts(first: int, last: int) -> Ints:
    """``months_before(day, 12)`` of each day of ``[first, last]`` (ordinals)."""
    starts = np.array(
        [months_before(dt.date.fromordinal(d), 12).toordinal() for d in range(first, last + 1)],
        dtype=np.int64,
    )
    starts.setflags(write=False)
    return starts


def plus_days(
    contracts: Sequence[Contract],
    rules: Rules,
    criteria: TopRatedDays,
    threshold: Decimal = LARGE_CONTRACT,
) -> Bools:
    """Whether Top Rated Plus is estimated on each day of ``criteria`` (the plot band): Top
    Rated, $10,000 in 12 months, and a contract with ``threshold`` or more earned in the 12
    months to the day and no outcome of value -1 then (as :func:`~jsswhatif.core.top_rated.
    top_rated` decides, its 12-month earnings exact near the threshold).

    One witness per day is enough: the contracts that can never be negative
    (:func:`_may_be_negative`) are tried first, the largest first and a growing batch at a
    time, each only on the days its earnings could reach the threshold and no earlier batch
    settled; the engine judges the others only on the days still open.
    """
    days = criteria.eligible & (criteria.earnings >= float(PLUS_EARNINGS) - 1e-8)
    at = np.flatnonzero(days)
    found = np.zeros_like(days)
    if at.size == 0 or not contracts:
        return found
    book = Book.of(contracts)
    reach: Floats = book.rows(("window_bound",), _window_bound)
    large = np.flatnonzero(reach >= float(threshold))
    large = large[np.argsort(-reach[large], kind="stable")]
    rule_sets = rules.presets if isinstance(rules, HistoricalRules) else (rules,)
    key = ("may_be_negative", *(_negative_key(rs) for rs in rule_sets))
    risky: Bools = book.rows(key, partial(_risky_rows, rule_sets))[large]
    ordinals = criteria.first.toordinal() + at
    last = criteria.first.toordinal() + days.size - 1
    starts = _window_starts(criteria.first.toordinal(), last)[at]
    reach_days = _Reach(book, contracts, threshold)
    settled = np.zeros(at.size, dtype=np.bool_)
    safe = large[~risky]
    size = 64
    while safe.size and not settled.all():
        batch, safe = safe[:size], safe[size:]
        size *= 4
        open_days = np.flatnonzero(~settled)
        rows, cols = reach_days.pairs(batch, starts[open_days], ordinals[open_days])
        settled[open_days[distinct(cols[rows >= 0])]] = True
    open_days = np.flatnonzero(~settled)
    rows, cols = reach_days.pairs(large[risky], starts[open_days], ordinals[open_days])
    order = np.lexsort((rows, cols))
    judged: set[int] = set()
    for row, col in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if row < 0 or col in judged:
            continue
        day = dt.date.fromordinal(int(ordinals[open_days[col]]))
        computed_on, rule_set = resolve(rules, day)
        outcome = contract_outcome(contracts[row], rule_set, computed_on).outcome
        if outcome is None or outcome.value != -1:
            judged.add(col)
            settled[open_days[col]] = True
    found[at] = settled
    return found


class _Reach:
    """Which contracts earned a threshold in which 12-month windows, as (contract, day)
    pairs: floats decide, but the exact :func:`earnings_between` near the threshold."""

    def __init__(self, book: Book, contracts: Sequence[Contract], threshold: Decimal) -> None:
        self.book, self.contracts = book, contracts
        self.threshold, self.limit = threshold, float(threshold)
        self.rate: Floats = book.rows(("spread_rate",), _spread_rates)
        self.pay_who, self.pay_day, self.pay_amount = _payments(book)
        order = np.lexsort((self.pay_day, self.pay_who))
        self.keys = self.pay_who[order] * _KEY + self.pay_day[order]
        self.summed = np.concatenate([[0.0], np.cumsum(self.pay_amount[order])])
        self.first_paid = np.full(book.start.size, NEVER, dtype=np.int64)
        self.last_paid = np.full(book.start.size, -1, dtype=np.int64)
        np.minimum.at(self.first_paid, self.pay_who, self.pay_day)
        np.maximum.at(self.last_paid, self.pay_who, self.pay_day)

    def pairs(self, rows: Ints, starts: Ints, ends: Ints) -> tuple[Ints, Ints]:
        """For each contract of ``rows`` and day window ``[starts, ends]`` (``ends``
        ascending) where it earned the threshold: the contract (-1 where it did not) and the
        window's position."""
        lo, hi = self._span(rows)
        a = np.searchsorted(ends, lo, side="left")
        b = np.searchsorted(ends, hi, side="right")
        count = np.maximum(b - a, 0)
        total = int(count.sum())
        who = np.repeat(rows, count)
        col = np.repeat(a - np.cumsum(count) + count, count) + np.arange(total)
        first, last = starts[col], ends[col]
        earned = self._earned(who, first, last)
        ok = earned >= self.limit
        exact = Fraction(self.threshold)
        for k in np.flatnonzero(np.abs(earned - self.limit) <= 1e-6 * max(1.0, self.limit)):
            day = dt.date.fromordinal(int(last[k]))
            part = earnings_between(self.contracts[int(who[k])], months_before(day, 12), day)
            ok[k] = part >= exact
        return np.where(ok, who, -1), col

    def _span(self, rows: Ints) -> tuple[Ints, Ints]:
        """Days outside of which a contract cannot reach the threshold in a window ending
        then: it needs ``threshold / rate`` days of its span in the window (of at most 367
        days), or with payments a window holding one."""
        book, rate = self.book, self.rate[rows]
        spread = rate > 0
        need = np.ones(rows.size, dtype=np.int64)
        need[spread] = np.maximum(
            np.floor(self.limit / rate[spread] * (1 - 1e-9)).astype(np.int64), 1
        )
        lo = np.where(spread, book.start[rows] + need - 1, self.first_paid[rows])
        hi = np.where(spread, book.paid[rows] + 367 - need, self.last_paid[rows] + 367)
        return lo, hi

    def _earned(self, who: Ints, first: Ints, last: Ints) -> Floats:
        book, rate = self.book, self.rate[who]
        overlap = np.minimum(book.paid[who], last) - np.maximum(book.start[who], first) + 1
        earned: Floats = np.where(rate > 0, rate * np.maximum(overlap, 0), 0.0)
        paying = np.flatnonzero(rate == 0)
        if paying.size and self.keys.size:
            base = who[paying] * _KEY
            hi = np.searchsorted(self.keys, base + last[paying], side="right")
            lo = np.searchsorted(self.keys, base + first[paying], side="left")
            earned[paying] = self.summed[hi] - self.summed[lo]
        return earned


_KEY = 2**22  # contract * _KEY + ordinal day: every date's ordinal is below it


def _negative_key(rs: RuleSet) -> tuple[object, ...]:
    """What :func:`_may_be_negative` reads of a rule set."""
    return (
        rs.dispute_is_negative,
        rs.public_positive_min,
        rs.public_neutral_min,
        rs.private_positive_min,
        rs.private_neutral_min,
        rs.combine,
        rs.zero_earnings_no_feedback,
    )


def _risky_rows(rule_sets: Sequence[RuleSet], book: Book, rows: Ints) -> Bools:
    cs = book.contracts
    return np.array([_may_be_negative(cs[i], rule_sets) for i in rows.tolist()], dtype=np.bool_)


def _may_be_negative(contract: Contract, rule_sets: Sequence[RuleSet]) -> bool:
    """Whether the contract's outcome can have value -1 on some day under one of
    ``rule_sets``: only through a dispute, feedback of class -1 (a combined class is one of
    its parts), or a $0 contract without feedback counted negative (section 5, step 4)."""
    for rs in rule_sets:
        if dispute_is_negative(rs, contract.disputed) or rated_class(rs, contract) == -1:
            return True
        if contract.earnings == 0 and ended_value(rs, False, None) == -1:
            return True
    return False


def _window_bound(book: Book, rows: Ints) -> Floats:
    """The most each contract can earn in any range: its earnings, or with payments the sum
    of its positive amounts."""
    bound = np.zeros(rows.size)
    for k, i in enumerate(rows.tolist()):
        contract = book.contracts[i]
        if contract.payments:
            bound[k] = float(sum((p.amount for p in contract.payments if p.amount > 0), Decimal(0)))
        else:
            bound[k] = float(contract.earnings)
    return bound
