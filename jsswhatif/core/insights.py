"""Derived views at one date (scoring model, section 11): impact, fragility, window exits.

Impact is leave-one-out: ``impact(c, t) = best(t) - best(t without c)`` in percentage
points, for every contract, counted or not. Removing one contract changes only its own
outcome, its client's distinct-client count and its client's long-term bonus, so all
impacts come from one evaluation with array arithmetic instead of n re-evaluations.

Example: in the interfaces.md sample (as-of 2026-11-25) removing c3 (value 0, weight 1.25)
lifts the 24-month window from 100 * 11.5 / 12.75 to 100 * 11.5 / 11.5, so c3's impact is
90.196078 - 100 = -9.803922 points.

The other derived views have modules of their own: :mod:`jsswhatif.core.forecast` (next
changes with their causes), :mod:`jsswhatif.core.top_rated` (the Top Rated estimate) and
:mod:`jsswhatif.core.explain` (why a contract counts, in words).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from jsswhatif.core.arrays import distinct_inverse
from jsswhatif.core.calendar import months_before, window_exit_days
from jsswhatif.core.engine import Evaluation, FeedbackClass
from jsswhatif.core.scoring import best_candidates, trending_ratio, window_defined, window_ratio

Exact = npt.NDArray[Any]  # int64, or Python ints (object) when products could overflow
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


class WindowExit(NamedTuple):
    """The day a counted outcome leaves a window (first day it is no longer inside).

    A named tuple: an evaluation at 10,000 contracts has some 15,000 of them, and a frozen
    dataclass took three times as long to make.
    """

    contract_id: str
    title: str
    months: int
    date: dt.date
    value: FeedbackClass


#: A WindowExit from a tuple of its fields, without the named tuple's Python ``__new__``.
_make_exit = functools.partial(tuple.__new__, WindowExit)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day 0 of numpy datetime64[D]


def window_exits(evaluation: Evaluation, held_only: bool = False) -> tuple[WindowExit, ...]:
    """Exit dates of every counted outcome with a fixed date, for each reported window.

    Outcomes dated t itself (long-term active contracts) move with t and never exit.
    Sorted by date, then window, then contract order. With ``held_only``, only the exits of
    windows that hold the outcome at t (the coming ones: the others are history).
    """
    months = evaluation.rule_set.reported_windows
    if not months:
        return ()
    # The app asks for the coming exits after every step: an outcome no window holds has
    # none, and skipping it first spares most of the work (most outcomes are history). The
    # engine's arrays find the others without visiting every result: an outcome is held
    # by a window (its result's ``windows``) when dated in the longest one.
    days = evaluation.arrays.dated  # -1: no outcome
    longest = months_before(evaluation.computed_on, months[-1]).toordinal()
    rows = np.flatnonzero(days >= longest if held_only else days >= 0).tolist()
    picked = [evaluation.results[i] for i in rows]
    kept = [r for r in picked if (o := r.outcome) and o.reason != "long_term_active"]
    if not kept:
        return ()
    outcomes = [o for r in kept if (o := r.outcome) is not None]
    dated = np.array([o.date.toordinal() for o in outcomes], dtype=np.int64)
    exits = np.stack([window_exit_days(dated, m) for m in months], axis=1)  # window_exit, at once
    if held_only:
        # The windows holding an outcome are the longest ones (engine: a suffix of months).
        held = np.array([len(r.windows) for r in kept], dtype=np.int64)
        mask = np.arange(len(months))[None, :] >= (len(months) - held)[:, None]
    else:
        mask = np.ones(exits.shape, dtype=np.bool_)
    row, column = np.nonzero(mask)
    on = exits[row, column]
    # By date, then window, then contract order: one key sorts faster than a lexsort of three
    # (day ordinals below 10^6, so far below 2^63).
    order = np.argsort((on * len(months) + column) * len(kept) + row)
    row, column, on = row[order], column[order], on[order]
    # Each column at once, picked by numpy from per-outcome columns: a Python loop making the
    # exits one by one took most of the time. Equal dates share one date object.
    days, day_of = distinct_inverse(on)
    dates = (days - _EPOCH_ORDINAL).astype("datetime64[D]").astype(object)[day_of]
    return tuple(
        map(
            _make_exit,
            zip(
                np.array([r.contract.id for r in kept], dtype=object)[row].tolist(),
                np.array([r.contract.title for r in kept], dtype=object)[row].tolist(),
                np.array(months, dtype=object)[column].tolist(),
                dates.tolist(),
                np.array([o.value for o in outcomes], dtype=object)[row].tolist(),
                strict=True,
            ),
        )
    )


def contract_impacts(evaluation: Evaluation) -> tuple[Fraction | None, ...]:
    """Leave-one-out impact of every contract in points, aligned with ``evaluation.results``.

    Exact: weights become integers (times the least common denominator of the weights) and
    every score a ratio of integers, so an impact that ends in a 6-decimal tie rounds as the
    interfaces say. None where the score with or without the contract is undefined. Positive
    helps.
    """
    rules = evaluation.rule_set
    best_with = evaluation.best
    count = len(evaluation.results)
    if best_with is None:
        return (None,) * count
    removed = _Removals.of(evaluation)
    if removed is None:
        return (Fraction(0),) * count
    without = {m: removed.window_without(m) for m in rules.scored_windows}
    trending: tuple[Exact, Exact, Bools] = without[next(iter(without))]
    if rules.trending:
        (n3, d3, ok3), (n6, d6, ok6) = without[3], without[6]
        trending = (*trending_ratio(n3, d3, n6, d6), ok3 & ok6)
    best_num, best_den, best_ok = _largest(best_candidates(rules, without, trending))
    # Alike contracts share one fraction: few distinct scores, each subtracted once.
    pairs = list(zip(best_num[best_ok].tolist(), best_den[best_ok].tolist(), strict=True))
    exact = {(n, d): best_with - Fraction(int(n), int(d)) for n, d in dict.fromkeys(pairs)}
    found = np.full(len(best_ok), None, dtype=object)
    found[best_ok] = np.fromiter(map(exact.__getitem__, pairs), dtype=object, count=len(pairs))
    impacts = np.full(count, Fraction(0), dtype=object)
    impacts[removed.idle] = found[-1]  # outside every window: what removing nothing does
    impacts[removed.rows] = found[:-1]
    return tuple(impacts.tolist())


@dataclass(frozen=True, slots=True)
class _Removals:
    """The contracts whose removal can change the score as columns, and a last row that
    removes nothing; weights as integers (times ``scale``), with what removing each one takes
    away."""

    evaluation: Evaluation
    rows: Ints  # the contracts' indices in the evaluation's results
    idle: Ints  # indices of those counted outside every window: their removal is the last row's
    client_of: Ints  # index of the client (trimmed, case-folded)
    counted: Bools
    value: Ints
    weight: Exact
    dated: Ints
    bonus: int  # the bonus pseudo-outcomes' weight, scaled
    bonus_lost: Exact  # the bonus removing each contract takes with it (its client's last)
    clients: int
    dtype: Any

    @classmethod
    def of(cls, evaluation: Evaluation) -> _Removals | None:
        """The removals, or None when no contract counts or earns a bonus (removing any leaves
        the score as it is: impact 0, or None without a score)."""
        on = evaluation.computed_on
        first = min(months_before(on, m) for m in evaluation.rule_set.scored_windows)
        # Removing an outcome no scored window holds, of a contract earning no bonus, leaves
        # every window as it is: one row stands for all of them, and most outcomes are history.
        # The engine's arrays tell them apart and give the rows without visiting the results.
        arrays = evaluation.arrays
        days = arrays.dated  # -1: no outcome
        matters = arrays.bonus | ((days >= first.toordinal()) & (days <= on.toordinal()))
        rows, idle = np.flatnonzero(matters), np.flatnonzero(~matters & (days >= 0))
        if not len(rows) and not len(idle):
            return None
        counted = np.zeros(len(rows) + 1, dtype=np.bool_)  # the last row removes nothing
        counted[:-1] = days[rows] >= 0
        real = rows[counted[:-1]]
        keys = arrays.key[rows].tolist()
        index = {key: k for k, key in enumerate(dict.fromkeys(keys))}  # each client's number
        client_of = np.zeros(len(rows) + 1, dtype=np.int64)
        client_of[:-1] = list(map(index.__getitem__, keys))
        # Few distinct weights: each is scaled once (Decimal arithmetic is the slow part).
        weights = arrays.weight[real].tolist()
        distinct = set(weights)
        scale = math.lcm(*(w.as_integer_ratio()[1] for w in distinct))
        scaled = {w: int(w * scale) for w in distinct}
        real_weight = [scaled[w] for w in weights]
        bonus_jobs = len(evaluation.bonus_clients)
        # The largest number computed is a cross product of two ratios: 100 N^2 for window
        # scores, 400 N^4 with trending's ratios of ratios. N counts only outcomes in windows.
        most = sum(real_weight) + scale * bonus_jobs + 1
        largest = 400 * most**4 if evaluation.rule_set.trending else 100 * most**2
        dtype: Any = np.int64 if largest < 2**63 else object
        value = np.zeros(len(counted), dtype=np.int64)
        value[counted] = arrays.value[real]
        weight = np.zeros(len(counted), dtype=dtype)
        weight[counted] = real_weight
        dated = np.zeros(len(counted), dtype=np.int64)
        dated[counted] = days[real]
        qualifies = np.zeros(len(counted), dtype=np.bool_)
        qualifies[:-1] = arrays.bonus[rows]
        per_client = np.bincount(client_of, weights=qualifies, minlength=len(index))
        return cls(
            evaluation=evaluation,
            rows=rows,
            idle=idle,
            client_of=client_of,
            counted=counted,
            value=value,
            weight=weight,
            dated=dated,
            bonus=bonus_jobs * scale,
            bonus_lost=(qualifies & (per_client[client_of] == 1)).astype(dtype) * scale,
            clients=len(index),
            dtype=dtype,
        )

    def window_without(self, months: int) -> tuple[Exact, Exact, Bools]:
        """The score of the ``months`` window without each contract: ``(num, den, defined)``."""
        rules, on = self.evaluation.rule_set, self.evaluation.computed_on
        start = months_before(on, months).toordinal()
        inside = self.counted & (self.dated >= start) & (self.dated <= on.toordinal())
        w = np.where(inside, self.weight, 0).astype(self.dtype)
        good = np.where(self.value == 1, w, 0).astype(self.dtype)
        bad = np.where(self.value == -1, w, 0).astype(self.dtype)
        per_client = np.bincount(self.client_of, weights=inside, minlength=self.clients)
        clients = int(np.count_nonzero(per_client))
        sole = inside & (per_client[self.client_of] == 1)
        positive = good.sum() + self.bonus - good - self.bonus_lost
        negative = bad.sum() - bad
        total = w.sum() + self.bonus - w - self.bonus_lost
        num, den = window_ratio(rules, positive, negative, total)
        defined = window_defined(rules, int(inside.sum()) - inside, clients - sole, total)
        return num, np.where(defined, den, 1).astype(self.dtype), defined


def _largest(candidates: Sequence[tuple[Exact, Exact, Bools]]) -> tuple[Exact, Exact, Bools]:
    """Per element, the largest defined ratio ``num / den`` among the candidates."""
    num, den, ok = candidates[0]
    for n, d, defined in candidates[1:]:
        better = defined & (~ok | (n * den > num * d))
        num, den, ok = np.where(better, n, num), np.where(better, d, den), ok | defined
    return num, den, ok


def fragility(impacts: Sequence[Fraction | float | None]) -> float | None:
    """The largest absolute impact: how far one contract can move the score (points)."""
    known = [abs(float(x)) for x in impacts if x is not None]
    return max(known) if known else None
