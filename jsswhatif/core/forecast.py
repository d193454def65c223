"""Changes of the displayed score between two dates, with their causes (model, section 11).

With the contracts held fixed, :func:`changes_between` finds every day t in ``(first, last]``
whose displayed score differs from the day before, past or future, and names its causes:
every contract whose contribution differs between u(t - 1) and u(t) (an outcome leaving a
window, a long-term contract lapsing, an inactivity trigger, an end, feedback becoming
visible, a payment, a heavier long-term weight), a long-term client bonus starting or ending,
and under ``historical`` a new preset taking effect. :func:`forecast` is its special case: the
24 months after the as-of date ("what happens next"); two past dates answer "why did my
score change last week".

Candidates come from each contract's event dates (start, end, feedback, payments, long-term
start and lapse, inactivity, weight steps and window exits), so only a handful of contracts
are re-evaluated per change.

Cause kinds (interfaces.md): ``window_exit``, ``long_term_lapse``, ``inactivity``, ``end``,
``feedback``, ``start``, ``payment`` (a payment ends an inactivity, starts the long-term
status, or completes a paid period that adds weight), ``bonus``, ``rules``, ``other``.

Example: "2027-01-16: 100% -> 96%, contract 'Landing page redesign' (positive, weight 2.5)
leaves the 6-month window".
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from jsswhatif.core.arrays import distinct
from jsswhatif.core.calendar import months_after, window_exit, window_exit_days
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import Outcome, Verdict, contract_outcome
from jsswhatif.core.explain import value_words
from jsswhatif.core.rules import HistoricalRules, Rules, RuleSet, resolve
from jsswhatif.core.scoring import NEVER, earns_client_bonus, inactivity_date, long_term_span
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.timeline_grid import Book, Bools, Ints

CauseKind = Literal[
    "window_exit",
    "long_term_lapse",
    "inactivity",
    "end",
    "feedback",
    "start",
    "payment",
    "bonus",
    "rules",
    "other",
]

HORIZON_MONTHS = 24


@dataclass(frozen=True, slots=True)
class Cause:
    """One reason a change happens: which contract, what kind of event, in words."""

    contract_id: str | None
    title: str
    kind: CauseKind
    months: int | None
    text: str


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """A day on which the displayed score changes, from ``before`` to ``after`` (None: no JSS)."""

    date: dt.date
    before: int | None
    after: int | None
    causes: tuple[Cause, ...]

    @property
    def why(self) -> str:
        """The causes in words; alike ones (three hypothetical $500 jobs) once, with a count."""
        counts = Counter(cause.text for cause in self.causes)
        why = "; ".join(t if n == 1 else f"{t} (x{n})" for t, n in counts.items())
        return why or "no single contract"

    @property
    def text(self) -> str:
        """E.g. ``2027-01-12: 91% -> 93%, contract 'Logo' (negative, weight 1) leaves the 12-month
        window``.

        The before and after scores read "no JSS" when undefined.
        """
        shown = [f"{x}%" if x is not None else "no JSS" for x in (self.before, self.after)]
        return f"{self.date.isoformat()}: {shown[0]} -> {shown[1]}, {self.why}"


def forecast(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date
) -> tuple[ScoreChange, ...]:
    """Every change of the displayed score in the 24 months after ``as_of``, with causes."""
    return changes_between(contracts, rules, as_of, months_after(as_of, HORIZON_MONTHS))


def changes_between(  # noqa: PLR0913 (the shared timeline and events of the look-ahead)
    contracts: Sequence[Contract],
    rules: Rules,
    first: dt.date,
    last: dt.date,
    *,
    timeline: Timeline | None = None,
    events: Events | None = None,
) -> tuple[ScoreChange, ...]:
    """Every change of the displayed score on a day of ``(first, last]``, with its causes.

    Args:
        contracts, rules, first, last: What to look at.
        timeline: The contracts' timeline under ``rules``, when the caller has one covering
            ``[first, last]`` (the look-ahead computes one for all its parts).
        events: :func:`event_index` of a range covering ``[first, last]``, likewise.

    Raises:
        ValueError: ``last`` is before ``first``.
    """
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    if timeline is None:
        timeline = compute_timeline(contracts, rules, first, last)
    a, days = timeline.index_of(first), (last - first).days + 1
    shown = timeline.displayed[a : a + days].tolist()
    displayed = [None if math.isnan(x) else int(x) for x in shown]
    computed_on = timeline.computed_on[a : a + days].tolist()
    if events is None:
        events = event_index(contracts, rules, first, last)
    changes = []
    for i in range(1, days):
        if displayed[i] == displayed[i - 1]:
            continue
        day = first + dt.timedelta(days=i)
        since, until = computed_on[i - 1], computed_on[i]
        if resolve(rules, day)[1] is resolve(rules, day - dt.timedelta(days=1))[1]:
            candidates = events.between(since, until)
        else:  # a new preset (historical) may change any contract's verdict
            candidates = list(range(len(contracts)))
        causes = tuple(_causes(contracts, candidates, rules, day))
        changes.append(ScoreChange(day, displayed[i - 1], displayed[i], causes))
    return tuple(changes)


def event_index(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date, horizon: dt.date
) -> Events:
    """The contracts with an event on each day within the horizon, as columns.

    Vectorized over contracts (numpy releases the interpreter lock while it works, so the
    look-ahead thread no longer stalls the window); :func:`_event_dates` says what an event
    is, one contract at a time, and the tests hold both to the same pairs.
    """
    rule_sets = rules.presets if isinstance(rules, HistoricalRules) else (rules,)
    low, high = as_of.toordinal() - 14, horizon.toordinal()  # a biweekly update looks back
    book = Book.of(contracts)
    n = book.start.size
    every = np.arange(n, dtype=np.int64)
    has_payments = book.rows(("has_payments",), _has_payments)
    # The latest payment as of t, for the long-term and inactivity rules: each real payment
    # day (and the start before the first), or paid_through under regular payments.
    pay_who, pay_day = book.pay_contract, book.pay_day
    odd = np.flatnonzero(has_payments & ~book.earning)  # refunded: days not in the book
    odd_days = [(int(i), d.toordinal()) for i in odd for d in contracts[int(i)].payment_days]
    if odd_days:
        extra = np.array(odd_days, dtype=np.int64).reshape(-1, 2).T
        pay_who, pay_day = np.concatenate([pay_who, extra[0]]), np.concatenate([pay_day, extra[1]])
    plain = np.flatnonzero(~has_payments)
    base_who = np.concatenate([plain, np.flatnonzero(has_payments), pay_who])
    base_day = np.concatenate([book.paid[plain], book.start[has_payments], pay_day])
    who: list[Ints] = [every, pay_who]
    day: list[Ints] = [book.start, pay_day]
    opened = book.end < NEVER
    dated = book.feedback < NEVER
    who += [every[opened], every[dated]]
    day += [book.end[opened], book.feedback[dated]]
    for rs in rule_sets:
        inactive_on = inactivity_date(base_day, rs)
        lo, hi = long_term_span(book.start[base_who], base_day, None, rs)
        who += [base_who] * 3
        day += [inactive_on, lo, hi]
        period = rs.length_bonus_days
        if period > 0 and rs.open_long_term == "counted":  # weights grow at each period
            latest = np.full(n, -1, dtype=np.int64)
            np.maximum.at(latest, base_who, base_day)
            lo, hi = long_term_span(book.start, latest, book.end, rs)
            first = np.maximum(1, (as_of.toordinal() - book.start) // period)
            last = (horizon.toordinal() - book.start) // period
            count = np.where((latest >= lo) & (lo < hi), np.maximum(last - first + 1, 0), 0)
            owner = np.repeat(every, count)
            k = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
            who.append(owner)
            day.append(book.start[owner] + (first[owner] + k) * period)
        outcome_who = np.concatenate([every[opened], base_who])
        outcome_day = np.concatenate([book.end[opened], inactive_on])
        for months in rs.scored_windows:
            who.append(outcome_who)
            day.append(window_exit_days(outcome_day, months))
    all_who, all_day = np.concatenate(who), np.concatenate(day)
    inside = (all_day >= low) & (all_day <= high)
    keys = distinct(all_day[inside] * (n + 1) + all_who[inside])  # by day, then contract
    return Events(keys // (n + 1), keys % (n + 1))


@dataclass(frozen=True, slots=True)
class Events:
    """(day, contract index) pairs, sorted by day then contract, without repeats."""

    day: Ints
    contract: Ints

    def between(self, since: int, until: int) -> list[int]:
        """The contracts with an event on a day of ``(since, until]``, ascending."""
        lo, hi = np.searchsorted(self.day, [since + 1, until + 1])
        return sorted(set(self.contract[lo:hi].tolist()))


def _has_payments(book: Book, rows: Ints) -> Bools:
    cs = book.contracts
    return np.array([bool(cs[i].payments) for i in rows.tolist()], dtype=np.bool_)


def _event_dates(
    contract: Contract, rules: RuleSet, since: dt.date, horizon: dt.date
) -> Iterator[dt.date]:
    """The days something may change for ``contract``: the reference :func:`event_index`
    follows (start, end, feedback, payments, inactivity, long-term start and lapse, weight
    steps from ``since`` to ``horizon`` of a contract that can be counted as long-term,
    window exits of every possible outcome date)."""
    yield contract.start
    outcome_dates = []
    if contract.end is not None:
        yield contract.end
        outcome_dates.append(contract.end)
    if contract.feedback_date is not None:
        yield contract.feedback_date
    if contract.payments:
        yield from contract.payment_days
        bases = [contract.start, *contract.payment_days]
    else:
        bases = [contract.paid_through or contract.start]
    for last in bases:
        inactive_on = inactivity_date(last, rules)
        yield inactive_on
        outcome_dates.append(inactive_on)
        yield from long_term_span(contract.start, last, None, rules)  # it starts, it lapses
    # Only a counted long-term outcome has a weight that grows with t (an ended or inactive
    # one is weighed at a fixed day), and only a contract paid long enough can be one: the
    # latest payment bounds every span of long_term_span.
    period = rules.length_bonus_days
    lo, hi = long_term_span(contract.start, max(bases), contract.end, rules)
    if period > 0 and rules.open_long_term == "counted" and max(bases) >= lo and lo < hi:
        first_step = max(1, (since - contract.start).days // period)
        for k in range(first_step, (horizon - contract.start).days // period + 1):
            yield contract.start + dt.timedelta(days=k * period)
    for d in outcome_dates:
        for months in rules.scored_windows:
            yield window_exit(d, months)


def _causes(
    contracts: Sequence[Contract], candidates: Sequence[int], rules: Rules, day: dt.date
) -> Iterator[Cause]:
    before_on, before_rules = resolve(rules, day - dt.timedelta(days=1))
    after_on, after_rules = resolve(rules, day)
    if before_rules.name != after_rules.name:
        yield Cause(
            None, "", "rules", None, f"the {after_rules.name} rules take effect (historical)"
        )
    for index in candidates:
        yield from _CAUSES.of(contracts[index], (before_rules, before_on), (after_rules, after_on))


class _CauseMemo:
    """:func:`_contract_causes`, remembered by the identity of the contract and rule sets.

    After an edit most contracts are the same objects and most change days the same: the
    forecast then re-evaluates the edited contract only. Bounded; shared by every thread (a
    lost race computes an entry twice, the same).
    """

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._known: dict[tuple[int, int, dt.date, int, dt.date], _Remembered] = {}

    def of(
        self, contract: Contract, before: tuple[RuleSet, dt.date], after: tuple[RuleSet, dt.date]
    ) -> tuple[Cause, ...]:
        key = (id(contract), id(before[0]), before[1], id(after[0]), after[1])
        found = self._known.get(key)
        if (
            found is not None
            and found[0] is contract
            and found[1] is before[0]
            and found[2] is after[0]
        ):
            return found[3]
        causes = tuple(_contract_causes(contract, before, after))
        if len(self._known) >= self._size:
            self._known.clear()
        # The objects are held, so their ids cannot be reused while the entry lives.
        self._known[key] = (contract, before[0], after[0], causes)
        return causes


_Remembered = tuple[Contract, RuleSet, RuleSet, tuple["Cause", ...]]
_CAUSES = _CauseMemo()


def _windows(outcome: Outcome | None, rules: RuleSet, on: dt.date) -> set[int]:
    if outcome is None:
        return set()
    return {m for m in rules.scored_windows if window_exit(outcome.date, m) > on}


def _contract_causes(
    contract: Contract, before: tuple[RuleSet, dt.date], after: tuple[RuleSet, dt.date]
) -> Iterator[Cause]:
    (rules0, on0), (rules1, on1) = before, after
    verdict0 = contract_outcome(contract, rules0, on0)
    verdict1 = contract_outcome(contract, rules1, on1)
    (status0, outcome0), (status1, outcome1) = verdict0[:2], verdict1[:2]
    name = f"contract {contract.title or contract.id!r}"
    make = _maker(contract)
    bonus0 = earns_client_bonus(contract, rules0, on0)
    bonus1 = earns_client_bonus(contract, rules1, on1)
    if bonus0 != bonus1:
        verb = "starts" if bonus1 else "ends"
        yield make("bonus", None, f"the long-term client bonus of {contract.client} {verb}")
    if outcome0 is not None and outcome0 == outcome1:
        # The weight says how much the exit moves the score (a 5.5-job outcome is no 1-job one).
        words = f"{value_words(outcome0.value)}, weight {outcome0.weight}"
        for months in sorted(_windows(outcome0, rules0, on0) - _windows(outcome0, rules1, on1)):
            yield make("window_exit", months, f"{name} ({words}) leaves the {months}-month window")
        return
    if outcome0 == outcome1 and status0 == status1:
        return
    if rules0 is not rules1 and contract_outcome(contract, rules1, on0)[:2] == verdict1[:2]:
        # Judged the same by the new rules on the day before: the rules changed it.
        words = (
            f"counts as {value_words(outcome1.value)}"
            if outcome1 is not None
            else f"no longer counts ({status1.replace('_', ' ')})"
        )
        yield make("rules", None, f"{name} {words} under the {rules1.name} rules")
        return
    yield _change(contract, name, verdict0, verdict1, rules1)


def _maker(contract: Contract) -> Callable[[CauseKind, int | None, str], Cause]:
    def make(kind: CauseKind, months: int | None, text: str) -> Cause:
        return Cause(contract.id, contract.title, kind, months, text)

    return make


def _change(
    contract: Contract, name: str, before: Verdict, after: Verdict, rules: RuleSet
) -> Cause:
    """The cause of a contract's changed verdict, from ``before`` (u(t - 1)) to ``after``."""
    make = _maker(contract)
    if after.outcome is not None:
        kind, text = _counts_now(name, before, after.outcome, rules)
    else:
        kind, text = _stops_counting(name, before, after, rules)
    return make(kind, None, text)


def _counts_now(  # noqa: PLR0911 (a cause per kind of change)
    name: str, before: Verdict, outcome: Outcome, rules: RuleSet
) -> tuple[CauseKind, str]:
    """Why the contract counts as ``outcome`` now, from its verdict ``before``."""
    words = value_words(outcome.value)
    was = before.outcome
    if was is None and before.status == "not_started":
        return "start", f"{name} starts and counts as {words}"
    if was is None and before.basis == outcome.reason:  # judged the same, feedback arrived
        return "feedback", f"feedback on {name} shows: {words}"
    if was is None or was.reason != outcome.reason:
        if outcome.reason == "ended":
            return "end", f"{name} ends and counts as {words}"
        if outcome.reason == "inactive_as_ended":
            days = rules.inactive_after_days
            return (
                "inactivity",
                f"{name} counts as ended ({words}) after {days} days without payment",
            )
        return "payment", f"{name} starts counting as long-term"
    if was.value != outcome.value:
        return "feedback", f"feedback on {name} shows: {words}"
    # A long-term outcome is dated t and moves every day; a fixed one moves when a later
    # payment restarts its inactivity.
    if outcome.reason != "long_term_active" and was.date != outcome.date:
        return "payment", f"a payment on {name} moves its outcome"
    if was.weight != outcome.weight:
        return "payment", f"{name} now weighs {outcome.weight} jobs"
    return "other", f"{name} changes"


def _stops_counting(
    name: str, before: Verdict, after: Verdict, rules: RuleSet
) -> tuple[CauseKind, str]:
    """Why the contract, counted ``before`` or not, does not count now."""
    why = after.status.replace("_", " ")
    was = before.outcome
    if was is None:
        if before.status == "not_started":
            return "start", f"{name} starts"
        return "other", f"{name}: {why}"
    if after.basis == "ended" and was.reason != "ended":
        return "end", f"{name} ends and no longer counts: {why}"
    if was.reason == "long_term_active":
        gap = rules.long_term_payment_gap_days
        return "long_term_lapse", f"long-term {name} lapses (no payment in {gap} days)"
    if after.status == "open_pending":
        return "payment", f"a payment on {name} ends its inactivity"
    return "feedback", f"{name} no longer counts: {why}"  # feedback that drops it (flagged)
