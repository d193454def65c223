"""What one change of the controller's state touched: the payload of ``document_changed``.

No Qt here. Views refresh only what a :class:`Change` names (Anki's ``OpChanges``): a table
row, the scenario list, the rule sets, the as-of date, the comparison, the observations.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document

#: A contract's field values, compared as pydantic's ``==`` compares them (ignoring cached
#: properties such as ``payment_days``) without its per-call checks.
_fields = operator.attrgetter(*Contract.model_fields)


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
        plot_range: The plot range (the days the timelines cover) changed.
    """

    rows: frozenset[str] = frozenset()
    structure: bool = False
    scenario: bool = False
    rules: bool = False
    as_of: bool = False
    compare: bool = False
    observations: bool = False
    plot_range: bool = False

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
        # Same ids in the same order: each pair is one contract before and after.
        structure = old.active_scenario != new.active_scenario or len(old_contracts) != len(
            new_contracts
        )
        rows: set[str] = set()
        if not structure:
            structure, rows = _changed_rows(old_contracts, new_contracts)
        if not structure and new.active_scenario is not None:
            before = old.scenario(new.active_scenario).overrides
            after = new.scenario(new.active_scenario).overrides
            if before is not after:  # (the same dict when the edit was not of overrides)
                # Only the rows not found changed already: an Exclude of every row changes
                # 10,000 overrides, and their contracts (1 ms, not 10, at 10,000).
                rows |= {
                    i
                    for i in (before.keys() | after.keys()) - rows
                    if before.get(i) is not after.get(i) and before.get(i) != after.get(i)
                }
        observations = old.observations != new.observations
        return cls(frozenset(rows), structure, scenario, rules, observations=observations)


def _changed_rows(
    old_contracts: Sequence[Contract], new_contracts: Sequence[Contract]
) -> tuple[bool, set[str]]:
    """(whether the ids differ somewhere, the ids of the contracts whose fields changed) for
    two sequences of the same length, in one pass (a toggle at 10,000 finds one pair that is
    not the same object; an Exclude of all rows, 10,000).

    Dicts with the same keys differ only where a field does (a cached property is a function
    of the fields); with other keys (one caches ``payment_days``), the fields are compared. At
    worst a row is repainted needlessly.
    """
    rows: set[str] = set()
    changed = rows.add
    for a, b in zip(old_contracts, new_contracts, strict=True):
        if a is b:
            continue
        if a.id != b.id:
            return True, set()
        mine, theirs = a.__dict__, b.__dict__
        if mine != theirs and (len(mine) == len(theirs) or _fields(a) != _fields(b)):
            changed(b.id)
    return False, rows
