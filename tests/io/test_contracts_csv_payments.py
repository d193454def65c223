"""The contracts CSV's ``payments`` column (interfaces.md, "Contracts CSV", version 2).

Every expected value and message is written by hand from interfaces.md and the scoring model's
section 1 (earnings = the sum of the amounts; last_paid = the latest day whose amounts sum to
more than 0).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jsswhatif.core.contracts import Contract, Payment, make_contract
from jsswhatif.io.contracts_csv import CsvError, format_contracts_csv, parse_contracts_csv

D = dt.date.fromisoformat


def one(text: str) -> Contract:
    (contract,) = parse_contracts_csv(text)
    return contract


def paid(payments: str, *, earnings: str = "", last_paid: str = "") -> Contract:
    """The contract of one row started 2026-01-05 with these cells (quoted for commas)."""
    return one(
        "id,client,start,earnings,last_paid,payments\n"
        f'x,Acme,2026-01-05,"{earnings}",{last_paid},"{payments}"\n'
    )


def pairs(contract: Contract) -> list[tuple[str, str]]:
    """The payments as (date, repr of amount): exact digits, in stored order."""
    return [(p.date.isoformat(), repr(p.amount)) for p in contract.payments]


def message(text: str) -> str:
    with pytest.raises(CsvError) as info:
        parse_contracts_csv(text, source="c.csv")
    assert "\n" not in str(info.value)
    return str(info.value)


def payments_message(payments: str, *, start: str = "2026-01-05", extra: str = "") -> str:
    """The message for one row with these payments (and ``extra`` cells: earnings,last_paid)."""
    cells = extra or ","
    return message(
        f'id,client,start,earnings,last_paid,payments\nx,Acme,{start},{cells},"{payments}"\n'
    )


# --- the forms that parse ----------------------------------------------------------------------


def test_the_example_of_interfaces_md() -> None:
    contract = paid("2026-01-05=500;2026-02-05=$1,250.50;2026-03-01=-100")
    assert pairs(contract) == [
        ("2026-01-05", "Decimal('500')"),
        ("2026-02-05", "Decimal('1250.50')"),
        ("2026-03-01", "Decimal('-100')"),
    ]
    # 500 + 1250.50 - 100; the latest day summing to more than 0 is 2026-02-05
    assert repr(contract.earnings) == "Decimal('1650.50')"
    assert contract.last_paid == D("2026-02-05")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("500", "500"), ("$500", "500"), ("1234.5", "1234.5"), ("$1,234.50", "1234.50"),
        ("0012", "12"), ("0.01", "0.01"), ("$ 1 234 .50", "1234.50"),
        ("-100", "-100"), ("-$1,250.50", "-1250.50"), ("- $ 5", "-5"), ("-0.01", "-0.01"),
    ],
)  # fmt: skip
def test_amounts_follow_the_earnings_grammar_with_an_optional_leading_minus(
    amount: str, expected: str
) -> None:
    contract = paid(f"2026-01-05=5000;2026-01-06={amount}")
    assert pairs(contract)[1] == ("2026-01-06", repr(Decimal(expected)))


def test_amounts_keep_every_digit_refunds_too() -> None:
    """The largest amount of the domain keeps every digit, and a refund's sign rounds none."""
    digits = "999999999999.9999"
    contract = paid(f"2026-01-05={digits};2026-01-06=-{digits}")
    assert pairs(contract) == [
        ("2026-01-05", f"Decimal('{digits}')"),
        ("2026-01-06", f"Decimal('-{digits}')"),
    ]


def test_spaces_around_entries_are_ignored() -> None:
    contract = paid("  2026-01-09=500 ;\t2026-01-20 = $1,000 ")
    assert pairs(contract) == [("2026-01-09", "Decimal('500')"), ("2026-01-20", "Decimal('1000')")]


def test_entries_may_come_in_any_order_and_dates_may_repeat() -> None:
    contract = paid("2026-03-01=-100;2026-01-09=300;2026-03-01=50;2026-01-09=200")
    # sorted by date, stably: the two 2026-01-09 and the two 2026-03-01 entries keep their order
    assert pairs(contract) == [
        ("2026-01-09", "Decimal('300')"),
        ("2026-01-09", "Decimal('200')"),
        ("2026-03-01", "Decimal('-100')"),
        ("2026-03-01", "Decimal('50')"),
    ]
    # 2026-03-01 sums to -50: not a payment day; so last_paid is 2026-01-09
    assert (contract.earnings, contract.last_paid) == (Decimal(450), D("2026-01-09"))


@pytest.mark.parametrize("cell", ["", "   "])
def test_an_empty_cell_means_no_payments(cell: str) -> None:
    contract = paid(cell, earnings="$1,800", last_paid="2026-02-01")
    assert contract.payments == ()
    assert (contract.earnings, contract.last_paid) == (Decimal(1800), D("2026-02-01"))


def test_a_payment_on_the_start_day_is_fine() -> None:
    assert pairs(paid("2026-01-05=10")) == [("2026-01-05", "Decimal('10')")]


def test_given_earnings_and_last_paid_equal_to_the_derived_ones_are_accepted() -> None:
    payments = "2026-01-09=500;2026-02-01=$1,250.50"
    contract = paid(payments, earnings="$1,750.50", last_paid=" 2026-02-01 ")
    assert (contract.earnings, contract.last_paid) == (Decimal("1750.50"), D("2026-02-01"))
    # the same value written otherwise is the same value
    assert paid(payments, earnings="1750.5").earnings == Decimal("1750.50")


def test_a_fully_refunded_contract_is_valid_and_earns_0() -> None:
    contract = paid("2026-01-09=500;2026-01-20=-500")
    assert (contract.earnings, contract.last_paid) == (Decimal(0), D("2026-01-09"))
    refunded_same_day = paid("2026-01-09=500;2026-01-09=-500", earnings="0")
    assert (refunded_same_day.earnings, refunded_same_day.last_paid) == (Decimal(0), None)


def test_without_a_payments_column_nothing_changes() -> None:
    contract = one("client,start,earnings,last_paid\nAcme,2026-01-05,$1,2026-01-09\n")
    assert (contract.payments, contract.earnings) == ((), Decimal(1))


# --- errors: one line naming row, column 'payments', the entry and the contract ----------------


@pytest.mark.parametrize(
    ("payments", "expected"),
    [
        ("2026-01-09", "'2026-01-09' is not a payment DATE=AMOUNT (like 2026-01-05=500)"),
        ("2026-01-09:500", "'2026-01-09:500' is not a payment DATE=AMOUNT (like 2026-01-05=500)"),
        ("=500", "'=500' has no date before '=' (DATE=AMOUNT, like 2026-01-05=500)"),
        ("2026-01-09=", "'2026-01-09=' has no amount after '=' (DATE=AMOUNT, like 2026-01-05=500)"),
        ("2026-1-9=5", "'2026-1-9=5' has date '2026-1-9', which is not a date YYYY-MM-DD"),
        ("2026-02-30=5", "'2026-02-30=5' has date '2026-02-30', which is not a real calendar day"),
        ("2026-01-09=0", "'2026-01-09=0' has amount '0': a payment must not be 0"),
        ("2026-01-09=-$0.00", "'2026-01-09=-$0.00' has amount '-$0.00': a payment must not be 0"),
    ],
)
def test_a_bad_entry_is_named_with_its_problem(payments: str, expected: str) -> None:
    assert payments_message(f"2026-01-20=100; {payments} ;2026-01-21=5") == (
        f"c.csv: row 1, column 'payments': {expected} (contract 'x')"
    )


@pytest.mark.parametrize(
    "amount", ["$-100", "--100", "-", "$", "1e3", "1,2", "1.234,50", "USD 5", "+5", "-$-5", "5=6"]
)
def test_an_amount_outside_the_grammar_is_an_error(amount: str) -> None:
    assert payments_message(f"2026-01-09={amount}") == (
        f"c.csv: row 1, column 'payments': '2026-01-09={amount}' has amount {amount!r}, which is"
        " not an amount like 500, $1,250.50 or -100 (a refund) (contract 'x')"
    )


@pytest.mark.parametrize(
    ("payments", "where"),
    [
        ("2026-01-09=5;;2026-01-10=5", "(entry 2)"),
        (";2026-01-09=5", "(entry 1)"),
        ("2026-01-09=5;", "at the end"),
        ("2026-01-09=5; ", "at the end"),
        (";", "(entry 1)"),
    ],
)
def test_an_empty_entry_is_an_error_naming_the_cell(payments: str, where: str) -> None:
    assert payments_message(payments) == (
        f"c.csv: row 1, column 'payments': {payments!r} has an empty entry {where}: write"
        " DATE=AMOUNT between ';' (contract 'x')"
    )


def test_the_first_bad_entry_as_written_is_reported() -> None:
    assert payments_message("2026-01-09=5;2026-13-01=5;2026-01-10=x") == (
        "c.csv: row 1, column 'payments': '2026-13-01=5' has date '2026-13-01', which is not a"
        " real calendar day (contract 'x')"
    )


def test_a_payment_before_start_names_the_first_such_entry_as_written() -> None:
    payments = "2026-03-05=100; 2026-02-01=7 ;2026-01-31=5;2026-02-01=6"
    # the earliest date before start is 2026-01-31; make_contract checks the dates in order
    assert payments_message(payments, start="2026-02-10") == (
        "c.csv: row 1, column 'payments': '2026-01-31=5' must be on or after start 2026-02-10"
        " (contract 'x')"
    )


def test_payments_summing_below_0_are_an_error_naming_the_cell() -> None:
    assert payments_message("2026-01-09=100;2026-01-20=-$150.50") == (
        "c.csv: row 1, column 'payments': '2026-01-09=100;2026-01-20=-$150.50' sum to -50.50:"
        " refunds must not exceed the payments (contract 'x')"
    )


def test_given_earnings_that_differ_from_the_payments_name_both_values() -> None:
    assert payments_message("2026-01-09=500;2026-02-01=250", extra='"$1,000",') == (
        "c.csv: row 1, column 'earnings': '$1,000' does not match the payments, which give"
        " '750' (contract 'x')"
    )


def test_a_given_last_paid_that_differs_from_the_payments_names_both_values() -> None:
    payments = "2026-01-09=500;2026-02-01=250;2026-03-01=-100"
    assert payments_message(payments, extra=",2026-03-01") == (
        "c.csv: row 1, column 'last_paid': '2026-03-01' does not match the payments, which give"
        " '2026-02-01' (contract 'x')"
    )
    refunded = "2026-01-09=500;2026-01-09=-500"
    assert payments_message(refunded, extra=",2026-01-09") == (
        "c.csv: row 1, column 'last_paid': '2026-01-09' does not match the payments, which give"
        " (empty) (contract 'x')"
    )


def test_earnings_given_as_0_with_payments_must_match_too() -> None:
    assert payments_message("2026-01-09=5", extra="0,") == (
        "c.csv: row 1, column 'earnings': '0' does not match the payments, which give '5'"
        " (contract 'x')"
    )


# --- which error is reported -------------------------------------------------------------------


def test_a_payment_before_start_belongs_to_payments_even_when_that_column_comes_first() -> None:
    text = "payments,end,client,start\n2026-02-01=5,2026-02-15,Acme,2026-03-01\n"
    # both are errors between two fields, each on its later field: the earlier column wins
    assert message(text) == (
        "c.csv: row 1, column 'payments': '2026-02-01=5' must be on or after start 2026-03-01"
        " (contract 'c1')"
    )


def test_an_earlier_column_s_error_comes_before_a_payments_error() -> None:
    text = "client,start,private,payments\nAcme,2026-01-05,11,2026-01-09=0\n"
    assert message(text) == (
        "c.csv: row 1, column 'private': '11' must be an integer within 0 and 10 (contract 'c1')"
    )


def test_a_payments_error_comes_before_a_later_column_s_error() -> None:
    text = "client,start,payments,earnings\nAcme,2026-01-05,2026-01-09=0,$1.2.3\n"
    assert message(text).startswith("c.csv: row 1, column 'payments': '2026-01-09=0' has amount")


def test_rules_about_zero_earnings_wait_for_payments_that_do_not_parse() -> None:
    """With no earnings a last_paid is an error, unless payments give them: here they cannot."""
    text = "client,start,last_paid,payments\nAcme,2026-01-05,2026-01-09,2026-01-09=$-5\n"
    assert message(text).startswith("c.csv: row 1, column 'payments': '2026-01-09=$-5' has")


def test_rules_about_zero_earnings_wait_for_payments_dated_before_start() -> None:
    """last_paid matches the payments; only the payment before start is wrong."""
    text = "client,start,last_paid,payments\nAcme,2026-03-01,2026-03-05,2026-02-01=5;2026-03-05=9\n"
    assert message(text) == (
        "c.csv: row 1, column 'payments': '2026-02-01=5' must be on or after start 2026-03-01"
        " (contract 'c1')"
    )


def test_a_bad_earnings_cell_is_reported_not_a_mismatch() -> None:
    text = "client,start,earnings,payments\nAcme,2026-01-05,x,2026-01-09=5\n"
    assert message(text) == (
        "c.csv: row 1, column 'earnings': 'x' is not an amount like 1234.50 or $1,234.50"
        " (contract 'c1')"
    )


def test_the_first_row_with_an_error_is_reported_and_nothing_is_imported() -> None:
    text = (
        "id,client,start,payments\n"
        "a,Acme,2026-01-05,2026-01-09=5\n"
        "b,Beta,2026-01-05,2026-01-09=5;\n"
        "c,Gamma,2026-01-05,2026-01-09=0\n"
    )
    assert message(text) == (
        "c.csv: row 2, column 'payments': '2026-01-09=5;' has an empty entry at the end: write"
        " DATE=AMOUNT between ';' (contract 'b')"
    )


def test_a_long_cell_is_shortened_in_the_message() -> None:
    payments = ";".join(["2026-01-09=5"] * 10) + ";"
    with pytest.raises(CsvError) as info:
        parse_contracts_csv(f"client,start,payments\nAcme,2026-01-05,{payments}\n")
    assert info.value.text == payments
    assert f"'{payments[:57]}...' has an empty entry at the end" in str(info.value)


# --- export ------------------------------------------------------------------------------------


def test_export_writes_payments_last_sorted_by_date_with_plain_amounts() -> None:
    contract = make_contract(
        id="c1",
        client="Acme",
        start="2026-01-05",
        payments=[
            Payment(date=D("2026-03-01"), amount=Decimal("-100")),
            Payment(date=D("2026-01-05"), amount=Decimal("5E+2")),
            Payment(date=D("2026-02-05"), amount=Decimal("1250.50")),
            Payment(date=D("2026-01-05"), amount=Decimal("0.010")),
        ],
    )
    bare = make_contract(id="c2", client="Beta", start="2026-01-05", earnings="3")
    assert format_contracts_csv([contract, bare]).splitlines() == [
        "id,client,title,kind,start,end,earnings,last_paid,public,private,feedback_date,"
        "disputed,client_flagged,excluded,payments",
        "c1,Acme,,hourly,2026-01-05,,1650.510,2026-02-05,,,,false,false,false,"
        "2026-01-05=500;2026-01-05=0.010;2026-02-05=1250.50;2026-03-01=-100",
        "c2,Beta,,hourly,2026-01-05,,3,,,,,false,false,false,",
    ]


def test_export_then_import_gives_back_the_same_payments() -> None:
    text = (
        "id,client,start,end,payments\n"
        'a,Acme,2026-01-05,2026-04-01,"2026-03-01=-$100;2026-01-09=$1,250.50;2026-01-09=7"\n'
        "b,Beta,2026-01-05,,2026-01-09=5;2026-01-10=-5\n"
        "c,Gamma,2026-01-05,,\n"
    )
    contracts = parse_contracts_csv(text)
    exported = format_contracts_csv(contracts)
    assert [line.rsplit(",", 1)[1] for line in exported.splitlines()] == [
        "payments",
        "2026-01-09=1250.50;2026-01-09=7;2026-03-01=-100",
        "2026-01-09=5;2026-01-10=-5",
        "",
    ]
    again = parse_contracts_csv(exported)
    assert again == contracts
    assert [pairs(c) for c in again] == [pairs(c) for c in contracts]
