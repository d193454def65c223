"""Messages for the odder damaged documents: whole messages, written out by hand.

test_store.py checks the usual bad files by words; these are the shapes a hand-edited file
can take that those miss (a bare JSON value, items that are not objects, missing names,
non-scalar override values), and the last-resort message for a bug of ours.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from jsswhatif.io import store
from jsswhatif.io.store import DocumentError, document_from_json

_CONTRACT = {"id": "c1", "client": "Acme", "start": "2026-03-01"}


def _file(**fields: Any) -> str:
    return json.dumps({"format": "jsswhatif", "version": 1, **fields})


MESSAGES: list[tuple[str, str, str]] = [
    ("a string", '"hello"', "is not a jsswhatif document (it is a JSON string)"),
    ("a number", "3.5", "is not a jsswhatif document (it is a JSON number)"),
    ("true", "true", "is not a jsswhatif document (it is a JSON true)"),
    ("null", "null", "is not a jsswhatif document (it is a JSON null)"),
    (
        "a contract that is not an object",
        _file(contracts=[1]),
        "contract number 1: must be a JSON object (got 1)",
    ),
    (
        "a scenario that is not an object",
        _file(scenarios=[{"name": "A"}, [1]]),
        "scenario number 2: must be a JSON object (got [1])",
    ),
    (
        "an added contract that is not an object",
        _file(contracts=[_CONTRACT], scenarios=[{"name": "S", "added": [7]}]),
        "scenario 'S': field 'added.0': must be a JSON object (got 7)",
    ),
    (
        "a bad added contract in a scenario without a name",
        _file(scenarios=[{"added": [{"id": "c1"}]}]),
        "a scenario: contract 'c1': client (empty) is required",
    ),
    (
        "a scenario without a name",
        _file(scenarios=[{}]),
        "scenario number 1: field 'name' is missing",
    ),
    (
        "a rule set named by a number",
        _file(rule_sets=[{"name": 5}]),
        "rule set number 1: field 'name': input should be a valid string (got 5)",
    ),
    (
        "an override that is a list",
        _file(contracts=[_CONTRACT], scenarios=[{"name": "S", "overrides": {"c1": {"end": [1]}}}]),
        "scenario 'S': field 'overrides.c1.end': must be a text, a number, true, false or null "
        "(got [1])",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"), [(t, m) for _, t, m in MESSAGES], ids=[n for n, _, _ in MESSAGES]
)
def test_a_damaged_document_gets_this_exact_message(text: str, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        document_from_json(text, "plan.jsswhatif")
    assert str(caught.value) == f"plan.jsswhatif: {message}"


def test_a_bug_of_ours_while_reading_is_a_document_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any unexpected exception becomes one DocumentError naming it, never a crash."""

    def broken(*args: object) -> None:
        raise RuntimeError("bug\nin two lines")

    monkeypatch.setattr(store, "check_unique_ids", broken)
    with pytest.raises(DocumentError) as caught:
        document_from_json(_file(contracts=[_CONTRACT]), "plan.jsswhatif")
    assert str(caught.value) == "plan.jsswhatif: cannot be opened (RuntimeError: bug in two lines)"
