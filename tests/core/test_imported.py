"""The default grouping of payments into contracts, and the preview's split and merge."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core import imported
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.imported import (
    GroupingError,
    PaymentRow,
    RowKind,
    group_payments,
    merge_contracts,
    split_contract,
)

D = dt.date.fromisoformat


def rows(text: str) -> list[PaymentRow]:
    """Rows written one a line: ``CLIENT | KIND | DAY | AMOUNT [| DESCRIPTION]``."""
    found = []
    for number, line in enumerate(text.strip().splitlines(), start=1):
        cells = [cell.strip() for cell in line.split("|")]
        client, kind, day, amount = cells[:4]
        description = cells[4] if len(cells) > 4 else ""
        assert kind in ("hourly", "fixed", "bonus", "refund")
        found.append(
            PaymentRow(client, kind, D(day), Decimal(amount), description, "t.csv", number)  # type: ignore[arg-type]
        )
    return found


def shape(contracts: tuple[Contract, ...]) -> list[tuple[str, str, str, str, str, list[str]]]:
    """(id, client, kind, title, start, payments as DAY=AMOUNT) of each contract."""
    return [
        (c.id, c.client, c.kind, c.title, c.start.isoformat(),
         [f"{p.date.isoformat()}={p.amount}" for p in c.payments])
        for c in contracts
    ]  # fmt: skip


def test_each_client_gets_an_hourly_and_a_fixed_contract_in_order_of_first_payment() -> None:
    contracts = group_payments(
        rows("""
            Beta   | hourly | 2026-02-02 | 400
            Acme   | fixed  | 2026-01-20 | 500 | Milestone 1: Landing page
            Acme   | hourly | 2026-01-12 | 300
            Beta   | hourly | 2026-02-09 | 350
            Acme   | fixed  | 2026-03-02 | 700 | Milestone 2: Checkout
        """)
    )
    assert shape(contracts) == [
        ("u1", "Acme", "hourly", "Hourly work for Acme", "2026-01-12", ["2026-01-12=300"]),
        ("u2", "Acme", "fixed", "Landing page", "2026-01-20",
         ["2026-01-20=500", "2026-03-02=700"]),
        ("u3", "Beta", "hourly", "Hourly work for Beta", "2026-02-02",
         ["2026-02-02=400", "2026-02-09=350"]),
    ]  # fmt: skip
    assert [c.end for c in contracts] == [None] * 3
    assert [(c.public, c.private) for c in contracts] == [(None, None)] * 3
    assert [(str(c.earnings), str(c.last_paid)) for c in contracts] == [
        ("300", "2026-01-12"), ("1200", "2026-03-02"), ("750", "2026-02-09"),
    ]  # fmt: skip


def test_ids_on_the_same_first_day_follow_the_case_folded_client_then_hourly() -> None:
    contracts = group_payments(
        rows("""
            beta  | fixed  | 2026-01-05 | 100
            Beta  | hourly | 2026-01-05 | 100
            ALPHA | fixed  | 2026-01-05 | 100
            Gamma | hourly | 2026-01-04 | 100
        """)
    )
    assert [(c.id, c.client, c.kind) for c in contracts] == [
        ("u1", "Gamma", "hourly"),
        ("u2", "ALPHA", "fixed"),
        ("u3", "beta", "hourly"),  # spelled as in the client's first row
        ("u4", "beta", "fixed"),
    ]


def test_a_client_compares_trimmed_and_case_folded() -> None:
    contracts = group_payments(
        rows("""
            Straße GmbH | hourly | 2026-01-05 | 100
            STRASSE GMBH | hourly | 2026-01-12 | 100
        """)
    )
    assert [(c.client, len(c.payments)) for c in contracts] == [("Straße GmbH", 2)]


@pytest.mark.parametrize(
    ("description", "title"),
    [
        ("Milestone 2: landing page", "landing page"),
        ("milestone 10 :  Final delivery ", "Final delivery"),
        ("Milestone: Logo", "Logo"),
        ("Logo refresh", "Logo refresh"),
        ("Milestone 3:", "Fixed-price work for Acme"),
        ("", "Fixed-price work for Acme"),
    ],
)
def test_a_fixed_title_is_the_first_milestone_title_without_its_prefix(
    description: str, title: str
) -> None:
    (contract,) = group_payments(
        [PaymentRow("Acme", "fixed", D("2026-01-05"), Decimal(1), description)]
    )
    assert contract.title == title


def test_the_fixed_title_comes_from_the_earliest_payment_with_a_title() -> None:
    contracts = group_payments(
        rows("""
            Acme | fixed | 2026-03-01 | 100 | Milestone 2: Second
            Acme | fixed | 2026-01-05 | 100 |
            Acme | fixed | 2026-02-01 | 100 | Milestone 1: First
        """)
    )
    assert contracts[0].title == "First"


# Bonuses and refunds -----------------------------------------------------------------------------


def test_a_bonus_joins_the_contract_paid_last_on_or_before_its_day() -> None:
    contracts = group_payments(
        rows("""
            Acme | bonus  | 2026-02-10 | 50
            Acme | hourly | 2026-01-05 | 100
            Acme | fixed  | 2026-02-01 | 300
            Acme | hourly | 2026-03-02 | 100
            Acme | bonus  | 2026-01-20 | 20
        """)
    )
    assert shape(contracts) == [
        ("u1", "Acme", "hourly", "Hourly work for Acme", "2026-01-05",
         ["2026-01-05=100", "2026-01-20=20", "2026-03-02=100"]),
        ("u2", "Acme", "fixed", "Fixed-price work for Acme", "2026-02-01",
         ["2026-02-01=300", "2026-02-10=50"]),
    ]  # fmt: skip


def test_on_a_tie_of_the_day_the_bonus_joins_the_hourly_contract() -> None:
    contracts = group_payments(
        rows("""
            Acme | fixed  | 2026-02-01 | 300
            Acme | bonus  | 2026-02-01 | 50
            Acme | hourly | 2026-02-01 | 100
        """)
    )
    assert [(c.kind, str(c.earnings)) for c in contracts] == [("hourly", "150"), ("fixed", "300")]


def test_a_bonus_before_every_payment_joins_the_contract_paid_first() -> None:
    contracts = group_payments(
        rows("""
            Acme | hourly | 2026-03-02 | 100
            Acme | fixed  | 2026-02-01 | 300
            Acme | bonus  | 2026-01-10 | 50
        """)
    )
    assert shape(contracts)[0] == (
        "u1", "Acme", "fixed", "Fixed-price work for Acme", "2026-01-10",
        ["2026-01-10=50", "2026-02-01=300"],
    )  # fmt: skip  # the start is the bonus's day: the earliest of all its payments


def test_a_bonus_before_payments_of_the_same_first_day_joins_the_hourly_one() -> None:
    contracts = group_payments(
        rows("""
            Acme | fixed  | 2026-02-01 | 300
            Acme | hourly | 2026-02-01 | 100
            Acme | bonus  | 2026-01-10 | 50
        """)
    )
    assert [(c.id, c.kind, str(c.start), str(c.earnings)) for c in contracts] == [
        ("u1", "hourly", "2026-01-10", "150"),
        ("u2", "fixed", "2026-02-01", "300"),
    ]


def test_a_client_with_only_bonuses_and_refunds_gets_one_fixed_contract() -> None:
    contracts = group_payments(
        rows("""
            Acme | bonus  | 2026-02-01 | 300
            Acme | refund | 2026-02-05 | -100
            Acme | bonus  | 2026-01-10 | 50
        """)
    )
    assert shape(contracts) == [
        ("u1", "Acme", "fixed", "Bonus from Acme", "2026-01-10",
         ["2026-01-10=50", "2026-02-01=300", "2026-02-05=-100"]),
    ]  # fmt: skip


def test_a_refund_joins_like_a_bonus() -> None:
    contracts = group_payments(
        rows("""
            Acme | fixed  | 2026-01-05 | 300
            Acme | hourly | 2026-02-02 | 100
            Acme | refund | 2026-01-20 | -100
        """)
    )
    assert [(c.kind, str(c.earnings)) for c in contracts] == [("fixed", "200"), ("hourly", "100")]


def test_refunds_exceeding_the_payments_are_an_error_naming_the_client_and_the_refund() -> None:
    found = rows("""
        Acme Corp | fixed  | 2026-01-05 | 300
        Acme Corp | refund | 2026-01-20 | -200
        Acme Corp | refund | 2026-01-25 | -150
        Acme Corp | refund | 2026-01-22 | -10
        Acme Corp | hourly | 2026-02-02 | 1000
    """)
    with pytest.raises(GroupingError) as info:
        group_payments(found)
    error = info.value
    assert (error.client, error.kind, error.row) == ("Acme Corp", "fixed", found[2])
    assert error.problem == (
        "makes the refunds to client 'Acme Corp' exceed the payments of its fixed contract "
        "(they sum to -60)"
    )
    assert str(error) == f"the payment of -150 on 2026-01-25 {error.problem}"


def test_a_contract_the_rules_refuse_is_a_grouping_error_on_its_latest_payment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(**data: object) -> Contract:
        raise ContractError(str(data["id"]), "earnings", "9", "is too large")

    monkeypatch.setattr(imported, "make_contract", refuse)
    found = rows("""
        Acme | hourly | 2026-01-12 | 100
        Acme | hourly | 2026-01-05 | 100
    """)
    with pytest.raises(GroupingError) as info:
        group_payments(found)
    assert info.value.row == found[0]
    assert info.value.problem == (
        "leaves the hourly contract of client 'Acme' invalid: "
        "contract 'u1': earnings '9' is too large"
    )


# The split gap ---------------------------------------------------------------------------------

PAUSED = """
    Acme | hourly | 2026-01-05 | 100
    Acme | hourly | 2026-01-12 | 100
    Acme | bonus  | 2026-02-20 | 30
    Acme | hourly | 2026-04-13 | 100
    Acme | hourly | 2026-04-20 | 100
    Acme | fixed  | 2026-01-07 | 500
"""


def test_without_a_split_gap_a_pause_stays_one_contract() -> None:
    assert [c.kind for c in group_payments(rows(PAUSED))] == ["hourly", "fixed"]


@pytest.mark.parametrize(("gap", "count"), [(92, 2), (91, 2), (90, 3), (0, 5)])
def test_a_split_gap_starts_a_new_contract_after_a_longer_pause(gap: int, count: int) -> None:
    # 2026-01-12 to 2026-04-13 is 91 days: more than 90; with 0, a contract per day (the bonus
    # joins the one of 2026-01-12)
    contracts = group_payments(rows(PAUSED), split_gap=gap)
    assert len(contracts) == count
    if count == 3:
        assert shape(contracts) == [
            ("u1", "Acme", "hourly", "Hourly work for Acme", "2026-01-05",
             ["2026-01-05=100", "2026-01-12=100", "2026-02-20=30"]),
            ("u2", "Acme", "fixed", "Fixed-price work for Acme", "2026-01-07", ["2026-01-07=500"]),
            ("u3", "Acme", "hourly", "Hourly work for Acme", "2026-04-13",
             ["2026-04-13=100", "2026-04-20=100"]),
        ]  # fmt: skip


def test_a_split_gap_of_0_keeps_payments_of_one_day_together() -> None:
    contracts = group_payments(
        rows("""
            Acme | hourly | 2026-01-05 | 100
            Acme | hourly | 2026-01-05 | 200
            Acme | hourly | 2026-01-06 | 300
        """),
        split_gap=0,
    )
    assert [str(c.earnings) for c in contracts] == ["300", "300"]


def test_a_negative_split_gap_is_refused() -> None:
    with pytest.raises(ValueError, match="split gap -1 is negative"):
        group_payments([], split_gap=-1)


def test_no_rows_no_contracts() -> None:
    assert group_payments([]) == ()


def test_payments_of_the_same_day_keep_the_order_read() -> None:
    (contract,) = group_payments(
        rows("""
            Acme | hourly | 2026-01-12 | 200
            Acme | hourly | 2026-01-05 | 100
            Acme | hourly | 2026-01-12 | -50
        """)
    )
    assert [str(p.amount) for p in contract.payments] == ["100", "200", "-50"]


# Properties --------------------------------------------------------------------------------------

KINDS: list[RowKind] = ["hourly", "fixed", "bonus", "refund"]
payment_rows = st.builds(
    PaymentRow,
    client=st.sampled_from(["Acme", "acme ", "Beta", "Gamma"]),
    kind=st.sampled_from(KINDS),
    date=st.dates(min_value=D("2025-01-01"), max_value=D("2026-12-31")),
    amount=st.decimals(min_value=1, max_value=5000, places=2),
)


def grouped(found: list[PaymentRow], gap: int | None) -> tuple[Contract, ...] | GroupingError:
    try:
        return group_payments(found, gap)
    except GroupingError as error:
        return error


@given(st.lists(payment_rows, max_size=30), st.none() | st.integers(0, 120), st.randoms())
def test_grouping_keeps_every_payment_and_ignores_the_row_order(
    found: list[PaymentRow], gap: int | None, random: st.SearchStrategy[object]
) -> None:
    found = [r if r.kind != "refund" else PaymentRow(r.client, "refund", r.date, -r.amount)
             for r in found]  # fmt: skip
    outcome = grouped(found, gap)
    if isinstance(outcome, GroupingError):
        assert outcome.row in found
        assert outcome.row.amount < 0
        return
    contracts = outcome
    assert [c.id for c in contracts] == [f"u{n}" for n in range(1, len(contracts) + 1)]
    paid = Counter((p.date, p.amount) for c in contracts for p in c.payments)
    assert paid == Counter((r.date, r.amount) for r in found)
    assert all(c.start == c.payments[0].date for c in contracts)
    shuffled = list(found)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    again = group_payments(shuffled, gap)
    key = [(c.client_key, c.kind, c.start, c.earnings) for c in contracts]
    assert [(c.client_key, c.kind, c.start, c.earnings) for c in again] == key


# Split and merge -------------------------------------------------------------------------------


def paid(contract_id: str, client: str, *payments: str, **fields: object) -> Contract:
    """A contract with payments ``DAY=AMOUNT``, starting on the first unless told."""
    pays = [{"date": p.split("=")[0], "amount": p.split("=")[1]} for p in payments]
    start = fields.pop("start", min(p["date"] for p in pays))
    return make_contract(id=contract_id, client=client, start=start, payments=pays, **fields)


def test_a_split_keeps_the_earlier_payments_and_gives_the_later_ones_a_new_contract() -> None:
    contract = paid(
        "u1", "Acme", "2026-01-05=100", "2026-02-01=200", "2026-02-01=-50", "2026-03-02=300",
        start="2026-01-01", kind="fixed", title="Shop", end="2026-03-31", public="5", private=9,
        feedback_date="2026-04-02", disputed=True, client_flagged=True, excluded=True,
    )  # fmt: skip
    first, second = split_contract(contract, D("2026-02-01"), "u7")
    assert (first.id, str(first.start), str(first.earnings), first.end) == (
        "u1", "2026-01-01", "100", None
    )  # fmt: skip
    assert (first.public, first.private, first.feedback_date, first.disputed) == (
        None, None, None, False
    )  # fmt: skip
    assert (first.client_flagged, first.excluded, first.kind, first.title) == (
        True, True, "fixed", "Shop"
    )  # fmt: skip
    assert (second.id, str(second.start), str(second.earnings), str(second.end)) == (
        "u7", "2026-02-01", "450", "2026-03-31"
    )  # fmt: skip
    assert (str(second.public), second.private, second.disputed, second.client_flagged) == (
        "5", 9, True, True
    )  # fmt: skip
    assert merge_contracts(first, second).payments == contract.payments


@pytest.mark.parametrize(("day", "side"), [("2026-01-05", "before"), ("2026-03-03", "on or after")])
def test_a_split_needs_payments_on_both_sides(day: str, side: str) -> None:
    contract = paid("u1", "Acme", "2026-01-05=100", "2026-03-02=300")
    with pytest.raises(ContractError) as info:
        split_contract(contract, D(day), "u2")
    assert (info.value.contract_id, info.value.field, info.value.value) == (
        "u1",
        "payments",
        D(day),
    )
    assert info.value.problem == f"has no payment {side} it: no split"


def test_a_split_leaving_refunds_above_payments_is_refused() -> None:
    contract = paid("u1", "Acme", "2026-01-05=100", "2026-03-02=300", "2026-03-09=-200")
    with pytest.raises(ContractError, match="must not sum below 0"):
        split_contract(contract, D("2026-03-05"), "u2")


def test_a_merge_holds_both_payments_and_keeps_the_first_contracts_fields() -> None:
    a = paid("u1", "Acme", "2026-02-01=200", title="Shop", public="4.5", end="2026-05-01")
    b = paid("u2", " ACME ", "2026-01-05=100", title="Other", end="2026-06-01")
    merged = merge_contracts(a, b)
    assert (merged.id, merged.client, merged.title, str(merged.public)) == (
        "u1", "Acme", "Shop", "4.5"
    )  # fmt: skip
    assert (str(merged.start), str(merged.end), str(merged.earnings)) == (
        "2026-01-05", "2026-06-01", "300"
    )  # fmt: skip
    open_one = paid("u3", "Acme", "2026-03-01=50")
    assert merge_contracts(a, open_one).end is None
    assert merge_contracts(open_one, a).end is None


def test_a_merge_of_two_clients_is_refused() -> None:
    with pytest.raises(ContractError) as info:
        merge_contracts(paid("u1", "Acme", "2026-01-05=1"), paid("u2", "Beta", "2026-01-05=1"))
    assert str(info.value) == "contract 'u2': client 'Beta' is not the client of 'u1': no merge"


def test_a_merge_needs_the_payments_of_a_contract_with_earnings() -> None:
    known = paid("u1", "Acme", "2026-01-05=100")
    unknown = make_contract(id="c1", client="Acme", start="2026-01-05", earnings="500")
    with pytest.raises(ContractError, match=r"contract 'c1': payments .* are not known"):
        merge_contracts(known, unknown)
    nothing = make_contract(id="c2", client="Acme", start="2025-12-01")
    assert merge_contracts(known, nothing).start == D("2025-12-01")
