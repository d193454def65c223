"""Opening a document validates each contract once, and the result is what full validation
of every field gives (the faster path changes nothing a user can see)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jsswhatif.core.contracts import Contract, contract_from_json, make_contract
from jsswhatif.core.document import Document
from jsswhatif.io import store
from jsswhatif.io.store import DocumentError, document_from_json

_BASELINE = [
    {"id": "c1", "client": "Acme", "start": "2026-01-05", "end": "2026-03-01", "public": "5.0"},
    {"id": "c2", "client": "Beta", "start": "2026-02-01", "earnings": "1800.00"},
]
_ADDED = {"id": "h1", "client": "Gamma", "start": "2026-04-01"}
_SCENARIOS = [
    {"name": "Ends", "overrides": {"c2": {"end": "2026-05-31"}}, "added": [_ADDED]},
    {"name": "Plain"},
]


def _fields(**changes: Any) -> dict[str, Any]:
    return {"contracts": _BASELINE, "scenarios": _SCENARIOS, **changes}


def _file(fields: dict[str, Any]) -> str:
    return json.dumps({"format": "jsswhatif", "version": store.CURRENT_VERSION, **fields})


def test_the_document_equals_the_fully_validated_one() -> None:
    fields = _fields()

    document = document_from_json(_file(fields))

    assert document == Document.model_validate(fields)
    assert document.scenario("Ends").added[0].id == "h1"


def test_the_document_keeps_the_contracts_validated_for_the_messages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[Contract] = []

    def recording(**data: Any) -> Contract:
        made.append(make_contract(**data))
        return made[-1]

    def recording_plain(data: dict[str, Any]) -> Contract | None:
        made.append(contract_from_json(data) or make_contract(**data))
        return made[-1]

    monkeypatch.setattr(store, "make_contract", recording)
    monkeypatch.setattr(store, "contract_from_json", recording_plain)

    document = document_from_json(_file(_fields()))

    kept = [*document.contracts, *document.scenario("Ends").added]
    assert len(made) == len(kept) == 3
    assert all(mine is theirs for mine, theirs in zip(kept, made, strict=True))


def test_plain_saved_contracts_skip_pydantic_and_equal_the_validated_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fields = _fields(contracts=[*_BASELINE, {**_BASELINE[1], "id": "c3", "earnings": "1e3"}])
    validated: list[str] = []

    def recording(**data: Any) -> Contract:
        validated.append(data["id"])
        return make_contract(**data)

    monkeypatch.setattr(store, "make_contract", recording)

    document = document_from_json(_file(fields))

    assert validated == ["c3"]  # "1e3" is not the plain form a saved document holds
    expected = Document.model_validate(fields)
    assert document == expected
    assert list(document.__dict__) == list(expected.__dict__)  # the fields in their order
    assert document.model_fields_set == expected.model_fields_set
    for mine, theirs in zip(document.contracts, expected.contracts, strict=True):
        assert mine.model_fields_set == theirs.model_fields_set


def test_a_list_holding_a_non_object_still_gets_the_models_message() -> None:
    text = _file(_fields(contracts=[_BASELINE[0], 7]))

    with pytest.raises(DocumentError, match=r"contract number 2: must be a JSON object \(got 7\)"):
        document_from_json(text)


def test_a_bad_added_contract_still_names_its_scenario() -> None:
    bad = {**_ADDED, "start": "not a date"}
    text = _file(_fields(scenarios=[{"name": "Ends", "added": [bad]}]))

    with pytest.raises(DocumentError, match=r"^<text>: scenario 'Ends': contract 'h1': start"):
        document_from_json(text)
