"""Scenario overrides patched once (core/document.py ``Patches``, issue 14).

Applying a scenario validates each overridden contract; at 10,000 contracts with 3,000
reviewed in a scenario that took 140 ms, and a toggle applied it two or three times. The
patches are remembered by the identity of contract and override: these tests pin that a
remembered patch is exactly the patch made afresh, and that nothing stale comes back.
"""

from __future__ import annotations

import pytest

from jsswhatif.core import document, edits
from jsswhatif.core.contracts import ContractError, make_contract
from jsswhatif.core.document import Document, JsonScalar, Patches, flagged, with_changes


def test_the_same_contract_and_override_give_the_same_patched_contract() -> None:
    patches = Patches()
    base = make_contract(id="c1", client="Acme", start="2026-01-05")
    changes: dict[str, JsonScalar] = {"end": "2026-03-01", "private": 8}
    first = patches.patched(base, changes)
    assert first == with_changes(base, changes)
    assert patches.patched(base, changes) is first
    equal = dict(changes)  # another override with the same values: patched again, equal
    assert patches.patched(base, equal) is not first
    assert patches.patched(base, equal) == first


def test_an_override_changed_in_place_is_patched_again() -> None:
    patches = Patches()
    base = make_contract(id="c1", client="Acme", start="2026-01-05")
    changes: dict[str, JsonScalar] = {"end": "2026-03-01"}
    assert str(patches.patched(base, changes).end) == "2026-03-01"
    changes["end"] = "2026-04-01"
    assert str(patches.patched(base, changes).end) == "2026-04-01"


def test_a_bad_override_is_refused_every_time() -> None:
    patches = Patches()
    base = make_contract(id="c1", client="Acme", start="2026-01-05")
    changes: dict[str, JsonScalar] = {"end": "2025-01-01"}
    for _ in range(2):
        with pytest.raises(ContractError, match="must be on or after start"):
            patches.patched(base, changes)


def test_past_its_size_it_forgets_and_still_patches() -> None:
    patches = Patches(size=2)
    bases = [make_contract(id=f"c{i}", client="Acme", start="2026-01-05") for i in range(5)]
    changes: dict[str, JsonScalar] = {"private": 8}
    made = [patches.patched(b, changes) for b in bases]
    assert [m.private for m in made] == [8] * 5
    assert patches.patched(bases[4], changes) is made[4]  # the latest are kept


def test_a_scenario_applied_again_gives_the_same_contracts() -> None:
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(50)
    )
    doc = Document(contracts=contracts).with_new_scenario("S")
    ids = [c.id for c in contracts]
    doc = edits.review(doc, "S", ids[:20], edits.REVIEW_CHOICES[1])
    doc = edits.toggle_excluded(doc, "S", ids[10:30])
    first, again = doc.contracts_for("S"), doc.contracts_for("S")
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert [c.private for c in first[:21]] == [8] * 20 + [None]
    assert [c.excluded for c in first[9:31]] == [False] + [True] * 20 + [False]
    edited = edits.set_fields(doc, "S", "c3", {"private": 10})
    after = edited.contracts_for("S")
    assert [i for i, (a, b) in enumerate(zip(first, after, strict=True)) if a is not b] == [3]
    assert after[3].private == 10


def test_apply_gives_the_remembered_patches_and_patches_a_changed_override_again() -> None:
    patches = Patches()
    bases = tuple(make_contract(id=f"c{i}", client="Acme", start="2026-01-05") for i in range(3))
    overrides: dict[str, dict[str, JsonScalar]] = {
        "c0": {"end": "2026-03-01"},
        "c2": {"excluded": True},
    }
    first = patches.apply(bases, overrides)
    expected = (with_changes(bases[0], overrides["c0"]), bases[1])
    assert first == (*expected, with_changes(bases[2], overrides["c2"]))
    assert first[1] is bases[1]
    again = patches.apply(bases, overrides)
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert patches.patched(bases[2], overrides["c2"]) is first[2]  # one memory for both
    overrides["c0"]["end"] = "2026-04-01"
    changed = patches.apply(bases, overrides)
    assert str(changed[0].end) == "2026-04-01"
    assert changed[2] is first[2]


def test_flags_set_back_give_the_contract_flagged_first() -> None:
    base = make_contract(id="c1", client="Acme", start="2026-01-05")
    excluded = flagged(base, {"excluded": True})
    assert excluded is not base
    assert excluded.excluded
    assert flagged(excluded, {"excluded": False}) is base  # what was computed for it is found
    both = flagged(excluded, {"disputed": True})
    assert (both.excluded, both.disputed) == (True, True)
    assert flagged(both, {"excluded": False, "disputed": False}) is base
    only_disputed = flagged(both, {"excluded": False})
    assert only_disputed == flagged(base, {"disputed": True})
    assert only_disputed is not base


def test_an_exclude_of_all_rows_undone_by_include_gives_the_first_contracts() -> None:
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(30)
    )
    doc = Document(contracts=contracts)
    ids = [c.id for c in contracts]
    excluded = edits.toggle_excluded(doc, None, ids)
    assert all(c.excluded for c in excluded.contracts)
    included = edits.toggle_excluded(excluded, None, ids)
    assert all(a is b for a, b in zip(included.contracts, contracts, strict=True))


def test_a_scenarios_flags_leave_the_flagged_first_memory_alone() -> None:
    """Flags set back in a scenario drop the override, which gives the baseline contract
    itself: its patches need not be remembered (that took half of patching 10,000)."""
    contracts = tuple(
        make_contract(id=f"c{i}", client=f"Client {i}", start="2026-01-05") for i in range(30)
    )
    doc = Document(contracts=contracts).with_new_scenario("S")
    ids = [c.id for c in contracts]
    document._FLAGGED_FROM.clear()

    excluded = edits.toggle_excluded(doc, "S", ids)
    assert all(c.excluded for c in excluded.contracts_for("S"))
    assert not document._FLAGGED_FROM
    included = edits.toggle_excluded(excluded, "S", ids)
    assert all(a is b for a, b in zip(included.contracts_for("S"), contracts, strict=True))
