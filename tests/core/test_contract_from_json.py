"""The quick reading of a saved contract: the same contract as ``make_contract``, or none.

:func:`~jsswhatif.core.contracts.contract_from_json` skips pydantic for the plain form a saved
document holds (a cold start, issue 14). Held here to ``make_contract`` on random JSON objects,
valid or not, and shown to serve the saved form of every contract without payments.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core.contracts import (
    CONTRACT_FIELDS,
    Contract,
    ContractError,
    contract_from_json,
    make_contract,
)

DATES = ["2026-03-01", "2026-01-31", "2026-12-31", "1990-01-01", "2199-12-31", "1989-12-31"]
ODD_DATES = ["2200-01-01", "2026-02-30", "2026-3-01", "20260301", "2026-03-01T00:00", "", " "]
AMOUNTS = ["0", "0.00", "12", "1800.00", "250.5", "1250.5000", "999999999999.9999", "4.5", "5"]
ODD_AMOUNTS = ["00", "1.23456", "-5", "1e3", " 12", "12.", ".5", "1000000000000", "NaN", "0.99"]


def _value(name: str) -> st.SearchStrategy[Any]:
    """Values for the field ``name``: mostly what a saved file holds, now and then not."""
    usual, odd = _values(name)
    return st.integers(0, 5).flatmap(lambda k: st.sampled_from(odd if k == 0 else usual))


_ODD: list[Any] = [None, 0, 1, 2.5, True, "x", [], {}]
_TEXTS = (["c1", "Acme", "Δ client"], ["", " ", "\t", *_ODD])
_DAYS = (DATES, ODD_DATES + _ODD)
_AMOUNTS = (AMOUNTS, ODD_AMOUNTS + _ODD)
#: Each field's (usual values, odd values); the flags have their own below.
_VALUES: dict[str, tuple[list[Any], list[Any]]] = {
    "id": _TEXTS,
    "client": _TEXTS,
    "title": _TEXTS,
    "kind": (["hourly", "fixed"], ["Hourly", "fixed ", *_ODD]),
    "start": _DAYS,
    "end": _DAYS,
    "last_paid": _DAYS,
    "feedback_date": _DAYS,
    "earnings": _AMOUNTS,
    "public": _AMOUNTS,
    "private": ([None, 0, 7, 10], [11, -1, True, 3.0, "3"]),
    "payments": ([[]], [[{"date": "2026-03-05", "amount": "100"}], None, "none"]),
}


def _values(name: str) -> tuple[list[Any], list[Any]]:
    """(usual values, odd values) of the field ``name``."""
    return _VALUES.get(name, ([False, True], _ODD))


@st.composite
def json_objects(draw: st.DrawFn) -> dict[str, Any]:
    """A contract's JSON object: most fields present, some missing, now and then one unknown."""
    names = draw(st.lists(st.sampled_from(CONTRACT_FIELDS), unique=True, min_size=2))
    data = {name: draw(_value(name)) for name in ("id", "client", "start", *names)}
    if draw(st.integers(0, 9)) == 0:
        data["note"] = "unknown field"
    return data


def _same(quick: Contract, made: Contract) -> bool:
    return (
        quick == made
        and list(quick.__dict__.items()) == list(made.__dict__.items())
        and [type(v) for v in quick.__dict__.values()] == [type(v) for v in made.__dict__.values()]
        and [str(v) for v in quick.__dict__.values()] == [str(v) for v in made.__dict__.values()]
        and quick.__pydantic_fields_set__ == made.__pydantic_fields_set__
        and quick.__pydantic_extra__ == made.__pydantic_extra__
        and quick.__pydantic_private__ == made.__pydantic_private__
    )


def _check(data: dict[str, Any]) -> None:
    """``contract_from_json(data)`` is None or what ``make_contract`` makes of ``data``, and
    None when make_contract refuses ``data``."""
    quick = contract_from_json(data)
    try:
        made = make_contract(**data)
    except ContractError:
        assert quick is None
        return
    assert quick is None or _same(quick, made)


@given(json_objects())
def test_a_quick_contract_is_the_one_make_contract_makes_and_never_a_refused_one(
    data: dict[str, Any],
) -> None:
    _check(data)


#: A valid saved contract, every field given.
FULL: dict[str, Any] = {
    "id": "c1",
    "client": "Acme",
    "title": "Logo",
    "kind": "fixed",
    "start": "2026-01-05",
    "end": "2026-02-27",
    "earnings": "1800.00",
    "last_paid": "2026-02-20",
    "public": "4.5",
    "private": 9,
    "feedback_date": "2026-03-01",
    "disputed": False,
    "client_flagged": False,
    "excluded": True,
}


@pytest.mark.parametrize(
    ("name", "value"),
    [(name, value) for name in CONTRACT_FIELDS for values in _values(name) for value in values],
)
def test_each_value_of_each_field_is_read_as_make_contract_reads_it(name: str, value: Any) -> None:
    _check({**FULL, name: value})
    _check({key: v for key, v in {**FULL, name: value}.items() if key != "end"})


@given(json_objects())
def test_every_saved_contract_without_payments_is_read_quickly(data: dict[str, Any]) -> None:
    try:
        made = make_contract(**{**data, "payments": []})
    except ContractError:
        return
    saved = made.model_dump(mode="json")  # as a saved document holds it

    quick = contract_from_json(saved)

    assert quick is not None
    assert _same(quick, make_contract(**saved))


def test_the_quick_reading_knows_every_rule_of_the_model() -> None:
    """A new field or validator of Contract must be taught to contract_from_json too (or it
    must give None for what the new rule reads)."""
    decorators = Contract.__pydantic_decorators__
    assert tuple(Contract.model_fields) == CONTRACT_FIELDS
    assert sorted(decorators.field_validators) == [
        "_earnings_finite",
        "_not_blank",
        "_private_in_range",
        "_private_integer",
        "_public_in_range",
    ]
    assert sorted(decorators.model_validators) == ["_dates_and_payments", "_derived_from_payments"]
