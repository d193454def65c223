"""Document edits as pure functions: every change the window offers, without Qt.

Each edit is a function ``(document, scenario, ...) -> document``. It builds the new frozen
:class:`~jsswhatif.core.document.Document`, or raises :class:`ContractError`, ``ValueError``
or ``KeyError`` with a message for the user; the application wraps the before and after
documents in one undo command. In the baseline (``scenario`` None) an edit changes the
contracts themselves; in a scenario it becomes an override of the baseline, or changes a
hypothetical contract the scenario added. An override equal to the baseline value is
dropped, so an edit undone by hand gives the same document back.

An edit of k rows of a document of n contracts indexes the contracts by id once and costs
O(n + k), not O(n k): a Review of 3,000 selected rows stays instant. A change of flags only
(excluded, disputed, client flagged) copies the contract without validating it again.

Example:
    >>> doc = Document(contracts=(make_contract(id="c1", client="Acme", start="2026-01-05"),))
    >>> doc = doc.with_new_scenario("It ends")
    >>> doc = set_fields(doc, "It ends", "c1", {"end": dt.date(2026, 3, 1)})
    >>> doc.scenario("It ends").overrides
    {'c1': {'end': '2026-03-01'}}
    >>> set_fields(doc, "It ends", "c1", {"end": None}).scenario("It ends").overrides
    {}
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jsswhatif.core.contracts import Contract, ContractError, Kind, make_contract
from jsswhatif.core.document import (
    OVERRIDABLE_FIELDS,
    Document,
    JsonScalar,
    Observation,
    Scenario,
    flagged,
    flags_only,
    patched,
    with_changes,
)
from jsswhatif.core.rules import RuleSet

#: One row of a multi-row edit: a contract id and the new values of some of its fields.
Row = tuple[str, Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class Review:
    """A feedback choice: public stars and private score (None: none) under a menu label.

    Attributes:
        label: The menu's words ("Great: 5 stars, 10").
        public, private: The feedback left.
        quality: One word for a name ("great" in "3 more great jobs"); empty for a custom one.
    """

    label: str
    public: Decimal | None
    private: int | None
    quality: str = ""


#: The quick choices of Review ▸ (the private scores are the scale's usual answers).
REVIEW_CHOICES: tuple[Review, ...] = (
    Review("Great: 5 stars, 10", Decimal(5), 10, "great"),
    Review("Good: 4 stars, 8", Decimal(4), 8, "good"),
    Review("Poor: 2 stars, 3", Decimal(2), 3, "poor"),
    Review("No feedback", None, None, "no feedback"),
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
    kind: Kind = "fixed"
    distinct_clients: bool = True


# Look-ups ------------------------------------------------------------------------------------


def json_value(value: object) -> JsonScalar:
    """A field value in the JSON form overrides keep: dates as ISO text, amounts as text.

    Example:
        >>> json_value(dt.date(2026, 3, 1)), json_value(Decimal("4.50")), json_value(None)
        ('2026-03-01', '4.50', None)

    Raises:
        TypeError: ``value`` is no contract field value.
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"not a contract field value: {value!r}")


def baseline_of(doc: Document, contract_id: str) -> Contract | None:
    """The baseline contract ``contract_id``; None for a hypothetical one."""
    return next((c for c in doc.contracts if c.id == contract_id), None)


def check_scenarios(doc: Document) -> None:
    """Check that every scenario still applies to the baseline of ``doc``.

    A baseline edit can break a scenario: an override may no longer fit the edited contract
    (an end before its new start), or a renamed or imported contract may take the id of a
    hypothetical contract. Run it on the result of any edit before showing it.

    What :meth:`Scenario.apply <jsswhatif.core.document.Scenario.apply>` checks, without
    building the contracts: overrides of flags alone are always valid (no rule reads a flag
    with another field), the others are patched once (see ``document.patched``), and the
    contracts are found by positions remembered from the edit, so a check costs the
    overrides, not the 10,000 contracts; only a refusal looks for the first in document order.

    Raises:
        ContractError: The first scenario that breaks, naming the contract and field (the
            first in document order, as ``apply`` would).
    """
    if not doc.scenarios:
        return
    contracts = doc.contracts
    positions = _POSITIONS.of(contracts)  # (remembered from the edit that made ``doc``)
    for scenario in doc.scenarios:
        overrides = scenario.overrides
        try:
            for contract_id, changes in overrides.items():
                place = positions.get(contract_id)
                if place is not None and changes and not flags_only(changes):
                    patched(contracts[place], changes)  # (remembered: checked once)
        except ContractError:
            for contract in contracts:  # the first that breaks in document order
                found = overrides.get(contract.id)
                if found and not flags_only(found):
                    patched(contract, found)
            raise
        seen: set[str] = set()
        for contract in scenario.added:
            if contract.id in positions or contract.id in seen:
                raise ContractError(contract.id, "id", contract.id, "is not unique")
            seen.add(contract.id)


def _all_ids(doc: Document) -> set[str]:
    return {c.id for c in doc.contracts} | {c.id for s in doc.scenarios for c in s.added}


class _Positions:
    """Contract id -> position in a baseline tuple, for the last few tuples seen.

    An edit of one row at 10,000 contracts indexed them twice (1-2 ms each); an edit that
    renames nothing gives its new tuple the same positions, so the next edit finds them.
    The maps are shared: never change one in place.
    """

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._known: dict[int, tuple[tuple[Contract, ...], dict[str, int]]] = {}

    def of(self, contracts: tuple[Contract, ...]) -> dict[str, int]:
        known = self._known.get(id(contracts))
        if known is not None and known[0] is contracts:  # (held: its id is its own)
            return known[1]
        positions = {c.id: i for i, c in enumerate(contracts)}
        self.remember(contracts, positions)
        return positions

    def remember(self, contracts: tuple[Contract, ...], positions: dict[str, int]) -> None:
        if len(self._known) >= self._size:
            self._known.clear()
        self._known[id(contracts)] = (contracts, positions)


_POSITIONS = _Positions()


def _contracts_of(doc: Document, scenario: str | None, ids: Iterable[str]) -> list[Contract]:
    """The contracts ``ids`` as the baseline or ``scenario`` shows them, in the order of
    ``ids`` (unknown ids skipped); O(k) for k ids, without applying the whole scenario."""
    contracts = doc.contracts
    positions = _POSITIONS.of(contracts)
    if scenario is None:
        return [contracts[p] for p in map(positions.get, ids) if p is not None]
    current = doc.scenario(scenario)
    added = {c.id: c for c in current.added}
    overrides = current.overrides
    found: list[Contract] = []
    for contract_id in ids:
        contract = added.get(contract_id)
        if contract is None:
            position = positions.get(contract_id)
            if position is None:
                continue
            contract = contracts[position]
            changes = overrides.get(contract_id)
            if changes:
                contract = patched(contract, changes)
        found.append(contract)
    return found


def _with_scenarios(doc: Document, replaced: Mapping[str, Scenario]) -> Document:
    scenarios = tuple(replaced.get(s.name, s) for s in doc.scenarios)
    return doc.model_copy(update={"scenarios": scenarios})


# Field edits ---------------------------------------------------------------------------------


def set_fields(
    doc: Document, scenario: str | None, contract_id: str, changes: Mapping[str, object]
) -> Document:
    """Change fields of one contract: of the baseline, or as overrides in ``scenario``.

    Raises:
        ContractError: The contract would break a rule (``end`` before ``start``, ...), the
            new id is empty or taken, or a baseline contract's id is edited in a scenario.
        KeyError: There is no such contract (or scenario).
    """
    return set_many(doc, scenario, [(contract_id, changes)])


def set_many(doc: Document, scenario: str | None, rows: Iterable[Row]) -> Document:
    """Change fields of many contracts in one edit, row after row as :func:`set_fields` would.

    Costs O(n + k) for k rows of n contracts: the contracts are indexed by id once.

    Raises:
        ContractError: A row would break a rule (see :func:`set_fields`); nothing changes.
        KeyError: A row names no contract of the baseline or ``scenario``.
    """
    rows = [(contract_id, changes) for contract_id, changes in rows if changes]
    if not rows:
        return doc
    if scenario is None:
        return _set_in_baseline(doc, rows)
    return _set_in_scenario(doc, scenario, rows)


def _json_changes(changes: Mapping[str, object]) -> dict[str, JsonScalar]:
    return {field: json_value(value) for field, value in changes.items()}


def _edited(old: Contract, changes: Mapping[str, JsonScalar], flags: bool) -> Contract:
    """``old`` with ``changes`` (``flags``: they set only flags, see :func:`flags_only`)."""
    return flagged(old, changes) if flags else with_changes(old, changes)


def _check_new_id(old_id: str, new_id: str, taken: set[str]) -> None:
    if new_id in taken or not new_id.strip():
        raise ContractError(old_id, "id", new_id, "is empty or already taken")
    taken.discard(old_id)
    taken.add(new_id)


def _set_in_baseline(doc: Document, rows: list[Row]) -> Document:
    contracts = list(doc.contracts)
    position = _POSITIONS.of(doc.contracts)
    taken: set[str] | None = None
    renames: list[tuple[str, str]] = []
    shared: Mapping[str, object] | None = None
    for contract_id, changes in rows:
        index = position[contract_id]  # KeyError: no such contract
        if changes is not shared:  # rows often share one mapping ({"excluded": True})
            shared, json_changes = changes, _json_changes(changes)
            flags = flags_only(json_changes)
        new = _edited(contracts[index], json_changes, flags)
        if new.id != contract_id:
            taken = _all_ids(doc) if taken is None else taken
            _check_new_id(contract_id, new.id, taken)
            if not renames:
                position = dict(position)  # (the remembered map stays as it was)
            position[new.id] = position.pop(contract_id)
            renames.append((contract_id, new.id))
        contracts[index] = new
    edited = tuple(contracts)
    doc = doc.model_copy(update={"contracts": edited})
    _POSITIONS.remember(edited, position)
    if not renames:
        return doc
    moved = {  # overrides follow their contract to its new id
        s.name: s.model_copy(update={"overrides": _renamed_keys(s.overrides, renames)})
        for s in doc.scenarios
        if any(old in s.overrides for old, _ in renames)
    }
    return _with_scenarios(doc, moved)


def _renamed_keys(
    overrides: dict[str, dict[str, JsonScalar]], renames: list[tuple[str, str]]
) -> dict[str, dict[str, JsonScalar]]:
    for old, new in renames:
        overrides = {new if k == old else k: v for k, v in overrides.items()}
    return overrides


def _set_in_scenario(doc: Document, scenario: str, rows: list[Row]) -> Document:
    current = doc.scenario(scenario)
    added = list(current.added)
    position = {c.id: i for i, c in enumerate(added)}
    baseline = _POSITIONS.of(doc.contracts)
    overrides = dict(current.overrides)
    taken: set[str] | None = None
    shared: Mapping[str, object] | None = None
    for contract_id, changes in rows:
        if changes is not shared:  # rows often share one mapping ({"excluded": True})
            shared, json_changes = changes, _json_changes(changes)
            flags = flags_only(json_changes)
        index = position.get(contract_id)
        if index is None:
            if "id" in json_changes:
                problem = "is edited in the baseline"
                raise ContractError(contract_id, "id", json_changes["id"], problem)
            base = doc.contracts[baseline[contract_id]]  # KeyError: no such contract
            earlier = overrides.get(contract_id)
            kept = _override(base, {**earlier, **json_changes} if earlier else json_changes)
            if kept:
                overrides[contract_id] = kept
            else:
                overrides.pop(contract_id, None)
            continue
        new = _edited(added[index], json_changes, flags)
        if new.id != contract_id:
            taken = _all_ids(doc) if taken is None else taken
            _check_new_id(contract_id, new.id, taken)
            position[new.id] = position.pop(contract_id)
        added[index] = new
    edited = current.model_copy(update={"added": tuple(added), "overrides": overrides})
    return _with_scenarios(doc, {scenario: edited})


def _override(base: Contract, merged: Mapping[str, JsonScalar]) -> dict[str, JsonScalar]:
    """The override of ``base`` by ``merged``, without the fields equal to the baseline.

    Raises:
        ContractError: A field cannot be overridden, or the result breaks a rule.
    """
    # Flags alone first: overridable, always valid and compared as they are (an Exclude of
    # every row checks nothing else).
    if flags_only(merged):
        return {k: v for k, v in merged.items() if v != getattr(base, k)}
    for field, value in merged.items():
        if field not in OVERRIDABLE_FIELDS:
            raise ContractError(base.id, field, value, "cannot be overridden")
    patched = make_contract(**{**base.model_dump(), **merged})  # a bad override never gets in
    return {k: v for k, v in merged.items() if getattr(patched, k) != getattr(base, k)}


def _is_ended(contract: Contract, as_of: dt.date) -> bool:
    return contract.end is not None and contract.end <= as_of


def _names(contracts: Iterable[Contract]) -> str:
    ids = [c.id for c in contracts]
    return f"Contract {ids[0]}" if len(ids) == 1 else f"Contracts {', '.join(ids)}"


def toggle_ended(
    doc: Document, scenario: str | None, ids: Iterable[str], as_of: dt.date
) -> Document:
    """End the open contracts among ``ids`` on ``as_of``, or reopen them if all are ended.

    In a scenario a contract returns to its baseline end date when that date gives the state
    asked for, so toggling twice restores the baseline. Contracts not started on ``as_of``
    are left alone; unknown ids are ignored.

    Raises:
        ValueError: None of the contracts has started on ``as_of``.
    """
    asked = _contracts_of(doc, scenario, ids)
    chosen = [c for c in asked if c.start <= as_of]
    if asked and not chosen:
        raise ValueError(
            f"{_names(asked)} start{'s' * (len(asked) == 1)} after the as-of date "
            f"{as_of.isoformat()}: move the as-of date to end {'it' if len(asked) == 1 else 'them'}"
        )
    end_them = any(not _is_ended(c, as_of) for c in chosen)
    baseline = {} if scenario is None else _POSITIONS.of(doc.contracts)
    rows: list[Row] = []
    for contract in chosen:
        place = baseline.get(contract.id)
        base = None if place is None else doc.contracts[place]
        if base is not None and _is_ended(base, as_of) == end_them:
            end = base.end
        else:
            end = as_of if end_them else None
        if contract.end != end:
            rows.append((contract.id, {"end": end}))
    return set_many(doc, scenario, rows)


def review(doc: Document, scenario: str | None, ids: Iterable[str], choice: Review) -> Document:
    """Give the contracts ``ids`` the feedback ``choice`` (left at the end of each).

    Raises:
        KeyError: An id names no contract.
    """
    changes = {"public": choice.public, "private": choice.private}
    return set_many(doc, scenario, [(contract_id, changes) for contract_id in ids])


def toggle_excluded(doc: Document, scenario: str | None, ids: Iterable[str]) -> Document:
    """Exclude the contracts ``ids``, or include them again when all are excluded.

    Unknown ids are ignored.
    """
    chosen = _contracts_of(doc, scenario, ids)
    exclude = not all(c.excluded for c in chosen)
    changes = {"excluded": exclude}  # one mapping for all rows: set_many converts it once
    rows: list[Row] = [(c.id, changes) for c in chosen if c.excluded != exclude]
    return set_many(doc, scenario, rows)


def reset_rows(doc: Document, scenario: str, ids: Iterable[str]) -> Document:
    """Drop the overrides of ``ids`` in ``scenario`` (hypothetical contracts are kept)."""
    current = doc.scenario(scenario)
    gone = set(ids) & current.overrides.keys()
    if not gone:
        return doc
    overrides = {k: v for k, v in current.overrides.items() if k not in gone}
    return _with_scenarios(doc, {scenario: current.model_copy(update={"overrides": overrides})})


# Rows that come and go -----------------------------------------------------------------------


def new_ids(doc: Document, prefix: str, count: int) -> list[str]:
    """``count`` ids ``<prefix><n>`` not used by the baseline or any scenario.

    Example:
        >>> new_ids(Document(), "h", 2)
        ['h1', 'h2']
    """
    taken = _all_ids(doc)
    fresh = (f"{prefix}{n}" for n in itertools.count(1))
    return list(itertools.islice((i for i in fresh if i not in taken), count))


def _add(doc: Document, scenario: str | None, contracts: Iterable[Contract]) -> Document:
    """Append contracts whose ids are new (from :func:`new_ids`) to the baseline or scenario."""
    if scenario is None:
        return doc.model_copy(update={"contracts": (*doc.contracts, *contracts)})
    current = doc.scenario(scenario)
    added = current.model_copy(update={"added": (*current.added, *contracts)})
    return _with_scenarios(doc, {scenario: added})


def add_contract(doc: Document, scenario: str | None, start: dt.date) -> tuple[Document, str]:
    """Append an empty contract starting on ``start`` (hypothetical in a scenario).

    Returns:
        The new document and the new contract's id.
    """
    (contract_id,) = new_ids(doc, "c", 1)
    contract = make_contract(id=contract_id, client="New client", start=start)
    return _add(doc, scenario, [contract]), contract_id


def duplicate(
    doc: Document, scenario: str | None, ids: Iterable[str]
) -> tuple[Document, list[str]]:
    """Append copies of ``ids`` with new ids (hypothetical copies in a scenario).

    Returns:
        The new document and the copies' ids, in the order of ``ids`` (unknown ids skipped).
    """
    chosen = _contracts_of(doc, scenario, ids)
    fresh = new_ids(doc, "c", len(chosen))
    copies = [c.model_copy(update={"id": new}) for c, new in zip(chosen, fresh, strict=True)]
    return _add(doc, scenario, copies), fresh


def delete(doc: Document, scenario: str | None, ids: Iterable[str]) -> Document:
    """Delete contracts: from the baseline (with their overrides), or hypothetical ones.

    Raises:
        ValueError: In a scenario, a baseline contract was asked for (exclude it instead).
    """
    gone = set(ids)
    if scenario is not None:
        current = doc.scenario(scenario)
        if gone - {c.id for c in current.added}:
            raise ValueError(
                "A scenario can only delete the hypothetical contracts it added; exclude the "
                "others, or delete them in the baseline."
            )
        kept = tuple(c for c in current.added if c.id not in gone)
        return _with_scenarios(doc, {scenario: current.model_copy(update={"added": kept})})
    scenarios = tuple(
        s.model_copy(update={"overrides": {k: v for k, v in s.overrides.items() if k not in gone}})
        if gone & s.overrides.keys()
        else s
        for s in doc.scenarios
    )
    contracts = tuple(c for c in doc.contracts if c.id not in gone)
    return doc.model_copy(update={"contracts": contracts, "scenarios": scenarios})


def add_hypothetical(
    doc: Document, scenario: str | None, spec: Hypothetical
) -> tuple[Document, list[str]]:
    """Append ``spec.count`` contracts ending on ``spec.end`` with ``spec.review`` feedback.

    Their ids are ``h1``, ``h2``, ... (the first free ones); their clients ``New client 1``,
    ``New client 2``, ... skipping names the contracts on screen already use.

    Returns:
        The new document and the new ids.

    Raises:
        ValueError: ``spec.count`` is below 1.
        ContractError: The spec makes an invalid contract (negative earnings, ...).
    """
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


# Scenarios, rule sets and observations ------------------------------------------------------


def unique_name(existing: Iterable[str], stem: str) -> str:
    """``stem``, or ``stem 2``, ``stem 3``, ... whichever is not in ``existing``.

    Example:
        >>> unique_name(["Scenario", "Scenario 2"], "Scenario")
        'Scenario 3'
    """
    taken = set(existing)
    if stem not in taken:
        return stem
    return next(f"{stem} {n}" for n in itertools.count(2) if f"{stem} {n}" not in taken)


def with_new_active_scenario(doc: Document, name: str, copy_of: str | None = None) -> Document:
    """Add scenario ``name`` (empty, or a copy of ``copy_of``) and show it.

    Raises:
        ValueError: The name is taken.
        KeyError: There is no scenario ``copy_of``.
    """
    added = doc.with_new_scenario(name, copy_of)
    return added.model_copy(update={"active_scenario": name})


def with_rules_named(doc: Document, name: str) -> Document:
    """Estimate under the rule set ``name`` (a preset, ``historical`` or a custom one).

    Raises:
        ValueError: The document knows no rule set ``name``.
    """
    if doc.rules_by_name(name) is None:
        raise ValueError(f"there is no rule set called {name!r}")
    return doc.model_copy(update={"rules_name": name})


def with_rule_set_replaced(doc: Document, rule_set: RuleSet, old_name: str | None) -> Document:
    """Save a custom rule set (renaming ``old_name`` if given) and make it the one in use.

    Raises:
        ValueError: The name is a preset's.
    """
    kept = tuple(r for r in doc.rule_sets if r.name not in {old_name, rule_set.name})
    rule_sets = (*kept, rule_set)
    # Check the names on a small document: validating every contract again is needless.
    Document(rule_sets=rule_sets, rules_name=rule_set.name)
    return doc.model_copy(update={"rule_sets": rule_sets, "rules_name": rule_set.name})


def with_observation(doc: Document, observation: Observation) -> Document:
    """Keep a JSS seen on Upwork, replacing one of the same day; observations stay by date."""
    kept = [o for o in doc.observations if o.date != observation.date]
    ordered = tuple(sorted([*kept, observation], key=lambda o: o.date))
    return doc.model_copy(update={"observations": ordered})
