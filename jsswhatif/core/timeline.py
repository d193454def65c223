"""Every day of a date range at once (scoring model, section 11): the fast twin of the engine.

:func:`compute_timeline` returns, for each day t of ``[first, last]``, exactly what
:func:`jsswhatif.core.engine.evaluate` reports for t: the window scores, trending and best as
float64 percentages bit-identical to ``float()`` of the engine's fractions, and the same
displayed integer. It never loops over days in Python.

Method. Between two computation dates u, a contract's outcome (section 5) is piecewise
constant, so each contract becomes a few *pieces* ``[a, b)`` of ordinal days:

- ended (``t >= end``): outcome date d = end; the feedback class steps from none to c on the
  day the feedback becomes visible (``feedback_date`` or ``end``); a dispute makes it -1
  throughout. The value of each class follows section 4 step 4 (some pieces do not count).
- inactive as ended (``open_inactive = as_ended``): on ``[last + inactive_after_days, end)``,
  ``last`` being ``paid_through`` (``start`` for $0), minus any day where a counted long-term
  outcome wins; d = ``last + inactive_after_days``; feedback as above with d for an empty date.
- long-term active (LTA): ``[start + long_term_min_days, min(paid_through + gap + 1, end))``
  when ``earnings > 0`` and ``paid_through >= start + long_term_min_days``. With
  ``open_long_term = counted`` its outcome is dated t, lies in every window and its weight
  grows by one job every ``length_bonus_days`` (up to ``paid_through`` periods and the cap).

A fixed-date piece is in window L on ``[max(a, d), min(b, window_exit(d, L)))``. Sums are
accumulated in exact integers (weights times the least common denominator of the rule set's
weights) with difference arrays and one cumulative sum; the growing LTA weights use a comb of
steps, cumulated with a stride of ``length_bonus_days``. Distinct clients per day (and the
long-term client bonus of section 7) come from per-client coverage events sorted by
``(client, day)``: a client counts from the day its coverage leaves zero to the day it returns.

Each score is the exact ratio ``num / den`` of integers, turned into the nearest float64 (so it
equals ``float(Fraction)``). The displayed integer is the largest rounded candidate (rounding
is monotone); half-up rounding goes through floats and re-checks in exact integers the rare
values within 1e-6 of a boundary; floor rounding is an exact integer division.

Cadence: each rule set is computed on the daily grid from the smallest to the largest u(t) it
serves, and every day reads its u(t). ``historical`` splits the days by the preset in force at
u(t) (section 10) and computes each part with its preset.

Example (the interfaces.md CSV, as-of 2026-11-25, ``upwork-2024-09``): ``compute_timeline(
contracts, rules, D("2026-11-25"), D("2026-11-25")).displayed[0] == 90.0``, as the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import HistoricalRules, Rules, RuleSet
from jsswhatif.core.timeline_grid import EPOCH_ORDINAL, Book, Floats, Grid, Ints


@dataclass(frozen=True, eq=False)
class Timeline:
    """What the model reports on each day of ``[first, first + days)``, computed at u(t).

    Arrays are read-only, one entry per day; NaN means "none" (not enough history, or a window
    the rule set in force that day does not report).

    Attributes:
        first: The first day.
        days: Number of days (``last - first + 1``).
        rules_name: The rule set asked for (``historical`` included).
        computed_on: u(t) of each day, as date ordinals (int64).
        windows: Months -> window score in percent (float64), for every window reported by a
            rule set used in the range (3 included when trending is on).
        trending: Mean of the 3- and 6-month scores, percent.
        best: Highest defined score among the configured windows and trending, percent.
        displayed: ``best`` rounded as the rule set says (integral float64), NaN for "no JSS".
        rule_set_names: Name of the rule set used at u(t), per day.
        outcomes: Months -> real counted outcomes in that window (int64), -1 on days whose
            rule set does not report the window.
        clients: Months -> distinct clients of those outcomes, -1 likewise.
    """

    first: dt.date
    days: int
    rules_name: str
    computed_on: Ints
    windows: dict[int, Floats]
    trending: Floats
    best: Floats
    displayed: Floats
    rule_set_names: tuple[str, ...]
    outcomes: dict[int, Ints] = field(default_factory=dict)
    clients: dict[int, Ints] = field(default_factory=dict)

    @property
    def last(self) -> dt.date:
        """The last day of the range (inclusive)."""
        return self.first + dt.timedelta(days=self.days - 1)

    def dates(self) -> list[dt.date]:
        """The days of the range, in order."""
        start = self.first.toordinal()
        return [dt.date.fromordinal(start + i) for i in range(self.days)]

    def index_of(self, day: dt.date) -> int:
        """Position of ``day`` in the arrays; ValueError when it lies outside the range."""
        index = (day - self.first).days
        if not 0 <= index < self.days:
            raise ValueError(f"{day.isoformat()} is outside the timeline")
        return index

    def day(self, day: dt.date) -> DayValues:
        """What the engine reports for ``day``, read from the arrays: O(1), no contract
        evaluated (a drag step shows it at once).

        Equal to :func:`~jsswhatif.core.engine.evaluate` on that day: the displayed integer,
        the counts, and the scores as the nearest floats of the engine's exact fractions.

        Raises:
            ValueError: ``day`` lies outside the range.
        """
        i = self.index_of(day)
        name = self.rule_set_names[i]
        reported = [m for m, counts in self.outcomes.items() if counts[i] >= 0]
        return DayValues(
            as_of=day,
            computed_on=dt.date.fromordinal(int(self.computed_on[i])),
            rule_set_name=name,
            displayed=_integer(self.displayed[i]),
            best=_number(self.best[i]),
            trending=_number(self.trending[i]),
            windows={m: _number(self.windows[m][i]) for m in reported},
            outcomes={m: int(self.outcomes[m][i]) for m in reported},
            clients={m: int(self.clients[m][i]) for m in reported},
        )

    def epoch_seconds(self) -> Floats:
        """x values for plotting: UTC-midnight epoch seconds of each day (float64)."""
        offset = self.first.toordinal() - EPOCH_ORDINAL
        return (np.arange(self.days, dtype=np.float64) + offset) * 86400.0


@dataclass(frozen=True, slots=True)
class DayValues:
    """One day of a :class:`Timeline`, as the engine's :class:`~jsswhatif.core.engine.
    Evaluation` reports it (but per contract).

    Attributes:
        as_of: The day.
        computed_on: u(as_of).
        rule_set_name: The rule set used at u(as_of).
        displayed: The displayed JSS, None for "no JSS".
        best, trending: Percent, None when undefined.
        windows: Months -> score in percent (None: not enough history), for each window the
            rule set reports (3 included with trending).
        outcomes, clients: Months -> real counted outcomes and their distinct clients.
    """

    as_of: dt.date
    computed_on: dt.date
    rule_set_name: str
    displayed: int | None
    best: float | None
    trending: float | None
    windows: dict[int, float | None]
    outcomes: dict[int, int]
    clients: dict[int, int]


def _number(x: np.float64) -> float | None:
    return None if np.isnan(x) else float(x)


def _integer(x: np.float64) -> int | None:
    return None if np.isnan(x) else int(x)


def compute_timeline(  # noqa: PLR0913 (the readings' shared book and grids)
    contracts: Sequence[Contract],
    rules: Rules,
    first: dt.date,
    last: dt.date,
    *,
    book: Book | None = None,
    remember: bool = False,
) -> Timeline:
    """Evaluate every day of ``[first, last]`` (inclusive) at once, exactly as the engine.

    Args:
        contracts: The contracts to score (a scenario already applied).
        rules: A rule set or ``historical``.
        first: First day of the range.
        last: Last day of the range, on or after ``first``.
        book: ``Book.of(contracts)``, when the caller computes several timelines of the same
            contracts (the alternative readings) and builds it once.
        remember: Take the grids from :meth:`Grid.of`, which remembers them and patches them
            after an edit: for a caller that asks for the same rule sets and days after every
            edit (the readings of the look-ahead).

    Raises:
        ValueError: ``last`` is before ``first``.
    """
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    days = np.arange(first.toordinal(), last.toordinal() + 1, dtype=np.int64)
    computed_on, which, rule_sets = _resolve_days(rules, days)
    book = Book.of(contracts) if book is None else book
    used = [k for k in range(len(rule_sets)) if np.any(which == k)]
    months = sorted({m for k in used for m in rule_sets[k].reported_windows})
    windows = {m: np.full(days.size, np.nan) for m in months}
    outcomes = {m: np.full(days.size, -1, dtype=np.int64) for m in months}
    clients = {m: np.full(days.size, -1, dtype=np.int64) for m in months}
    trending, best, displayed = (np.full(days.size, np.nan) for _ in range(3))
    for k in used:
        rs = rule_sets[k]
        mine = which == k
        u = computed_on[mine]
        origin = int(u.min())
        size = int(u.max()) - origin + 1
        grid = Grid.of(book, rs, origin, size) if remember else Grid(book, rs, origin, size)
        at = u - origin
        for m in rs.reported_windows:
            windows[m][mine] = grid.scores[m][at]
            outcomes[m][mine] = grid.sums[m][3][at]
            clients[m][mine] = grid.sums[m][4][at]
        trending[mine] = grid.trending[at]
        best[mine] = grid.best[at]
        displayed[mine] = grid.displayed[at]
    counts = (*outcomes.values(), *clients.values())
    for array in (computed_on, trending, best, displayed, *windows.values(), *counts):
        array.setflags(write=False)
    return Timeline(
        first=first,
        days=int(days.size),
        rules_name=rules.name,
        computed_on=computed_on,
        windows=windows,
        trending=trending,
        best=best,
        displayed=displayed,
        rule_set_names=_names(rule_sets, which),
        outcomes=outcomes,
        clients=clients,
    )


def _names(rule_sets: tuple[RuleSet, ...], which: Ints) -> tuple[str, ...]:
    """The name of ``rule_sets[k]`` for each ``k`` of ``which``."""
    # One rule set: a tuple repeat; else a C-level map. A generator over ten years of days
    # took about a millisecond per timeline, a sixth of a reading's grid.
    if len(rule_sets) == 1:
        return (rule_sets[0].name,) * int(which.size)
    names = [rs.name for rs in rule_sets]
    return tuple(map(names.__getitem__, which.tolist()))


def _update_dates(rs: RuleSet, days: Ints) -> Ints:
    if rs.cadence == "daily":
        return days.copy()
    anchor = rs.anchor.toordinal()
    return anchor + 14 * ((days - anchor) // 14)


def _preset_index(rules: HistoricalRules, days: Ints) -> Ints:
    """Index of :meth:`HistoricalRules.preset_at` for each day (same loop, vectorized)."""
    index = np.zeros(days.size, dtype=np.int64)
    for k, preset in enumerate(rules.presets):
        if preset.effective_from is not None:
            index[days >= preset.effective_from.toordinal()] = k
    return index


def _resolve_days(rules: Rules, days: Ints) -> tuple[Ints, Ints, tuple[RuleSet, ...]]:
    """u(t) per day, the index of the rule set used at u(t), and the rule sets indexed."""
    if isinstance(rules, RuleSet):
        return _update_dates(rules, days), np.zeros(days.size, dtype=np.int64), (rules,)
    presets = rules.presets
    in_force = _preset_index(rules, days)
    computed_on = days.copy()
    for k, preset in enumerate(presets):
        mine = in_force == k
        computed_on[mine] = _update_dates(preset, days[mine])
    return computed_on, _preset_index(rules, computed_on), presets
