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

import bisect
import datetime as dt
import functools
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import compress, count, islice
from operator import is_not
from typing import Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract, client_key
from jsswhatif.core.rules import Rules, RuleSet, resolve
from jsswhatif.core.scoring import (
    FeedbackClass,
    Reason,
    Status,
    best_candidates,
    displayed_of,
    dispute_is_negative,
    drops_flagged,
    earns_client_bonus,
    ended_value,
    feedback_visible,
    gate_status,
    inactivity_date,
    is_long_term_active,
    outcome_weight,
    rated_class,
    trending_ratio,
    window_defined,
    window_ratio,
)

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Objects = npt.NDArray[np.object_]

__all__ = [
    "ContractResult",
    "Evaluation",
    "FeedbackClass",
    "Outcome",
    "Reason",
    "ResultArrays",
    "Status",
    "Verdict",
    "WindowScore",
    "contract_outcome",
    "evaluate",
    "feedback_class",
    "round_displayed",
    "window_scores",
]


class Outcome(NamedTuple):
    """A counted outcome: value +1/0/-1, weight in jobs, date, and the rule that counted it."""

    value: FeedbackClass
    weight: Decimal
    date: dt.date
    reason: Reason


class Verdict(NamedTuple):
    """How one contract stands at t (section 5): its status, outcome, and the rule that decided.

    Attributes:
        status: ``counted`` or the status naming why it does not count.
        outcome: The counted outcome, None when not counted.
        feedback: The feedback class used (-1, 0, +1), or None when none was visible.
        basis: The rule that treated the contract as ended (``ended``, ``inactive_as_ended``)
            or counted it as long-term, also when the result then does not count (an inactive
            contract without feedback); None when no such rule applied.
        basis_date: The outcome date that rule gives (the end, the inactivity date, t).
    """

    status: Status
    outcome: Outcome | None
    feedback: FeedbackClass | None
    basis: Reason | None = None
    basis_date: dt.date | None = None


class ContractResult(NamedTuple):
    """What one contract contributes at the computation date.

    Attributes:
        contract: The contract evaluated.
        status: ``counted`` or the status naming why it does not count.
        outcome: The counted outcome, None when not counted.
        windows: The reported windows (months, ascending) that hold the outcome.
        feedback: The feedback class used (-1, 0, +1), or None when none was visible.
        bonus: The contract earns its client a long-term client bonus (section 7).
        basis, basis_date: As in :class:`Verdict`: why an uncounted contract was judged as
            ended, so its explanation names the right rule.
    """

    contract: Contract
    status: Status
    outcome: Outcome | None
    windows: tuple[int, ...]
    feedback: FeedbackClass | None
    bonus: bool = False
    basis: Reason | None = None
    basis_date: dt.date | None = None


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


class ResultArrays(NamedTuple):
    """What the scores are summed from, one read-only array element per result.

    Kept beside the results and patched at the contracts an edit or an as-of step changed,
    so that the sums visit only the outcomes a window holds (at 8 years of contracts, a
    fifth of them) without a Python loop over every result.

    Attributes:
        dated: The outcome's date as a day ordinal; -1 when not counted.
        value: The outcome's value (-1, 0, +1); 0 when not counted.
        weight: The outcome's weight (a Decimal); None when not counted.
        key: The contract's client as compared (:attr:`Contract.client_key`).
        bonus: The result earns its client a long-term client bonus.
    """

    dated: Ints
    value: npt.NDArray[np.int8]
    weight: Objects
    key: Objects
    bonus: Bools


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
        arrays: The results as read-only arrays (:class:`ResultArrays`), which
            :func:`~jsswhatif.core.insights.contract_impacts` reads instead of 10,000 results.
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
    # Derived from ``results``, so left out of comparisons (and arrays do not compare to a bool).
    arrays: ResultArrays = field(repr=False, compare=False, kw_only=True)


def feedback_class(
    contract: Contract, rules: RuleSet, t: dt.date, left_on: dt.date | None
) -> FeedbackClass | None:
    """The feedback class at t (section 4), or None when no feedback is visible.

    ``left_on`` is the date an empty ``feedback_date`` stands for: the end date of an ended
    contract, the outcome date of an inactive one, None for any other open contract.
    A dispute makes the class -1 whatever the feedback when ``dispute_is_negative`` is on.
    """
    if dispute_is_negative(rules, contract.disputed):
        return -1
    if not feedback_visible(rules, contract.feedback_date, left_on, t):
        return None
    return rated_class(rules, contract)


def contract_outcome(contract: Contract, rules: RuleSet, t: dt.date) -> Verdict:
    """The :class:`Verdict` on one contract at t (section 5, checks in order)."""
    if contract.start > t:
        return Verdict("not_started", None, None)
    gate = gate_status(contract, rules)
    if gate is not None:
        return Verdict(gate, None, None)
    verdict = _open_or_ended(contract, rules, t)
    outcome = verdict.outcome
    if outcome is not None and drops_flagged(rules, contract.client_flagged, outcome.value):
        return verdict._replace(status="client_flagged", outcome=None)
    return verdict


def _open_or_ended(contract: Contract, rules: RuleSet, t: dt.date) -> Verdict:
    """Steps 4 and 5: the verdict on a started contract that no gate stopped."""
    if contract.end is not None and contract.end <= t:
        return _as_ended(contract, rules, t, contract.end, "ended")
    if rules.open_long_term == "counted" and is_long_term_active(contract, rules, t):
        feedback = feedback_class(contract, rules, t, None)
        weight = outcome_weight(contract, rules, t)
        value: FeedbackClass = 1 if feedback is None else feedback
        outcome = Outcome(value, weight, t, "long_term_active")
        return Verdict("counted", outcome, feedback, "long_term_active", t)
    if rules.open_inactive == "as_ended":
        inactive_on = inactivity_date(contract.last_paid_at(t) or contract.start, rules)
        if inactive_on <= t:
            return _as_ended(contract, rules, t, inactive_on, "inactive_as_ended")
    return Verdict("open_pending", None, feedback_class(contract, rules, t, None))


def _as_ended(
    contract: Contract, rules: RuleSet, t: dt.date, on: dt.date, reason: Reason
) -> Verdict:
    feedback = feedback_class(contract, rules, t, on)
    value = ended_value(rules, contract.earnings > 0, feedback)
    if isinstance(value, str):
        return Verdict(value, None, feedback, reason, on)
    outcome = Outcome(_feedback_value(value), outcome_weight(contract, rules, on), on, reason)
    return Verdict("counted", outcome, feedback, reason, on)


def _feedback_value(value: int) -> FeedbackClass:
    if value == 1:
        return 1
    return 0 if value == 0 else -1


def window_scores(
    rules: RuleSet, t: dt.date, counted: Iterable[tuple[Outcome, str]], bonus_count: int
) -> dict[int, WindowScore]:
    """Score of every scored window at t (section 8) from ``(outcome, client key)`` pairs."""
    pairs = list(counted)
    n = len(pairs)
    weight, key = np.empty(n, dtype=object), np.empty(n, dtype=object)
    weight[:] = [outcome.weight for outcome, _ in pairs]
    key[:] = [client for _, client in pairs]
    arrays = ResultArrays(
        dated=np.array([outcome.date.toordinal() for outcome, _ in pairs], dtype=np.int64),
        value=np.array([outcome.value for outcome, _ in pairs], dtype=np.int8),
        weight=weight,
        key=key,
        bonus=np.zeros(n, dtype=np.bool_),
    )
    return _window_sums(rules, t, arrays, bonus_count)


def _window_sums(
    rules: RuleSet, t: dt.date, arrays: ResultArrays, bonus_count: int
) -> dict[int, WindowScore]:
    """:func:`window_scores` of the outcomes in ``arrays`` (those dated -1 are none).

    The windows all end at t, so each holds the shorter ones' outcomes and its own older
    ones: from the shortest window to the longest, the sums grow by the outcomes the next
    window is the first to hold. The outcomes no window holds (most) are never visited.
    Weights are summed as Decimals, exactly, each window's from the same outcomes in any
    order: the sums are those of adding them one by one, trailing zeros included.
    """
    starts = sorted(((months_before(t, m), m) for m in rules.scored_windows), reverse=True)
    if not starts:
        return {}
    bounds = np.array([start.toordinal() for start, _ in starts], dtype=np.int64)
    rows = np.flatnonzero(arrays.dated >= bounds[-1])
    # How many windows, shortest first, start after the outcome: the first holding it.
    first = (bounds[None, :] > arrays.dated[rows, None]).sum(axis=1)
    value, weight, key = arrays.value[rows], arrays.weight[rows], arrays.key[rows]
    positive = negative = total = Decimal(0)
    clients: set[str] = set()
    taken = 0
    scores = {}
    for k, (_, months) in enumerate(starts):
        own = first == k
        taken += int(np.count_nonzero(own))
        clients.update(key[own].tolist())
        total = sum(weight[own].tolist(), total)
        positive = sum(weight[own & (value == 1)].tolist(), positive)
        negative = sum(weight[own & (value == -1)].tolist(), negative)
        sums = (positive + bonus_count, negative, total + bonus_count)
        score = None
        if window_defined(rules, taken, len(clients), sums[2]):
            numerator, denominator = window_ratio(rules, *sums)
            score = Fraction(numerator) / Fraction(denominator)
        scores[months] = WindowScore(months, score, taken, len(clients), *sums)
    return scores


def round_displayed(best: Fraction | None, rounding: Literal["half_up", "floor"]) -> int | None:
    """Displayed integer JSS (section 9): half-up after rounding to 6 decimals, or floor.

    Example:
        >>> round_displayed(Fraction(179, 2), "half_up"), round_displayed(Fraction(179, 2), "floor")
        (90, 89)
    """
    if best is None:
        return None
    shown: int = displayed_of(rounding, best.numerator, best.denominator)
    return shown


def _result(
    contract: Contract, rule_set: RuleSet, computed_on: dt.date, starts: Sequence[dt.date]
) -> ContractResult:
    """What ``contract`` contributes at ``computed_on``; ``starts`` are the first days of the
    reported windows, ascending by length."""
    status, outcome, feedback, basis, basis_date = contract_outcome(contract, rule_set, computed_on)
    held = () if outcome is None else _held(rule_set, outcome.date, starts)
    earns = rule_set.long_term_client_bonus and earns_client_bonus(contract, rule_set, computed_on)
    return ContractResult(contract, status, outcome, held, feedback, earns, basis, basis_date)


def contract_result(contract: Contract, rule_set: RuleSet, computed_on: dt.date) -> ContractResult:
    """What ``contract`` contributes at ``computed_on`` under ``rule_set`` (``resolve`` gives
    both for a date): its entry in :func:`evaluate`'s results, which never depends on the
    other contracts. A drag step asks it for the table's rows in view only.
    """
    starts = [months_before(computed_on, m) for m in rule_set.reported_windows]
    return _result(contract, rule_set, computed_on, starts)


def _held(rule_set: RuleSet, dated: dt.date, starts: Sequence[dt.date]) -> tuple[int, ...]:
    """The reported windows holding an outcome dated ``dated``: the longest ones, from the
    first whose start (``starts``, descending) is on or before it."""
    k = 0
    while k < len(starts) and starts[k] > dated:
        k += 1
    return rule_set.reported_windows[k:]


def _settled_from(contract: Contract, rule_set: RuleSet) -> dt.date | None:
    """The first day from which the contract's result never changes again but for the
    windows holding it, or None when that takes more than a glance to know.

    A gate (excluded, or a flagged client under ``drop_all``) decides from ``start`` on. An
    ended contract is judged as ended from ``end`` on, with an outcome dated ``end``, a
    weight read at ``end``, and feedback visible from ``feedback_date`` or else ``end``
    (an empty date stands for the end); it is no longer long-term active (that span stops at
    ``end``), so it earns no client bonus. Later days change none of these.
    """
    if gate_status(contract, rule_set) is not None:
        return contract.start
    end = contract.end
    if end is None:
        return None
    shown = contract.feedback_date
    return end if shown is None or shown < end else shown


def _steady_span(
    contract: Contract, rule_set: RuleSet, t: dt.date, result: ContractResult
) -> tuple[dt.date, dt.date] | None:
    """Days ``[lo, hi)`` around t on which the contract's result is ``result`` but for the
    windows holding it; None when it may change from one day to the next.

    Only a long-term active outcome is dated t itself (with a weight read at t). Everything
    else :func:`contract_outcome` and the client bonus look at (start, end, the visible
    feedback, the latest payment as of t, the long-term span and the inactivity day it
    gives) changes only on a few days: the contract's start, end and feedback date, the
    payment days around t, and the days the long-term and inactivity rules count from the
    latest payment. Between two of those days nothing changes. (Without payment rows the
    latest payment is ``min(paid_through, t)``: while it moves with t, the contract is
    long-term from ``start + long_term_min_days`` and never inactive, as
    :func:`~jsswhatif.core.scoring.long_term_span` says.)
    """
    outcome = result.outcome
    if outcome is not None and outcome.reason == "long_term_active":
        return None
    start = contract.start
    if t < start:
        return dt.date.min, start
    gap = rule_set.long_term_payment_gap_days + 1
    idle = rule_set.inactive_after_days
    events = [start, _later(start, rule_set.long_term_min_days)]
    events.extend(d for d in (contract.end, contract.feedback_date) if d is not None)
    if contract.earnings == 0:
        events.append(_later(start, idle))  # inactive from the start (no payment counts)
    elif contract.payments:
        days = contract.payment_days
        k = bisect.bisect_right(days, t)
        if k:
            paid = days[k - 1]
            events.extend((paid, _later(paid, gap), _later(paid, idle)))
        else:
            events.append(_later(start, idle))
        if k < len(days):
            events.append(days[k])
    else:
        through = contract.paid_through
        assert through is not None  # earnings > 0
        events.extend((through, _later(through, gap), _later(through, idle)))
    lo = max(d for d in events if d <= t)
    hi = min((d for d in events if d > t), default=dt.date.max)
    return lo, hi


def _later(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` days, or the last date there is."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


class _Remembered:
    """The per-contract results of recent evaluations, per rule set, shared by threads.

    A contract is frozen, so its result at a date under a rule set never changes: an
    evaluation reuses the result of every contract object it has seen at that date (a
    toggle at 10,000 contracts computes one result instead of 10,000), and at any other
    date on or after the day it settled (:func:`_settled_from`: most ended contracts) or
    within its steady span (:func:`_steady_span`: open contracts between payments), so an
    as-of step recomputes only the long-term active ones and those crossing a day they
    change on. Keyed by the contract's
    identity; the entry holds the contract, so that identity is never reused meanwhile.
    """

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: list[tuple[RuleSet, _Known]] = []

    def known(self, rule_set: RuleSet) -> _Known:
        """The remembered results under ``rule_set``, by contract identity (never changed
        once returned)."""
        with self._lock:
            for rs, results in self._entries:
                if rs is rule_set or rs == rule_set:
                    return results
        return {}

    def remember(self, rule_set: RuleSet, known: _Known, computed: _Known, used: int) -> None:
        """Add the ``computed`` results to the ``known`` ones under ``rule_set``.

        ``used`` is the number of contracts just evaluated: once the entry holds more than
        twice as many, it restarts from ``computed`` alone, so results of contracts edited
        away do not pile up.
        """
        if not computed:
            return
        merged = {**known, **computed} if len(known) <= 2 * used else computed
        with self._lock:
            kept = [e for e in self._entries if not (e[0] is rule_set or e[0] == rule_set)]
            self._entries = [(rule_set, merged), *kept][: self._size]


class _Entry(NamedTuple):
    """What :class:`_Remembered` keeps per contract: its result on ``on``, the day it
    settled (None: unknown), its client key, and the days around ``on`` with the same
    result but for the windows (:func:`_steady_span`; None: only ``on``)."""

    result: ContractResult
    on: dt.date
    settled: dt.date | None
    key: str
    steady: tuple[dt.date, dt.date] | None


_Known = dict[int, _Entry]

#: A ContractResult or _Entry from a tuple of all its fields, without the named tuple's Python
#: ``__new__``: half the cost of making one, paid 10,000 times by an Exclude of every row.
_new_result = functools.partial(tuple.__new__, ContractResult)
_new_entry = functools.partial(tuple.__new__, _Entry)


def _judged(  # noqa: PLR0913, PLR0917 (what an entry holds)
    contract: Contract,
    rule_set: RuleSet,
    computed_on: dt.date,
    starts: Sequence[dt.date],
    settled: dt.date | None,
    key: str,
) -> _Entry:
    """The entry of ``contract`` judged on ``computed_on``, with its steady span unless it has
    settled already (then it is reused on any later day anyway: most contracts)."""
    result = _result(contract, rule_set, computed_on, starts)
    done = settled is not None and settled <= computed_on
    steady = None if done else _steady_span(contract, rule_set, computed_on, result)
    return _Entry(result, computed_on, settled, key, steady)


_RESULTS = _Remembered()


class _Columns(NamedTuple):
    """An :class:`_Aligned` evaluation's entries as day ordinals, one element per contract,
    so that a step to another day finds what it must judge again with array arithmetic."""

    settled: Ints  # the entry's settled day; _LAST when unknown
    on: Ints  # the day the entry was judged on
    steady_from: Ints  # its steady span [steady_from, steady_until); empty when none
    steady_until: Ints
    held: Ints  # how many reported windows hold the outcome


_FIRST, _LAST = -1, dt.date.max.toordinal() + 1


def _arrays(results: Sequence[ContractResult], entries: Sequence[_Entry]) -> ResultArrays:
    n = len(results)
    outcomes = [r.outcome for r in results]
    at = [i for i, o in enumerate(outcomes) if o is not None]  # none at all after an Exclude
    counted = [o for o in outcomes if o is not None]
    dated = np.full(n, _FIRST, dtype=np.int64)
    dated[at] = [o.date.toordinal() for o in counted]
    value = np.zeros(n, dtype=np.int8)
    value[at] = [o.value for o in counted]
    weight = np.full(n, None, dtype=object)
    weight[at] = [o.weight for o in counted]
    key = np.empty(n, dtype=object)
    key[:] = [e.key for e in entries]
    bonus = np.fromiter((r.bonus for r in results), dtype=np.bool_, count=n)
    return _read_only(ResultArrays(dated, value, weight, key, bonus))


def _patched(
    arrays: ResultArrays,
    at: Sequence[int],
    results: Sequence[ContractResult],
    entries: Sequence[_Entry],
) -> ResultArrays:
    """``arrays`` with ``results`` and ``entries`` for the contracts at ``at`` (copies: the
    arrays are shared by the evaluations and memories holding them)."""
    part = _arrays(results, entries)
    at = list(at)
    patched: list[Any] = []
    # By name, not by zipping the tuples: mypy joined the five array types, to ``object``
    # in some runs (a fresh clone's CI failed once on this line).
    for name in ResultArrays._fields:
        copy = getattr(arrays, name).copy()
        copy[at] = getattr(part, name)
        patched.append(copy)
    return _read_only(ResultArrays(*patched))


def _read_only(arrays: ResultArrays) -> ResultArrays:
    for name in ResultArrays._fields:  # (by name: see _patched)
        getattr(arrays, name).setflags(write=False)
    return arrays


@dataclass(frozen=True, slots=True)
class _Aligned:
    """One tuple of contracts as last evaluated under one rule set, contract by contract:
    another day's evaluation of the same tuple (an as-of step) starts from it and judges
    again only the contracts whose entries do not hold on that day (see :func:`_step`).
    The columns are made on the first step (an edit's evaluation is seldom stepped from).
    An edit's tuple, the same but for a few contracts, starts from it on the same day
    (:func:`_edited`)."""

    contracts: tuple[Contract, ...]
    computed_on: dt.date
    results: list[ContractResult]
    entries: list[_Entry]
    arrays: ResultArrays
    columns: _Columns | None


class _AlignedMemory:
    """The last :class:`_Aligned` evaluation of a few tuples, per rule set (shared by threads)."""

    def __init__(self, size: int = 6) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._kept: list[tuple[RuleSet, _Aligned]] = []

    def get(self, contracts: tuple[Contract, ...], rule_set: RuleSet) -> _Aligned | None:
        with self._lock:
            for rs, aligned in self._kept:
                if aligned.contracts is contracts and (rs is rule_set or rs == rule_set):
                    return aligned
        return None

    def edited_from(
        self, contracts: tuple[Contract, ...], rule_set: RuleSet, computed_on: dt.date
    ) -> tuple[_Aligned, list[int]] | None:
        """A tuple evaluated on ``computed_on`` that ``contracts`` equals but for a few
        contracts (an edit), with the positions that differ."""
        with self._lock:
            kept = list(self._kept)
        n = len(contracts)
        for rs, aligned in kept:
            if aligned.computed_on != computed_on or len(aligned.contracts) != n or not n:
                continue
            if not (rs is rule_set or rs == rule_set):
                continue
            # C-level iteration: a tenth of a Python loop over 10,000 contracts; it stops
            # at the first difference past the limit (another document's tuple, an Exclude of
            # every row).
            limit = max(1, n // 8)
            differ = compress(count(), map(is_not, aligned.contracts, contracts))
            changed = list(islice(differ, limit + 1))
            if len(changed) <= limit:
                return aligned, changed
        return None

    def keep(self, rule_set: RuleSet, aligned: _Aligned) -> None:
        with self._lock:
            others = [
                (rs, a)
                for rs, a in self._kept
                if not (a.contracts is aligned.contracts and (rs is rule_set or rs == rule_set))
            ]
            self._kept = [(rule_set, aligned), *others][: self._size]


_ALIGNED = _AlignedMemory()


def _columns(entries: Sequence[_Entry], results: Sequence[ContractResult]) -> _Columns:
    n = len(entries)

    def ordinals(days: Iterable[int]) -> Ints:
        return np.fromiter(days, dtype=np.int64, count=n)

    return _Columns(
        settled=ordinals(_LAST if e.settled is None else e.settled.toordinal() for e in entries),
        on=ordinals(e.on.toordinal() for e in entries),
        steady_from=ordinals(
            _LAST if e.steady is None else e.steady[0].toordinal() for e in entries
        ),
        steady_until=ordinals(
            _FIRST if e.steady is None else e.steady[1].toordinal() for e in entries
        ),
        held=ordinals(len(r.windows) for r in results),
    )


def _judge_all(
    contracts: Sequence[Contract],
    rule_set: RuleSet,
    computed_on: dt.date,
    starts: list[dt.date],
    evaluated: int | None = None,
) -> tuple[list[ContractResult], list[_Entry]]:
    """Every contract's result and entry at ``computed_on``, reusing remembered entries;
    ``evaluated``: the size of the evaluation these contracts are part of (all of it when
    None), which bounds what is remembered."""
    known = _RESULTS.known(rule_set)
    results = []
    entries = []
    computed: _Known = {}  # the results not remembered, or remembered at another date
    held_on: dict[dt.date, tuple[int, ...]] = {}  # the windows holding an outcome, by its date
    for contract in contracts:
        entry = known.get(id(contract))
        if entry is None or entry.result.contract is not contract:
            key = client_key(contract.client)  # Contract.client_key, without its frame
            if contract.excluded and contract.start <= computed_on:
                # What _judged makes of it (step 2: nothing counts, no bonus, settled since
                # its start), made directly: an Exclude of every row judges 10,000 of them.
                fields = (contract, "excluded_by_user", None, (), None, False, None, None)
                result = _new_result(fields)
                entry = _new_entry((result, computed_on, contract.start, key, None))
            else:
                settled = _settled_from(contract, rule_set)
                entry = _judged(contract, rule_set, computed_on, starts, settled, key)
            computed[id(contract)] = entry
            result = entry.result
        elif entry.on == computed_on:
            result = entry.result
        elif (entry.settled is None or entry.settled > min(computed_on, entry.on)) and (
            entry.steady is None or not entry.steady[0] <= computed_on < entry.steady[1]
        ):
            entry = _judged(contract, rule_set, computed_on, starts, entry.settled, entry.key)
            computed[id(contract)] = entry
            result = entry.result
        else:  # settled on both days, or steady between them: only the windows can differ
            result = entry.result
            if result.outcome is not None:
                dated = result.outcome.date
                held = held_on.get(dated)
                if held is None:
                    held = held_on[dated] = _held(rule_set, dated, starts)
                if held != result.windows:
                    result = result._replace(windows=held)
        results.append(result)
        entries.append(entry)
    _RESULTS.remember(rule_set, known, computed, evaluated or len(results))
    return results, entries


def _step(
    aligned: _Aligned, rule_set: RuleSet, computed_on: dt.date, starts: list[dt.date]
) -> tuple[list[ContractResult], list[_Entry], ResultArrays, _Columns]:
    """:func:`_judge_all` for the tuple of ``aligned`` on another day, in array arithmetic:
    the same conditions pick the entries that still hold (judged that day, settled on both
    days, or steady between them), and only the others are judged again; of those that
    hold, only the outcomes that crossed a window's start get new windows."""
    columns = aligned.columns or _columns(aligned.entries, aligned.results)
    day = computed_on.toordinal()
    holds = (
        (columns.on == day)
        | (columns.settled <= np.minimum(columns.on, day))
        | ((columns.steady_from <= day) & (day < columns.steady_until))
    )
    start_days = np.array([start.toordinal() for start in starts], dtype=np.int64)
    dated = aligned.arrays.dated
    # _held: the windows from the first whose start is on or before the outcome's date.
    skipped = (start_days[None, :] > dated[:, None]).sum(axis=1)
    held = np.where(dated == _FIRST, 0, len(starts) - skipped)
    results = list(aligned.results)
    entries = list(aligned.entries)
    windows = rule_set.reported_windows
    for i in np.flatnonzero(holds & (held != columns.held)).tolist():
        results[i] = results[i]._replace(windows=windows[len(windows) - int(held[i]) :])
    again = np.flatnonzero(~holds).tolist()
    computed: _Known = {}
    for i in again:
        old = entries[i]
        contract = aligned.contracts[i]
        entry = _judged(contract, rule_set, computed_on, starts, old.settled, old.key)
        computed[id(contract)] = entries[i] = entry
        results[i] = entry.result
    _RESULTS.remember(rule_set, _RESULTS.known(rule_set), computed, len(results))
    judged, judged_entries = [results[i] for i in again], [entries[i] for i in again]
    patched = _columns(judged_entries, judged)
    on, steady_from, steady_until = (
        column.copy() for column in (columns.on, columns.steady_from, columns.steady_until)
    )
    for whole, part in (
        (on, patched.on),
        (steady_from, patched.steady_from),
        (steady_until, patched.steady_until),
        (held, patched.held),
    ):
        whole[again] = part
    arrays = _patched(aligned.arrays, again, judged, judged_entries)
    return results, entries, arrays, _Columns(columns.settled, on, steady_from, steady_until, held)


def _edited(  # noqa: PLR0913, PLR0917 (the edit and the day)
    aligned: _Aligned,
    contracts: Sequence[Contract],
    changed: Sequence[int],
    rule_set: RuleSet,
    computed_on: dt.date,
    starts: list[dt.date],
) -> tuple[list[ContractResult], list[_Entry], ResultArrays]:
    """:func:`_judge_all` for ``contracts``, which equal ``aligned``'s but at ``changed``,
    on the day ``aligned`` was evaluated: its results stand but for the changed contracts
    (judged, or found remembered: an undo brings an old object back)."""
    results = list(aligned.results)
    entries = list(aligned.entries)
    edited = [contracts[i] for i in changed]
    fresh = _judge_all(edited, rule_set, computed_on, starts, evaluated=len(contracts))
    for i, result, entry in zip(changed, *fresh, strict=True):
        results[i] = result
        entries[i] = entry
    return results, entries, _patched(aligned.arrays, changed, *fresh)


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
    # A tuple cannot change: its last evaluation is a sound start for another day's, and
    # for an edit's tuple (the same but for a few contracts) on the same day.
    aligned = edit = None
    if isinstance(contracts, tuple):
        aligned = _ALIGNED.get(contracts, rule_set)
        if aligned is None:
            edit = _ALIGNED.edited_from(contracts, rule_set, computed_on)
    columns = None
    if aligned is not None and aligned.computed_on == computed_on:  # asked again (an undo)
        results, entries, arrays = aligned.results, aligned.entries, aligned.arrays
        columns = aligned.columns
    elif aligned is not None:
        results, entries, arrays, columns = _step(aligned, rule_set, computed_on, starts)
    elif edit is not None:
        edited = _edited(edit[0], contracts, edit[1], rule_set, computed_on, starts)
        results, entries, arrays = edited
    else:
        results, entries = _judge_all(contracts, rule_set, computed_on, starts)
        arrays = _arrays(results, entries)
    if isinstance(contracts, tuple):
        aligned = _Aligned(contracts, computed_on, results, entries, arrays, columns)
        _ALIGNED.keep(rule_set, aligned)
    bonus_by_key: dict[str, str] = {}  # one bonus per client, spelled as first seen
    for i in np.flatnonzero(arrays.bonus).tolist():
        bonus_by_key.setdefault(entries[i].key, results[i].contract.client)
    bonus = tuple(bonus_by_key.values())
    windows = _window_sums(rule_set, computed_on, arrays, len(bonus))
    trending = None
    s3, s6 = (windows[m].score if m in windows else None for m in (3, 6))
    if rule_set.trending and s3 is not None and s6 is not None:
        trending = Fraction(
            *trending_ratio(s3.numerator, s3.denominator, s6.numerator, s6.denominator)
        )
    scores = {m: window.score for m, window in windows.items()}
    defined = [score for score in best_candidates(rule_set, scores, trending) if score is not None]
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
        arrays=arrays,
    )
