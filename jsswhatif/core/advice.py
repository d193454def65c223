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

Actions on one contract share one evaluation: each is scored from the baseline's window sums
with that contract swapped (:class:`~jsswhatif.core.advice_scoring.Scorer`), exactly as
:func:`~jsswhatif.core.engine.evaluate` would score the scenario.

Example (unit weights, no feedback neutral): windows holding +1, -1, +1, +1 and a silent 0
score 100 * (3 - 1) / 5 = 40%; 5 stars on the silent contract give 100 * (4 - 1) / 5 = 60%,
and ending an open contract without feedback adds a 0: 100 * 2 / 6 = 33% (marked: it lowers).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from jsswhatif.core.advice_scoring import Scorer, eligible, first_start, weeks_at_90
from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import JsonScalar, Scenario
from jsswhatif.core.engine import evaluate
from jsswhatif.core.forecast import changes_between
from jsswhatif.core.rules import Rules, resolve
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.top_rated import (
    LOOKBACK_DAYS,
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
    scorer = Scorer(contracts, evaluate(contracts, rules, day), _samples(baseline, day))
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
            top = eligible(
                change.after,
                weeks_at_90(_samples(baseline, day)),
                earned,
                first_start(contracts),
                day,
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
        weeks = weeks_at_90(_samples(timeline, day))
        top = eligible(after, weeks, earned + more, first_start(scenario_contracts), day)
        yield _Candidate("new_jobs", None, text, day, after, top, Scenario(name=text, added=added))
