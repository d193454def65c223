"""Which rows an edit changed (window/change.py), in one pass however many rows (issue 14).

No Qt: :meth:`Change.between` compares the contracts before and after an edit. Exclude on
every row of 3,000 names every row, and costs a few Python calls a row: searching each
changed contract by id (as it did) took millions and a minute at 10,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsswhatif.app.window.change import Change
from jsswhatif.core import edits
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document

#: The root conftest's ``python_calls`` fixture.
PythonCalls = Callable[[Callable[[], Any]], tuple[Any, int]]

N = 3000


def test_excluding_every_row_names_every_row_in_one_pass(python_calls: PythonCalls) -> None:
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(N)
    )
    old = Document(contracts=contracts)
    new = edits.toggle_excluded(old, None, [f"c{i}" for i in range(N)])
    change, calls = python_calls(lambda: Change.between(old, new, old.contracts, new.contracts))
    assert change.rows == frozenset(f"c{i}" for i in range(N))
    assert not change.structure
    assert calls < 10 * N


def test_a_copy_equal_to_the_old_contract_changes_no_row() -> None:
    """A new object with the same fields (an edit undone by hand) is no changed row."""
    first = make_contract(id="c1", client="Acme", start="2026-01-05")
    second = make_contract(id="c2", client="Beta", start="2026-01-05")
    old = Document(contracts=(first, second))
    new = old.model_copy(
        update={"contracts": (first.model_copy(), second.model_copy(update={"disputed": True}))}
    )
    change = Change.between(old, new, old.contracts, new.contracts)
    assert change.rows == frozenset({"c2"})


def test_a_cached_property_is_no_change_and_a_flag_is_one() -> None:
    """Contracts are compared by their fields: ``payment_days`` cached on one side only (a
    key more in its ``__dict__``) changes no row; a flag changed beside it does."""
    paid = {"payments": [{"date": "2026-02-01", "amount": "100"}]}
    first = make_contract(id="c1", client="Acme", start="2026-01-05", **paid)
    second = make_contract(id="c2", client="Beta", start="2026-01-05", **paid)
    third = make_contract(id="c3", client="Gamma", start="2026-01-05", **paid)
    old = Document(contracts=(first, second, third))
    assert first.payment_days
    assert second.payment_days
    new = old.model_copy(
        update={
            "contracts": (
                make_contract(id="c1", client="Acme", start="2026-01-05", **paid),
                make_contract(id="c2", client="Beta", start="2026-01-05", excluded=True, **paid),
                third.model_copy(update={"disputed": True}),
            )
        }
    )
    change = Change.between(old, new, old.contracts, new.contracts)
    assert change.rows == frozenset({"c2", "c3"})


def test_rows_reordered_renamed_or_counted_otherwise_are_structure() -> None:
    first = make_contract(id="c1", client="Acme", start="2026-01-05")
    second = make_contract(id="c2", client="Beta", start="2026-01-05")
    old = Document(contracts=(first, second))
    for contracts in (
        (second, first),
        (first, second.model_copy(update={"id": "c9"})),
        (first,),
        (first, second, make_contract(id="c3", client="Gamma", start="2026-01-05")),
    ):
        new = old.model_copy(update={"contracts": contracts})
        change = Change.between(old, new, old.contracts, new.contracts)
        assert change.structure
        assert change.rows == frozenset()
    same = Change.between(old, old, old.contracts, old.contracts)
    assert (same.structure, same.rows) == (False, frozenset())


def test_in_a_scenario_changed_overrides_and_baseline_rows_are_named() -> None:
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(4)
    )
    old = Document(contracts=contracts).with_new_scenario("S")
    old = edits.set_fields(old, "S", "c1", {"private": 8}).model_copy(
        update={"active_scenario": "S"}
    )
    cases = {
        "c2": edits.set_fields(old, "S", "c2", {"private": 9}),  # a new override
        "c1": edits.set_fields(old, "S", "c1", {"private": None}),  # one dropped
        "c3": edits.set_fields(old, None, "c3", {"title": "New"}),  # the baseline
    }
    for changed, new in cases.items():
        change = Change.between(old, new, old.contracts_for("S"), new.contracts_for("S"))
        assert change.rows == frozenset({changed})
        assert not change.structure


def test_an_override_changed_without_changing_its_contract_is_a_row() -> None:
    """The table marks overridden fields: an override that names one more field, at the
    baseline's value, changes the row's marks though not its contract."""
    contracts = (make_contract(id="c1", client="Acme", start="2026-01-05", title="Site"),)
    old = Document(contracts=contracts).with_new_scenario("S")
    old = edits.set_fields(old, "S", "c1", {"private": 8}).model_copy(
        update={"active_scenario": "S"}
    )
    overrides = {"c1": {"private": 8, "title": "Site"}}  # (an edit drops equal fields)
    scenario = old.scenario("S").model_copy(update={"overrides": overrides})
    new = old.model_copy(update={"scenarios": (scenario,)})

    change = Change.between(old, new, old.contracts_for("S"), new.contracts_for("S"))

    assert old.contracts_for("S") == new.contracts_for("S")
    assert change.rows == frozenset({"c1"})
