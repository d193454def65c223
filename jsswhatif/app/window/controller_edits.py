"""The undoable edits the window offers, as methods of the controller (a mixin).

Each method builds its new document with a pure function of :mod:`jsswhatif.core.edits` and
hands it to :meth:`Controller.edit <jsswhatif.app.window.controller.Controller.edit>`, which
checks it and pushes one undo command. In a scenario an edit is an override of the baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from jsswhatif.core import edits, imports
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document, Observation
from jsswhatif.core.rules import RuleSet


class Edits:
    """Undoable edits; mixed into the controller, which provides the attributes below."""

    _document: Document
    _as_of: dt.date
    edit_failed: Any

    def edit(self, text: str, make: Callable[[Document], Document]) -> bool:
        """Apply ``make`` as one undoable command (provided by the controller)."""
        raise NotImplementedError

    @property
    def scenario(self) -> str | None:
        """The active scenario; None for the baseline."""
        return self._document.active_scenario

    def set_field(self, contract_id: str, field: str, value: object) -> bool:
        """Change one field of one contract (an override in a scenario)."""
        return self.edit(
            f"Edit {field} of {contract_id}",
            lambda d: edits.set_fields(d, self.scenario, contract_id, {field: value}),
        )

    def toggle_ended(self, ids: Sequence[str]) -> bool:
        """End the open contracts among ``ids`` on the as-of date, or reopen them."""
        return self.edit(
            _rows_text("Toggle ended", ids),
            lambda d: edits.toggle_ended(d, self.scenario, ids, self._as_of),
        )

    def review(self, ids: Sequence[str], choice: edits.Review) -> bool:
        """Give ``ids`` the feedback ``choice``."""
        return self.edit(
            _rows_text(f"Review {choice.label}", ids),
            lambda d: edits.review(d, self.scenario, ids, choice),
        )

    def toggle_excluded(self, ids: Sequence[str]) -> bool:
        """Exclude ``ids``, or include them again when all are excluded."""
        return self.edit(
            _rows_text("Toggle excluded", ids),
            lambda d: edits.toggle_excluded(d, self.scenario, ids),
        )

    def reset_rows(self, ids: Sequence[str]) -> bool:
        """Reset ``ids`` to the baseline (only in a scenario)."""
        scenario = self.scenario
        if scenario is None:
            return False
        return self.edit(
            _rows_text("Reset to baseline", ids),
            lambda d: edits.reset_rows(d, scenario, ids),
        )

    def add_contract(self) -> str | None:
        """Append an empty contract starting on the as-of date; returns its id."""
        made: list[str] = []

        def make(d: Document) -> Document:
            doc, new_id = edits.add_contract(d, self.scenario, self._as_of)
            made.append(new_id)
            return doc

        return made[0] if self.edit("Add contract", make) else None

    def duplicate(self, ids: Sequence[str]) -> list[str]:
        """Copy ``ids``; returns the new ids."""
        made: list[str] = []

        def make(d: Document) -> Document:
            doc, fresh = edits.duplicate(d, self.scenario, ids)
            made.extend(fresh)
            return doc

        return made if self.edit(_rows_text("Duplicate", ids), make) else []

    def delete(self, ids: Sequence[str]) -> bool:
        """Delete ``ids`` (in a scenario: only its hypothetical contracts)."""
        return self.edit(_rows_text("Delete", ids), lambda d: edits.delete(d, self.scenario, ids))

    def add_hypothetical(self, spec: edits.Hypothetical) -> list[str]:
        """Add hypothetical contracts (to the baseline when no scenario is active)."""
        made: list[str] = []

        def make(d: Document) -> Document:
            doc, fresh = edits.add_hypothetical(d, self.scenario, spec)
            made.extend(fresh)
            return doc

        text = f"Add {spec.count} hypothetical contract{'s' * (spec.count != 1)}"
        return made if self.edit(text, make) else []

    def import_contracts(
        self, contracts: Sequence[Contract], replace: bool, text: str, match_ids: bool = True
    ) -> imports.MergeReport | None:
        """Merge imported ``contracts`` into the baseline (or replace it) as the undoable step
        ``text``; what was done, or None when the result was refused (``edit_failed`` says
        why). See :func:`~jsswhatif.core.imports.merge_imported`."""
        reports: list[imports.MergeReport] = []

        def make(d: Document) -> Document:
            doc, report = imports.merge_imported(d, contracts, replace, match_ids=match_ids)
            reports.append(report)
            return doc

        done = self.edit(text, make)
        if reports and (done or not reports[-1].changed):
            return reports[-1]
        return None

    def new_scenario(self, name: str | None = None, copy_of: str | None = None) -> str | None:
        """Create a scenario (a copy of ``copy_of`` if given), make it active; its name."""
        names = [s.name for s in self._document.scenarios]
        stem = f"{copy_of} (copy)" if copy_of else "Scenario"
        chosen = name.strip() if name and name.strip() else edits.unique_name(names, stem)
        if chosen in names:
            self.edit_failed.emit(f"There is already a scenario called {chosen!r}.")
            return None
        verb = "Duplicate scenario" if copy_of else "New scenario"
        made = self.edit(
            f"{verb} {chosen}", lambda d: edits.with_new_active_scenario(d, chosen, copy_of)
        )
        return chosen if made else None

    def rename_scenario(self, old: str, new: str) -> bool:
        """Rename scenario ``old`` to ``new``."""
        new = new.strip()
        if not new or new == old:
            return False
        if any(s.name == new for s in self._document.scenarios):
            self.edit_failed.emit(f"There is already a scenario called {new!r}.")
            return False
        return self.edit(
            f"Rename scenario {old} to {new}", lambda d: d.with_scenario_renamed(old, new)
        )

    def delete_scenario(self, name: str) -> bool:
        """Delete scenario ``name`` (the baseline shows if it was active)."""
        return self.edit(f"Delete scenario {name}", lambda d: d.without_scenario(name))

    def apply_to_baseline(self) -> bool:
        """Make the active scenario's contracts the baseline (the scenario empties)."""
        scenario = self.scenario
        if scenario is None:
            return False
        return self.edit(f"Apply {scenario} to baseline", lambda d: d.applied_to_baseline(scenario))

    def set_rules(self, name: str) -> bool:
        """Estimate under the rule set ``name`` (a preset, historical or a custom one)."""
        if name == self._document.rules_name:
            return False
        return self.edit(f"Use rule set {name}", lambda d: edits.with_rules_named(d, name))

    def save_rule_set(self, rule_set: RuleSet, old_name: str | None = None) -> bool:
        """Save a custom rule set (renaming ``old_name``) and use it."""
        return self.edit(
            f"Save rule set {rule_set.name}",
            lambda d: edits.with_rule_set_replaced(d, rule_set, old_name),
        )

    def record_observation(self, observation: Observation | None) -> bool:
        """Keep a JSS seen on Upwork (replacing one of the same day); None does nothing."""
        if observation is None:
            return False
        seen = observation
        text = f"Record observed JSS {seen.value}% on {seen.date.isoformat()}"
        return self.edit(text, lambda d: edits.with_observation(d, seen))


def _rows_text(verb: str, ids: Iterable[str]) -> str:
    ids = list(ids)
    return f"{verb} ({ids[0]})" if len(ids) == 1 else f"{verb} ({len(ids)} contracts)"
