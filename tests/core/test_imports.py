"""Merging imported contracts into a document, rule by rule, with values worked out by hand.

Payments are written as the contracts CSV writes them (``2026-01-05=100;2026-02-05=200``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from jsswhatif.core import edits
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import Document
from jsswhatif.core.fields import parse_payments
from jsswhatif.core.imports import MergeReport, merge_imported


def contract(cid: str, client: str, payments: str = "", **fields: Any) -> Contract:
    """A contract whose start defaults to its first payment."""
    paid = parse_payments(payments) if payments else ()
    start = fields.pop("start", min((p.date for p in paid), default=dt.date(2026, 1, 5)))
    data = [{"date": p.date, "amount": p.amount} for p in paid]
    return make_contract(id=cid, client=client, start=start, payments=data, **fields)


def pays(c: Contract) -> str:
    return ";".join(f"{p.date}={p.amount}" for p in c.payments)


def by_id(doc: Document) -> dict[str, Contract]:
    return {c.id: c for c in doc.contracts}


JAN_FEB = "2026-01-05=100;2026-02-05=200"
JAN_MAR = "2026-01-05=100;2026-02-05=200;2026-03-05=300"


@pytest.fixture
def reviewed() -> Document:
    """One imported contract the user completed: ended, with feedback, renamed."""
    mine = contract(
        "u1",
        "Acme",
        JAN_FEB,
        kind="hourly",
        title="Backend work",
        end="2026-02-28",
        public="5",
        private=10,
        feedback_date="2026-03-02",
    )
    return Document(contracts=(mine,))


def test_reimport_updates_payments_and_keeps_end_and_feedback(reviewed: Document) -> None:
    again = contract("u1", "ACME ", JAN_MAR)
    doc, report = merge_imported(reviewed, [again])
    assert report == MergeReport(updated=("u1",), fates={"u1": ("u1",)})
    (u1,) = doc.contracts
    assert pays(u1) == JAN_MAR
    assert u1.earnings == Decimal(600)
    assert u1.last_paid == dt.date(2026, 3, 5)
    assert (u1.end, u1.public, u1.private) == (dt.date(2026, 2, 28), Decimal(5), 10)
    assert u1.feedback_date == dt.date(2026, 3, 2)
    assert (u1.title, u1.client) == ("Backend work", "Acme")


def test_the_same_file_again_changes_nothing(reviewed: Document) -> None:
    doc, report = merge_imported(reviewed, [contract("u1", "Acme", JAN_FEB)])
    assert doc is reviewed
    assert report.skipped == ("u1",)
    assert not report.changed
    assert report.words() == "added 0, updated 0, skipped 1 (already up to date)"


def test_next_months_file_alone_adds_its_month_and_keeps_the_earlier_ones(
    reviewed: Document,
) -> None:
    """Matched by id (same client and kind) though its dates lie after the contract's end."""
    doc, report = merge_imported(reviewed, [contract("u1", "Acme", "2026-03-05=300")])
    assert report.updated == ("u1",)
    assert pays(doc.contracts[0]) == JAN_MAR


def test_an_id_of_another_client_is_no_match(reviewed: Document) -> None:
    """Ids of another file's numbering: u1 is Beta there; it is added as the next free u."""
    doc, report = merge_imported(reviewed, [contract("u1", "Beta", "2026-01-05=100")])
    assert report.added == ("u2",)
    assert report.fates == {"u1": ("u2",)}
    assert [c.id for c in doc.contracts] == ["u1", "u2"]
    assert pays(doc.contracts[0]) == JAN_FEB


def test_an_id_of_another_kind_is_no_match(reviewed: Document) -> None:
    _doc, report = merge_imported(reviewed, [contract("u1", "Acme", "2026-04-01=50", kind="fixed")])
    assert report.added == ("u2",)


def test_overlapping_dates_match_without_the_id() -> None:
    """A contract typed by hand (no payments, earnings given) gets the payments of the file."""
    typed = contract("c1", "Acme", start="2026-01-01", earnings="250", title="Typed")
    doc, report = merge_imported(Document(contracts=(typed,)), [contract("u7", "acme", JAN_FEB)])
    assert report.updated == ("c1",)
    assert report.fates == {"u7": ("c1",)}
    (c1,) = doc.contracts
    assert (c1.title, c1.earnings, pays(c1)) == ("Typed", Decimal(300), JAN_FEB)


def test_the_start_moves_earlier_only_for_a_payment_before_it() -> None:
    typed = contract("c1", "Acme", start="2026-02-01", end="2026-03-01")
    doc, report = merge_imported(Document(contracts=(typed,)), [contract("u1", "Acme", JAN_FEB)])
    assert report.updated == ("c1",)
    assert doc.contracts[0].start == dt.date(2026, 1, 5)
    assert doc.contracts[0].end == dt.date(2026, 3, 1)


def test_an_ended_contract_does_not_take_payments_after_it() -> None:
    """Ended on 2026-02-28 (last paid 02-05): March's payments start a new contract."""
    ended = contract("c1", "Acme", JAN_FEB, end="2026-02-28")
    new = contract("u1", "Acme", "2026-03-10=80;2026-04-10=80")
    _doc, report = merge_imported(Document(contracts=(ended,)), [new], match_ids=False)
    assert report.added == ("u1",)
    assert report.updated == report.skipped == ()


def test_an_open_contract_takes_later_payments() -> None:
    open_one = contract("c1", "Acme", JAN_FEB)
    doc, report = merge_imported(Document(contracts=(open_one,)), [contract("u1", "Acme", JAN_MAR)])
    assert report.updated == ("c1",)
    assert pays(doc.contracts[0]) == JAN_MAR


def test_ids_made_up_by_a_reader_do_not_match() -> None:
    """A file without an id column numbers its rows c1, c2: c1 of the file is not c1 here."""
    here = contract("c1", "Acme", start="2025-01-01", end="2025-02-01")
    there = contract("c1", "Acme", start="2026-05-01")
    _, report = merge_imported(Document(contracts=(here,)), [there], match_ids=False)
    assert report.added == ("c2",)
    _, report = merge_imported(Document(contracts=(here,)), [there])
    assert report.skipped == ("c1",)  # by id: a previous import of the same row


def test_payments_the_file_no_longer_holds_within_its_days_go() -> None:
    """The import is the truth for the days it covers: January to March here."""
    old = contract("u1", "Acme", "2026-01-05=100;2026-02-05=999;2026-03-05=300;2026-06-01=40")
    new = contract("u1", "Acme", "2026-01-05=100;2026-02-05=200;2026-03-05=300")
    doc, _ = merge_imported(Document(contracts=(old,)), [new])
    assert pays(doc.contracts[0]) == "2026-01-05=100;2026-02-05=200;2026-03-05=300;2026-06-01=40"


def test_a_contract_the_user_split_gets_its_own_payments_back() -> None:
    """The user split Acme's hourly contract at March; the whole history comes in as one."""
    first = contract("u1", "Acme", JAN_FEB, end="2026-02-28", public="5")
    second = contract("u2", "Acme", "2026-03-05=300")
    document = Document(contracts=(first, second))
    whole = contract("u1", "Acme", JAN_MAR + ";2026-04-05=400")
    doc, report = merge_imported(document, [whole])
    assert report.fates == {"u1": ("u1", "u2")}
    assert report.updated == ("u2",)
    assert report.skipped == ("u1",)
    u1, u2 = doc.contracts
    assert pays(u1) == JAN_FEB
    assert pays(u2) == "2026-03-05=300;2026-04-05=400"
    assert u1.public == Decimal(5)


def test_a_new_payment_between_split_contracts_goes_to_the_one_started_before_it() -> None:
    first = contract("u1", "Acme", "2026-01-05=100")
    second = contract("u2", "Acme", "2026-03-05=300")
    whole = contract("u1", "Acme", "2025-12-20=10;2026-01-05=100;2026-02-01=50;2026-03-05=300")
    doc, report = merge_imported(Document(contracts=(first, second)), [whole])
    u1, u2 = doc.contracts
    assert pays(u1) == "2025-12-20=10;2026-01-05=100;2026-02-01=50"
    assert u1.start == dt.date(2025, 12, 20)
    assert pays(u2) == "2026-03-05=300"
    assert report.updated == ("u1",)


def test_added_ids_avoid_scenario_contracts_and_overrides() -> None:
    base = Document(contracts=(contract("u1", "Acme", JAN_FEB),))
    base = base.with_new_scenario("What if")
    base = base.with_override("What if", "u1", excluded=True)
    doc, _ = edits.add_hypothetical(
        base,
        "What if",
        edits.Hypothetical(1, Decimal(5), edits.REVIEW_CHOICES[0], dt.date(2026, 5, 1)),
    )
    scenario = doc.scenario("What if").model_copy(update={"overrides": {"u2": {"title": "x"}}})
    doc = doc.model_copy(update={"scenarios": (scenario,)})
    imported = [contract("h1", "Beta", "2026-01-05=1"), contract("u2", "Gamma", "2026-01-05=1")]
    doc, report = merge_imported(doc, imported)
    assert report.added == ("h2", "u3")
    edits.check_scenarios(doc)


def test_contracts_without_payments_that_match_are_skipped_and_others_added() -> None:
    """A contracts CSV imported twice adds nothing the second time."""
    rows = [
        contract("c1", "Acme", start="2026-01-05", end="2026-02-01", public="5"),
        contract("c2", "Beta", start="2026-03-01", earnings="90"),
    ]
    doc, report = merge_imported(Document(), rows, match_ids=False)
    assert report.added == ("c1", "c2")
    again, report = merge_imported(doc, rows, match_ids=False)
    assert again is doc
    assert report.skipped == ("c1", "c2")


def test_merge_adds_new_contracts_with_every_field_they_hold() -> None:
    row = contract("c9", "Acme", start="2026-01-05", end="2026-02-01", public="4.5", private=8)
    doc, _ = merge_imported(Document(), [row])
    assert doc.contracts == (row,)


def test_replace_makes_the_imported_contracts_the_baseline(reviewed: Document) -> None:
    reviewed = reviewed.with_new_scenario("S").with_contract(contract("u2", "X"), "S")
    imported = [contract("u1", "Beta", "2026-01-05=1"), contract("u2", "Gamma", "2026-01-05=1")]
    doc, report = merge_imported(reviewed, imported, replace=True)
    assert [(c.id, c.client) for c in doc.contracts] == [("u1", "Beta"), ("u3", "Gamma")]
    assert report.removed == ("u1",)
    assert report.added == ("u1", "u3")
    assert report.changed
    assert report.words() == "replaced the 1 contract of the baseline with 2"
    edits.check_scenarios(doc)


def test_replace_leaves_overrides_for_the_scenario_check() -> None:
    """An override that no longer fits the new contract of its id is the check's to report."""
    base = Document(contracts=(contract("c1", "Acme", start="2026-01-05"),))
    base = base.with_new_scenario("S").with_override("S", "c1", end="2026-01-10")
    doc, _ = merge_imported(base, [contract("c1", "Beta", start="2026-03-01")], replace=True)
    with pytest.raises(ContractError, match="end"):
        edits.check_scenarios(doc)


def test_refunds_above_the_payments_are_an_error() -> None:
    """A refund outside the file's days stays; the file lowers the payment it refunds."""
    old = contract("u1", "Acme", "2026-01-05=100;2026-09-01=-60")
    with pytest.raises(ContractError, match="below 0"):
        merge_imported(Document(contracts=(old,)), [contract("u1", "Acme", "2026-01-05=50")])


def test_imported_ids_must_be_unique() -> None:
    with pytest.raises(ValueError, match="share the id 'u1'"):
        merge_imported(Document(), [contract("u1", "A"), contract("u1", "B")])
