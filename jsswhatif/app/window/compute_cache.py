"""Recompute only what changed: the controller's cache of evaluations and timelines.

No Qt here. Entries are keyed by the identity of their frozen inputs (the contracts tuple and
the rule set) and the dates, so an edit elsewhere, a step of the as-of date or a comparison
turned on reuses every timeline that did not change. :meth:`ComputeCache.results` assembles
the :class:`~jsswhatif.app.window.results.Results` the views show.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from fractions import Fraction

from jsswhatif.app.window.comparison import Compare, compared_timelines
from jsswhatif.app.window.plot_range import Range
from jsswhatif.app.window.results import Exact, Impacts, Results
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import Evaluation, evaluate
from jsswhatif.core.insights import WindowExit, contract_impacts, fragility, window_exits
from jsswhatif.core.rules import Rules, resolve
from jsswhatif.core.timeline import Timeline, compute_timeline

#: Contract indexes kept (each about 0.6 MB at 10,000 contracts).
_INDEXES_KEPT = 4


class ComputeCache:
    """Recent evaluations and timelines, keyed by the identity of their (frozen) inputs."""

    def __init__(self, size: int = 16) -> None:
        """Keep at most ``size`` entries of each kind."""
        self._size = size
        self._evaluations: list[tuple[object, object, dt.date, Evaluation, Impacts | None]] = []
        self._timelines: list[tuple[object, object, Range, Timeline]] = []
        self._scenarios: tuple[Document | None, dict[str, tuple[Contract, ...]]] = (None, {})
        self._indexes: list[tuple[tuple[Contract, ...], dict[str, int]]] = []
        self._exits: list[tuple[Evaluation, tuple[WindowExit, ...]]] = []

    def contracts_for(self, document: Document, name: str) -> tuple[Contract, ...]:
        """``document.contracts_for(name)``, the same tuple while the document is the same."""
        if self._scenarios[0] is not document:
            self._scenarios = (document, {})
        found = self._scenarios[1].get(name)
        if found is None:
            found = self._scenarios[1][name] = document.contracts_for(name)
        return found

    def known(self, contracts: tuple[Contract, ...]) -> tuple[Contract, ...]:
        """``contracts``, or an equal tuple of the very same contract objects already in
        this cache (switching back to a scenario builds a new tuple of the old objects: its
        timelines and evaluations are then found again)."""
        # Each tuple once: a timeline and an evaluation usually share it.
        for seen in {id(e[0]): e[0] for e in (*self._timelines, *self._evaluations)}.values():
            if seen is contracts:
                return contracts
            if (
                isinstance(seen, tuple)
                and len(seen) == len(contracts)
                and all(map(operator.is_, seen, contracts))
            ):
                return seen
        return contracts

    def exits(self, evaluation: Evaluation) -> tuple[WindowExit, ...]:
        """The coming window exits of ``evaluation`` (those of windows holding the outcome)."""
        for seen, found in self._exits:
            if seen is evaluation:
                return found
        found = window_exits(evaluation, held_only=True)
        self._exits = [(evaluation, found), *self._exits][: self._size]
        return found

    def index_of(self, contracts: tuple[Contract, ...]) -> dict[str, int]:
        """Position of each contract by id, the same dict for a tuple seen lately."""
        for seen, index in self._indexes:  # (a scenario and its baseline, switched between)
            if seen is contracts:
                return index
        index = {c.id: i for i, c in enumerate(contracts)}
        self._indexes = [(contracts, index), *self._indexes][:_INDEXES_KEPT]
        return index

    def evaluation(
        self, contracts: Sequence[Contract], rules: Rules, as_of: dt.date, impacts: bool = True
    ) -> tuple[Evaluation, Impacts | None]:
        """The evaluation of ``contracts`` on ``as_of``, and their impacts if asked for."""
        for k, (c, r, d, evaluation, cached) in enumerate(self._evaluations):
            if c is contracts and r is rules and d == as_of:
                known = cached
                if impacts and known is None:
                    known = _points(contract_impacts(evaluation))
                    self._evaluations[k] = (c, r, d, evaluation, known)
                return evaluation, known
        evaluation = evaluate(contracts, rules, as_of)
        found = _points(contract_impacts(evaluation)) if impacts else None
        self._evaluations = [(contracts, rules, as_of, evaluation, found), *self._evaluations]
        del self._evaluations[self._size :]
        return evaluation, found

    def timeline(self, contracts: Sequence[Contract], rules: Rules, span: Range) -> Timeline:
        """The timeline of ``contracts`` over ``span``."""
        for c, r, s, timeline in self._timelines:
            if c is contracts and r is rules and s == span:
                return timeline
        timeline = compute_timeline(contracts, rules, span[0], span[1])
        self._timelines = [(contracts, rules, span, timeline), *self._timelines]
        del self._timelines[self._size :]
        return timeline

    def results(  # noqa: PLR0913, PLR0917 (what the views show, and how)
        self,
        document: Document,
        contracts: tuple[Contract, ...],
        as_of: dt.date,
        span: Range,
        compare: Compare,
        glance: bool = False,
    ) -> Results:
        """Everything the views show for ``contracts`` (the active scenario) on ``as_of``.

        The day's numbers are read from the timelines; the exact evaluation and impacts are
        computed when first asked for (see :class:`Results`, and its ``glance``).
        """
        rules = document.rules
        timeline = self.timeline(contracts, rules, span)
        in_baseline = document.active_scenario is None
        baseline_timeline = (
            timeline if in_baseline else self.timeline(document.contracts, rules, span)
        )
        day = timeline.day(as_of)
        _, rule_set = resolve(rules, as_of)

        def exact() -> Exact:
            evaluation, impacts = self.evaluation(contracts, rules, as_of)
            assert impacts is not None
            baseline = None
            if not in_baseline:
                baseline = self.evaluation(document.contracts, rules, as_of, impacts=False)[0]
            return Exact(evaluation, impacts, baseline, fragility(impacts))

        return Results(
            as_of=as_of,
            scenario=document.active_scenario,
            rules_name=document.rules_name,
            rule_set=rule_set,
            day=day,
            baseline_day=day if in_baseline else baseline_timeline.day(as_of),
            timeline=timeline,
            baseline_timeline=baseline_timeline,
            compare=compared_timelines(compare, document, contracts, self, span),
            plot_range=span,
            contracts=contracts,
            index=self.index_of(contracts),
            compute_exact=exact,
            compute_exits=self.exits,
            glance=glance,
        )


def _points(impacts: Sequence[Fraction | float | None]) -> Impacts:
    """The core's exact impacts as the floats the views format (None stays None)."""
    # Alike contracts share one fraction object: each is converted once.
    floats: dict[int, float] = {}
    found: list[float | None] = []
    for x in impacts:
        if x is None:
            found.append(None)
            continue
        point = floats.get(id(x))
        if point is None:
            point = floats[id(x)] = float(x)
        found.append(point)
    return tuple(found)
