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
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_before, window_exit
from jsswhatif.core.engine import Evaluation, FeedbackClass
from jsswhatif.core.rules import RuleSet

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class WindowExit:
    """The day a counted outcome leaves a window (first day it is no longer inside)."""

    contract_id: str
    title: str
    months: int
    date: dt.date
    value: FeedbackClass


def window_exits(evaluation: Evaluation) -> tuple[WindowExit, ...]:
    """Exit dates of every counted outcome with a fixed date, for each reported window.

    Outcomes dated t itself (long-term active contracts) move with t and never exit.
    Sorted by date, then contract order.
    """
    exits = []
    for result in evaluation.results:
        outcome = result.outcome
        if outcome is None or outcome.reason == "long_term_active":
            continue
        for months in evaluation.rule_set.reported_windows:
            exits.append(
                WindowExit(
                    result.contract.id,
                    result.contract.title,
                    months,
                    window_exit(outcome.date, months),
                    outcome.value,
                )
            )
    return tuple(sorted(exits, key=lambda e: (e.date, e.months)))


def contract_impacts(evaluation: Evaluation) -> tuple[float | None, ...]:
    """Leave-one-out impact of every contract in points, aligned with ``evaluation.results``.

    None where the score with or without the contract is undefined. Positive helps.
    """
    rules = evaluation.rule_set
    computed_on = evaluation.computed_on
    # Only counted contracts and bonus earners change anything when removed; the others
    # leave the score as it is (impact 0, or None without a score).
    relevant = [i for i, r in enumerate(evaluation.results) if r.outcome is not None or r.bonus]
    results = [evaluation.results[i] for i in relevant]
    index: dict[str, int] = {}
    client_of = np.array(
        [index.setdefault(r.contract.client_key, len(index)) for r in results], dtype=np.int64
    )
    counted = np.array([r.outcome is not None for r in results], dtype=np.bool_)
    outcomes = [(o.value, float(o.weight), o.date.toordinal()) for r in results if (o := r.outcome)]
    value, weight, dated = (np.zeros(len(results)) for _ in range(3))
    if outcomes:
        value[counted], weight[counted], dated[counted] = np.array(outcomes).T

    qualifies = np.array([r.bonus for r in results], dtype=np.bool_)
    qualifying_per_client = np.bincount(client_of, weights=qualifies, minlength=len(index))
    # Removing a contract drops its client's bonus only when no other contract qualifies.
    bonus_lost = qualifies & (qualifying_per_client[client_of] == 1)
    bonus = float(len(evaluation.bonus_clients))

    with_scores: dict[int, float] = {}
    without_scores: dict[int, FloatArray] = {}
    for months in rules.scored_windows:
        start = months_before(computed_on, months).toordinal()
        inside = counted & (dated >= start) & (dated <= computed_on.toordinal())
        w = np.where(inside, weight, 0.0)
        good = np.where(value == 1, w, 0.0) - (
            np.where(value == -1, w, 0.0) if rules.formula == "net" else 0.0
        )
        per_client = np.bincount(client_of, weights=inside, minlength=len(index))
        clients = float(np.count_nonzero(per_client))
        totals = (good.sum() + bonus, w.sum() + bonus, float(inside.sum()), clients)
        with_scores[months] = float(_scores(rules, *totals))
        without_scores[months] = _scores(
            rules,
            totals[0] - good - bonus_lost,
            totals[1] - w - bonus_lost,
            totals[2] - inside,
            clients - (inside & (per_client[client_of] == 1)),
        )

    best_with = float(_best(rules, {m: np.array([s]) for m, s in with_scores.items()})[0])
    unchanged = None if math.isnan(best_with) else 0.0
    impacts: list[float | None] = [unchanged] * len(evaluation.results)
    for i, without in zip(relevant, _best(rules, without_scores).tolist(), strict=True):
        impacts[i] = None if math.isnan(best_with - without) else best_with - without
    return tuple(impacts)


def _scores(
    rules: RuleSet,
    good: npt.ArrayLike,
    total: npt.ArrayLike,
    outcomes: npt.ArrayLike,
    clients: npt.ArrayLike,
) -> FloatArray:
    """Window scores (percent, NaN when undefined) for arrays of sums, element by element."""
    good, total = np.asarray(good, dtype=float), np.asarray(total, dtype=float)
    outcomes, clients = np.asarray(outcomes, dtype=float), np.asarray(clients, dtype=float)
    defined = (outcomes >= rules.min_outcomes) & (clients >= rules.min_clients) & (total > 0)
    safe_total = np.where(defined, total, 1.0)
    raw = np.clip(100.0 * good / safe_total, 0.0, 100.0)
    return np.where(defined, raw, np.nan)


def _best(rules: RuleSet, scores: dict[int, FloatArray]) -> FloatArray:
    candidates = [scores[m] for m in rules.windows]
    if rules.trending:
        candidates.append((scores[3] + scores[6]) / 2)  # NaN unless both are defined
    best: FloatArray = np.fmax.reduce(np.stack(candidates), axis=0)  # NaN where all are
    return best


def fragility(impacts: Sequence[float | None]) -> float | None:
    """The largest absolute impact: how far one contract can move the score (points)."""
    known = [abs(x) for x in impacts if x is not None]
    return max(known) if known else None
