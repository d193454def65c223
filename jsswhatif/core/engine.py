"""The scoring engine at one date (scoring model, sections 3-9): easy to read, exact.

:func:`evaluate` is the reference: the fast :mod:`jsswhatif.core.timeline` must agree with it
on every day. Scores are exact :class:`~fractions.Fraction` percentages (0-100); weights are
exact :class:`~decimal.Decimal` numbers of "jobs".

Example (the contracts CSV of interfaces.md, as-of 2026-11-25, ``upwork-2024-09``): the
6-month window holds c1 (+1, weight 2.5), c2 (+1, 6.5) and c3 (0, 1.25), so its score is
100 * 9 / 10.25 = 87.80%; the 24-month window adds c4 (+1, 2.5): 100 * 11.5 / 12.75 = 90.20%,
the best, displayed as 90.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NamedTuple

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import Rules, RuleSet, resolve

Status = Literal[
    "counted",
    "not_started",
    "excluded_by_user",
    "client_flagged",
    "excluded_zero_positive",
    "excluded_zero_no_feedback",
    "excluded_no_feedback",
    "open_pending",
]
Reason = Literal["ended", "inactive_as_ended", "long_term_active"]
FeedbackClass = Literal[-1, 0, 1]


class Outcome(NamedTuple):
    """A counted outcome: value +1/0/-1, weight in jobs, date, and the rule that counted it."""

    value: FeedbackClass
    weight: Decimal
    date: dt.date
    reason: Reason


class ContractResult(NamedTuple):
    """What one contract contributes at the computation date.

    Attributes:
        contract: The contract evaluated.
        status: ``counted`` or the status naming why it does not count.
        outcome: The counted outcome, None when not counted.
        windows: The reported windows (months, ascending) that hold the outcome.
        feedback: The feedback class used (-1, 0, +1), or None when none was visible.
        bonus: The contract earns its client a long-term client bonus (section 7).
    """

    contract: Contract
    status: Status
    outcome: Outcome | None
    windows: tuple[int, ...]
    feedback: FeedbackClass | None
    bonus: bool = False


class WindowScore(NamedTuple):
    """The score of one rolling window (section 8).

    Attributes:
        months: Window length in months.
        score: Percent 0-100 as an exact fraction, or None when not enough history.
        outcomes: Real counted outcomes in the window (pseudo-outcomes excluded).
        clients: Distinct clients of those outcomes.
        positive, negative, total: Weight sums P, Q and N, bonus pseudo-outcomes included.
    """

    months: int
    score: Fraction | None
    outcomes: int
    clients: int
    positive: Decimal
    negative: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything the model reports for one date t, computed at u(t).

    Attributes:
        as_of: The date asked for.
        computed_on: u(t), the update date the numbers were computed on.
        rules_name: The rule set asked for (``historical`` included).
        rule_set: The rule set actually used at u(t) (the preset, under ``historical``).
        results: One entry per contract, in input order.
        windows: Scores by months of every scored window: the configured ones, plus 3 and 6
            when trending is on (``rule_set.reported_windows`` lists those to show).
        trending: Mean of the 3- and 6-month scores, or None.
        best: Highest defined score among configured windows and trending, or None.
        displayed: ``best`` rounded as the rule set says, or None ("no JSS").
        bonus_clients: Clients granted a long-term client bonus, in input order.
    """

    as_of: dt.date
    computed_on: dt.date
    rules_name: str
    rule_set: RuleSet
    results: tuple[ContractResult, ...]
    windows: dict[int, WindowScore]
    trending: Fraction | None
    best: Fraction | None
    displayed: int | None
    bonus_clients: tuple[str, ...]


def _public_class(rules: RuleSet, stars: Decimal) -> FeedbackClass:
    if stars >= rules.public_positive_min:
        return 1
    return 0 if stars >= rules.public_neutral_min else -1


def _private_class(rules: RuleSet, score: int) -> FeedbackClass:
    if score >= rules.private_positive_min:
        return 1
    return 0 if score >= rules.private_neutral_min else -1


def feedback_class(
    contract: Contract, rules: RuleSet, t: dt.date, left_on: dt.date | None
) -> FeedbackClass | None:
    """The feedback class at t (section 4), or None when no feedback is visible.

    ``left_on`` is the date an empty ``feedback_date`` stands for: the end date of an ended
    contract, the outcome date of an inactive one, None for any other open contract.
    A dispute makes the class -1 whatever the feedback when ``dispute_is_negative`` is on.
    """
    if contract.disputed and rules.dispute_is_negative:
        return -1
    when = contract.feedback_date or left_on
    if when is None or when > t:
        return None
    public = None if contract.public is None else _public_class(rules, contract.public)
    private = None if contract.private is None else _private_class(rules, contract.private)
    if private is None:
        return public
    if public is None or rules.combine == "private_first":
        return private
    return min(public, private)  # worst_of


def is_long_term_active(contract: Contract, rules: RuleSet, t: dt.date) -> bool:
    """Open at t, paid over at least ``long_term_min_days`` and paid recently (section 5).

    A contract paid only on its start day is never long-term.
    """
    if contract.start > t or (contract.end is not None and contract.end <= t):
        return False
    paid = contract.paid_through_at(t)
    if paid is None:
        return False
    return (paid - contract.start).days >= rules.long_term_min_days and (
        t - paid
    ).days <= rules.long_term_payment_gap_days


def outcome_weight(contract: Contract, rules: RuleSet, span_end: dt.date) -> Decimal:
    """Weight in jobs (section 6): tier weight plus one job per paid ``length_bonus_days``.

    ``span_end`` is the end date of an ended contract, the outcome date of an inactive one and
    t for an open one. Example: $1,800 over 135 days, paid to the end: 1.5 + min(1, 2) = 2.5.
    """
    weight = rules.base_weight(contract.earnings)
    period = rules.length_bonus_days
    paid = contract.paid_through
    if period > 0 and paid is not None:
        complete_periods = (span_end - contract.start).days // period
        paid_periods = (paid - contract.start).days // period + 1
        bonus = min(complete_periods, paid_periods)
        if bonus > 0:
            weight += bonus
    return weight if weight <= rules.weight_cap else rules.weight_cap


def _ended_value(
    contract: Contract, rules: RuleSet, feedback: FeedbackClass | None
) -> FeedbackClass | Status:
    """Step 4: the value of an ended (or ended-by-inactivity) contract, or its status."""
    if contract.earnings == 0:
        if feedback == 1 and rules.zero_earnings_positive == "excluded":
            return "excluded_zero_positive"
        if feedback is None:
            rule = rules.zero_earnings_no_feedback
            if rule == "excluded":
                return "excluded_zero_no_feedback"
            return -1 if rule == "negative" else 0
        return feedback
    if feedback is None:
        return 0 if rules.no_feedback == "neutral" else "excluded_no_feedback"
    return feedback


def contract_outcome(
    contract: Contract, rules: RuleSet, t: dt.date
) -> tuple[Status, Outcome | None, FeedbackClass | None]:
    """``(status, outcome, feedback class)`` of one contract at t (section 5, checks in order)."""
    if contract.start > t:
        return "not_started", None, None
    if contract.excluded:
        return "excluded_by_user", None, None
    if contract.client_flagged:
        return "client_flagged", None, None
    if contract.end is not None and contract.end <= t:
        return _as_ended(contract, rules, t, contract.end, "ended")
    if rules.open_long_term == "counted" and is_long_term_active(contract, rules, t):
        feedback = feedback_class(contract, rules, t, None)
        weight = outcome_weight(contract, rules, t)
        value: FeedbackClass = 1 if feedback is None else feedback
        return "counted", Outcome(value, weight, t, "long_term_active"), feedback
    if rules.open_inactive == "as_ended":
        last = contract.paid_through_at(t) or contract.start
        if (t - last).days >= rules.inactive_after_days:
            inactive_on = last + dt.timedelta(days=rules.inactive_after_days)
            return _as_ended(contract, rules, t, inactive_on, "inactive_as_ended")
    return "open_pending", None, feedback_class(contract, rules, t, None)


def _as_ended(
    contract: Contract, rules: RuleSet, t: dt.date, on: dt.date, reason: Reason
) -> tuple[Status, Outcome | None, FeedbackClass | None]:
    feedback = feedback_class(contract, rules, t, on)
    value = _ended_value(contract, rules, feedback)
    if isinstance(value, str):
        return value, None, feedback
    return "counted", Outcome(value, outcome_weight(contract, rules, on), on, reason), feedback


def earns_client_bonus(contract: Contract, rules: RuleSet, t: dt.date) -> bool:
    """Whether the contract gives its client a long-term client bonus at t (section 7)."""
    return (
        rules.long_term_client_bonus
        and not contract.excluded
        and not contract.client_flagged
        and is_long_term_active(contract, rules, t)
    )


def window_scores(
    rules: RuleSet, t: dt.date, counted: Iterable[tuple[Outcome, str]], bonus_count: int
) -> dict[int, WindowScore]:
    """Score of every scored window at t (section 8) from ``(outcome, client key)`` pairs.

    Taken newest first, the outcomes of each window are a prefix of the list (every outcome
    is dated on or before t), so one pass snapshots the sums at each window's start, from the
    shortest window to the longest.
    """
    newest_first = sorted(counted, key=lambda pair: pair[0].date, reverse=True)
    starts = sorted(((months_before(t, m), m) for m in rules.scored_windows), reverse=True)
    positive = negative = total = Decimal(0)
    clients: set[str] = set()
    taken = 0
    scores = {}
    for start, months in starts:
        while taken < len(newest_first) and newest_first[taken][0].date >= start:
            outcome, client = newest_first[taken]
            taken += 1
            clients.add(client)
            total += outcome.weight
            if outcome.value == 1:
                positive += outcome.weight
            elif outcome.value == -1:
                negative += outcome.weight
        sums = (positive + bonus_count, negative, total + bonus_count)
        score = None
        if taken >= rules.min_outcomes and len(clients) >= rules.min_clients and sums[2] > 0:
            score = ratio_percent(rules, *sums)
        scores[months] = WindowScore(months, score, taken, len(clients), *sums)
    return scores


def ratio_percent(rules: RuleSet, positive: Decimal, negative: Decimal, total: Decimal) -> Fraction:
    """``100 (P - Q) / N`` (net) or ``100 P / N`` (share), clamped to [0, 100]."""
    good = positive - negative if rules.formula == "net" else positive
    raw = Fraction(100) * Fraction(good) / Fraction(total)
    return min(Fraction(100), max(Fraction(0), raw))


def round_displayed(best: Fraction | None, rounding: str) -> int | None:
    """Displayed integer JSS (section 9): half-up after rounding to 6 decimals, or floor.

    Example:
        >>> round_displayed(Fraction(179, 2), "half_up"), round_displayed(Fraction(179, 2), "floor")
        (90, 89)
    """
    if best is None:
        return None
    if rounding == "floor":
        return math.floor(best)
    micro = math.floor(best * 1_000_000 + Fraction(1, 2))
    return math.floor(Fraction(micro, 1_000_000) + Fraction(1, 2))


def evaluate(contracts: Sequence[Contract], rules: Rules, as_of: dt.date) -> Evaluation:
    """Evaluate ``contracts`` for the date ``as_of`` under ``rules``, computed at u(as_of).

    Args:
        contracts: The contracts to score (a scenario already applied), in document order.
        rules: A rule set or ``historical``.
        as_of: The date asked for; the numbers are those of the update date u(as_of).
    """
    computed_on, rule_set = resolve(rules, as_of)
    months = rule_set.reported_windows  # ascending, so their starts descend
    starts = [months_before(computed_on, m) for m in months]
    bonus_on = rule_set.long_term_client_bonus
    results = []
    counted: list[tuple[Outcome, str]] = []  # (outcome, client key)
    bonus_by_key: dict[str, str] = {}  # one bonus per client, spelled as first seen
    for contract in contracts:
        status, outcome, feedback = contract_outcome(contract, rule_set, computed_on)
        held: tuple[int, ...] = ()
        if outcome is not None:  # the windows holding it are the longest ones, from some k on
            counted.append((outcome, contract.client_key))
            k = 0
            while k < len(starts) and starts[k] > outcome.date:
                k += 1
            held = months[k:]
        earns = bonus_on and earns_client_bonus(contract, rule_set, computed_on)
        if earns:
            bonus_by_key.setdefault(contract.client_key, contract.client)
        results.append(ContractResult(contract, status, outcome, held, feedback, earns))
    bonus = tuple(bonus_by_key.values())
    windows = window_scores(rule_set, computed_on, counted, len(bonus))
    trending = None
    if rule_set.trending and windows[3].score is not None and windows[6].score is not None:
        trending = (windows[3].score + windows[6].score) / 2
    candidates = [windows[m].score for m in rule_set.windows] + [trending]
    defined = [score for score in candidates if score is not None]
    best = max(defined) if defined else None
    return Evaluation(
        as_of=as_of,
        computed_on=computed_on,
        rules_name=rules.name,
        rule_set=rule_set,
        results=tuple(results),
        windows=windows,
        trending=trending,
        best=best,
        displayed=round_displayed(best, rule_set.rounding),
        bonus_clients=bonus,
    )
