"""Version 2 of the model: real payments, interim feedback and flagged clients, by hand."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pytest

from jsswhatif.core.contracts import ContractError, make_contract
from jsswhatif.core.engine import Evaluation, evaluate
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set
from jsswhatif.core.timeline import compute_timeline

D = dt.date.fromisoformat
R2024 = PRESETS_BY_NAME["upwork-2024-09"]
R2023_DAILY = custom_rule_set(PRESETS_BY_NAME["upwork-2023-12"], "daily 2023", cadence="daily")


def paid(id_: str, start: str, *payments: tuple[str, str], **fields: Any) -> Any:
    """A contract with ``payments`` given as (date, amount) pairs."""
    entries = [{"date": day, "amount": amount} for day, amount in payments]
    return make_contract(id=id_, client=fields.pop("client", id_), start=start,
                         payments=entries, **fields)  # fmt: skip


def verdict(evaluation: Evaluation, index: int = 0) -> Any:
    result = evaluation.results[index]
    if result.outcome is None:
        return result.status
    o = result.outcome
    return (o.value, float(o.weight), o.date.isoformat(), o.reason)


def same_on_the_timeline(contracts: list[Any], rules: Any, day: str) -> None:
    """The fast timeline gives the engine's displayed value on that day (a spot check)."""
    fast = compute_timeline(contracts, rules, D(day), D(day)).displayed[0]
    shown = evaluate(contracts, rules, D(day)).displayed
    assert math.isnan(fast) if shown is None else fast == shown


# -- section 1: payments and what they imply ------------------------------------------------


def test_earnings_and_last_paid_derive_from_the_payments() -> None:
    c = paid("a", "2026-01-01", ("2026-02-05", "1250.50"), ("2026-01-05", "500"),
             ("2026-03-01", "-100"), ("2026-03-01", "40"))  # fmt: skip
    # 500 + 1250.50 - 100 + 40 = 1690.50; on 2026-03-01 the amounts sum to -60: not a
    # payment day, so last_paid is 2026-02-05.
    assert c.earnings == Decimal("1690.50")
    assert c.last_paid == D("2026-02-05")
    assert c.payment_days == (D("2026-01-05"), D("2026-02-05"))
    assert [p.date for p in c.payments] == [D("2026-01-05"), D("2026-02-05")] + [
        D("2026-03-01")
    ] * 2
    assert c.latest_payment_at(D("2026-02-04")) == D("2026-01-05")
    assert c.latest_payment_at(D("2026-01-04")) is None


def test_a_fully_refunded_contract_is_valid_and_earns_nothing() -> None:
    c = paid("a", "2026-01-01", ("2026-01-05", "200"), ("2026-01-20", "-200"))
    assert (c.earnings, c.last_paid, c.payment_days) == (
        Decimal(0),
        D("2026-01-05"),
        (D("2026-01-05"),),
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"earnings": "999"}, "earnings '999' does not match the payments, which give '500'"),
        ({"last_paid": "2026-01-06"}, "last_paid '2026-01-06' does not match the payments"),
        ({"start": "2026-01-10"}, "payments '2026-01-05' must be on or after start 2026-01-10"),
    ],
)
def test_payments_are_checked(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ContractError, match=message):
        paid("a", fields.pop("start", "2026-01-01"), ("2026-01-05", "500"), **fields)


def test_a_zero_payment_and_a_negative_sum_are_refused() -> None:
    with pytest.raises(ContractError, match="non-zero"):
        paid("a", "2026-01-01", ("2026-01-05", "0"))
    with pytest.raises(ContractError, match="must not sum below 0"):
        paid("a", "2026-01-01", ("2026-01-05", "100"), ("2026-01-06", "-150"))


# -- section 5: long-term and inactivity from the real payments -----------------------------

# Started 2026-01-01, paid on 2026-01-10 (day 9) and 2026-07-10 (day 190), $1,200: weight 1.5.
GAPPED = ("g", "2026-01-01", ("2026-01-10", "600"), ("2026-07-10", "600"))


def test_long_term_status_follows_the_latest_real_payment() -> None:
    contracts = [paid(*GAPPED)]
    # 2026-05-01: the latest payment (day 9) is before start + 90: not long-term. (Under the
    # regular-payment assumption it would be long-term: paid through t, 120 days.)
    assert verdict(evaluate(contracts, R2024, D("2026-05-01"))) == "open_pending"
    # 2026-10-01 (day 273): latest 2026-07-10 is 190 days after start and 83 days ago:
    # long-term. K1 = floor(273 / 90) = 3; periods 0 (day 9) and 2 (day 190) hold a payment,
    # period 1 does not: bonus 2, weight 1.5 + 2 = 3.5 (regular payments would give 4.5).
    assert verdict(evaluate(contracts, R2024, D("2026-10-01"))) == (
        1,
        3.5,
        "2026-10-01",
        "long_term_active",
    )
    # 2026-10-09: 91 days since the latest payment: lapsed.
    assert verdict(evaluate(contracts, R2024, D("2026-10-09"))) == "open_pending"
    for day in ("2026-05-01", "2026-10-01", "2026-10-09"):
        same_on_the_timeline(contracts, R2024, day)


def test_inactivity_runs_from_the_latest_payment_and_a_new_payment_ends_it() -> None:
    contracts = [paid("i", "2025-01-01", ("2025-01-20", "300"), ("2025-06-01", "300"),
                      end="2025-12-31", public="5")]  # fmt: skip
    # 2025-05-15: no payment since 2025-01-20, 115 days: inactive, ended on 2025-01-20 + 90 =
    # 2025-04-20; the empty feedback date stands for that day: 5 stars, +1. $600 weighs 1.25;
    # K1 = floor(109 / 90) = 1 and period 0 holds a payment: 1.25 + 1 = 2.25.
    first = evaluate(contracts, R2023_DAILY, D("2025-05-15"))
    assert verdict(first) == (1, 2.25, "2025-04-20", "inactive_as_ended")
    # 2025-06-15: paid on 2025-06-01, 14 days ago: active again, not counted.
    assert verdict(evaluate(contracts, R2023_DAILY, D("2025-06-15"))) == "open_pending"
    # 2025-09-01: inactive again from 2025-06-01 + 90 = 2025-08-30; K1 = floor(241 / 90) = 2,
    # periods 0 and 1 (day 151) hold payments: 1.25 + 2 = 3.25.
    assert verdict(evaluate(contracts, R2023_DAILY, D("2025-09-01"))) == (
        1,
        3.25,
        "2025-08-30",
        "inactive_as_ended",
    )
    for day in ("2025-05-15", "2025-06-15", "2025-09-01"):
        same_on_the_timeline(contracts, R2023_DAILY, day)


def test_a_contract_with_payments_but_none_yet_is_inactive_from_its_start() -> None:
    contracts = [paid("n", "2025-01-01", ("2025-06-01", "300"), public="5")]
    # 2025-04-15: nothing paid yet: inactive from 2025-01-01 + 90 = 2025-04-01. $300: 1.25;
    # no period held a payment by then (the one payment is in period 1): no bonus.
    assert verdict(evaluate(contracts, R2023_DAILY, D("2025-04-15"))) == (
        1,
        1.25,
        "2025-04-01",
        "inactive_as_ended",
    )


# -- section 4: interim feedback; section 5: flagged clients --------------------------------

FLAGGED = """
    id  client  start       end         earnings  last_paid   public  client_flagged
    ok  A       2026-01-01  2026-02-01  100       -           5       no
    fp  B       2026-01-01  2026-02-01  100       -           5       yes
    fn  C       2026-01-01  2026-02-01  100       -           2       yes
    fz  D       2026-01-01  2026-02-01  100       -           -       yes
    lt  E       2025-06-01  -           5000      2026-05-20  -       yes
"""


def test_flagged_clients_drop_all_or_only_negative_outcomes(table: Any) -> None:
    contracts = table(FLAGGED)
    drop_all = evaluate(contracts, R2024, D("2026-06-01"))
    assert [r.status for r in drop_all.results] == ["counted"] + ["client_flagged"] * 4
    lenient = custom_rule_set(R2024, "lenient", flagged_client="drop_negative")
    kept = evaluate(contracts, lenient, D("2026-06-01"))
    assert [r.status for r in kept.results] == [
        "counted", "counted", "client_flagged", "excluded_no_feedback", "counted"
    ]  # fmt: skip
    # ok +1 (1), fp +1 (1), lt long-term +1: $5,000 is 1.5; 365 days: K1 = 4, K2 =
    # floor(353 / 90) + 1 = 4: 5.5. Every window: 100 * 7.5 / 7.5 = 100.
    assert kept.displayed == 100
    same_on_the_timeline(contracts, lenient, "2026-06-01")


def test_a_flagged_contract_never_earns_a_client_bonus(table: Any) -> None:
    contracts = table(FLAGGED)
    lenient = custom_rule_set(R2023_DAILY, "lenient", flagged_client="drop_negative")
    # lt is long-term at 2026-06-01 (paid 12 days ago, gap 30) but flagged: no bonus.
    assert evaluate(contracts, lenient, D("2026-06-01")).bonus_clients == ()
    unflagged = [c.model_copy(update={"client_flagged": False}) for c in contracts]
    assert evaluate(unflagged, lenient, D("2026-06-01")).bonus_clients == ("E",)
