"""Contracts (scoring model, section 1): validation rules and derived values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from jsswhatif.core.contracts import (
    CONTRACT_FIELDS,
    ContractError,
    check_unique_ids,
    make_contract,
)

D = dt.date.fromisoformat
BASE: dict[str, Any] = {"id": "k7", "client": "Acme", "start": "2026-03-01"}


def build(**changes: Any) -> Any:
    """A contract from BASE with ``changes``."""
    return make_contract(**(BASE | changes))


def test_a_minimal_contract_takes_the_documented_defaults() -> None:
    """Only id, client and start are needed; the rest default to empty, 0, hourly, false."""
    contract = build()
    assert (contract.title, contract.kind, contract.end, contract.earnings) == (
        "",
        "hourly",
        None,
        Decimal(0),
    )
    assert contract.last_paid is contract.public is contract.private is None
    assert contract.feedback_date is None
    assert (contract.disputed, contract.client_flagged, contract.excluded) == (False,) * 3


def test_contract_fields_follow_the_section_1_table() -> None:
    """The record has exactly the fields of section 1, in the CSV order."""
    assert CONTRACT_FIELDS == (
        "id",
        "client",
        "title",
        "kind",
        "start",
        "end",
        "earnings",
        "last_paid",
        "public",
        "private",
        "feedback_date",
        "disputed",
        "client_flagged",
        "excluded",
        "payments",
    )


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"end": "2026-02-28"}, "end", D("2026-02-28")),  # end >= start
        ({"earnings": "10", "last_paid": "2026-02-28"}, "last_paid", D("2026-02-28")),
        ({"feedback_date": "2026-02-28"}, "feedback_date", D("2026-02-28")),
        ({"earnings": "-0.01"}, "earnings", "-0.01"),  # earnings >= 0
        ({"earnings": "NaN"}, "earnings", "NaN"),  # earnings finite
        ({"earnings": "Infinity"}, "earnings", "Infinity"),
        ({"public": "0.99"}, "public", "0.99"),  # public within [1, 5]
        ({"public": "5.01"}, "public", "5.01"),
        ({"public": "NaN"}, "public", "NaN"),
        ({"private": 11}, "private", 11),  # private an integer within [0, 10]
        ({"private": -1}, "private", -1),
        ({"private": 7.5}, "private", 7.5),
        ({"private": "7.5"}, "private", "7.5"),
        ({"private": True}, "private", True),
        ({"last_paid": "2026-04-01"}, "last_paid", D("2026-04-01")),  # empty when earnings 0
        ({"client": "   "}, "client", "   "),  # client not blank
        ({"client": ""}, "client", ""),
        ({"kind": "weekly"}, "kind", "weekly"),
        ({"start": "2026-02-30"}, "start", "2026-02-30"),
        ({"colour": "red"}, "colour", "red"),
    ],
    ids=repr,
)
def test_each_validation_rule_raises_an_error_naming_contract_field_and_value(
    changes: dict[str, Any], field: str, value: Any
) -> None:
    """A violated rule is a ContractError carrying the contract id, the field and the value."""
    with pytest.raises(ContractError) as caught:
        build(**changes)
    error = caught.value
    assert (error.contract_id, error.field, error.value) == ("k7", field, value)
    assert error.problem
    assert "'k7'" in str(error)
    assert field in str(error)


def test_a_missing_client_is_reported_as_required() -> None:
    """Omitting a required field names that field."""
    with pytest.raises(ContractError) as caught:
        make_contract(id="k7", start="2026-03-01")
    assert (caught.value.field, caught.value.problem) == ("client", "is required")


def test_a_repeated_id_is_an_error_naming_the_id() -> None:
    """Ids are unique within a document."""
    first, second = build(), build(client="Beta")
    check_unique_ids([first, build(id="k8")])
    with pytest.raises(ContractError) as caught:
        check_unique_ids([first, build(id="k8"), second])
    assert (caught.value.contract_id, caught.value.field, caught.value.value) == ("k7", "id", "k7")


#: Values on the edge of a rule of section 1, and the contract fields they must give.
BOUNDARY_VALUES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"end": "2026-03-01"}, {"end": D("2026-03-01")}),  # end == start
    (
        {"earnings": "5", "last_paid": "2026-03-01"},
        {"earnings": Decimal(5), "last_paid": D("2026-03-01")},
    ),
    ({"feedback_date": "2026-03-01"}, {"feedback_date": D("2026-03-01")}),
    ({"public": "1"}, {"public": Decimal(1)}),
    ({"public": "5"}, {"public": Decimal(5)}),
    ({"public": "4.55"}, {"public": Decimal("4.55")}),
    ({"private": 0}, {"private": 0}),
    ({"private": 10}, {"private": 10}),
    ({"private": 7.0}, {"private": 7}),  # an integral number is an integer
    ({"earnings": "0"}, {"earnings": Decimal(0)}),
    # last_paid after end only affects the Top Rated spread; feedback after end is fine.
    (
        {"end": "2026-04-01", "earnings": "5", "last_paid": "2026-06-01"},
        {"end": D("2026-04-01"), "earnings": Decimal(5), "last_paid": D("2026-06-01")},
    ),
    (
        {"end": "2026-04-01", "feedback_date": "2026-06-01"},
        {"end": D("2026-04-01"), "feedback_date": D("2026-06-01")},
    ),
]


@pytest.mark.parametrize(
    ("changes", "expected"), BOUNDARY_VALUES, ids=[repr(c) for c, _ in BOUNDARY_VALUES]
)
def test_values_on_the_boundaries_of_the_rules_are_valid(
    changes: dict[str, Any], expected: dict[str, Any]
) -> None:
    """Equalities and range ends are allowed by every rule of section 1, and kept as given."""
    contract = build(**changes)
    kept = {name: getattr(contract, name) for name in expected}
    assert kept == expected
    assert [type(value) for value in kept.values()] == [type(v) for v in expected.values()]
    assert contract.model_dump(include=set(BASE)) == {
        "id": "k7",
        "client": "Acme",
        "start": D("2026-03-01"),
    }


def test_money_and_stars_stay_exact_decimals() -> None:
    """Earnings and public ratings are exact decimals, not floats."""
    contract = build(earnings="1000.01", public="4.45")
    assert contract.earnings == Decimal("1000.01")
    assert contract.public == Decimal("4.45")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, None),  # earnings 0: no paid_through
        ({"end": "2026-05-01"}, None),
        ({"earnings": "100"}, "2026-03-01"),  # else start
        ({"earnings": "100", "end": "2026-05-01"}, "2026-05-01"),  # else end
        ({"earnings": "100", "end": "2026-05-01", "last_paid": "2026-04-10"}, "2026-04-10"),
        ({"earnings": "100", "end": "2026-05-01", "last_paid": "2026-07-10"}, "2026-07-10"),
        ({"earnings": "100", "last_paid": "2026-04-10"}, "2026-04-10"),
    ],
)
def test_paid_through_is_last_paid_else_end_else_start(
    changes: dict[str, Any], expected: str | None
) -> None:
    """paid_through: last_paid if given, else end, else start; only when earnings > 0."""
    expected_date = None if expected is None else D(expected)
    assert build(**changes).paid_through == expected_date


def test_paid_through_at_caps_a_planned_payment_at_t() -> None:
    """paid_through_at(t) = min(paid_through, t): a planned payment means paid up to t."""
    contract = build(earnings="500", last_paid="2026-09-30")
    assert contract.paid_through_at(D("2026-06-15")) == D("2026-06-15")
    assert contract.paid_through_at(D("2026-09-30")) == D("2026-09-30")
    assert contract.paid_through_at(D("2026-12-01")) == D("2026-09-30")
    assert build().paid_through_at(D("2026-06-15")) is None


@pytest.mark.parametrize(
    ("client", "key"),
    [
        ("Acme Corp", "acme corp"),
        ("  ACME corp\t", "acme corp"),
        ("Straße", "strasse"),  # case folding, not lower-casing
        ("Acme  Corp", "acme  corp"),  # no other normalisation: inner spaces stay
        ("Acme Corp.", "acme corp."),
    ],
)
def test_client_key_is_trimmed_and_case_folded_only(client: str, key: str) -> None:
    """Clients compare on str.strip().casefold() and nothing else."""
    assert build(client=client).client_key == key


def test_contracts_are_frozen() -> None:
    """A contract is immutable; model_copy(update=...) makes an edited copy."""
    contract = build()
    with pytest.raises(ValidationError):
        contract.client = "Beta"
    edited = contract.model_copy(update={"client": "Beta"})
    assert (contract.client, edited.client) == ("Acme", "Beta")


def test_table_helper_reads_whitespace_tables_with_dashes_for_empty(table: Any) -> None:
    """The scenario helper maps header names to fields, '-' to empty, ids to c1, c2."""
    contracts = table("""
        client  start       end         earnings  public  disputed
        # a comment line
        Acme    2026-01-01  2026-02-01  $1,800    5       no
        Beta    2026-01-05  -           0         -       yes
    """)
    assert [c.id for c in contracts] == ["c1", "c2"]
    assert contracts[0].earnings == Decimal(1800)
    assert contracts[0].end == D("2026-02-01")
    assert contracts[1].end is None
    assert contracts[1].public is None
    assert contracts[1].disputed


def test_table_helper_reads_pipe_tables_with_spaces_in_cells(table: Any) -> None:
    """A pipe-separated table allows spaces inside cells and a Markdown rule line."""
    (contract,) = table("""
        | id | client    | title          | start      |
        |----|-----------|----------------|------------|
        | x1 | Acme Corp | Landing page   | 2026-01-01 |
    """)
    assert (contract.id, contract.client, contract.title) == ("x1", "Acme Corp", "Landing page")


def test_table_helper_rejects_unknown_columns_and_short_rows(table: Any) -> None:
    """A typo in the header or a missing cell is an error, not silently dropped data."""
    with pytest.raises(ValueError, match="unknown"):
        table("client starts\nAcme 2026-01-01")
    with pytest.raises(ValueError, match="cells"):
        table("client start end\nAcme 2026-01-01")
    with pytest.raises(ContractError):
        table("id client start\nx Acme 2026-01-01\nx Beta 2026-01-01")
