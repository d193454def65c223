"""Edits of a document, as pure functions, and the undo command that applies them.

Every edit the window offers is a function ``(document, ...) -> document`` here: it builds the
new frozen :class:`~jsswhatif.core.document.Document` (or raises :class:`ContractError` /
``ValueError`` with a message for the user) and never touches Qt. The controller wraps the
before and after documents in one :class:`DocumentCommand` on its undo stack, so undo and redo
restore exact snapshots (documents share their unchanged records, so a snapshot is cheap).

In the baseline (``scenario`` None) an edit changes the contracts themselves; in a scenario it
becomes an override of the baseline (or changes a hypothetical contract the scenario added).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QUndoCommand

from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import Document, JsonScalar, Scenario
from jsswhatif.core.rules import RuleSet


@dataclass(frozen=True, slots=True)
class Review:
    """A feedback choice of the Review menu: public stars and private score (None: none)."""

    label: str
    public: Decimal | None
    private: int | None


#: The quick choices of Review ▸ (the private scores are the scale's usual answers).
REVIEW_CHOICES: tuple[Review, ...] = (
    Review("Great: 5 stars, 10", Decimal(5), 10),
    Review("Good: 4 stars, 8", Decimal(4), 8),
    Review("Poor: 2 stars, 3", Decimal(2), 3),
    Review("No feedback", None, None),
)


@dataclass(frozen=True, slots=True)
class Hypothetical:
    """Contracts that do not exist yet: "three more $500 jobs with great feedback next month".

    Attributes:
        count: How many contracts (each with its own new client when ``distinct_clients``).
        earnings: USD earned on each.
        review: Feedback left on each, at its end.
        end: The day each ends.
        days: Length of each contract in days (start = end - days).
        kind: ``fixed`` or ``hourly``.
        distinct_clients: One new client per contract, else one new client for all.
    """

    count: int
    earnings: Decimal
    review: Review
    end: dt.date
    days: int = 0
    kind: str = "fixed"
    distinct_clients: bool = True


class DocumentCommand(QUndoCommand):
    """Replace the document by ``after`` on redo and by ``before`` on undo."""

    def __init__(
        self, install: Callable[[Document], None], before: Document, after: Document, text: str
    ) -> None:
        """Remember both snapshots; ``install`` puts a document on screen."""
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after

    def redo(self) -> None:
        """Show the edited document (QUndoStack.push calls this once at once)."""
        self._install(self.after)

    def undo(self) -> None:
        """Show the document as it was before the edit."""
        self._install(self.before)


def json_value(value: object) -> JsonScalar:
    """A field value in the JSON form overrides keep: dates as ISO text, amounts as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"not a contract field value: {value!r}")


def _find(contracts: Iterable[Contract], contract_id: str) -> Contract | None:
    return next((c for c in contracts if c.id == contract_id), None)


def baseline_of(doc: Document, contract_id: str) -> Contract | None:
    """The baseline contract ``contract_id``; None for a hypothetical one."""
    return _find(doc.contracts, contract_id)


def _replace_in(
    contracts: tuple[Contract, ...], old_id: str, new: Contract
) -> tuple[Contract, ...]:
    return tuple(new if c.id == old_id else c for c in contracts)


def set_fields(
    doc: Document, scenario: str | None, contract_id: str, changes: Mapping[str, object]
) -> Document:
    """Change fields of one contract: of the baseline, or as overrides in ``scenario``.

    Raises:
        ContractError: The contract would break a rule (``end`` before ``start``, ...), or the
            new id is taken.
    """
    if not changes:
        return doc
    json_changes = {field: json_value(value) for field, value in changes.items()}
    added = () if scenario is None else doc.scenario(scenario).added
    old = _find(added, contract_id) if scenario is not None else None
    if scenario is not None and old is None:
        if "id" in json_changes:
            raise ContractError(contract_id, "id", json_changes["id"], "is edited in the baseline")
        return doc.with_override(scenario, contract_id, **json_changes)
    if old is None:
        old = baseline_of(doc, contract_id)
        if old is None:
            raise KeyError(contract_id)
    new = make_contract(**{**old.model_dump(), **json_changes})
    if new.id != contract_id:
        taken = {c.id for c in doc.contracts} | {c.id for s in doc.scenarios for c in s.added}
        if new.id in taken or not new.id.strip():
            raise ContractError(contract_id, "id", new.id, "is empty or already taken")
    if scenario is not None:
        current = doc.scenario(scenario)
        renamed = current.model_copy(update={"added": _replace_in(current.added, contract_id, new)})
        return _with_scenarios(doc, {scenario: renamed})
    doc = doc.model_copy(update={"contracts": _replace_in(doc.contracts, contract_id, new)})
    if new.id == contract_id:
        return doc
    moved = {  # overrides follow the contract to its new id
        s.name: s.model_copy(
            update={
                "overrides": {new.id if k == contract_id else k: v for k, v in s.overrides.items()}
            }
        )
        for s in doc.scenarios
        if contract_id in s.overrides
    }
    return _with_scenarios(doc, moved)


def _with_scenarios(doc: Document, replaced: Mapping[str, Scenario]) -> Document:
    scenarios = tuple(replaced.get(s.name, s) for s in doc.scenarios)
    return doc.model_copy(update={"scenarios": scenarios})


def _current(doc: Document, scenario: str | None) -> dict[str, Contract]:
    return {c.id: c for c in doc.contracts_for(scenario)}


def _is_ended(contract: Contract, as_of: dt.date) -> bool:
    return contract.end is not None and contract.end <= as_of


def toggle_ended(
    doc: Document, scenario: str | None, ids: Iterable[str], as_of: dt.date
) -> Document:
    """End the open contracts among ``ids`` on ``as_of``, or reopen them if all are ended.

    In a scenario a contract returns to its baseline end date when that date gives the state
    asked for, so toggling twice restores the baseline. Contracts not started on ``as_of``
    are left alone.

    Raises:
        ValueError: None of the contracts has started on ``as_of``.
    """
    current = _current(doc, scenario)
    asked = [current[i] for i in ids if i in current]
    chosen = [c for c in asked if c.start <= as_of]
    if asked and not chosen:
        raise ValueError(
            f"{_names(asked)} start{'s' * (len(asked) == 1)} after the as-of date "
            f"{as_of.isoformat()}: move the as-of date to end {'it' if len(asked) == 1 else 'them'}"
        )
    end_them = any(not _is_ended(c, as_of) for c in chosen)
    for contract in chosen:
        base = None if scenario is None else baseline_of(doc, contract.id)
        if base is not None and _is_ended(base, as_of) == end_them:
            end = base.end
        else:
            end = as_of if end_them else None
        if contract.end != end:
            doc = set_fields(doc, scenario, contract.id, {"end": end})
    return doc


def _names(contracts: Iterable[Contract]) -> str:
    ids = [c.id for c in contracts]
    return f"Contract {ids[0]}" if len(ids) == 1 else f"Contracts {', '.join(ids)}"


def review(doc: Document, scenario: str | None, ids: Iterable[str], choice: Review) -> Document:
    """Give the contracts ``ids`` the feedback ``choice`` (left at the end of each)."""
    for contract_id in ids:
        doc = set_fields(
            doc, scenario, contract_id, {"public": choice.public, "private": choice.private}
        )
    return doc


def toggle_excluded(doc: Document, scenario: str | None, ids: Iterable[str]) -> Document:
    """Exclude the contracts ``ids``, or include them again when all are excluded."""
    current = _current(doc, scenario)
    chosen = [current[i] for i in ids if i in current]
    exclude = not all(c.excluded for c in chosen)
    for contract in chosen:
        if contract.excluded != exclude:
            doc = set_fields(doc, scenario, contract.id, {"excluded": exclude})
    return doc


def reset_rows(doc: Document, scenario: str, ids: Iterable[str]) -> Document:
    """Drop the overrides of ``ids`` in ``scenario`` (hypothetical contracts are kept)."""
    for contract_id in ids:
        if contract_id in doc.scenario(scenario).overrides:
            doc = doc.without_override(scenario, contract_id)
    return doc


def _all_ids(doc: Document) -> set[str]:
    return {c.id for c in doc.contracts} | {c.id for s in doc.scenarios for c in s.added}


def new_ids(doc: Document, prefix: str, count: int) -> list[str]:
    """``count`` ids ``<prefix><n>`` not used by the baseline or any scenario."""
    taken = _all_ids(doc)
    fresh = (f"{prefix}{n}" for n in itertools.count(1))
    return list(itertools.islice((i for i in fresh if i not in taken), count))


def _add(doc: Document, scenario: str | None, contracts: Iterable[Contract]) -> Document:
    if scenario is not None:
        for contract in contracts:
            doc = doc.with_contract(contract, scenario)
        return doc
    return doc.model_copy(update={"contracts": (*doc.contracts, *contracts)})


def add_contract(doc: Document, scenario: str | None, start: dt.date) -> tuple[Document, str]:
    """Append an empty contract starting on ``start`` (hypothetical in a scenario)."""
    (contract_id,) = new_ids(doc, "c", 1)
    contract = make_contract(id=contract_id, client="New client", start=start)
    return _add(doc, scenario, [contract]), contract_id


def duplicate(
    doc: Document, scenario: str | None, ids: Iterable[str]
) -> tuple[Document, list[str]]:
    """Append copies of ``ids`` with new ids (hypothetical copies in a scenario)."""
    current = _current(doc, scenario)
    chosen = [current[i] for i in ids if i in current]
    fresh = new_ids(doc, "c", len(chosen))
    copies = [c.model_copy(update={"id": new}) for c, new in zip(chosen, fresh, strict=True)]
    return _add(doc, scenario, copies), fresh


def delete(doc: Document, scenario: str | None, ids: Iterable[str]) -> Document:
    """Delete contracts: from the baseline, or hypothetical ones from ``scenario``.

    Raises:
        ValueError: In a scenario, a baseline contract was asked for (exclude it instead).
    """
    ids = list(ids)
    if scenario is not None:
        added = {c.id for c in doc.scenario(scenario).added}
        if any(i not in added for i in ids):
            raise ValueError(
                "A scenario can only delete the hypothetical contracts it added; exclude the "
                "others, or delete them in the baseline."
            )
    gone = set(ids)
    if scenario is None:
        scenarios = tuple(
            s.model_copy(
                update={"overrides": {k: v for k, v in s.overrides.items() if k not in gone}}
            )
            if gone & s.overrides.keys()
            else s
            for s in doc.scenarios
        )
        contracts = tuple(c for c in doc.contracts if c.id not in gone)
        return doc.model_copy(update={"contracts": contracts, "scenarios": scenarios})
    current = doc.scenario(scenario)
    kept = tuple(c for c in current.added if c.id not in gone)
    return _with_scenarios(doc, {scenario: current.model_copy(update={"added": kept})})


def add_hypothetical(
    doc: Document, scenario: str | None, spec: Hypothetical
) -> tuple[Document, list[str]]:
    """Append ``spec.count`` contracts ending on ``spec.end`` with ``spec.review`` feedback."""
    if spec.count < 1:
        raise ValueError("add at least one contract")
    ids = new_ids(doc, "h", spec.count)
    clients = {c.client_key for c in doc.contracts_for(scenario)}
    names = (f"New client {n}" for n in itertools.count(1))
    free = (name for name in names if name.casefold() not in clients)
    shared = next(free)
    start = spec.end - dt.timedelta(days=max(0, spec.days))
    contracts: list[Contract] = []
    for contract_id in ids:
        data: dict[str, Any] = {
            "id": contract_id,
            "client": next(free) if spec.distinct_clients and contracts else shared,
            "title": "Hypothetical job",
            "kind": spec.kind,
            "start": start,
            "end": spec.end,
            "earnings": spec.earnings,
            "public": spec.review.public,
            "private": spec.review.private,
        }
        contracts.append(make_contract(**data))
    return _add(doc, scenario, contracts), ids


def unique_name(existing: Iterable[str], stem: str) -> str:
    """``stem``, or ``stem 2``, ``stem 3``, ... whichever is not in ``existing``."""
    taken = set(existing)
    if stem not in taken:
        return stem
    return next(f"{stem} {n}" for n in itertools.count(2) if f"{stem} {n}" not in taken)


def with_rule_set_replaced(doc: Document, rule_set: RuleSet, old_name: str | None) -> Document:
    """Save a custom rule set (renaming ``old_name`` if given) and make it the one in use."""
    kept = tuple(r for r in doc.rule_sets if r.name not in {old_name, rule_set.name})
    rule_sets = (*kept, rule_set)
    # Check the names on a small document: validating every contract again is needless.
    Document(rule_sets=rule_sets, rules_name=rule_set.name)
    return doc.model_copy(update={"rule_sets": rule_sets, "rules_name": rule_set.name})
