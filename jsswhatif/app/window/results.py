"""What the controller hands to the views: change descriptions, results and their cache.

No Qt here: a :class:`Change` says what changed in the document, :class:`Results` bundles the
core's answers for the active scenario at the as-of date (evaluation, impacts, timelines of
the plot range, comparison series), and :class:`ComputeCache` avoids recomputing what did not
change (a timeline of unchanged contracts, the evaluation of an unchanged date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from jsswhatif.core.calendar import months_after, window_exit
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import ContractResult, Evaluation, evaluate
from jsswhatif.core.forecast import ScoreChange, forecast
from jsswhatif.core.insights import WindowExit, contract_impacts, fragility, window_exits
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.top_rated import TopRatedEstimate, top_rated, top_rated_days

#: Months of look-ahead the plot range keeps after today and the as-of date.
AHEAD_MONTHS = 24

Range = tuple[dt.date, dt.date]
Impacts = tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """What one change of the controller's state touched; views refresh only that.

    Attributes:
        rows: Ids of contracts of the active scenario whose fields (or overrides) changed.
        structure: Contracts were added, removed or reordered, or another scenario shows.
        scenario: The scenario list or the active scenario changed.
        rules: The rule set in use or the custom rule sets changed.
        as_of: The as-of date moved.
        compare: The comparison selection changed.
        observations: The JSS values seen on Upwork changed.
    """

    rows: frozenset[str] = frozenset()
    structure: bool = False
    scenario: bool = False
    rules: bool = False
    as_of: bool = False
    compare: bool = False
    observations: bool = False

    @classmethod
    def between(
        cls,
        old: Document,
        new: Document,
        old_contracts: Sequence[Contract],
        new_contracts: Sequence[Contract],
    ) -> Change:
        """Describe the change from ``old`` to ``new`` (contracts of their active scenarios)."""
        scenario = old.active_scenario != new.active_scenario or [
            s.name for s in old.scenarios
        ] != [s.name for s in new.scenarios]
        rules = old.rules_name != new.rules_name or old.rule_sets != new.rule_sets
        structure = old.active_scenario != new.active_scenario or [c.id for c in old_contracts] != [
            c.id for c in new_contracts
        ]
        rows: set[str] = set()
        if not structure:
            rows = {b.id for a, b in zip(old_contracts, new_contracts, strict=True) if a is not b}
            rows = {i for i in rows if _contract(old_contracts, i) != _contract(new_contracts, i)}
            if new.active_scenario is not None:
                before = old.scenario(new.active_scenario).overrides
                after = new.scenario(new.active_scenario).overrides
                rows |= {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
        observations = old.observations != new.observations
        return cls(frozenset(rows), structure, scenario, rules, observations=observations)


def _contract(contracts: Sequence[Contract], contract_id: str) -> Contract | None:
    return next((c for c in contracts if c.id == contract_id), None)


@dataclass(frozen=True, slots=True)
class Compare:
    """The comparison mode: the displayed score of several scenarios or rule sets together.

    Attributes:
        mode: ``off``, ``scenarios`` (names are scenario names, None for the baseline) or
            ``rules`` (names are rule-set names, applied to the active scenario).
        names: What to plot together.
    """

    mode: Literal["off", "scenarios", "rules"] = "off"
    names: tuple[str | None, ...] = ()


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
    impacts: tuple[float | None, ...]
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


@dataclass(frozen=True, slots=True)
class Insights:
    """The slower look-ahead for the active scenario at ``as_of``.

    Attributes:
        as_of: The date looked at.
        scenario: The active scenario (None: the baseline).
        forecast: The next changes of the displayed score with no action (core ScoreChange).
        top_rated: The Top Rated estimate (core TopRatedEstimate).
        top_rated_days: Whether Top Rated is estimated on each day of ``plot_range``.
        plot_range: First and last day of the plot's timelines.
    """

    as_of: dt.date
    scenario: str | None
    forecast: tuple[ScoreChange, ...]
    top_rated: TopRatedEstimate
    top_rated_days: npt.NDArray[np.bool_]
    plot_range: Range


def compute_insights(
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    scenario: str | None,
    span: Range,
) -> Insights:
    """The forecast, Top Rated estimate and Top Rated band (safe on a worker thread)."""
    return Insights(
        as_of=as_of,
        scenario=scenario,
        forecast=forecast(contracts, rules, as_of),
        top_rated=top_rated(contracts, rules, as_of),
        top_rated_days=top_rated_days(contracts, rules, span[0], span[1]),
        plot_range=span,
    )


def default_range(
    document: Document, contracts: Sequence[Contract], today: dt.date, as_of: dt.date
) -> Range:
    """The plot range: from the first contract start to 24 months after today and as-of."""
    starts = [c.start for c in (*document.contracts, *contracts)]
    first = min([*starts, today, as_of])
    last = max(months_after(today, AHEAD_MONTHS), months_after(as_of, AHEAD_MONTHS))
    return first, last


def extended_range(current: Range, as_of: dt.date) -> Range:
    """``current`` grown to hold ``as_of`` and the 24 months after it."""
    return min(current[0], as_of), max(current[1], months_after(as_of, AHEAD_MONTHS))


class ComputeCache:
    """Recent evaluations and timelines, keyed by the identity of their (frozen) inputs."""

    def __init__(self, size: int = 16) -> None:
        """Keep at most ``size`` entries of each kind."""
        self._size = size
        self._evaluations: list[tuple[object, object, dt.date, Evaluation, Impacts | None]] = []
        self._timelines: list[tuple[object, object, Range, Timeline]] = []
        self._scenarios: tuple[Document | None, dict[str, tuple[Contract, ...]]] = (None, {})

    def _contracts_for(self, document: Document, name: str) -> tuple[Contract, ...]:
        """``document.contracts_for(name)``, the same tuple while the document is the same."""
        if self._scenarios[0] is not document:
            self._scenarios = (document, {})
        found = self._scenarios[1].get(name)
        if found is None:
            found = self._scenarios[1][name] = document.contracts_for(name)
        return found

    def evaluation(
        self, contracts: Sequence[Contract], rules: Rules, as_of: dt.date, impacts: bool = True
    ) -> tuple[Evaluation, tuple[float | None, ...] | None]:
        """The evaluation of ``contracts`` on ``as_of``, and their impacts if asked for."""
        for k, (c, r, d, evaluation, known) in enumerate(self._evaluations):
            if c is contracts and r is rules and d == as_of:
                if impacts and known is None:
                    known = contract_impacts(evaluation)
                    self._evaluations[k] = (c, r, d, evaluation, known)
                return evaluation, known
        evaluation = evaluate(contracts, rules, as_of)
        found = contract_impacts(evaluation) if impacts else None
        self._evaluations = [(contracts, rules, as_of, evaluation, found), *self._evaluations]
        del self._evaluations[self._size :]
        return evaluation, found
        evaluation = evaluate(contracts, rules, as_of)
        impacts = contract_impacts(evaluation)
        self._evaluations = [(contracts, rules, as_of, evaluation, impacts), *self._evaluations]
        del self._evaluations[self._size :]
        return evaluation, impacts

    def timeline(self, contracts: Sequence[Contract], rules: Rules, span: Range) -> Timeline:
        """The timeline of ``contracts`` over ``span``."""
        for c, r, s, timeline in self._timelines:
            if c is contracts and r is rules and s == span:
                return timeline
        timeline = compute_timeline(contracts, rules, span[0], span[1])
        self._timelines = [(contracts, rules, span, timeline), *self._timelines]
        del self._timelines[self._size :]
        return timeline

    def results(
        self,
        document: Document,
        contracts: tuple[Contract, ...],
        as_of: dt.date,
        span: Range,
        compare: Compare,
    ) -> Results:
        """Everything the views show for ``contracts`` (the active scenario) on ``as_of``."""
        rules = document.rules
        evaluation, impacts = self.evaluation(contracts, rules, as_of)
        assert impacts is not None
        timeline = self.timeline(contracts, rules, span)
        baseline = (
            timeline
            if document.active_scenario is None
            else self.timeline(document.contracts, rules, span)
        )
        series: list[tuple[str, Timeline]] = []
        if compare.mode == "scenarios":
            for name in compare.names:
                if name == document.active_scenario:
                    series.append((name or "Baseline", timeline))
                elif name is None:
                    series.append(("Baseline", self.timeline(document.contracts, rules, span)))
                else:
                    others = self._contracts_for(document, name)
                    series.append((name, self.timeline(others, rules, span)))
        elif compare.mode == "rules":
            for name in compare.names:
                other = document.rules_by_name(name or "")
                if other is not None:
                    series.append((other.name, self.timeline(contracts, other, span)))
        return Results(
            as_of=as_of,
            scenario=document.active_scenario,
            rules_name=document.rules_name,
            evaluation=evaluation,
            impacts=impacts,
            fragility=fragility(impacts),
            baseline=None
            if document.active_scenario is None
            else self.evaluation(document.contracts, rules, as_of, impacts=False)[0],
            timeline=timeline,
            baseline_timeline=baseline,
            compare=tuple(series),
            plot_range=span,
        )
