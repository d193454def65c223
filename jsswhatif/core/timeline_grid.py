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

from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import RuleSet

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Exact = npt.NDArray[Any]  # int64, or Python ints (object) for absurdly large weights

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day 0 of numpy datetime64[D]
_FAR = 10**8  # an ordinal later than any date: "never" (an open contract's end)
_NONE = 2  # feedback class "no visible feedback" (sorts after -1, 0 and +1)
_SKIP = 3  # outcome value "not counted" (one of the exclusion statuses)
_SAFE = 2**53  # integers below this convert to float64 exactly


@dataclass(frozen=True, slots=True)
class Book:
    """The contracts as columns (ordinal dates), independent of the rule set."""

    start: Ints
    end: Ints  # _FAR while open
    earning: Bools  # earnings > 0
    paid: Ints  # paid_through; start when nothing was earned (the inactivity base)
    feedback: Ints  # feedback_date; _FAR when empty
    has_feedback: Bools
    public: Floats  # NaN when empty
    private: Ints  # -1 when empty
    disputed: Bools
    live: Bools  # neither excluded nor client_flagged
    client: Ints  # index of the trimmed, case-folded client
    earnings_f: Floats
    earnings: tuple[Decimal, ...]
    publics: tuple[Decimal | None, ...]

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
            has_feedback=feedback < _FAR,
            public=np.array([math.nan if x is None else x for x in publics], dtype=np.float64),
            private=_ints([-1 if c.private is None else c.private for c in cs]),
            disputed=np.array([c.disputed for c in cs], dtype=np.bool_),
            live=np.array([not (c.excluded or c.client_flagged) for c in cs], dtype=np.bool_),
            client=_ints([spelled[c.client] for c in cs]),
            earnings_f=np.array(earnings, dtype=np.float64),
            earnings=earnings,
            publics=publics,
        )


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)


def _ordinal(day: dt.date | None) -> int:
    return _FAR if day is None else day.toordinal()


def _window_exit(d: Ints, months: int) -> Ints:
    """Vectorized :func:`jsswhatif.core.calendar.window_exit` on date ordinals."""
    following = (d + 1 - EPOCH_ORDINAL).astype("datetime64[D]")
    month = following.astype("datetime64[M]")
    day0 = (following - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    target_first = target.astype("datetime64[D]")
    next_first = (target + np.timedelta64(1, "M")).astype("datetime64[D]")
    fits = day0 < (next_first - target_first).astype(np.int64)
    exit_ = np.where(fits, target_first + day0, next_first)
    return exit_.astype(np.int64) + EPOCH_ORDINAL


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
        if tiers:
            bounds = np.array([float(tier.up_to or 0) for tier in tiers[:-1]])
            tier = np.searchsorted(bounds, book.earnings_f, side="left")
            for i in np.flatnonzero(np.isin(book.earnings_f, bounds)).tolist():
                exact = rs.base_weight(book.earnings[i])
                tier[i] = next(k for k, t in enumerate(tiers) if t.weight == exact)
            levels = [int(t.weight * scale) for t in tiers]
        else:
            tier, levels = np.zeros(book.start.size, dtype=np.int64), [scale]
        self.per = max(rs.length_bonus_days, 1)
        bonus_on = book.earning & (rs.length_bonus_days > 0)
        self.steps = np.where(bonus_on, (book.paid - book.start) // self.per + 1, 0)
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
        periods = np.minimum((span_end - book.start[i]) // self.per, self.steps[i])
        weight: Exact = np.minimum(self.base[i] + self.scale * np.maximum(periods, 0), self.cap)
        return weight

    # -- feedback classes and pieces (sections 4 and 5) -------------------------------------
    def _classes(self) -> Ints:
        book, rs = self.book, self.rs
        public = book.public
        pos, neutral = float(rs.public_positive_min), float(rs.public_neutral_min)
        pub = np.where(public >= pos, 1, np.where(public >= neutral, 0, -1))
        pub[np.isnan(public)] = _NONE
        for i in np.flatnonzero((public == pos) | (public == neutral)).tolist():
            stars = book.publics[i]  # a tie in float64: compare the exact decimals
            assert stars is not None
            pub[i] = _public_class(rs, stars)
        private = book.private
        pri = np.where(
            private >= rs.private_positive_min,
            1,
            np.where(private >= rs.private_neutral_min, 0, -1),
        )
        pri[private < 0] = _NONE
        if rs.combine == "private_first":
            return np.where(pri != _NONE, pri, pub).astype(np.int64)
        return np.minimum(pub, pri).astype(np.int64)

    def _pieces(self) -> None:
        book, rs = self.book, self.rs
        self.always = book.disputed & rs.dispute_is_negative
        self.cls = np.where(self.always, -1, self._classes())
        zero = {"negative": -1, "neutral": 0, "excluded": _SKIP}[rs.zero_earnings_no_feedback]
        # Ended value (step 4) by [earnings > 0][class + 1], classes -1, 0, +1, none.
        self.table = np.array(
            [
                [-1, 0, _SKIP if rs.zero_earnings_positive == "excluded" else 1, zero],
                [-1, 0, 1, 0 if rs.no_feedback == "neutral" else _SKIP],
            ],
            dtype=np.int64,
        )
        lo = book.start + rs.long_term_min_days
        hi = np.minimum(book.paid + rs.long_term_payment_gap_days + 1, book.end)
        lta = book.live & book.earning & (book.paid >= lo) & (lo < hi)
        self.lta = (lta, lo, hi)
        counted = rs.open_long_term == "counted"
        fixed = [self._region(book.live & (book.end < _FAR), book.end, book.end, _FAR)]
        if rs.open_inactive == "as_ended":
            on = book.paid + rs.inactive_after_days
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
        visible = np.where(book.has_feedback[i], book.feedback[i], on)
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
        middle = np.where(book.has_feedback[i], np.clip(book.feedback[i], a, b), b)
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
            i = np.flatnonzero(lta)
            span = [np.clip(x[i] - origin, 0, size) for x in (lo, hi)]
            bonus = _distinct(self.book.client[i], span[0], span[1], size) * self.scale
        self.sums: dict[int, tuple[Exact, Exact, Exact, Ints, Ints]] = {}
        for months in rs.scored_windows:
            pa = np.clip(a - origin, 0, size)
            pb = np.clip(np.minimum(b, _window_exit(on, months)) - origin, pa, size)
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
            net = good - bad if rs.formula == "net" else good
            defined = (count >= rs.min_outcomes) & (clients >= rs.min_clients) & (total > 0)
            hundred = 100 * total
            num = np.minimum(np.maximum(100 * net, 0), hundred)
            exact[months] = (num, total, defined)
        self.scores = {m: _to_float(num, den, ok) for m, (num, den, ok) in exact.items()}
        candidates = [exact[m] for m in rs.windows]
        self.trending = np.full(self.size, np.nan)
        if rs.trending:
            (n3, d3, ok3), (n6, d6, ok6) = exact[3], exact[6]
            if _big(n3, d3, n6, d6):
                n3, d3, n6, d6 = (x.astype(object) for x in (n3, d3, n6, d6))
            both = ok3 & ok6
            mean = (n3 * d6 + n6 * d3, 2 * d3 * d6, both)
            self.trending = _to_float(*mean)
            candidates.append(mean)
        floats = [self.scores[m] for m in rs.windows] + [self.trending] * rs.trending
        self.best = np.fmax.reduce(floats) if len(floats) > 1 else floats[0]
        rounded = [_rounded(f, *c, rs.rounding) for f, c in zip(floats, candidates, strict=True)]
        top = np.maximum.reduce(rounded) if len(rounded) > 1 else rounded[0]
        self.displayed = np.where(top >= 0, top, np.nan).astype(np.float64)


def _public_class(rs: RuleSet, stars: Decimal) -> int:
    if stars >= rs.public_positive_min:
        return 1
    return 0 if stars >= rs.public_neutral_min else -1


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


def _rounded(x: Floats, num: Exact, den: Exact, defined: Bools, rounding: str) -> Ints:
    """engine.round_displayed of ``num / den`` per day, -1 where undefined."""
    out = np.full(x.size, -1, dtype=np.int64)
    idx = np.flatnonzero(defined)
    if rounding == "floor":
        out[idx] = (num[idx] // den[idx]).astype(np.int64)
        return out
    y = x[idx] * 1e6 + 0.5
    micro = np.floor(y).astype(np.int64)
    # The float error of y is below 1e-7: re-check exactly where y is that close to an integer.
    for k in np.flatnonzero(np.abs(y - np.rint(y)) < 1e-6).tolist():
        p, q = int(num[idx[k]]), int(den[idx[k]])
        micro[k] = (2 * p * 1_000_000 + q) // (2 * q)
    out[idx] = (micro + 500_000) // 1_000_000
    return out
