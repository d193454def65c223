"""The timeline's machinery: contracts as numpy columns, and one rule set on a daily grid.

:class:`Book` holds the contracts as columns of ordinal dates, independent of the rule set;
:class:`Grid` computes every window score, trending, best and displayed value of one rule set
for each computation date of a grid, as :mod:`jsswhatif.core.timeline` describes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import window_exit_days
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.scoring import (
    NEVER,
    best_candidates,
    bonus_possible,
    capped_weight,
    combined_class,
    complete_periods,
    displayed_of,
    dispute_is_negative,
    ended_value,
    gate_status,
    inactivity_date,
    long_term_span,
    paid_periods,
    private_class,
    public_class,
    tier_index,
    trending_ratio,
    visible_from,
    window_defined,
    window_ratio,
)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Exact = npt.NDArray[Any]  # int64, or Python ints (object) for absurdly large weights

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day 0 of numpy datetime64[D]
_NONE = 2  # feedback class "no visible feedback" (sorts after -1, 0 and +1)
_SKIP = 3  # outcome value "not counted" (one of the exclusion statuses)
_SAFE = 2**53  # integers below this convert to float64 exactly


@dataclass(frozen=True, slots=True)
class Book:
    """The contracts as columns (ordinal dates), independent of the rule set."""

    start: Ints
    end: Ints  # NEVER while open
    earning: Bools  # earnings > 0
    paid: Ints  # paid_through; start when nothing was earned (the inactivity base)
    feedback: Ints  # feedback_date; NEVER when empty
    private: Ints  # -1 when empty
    disputed: Bools
    live: Bools  # neither excluded nor client_flagged (no gate status)
    client: Ints  # index of the trimmed, case-folded client
    earnings: Exact  # Decimal objects, compared exactly
    publics: tuple[Decimal | None, ...]
    contracts: tuple[Contract, ...]

    @classmethod
    def of(cls, contracts: Sequence[Contract]) -> Book:
        # One comprehension per column: about twice as fast as one loop building rows.
        cs = contracts
        earnings = tuple(c.earnings for c in cs)
        publics = tuple(c.public for c in cs)
        keys: dict[str, int] = {}
        spelled: dict[str, int] = {}  # client as written -> index of its key
        for c in cs:
            if c.client not in spelled:
                spelled[c.client] = keys.setdefault(c.client_key, len(keys))
        feedback = _ints([_ordinal(c.feedback_date) for c in cs])
        return cls(
            start=_ints([c.start.toordinal() for c in cs]),
            end=_ints([_ordinal(c.end) for c in cs]),
            earning=np.array([e > 0 for e in earnings], dtype=np.bool_),
            paid=_ints([(c.paid_through or c.start).toordinal() for c in cs]),
            feedback=feedback,
            private=_ints([-1 if c.private is None else c.private for c in cs]),
            disputed=np.array([c.disputed for c in cs], dtype=np.bool_),
            live=np.array([gate_status(c) is None for c in cs], dtype=np.bool_),
            client=_ints([spelled[c.client] for c in cs]),
            earnings=np.array(earnings, dtype=object),
            publics=publics,
            contracts=tuple(cs),
        )


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)


def _ordinal(day: dt.date | None) -> int:
    return NEVER if day is None else day.toordinal()


def _scatter(positions: Ints, values: Exact, size: int) -> Exact:
    """Sum ``values`` into ``size`` bins by position, exactly."""
    if values.dtype == object:
        out = np.zeros(size, dtype=object)
        np.add.at(out, positions, values)
        return out
    # float64 sums of integers are exact while every partial sum stays below 2**53; the
    # rule-set setup only chooses int64 when all weights together stay below that.
    summed = np.bincount(positions, weights=values.astype(np.float64), minlength=size)
    return summed.astype(np.int64)


def _interval_sum(a: Ints, b: Ints, values: Exact, size: int) -> Exact:
    """Per grid day, the sum of ``values`` over the intervals ``[a, b)`` holding the day."""
    diff = _scatter(np.concatenate([a, b]), np.concatenate([values, -values]), size + 1)
    return np.cumsum(diff)[:size]


def _distinct(client: Ints, a: Ints, b: Ints, size: int) -> Ints:
    """Per grid day, the number of distinct clients having an interval ``[a, b)`` there."""
    keep = a < b
    if not keep.any():
        return np.zeros(size, dtype=np.int64)
    client, a, b = client[keep], a[keep], b[keep]
    stride = 2 * (size + 1)
    # One sorted key per event: client, then day, then the sign in the lowest bit.
    keys = np.sort(np.concatenate([client * stride + 2 * a + 1, client * stride + 2 * b]))
    delta = 2 * (keys & 1) - 1
    cells = keys >> 1
    first = np.flatnonzero(np.concatenate([[True], cells[1:] != cells[:-1]]))
    step = np.add.reduceat(delta, first)
    coverage = np.cumsum(step)  # per client, since every client's events sum to zero
    change = (coverage > 0).astype(np.int64) - (coverage - step > 0)
    day = cells[first] % (size + 1)
    counts = np.bincount(day, weights=change, minlength=size + 1)
    return np.cumsum(counts)[:size].astype(np.int64)


class Grid:
    """One rule set on the daily grid of computation dates ``origin + [0, size)``.

    Attributes:
        scores: Scored window (months) -> percent per grid day, NaN when undefined.
        trending, best, displayed: Per grid day, NaN when none.
    """

    def __init__(self, book: Book, rs: RuleSet, origin: int, size: int) -> None:
        self.book, self.rs, self.origin, self.size = book, rs, origin, size
        self._weights()
        self._pieces()
        self._sum_windows()
        self._report()

    # -- weights in integer units of 1/scale job (section 6) --------------------------------
    def _weights(self) -> None:
        book, rs = self.book, self.rs
        tiers = rs.earnings_tiers if rs.weighting == "earnings_tiers" else ()
        weights = [tier.weight for tier in tiers] + [rs.weight_cap, Decimal(1)]
        self.scale = scale = math.lcm(*(Fraction(w).denominator for w in weights))
        self.cap = int(rs.weight_cap * scale)
        tier = np.zeros(book.start.size, dtype=np.int64)
        if tiers:
            tier += tier_index(rs, book.earnings)
            levels = [int(t.weight * scale) for t in tiers]
        else:
            levels = [scale]
        self.per = max(rs.length_bonus_days, 1)
        bonus_on = book.earning & (rs.length_bonus_days > 0)
        self.steps = np.where(bonus_on, paid_periods(book.start, book.paid, self.per), 0)
        # No weight exceeds ``heaviest``: capping there instead changes nothing, and the cap
        # then fits the integer type.
        heaviest = min(self.cap, max(levels) + scale * int(self.steps.max(initial=0)))
        self.cap = heaviest
        clients = int(book.client.max(initial=0)) + 1
        # Every exact sum stays below this bound: 100 * N, and the events of a scatter.
        bound = 100 * (16 * book.start.size * heaviest + 4 * clients * scale)
        dtype: Any = np.int64 if bound < _SAFE else object
        self.base = np.array(levels, dtype=dtype)[tier]

    def _weight_at(self, i: Ints, span_end: Ints) -> Exact:
        book = self.book
        periods = np.minimum(complete_periods(book.start[i], span_end, self.per), self.steps[i])
        weight: Exact = capped_weight(self.base[i], periods, self.scale, self.cap)
        return weight

    # -- feedback classes and pieces (sections 4 and 5) -------------------------------------
    def _classes(self) -> Ints:
        """The class of each contract's feedback once visible (section 4), _NONE for none.

        The rule functions run once per distinct rating, and once per pair of classes.
        """
        book, rs = self.book, self.rs
        classes: list[int | None] = [-1, 0, 1, None]
        combined = np.array(
            [[_code(combined_class(rs, p, q)) for q in classes] for p in classes],  # type: ignore[arg-type]
            dtype=np.int64,
        )
        publics = {x: public_class(rs, x) for x in set(book.publics) if x is not None}
        pub = _ints([3 if x is None else publics[x] + 1 for x in book.publics])
        privates = {x: private_class(rs, x) for x in set(book.private.tolist()) if x >= 0}
        pri = _ints([3 if x < 0 else privates[x] + 1 for x in book.private.tolist()])
        return combined[pub, pri]

    def _pieces(self) -> None:
        book, rs = self.book, self.rs
        self.always = dispute_is_negative(rs, book.disputed)
        self.cls = np.where(self.always, -1, self._classes())
        # Ended value (step 4) by [earnings > 0][class + 1], classes -1, 0, +1, none.
        self.table = np.array(
            [
                [_value_code(ended_value(rs, earned, c)) for c in (-1, 0, 1, None)]
                for earned in (False, True)
            ],
            dtype=np.int64,
        )
        lo: Ints
        hi: Ints
        lo, hi = long_term_span(book.start, book.paid, book.end, rs)
        lta = book.live & book.earning & (book.paid >= lo) & (lo < hi)
        self.lta = (lta, lo, hi)
        counted = rs.open_long_term == "counted"
        fixed = [self._region(book.live & (book.end < NEVER), book.end, book.end, NEVER)]
        if rs.open_inactive == "as_ended":
            on: Ints = inactivity_date(book.paid, rs)
            begin = np.where(lta, np.maximum(on, hi), on) if counted else on
            fixed.append(self._region(book.live & (begin < book.end), on, begin, book.end))
        self.fixed = [np.concatenate(column) for column in zip(*fixed, strict=True)]
        self._moving(lta & counted, lo, hi)

    def _region(self, mask: Bools, on: Ints, r0: Ints, r1: Ints | int) -> list[Exact]:
        """Pieces of an ended-like region ``[r0, r1)`` dated ``on``, as columns a, b, d, value,
        weight, client: feedback class none until the feedback is visible, c from then on."""
        book = self.book
        i = np.flatnonzero(mask & (r0 < self.origin + self.size))
        r0, on = r0[i], on[i]
        r1 = r1[i] if isinstance(r1, np.ndarray) else np.full(i.size, r1, dtype=np.int64)
        visible = visible_from(book.feedback[i], on)
        middle = np.where(self.always[i], r0, np.clip(visible, r0, r1))
        row = book.earning[i].astype(np.int64)
        value = np.concatenate([self.table[row, _NONE + 1], self.table[row, self.cls[i] + 1]])
        a, b = np.concatenate([r0, middle]), np.concatenate([middle, r1])
        keep = (value != _SKIP) & (a < b)
        shared = [np.tile(x, 2)[keep] for x in (on, self._weight_at(i, on), book.client[i])]
        return [a[keep], b[keep], shared[0], value[keep], shared[1], shared[2]]

    def _moving(self, mask: Bools, lo: Ints, hi: Ints) -> None:
        """Counted long-term outcomes, dated t: in every window, with growing weights."""
        book, origin, size = self.book, self.origin, self.size
        i = np.flatnonzero(mask)
        a = np.clip(lo[i], origin, origin + size)
        b = np.clip(hi[i], origin, origin + size)
        i, a, b = i[a < b], a[a < b], b[a < b]
        self.moving_presence = (book.client[i], a - origin, b - origin)
        middle = np.clip(visible_from(book.feedback[i], NEVER), a, b)  # open: no end to stand in
        middle = np.where(self.always[i], a, middle)
        after = np.where(self.cls[i] == _NONE, 1, self.cls[i])
        sums = {}
        for value in (1, 0, -1):
            parts = [(a, middle, np.ones_like(after)), (middle, b, after)]
            sel = [(i[v == value], x[v == value], y[v == value]) for x, y, v in parts]
            j, x, y = (np.concatenate(column) for column in zip(*sel, strict=True))
            sums[value] = self._ramp(j[x < y], x[x < y], y[x < y])
        self.moving_sums = sums

    def _ramp(self, i: Ints, a: Ints, b: Ints) -> Exact:
        """Per grid day, the sum of the LTA weights ``w(t)`` over ``t in [a, b)`` (t = span end).

        ``w`` steps up by ``scale`` at ``start + k * per`` for ``k <= full`` (the comb), then
        by a last partial step to the cap; events outside ``[a, b)`` are left out.
        """
        book, scale, per, origin, size = self.book, self.scale, self.per, self.origin, self.size
        start, base, steps = book.start[i], self.base[i], self.steps[i]
        ja = np.clip((a - start) // per, 0, steps)
        jb = np.clip((b - 1 - start) // per, 0, steps)
        wa = np.minimum(base + scale * ja, self.cap)
        wb = np.minimum(base + scale * jb, self.cap)
        full = np.clip((self.cap - base) // scale, 0, steps).astype(np.int64)
        gap = self.cap - (base + scale * full)
        part = (full < steps) & (gap > 0).astype(np.bool_) & (ja <= full) & (full < jb)
        positions = np.concatenate([a, b, (start + (full + 1) * per)[part]]) - origin
        diff = _scatter(positions, np.concatenate([wa, -wb, gap[part]]), size + 1)
        k0, k1 = ja + 1, np.minimum(full, jb)
        has = k0 <= k1
        length = -(-(size + 1) // per) * per
        comb_at = np.concatenate([start + k0 * per, start + (k1 + 1) * per])[np.tile(has, 2)]
        comb_value = np.repeat(np.array([scale, -scale], dtype=base.dtype), has.sum())
        inside = comb_at - origin < length
        comb = _scatter(comb_at[inside] - origin, comb_value[inside], length)
        comb = np.cumsum(comb.reshape(-1, per), axis=0).reshape(-1)[: size + 1]
        return np.cumsum(diff + comb)[:size]

    # -- window sums and scores (sections 7 and 8) ------------------------------------------
    def _sum_windows(self) -> None:
        rs, size, origin = self.rs, self.size, self.origin
        a, b, on, value, weight, client = self.fixed
        moving_client, moving_a, moving_b = self.moving_presence
        moving_count = _interval_sum(moving_a, moving_b, np.ones_like(moving_a), size)
        bonus: Exact = np.zeros(size, dtype=np.int64)
        if rs.long_term_client_bonus:
            lta, lo, hi = self.lta
            possible = [bonus_possible(c, rs) for c in self.book.contracts]
            i = np.flatnonzero(lta & np.array(possible, dtype=np.bool_))
            span = [np.clip(x[i] - origin, 0, size) for x in (lo, hi)]
            bonus = _distinct(self.book.client[i], span[0], span[1], size) * self.scale
        self.sums: dict[int, tuple[Exact, Exact, Exact, Ints, Ints]] = {}
        for months in rs.scored_windows:
            pa = np.clip(a - origin, 0, size)
            pb = np.clip(np.minimum(b, window_exit_days(on, months)) - origin, pa, size)
            pos, neg = value == 1, value == -1
            good = _interval_sum(pa[pos], pb[pos], weight[pos], size) + self.moving_sums[1]
            bad = _interval_sum(pa[neg], pb[neg], weight[neg], size) + self.moving_sums[-1]
            total = _interval_sum(pa, pb, weight, size) + sum(self.moving_sums.values())
            count = _interval_sum(pa, pb, np.ones_like(pa), size) + moving_count
            clients = _distinct(
                np.concatenate([client, moving_client]),
                np.concatenate([pa, moving_a]),
                np.concatenate([pb, moving_b]),
                size,
            )
            self.sums[months] = (good + bonus, bad, total + bonus, count, clients)

    def _report(self) -> None:
        rs = self.rs
        exact: dict[int, tuple[Exact, Exact, Bools]] = {}
        for months, (good, bad, total, count, clients) in self.sums.items():
            num, den = window_ratio(rs, good, bad, total)
            exact[months] = (num, den, window_defined(rs, count, clients, total))
        self.scores = {m: _to_float(num, den, ok) for m, (num, den, ok) in exact.items()}
        self.trending = np.full(self.size, np.nan)
        mean = (np.zeros(self.size, dtype=np.int64),) * 2 + (np.zeros(self.size, np.bool_),)
        if rs.trending:
            (n3, d3, ok3), (n6, d6, ok6) = exact[3], exact[6]
            if _big(n3, d3, n6, d6):
                n3, d3, n6, d6 = (x.astype(object) for x in (n3, d3, n6, d6))
            mean = (*trending_ratio(n3, d3, n6, d6), ok3 & ok6)
            self.trending = _to_float(*mean)
        floats = best_candidates(rs, self.scores, self.trending)
        self.best = np.fmax.reduce(floats) if len(floats) > 1 else floats[0]
        rounded = [_displayed(rs, *c) for c in best_candidates(rs, exact, mean)]
        top = np.maximum.reduce(rounded) if len(rounded) > 1 else rounded[0]
        self.displayed = np.where(top >= 0, top, np.nan).astype(np.float64)


def _code(feedback: int | None) -> int:
    return _NONE if feedback is None else feedback


def _value_code(value: int | str) -> int:
    return _SKIP if isinstance(value, str) else value


def _big(*arrays: Exact) -> bool:
    """Could a product of two of ``arrays``' values, doubled, overflow int64?"""
    if any(x.dtype == object for x in arrays):
        return True
    largest = max((int(np.abs(x).max()) for x in arrays if x.size), default=0)
    return 4 * largest * largest >= 2**63


def _to_float(num: Exact, den: Exact, defined: Bools) -> Floats:
    """``num / den`` as the nearest float64 where defined (``float(Fraction)``), else NaN."""
    out = np.full(defined.size, np.nan)
    idx = np.flatnonzero(defined)
    n, d = num[idx], den[idx]
    if n.dtype != object and (idx.size == 0 or max(int(np.abs(n).max()), int(d.max())) < _SAFE):
        out[idx] = n.astype(np.float64) / d.astype(np.float64)  # both exact: correctly rounded
    else:
        out[idx] = [int(p) / int(q) for p, q in zip(n.tolist(), d.tolist(), strict=True)]
    return out


def _displayed(rs: RuleSet, num: Exact, den: Exact, defined: Bools) -> Ints:
    """The displayed integer of ``num / den`` per day (exactly), -1 where undefined."""
    out = np.full(defined.size, -1, dtype=np.int64)
    idx = np.flatnonzero(defined)
    n, d = num[idx], den[idx]
    if n.dtype != object and idx.size and int(n.max()) >= 2**62 // 2_000_000:
        n, d = n.astype(object), d.astype(object)  # the rounding multiplies by 2,000,000
    out[idx] = np.asarray(displayed_of(rs.rounding, n, d)).astype(np.int64)
    return out
