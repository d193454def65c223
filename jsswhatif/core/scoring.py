"""The rules of the scoring model, one function each (sections 4-9).

Every path that scores contracts calls these functions: the engine at one date, the
timeline's grid over many days, the leave-one-out impacts, the forecast and the explanations.
A rule is never written twice, so the fast paths cannot drift from the reference.

Functions documented as taking "days or arrays" work on Python values (dates, Decimals,
Fractions, ints) and on numpy arrays (date ordinals, weights as scaled integers) alike: the
fast paths run the very same arithmetic, vectorized. The others take one contract or one
value; the fast paths call them once per distinct value (star ratings, feedback classes) or
once per contract.

Example (the 6-month window of the interfaces.md sample): P = 9 jobs positive, Q = 0
negative, N = 10.25 in all, from 3 outcomes of 3 clients:

    >>> from jsswhatif.core.rules import RuleSet
    >>> rules = RuleSet()
    >>> bool(window_defined(rules, 3, 3, Decimal("10.25")))
    True
    >>> num, den = window_ratio(rules, Decimal(9), Decimal(0), Decimal("10.25"))
    >>> num, den
    (Decimal('900'), Decimal('10.25'))
    >>> displayed_of(rules.rounding, 90000, 1025)  # 87.8: the same ratio in integers
    88
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal, TypeVar

import numpy as np

from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import RuleSet

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

T = TypeVar("T")

#: A date ordinal later than any date: "never" in arrays of days (an open contract's end).
NEVER = 10**8
Day = Any  # a date, or an array of date ordinals
Amount = Any  # a Decimal, Fraction or int, or an array of them


# -- section 4: feedback classes ---------------------------------------------------------------


def public_class(rules: RuleSet, stars: Decimal) -> FeedbackClass:
    """+1 at ``public_positive_min`` (4.5) or more, 0 at ``public_neutral_min`` (3.5), else -1.

    Example:
        >>> public_class(RuleSet(), Decimal("4.49"))
        0
    """
    if stars >= rules.public_positive_min:
        return 1
    return 0 if stars >= rules.public_neutral_min else -1


def private_class(rules: RuleSet, score: int) -> FeedbackClass:
    """+1 at ``private_positive_min`` (9) or more, 0 at ``private_neutral_min`` (7), else -1."""
    if score >= rules.private_positive_min:
        return 1
    return 0 if score >= rules.private_neutral_min else -1


def combined_class(
    rules: RuleSet, public: FeedbackClass | None, private: FeedbackClass | None
) -> FeedbackClass | None:
    """The class of visible feedback from its public and private classes (None: not given).

    ``private_first`` takes the private class when there is one; ``worst_of`` the lower one.
    None when neither was given.
    """
    if private is None:
        return public
    if public is None or rules.combine == "private_first":
        return private
    return min(public, private)


def rated_class(rules: RuleSet, contract: Contract) -> FeedbackClass | None:
    """The class of the contract's feedback once visible, before any dispute (None: none)."""
    public = None if contract.public is None else public_class(rules, contract.public)
    private = None if contract.private is None else private_class(rules, contract.private)
    return combined_class(rules, public, private)


def dispute_is_negative(rules: RuleSet, disputed: Any) -> Any:
    """Whether a dispute makes the class -1 whatever the feedback (a bool, or an array)."""
    return disputed & rules.dispute_is_negative


def visible_from(rules: RuleSet, feedback_date: Day | None, left_on: Day | None) -> Any:
    """The day feedback becomes visible (section 4; days or arrays).

    ``left_on`` is what an empty ``feedback_date`` stands for: the end of an ended contract,
    the outcome date of an inactive one. For any other open contract pass None: its feedback
    is mid-contract feedback, visible from its date only under ``interim_feedback = counts``,
    else never. None (scalars) or :data:`NEVER` (arrays) means never; arrays mark an empty
    ``feedback_date`` with :data:`NEVER`.
    """
    if left_on is None and rules.interim_feedback == "ignored":
        return (
            None
            if not isinstance(feedback_date, np.ndarray)
            else np.full_like(feedback_date, NEVER)
        )
    if isinstance(feedback_date, np.ndarray):
        return np.where(feedback_date < NEVER, feedback_date, NEVER if left_on is None else left_on)
    return feedback_date or left_on


def feedback_visible(
    rules: RuleSet, feedback_date: dt.date | None, left_on: dt.date | None, t: dt.date
) -> bool:
    """Whether feedback is visible at t (section 4): its :func:`visible_from` day is <= t."""
    when: dt.date | None = visible_from(rules, feedback_date, left_on)
    return when is not None and when <= t


# -- section 5: the outcome of one contract ------------------------------------------------------


def gate_status(contract: Contract, rules: RuleSet) -> Status | None:
    """Steps 2 and 3 before any outcome: ``excluded_by_user`` or ``client_flagged``, else None.

    Under ``flagged_client = drop_negative`` a flagged contract passes; :func:`drops_flagged`
    then drops its outcome if it is negative.
    """
    if contract.excluded:
        return "excluded_by_user"
    if contract.client_flagged and rules.flagged_client == "drop_all":
        return "client_flagged"
    return None


def drops_flagged(rules: RuleSet, flagged: Any, value: Any) -> Any:
    """Step 3 after the outcome: a flagged client's outcome of ``value`` is dropped (status
    ``client_flagged``): every one under ``drop_all``, the negative ones under
    ``drop_negative``. Values or arrays."""
    return flagged & ((rules.flagged_client == "drop_all") | (value == -1))


def ended_value(rules: RuleSet, earned: bool, feedback: FeedbackClass | None) -> int | Status:
    """Step 4: the value of an ended (or ended-by-inactivity) contract, or why it does not count.

    ``earned`` is ``earnings > 0``; ``feedback`` the visible class (None: no feedback).

    Example:
        >>> ended_value(RuleSet(), True, None), ended_value(RuleSet(), False, 1)
        ('excluded_no_feedback', 'excluded_zero_positive')
    """
    if not earned:
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


def inactivity_date(last_paid: Day, rules: RuleSet) -> Day:
    """The day an open contract last paid on ``last_paid`` becomes inactive (days or arrays).

    It is ``last_paid + inactive_after_days``; under ``open_inactive = as_ended`` that day is
    also its outcome date.
    """
    return _plus_days(last_paid, rules.inactive_after_days)


def long_term_span(
    start: Day, paid_through: Day, end: Day | None, rules: RuleSet
) -> tuple[Day, Day]:
    """Days ``[lo, hi)`` on which a contract is long-term active (section 5, days or arrays).

    Open at t, ``paid_through_at(t) - start >= long_term_min_days`` and ``t - paid_through_at(t)
    <= long_term_payment_gap_days`` hold exactly for ``lo <= t < hi`` when ``paid_through >= lo``,
    with ``lo = start + long_term_min_days`` and ``hi = min(paid_through + gap + 1, end)``
    (a later t would find the contract ended or the last payment too old). The span is empty
    when ``paid_through < lo``: a contract paid only on its start day is never long-term.
    ``end`` is None (scalars) for an open contract.
    """
    lo = _plus_days(start, rules.long_term_min_days)
    hi = _plus_days(paid_through, rules.long_term_payment_gap_days + 1)
    if end is not None:
        hi = _minimum(hi, end)
    return lo, hi


def is_long_term_active(contract: Contract, rules: RuleSet, t: dt.date) -> bool:
    """Whether the contract is long-term active (LTA) at t (section 5).

    t lies in :func:`long_term_span` of the latest payment as of t (``last_paid_at``: the real
    one with payments, else ``paid_through_at(t)``); that payment lies on or before t, so the
    span's conditions are the rule's.
    """
    paid = contract.last_paid_at(t)
    if paid is None:
        return False
    lo, hi = long_term_span(contract.start, paid, contract.end, rules)
    return bool(paid >= lo and lo <= t < hi)


# -- section 6: weight ---------------------------------------------------------------------------


def tier_index(rules: RuleSet, earnings: Amount) -> Any:
    """Index of the earnings tier holding ``earnings`` (a Decimal, or an object array of them).

    Tier k holds the amounts above the k-th bound and up to the next (the last has no bound).
    """
    bounds = [tier.up_to for tier in rules.earnings_tiers[:-1]]
    return sum(((earnings > bound) * 1 for bound in bounds), 0)


def base_weight(rules: RuleSet, earnings: Decimal) -> Decimal:
    """Weight before the length bonus: 1, or the weight of the tier holding ``earnings``."""
    if rules.weighting == "unit":
        return Decimal(1)
    return rules.earnings_tiers[int(tier_index(rules, earnings))].weight


def paid_periods(start: Day, paid_through: Day, period: int) -> Any:
    """K2: under regular payments, periods ``0 .. K2 - 1`` from ``start`` hold a payment."""
    return _days(start, paid_through) // period + 1


def held_periods(contract: Contract, period: int) -> tuple[int, ...]:
    """With payments: the indices k of the ``period``-day periods holding a positive payment."""
    return tuple(sorted({(day - contract.start).days // period for day in contract.payment_days}))


def complete_periods(start: Day, span_end: Day, period: int) -> Any:
    """K1: how many complete ``period``-day periods from ``start`` end by ``span_end``."""
    return _days(start, span_end) // period


def bonus_jobs(held: Any, complete: Any) -> Any:
    """The length bonus: how many of the first ``complete`` periods hold a payment.

    ``held`` is K2 under regular payments (periods ``0 .. K2 - 1``; values or arrays: then
    ``min(K1, K2)``), or the sorted indices of :func:`held_periods`.
    """
    if isinstance(held, tuple):
        return bisect.bisect_left(held, complete)
    return _minimum(complete, held)


def capped_weight(base: Amount, bonus_jobs: Any, job: Amount, cap: Amount) -> Any:
    """``min(cap, base + job * max(0, bonus_jobs))`` (values or arrays).

    ``job`` is one job in the unit of ``base`` (1, or the fast paths' integer scale); ``cap``
    is ``weight_cap`` in that unit.
    """
    bonus = _maximum(bonus_jobs, 0)
    return _minimum(base + job * bonus, cap)


def outcome_weight(contract: Contract, rules: RuleSet, span_end: dt.date) -> Decimal:
    """Weight in jobs (section 6): tier weight plus one job per paid ``length_bonus_days``.

    ``span_end`` is the end date of an ended contract, the outcome date of an inactive one and
    t for an open one. Example: $1,800 over 135 days, paid to the end: 1.5 + min(1, 2) = 2.5.
    """
    base = base_weight(rules, contract.earnings)
    period = rules.length_bonus_days
    paid = contract.paid_through
    if period == 0 or paid is None:
        return min(base, rules.weight_cap)
    held = (
        held_periods(contract, period)
        if contract.payments
        else paid_periods(contract.start, paid, period)
    )
    bonus = bonus_jobs(held, complete_periods(contract.start, span_end, period))
    result: Decimal = capped_weight(base, bonus, Decimal(1), rules.weight_cap)
    return result


# -- section 7: long-term client bonus -----------------------------------------------------------


def bonus_possible(contract: Contract, rules: RuleSet) -> bool:
    """Whether the contract can earn its client a bonus: the rule is on, not excluded or flagged
    (a flagged contract never earns one, under either ``flagged_client``).

    It then earns one on the days it is long-term active (:func:`long_term_span`).
    """
    return rules.long_term_client_bonus and not (contract.excluded or contract.client_flagged)


def earns_client_bonus(contract: Contract, rules: RuleSet, t: dt.date) -> bool:
    """Whether the contract gives its client a long-term client bonus at t (section 7)."""
    return bonus_possible(contract, rules) and is_long_term_active(contract, rules, t)


# -- sections 8 and 9: window scores, trending, best, displayed ----------------------------------


def window_defined(rules: RuleSet, outcomes: Any, clients: Any, total: Amount) -> Any:
    """Whether a window has a score: enough outcomes, from enough clients, and N > 0.

    ``outcomes`` counts real outcomes (not bonus pseudo-outcomes), ``clients`` their distinct
    clients, ``total`` is N. Values or arrays.
    """
    return (outcomes >= rules.min_outcomes) & (clients >= rules.min_clients) & (total > 0)


def window_ratio(
    rules: RuleSet, positive: Amount, negative: Amount, total: Amount
) -> tuple[Any, Any]:
    """The window score in percent as ``(numerator, denominator)``, N > 0 (values or arrays).

    ``100 (P - Q) / N`` (``net``) or ``100 P / N`` (``share``), clamped to [0, 100].
    """
    good = positive - negative if rules.formula == "net" else positive
    hundred = 100 * total
    return _minimum(_maximum(100 * good, 0 * hundred), hundred), total


def trending_ratio(n3: Amount, d3: Amount, n6: Amount, d6: Amount) -> tuple[Any, Any]:
    """Trending: the mean of the 3- and 6-month scores ``n3/d3`` and ``n6/d6`` as a ratio."""
    return n3 * d6 + n6 * d3, 2 * d3 * d6


def best_candidates(rules: RuleSet, windows: Mapping[int, T], trending: T) -> list[T]:
    """What competes for best: the configured windows' scores, and trending when it is on.

    The 3-month window only feeds trending; the 6-month one competes only when configured.
    """
    candidates = [windows[m] for m in rules.windows]
    if rules.trending:
        candidates.append(trending)
    return candidates


def displayed_of(rounding: Literal["half_up", "floor"], numerator: Any, denominator: Any) -> Any:
    """The displayed integer of the score ``numerator / denominator`` (integers or int arrays).

    ``half_up``: floor(x + 0.5) of x first rounded half-up to 6 decimals; ``floor``: floor(x).
    Exact integer arithmetic; arrays must leave room for ``numerator * 2_000_000``.

    Example:
        >>> displayed_of("half_up", 179, 2), displayed_of("floor", 179, 2)
        (90, 89)
    """
    if rounding == "floor":
        return numerator // denominator
    micro = (2 * numerator * 1_000_000 + denominator) // (2 * denominator)
    return (micro + 500_000) // 1_000_000


# -- days and amounts that are values or arrays ---------------------------------------------------


def _plus_days(day: Day, days: int) -> Day:
    return day + (days if isinstance(day, np.ndarray) else dt.timedelta(days=days))


def _days(first: Day, last: Day) -> Any:
    """``last - first`` in days."""
    between = last - first
    return between if isinstance(between, np.ndarray) else between.days


def _minimum(a: Any, b: Any) -> Any:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.minimum(a, b)
    return min(a, b)


def _maximum(a: Any, b: Any) -> Any:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.maximum(a, b)
    return max(a, b)
