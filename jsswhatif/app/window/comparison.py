"""The comparison mode: which scenarios or rule sets the plot shows together, and their series.

No Qt here. :class:`Compare` is the user's selection (view state of the controller, not
undone); :func:`compared_timelines` turns it into one named timeline per entry, asking a
:class:`TimelineSource` (the controller's cache) so that unchanged series are not recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from jsswhatif.app.window.plot_range import Range
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import Timeline

#: The legend's name of the baseline among compared scenarios.
BASELINE_LABEL = "Baseline"


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

    def kept_in(self, document: Document) -> Compare:
        """This selection without the scenarios or rule sets ``document`` does not have."""
        if self.mode == "scenarios":
            known = {None} | {s.name for s in document.scenarios}
        else:
            known = {n for n in self.names if document.rules_by_name(n or "") is not None}
        kept = tuple(n for n in self.names if n in known)
        return self if kept == self.names else replace(self, names=kept)


class TimelineSource(Protocol):
    """Where compared series come from (the controller's compute cache)."""

    def timeline(self, contracts: Sequence[Contract], rules: Rules, span: Range) -> Timeline:
        """The timeline of ``contracts`` under ``rules`` over ``span``."""
        ...

    def contracts_for(self, document: Document, name: str) -> tuple[Contract, ...]:
        """The contracts of ``document``'s scenario ``name`` (the same tuple while unchanged)."""
        ...


def compared_timelines(
    compare: Compare,
    document: Document,
    contracts: Sequence[Contract],
    source: TimelineSource,
    span: Range,
) -> tuple[tuple[str, Timeline], ...]:
    """(label, timeline) of every entry of ``compare``; empty when the comparison is off.

    Args:
        compare: The selection.
        document: The document on screen.
        contracts: The active scenario's contracts (compared rule sets are applied to them).
        source: Computes the timelines, or recalls those already computed.
        span: The plot range.
    """
    rules = document.rules
    if compare.mode == "scenarios":
        series = []
        for name in compare.names:
            if name == document.active_scenario:
                scored = contracts
            elif name is None:
                scored = document.contracts
            else:
                scored = source.contracts_for(document, name)
            series.append((name or BASELINE_LABEL, source.timeline(scored, rules, span)))
        return tuple(series)
    if compare.mode == "rules":
        others = [document.rules_by_name(name or "") for name in compare.names]
        return tuple(
            (other.name, source.timeline(contracts, other, span))
            for other in others
            if other is not None
        )
    return ()
