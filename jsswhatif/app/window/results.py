"""What the controller hands to the views after a recompute: :class:`Results`.

No Qt here. The bundle holds the core's answers for the active scenario at the as-of date
(evaluation, impacts, timelines of the plot range, comparison series) and small look-ups by
contract id; views only read it. :mod:`jsswhatif.app.window.compute_cache` makes it.

The day's numbers (displayed score, window scores, counts) come at once from the timelines,
which hold every day of the plot range. The exact per-contract answers (the evaluation, the
impacts) are computed when first asked for: a drag of the as-of date shows a *glance*
(:attr:`Results.glance`), whose rows are evaluated one by one as the table paints them, so a
step costs the rows in view and not all the contracts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.calendar import window_exit
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import ContractResult, Evaluation, contract_result
from jsswhatif.core.insights import WindowExit
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.timeline import DayValues, Timeline

#: Leave-one-out impact of each contract in points (None: either side has no score).
Impacts = tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class Exact:
    """The engine's exact answers on the as-of date.

    Attributes:
        evaluation: The evaluation of the active scenario's contracts.
        impacts: Leave-one-out impact of each contract (points), aligned with the evaluation.
        baseline: The baseline's evaluation on the same date; None when it is on screen.
        fragility: The largest absolute impact, or None.
    """

    evaluation: Evaluation
    impacts: Impacts
    baseline: Evaluation | None
    fragility: float | None


@dataclass(frozen=True, slots=True)
class Results:
    """The core's answers for the active scenario at the as-of date.

    Attributes:
        as_of: The date looked at.
        scenario: The active scenario (None: the baseline).
        rules_name: The rule set in use (``historical`` included).
        rule_set: The rule set used at :attr:`computed_on` (the preset, under historical).
        day: The day's numbers of the active scenario, read from its timeline.
        baseline_day: The same for the baseline (the same object in the baseline).
        timeline: Every day of the plot range for the active scenario.
        baseline_timeline: The same for the baseline (the same object in the baseline).
        compare: (label, timeline) pairs of the comparison mode; empty when it is off.
        plot_range: First and last day of the timelines.
        contracts: The active scenario's contracts, in document order.
        index: Position of each contract by id (the evaluation keeps the contracts' order).
        compute_exact: Computes :class:`Exact` (called at most once, when first needed).
        compute_exits: The coming window exits of an evaluation (the cache's, remembered).
        glance: Made during a drag of the as-of date: rows are evaluated one at a time as
            they are asked for, and impacts wait for the release (:meth:`impact_of` gives
            None), unless the exact answers were computed anyway.
    """

    as_of: dt.date
    scenario: str | None
    rules_name: str
    rule_set: RuleSet
    day: DayValues
    baseline_day: DayValues
    timeline: Timeline
    baseline_timeline: Timeline
    compare: tuple[tuple[str, Timeline], ...]
    plot_range: Range
    contracts: tuple[Contract, ...]
    index: dict[str, int] = field(repr=False, compare=False)
    compute_exact: Callable[[], Exact] = field(repr=False, compare=False)
    compute_exits: Callable[[Evaluation], tuple[WindowExit, ...]] = field(repr=False, compare=False)
    glance: bool = False
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _rows: dict[str, ContractResult] = field(default_factory=dict, repr=False, compare=False)

    @property
    def exact(self) -> Exact:
        """The exact answers, computed on first use."""
        found = self._memo.get("exact")
        if found is None:
            found = self._memo["exact"] = self.compute_exact()
        assert isinstance(found, Exact)
        return found

    @property
    def is_exact(self) -> bool:
        """Whether the exact answers are known already (always true once asked for)."""
        return "exact" in self._memo

    @property
    def evaluation(self) -> Evaluation:
        """The engine's evaluation of the active scenario's contracts (computed on first use)."""
        return self.exact.evaluation

    @property
    def impacts(self) -> Impacts:
        """Leave-one-out impact of each contract, aligned with the evaluation."""
        return self.exact.impacts

    @property
    def baseline(self) -> Evaluation | None:
        """The baseline's evaluation on the same date; None when it is on screen."""
        return self.exact.baseline

    @property
    def fragility(self) -> float | None:
        """The largest absolute impact, or None."""
        return self.exact.fragility

    @property
    def displayed(self) -> int | None:
        """The displayed JSS of the active scenario, or None ("no JSS")."""
        return self.day.displayed

    @property
    def baseline_displayed(self) -> int | None:
        """The baseline's displayed JSS on the as-of date."""
        return self.baseline_day.displayed

    @property
    def computed_on(self) -> dt.date:
        """The update date u(t) the numbers are computed for (the as-of under a daily cadence).

        Everything that says what holds "now" (the Status column, the "open" filter) uses it.
        """
        return self.day.computed_on

    def window_exits(self) -> tuple[WindowExit, ...]:
        """The coming window exits: outcomes leaving a window that holds them on the as-of date.

        (Exits of windows an outcome has already left are history and are not marked.)
        """
        return self.compute_exits(self.evaluation)

    @property
    def rules_label(self) -> str:
        """The rule set as the user should read it: ``historical (upwork-2020-11)``."""
        used = self.rule_set.name
        return used if used == self.rules_name else f"{self.rules_name} ({used})"

    def result_of(self, contract_id: str) -> ContractResult | None:
        """The engine's result for ``contract_id``, or None if unknown."""
        index = self.index.get(contract_id)
        if index is None:
            return None
        if self.is_exact or not self.glance:
            return self.evaluation.results[index]
        found = self._rows.get(contract_id)
        if found is None:
            found = self._rows[contract_id] = contract_result(
                self.contracts[index], self.rule_set, self.computed_on
            )
        return found

    def impact_of(self, contract_id: str) -> float | None:
        """The impact of ``contract_id`` in points, or None (also while :attr:`glance`)."""
        if self.glance and not self.is_exact:
            return None
        index = self.index.get(contract_id)
        return None if index is None else self.impacts[index]

    def exits_of(self, contract_id: str) -> tuple[tuple[int, dt.date], ...]:
        """(months, first day outside) for each window now holding the contract's outcome.

        Empty for uncounted contracts and for long-term ones, whose outcome moves with t.
        """
        result = self.result_of(contract_id)
        if result is None or result.outcome is None:
            return ()
        if result.outcome.reason == "long_term_active":
            return ()
        return tuple((m, window_exit(result.outcome.date, m)) for m in result.windows)
