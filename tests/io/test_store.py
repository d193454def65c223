"""Saved documents: round trips, the version 1 fixture, migrations, bad files, atomic save."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.contracts import Contract, Payment, make_contract
from jsswhatif.core.document import Document, Observation, Scenario
from jsswhatif.core.engine import evaluate
from jsswhatif.core.rules import (
    PRESETS,
    PRESETS_BY_NAME,
    EarningsTier,
    RuleSet,
    custom_rule_set,
)
from jsswhatif.io import store
from jsswhatif.io.store import (
    CURRENT_VERSION,
    DocumentError,
    document_from_json,
    document_to_json,
    load_document,
    save_document,
)

D = dt.date.fromisoformat
FIXTURES = Path(__file__).parent / "fixtures"


def expected_v1_document() -> Document:
    """What ``fixtures/document-v1.jsswhatif`` holds: every kind of field, set.

    Opened by this version: its custom rule set gets what version 1 of the model meant by the
    parameters version 2 added (interim feedback counts; a flagged client's outcomes drop).
    """
    fair = custom_rule_set(
        PRESETS_BY_NAME["upwork-2020-03"],
        "fair JSS",
        interim_feedback="counts",
        flagged_client="drop_all",
        zero_earnings_no_feedback="negative",  # the preset's value in version 1, kept
        no_feedback="excluded",
        windows=(6, 12),
        earnings_tiers=(
            EarningsTier(up_to=Decimal("500.00"), weight=Decimal(1)),
            EarningsTier(up_to=None, weight=Decimal("1.75")),
        ),
        weight_cap=Decimal("6.5"),
    )
    contracts = (
        make_contract(
            id="c1",
            client="Acme Corp",
            title="Landing page redesign",
            kind="fixed",
            start="2026-03-02",
            end="2026-07-15",
            earnings="1800.00",
            last_paid="2026-07-10",
            public="4.5",
            private=9,
            feedback_date="2026-07-20",
        ),
        make_contract(
            id="c2",
            client="Café Zoë 東京",
            title='Ongoing "backend" support\nsecond line',
            start="2025-08-15",
            earnings="6400.5",
            last_paid="2026-11-20",
            disputed=True,
        ),
        make_contract(
            id="c3",
            client="Gamma Studio",
            start="2026-06-01",
            end="2026-06-28",
            client_flagged=True,
            excluded=True,
        ),
    )
    what_if = Scenario(
        name="What if it ends",
        overrides={
            "c1": {"feedback_date": None, "private": 10, "public": "5.0"},
            "c2": {"end": "2026-12-31", "earnings": "7000.00", "disputed": False},
        },
        added=(
            make_contract(
                id="h1",
                client="Hypothetical Ltd",
                title="Planned job",
                start="2026-12-01",
                end="2027-01-15",
                earnings="950",
                public="4.8",
            ),
        ),
    )
    return Document(
        contracts=contracts,
        scenarios=(what_if, Scenario(name="Empty")),
        rule_sets=(fair,),
        rules_name="fair JSS",
        as_of=D("2026-11-25"),
        active_scenario="What if it ends",
        observations=(
            Observation(date=D("2026-11-01"), value=92, note="seen on the profile"),
            Observation(date=D("2026-11-20"), value=90),
        ),
        title="Every field — a fixture",
        description="Version 1 of the file format.\nIt must keep opening.",
    )


def expected_v2_document() -> Document:
    """What ``fixtures/document-v2.jsswhatif`` holds: version 1's fields, then payments (on a
    baseline and on an added contract, refunds and a repeated date) and the new rule-set
    parameters set otherwise than version 1 meant.
    """
    v1 = expected_v1_document()
    paid = make_contract(
        id="c4",
        client="Delta Co",
        title="Paid in parts",
        start="2026-01-05",
        end="2026-04-30",
        public="5",
        payments=[
            Payment(date=D("2026-03-01"), amount=Decimal("-100")),
            Payment(date=D("2026-01-09"), amount=Decimal("500")),
            Payment(date=D("2026-02-05"), amount=Decimal("1250.50")),
            Payment(date=D("2026-01-09"), amount=Decimal("0.25")),
        ],
    )
    refunded = make_contract(
        id="h2",
        client="Refund Inc",
        start="2026-12-01",
        payments=[
            Payment(date=D("2026-12-05"), amount=Decimal("300")),
            Payment(date=D("2026-12-20"), amount=Decimal("-300")),
        ],
    )
    what_if, empty = v1.scenarios
    what_if = what_if.model_copy(update={"added": (*what_if.added, refunded)})
    today = custom_rule_set(
        PRESETS_BY_NAME["upwork-2024-09"],
        "today's rules",
        flagged_client="drop_negative",
        min_outcomes=1,
    )
    return v1.model_copy(
        update={
            "contracts": (*v1.contracts, paid),
            "scenarios": (what_if, empty),
            "rule_sets": (*v1.rule_sets, today),
            "title": "Every field of version 2 — a fixture",
            "description": "Version 2 of the file format: payments.\nIt must keep opening.",
        }
    )


# Round trips ---------------------------------------------------------------------------------


def test_save_then_load_gives_an_equal_document(tmp_path: Path) -> None:
    document = expected_v2_document()
    folder = tmp_path / "documents"
    folder.mkdir()
    path = folder / "mine.jsswhatif"
    save_document(path, document)
    assert load_document(path) == document
    assert [p.name for p in folder.iterdir()] == ["mine.jsswhatif"]  # no temporary left


def test_the_file_is_pretty_json_with_format_and_version_first(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, expected_v2_document())
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "jsswhatif",\n  "version": 2,\n  "contracts": [\n')
    assert text.endswith("}\n")
    assert "Café Zoë 東京" in text  # written as UTF-8, not escaped
    data = json.loads(text)
    contract = data["contracts"][0]
    assert contract["earnings"] == "1800.00"  # exact decimal, as a string
    assert contract["public"] == "4.5"
    assert contract["start"] == "2026-03-02"
    assert data["contracts"][2]["end"] == "2026-06-28"
    assert data["scenarios"][0]["overrides"]["c1"] == {
        "feedback_date": None,
        "private": 10,
        "public": "5.0",
    }


def test_payments_are_written_exactly_and_only_when_there_are_some() -> None:
    data = json.loads(document_to_json(expected_v2_document()))
    assert ["payments" in contract for contract in data["contracts"]] == [False] * 3 + [True]
    paid = data["contracts"][3]
    assert list(paid)[-1] == "payments"  # the model's field order
    assert paid["payments"] == [  # sorted by date, stably, as the contract keeps them
        {"date": "2026-01-09", "amount": "500"},
        {"date": "2026-01-09", "amount": "0.25"},
        {"date": "2026-02-05", "amount": "1250.50"},
        {"date": "2026-03-01", "amount": "-100"},
    ]
    assert (paid["earnings"], paid["last_paid"]) == ("1650.75", "2026-02-05")  # derived
    added = data["scenarios"][0]["added"]
    assert ["payments" in contract for contract in added] == [False, True]
    assert added[1]["payments"][1] == {"date": "2026-12-20", "amount": "-300"}
    assert (added[1]["earnings"], added[1]["last_paid"]) == ("0", "2026-12-05")


def test_saving_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsswhatif", tmp_path / "b.jsswhatif"
    save_document(first, expected_v2_document())
    save_document(second, load_document(first))
    assert first.read_bytes() == second.read_bytes()


def test_a_lone_surrogate_is_escaped_and_comes_back(tmp_path: Path) -> None:
    document = Document(title="broken \ud800 text", description="\udfff")
    path = tmp_path / "odd.jsswhatif"
    save_document(path, document)
    assert "\\ud800" in path.read_text(encoding="utf-8")
    assert load_document(path) == document


def test_save_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, Document(title="old"))
    save_document(path, Document(title="new"))
    assert load_document(path).title == "new"


# Documents made up by hypothesis ----------------------------------------------------------------

_dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
_text = st.text(max_size=12)
_amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


_payment_amounts = st.decimals(min_value=-5_000, max_value=50_000, places=2).filter(bool)


@st.composite
def _payments(draw: st.DrawFn, start: dt.date) -> list[Payment]:
    """Up to 5 payments on or after ``start``, refunds included, summing to 0 or more."""
    later = st.dates(min_value=start, max_value=dt.date(2031, 12, 31))
    payments = draw(st.lists(st.builds(Payment, date=later, amount=_payment_amounts), max_size=5))
    total = sum((p.amount for p in payments), Decimal(0))
    if total < 0:
        payments.append(Payment(date=draw(later), amount=-total))
    return payments


@st.composite
def _contract(draw: st.DrawFn, contract_id: str) -> Contract:
    start = draw(_dates)
    later = st.dates(min_value=start, max_value=dt.date(2031, 12, 31))
    payments = draw(_payments(start))
    if payments:  # earnings and last_paid are derived
        return make_contract(
            id=contract_id,
            client=draw(st.text(min_size=1, max_size=12).filter(str.strip)),
            start=start,
            end=draw(st.none() | later),
            public=draw(st.none() | st.decimals(min_value=1, max_value=5, places=1)),
            payments=payments,
        )
    earnings = draw(st.one_of(st.just(Decimal(0)), _amounts))
    return make_contract(
        id=contract_id,
        client=draw(st.text(min_size=1, max_size=12).filter(str.strip)),
        title=draw(_text),
        kind=draw(st.sampled_from(["hourly", "fixed"])),
        start=start,
        end=draw(st.none() | later),
        earnings=earnings,
        last_paid=None if earnings == 0 else draw(st.none() | later),
        public=draw(st.none() | st.decimals(min_value=1, max_value=5, places=1)),
        private=draw(st.none() | st.integers(0, 10)),
        feedback_date=draw(st.none() | later),
        disputed=draw(st.booleans()),
        client_flagged=draw(st.booleans()),
        excluded=draw(st.booleans()),
    )


def _override(contract: Contract) -> st.SearchStrategy[dict[str, Any]]:
    later = st.dates(min_value=contract.start, max_value=dt.date(2031, 12, 31))
    return st.fixed_dictionaries(
        {},
        optional={
            "end": st.none() | later.map(dt.date.isoformat),
            "title": _text,
            "public": st.none() | st.sampled_from(["1.0", "3.5", "4.5", "5"]) | st.just(4.75),
            "private": st.none() | st.integers(0, 10),
            "excluded": st.booleans(),
            "feedback_date": st.none() | later.map(dt.date.isoformat),
        },
    )


@st.composite
def _rule_set(draw: st.DrawFn, name: str) -> RuleSet:
    base = draw(st.sampled_from(PRESETS))
    return custom_rule_set(
        base,
        name,
        min_outcomes=draw(st.integers(0, 6)),
        weight_cap=draw(st.decimals(min_value="0.5", max_value=10, places=2)),
        windows=tuple(draw(st.lists(st.integers(1, 36), min_size=1, max_size=3, unique=True))),
        rounding=draw(st.sampled_from(["half_up", "floor"])),
        interim_feedback=draw(st.sampled_from(["ignored", "counts"])),
        flagged_client=draw(st.sampled_from(["drop_all", "drop_negative"])),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Valid documents with every kind of field (contracts, scenarios, rule sets, ...)."""
    count = draw(st.integers(0, 4))
    contracts = tuple(draw(_contract(f"c{n}")) for n in range(count))
    names = draw(st.lists(st.text(min_size=1, max_size=10), max_size=3, unique=True))
    scenarios = []
    for number, name in enumerate(names):
        overrides = {}
        for contract in contracts:
            if draw(st.booleans()):
                overrides[contract.id] = draw(_override(contract))
        added = tuple(draw(_contract(f"s{number}-{n}")) for n in range(draw(st.integers(0, 2))))
        scenario = Scenario(name=name, overrides=overrides, added=added)
        try:
            scenario.apply(contracts)
        except ValueError:  # an override that breaks a contract: not a valid document
            scenario = Scenario(name=name, added=added)
        scenarios.append(scenario)
    rule_names = draw(st.lists(st.sampled_from(["fair", "strict", "mine é"]), unique=True))
    rule_sets = tuple(draw(_rule_set(name)) for name in rule_names)
    choices = [p.name for p in PRESETS] + ["historical", *rule_names]
    return Document(
        contracts=contracts,
        scenarios=tuple(scenarios),
        rule_sets=rule_sets,
        rules_name=draw(st.sampled_from(choices)),
        as_of=draw(st.none() | _dates),
        active_scenario=draw(st.none() | st.sampled_from(names)) if names else None,
        observations=tuple(
            draw(
                st.lists(
                    st.builds(Observation, date=_dates, value=st.integers(0, 100), note=_text),
                    max_size=3,
                    unique_by=lambda observation: observation.date,  # one per day
                )
            )
        ),
        title=draw(st.text(max_size=20)),
        description=draw(st.text(max_size=40)),
    )


@given(documents())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_document_survives_a_round_trip(document: Document) -> None:
    text = document_to_json(document)
    again = document_from_json(text)
    assert again == document
    assert document_to_json(again) == text


# The committed fixtures, one per format version --------------------------------------------------


def test_the_version_1_fixture_opens_and_equals_the_expected_document() -> None:
    document = load_document(FIXTURES / "document-v1.jsswhatif")
    assert document == expected_v1_document()
    (fair,) = document.rule_sets
    assert (fair.interim_feedback, fair.flagged_client) == ("counts", "drop_all")


def test_the_version_1_fixture_scores() -> None:
    """Under its custom rule set (from upwork-2020-03: at least 4 outcomes from 3 clients) the
    baseline has 1 outcome at 2026-11-25: c1 ended (+1); c2 is open, paid 5 days ago, so not
    inactive, and open long-term contracts do not count (open_pending); c3 is excluded. No JSS.
    """
    document = load_document(FIXTURES / "document-v1.jsswhatif")
    evaluation = evaluate(document.contracts, document.rules, D("2026-11-25"))
    assert evaluation.rules_name == "fair JSS"
    assert [r.status for r in evaluation.results] == ["counted", "open_pending", "excluded_by_user"]
    assert evaluation.displayed is None


def test_the_version_2_fixture_opens_and_equals_the_expected_document() -> None:
    assert load_document(FIXTURES / "document-v2.jsswhatif") == expected_v2_document()


@pytest.mark.skipif(CURRENT_VERSION != 2, reason="the fixture is version 2; this is newer")
def test_version_2_still_writes_exactly_the_fixture() -> None:
    """Fails when what is written changes: then bump CURRENT_VERSION and add a migration.

    A new field needs a new version too: an older jsswhatif refuses an unknown field, but it
    tells the user to upgrade only when the version says the file is newer.
    """
    text = (FIXTURES / "document-v2.jsswhatif").read_text(encoding="utf-8")
    assert document_to_json(expected_v2_document()) == text


def test_a_minimal_hand_written_file_opens_with_defaults() -> None:
    contract = {"id": "c1", "client": "Acme", "start": "2026-01-05", "earnings": 1800.5}
    text = f'{{"format": "jsswhatif", "version": 1, "contracts": [{json.dumps(contract)}]}}'
    document = document_from_json(text)
    assert document.contracts == (
        make_contract(id="c1", client="Acme", start="2026-01-05", earnings="1800.5"),
    )
    assert document.rules_name == "upwork-2024-09"
    assert document.scenarios == ()


# Migrations -------------------------------------------------------------------------------------


def _v1_rule_set(**changes: Any) -> dict[str, Any]:
    """A custom rule set as version 1 wrote it: every field of version 1, none of version 2."""
    rule_set = custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "mine", **changes)
    data = rule_set.model_dump(mode="json")
    del data["interim_feedback"], data["flagged_client"]
    return data


#: Scored at 2026-11-25 (section 5 and 6 of the scoring model, by hand):
#: c1 ended 2026-06-30 with 5 stars, $200: weight 1 + a length bonus of 1 (176 days hold one
#: complete 90-day period), value +1. c2 open since 2025-11-01, $600, last paid 2026-11-20:
#: long-term active; weight 1.25 + 4 (389 days, 4 periods; paid through 384 days, 5) = 5.25;
#: mid-contract feedback of 2 stars on 2026-10-01. If it counts, c2 is -1 and the net score is
#: 100 (2 - 5.25) / 7.25 < 0, so 0; if it is ignored, c2 is +1 and the score is 100.
_INTERIM = [
    {"id": "c1", "client": "A", "start": "2026-01-05", "end": "2026-06-30", "earnings": "200",
     "public": "5"},
    {"id": "c2", "client": "B", "start": "2025-11-01", "earnings": "600",
     "last_paid": "2026-11-20", "public": "2.0", "feedback_date": "2026-10-01"},
]  # fmt: skip


def test_version_1_custom_rule_sets_keep_their_meaning() -> None:
    text = _file(1, contracts=_INTERIM, rule_sets=[_v1_rule_set()], rules_name="mine")
    document = document_from_json(text)
    (mine,) = document.rule_sets
    assert (mine.interim_feedback, mine.flagged_client) == ("counts", "drop_all")
    assert mine == custom_rule_set(
        PRESETS_BY_NAME["upwork-2024-09"],
        "mine",
        interim_feedback="counts",
        flagged_client="drop_all",
    )
    assert evaluate(document.contracts, document.rules, D("2026-11-25")).displayed == 0
    # the preset it was copied from changed in version 2, by specification
    preset = document.rules_by_name("upwork-2024-09")
    assert preset is not None
    assert evaluate(document.contracts, preset, D("2026-11-25")).displayed == 100


def test_version_1_keeps_everything_else() -> None:
    """Presets, observations, contracts and scenarios come through the step unchanged."""
    fields = json.loads((FIXTURES / "document-v1.jsswhatif").read_text(encoding="utf-8"))
    del fields["format"], fields["version"]
    migrated = store.MIGRATIONS[1](json.loads(json.dumps(fields)))
    (rule_set,) = migrated.pop("rule_sets")
    (original,) = fields.pop("rule_sets")
    assert migrated == fields
    assert rule_set == {**original, "interim_feedback": "counts", "flagged_client": "drop_all"}
    document = document_from_json(_file(1, rules_name="upwork-2015", rule_sets=[]))
    assert document.rules == PRESETS_BY_NAME["upwork-2015"]


def test_a_version_1_step_leaves_odd_rule_sets_to_validation() -> None:
    assert store.MIGRATIONS[1]({"rule_sets": "x"}) == {"rule_sets": "x"}
    assert store.MIGRATIONS[1]({"rule_sets": [3]}) == {"rule_sets": [3]}
    assert store.MIGRATIONS[1]({}) == {}
    with pytest.raises(DocumentError, match=r"rule set number 1: must be a JSON object \(got 3\)"):
        document_from_json(_file(1, rule_sets=[3]))


def test_a_version_2_file_is_not_migrated() -> None:
    """Version 2 writes the new parameters; a file that leaves them out gets the defaults."""
    text = _file(2, contracts=_INTERIM, rule_sets=[_v1_rule_set()], rules_name="mine")
    (mine,) = document_from_json(text).rule_sets
    assert (mine.interim_feedback, mine.flagged_client) == ("ignored", "drop_all")


def _file(version: int, **fields: Any) -> str:
    return json.dumps({"format": "jsswhatif", "version": version, **fields})


def test_an_old_version_is_migrated_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake version 0 kept contracts under "jobs" and the rule set as "rules"."""

    def v0_to_v1(fields: dict[str, Any]) -> dict[str, Any]:
        fields = dict(fields)
        fields["contracts"] = fields.pop("jobs")
        fields["rules_name"] = fields.pop("rules")
        return fields

    monkeypatch.setattr(store, "MIGRATIONS", {0: v0_to_v1, 1: store.MIGRATIONS[1]})
    job = {"id": "c1", "client": "Acme", "start": "2026-01-05", "earnings": "10.50"}
    document = document_from_json(_file(0, jobs=[job], rules="upwork-2015"))
    assert document.rules_name == "upwork-2015"
    assert document.contracts == (make_contract(**job),)


def test_steps_run_in_order_from_the_file_version(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def step(version: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def migrate(fields: dict[str, Any]) -> dict[str, Any]:
            calls.append(version)
            return {**fields, "title": fields.get("title", "") + f"+{version}"}

        return migrate

    monkeypatch.setattr(store, "CURRENT_VERSION", 4)
    monkeypatch.setattr(store, "MIGRATIONS", {1: step(1), 2: step(2), 3: step(3)})
    assert document_from_json(_file(1, title="v1")).title == "v1+1+2+3"
    assert calls == [1, 2, 3]
    calls.clear()
    assert document_from_json(_file(3, title="v3")).title == "v3+3"
    assert calls == [3]
    assert document_from_json(_file(4, title="v4")).title == "v4"
    assert '"version": 4' in document_to_json(Document())


def test_a_version_without_a_migration_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocumentError, match=r"unknown format version 0 \(this version reads 1"):
        document_from_json(_file(0))
    monkeypatch.setattr(store, "MIGRATIONS", {0: dict})
    with pytest.raises(DocumentError, match="unknown format version -1"):
        document_from_json(_file(-1))


def test_a_failing_migration_is_a_document_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(fields: dict[str, Any]) -> dict[str, Any]:
        return {"contracts": fields["jobs"]}

    monkeypatch.setattr(store, "MIGRATIONS", {0: broken})
    with pytest.raises(DocumentError, match=r"cannot be upgraded from format version 0 \('jobs'"):
        document_from_json(_file(0))


# Bad files ----------------------------------------------------------------------------------------

_GOOD_CONTRACT = {"id": "c1", "client": "Acme", "start": "2026-03-01"}
_PAID = {"date": "2026-03-05", "amount": "5"}
_PAID_ZERO = {"date": "2026-03-05", "amount": "0.00"}
_PAID_EARLY = {"date": "2026-02-01", "amount": "5"}
_REFUND = {"date": "2026-03-06", "amount": "-5.01"}

BAD_FILES: list[tuple[str, bytes, list[str]]] = [
    ("empty", b"", ["empty", "not a jsswhatif document"]),
    ("blank", b"  \n\n", ["empty"]),
    ("not JSON", b'{"format": "jsswhatif",\n "version": 2,\n oops}', ["not valid JSON", "line 3"]),
    ("CSV", b"id,client,start\nc1,Acme,2026-01-01\n", ["not valid JSON", "line 1, column 1"]),
    ("binary garbage", bytes(range(256)) * 4, ["not UTF-8", "offset 128"]),
    ("binary that decodes", b"\x00\x01\x02PK\x03\x04", ["not valid JSON"]),
    ("array", b"[1, 2]", ["not a jsswhatif document", "JSON array"]),
    ("missing format", b'{"version": 1}', ["not a jsswhatif document", 'no "format" key']),
    ("wrong format", b'{"format": "excel", "version": 1}', ['"format" is "excel"']),
    ("missing version", b'{"format": "jsswhatif"}', ['no "version" key']),
    ("text version", b'{"format": "jsswhatif", "version": "1"}', ['invalid format version "1"']),
    ("bool version", b'{"format": "jsswhatif", "version": true}', ["invalid format version true"]),
    (
        "newer version",
        _file(3).encode(),
        ["was saved by a newer jsswhatif (format version 3; this version reads up to 2)"],
    ),
    (
        "end before start",
        _file(1, contracts=[{**_GOOD_CONTRACT, "end": "2026-02-01"}]).encode(),
        ["contract 'c1'", "end '2026-02-01' must be on or after start 2026-03-01"],
    ),
    (
        "bad earnings",
        _file(1, contracts=[{**_GOOD_CONTRACT, "earnings": "-5"}]).encode(),
        ["contract 'c1'", "earnings '-5'", "must be >= 0"],
    ),
    (
        "contract without id",
        _file(1, contracts=[{"client": "Acme", "start": "2026-03-01"}]).encode(),
        ["contract number 1", "id", "is required"],
    ),
    (
        "unknown contract field",
        _file(1, contracts=[{**_GOOD_CONTRACT, "colour": "red"}]).encode(),
        ["contract 'c1'", "colour", "is not a contract field"],
    ),
    (
        "duplicate contract id",
        _file(1, contracts=[_GOOD_CONTRACT, _GOOD_CONTRACT]).encode(),
        ["contract 'c1'", "is not unique"],
    ),
    (
        "bad added contract",
        _file(1, scenarios=[{"name": "S", "added": [{**_GOOD_CONTRACT, "private": 11}]}]).encode(),
        ["scenario 'S'", "contract 'c1'", "private '11'", "within 0 and 10"],
    ),
    (
        "added id repeats the baseline",
        _file(
            1, contracts=[_GOOD_CONTRACT], scenarios=[{"name": "S", "added": [_GOOD_CONTRACT]}]
        ).encode(),
        ["scenario 'S'", "contract 'c1'", "is not unique"],
    ),
    (
        "override breaks a contract",
        _file(
            1,
            contracts=[_GOOD_CONTRACT],
            scenarios=[{"name": "Ends early", "overrides": {"c1": {"end": "2020-01-01"}}}],
        ).encode(),
        ["scenario 'Ends early'", "contract 'c1'", "end '2020-01-01' must be on or after start"],
    ),
    ("unknown rule set name", _file(1, rules_name="upwork-2099").encode(), ["unknown rule set"]),
    (
        "duplicate scenario name",
        _file(1, scenarios=[{"name": "Plan"}, {"name": "Plan"}]).encode(),
        ["scenario name 'Plan' is used twice"],
    ),
    (
        "blank scenario name",
        _file(1, scenarios=[{"name": ""}]).encode(),
        ["scenario", "field 'name'", "at least 1 character"],
    ),
    (
        "missing active scenario",
        _file(1, active_scenario="Gone").encode(),
        ["active scenario 'Gone' does not exist"],
    ),
    (
        "invalid rule set field",
        _file(1, rule_sets=[{"name": "fair", "min_clients": -1}]).encode(),
        ["rule set 'fair'", "field 'min_clients'", "greater than or equal to 0", "got -1"],
    ),
    (
        "inconsistent rule set",
        _file(1, rule_sets=[{"name": "fair", "windows": [6, 6]}]).encode(),
        ["rule set 'fair'", "windows must not repeat"],
    ),
    (
        "rule set named like a preset",
        _file(1, rule_sets=[{"name": "upwork-2015"}]).encode(),
        ["preset's name"],
    ),
    (
        "duplicate rule set name",
        _file(1, rule_sets=[{"name": "fair"}, {"name": "fair"}]).encode(),
        ["custom rule set name 'fair' is used twice"],
    ),
    (
        "bad observation",
        _file(1, observations=[{"date": "2026-01-01", "value": 120}]).encode(),
        ["observation number 1", "field 'value'", "less than or equal to 100", "got 120"],
    ),
    ("bad as_of", _file(1, as_of="soon").encode(), ["field 'as_of'", "date", 'got "soon"']),
    ("unknown top-level field", _file(1, colour="red").encode(), ["unknown field 'colour'"]),
    (
        "zero payment",
        _file(2, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID_ZERO]}]).encode(),
        ["contract 'c1'", "payments", "non-zero"],
    ),
    (
        "payment before start",
        _file(2, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID_EARLY]}]).encode(),
        ["contract 'c1'", "payments '2026-02-01' must be on or after start 2026-03-01"],
    ),
    (
        "payments summing below 0",
        _file(2, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID, _REFUND]}]).encode(),
        ["contract 'c1'", "payments", "must not sum below 0"],
    ),
    (
        "earnings that differ from the payments",
        _file(2, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID], "earnings": "6"}]).encode(),
        ["contract 'c1'", "earnings '6' does not match the payments, which give '5'"],
    ),
    (
        "last paid that differs from the payments",
        _file(
            2, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID], "last_paid": "2026-03-06"}]
        ).encode(),
        ["contract 'c1'", "last_paid '2026-03-06' does not match", "'2026-03-05'"],
    ),
    (
        "payments in a version 1 file",
        _file(1, contracts=[{**_GOOD_CONTRACT, "payments": [_PAID], "earnings": "6"}]).encode(),
        ["contract 'c1'", "earnings '6' does not match the payments"],
    ),
    (
        "payments not a list",
        _file(2, contracts=[{**_GOOD_CONTRACT, "payments": 5}]).encode(),
        ["contract 'c1': payments '5'", "valid tuple"],
    ),
    ("contracts not a list", _file(1, contracts={}).encode(), ["field 'contracts'"]),
    ("huge integer", b'{"format": "jsswhatif", "version": 1' + b"0" * 5000 + b"}", ["JSON"]),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, ["nested too deeply"]),
]


@pytest.mark.parametrize(
    ("content", "words"), [(c, w) for _, c, w in BAD_FILES], ids=[n for n, _, _ in BAD_FILES]
)
def test_a_bad_file_is_one_document_error_naming_the_problem(
    tmp_path: Path, content: bytes, words: list[str]
) -> None:
    path = tmp_path / "bad.jsswhatif"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for word in words:
        assert word in message
    assert caught.value.path == path


def test_a_missing_file_names_the_os_problem(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.jsswhatif"
    with pytest.raises(DocumentError, match="cannot be read: No such file or directory"):
        load_document(path)


def test_a_directory_is_not_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "folder.jsswhatif"
    folder.mkdir()
    with pytest.raises(DocumentError, match=f"^{folder}: is not a regular file$"):
        load_document(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """Reading a FIFO would block until something writes to it: it is refused unopened."""
    pipe = tmp_path / "pipe.jsswhatif"
    os.mkfifo(pipe)
    with pytest.raises(DocumentError, match=f"^{pipe}: is not a regular file$"):
        load_document(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_unread() -> None:
    """/dev/zero never ends: read whole, it filled the memory (MemoryError)."""
    with pytest.raises(DocumentError, match=r"^/dev/zero: is not a regular file$"):
        load_document(Path("/dev/zero"))


def test_a_file_larger_than_the_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.jsswhatif"
    path.write_text(document_to_json(Document()) + " " * 1000, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"^.*big.jsswhatif: is larger than 1,000 bytes"):
        load_document(path)


def test_a_file_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.jsswhatif"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path}/two\\nlines.jsswhatif: ")
    assert caught.value.path == path


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
_FIELDS = list(json.loads(document_to_json(expected_v2_document())))


@given(
    fixture=st.just(json.loads(document_to_json(expected_v2_document()))),
    path=st.lists(
        st.sampled_from(
            [*_FIELDS, 0, 1, 3, "id", "start", "overrides", "name", "payments", "date", "amount"]
        )
    ),
    value=_json,
)
def test_any_damage_gives_a_document_or_a_document_error(
    fixture: dict[str, Any], path: list[Any], value: Any
) -> None:
    """Replace something deep in a good file with any JSON: never another exception."""
    container: Any = fixture
    for key in path[:-1]:
        if not _has(container, key) or not isinstance(container[key], list | dict):
            break
        container = container[key]
    if path and (
        (isinstance(container, dict) and isinstance(path[-1], str)) or _has(container, path[-1])
    ):
        container[path[-1]] = value
    try:
        document_from_json(json.dumps(fixture))
    except DocumentError as exc:
        message = str(exc)
    else:
        return
    assert "\n" not in message


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return isinstance(key, str) and key in container
    return isinstance(container, list) and isinstance(key, int) and key < len(container)


# Atomic save ----------------------------------------------------------------------------------

KILLS = 100

#: Loads the two documents once, then on "save TARGET" forks a saver that saves them in turn to
#: TARGET forever, and answers its pid; on "reap PID" answers the saver's wait status. Forking
#: from this helper (single-threaded, modules already imported) makes each saver start at once.
_SAVERS = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path
    from jsswhatif.io.store import document_from_json, save_document

    documents = [document_from_json(Path(name).read_text("utf-8")) for name in sys.argv[1:]]
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "save":
            pid = os.fork()
            if pid == 0:
                try:
                    turn = 0
                    while True:
                        save_document(Path(argument), documents[turn % 2])
                        turn += 1
                finally:
                    os._exit(1)
            print(pid, flush=True)
        elif command == "reap":
            print(os.waitpid(int(argument), 0)[1], flush=True)
    """
)


def _large_document(title: str) -> Document:
    """About 2.5 MB of JSON: 500 contracts and a long description, so writing takes a while."""
    start = dt.date(2019, 1, 1)
    contracts = tuple(
        make_contract(
            id=f"c{n}",
            client=f"Client {n % 97}",
            title=f"Job number {n} for {title}",
            start=start + dt.timedelta(days=n % 2000),
            end=start + dt.timedelta(days=n % 2000 + 30),
            earnings=f"{n}.25",
            public="4.5",
            private=n % 11,
        )
        for n in range(500)
    )
    return Document(contracts=contracts, title=title, description=f"{title} ünïcode.\n" * 100_000)


def _wait_for_temporary_file(folder: Path, timeout: float = 30.0) -> None:
    """Return as soon as a save's temporary file exists in ``folder`` (a write in progress)."""
    deadline = time.monotonic() + timeout
    while not any(path.name.endswith(".tmp") for path in folder.iterdir()):
        assert time.monotonic() < deadline, "the saver never started writing"


def _ask(helper: subprocess.Popen[str], line: str) -> str:
    assert helper.stdin is not None
    assert helper.stdout is not None
    helper.stdin.write(line + "\n")
    helper.stdin.flush()
    return helper.stdout.readline().strip()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_save_killed_at_random_moments_leaves_the_old_or_the_new_document(
    tmp_path: Path,
) -> None:
    """A process saving two large documents in turn is SIGKILLed 100 times (issue 13, item 9).

    After each kill the target must load as one complete document: the one that was there
    before the saver started, or one of the two it was saving. Each saver gets a fresh folder,
    so temporary files left by a kill can be counted: they show kills that landed mid-write.
    Such a temporary has the target's permissions, never owner-only beside a shared file; the
    next save of the file removes it (it was never cleaned), and leaves only the file.
    Even-numbered kills come at a random moment (a write is a few ms of a ~100 ms save cycle,
    so these mostly land between writes); odd-numbered kills are aimed at a write, sent as soon
    as the saver's temporary file appears, so the count of mid-write kills is not left to luck.
    """
    old = Document(title="old")
    new = {title: _large_document(title) for title in ("new A", "new B")}
    sources = []
    for title, document in new.items():
        source = tmp_path / f"{title}.json"
        source.write_text(document_to_json(document), encoding="utf-8")
        sources.append(str(source))
    command = [sys.executable, "-c", _SAVERS, *sources]
    helper = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    rng = random.Random(4)
    outcomes: list[str] = []
    interrupted = 0
    try:
        assert helper.stdout is not None
        assert helper.stdout.readline() == "ready\n"
        for number in range(KILLS):
            target = tmp_path / f"run{number}" / "doc.jsswhatif"
            target.parent.mkdir()
            save_document(target, old)
            pid = int(_ask(helper, f"save {target}"))
            if number % 2:
                _wait_for_temporary_file(target.parent)
            else:
                time.sleep(rng.uniform(0.0, 0.15))  # a few save cycles
            os.kill(pid, signal.SIGKILL)
            status = int(_ask(helper, f"reap {pid}"))
            assert os.WIFSIGNALED(status)
            assert os.WTERMSIG(status) == signal.SIGKILL
            loaded = load_document(target)
            assert loaded in (old, *new.values())
            outcomes.append(loaded.title)
            left = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
            interrupted += len(left)
            mode = target.stat().st_mode & 0o777
            assert [p.stat().st_mode & 0o777 for p in left] == [mode] * len(left)
            save_document(target, old)  # the next save
            assert [p.name for p in target.parent.iterdir()] == ["doc.jsswhatif"]
            assert load_document(target) == old
    finally:
        helper.kill()
        helper.communicate()
    print(f"{KILLS} kills: {interrupted} mid-write; files held {sorted(set(outcomes))}")
    assert len(outcomes) == KILLS
    # A kill leaves at most one temporary file. The 50 aimed kills land inside a write of
    # several ms unless the write ends in the microseconds between seeing the file and the
    # kill: most must have left their temporary file, and the target still loaded whole.
    assert KILLS // 4 <= interrupted <= KILLS
    assert "old" in outcomes  # an aimed kill during the first write leaves the old document
    assert {"new A", "new B"} & set(outcomes)  # the savers did get to replace the file
