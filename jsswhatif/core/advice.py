"""The advisor: what to do next, each action scored as a scenario (issue 11, deliverable 2).

:func:`advise` lists candidate actions on the user's own contracts, scores each one as the
scenario that makes it, and ranks them by the displayed score they give (then by how soon,
then by Top Rated):

- ``end_with_feedback``: an open contract ends on the as-of date with 5 stars, no private
  rating;
- ``end_without_feedback``: an open contract ends on the as-of date with no feedback (the
  freelancer closing it);
- ``ask_feedback``: a contract that ended in the last 14 days without feedback gets 5 stars,
  dated the as-of date;
- ``wait``: the next day the displayed score rises with no action (:mod:`core.forecast`);
- ``new_jobs``: 1, 2 and 3 new contracts of the user's median size (the median of the
  positive amounts) with 5 stars, starting on the as-of date and ending 30 days later.

Each action's ``date`` is the first day on or after the day it happens whose update includes
it (u(t) of :func:`~jsswhatif.core.rules.resolve` on or after that day: the as-of date under a
daily cadence, the next update under a biweekly one); ``displayed_after`` is the displayed
score on that day with the action, and ``lowers`` marks an action that leaves it below today's.
``top_rated_after`` is the Top Rated estimate on that day: the weekly samples before it are
the baseline's (Upwork recorded them before the action's update), the one on that day, if a
Saturday, has the action. Ending a contract keeps what was paid: a contract with earnings but
no last payment date gets its current ``paid_through`` as ``last_paid`` in the scenario, or
the regular-payment assumption would spread its earnings up to the new end and rewrite the
past scores.

Actions on one contract share one evaluation: changing a contract changes only its outcome,
its client's distinct-client count and its client's long-term bonus, so each is scored from
the window sums without it (:class:`_Sums`), exactly as :func:`~jsswhatif.core.engine.evaluate`
would score the scenario.

Example (unit weights, no feedback neutral): windows holding +1, -1, +1, +1 and a silent 0
score 100 * (3 - 1) / 5 = 40%; 5 stars on the silent contract give 100 * (4 - 1) / 5 = 60%,
and ending an open contract without feedback adds a 0: 100 * 2 / 6 = 33% (marked: it lowers).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from jsswhatif.core.calendar import months_after, months_before
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import JsonScalar, Scenario
from jsswhatif.core.engine import (
    ContractResult,
    Evaluation,
    Outcome,
    contract_outcome,
    evaluate,
)
from jsswhatif.core.forecast import changes_between
from jsswhatif.core.rules import Rules, RuleSet, resolve
from jsswhatif.core.scoring import (
    best_candidates,
    displayed_of,
    earns_client_bonus,
    trending_ratio,
    window_defined,
    window_ratio,
)
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.top_rated import (
    LOOKBACK_DAYS,
    MIN_EARNINGS,
    MIN_SCORE,
    MIN_TENURE_DAYS,
    WEEKS_NEEDED,
    earnings_between,
    earnings_last_12_months,
    weekly_samples,
)

ActionKind = Literal[
    "end_with_feedback", "end_without_feedback", "ask_feedback", "wait", "new_jobs"
]

#: A contract ended this many days before the as-of date, or fewer, may still get feedback.
ASK_WITHIN_DAYS = 14
#: The new jobs end this many days after the as-of date.
NEW_JOB_DAYS = 30
NEW_JOB_COUNTS = (1, 2, 3)
STARS = Decimal(5)
#: The longest wait for an update (a biweekly cadence needs at most 13 days).
_MAX_UPDATE_WAIT = 366


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the freelancer can do, scored.

    Attributes:
        kind: What kind of action.
        contract: The contract id, None for ``wait`` and ``new_jobs``.
        text: In words, e.g. ``End 'Logo design' with 5 stars today``.
        date: The first day on or after the as-of date whose update includes the action.
        displayed_after: The displayed score on ``date`` with the action (None: no JSS).
        top_rated_after: The Top Rated estimate on ``date`` with the action.
        lowers: ``displayed_after`` is below today's displayed score (or loses it).
        scenario: The overrides or added contracts that make the action.
    """

    kind: ActionKind
    contract: str | None
    text: str
    date: dt.date | None
    displayed_after: int | None
    top_rated_after: bool
    lowers: bool
    scenario: Scenario


@dataclass(frozen=True, slots=True)
class Advice:
    """The advisor's answer at one date.

    Attributes:
        as_of: The date asked for.
        rules: The rule set's name.
        displayed: Today's displayed score (None: no JSS).
        actions: Ranked: ``displayed_after`` descending (None last), then ``date``, then Top
            Rated first; candidates in the order of the module docstring break ties.
    """

    as_of: dt.date
    rules: str
    displayed: int | None
    actions: tuple[Action, ...]


def advise(contracts: Sequence[Contract], rules: Rules, as_of: dt.date) -> Advice:
    """Every candidate action at ``as_of`` under ``rules``, scored and ranked."""
    contracts = tuple(contracts)
    # One timeline of the baseline serves today's score, the wait and every Top Rated sample
    # before an action's day (the earliest is LOOKBACK_DAYS before the as-of date).
    baseline = compute_timeline(
        contracts, rules, as_of - dt.timedelta(days=LOOKBACK_DAYS), months_after(as_of, 24)
    )
    shown = _displayed_on(baseline, as_of)
    found: list[_Candidate] = []
    found += _contract_actions(contracts, rules, as_of, baseline)
    found += _wait(contracts, rules, as_of, baseline)
    found += _new_jobs(contracts, rules, as_of)
    actions = [
        Action(
            kind=c.kind,
            contract=c.contract,
            text=c.text,
            date=c.date,
            displayed_after=c.displayed_after,
            top_rated_after=c.top_rated_after,
            lowers=shown is not None and (c.displayed_after is None or c.displayed_after < shown),
            scenario=c.scenario,
        )
        for c in found
    ]
    actions.sort(key=_rank)
    return Advice(as_of, rules.name, shown, tuple(actions))


def _displayed_on(timeline: Timeline, day: dt.date) -> int | None:
    value = float(timeline.displayed[timeline.index_of(day)])
    return None if math.isnan(value) else int(value)


def _samples(timeline: Timeline, day: dt.date) -> list[float]:
    """The displayed score on each of the 16 Saturdays Top Rated looks at on ``day``."""
    return [float(timeline.displayed[timeline.index_of(s)]) for s in weekly_samples(day)]


def _rank(action: Action) -> tuple[bool, int, dt.date, bool]:
    after = action.displayed_after
    return (after is None, -(after or 0), action.date or dt.date.max, not action.top_rated_after)


def first_day_including(rules: Rules, day: dt.date) -> dt.date:
    """The first t on or after ``day`` whose update date u(t) is on or after ``day``.

    Example: under a biweekly cadence anchored on 2023-12-10, an action on 2026-11-25 shows
    from the update of 2026-12-06 (2023-12-10 + 14 * 78).
    """
    t = day
    for _ in range(_MAX_UPDATE_WAIT):
        if resolve(rules, t)[0] >= day:
            return t
        t += dt.timedelta(days=1)
    raise AssertionError(f"no update includes {day} within a year")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: ActionKind
    contract: str | None
    text: str
    date: dt.date
    displayed_after: int | None
    top_rated_after: bool
    scenario: Scenario


def _name(contract: Contract) -> str:
    return repr(contract.title or contract.id)


def _changes(contract: Contract, **wanted: Any) -> dict[str, JsonScalar]:
    """The overrides (JSON form) making ``wanted``; a new end keeps what was paid."""
    ends = "end" in wanted
    if ends and contract.earnings > 0 and not contract.payments and contract.last_paid is None:
        # Ending is not a payment: without this the regular-payment assumption would spread
        # the earnings up to the new end, rewriting the past scores and Top Rated weeks.
        wanted.setdefault("last_paid", contract.paid_through)
    changes: dict[str, JsonScalar] = {}
    for field, value in wanted.items():
        if getattr(contract, field) != value:
            changes[field] = value if value is None else str(value)
    return changes


def _contract_actions(
    contracts: tuple[Contract, ...], rules: Rules, as_of: dt.date, baseline: Timeline
) -> Iterator[_Candidate]:
    """``end_with_feedback``, ``end_without_feedback`` and ``ask_feedback``, all on ``as_of``."""
    proposals: list[tuple[int, ActionKind, str, dict[str, JsonScalar]]] = []
    for index, c in enumerate(contracts):
        if c.excluded or c.start > as_of:
            continue
        if c.end is None or c.end > as_of:
            ended = {"end": as_of}
            rated = {**ended, "public": STARS, "private": None, "feedback_date": as_of}
            name = _name(c)
            proposals.append(
                (index, "end_with_feedback", f"End {name} with 5 stars today", _changes(c, **rated))
            )
            proposals.append(
                (
                    index,
                    "end_without_feedback",
                    f"End {name} without feedback today",
                    _changes(c, **ended),
                )
            )
        elif (as_of - c.end).days <= ASK_WITHIN_DAYS and c.public is None and c.private is None:
            rated = {"public": STARS, "feedback_date": as_of}
            text = f"Ask for feedback on {_name(c)} (5 stars today)"
            proposals.append((index, "ask_feedback", text, _changes(c, **rated)))
    if not proposals:
        return
    day = first_day_including(rules, as_of)
    scorer = _Scorer(contracts, evaluate(contracts, rules, day), _samples(baseline, day))
    for index, kind, text, changes in proposals:
        old = contracts[index]
        new = make_contract(**{**old.model_dump(), **changes})
        after, top = scorer.swap(index, new)
        scenario = Scenario(name=text, overrides={old.id: changes} if changes else {})
        yield _Candidate(kind, old.id, text, day, after, top, scenario)


def _wait(
    contracts: tuple[Contract, ...], rules: Rules, as_of: dt.date, baseline: Timeline
) -> Iterator[_Candidate]:
    """The first day after ``as_of`` the displayed score rises with no action."""
    start = baseline.index_of(as_of)
    shown = [-1 if math.isnan(x) else int(x) for x in baseline.displayed[start:].tolist()]
    for i in range(1, len(shown)):
        if shown[i] > shown[i - 1]:
            day = as_of + dt.timedelta(days=i)
            (change,) = changes_between(contracts, rules, day - dt.timedelta(days=1), day)
            text = f"Wait until {change.text}"
            earned = earnings_last_12_months(contracts, day)
            top = _eligible(
                change.after, _weeks(_samples(baseline, day)), earned, _first(contracts), day
            )
            yield _Candidate("wait", None, text, day, change.after, top, Scenario(name=text))
            return


def median_amount(contracts: Sequence[Contract]) -> Decimal | None:
    """The median of the contracts' positive amounts, to the cent; None when none earned.

    Example: $100, $0, $250 and $300 give the median of 100, 250, 300: $250.
    """
    amounts = [c.earnings for c in contracts if c.earnings > 0]
    if not amounts:
        return None
    return Decimal(statistics.median(amounts)).quantize(Decimal("0.01"))


def _dollars(amount: Decimal) -> str:
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def _new_jobs(
    contracts: tuple[Contract, ...], rules: Rules, as_of: dt.date
) -> Iterator[_Candidate]:
    """1, 2 and 3 new jobs of the median size, 5 stars, ending ``NEW_JOB_DAYS`` later."""
    size = median_amount(contracts)
    if size is None:
        return
    end = as_of + dt.timedelta(days=NEW_JOB_DAYS)
    day = first_day_including(rules, end)
    taken = {c.id for c in contracts}
    ids = (f"new-job-{k}" for k in range(1, len(contracts) + max(NEW_JOB_COUNTS) + 2))
    free = [i for i in ids if i not in taken][: max(NEW_JOB_COUNTS)]
    try:
        jobs = [
            make_contract(
                id=free[k],
                client=f"New client {k + 1}",
                title=f"New job {k + 1}",
                kind="fixed",
                start=as_of,
                end=end,
                earnings=size,
                public=STARS,
                feedback_date=end,
            )
            for k in range(max(NEW_JOB_COUNTS))
        ]
    except ContractError:  # they would end after the last date jsswhatif handles
        return
    earned = earnings_last_12_months(contracts, day)
    for count in NEW_JOB_COUNTS:
        added = tuple(jobs[:count])
        plural = "job" if count == 1 else "jobs"
        text = f"Finish {count} new {_dollars(size)} {plural} with 5 stars by {end.isoformat()}"
        scenario_contracts = contracts + added
        lookback = day - dt.timedelta(days=LOOKBACK_DAYS)
        timeline = compute_timeline(scenario_contracts, rules, lookback, day)
        after = _displayed_on(timeline, day)  # the timeline agrees with the engine exactly
        more = earnings_last_12_months(added, day)
        weeks = _weeks(_samples(timeline, day))
        top = _eligible(after, weeks, earned + more, _first(scenario_contracts), day)
        yield _Candidate("new_jobs", None, text, day, after, top, Scenario(name=text, added=added))


def _first(contracts: Sequence[Contract]) -> dt.date | None:
    return min((c.start for c in contracts), default=None)


def _weeks(samples: Sequence[float]) -> int:
    return sum(1 for x in samples if not math.isnan(x) and x >= MIN_SCORE)


def _eligible(
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


class _Scorer:
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
        self.first_start = _first(contracts)
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
        top = _eligible(displayed, _weeks(samples), earned, self.first_start, self.day)
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
