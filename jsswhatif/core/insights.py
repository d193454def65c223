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

from jsswhatif.core.calendar import months_before, window_exit_days
from jsswhatif.core.engine import ContractResult, Evaluation, FeedbackClass
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


def window_exits(evaluation: Evaluation, held_only: bool = False) -> tuple[WindowExit, ...]:
    """Exit dates of every counted outcome with a fixed date, for each reported window.

    Outcomes dated t itself (long-term active contracts) move with t and never exit.
    Sorted by date, then window, then contract order. With ``held_only``, only the exits of
    windows that hold the outcome at t (the coming ones: the others are history).
    """
    months = evaluation.rule_set.reported_windows
    kept = [
        (r.contract, r.outcome, len(r.windows))
        for r in evaluation.results
        if r.outcome is not None and r.outcome.reason != "long_term_active"
    ]
    if not kept or not months:
        return ()
    dated = np.array([o.date.toordinal() for _, o, _ in kept], dtype=np.int64)
    exits = np.stack([window_exit_days(dated, m) for m in months], axis=1)  # window_exit, at once
    if held_only:
        # The windows holding an outcome are the longest ones (engine: a suffix of months).
        held = np.array([n for _, _, n in kept], dtype=np.int64)
        mask = np.arange(len(months))[None, :] >= (len(months) - held)[:, None]
    else:
        mask = np.ones(exits.shape, dtype=np.bool_)
    row, column = np.nonzero(mask)
    on = exits[row, column]
    order = np.lexsort((row, column, on))  # by date, then window, then contract order
    day = functools.lru_cache(maxsize=None)(dt.date.fromordinal)
    found = []
    for i, j, d in zip(
        row[order].tolist(), column[order].tolist(), on[order].tolist(), strict=True
    ):
        contract, outcome, _ = kept[i]
        found.append(WindowExit(contract.id, contract.title, months[j], day(d), outcome.value))
    return tuple(found)


def contract_impacts(evaluation: Evaluation) -> tuple[Fraction | None, ...]:
    """Leave-one-out impact of every contract in points, aligned with ``evaluation.results``.

    Exact: weights become integers (times the least common denominator of the weights) and
    every score a ratio of integers, so an impact that ends in a 6-decimal tie rounds as the
    interfaces say. None where the score with or without the contract is undefined. Positive
    helps.
    """
    rules = evaluation.rule_set
    # Only counted contracts and bonus earners change anything when removed; the others
    # leave the score as it is (impact 0, or None without a score).
    relevant = [i for i, r in enumerate(evaluation.results) if r.outcome is not None or r.bonus]
    best_with = evaluation.best
    impacts: list[Fraction | None] = [None if best_with is None else Fraction(0)] * len(
        evaluation.results
    )
    if not relevant or best_with is None:
        return tuple(impacts)
    removed = _Removals.of(evaluation, [evaluation.results[i] for i in relevant])
    without = {m: removed.window_without(m) for m in rules.scored_windows}
    trending: tuple[Exact, Exact, Bools] = without[next(iter(without))]
    if rules.trending:
        (n3, d3, ok3), (n6, d6, ok6) = without[3], without[6]
        trending = (*trending_ratio(n3, d3, n6, d6), ok3 & ok6)
    best_num, best_den, best_ok = _largest(best_candidates(rules, without, trending))
    exact: dict[tuple[int, int], Fraction] = {}  # alike contracts share one fraction
    for i, n, d, ok in zip(
        relevant, best_num.tolist(), best_den.tolist(), best_ok.tolist(), strict=True
    ):
        if ok:
            key = (int(n), int(d))
            if key not in exact:
                exact[key] = best_with - Fraction(*key)
            impacts[i] = exact[key]
        else:
            impacts[i] = None
    return tuple(impacts)


@dataclass(frozen=True, slots=True)
class _Removals:
    """The contracts that matter to impacts as columns: weights as integers (times ``scale``),
    with what removing each one takes away."""

    evaluation: Evaluation
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
    def of(cls, evaluation: Evaluation, results: Sequence[ContractResult]) -> _Removals:
        index: dict[str, int] = {}
        client_of = np.array(
            [index.setdefault(r.contract.client_key, len(index)) for r in results],
            dtype=np.int64,
        )
        outcomes = [r.outcome for r in results]
        # Few distinct weights: each is scaled once (Decimal arithmetic is the slow part).
        weights = {o.weight for o in outcomes if o is not None}
        scale = math.lcm(*(w.as_integer_ratio()[1] for w in weights))
        scaled = {w: int(w * scale) for w in weights}
        total_weight = sum(scaled[o.weight] for o in outcomes if o is not None)
        bonus_jobs = len(evaluation.bonus_clients)
        # The largest number computed is a cross product of two ratios: 100 N^2 for window
        # scores, 400 N^4 with trending's ratios of ratios.
        most = total_weight + scale * bonus_jobs + 1
        largest = 400 * most**4 if evaluation.rule_set.trending else 100 * most**2
        dtype: Any = np.int64 if largest < 2**63 else object
        qualifies = np.array([r.bonus for r in results], dtype=np.bool_)
        per_client = np.bincount(client_of, weights=qualifies, minlength=len(index))
        return cls(
            evaluation=evaluation,
            client_of=client_of,
            counted=np.array([o is not None for o in outcomes], dtype=np.bool_),
            value=np.array([0 if o is None else o.value for o in outcomes], dtype=np.int64),
            weight=np.array([0 if o is None else scaled[o.weight] for o in outcomes], dtype=dtype),
            dated=np.array(
                [0 if o is None else o.date.toordinal() for o in outcomes], dtype=np.int64
            ),
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
