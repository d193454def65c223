"""Documents: the user's baseline contracts, what-if scenarios, rule sets and as-of date.

Everything on screen is a pure function of a :class:`Document`. A :class:`Scenario` never
copies the baseline: it holds per-contract overrides (changed fields only, in their JSON
form) and added hypothetical contracts, so a baseline edit shows through every scenario that
does not override that field. Edits return new documents (records are frozen).

Example:
    >>> doc = Document(contracts=(make_contract(id="c1", client="Acme", start="2026-01-05"),))
    >>> doc = doc.with_new_scenario("What if it ends")
    >>> doc = doc.with_override("What if it ends", "c1", end="2026-03-01")
    >>> doc.contracts_for("What if it ends")[0].end
    datetime.date(2026, 3, 1)
    >>> doc.contracts[0].end is None  # the baseline is unchanged
    True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from jsswhatif.core.contracts import (
    Contract,
    ContractError,
    check_unique_ids,
    make_contract,
    unchecked_contract,
)
from jsswhatif.core.domain import DomainAmount, DomainDate
from jsswhatif.core.rules import DEFAULT_RULES_NAME, Rules, RuleSet, builtin_rules
from jsswhatif.core.top_rated import LARGE_CONTRACT

JsonScalar = str | int | float | bool | None

#: Fields a scenario may override: not the id (the key that ties an override to its contract),
#: nor the payments (a list, not one JSON value; a scenario edits what they imply instead).
OVERRIDABLE_FIELDS: tuple[str, ...] = tuple(
    name for name in Contract.model_fields if name not in ("id", "payments")
)


class Scenario(BaseModel):
    """A named what-if on top of the baseline.

    Attributes:
        name: Unique within the document.
        overrides: Contract id -> {field: new value in JSON form ("2026-03-01", "1800.00",
            null for an empty field)}.
        added: Hypothetical contracts that exist only in this scenario.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    overrides: dict[str, dict[str, JsonScalar]] = Field(default_factory=dict)
    added: tuple[Contract, ...] = ()

    def apply(self, baseline: tuple[Contract, ...]) -> tuple[Contract, ...]:
        """The contracts to score: baseline with overrides, then the added contracts.

        Raises:
            ContractError: An override makes a contract invalid, or an added id repeats.
        """
        patched = _PATCHES.apply(baseline, self.overrides) if self.overrides else baseline
        if not self.added:
            return patched  # (a document's baseline ids are unique; overrides keep ids)
        contracts = patched + self.added
        check_unique_ids(contracts)
        return contracts


def _replaced_or_appended(
    contracts: tuple[Contract, ...], contract: Contract
) -> tuple[Contract, ...]:
    if any(c.id == contract.id for c in contracts):
        return tuple(contract if c.id == contract.id else c for c in contracts)
    return (*contracts, contract)


def patched(contract: Contract, changes: Mapping[str, JsonScalar]) -> Contract:
    """``contract`` with the override ``changes`` (JSON form), validated; the same object as
    the last time this contract was patched by this override (see :class:`Patches`).

    Raises:
        ContractError: The result breaks a rule.
    """
    return _PATCHES.patched(contract, changes)


class Patches:
    """Contracts patched by overrides, remembered by the identity of the contract and of the
    override (both frozen in practice: an edit makes new ones), so that applying a scenario
    again validates only what changed since, and gives the same objects for the rest.

    A scenario of 3,000 reviewed contracts took 140 ms to apply at 10,000 contracts (a toggle
    applied it two or three times); remembered, a few milliseconds. An override changed in
    place is noticed (a copy is compared) and patched again. At most ``size`` patches are
    kept: past that, all are forgotten at once. Safe to share between threads (a lost entry
    is only patched again).
    """

    def __init__(self, size: int = 65_536) -> None:
        """Remember at most ``size`` patched contracts."""
        self._size = size
        self._made: dict[
            tuple[int, int],
            tuple[Contract, Mapping[str, JsonScalar], dict[str, JsonScalar], Contract],
        ] = {}

    def apply(
        self, baseline: tuple[Contract, ...], overrides: Mapping[str, Mapping[str, JsonScalar]]
    ) -> tuple[Contract, ...]:
        """``baseline`` with each contract patched by its override (if it has one), the same
        objects as last time for the patches remembered.

        Raises:
            ContractError: An override makes a contract invalid (never remembered).
        """
        # One loop, no call per contract: a scenario is applied at every edit in it, and at
        # 10,000 overridden contracts the calls took twice the look-ups.
        made = self._made
        get = overrides.get
        contracts: list[Contract] = []
        keep = contracts.append
        for contract in baseline:
            changes = get(contract.id)
            if not changes:
                keep(contract)
                continue
            key = (id(contract), id(changes))
            known = made.get(key)
            # The entry holds both objects, so their ids name them while it is kept; an
            # override changed in place is patched again.
            if (
                known is not None
                and known[0] is contract
                and known[1] is changes
                and known[2] == changes
            ):
                keep(known[3])
                continue
            keep(self.patched(contract, changes))
        return tuple(contracts)

    def patched(self, contract: Contract, changes: Mapping[str, JsonScalar]) -> Contract:
        """``with_changes(contract, changes)``, the same object as last time if remembered.

        Raises:
            ContractError: The result breaks a rule (never remembered).
        """
        key = (id(contract), id(changes))
        made = self._made.get(key)
        if made is not None and made[0] is contract and made[1] is changes and made[2] == changes:
            return made[3]
        result = with_changes(contract, changes)
        if len(self._made) >= self._size:
            self._made.clear()
        self._made[key] = (contract, changes, dict(changes), result)
        return result


#: The patches of every document (records are immutable, so one memory serves all).
_PATCHES = Patches()


#: Flags that no validator reads with another field: a new bool needs no validation.
_FREE_FLAGS = frozenset({"excluded", "disputed", "client_flagged"})


def with_changes(contract: Contract, changes: Mapping[str, JsonScalar]) -> Contract:
    """``contract`` with the fields ``changes`` (JSON form) set, validated.

    A change of flags only is copied without validating again (the rest was valid, and no
    rule reads a flag with another field): Exclude on 10,000 rows skips 10,000 validations.

    Raises:
        ContractError: The result breaks a rule.
    """
    if flags_only(changes):
        return flagged(contract, changes, remember=False)
    return make_contract(**{**contract.model_dump(), **changes})


def flagged(
    contract: Contract, flags: Mapping[str, JsonScalar], *, remember: bool = True
) -> Contract:
    """``contract`` with the bool ``flags`` set, unvalidated (see :func:`flags_only`).

    What ``model_copy(update=flags)`` makes, built directly: its general path (copying the
    extra and private parts a contract has not) took most of an Exclude of 10,000 rows.

    With ``remember``, a copy whose flags are set back later gives ``contract`` again (see
    ``_FLAGGED_FROM``). A scenario's patches need not (:func:`with_changes`): its flags set
    back to the baseline's drop the override, which gives the baseline contract itself; and
    remembering took half the time of patching 10,000 contracts.
    """
    fields = contract.__dict__.copy()  # (twice as fast as {**a, **b} for 15 fields)
    fields.update(flags)
    made = _FLAGGED_FROM.get(id(contract))
    source = made[1] if made is not None and made[0] is contract else contract
    if source is not contract and fields == source.__dict__:
        return source  # flagged back: the very contract flagged first
    fields_set = contract.__pydantic_fields_set__  # never changed in place: shared if it can
    if not flags.keys() <= fields_set:
        fields_set = fields_set | flags.keys()
    copied = unchecked_contract(fields, fields_set, type(contract))
    if not remember:
        return copied
    if len(_FLAGGED_FROM) >= _FLAGGED_KEPT:
        _FLAGGED_FROM.clear()
    _FLAGGED_FROM[id(copied)] = (copied, source)
    return copied


#: Contract made by :func:`flagged` -> (it, the contract it was first flagged from): flags
#: set back give that contract again, not an equal copy, so that what was computed for it
#: is found again (Include after Exclude on 10,000 rows judged them all anew: 0.25-0.3 s).
#: The entry holds the copy, so its id names it while kept; at most ``_FLAGGED_KEPT``.
_FLAGGED_FROM: dict[int, tuple[Contract, Contract]] = {}
_FLAGGED_KEPT = 32_768


def flags_only(changes: Mapping[str, JsonScalar]) -> bool:
    """Whether ``changes`` set only flags, to bools: such a change is always valid."""
    for field, value in changes.items():  # (a loop: a generator costs more than one or two)
        if field not in _FREE_FLAGS or type(value) is not bool:
            return False
    return True


class Observation(BaseModel):
    """A JSS the user actually saw on Upwork, on a date of the domain (1990-2199)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: DomainDate
    value: int = Field(ge=0, le=100)
    note: str = ""


class Document(BaseModel):
    """The whole state a user keeps.

    Attributes:
        contracts: The baseline, in document order.
        scenarios: Named what-ifs (names unique).
        rule_sets: Custom rule sets (names unique, never a preset's or ``historical``).
        rules_name: The rule set in use: a preset, ``historical`` or a custom name.
        as_of: The date being looked at; None means "today" (the application supplies it).
        active_scenario: The scenario on screen; None for the baseline.
        observations: JSS values seen on Upwork, at most one per day.
        title, description: Shown when the document is opened (samples explain themselves).
        large_contract: The 12-month earnings from which a contract counts as large for the
            Top Rated Plus estimate (Upwork's threshold depends on the category).

    ``as_of`` and every date and amount inside lie within the domain
    (:mod:`jsswhatif.core.domain`), so that everything computed from a document is total.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    contracts: tuple[Contract, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    rule_sets: tuple[RuleSet, ...] = ()
    rules_name: str = DEFAULT_RULES_NAME
    as_of: DomainDate | None = None
    active_scenario: str | None = None
    observations: tuple[Observation, ...] = ()
    title: str = ""
    description: str = ""
    large_contract: DomainAmount = Field(default=LARGE_CONTRACT, gt=0)

    def model_post_init(self, context: Any, /) -> None:  # noqa: ARG002 (pydantic's hook)
        """Check the cross-references a frozen document must keep consistent."""
        check_unique_ids(self.contracts)
        names = [s.name for s in self.scenarios]
        if len(set(names)) != len(names):
            raise ValueError("scenario names must be unique")
        rule_names = [r.name for r in self.rule_sets]
        if len(set(rule_names)) != len(rule_names):
            raise ValueError("custom rule set names must be unique")
        if any(builtin_rules(name) is not None for name in rule_names):
            raise ValueError("a custom rule set may not take a preset's name")
        if self.active_scenario is not None and self.active_scenario not in names:
            raise ValueError(f"active scenario {self.active_scenario!r} does not exist")
        if self.rules_by_name(self.rules_name) is None:
            raise ValueError(f"unknown rule set {self.rules_name!r}")
        days = sorted(o.date for o in self.observations)
        for earlier, later in itertools.pairwise(days):
            if earlier == later:  # calibration compares one JSS per day
                raise ValueError(f"two observations on {later.isoformat()} (one per day)")

    # Look-ups -------------------------------------------------------------------------------

    def scenario(self, name: str) -> Scenario:
        """The scenario called ``name`` (KeyError when there is none)."""
        for scenario in self.scenarios:
            if scenario.name == name:
                return scenario
        raise KeyError(name)

    def contracts_for(self, scenario: str | None) -> tuple[Contract, ...]:
        """The contracts to score for ``scenario`` (None: the baseline)."""
        if scenario is None:
            return self.contracts
        return self.scenario(scenario).apply(self.contracts)

    def rules_by_name(self, name: str) -> Rules | None:
        """A custom rule set of this document, a preset or ``historical``; None if unknown."""
        for rule_set in self.rule_sets:
            if rule_set.name == name:
                return rule_set
        return builtin_rules(name)

    @property
    def rules(self) -> Rules:
        """The rule set in use."""
        found = self.rules_by_name(self.rules_name)
        assert found is not None  # model_post_init guarantees it
        return found

    # Edits (each returns a new document) ----------------------------------------------------

    def _with_scenario(self, scenario: Scenario) -> Document:
        scenarios = tuple(scenario if s.name == scenario.name else s for s in self.scenarios)
        return self.model_copy(update={"scenarios": scenarios})

    def with_override(self, scenario: str, contract_id: str, **changes: JsonScalar) -> Document:
        """Override fields of a baseline or added contract in ``scenario``.

        Overriding a field with its baseline value removes the override. On an added
        contract the change is made to the contract itself.

        Raises:
            ContractError: The result would be an invalid contract.
        """
        current = self.scenario(scenario)
        for old in current.added:
            if old.id == contract_id:
                new = make_contract(**{**old.model_dump(), **changes})
                return self.with_contract(new, scenario)
        base = self._baseline(contract_id)
        merged = {**current.overrides.get(contract_id, {}), **changes}
        for field, value in merged.items():
            if field not in OVERRIDABLE_FIELDS:
                raise ContractError(contract_id, field, value, "cannot be overridden")
        patched = with_changes(base, merged)  # validates, so a bad override never gets in
        kept = {k: v for k, v in merged.items() if getattr(patched, k) != getattr(base, k)}
        overrides = {**current.overrides, contract_id: kept}
        if not kept:
            del overrides[contract_id]
        return self._with_scenario(current.model_copy(update={"overrides": overrides}))

    def applied_to_baseline(self, scenario: str) -> Document:
        """Make ``scenario``'s contracts the new baseline and empty that scenario."""
        contracts = self.contracts_for(scenario)
        emptied = Scenario(name=scenario)
        doc = self._with_scenario(emptied).model_copy(update={"contracts": contracts})
        # Other scenarios may override fields that no longer differ: keep them, they still
        # state what the user asked for.
        return doc

    def with_contract(self, contract: Contract, scenario: str | None = None) -> Document:
        """Replace the contract with the same id, or append it when the id is new.

        With ``scenario`` the contract is a hypothetical one added to that scenario.
        """
        if scenario is not None:
            current = self.scenario(scenario)
            added = _replaced_or_appended(current.added, contract)
            current.model_copy(update={"added": added}).apply(self.contracts)  # unique ids
            return self._with_scenario(current.model_copy(update={"added": added}))
        contracts = _replaced_or_appended(self.contracts, contract)
        return self.model_copy(update={"contracts": contracts}).checked()

    def with_new_scenario(self, name: str, copy_of: str | None = None) -> Document:
        """Add a scenario, empty or a copy of ``copy_of``'s overrides and additions."""
        source = Scenario(name=name) if copy_of is None else self.scenario(copy_of)
        scenario = source.model_copy(update={"name": name})
        return self.model_copy(update={"scenarios": (*self.scenarios, scenario)}).checked()

    def with_scenario_renamed(self, old: str, new: str) -> Document:
        """Rename a scenario (and the active-scenario reference)."""
        scenarios = tuple(
            s.model_copy(update={"name": new}) if s.name == old else s for s in self.scenarios
        )
        active = new if self.active_scenario == old else self.active_scenario
        return self.model_copy(update={"scenarios": scenarios, "active_scenario": active}).checked()

    def without_scenario(self, name: str) -> Document:
        """Delete a scenario; the baseline becomes active if it was."""
        scenarios = tuple(s for s in self.scenarios if s.name != name)
        active = None if self.active_scenario == name else self.active_scenario
        return self.model_copy(update={"scenarios": scenarios, "active_scenario": active})

    def checked(self) -> Document:
        """Check the cross-references again and return the document.

        ``model_copy`` skips validation; its parts are already validated records, so only the
        document-wide rules of :meth:`model_post_init` can have been broken.
        """
        self.model_post_init(None)
        return self

    def _baseline(self, contract_id: str) -> Contract:
        for contract in self.contracts:
            if contract.id == contract_id:
                return contract
        raise KeyError(contract_id)
