"""Document edits without Qt: baseline and scenario edits, rows that come and go, big edits.

The document is the five contracts of interfaces.md (``interfaces_sample``):

    c1 Acme Corp     2026-03-02..2026-07-15  $1,800  5 stars, private 10
    c2 Beta LLC      2025-08-15..(open)      $6,400
    c3 Gamma Studio  2026-06-01..2026-06-28    $450  4.0 stars, private 8
    c4 Delta Co      2025-01-06..2025-06-30  $2,000  5 stars
    c5 Acme Corp     2026-09-01..2026-10-31    $240

Every expected value is written out by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core import edits
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import Document, Observation, Scenario, flagged
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set

GREAT, GOOD, POOR, NO_FEEDBACK = REVIEW_CHOICES
AS_OF = dt.date(2026, 11, 25)
IDS = ["c1", "c2", "c3", "c4", "c5"]


@pytest.fixture
def doc(interfaces_sample: list[Contract]) -> Document:
    """The five contracts, baseline only."""
    return Document(contracts=tuple(interfaces_sample))


@pytest.fixture
def with_s(doc: Document) -> Document:
    """The five contracts and an empty scenario ``S``."""
    return doc.with_new_scenario("S")


def contract(document: Document, contract_id: str, scenario: str | None = None) -> Contract:
    return next(c for c in document.contracts_for(scenario) if c.id == contract_id)


# Field edits: baseline and scenario ----------------------------------------------------------


def test_a_baseline_edit_changes_the_contract(doc: Document) -> None:
    edited = edits.set_fields(doc, None, "c3", {"earnings": Decimal("500.50"), "public": None})
    assert contract(edited, "c3").earnings == Decimal("500.50")
    assert contract(edited, "c3").public is None
    assert contract(edited, "c3").private == 8
    assert contract(edited, "c1") is contract(doc, "c1")  # the others are shared, not copied
    assert edits.set_fields(doc, None, "c3", {}) is doc


def test_a_scenario_edit_is_an_override_and_leaves_the_baseline_alone(with_s: Document) -> None:
    edited = edits.set_fields(with_s, "S", "c2", {"end": dt.date(2026, 12, 31)})
    assert edited.scenario("S").overrides == {"c2": {"end": "2026-12-31"}}
    assert contract(edited, "c2", "S").end == dt.date(2026, 12, 31)
    assert contract(edited, "c2").end is None
    assert edited.contracts == with_s.contracts


def test_overrides_merge_and_drop_the_fields_equal_to_the_baseline(with_s: Document) -> None:
    edited = edits.set_fields(with_s, "S", "c1", {"public": Decimal(2), "private": 3})
    assert edited.scenario("S").overrides == {"c1": {"public": "2", "private": 3}}
    edited = edits.set_fields(edited, "S", "c1", {"public": Decimal("5.0")})  # 5.0 == 5
    assert edited.scenario("S").overrides == {"c1": {"private": 3}}
    edited = edits.set_fields(edited, "S", "c1", {"private": 10})
    assert edited.scenario("S").overrides == {}
    assert edited == with_s


def test_a_bad_edit_is_refused_with_the_rule_it_breaks(doc: Document, with_s: Document) -> None:
    with pytest.raises(ContractError, match="end '2026-01-01' must be on or after start"):
        edits.set_fields(doc, None, "c1", {"end": dt.date(2026, 1, 1)})
    with pytest.raises(ContractError, match="end '2026-01-01' must be on or after start"):
        edits.set_fields(with_s, "S", "c1", {"end": dt.date(2026, 1, 1)})
    with pytest.raises(ContractError, match="id 'c9' is edited in the baseline"):
        edits.set_fields(with_s, "S", "c1", {"id": "c9"})
    with pytest.raises(ContractError, match="payments 'x' cannot be overridden"):
        edits.set_fields(with_s, "S", "c1", {"payments": "x"})
    with pytest.raises(KeyError, match="c9"):
        edits.set_fields(doc, None, "c9", {"title": "x"})
    with pytest.raises(KeyError, match="c9"):
        edits.set_fields(with_s, "S", "c9", {"title": "x"})
    with pytest.raises(TypeError, match="not a contract field value"):
        edits.set_fields(doc, None, "c1", {"title": object()})


def test_a_renamed_contract_takes_its_overrides_along(with_s: Document) -> None:
    document = edits.set_fields(with_s, "S", "c3", {"excluded": True})
    document = document.with_new_scenario("T", copy_of="S")
    renamed = edits.set_fields(document, None, "c3", {"id": "logo"})
    assert [c.id for c in renamed.contracts] == ["c1", "c2", "logo", "c4", "c5"]
    assert renamed.scenario("S").overrides == {"logo": {"excluded": True}}
    assert renamed.scenario("T").overrides == {"logo": {"excluded": True}}


def test_a_new_id_must_be_free_everywhere(with_s: Document) -> None:
    document, (hypothetical,) = edits.duplicate(with_s, "S", ["c1"])
    assert hypothetical == "c6"
    with pytest.raises(ContractError, match="id 'c2' is empty or already taken"):
        edits.set_fields(document, None, "c1", {"id": "c2"})
    with pytest.raises(ContractError, match="id 'c6' is empty or already taken"):
        edits.set_fields(document, None, "c1", {"id": "c6"})  # a hypothetical contract's
    with pytest.raises(ContractError, match="id 'c1' is empty or already taken"):
        edits.set_fields(document, "S", "c6", {"id": "c1"})


def test_a_hypothetical_contract_is_edited_itself(with_s: Document) -> None:
    document, _ = edits.duplicate(with_s, "S", ["c3"])
    edited = edits.set_fields(document, "S", "c6", {"id": "extra", "earnings": Decimal(900)})
    (added,) = edited.scenario("S").added
    assert (added.id, added.client, added.earnings) == ("extra", "Gamma Studio", Decimal(900))
    assert edited.scenario("S").overrides == {}


# Toggles and reviews -------------------------------------------------------------------------


def test_toggle_ended_ends_them_all_on_the_as_of_date_then_reopens(doc: Document) -> None:
    ended = edits.toggle_ended(doc, None, ["c1", "c2"], AS_OF)  # c1 ended, c2 open
    assert contract(ended, "c1").end == AS_OF  # the baseline moves c1's end too
    assert contract(ended, "c2").end == AS_OF
    reopened = edits.toggle_ended(ended, None, ["c1", "c2"], AS_OF)  # all ended now
    assert contract(reopened, "c1").end is None
    assert contract(reopened, "c2").end is None


def test_toggle_ended_in_a_scenario_returns_to_the_baseline_end(with_s: Document) -> None:
    opened = edits.toggle_ended(with_s, "S", ["c1"], AS_OF)
    assert opened.scenario("S").overrides == {"c1": {"end": None}}
    assert edits.toggle_ended(opened, "S", ["c1"], AS_OF) == with_s


def test_toggle_ended_leaves_contracts_not_started_alone(doc: Document) -> None:
    july = dt.date(2026, 7, 1)
    ended = edits.toggle_ended(doc, None, ["c2", "c5"], july)  # c5 starts 2026-09-01
    assert contract(ended, "c2").end == july
    assert contract(ended, "c5") is contract(doc, "c5")
    with pytest.raises(ValueError, match=r"^Contract c5 starts after the as-of date 2026-07-01: "):
        edits.toggle_ended(doc, None, ["c5"], july)
    with pytest.raises(ValueError, match="Contracts c5, c1 start after the as-of date 2026-01-01"):
        edits.toggle_ended(doc, None, ["c5", "c1"], dt.date(2026, 1, 1))


def test_review_gives_feedback_in_the_baseline_and_as_overrides(with_s: Document) -> None:
    reviewed = edits.review(with_s, None, ["c2", "c5"], GOOD)
    assert (contract(reviewed, "c2").public, contract(reviewed, "c2").private) == (Decimal(4), 8)
    assert (contract(reviewed, "c5").public, contract(reviewed, "c5").private) == (Decimal(4), 8)
    in_s = edits.review(with_s, "S", ["c1", "c2", "c4"], GREAT)
    assert in_s.scenario("S").overrides == {  # c1 had 5 stars and 10 already
        "c2": {"public": "5", "private": 10},
        "c4": {"private": 10},
    }
    cleared = edits.review(with_s, "S", ["c1"], NO_FEEDBACK)
    assert cleared.scenario("S").overrides == {"c1": {"public": None, "private": None}}


def test_toggle_excluded_excludes_all_unless_all_are(with_s: Document) -> None:
    some = edits.set_fields(with_s, "S", "c3", {"excluded": True})
    all_of_them = edits.toggle_excluded(some, "S", ["c3", "c4", "unknown"])
    assert all_of_them.scenario("S").overrides == {
        "c3": {"excluded": True},
        "c4": {"excluded": True},
    }
    assert edits.toggle_excluded(all_of_them, "S", ["c3", "c4"]) == with_s


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the document is frozen
@given(
    contract_id=st.sampled_from(IDS),
    as_of=st.dates(dt.date(2024, 6, 1), dt.date(2028, 6, 1)),
    in_scenario=st.booleans(),
)
def test_toggling_one_contract_twice_is_identity(
    doc: Document, contract_id: str, as_of: dt.date, in_scenario: bool
) -> None:
    document = doc.with_new_scenario("S") if in_scenario else doc
    scenario = "S" if in_scenario else None
    excluded = edits.toggle_excluded(document, scenario, [contract_id])
    assert excluded != document
    assert edits.toggle_excluded(excluded, scenario, [contract_id]) == document
    if contract(doc, contract_id).start > as_of:
        with pytest.raises(ValueError, match="after the as-of date"):
            edits.toggle_ended(document, scenario, [contract_id], as_of)
    elif in_scenario:  # the baseline keeps no memory of an end date it drops
        ended = edits.toggle_ended(document, scenario, [contract_id], as_of)
        assert ended != document
        assert edits.toggle_ended(ended, scenario, [contract_id], as_of) == document


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(st.sampled_from(IDS), min_size=1, max_size=8), in_scenario=st.booleans())
def test_toggling_excluded_on_any_selection_twice_is_identity(
    doc: Document, ids: list[str], in_scenario: bool
) -> None:
    document = doc.with_new_scenario("S") if in_scenario else doc
    scenario = "S" if in_scenario else None
    once = edits.toggle_excluded(document, scenario, ids)
    assert all(contract(once, i, scenario).excluded for i in ids)
    assert edits.toggle_excluded(once, scenario, ids) == document


def test_reset_rows_drops_only_their_overrides(with_s: Document) -> None:
    document = edits.review(with_s, "S", ["c2", "c3"], POOR)
    document, _ = edits.duplicate(document, "S", ["c1"])
    reset = edits.reset_rows(document, "S", ["c3", "c6"])
    assert reset.scenario("S").overrides == {"c2": {"public": "2", "private": 3}}
    assert [c.id for c in reset.scenario("S").added] == ["c6"]
    assert edits.reset_rows(reset, "S", ["c4"]) is reset


# Rows that come and go -----------------------------------------------------------------------


def test_delete_in_the_baseline_removes_overrides_in_every_scenario(with_s: Document) -> None:
    document = edits.set_fields(with_s, "S", "c3", {"excluded": True})
    document = edits.set_fields(document, "S", "c1", {"private": 9})
    document = document.with_new_scenario("T", copy_of="S")
    deleted = edits.delete(document, None, ["c3", "c5"])
    assert [c.id for c in deleted.contracts] == ["c1", "c2", "c4"]
    assert deleted.scenario("S").overrides == {"c1": {"private": 9}}
    assert deleted.scenario("T").overrides == {"c1": {"private": 9}}


def test_a_scenario_deletes_only_its_hypothetical_contracts(with_s: Document) -> None:
    document, (copy,) = edits.duplicate(with_s, "S", ["c2"])
    with pytest.raises(ValueError, match="only delete the hypothetical contracts it added"):
        edits.delete(document, "S", ["c2", copy])
    deleted = edits.delete(document, "S", [copy])
    assert deleted.scenario("S").added == ()
    assert deleted == with_s


def test_duplicate_gives_fresh_ids(with_s: Document) -> None:
    document, ids = edits.duplicate(with_s, None, ["c3", "c1", "nope"])
    assert ids == ["c6", "c7"]
    assert [c.id for c in document.contracts] == ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]
    assert contract(document, "c6").client == "Gamma Studio"
    assert contract(document, "c7").earnings == Decimal("1800.00")
    in_s, ids = edits.duplicate(document, "S", ["c2"])
    assert ids == ["c8"]
    assert [c.id for c in in_s.scenario("S").added] == ["c8"]
    assert len(in_s.contracts) == 7
    _, ids = edits.duplicate(in_s, None, ["c1"])  # c8 is taken by the scenario
    assert ids == ["c9"]


def test_add_contract(with_s: Document) -> None:
    document, new_id = edits.add_contract(with_s, None, dt.date(2026, 12, 1))
    assert new_id == "c6"
    assert contract(document, "c6") == make_contract(
        id="c6", client="New client", start="2026-12-01"
    )
    in_s, new_id = edits.add_contract(document, "S", dt.date(2026, 12, 1))
    assert new_id == "c7"
    assert [c.id for c in in_s.scenario("S").added] == ["c7"]


def test_add_hypothetical_contracts_with_new_clients(with_s: Document) -> None:
    spec = Hypothetical(3, Decimal(500), GREAT, dt.date(2026, 12, 20), days=30)
    document, ids = edits.add_hypothetical(with_s, "S", spec)
    assert ids == ["h1", "h2", "h3"]
    added = document.scenario("S").added
    assert [c.client for c in added] == ["New client 1", "New client 2", "New client 3"]
    first = added[0]
    assert (first.start, first.end) == (dt.date(2026, 11, 20), dt.date(2026, 12, 20))
    assert (first.earnings, first.public, first.private) == (Decimal(500), Decimal(5), 10)
    assert (first.kind, first.title) == ("fixed", "Hypothetical job")
    assert document.contracts == with_s.contracts


def test_add_hypothetical_with_one_shared_client_skips_names_in_use(doc: Document) -> None:
    taken = edits.set_fields(doc, None, "c5", {"client": "new CLIENT 1"})
    spec = Hypothetical(2, Decimal(100), NO_FEEDBACK, AS_OF, distinct_clients=False)
    document, ids = edits.add_hypothetical(taken, None, spec)
    assert ids == ["h1", "h2"]
    assert [c.client for c in document.contracts[5:]] == ["New client 2", "New client 2"]
    assert document.contracts[5].start == AS_OF
    with pytest.raises(ValueError, match="add at least one contract"):
        edits.add_hypothetical(doc, None, Hypothetical(0, Decimal(1), GREAT, AS_OF))


def test_new_ids_and_unique_names(with_s: Document) -> None:
    assert edits.new_ids(with_s, "c", 2) == ["c6", "c7"]
    assert edits.new_ids(with_s, "h", 1) == ["h1"]
    assert edits.unique_name(["A"], "B") == "B"
    assert edits.unique_name(["A", "A 2", "A 4"], "A") == "A 3"


def test_baseline_of(with_s: Document) -> None:
    document, _ = edits.duplicate(with_s, "S", ["c1"])
    assert edits.baseline_of(document, "c2") is document.contracts[1]
    assert edits.baseline_of(document, "c6") is None


# Checking scenarios --------------------------------------------------------------------------


def test_check_scenarios_finds_an_override_a_baseline_edit_broke(with_s: Document) -> None:
    document = edits.set_fields(with_s, "S", "c5", {"end": dt.date(2026, 9, 10)})
    edits.check_scenarios(document)
    moved = edits.set_fields(document, None, "c5", {"start": dt.date(2026, 9, 15)})
    with pytest.raises(ContractError, match="end '2026-09-10' must be on or after start"):
        edits.check_scenarios(moved)


def test_check_scenarios_finds_an_id_a_hypothetical_contract_took(with_s: Document) -> None:
    document, _ = edits.add_hypothetical(with_s, "S", Hypothetical(1, Decimal(1), GREAT, AS_OF))
    clash = document.model_copy(update={"contracts": (*document.contracts[:4], make_h1())})
    with pytest.raises(ContractError, match="id 'h1' is not unique"):
        edits.check_scenarios(clash)


def make_h1() -> Contract:
    return make_contract(id="h1", client="Imported", start="2026-01-05")


def test_check_scenarios_refuses_what_applying_them_refuses(with_s: Document) -> None:
    """It checks without building the contracts, and names the first problem ``apply`` would:
    in document order, whichever scenario and whatever the overrides' order."""

    def refusals(doc: Document) -> tuple[str | None, str | None]:
        found: list[str | None] = []
        for check in (
            edits.check_scenarios,
            lambda d: [d.contracts_for(s.name) for s in d.scenarios],
        ):
            try:
                check(doc)
                found.append(None)
            except ContractError as exc:
                found.append(str(exc))
        return found[0], found[1]

    broken = with_s.model_copy(
        update={
            "contracts": tuple(
                c.model_copy(update={"start": dt.date(2026, 10, 1)}) for c in with_s.contracts
            )
        }
    )
    overrides = {"c5": {"end": "2026-09-10"}, "c2": {"end": "2026-09-11"}, "c1": {"excluded": True}}
    cases = [
        with_s,
        with_s.with_new_scenario("T").model_copy(
            update={
                "scenarios": (
                    Scenario(name="S", overrides={"c1": {"excluded": True, "disputed": False}}),
                    Scenario(name="T", overrides=overrides),
                )
            }
        ),
        broken.model_copy(update={"scenarios": (Scenario(name="S", overrides=overrides),)}),
        with_s.model_copy(
            update={"scenarios": (Scenario(name="S", added=(make_h1(), make_h1())),)}
        ),
        with_s.model_copy(
            update={
                "scenarios": (
                    Scenario(name="S", added=(make_h1(),)),
                    Scenario(
                        name="T", added=(make_contract(id="c3", client="X", start="2026-01-05"),)
                    ),
                )
            }
        ),
    ]
    found = [refusals(doc) for doc in cases]
    assert [fast == slow for fast, slow in found] == [True] * len(cases)
    assert [fast is None for fast, _ in found] == [True, True, False, False, False]
    assert "c2" in str(found[2][0])  # before c5 in the baseline, after it in the overrides


# Scenarios, rule sets and observations ------------------------------------------------------


def test_scenario_rules_and_observation_edits(doc: Document) -> None:
    shown = edits.with_new_active_scenario(doc, "S")
    assert (shown.active_scenario, [s.name for s in shown.scenarios]) == ("S", ["S"])
    fair = edits.with_rules_named(doc, "upwork-2020-03")
    assert fair.rules_name == "upwork-2020-03"
    with pytest.raises(ValueError, match="there is no rule set called 'nope'"):
        edits.with_rules_named(doc, "nope")
    mine = custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "mine", min_clients=1)
    saved = edits.with_rule_set_replaced(doc, mine, None)
    assert (saved.rules_name, [r.name for r in saved.rule_sets]) == ("mine", ["mine"])
    renamed = edits.with_rule_set_replaced(saved, mine.model_copy(update={"name": "ours"}), "mine")
    assert (renamed.rules_name, [r.name for r in renamed.rule_sets]) == ("ours", ["ours"])
    day = dt.date(2026, 5, 1)
    seen = edits.with_observation(doc, Observation(date=day, value=91))
    seen = edits.with_observation(seen, Observation(date=dt.date(2026, 4, 1), value=88))
    seen = edits.with_observation(seen, Observation(date=day, value=93))
    assert [(o.date.month, o.value) for o in seen.observations] == [(4, 88), (5, 93)]


# Edits of many rows --------------------------------------------------------------------------

#: The root conftest's ``python_calls`` fixture.
PythonCalls = Callable[[Callable[[], Any]], tuple[Any, int]]

N = 3000


@pytest.fixture(scope="module")
def big() -> Document:
    """3,000 open contracts of 3,000 clients, and an empty scenario ``S``."""
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(N)
    )
    return Document(contracts=contracts).with_new_scenario("S")


def test_a_review_of_3000_rows_in_the_baseline(big: Document, python_calls: PythonCalls) -> None:
    ids = [f"c{i}" for i in range(N)]
    reviewed, calls = python_calls(lambda: edits.review(big, None, ids, GOOD))
    assert all((c.public, c.private) == (Decimal(4), 8) for c in reviewed.contracts)
    assert [c.id for c in reviewed.contracts[:3]] == ["c0", "c1", "c2"]
    # Linear: a few calls a row. Scanning the contracts for each row took 9 million.
    assert calls < 40 * N


def test_a_review_of_3000_rows_in_a_scenario(big: Document, python_calls: PythonCalls) -> None:
    ids = [f"c{i}" for i in range(N)]
    reviewed, calls = python_calls(lambda: edits.review(big, "S", ids, GOOD))
    overrides = reviewed.scenario("S").overrides
    assert len(overrides) == N
    assert overrides["c2999"] == {"public": "4", "private": 8}
    assert reviewed.contracts is big.contracts
    assert calls < 40 * N
    excluded, calls = python_calls(lambda: edits.toggle_excluded(reviewed, "S", ids))
    assert excluded.scenario("S").overrides["c0"] == {"public": "4", "private": 8, "excluded": True}
    assert calls < 40 * N
    ended, calls = python_calls(lambda: edits.toggle_ended(excluded, "S", ids, AS_OF))
    assert ended.scenario("S").overrides["c7"]["end"] == "2026-11-25"
    assert calls < 40 * N
    reset = edits.reset_rows(ended, "S", ids[1:])
    assert list(reset.scenario("S").overrides) == ["c0"]


def test_excluding_3000_rows_copies_the_flag_without_validating_again(
    big: Document, monkeypatch: pytest.MonkeyPatch, python_calls: PythonCalls
) -> None:
    """Exclude on every row, in the baseline and in a scenario, then the scenario applied:
    no contract is validated again (validation was most of the time), each equals the one
    validation would build, and the work stays linear."""
    validated = make_contract(id="c7", client="Client 7", start="2026-01-05", excluded=True)

    def refuse(**fields: object) -> Contract:
        raise AssertionError("validated again")

    for module in ("jsswhatif.core.document", "jsswhatif.core.edits"):
        monkeypatch.setattr(f"{module}.make_contract", refuse)
    ids = [f"c{i}" for i in range(N)]
    excluded, calls = python_calls(lambda: edits.toggle_excluded(big, None, ids))
    assert calls < 20 * N
    assert excluded.contracts[7] == validated
    assert [c.excluded for c in excluded.contracts] == [True] * N
    in_s, calls = python_calls(lambda: edits.toggle_excluded(big, "S", ids))
    assert in_s.scenario("S").overrides["c7"] == {"excluded": True}
    assert calls < 20 * N
    applied, calls = python_calls(lambda: in_s.contracts_for("S"))
    assert applied[7] == validated
    assert calls < 20 * N
    both = edits.set_fields(big, None, "c7", {"excluded": True, "disputed": True})
    assert both.contracts[7] == validated.model_copy(update={"disputed": True})
    monkeypatch.undo()
    with pytest.raises(ContractError, match="excluded"):  # not a bool: validated, refused
        edits.set_fields(big, None, "c7", {"excluded": "perhaps"})


def test_a_flag_copy_is_the_copy_pydantic_makes() -> None:
    """Exclude builds its copies directly (model_copy's general path was most of an Exclude of
    10,000 rows): the same fields, fields set and equality, the original untouched."""
    paid = make_contract(
        id="c1",
        client="Acme",
        start="2026-01-05",
        payments=[{"date": "2026-02-01", "amount": "100"}],
    )
    assert paid.payment_days  # a cached property in the instance's __dict__
    for flags in ({"excluded": True}, {"disputed": True, "client_flagged": False}):
        fast = flagged(paid, flags)
        slow = paid.model_copy(update=flags)
        assert fast == slow
        assert fast.__dict__ == slow.__dict__
        assert fast.model_fields_set == slow.model_fields_set
        assert fast.model_dump() == slow.model_dump()
        assert hash(fast) == hash(slow)
        assert not paid.excluded
        assert not paid.disputed
    fresh = Contract.model_construct(id="c2", client="Beta", start=dt.date(2026, 1, 5))
    assert "excluded" in flagged(fresh, {"excluded": True}).model_fields_set


def test_rows_sharing_one_changes_mapping_are_edited_alike() -> None:
    """set_many converts a mapping once for consecutive rows sharing it, not for the rest."""
    doc = Document(
        contracts=tuple(
            make_contract(id=f"c{i}", client="Acme", start="2026-01-05") for i in range(4)
        )
    )
    shared: dict[str, object] = {"excluded": True}
    rows: list[edits.Row] = [
        ("c0", shared),
        ("c1", shared),
        ("c2", {"end": dt.date(2026, 3, 1)}),
        ("c3", shared),
    ]
    edited = edits.set_many(doc, None, rows)
    assert [c.excluded for c in edited.contracts] == [True, True, False, True]
    assert edited.contracts[2].end == dt.date(2026, 3, 1)
    assert edited.contracts[3].end is None
    with pytest.raises(ContractError):
        edits.set_many(doc, None, [("c0", shared), ("c1", {"end": dt.date(2025, 1, 1)})])


def test_edits_find_rows_by_id_after_renames_and_in_older_documents(with_s: Document) -> None:
    """Edits look rows up by positions remembered per contracts tuple (a one-row edit at
    10,000 contracts indexed them twice): a rename, an older document, a scenario."""
    renamed = edits.set_fields(with_s, None, "c1", {"id": "c9"})
    assert [c.id for c in renamed.contracts] == ["c9", "c2", "c3", "c4", "c5"]
    excluded = edits.toggle_excluded(renamed, None, ["c9", "c1"])  # c1 is no more
    assert [c.excluded for c in excluded.contracts] == [True, False, False, False, False]
    older = edits.toggle_excluded(with_s, None, ["c1"])
    assert older.contracts[0].id == "c1"
    assert older.contracts[0].excluded
    assert edits.toggle_excluded(renamed, None, ["c1"]) == renamed
    again = edits.set_fields(excluded, None, "c2", {"id": "c1"})  # the freed id, taken again
    assert [c.id for c in edits.toggle_excluded(again, None, ["c1"]).contracts[:2]] == ["c9", "c1"]
    assert edits.toggle_excluded(again, None, ["c1"]).contracts[1].excluded
    document, (h1,) = edits.add_hypothetical(with_s, "S", Hypothetical(1, Decimal(1), GREAT, AS_OF))
    both = edits.toggle_excluded(document, "S", [h1, "c2", "nope"])
    shown = {c.id: c.excluded for c in both.contracts_for("S")}
    assert (shown[h1], shown["c2"], shown["c3"]) == (True, True, False)
    assert both.contracts is document.contracts  # the scenario's overrides, not the baseline
