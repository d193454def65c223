"""What the controller hands to the views after a recompute: :class:`Results`.

No Qt here. The bundle holds the core's answers for the active scenario at the as-of date
(evaluation, impacts, timelines of the plot range, comparison series) and small look-ups by
contract id; views only read it. :mod:`jsswhatif.app.window.compute_cache` makes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.calendar import window_exit
from jsswhatif.core.engine import ContractResult, Evaluation
from jsswhatif.core.insights import WindowExit, window_exits
from jsswhatif.core.timeline import Timeline

#: Leave-one-out impact of each contract in points (None: either side has no score).
Impacts = tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class Results:
    """The core's answers for the active scenario at the as-of date.

    Attributes:
        as_of: The date looked at.
        scenario: The active scenario (None: the baseline).
        rules_name: The rule set in use (``historical`` included).
        evaluation: The engine's evaluation of the active scenario's contracts.
        impacts: Leave-one-out impact of each contract (points), aligned with the evaluation.
        fragility: The largest absolute impact, or None.
        baseline: The baseline's evaluation on the same date; None when it is on screen.
        timeline: Every day of the plot range for the active scenario.
        baseline_timeline: The same for the baseline (the same object in the baseline).
        compare: (label, timeline) pairs of the comparison mode; empty when it is off.
        plot_range: First and last day of the timelines.
    """

    as_of: dt.date
    scenario: str | None
    rules_name: str
    evaluation: Evaluation
    impacts: Impacts
    fragility: float | None
    baseline: Evaluation | None
    timeline: Timeline
    baseline_timeline: Timeline
    compare: tuple[tuple[str, Timeline], ...]
    plot_range: Range
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _memo: dict[str, tuple[WindowExit, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        """Index the results by contract id."""
        self._index.update({r.contract.id: i for i, r in enumerate(self.evaluation.results)})

    @property
    def displayed(self) -> int | None:
        """The displayed JSS of the active scenario, or None ("no JSS")."""
        return self.evaluation.displayed

    @property
    def baseline_displayed(self) -> int | None:
        """The baseline's displayed JSS on the as-of date."""
        return self.displayed if self.baseline is None else self.baseline.displayed

    @property
    def computed_on(self) -> dt.date:
        """The update date u(t) the numbers are computed for (the as-of under a daily cadence).

        Everything that says what holds "now" (the Status column, the "open" filter) uses it.
        """
        return self.evaluation.computed_on

    def window_exits(self) -> tuple[WindowExit, ...]:
        """The coming window exits: outcomes leaving a window that holds them on the as-of date.

        (Exits of windows an outcome has already left are history and are not marked.)
        Computed once per results.
        """
        found = self._memo.get("exits")
        if found is None:
            found = self._memo["exits"] = tuple(
                e
                for e in window_exits(self.evaluation)
                if e.months in self.evaluation.results[self._index[e.contract_id]].windows
            )
        return found

    @property
    def rules_label(self) -> str:
        """The rule set as the user should read it: ``historical (upwork-2020-11)``."""
        used = self.evaluation.rule_set.name
        return used if used == self.rules_name else f"{self.rules_name} ({used})"

    def result_of(self, contract_id: str) -> ContractResult | None:
        """The engine's result for ``contract_id``, or None if unknown (not yet computed)."""
        index = self._index.get(contract_id)
        return None if index is None else self.evaluation.results[index]

    def impact_of(self, contract_id: str) -> float | None:
        """The impact of ``contract_id`` in points, or None."""
        index = self._index.get(contract_id)
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
