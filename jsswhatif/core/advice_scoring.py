"""Scoring the advisor's actions fast: one contract swapped for another at one date.

Changing a contract changes only its outcome, its client's distinct-client count and its
client's long-term bonus, so :class:`Scorer` scores each action of
:mod:`jsswhatif.core.advice` from the baseline's window sums (:class:`_Sums`) instead of
evaluating every contract again, exactly as :func:`~jsswhatif.core.engine.evaluate` would score
the scenario (a property test holds it to the engine). Weights have at most 4 decimals, so
the sums are integers in units of 1/10,000 job and every score a ratio of integers.

Top Rated after an action: the weekly samples before its day are the baseline's (Upwork
recorded them before the action's update), the one on that day, if a Saturday, has the
action; the 12-month earnings are exact.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import ContractResult, Evaluation, Outcome, contract_outcome
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.scoring import (
    best_candidates,
    displayed_of,
    earns_client_bonus,
    trending_ratio,
    window_defined,
    window_ratio,
)
from jsswhatif.core.top_rated import (
    MIN_EARNINGS,
    MIN_SCORE,
    MIN_TENURE_DAYS,
    WEEKS_NEEDED,
    earnings_between,
    earnings_last_12_months,
    weekly_samples,
)


def first_start(contracts: Sequence[Contract]) -> dt.date | None:
    return min((c.start for c in contracts), default=None)


def weeks_at_90(samples: Sequence[float]) -> int:
    return sum(1 for x in samples if not math.isnan(x) and x >= MIN_SCORE)


def eligible(
    displayed: int | None,
    weeks: int,
    earned: Fraction,
    first_start: dt.date | None,
    day: dt.date,
) -> bool:
    return (
        displayed is not None
        and displayed >= MIN_SCORE
        and weeks >= WEEKS_NEEDED
        and earned >= MIN_EARNINGS
        and first_start is not None
        and (day - first_start).days >= MIN_TENURE_DAYS
    )


class Scorer:
    """Scores one contract swapped for another at one date, without evaluating the rest.

    The displayed score comes from :class:`_Sums`; Top Rated from the weekly samples, the
    exact 12-month earnings and the first contract's start. The samples before the date are
    the baseline's: Upwork recorded them before the action's update, which cannot change
    them.
    """

    def __init__(
        self, contracts: tuple[Contract, ...], base: Evaluation, samples: Sequence[float]
    ) -> None:
        """Swap contracts of ``contracts`` evaluated as ``base`` at its date; ``samples``
        are the baseline's 16 weekly samples of that date."""
        self.contracts = contracts
        self.base = base
        self.day = base.as_of
        self.sums = _Sums(base)
        self.window_start = months_before(self.day, 12)
        self.earned = earnings_last_12_months(contracts, self.day)
        self.first_start = first_start(contracts)
        self.today_sampled = weekly_samples(self.day)[0] == self.day
        self.past = list(samples[1:] if self.today_sampled else samples)

    def swap(self, index: int, new: Contract) -> tuple[int | None, bool]:
        """The displayed score and Top Rated at the date with ``new`` for contract ``index``."""
        old = self.contracts[index]
        displayed = self.sums.displayed_with(self.base.results[index], new)
        earned = self.earned
        if _paid(new) != _paid(old):
            earned += earnings_between(new, self.window_start, self.day)
            earned -= earnings_between(old, self.window_start, self.day)
        samples = self.past
        if self.today_sampled:
            samples = [math.nan if displayed is None else float(displayed), *samples]
        top = eligible(displayed, weeks_at_90(samples), earned, self.first_start, self.day)
        return displayed, top


def _paid(contract: Contract) -> tuple[Any, ...]:
    """What :func:`~jsswhatif.core.top_rated.earnings_between` reads of a contract."""
    return (contract.start, contract.earnings, contract.paid_through, contract.payments)


#: Weights have at most 4 decimals (rules.MAX_WEIGHT_DECIMALS): in units of 1/10,000 job,
#: every sum is an integer and every score a ratio of integers, compared without fractions.
_SCALE = 10_000

Ratio = tuple[int, int]


def _units(weight: Decimal) -> int:
    """``weight`` in units of 1/:data:`_SCALE` job, exactly."""
    numerator, denominator = weight.as_integer_ratio()
    units, rest = divmod(numerator * _SCALE, denominator)
    assert rest == 0, f"a weight of {weight} has more than 4 decimals"
    return units


class _Window:
    """The sums of one window at the evaluation's update date, real outcomes only, in units
    of 1/:data:`_SCALE` job."""

    def __init__(self, start: dt.date) -> None:
        self.start = start
        self.positive = self.negative = self.total = 0
        self.outcomes = 0
        self.clients: Counter[str] = Counter()

    def add(self, outcome: Outcome, client: str) -> None:
        if outcome.date < self.start:
            return
        weight = _units(outcome.weight)
        self.total += weight
        if outcome.value == 1:
            self.positive += weight
        elif outcome.value == -1:
            self.negative += weight
        self.outcomes += 1
        self.clients[client] += 1

    def ratio(
        self, rules: RuleSet, bonus: int, swap: tuple[Outcome | None, Outcome | None, str]
    ) -> Ratio | None:
        """The score ``(numerator, denominator)`` with ``swap``'s first outcome (of client key
        ``swap[2]``) replaced by its second one, and ``bonus`` pseudo-outcomes, as
        :func:`engine.window_scores` says; None when the window has no score."""
        old, new, client = swap
        positive, negative, total = self.positive, self.negative, self.total
        outcomes, held = self.outcomes, self.clients[client]
        for outcome, sign in ((old, -1), (new, 1)):
            if outcome is None or outcome.date < self.start:
                continue
            weight = sign * _units(outcome.weight)
            total += weight
            if outcome.value == 1:
                positive += weight
            elif outcome.value == -1:
                negative += weight
            outcomes += sign
            held += sign
        clients = len(self.clients) - (self.clients[client] > 0) + (held > 0)
        bonus_units = bonus * _SCALE
        sums = (positive + bonus_units, negative, total + bonus_units)
        if not window_defined(rules, outcomes, clients, sums[2]):
            return None
        numerator, denominator = window_ratio(rules, *sums)
        return int(numerator), int(denominator)


class _Sums:
    """An evaluation's window sums, to score it with one contract's outcome replaced."""

    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        rules, on = evaluation.rule_set, evaluation.computed_on
        self.windows = {m: _Window(months_before(on, m)) for m in rules.scored_windows}
        self.bonus: Counter[str] = Counter()
        for result in evaluation.results:
            key = result.contract.client_key
            if result.outcome is not None:
                for window in self.windows.values():
                    window.add(result.outcome, key)
            if result.bonus:
                self.bonus[key] += 1

    def displayed_with(self, old: ContractResult, new: Contract) -> int | None:
        """The displayed score with ``new`` in place of ``old`` (the same client)."""
        rules, on = self.evaluation.rule_set, self.evaluation.computed_on
        outcome = contract_outcome(new, rules, on).outcome
        earns = rules.long_term_client_bonus and earns_client_bonus(new, rules, on)
        key = old.contract.client_key
        left = self.bonus[key] - old.bonus + earns
        bonus = len(self.bonus) - (self.bonus[key] > 0) + (left > 0)
        swap = (old.outcome, outcome, key)
        ratios = {m: w.ratio(rules, bonus, swap) for m, w in self.windows.items()}
        trending: Ratio | None = None
        r3, r6 = (ratios.get(m) for m in (3, 6))
        if rules.trending and r3 is not None and r6 is not None:
            trending = trending_ratio(*r3, *r6)
        best: Ratio | None = None
        for candidate in best_candidates(rules, ratios, trending):
            if candidate is not None and (
                best is None or candidate[0] * best[1] > best[0] * candidate[1]
            ):
                best = candidate
        return None if best is None else int(displayed_of(rules.rounding, *best))
