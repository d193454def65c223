"""The field parsers shared by the contracts CSV, the table, the dialogs and the rule editors.

Every expected value and message is written by hand from interfaces.md ("Contracts CSV").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from jsswhatif.core.contracts import Payment
from jsswhatif.core.fields import (
    FieldError,
    format_payments,
    parse_amount,
    parse_boolean,
    parse_client,
    parse_date,
    parse_kind,
    parse_number,
    parse_payments,
    parse_private,
    parse_stars,
    parse_whole_number,
)


def problem_of(parser: Callable[[str], object], text: str) -> str:
    """The problem ``parser`` finds in ``text`` (the test fails when it finds none)."""
    with pytest.raises(FieldError) as info:
        parser(text)
    assert info.value.text == text
    return info.value.problem


# Amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1234.50", "1234.50"),
        ("$1,234.50", "1234.50"),
        (" $ 1 , 234 . 5 ", "1234.5"),
        ("1,234,567", "1234567"),
        ("0", "0"),
        ("", "0"),
        ("   ", "0"),
        ("-0", "0"),
        ("$-0.00", "0.00"),
        ("007", "7"),
    ],
)
def test_amounts_the_csv_accepts(text: str, amount: str) -> None:
    assert repr(parse_amount(text)) == repr(Decimal(amount))


@pytest.mark.parametrize(
    "text", ["1,2", "1,23", "1,2345", "12,34.5", "1.234,50", "1e3", "USD 5", "$$5", "5$", "1."]
)
def test_amounts_the_csv_refuses(text: str) -> None:
    assert problem_of(parse_amount, text) == "is not an amount like 1234.50 or $1,234.50"


@pytest.mark.parametrize("text", ["-5", "$-5", "-$1,250.50"])
def test_a_negative_amount_is_refused(text: str) -> None:
    assert problem_of(parse_amount, text) == "must be >= 0"


def test_the_message_names_the_text_and_the_problem() -> None:
    with pytest.raises(FieldError, match=r"^'1,2' is not an amount like 1234\.50 or \$1,234\.50$"):
        parse_amount("1,2")
    assert isinstance(FieldError("x", "y"), ValueError)


def test_the_message_shortens_long_text_and_names_empty_text() -> None:
    assert str(FieldError("9" * 61, "is long")) == f"'{'9' * 57}...' is long"
    assert str(FieldError("9" * 60, "fits")) == f"'{'9' * 60}' fits"
    assert str(FieldError("  ", "is not a number")) == "(empty) is not a number"


# Star ratings and private scores -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stars"),
    [("5", "5"), ("4.50", "4.50"), (" 1 ", "1"), ("4.75", "4.75"), ("1.0", "1.0")],
)
def test_star_ratings_are_kept_exactly(text: str, stars: str) -> None:
    assert repr(parse_stars(text)) == repr(Decimal(stars))


def test_an_empty_star_rating_is_none() -> None:
    assert parse_stars("") is None
    assert parse_stars("  ") is None


@pytest.mark.parametrize("text", ["4,5", "-4", "1e0", ".5", "5.", "four", "4.5 stars", "+4"])
def test_a_star_rating_not_written_as_digits_is_refused(text: str) -> None:
    assert problem_of(parse_stars, text) == "is not a rating like 5 or 4.5"


@pytest.mark.parametrize("text", ["0.99", "5.01", "0", "10"])
def test_a_star_rating_outside_1_to_5_is_refused(text: str) -> None:
    assert problem_of(parse_stars, text) == "must be within 1 and 5"


@pytest.mark.parametrize(("text", "score"), [("0", 0), ("10", 10), (" 09 ", 9), ("0010", 10)])
def test_private_scores(text: str, score: int) -> None:
    assert parse_private(text) == score


def test_an_empty_private_score_is_none() -> None:
    assert parse_private("") is None


@pytest.mark.parametrize("text", ["8.0", "-1", "8.5", "ten", "1e1", "+5"])
def test_a_private_score_not_written_as_digits_is_refused(text: str) -> None:
    assert problem_of(parse_private, text) == "is not a whole number 0-10"


@pytest.mark.parametrize("text", ["11", "100", "9" * 5000])
def test_a_private_score_above_10_is_refused(text: str) -> None:
    assert problem_of(parse_private, text) == "must be an integer within 0 and 10"


# Dates, kinds, booleans, clients -------------------------------------------------------------


def test_dates() -> None:
    assert parse_date("2026-03-01") == dt.date(2026, 3, 1)
    assert parse_date(" 2024-02-29 ") == dt.date(2024, 2, 29)
    assert parse_date("") is None


@pytest.mark.parametrize("text", ["2026-3-1", "20260301", "2026/03/01", "01.03.2026", "2026-W09"])
def test_a_date_in_another_form_is_refused(text: str) -> None:
    assert problem_of(parse_date, text) == "is not a date YYYY-MM-DD"


@pytest.mark.parametrize("text", ["2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01"])
def test_a_date_that_is_no_calendar_day_is_refused(text: str) -> None:
    assert problem_of(parse_date, text) == "is not a real calendar day"


def test_kinds() -> None:
    assert parse_kind("fixed") == "fixed"
    assert parse_kind(" Hourly ") == "hourly"
    assert parse_kind("FIXED") == "fixed"
    assert parse_kind("") == "hourly"
    assert problem_of(parse_kind, "monthly") == "is not a kind: hourly or fixed"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("Yes", True),
        ("1", True),
        (" TRUE ", True),
        ("false", False),
        ("no", False),
        ("0", False),
        ("", False),
    ],
)
def test_booleans(text: str, value: bool) -> None:
    assert parse_boolean(text) is value


@pytest.mark.parametrize("text", ["y", "on", "2", "ja"])
def test_other_booleans_are_refused(text: str) -> None:
    assert problem_of(parse_boolean, text) == "is not true/false, yes/no or 1/0"


def test_clients_are_trimmed_and_required() -> None:
    assert parse_client("  Acme Corp ") == "Acme Corp"
    assert problem_of(parse_client, "   ") == "is blank: client is required"


# Rule-set numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number"), [("1.25", "1.25"), (" 8 ", "8"), ("-2", "-2")])
def test_numbers_are_kept_exactly(text: str, number: str) -> None:
    assert repr(parse_number(text)) == repr(Decimal(number))


@pytest.mark.parametrize("text", ["", "abc", "1,5", "1e2", ".5", "5.", "NaN", "Infinity", "1_0"])
def test_other_numbers_are_refused(text: str) -> None:
    assert problem_of(parse_number, text) == "is not a number"


def test_whole_numbers() -> None:
    assert parse_whole_number(" 24 ", "months") == 24
    assert problem_of(lambda t: parse_whole_number(t, "months"), "x") == (
        "is not a whole number of months"
    )
    assert problem_of(parse_whole_number, "²") == "is not a whole number"
    assert problem_of(parse_whole_number, "1" * 5000) == "is too long for a whole number"


# Payments ------------------------------------------------------------------------------------


def test_payments_are_read_in_the_order_written_and_written_back_sorted() -> None:
    payments = parse_payments(
        " 2026-03-01=-100 ;2026-01-05=500;2026-02-05=$1,250.50;2026-01-05=-$1"
    )
    assert [(p.date.isoformat(), repr(p.amount)) for p in payments] == [
        ("2026-03-01", "Decimal('-100')"),
        ("2026-01-05", "Decimal('500')"),
        ("2026-02-05", "Decimal('1250.50')"),
        ("2026-01-05", "Decimal('-1')"),
    ]
    assert format_payments(payments) == (
        "2026-01-05=500;2026-01-05=-1;2026-02-05=1250.50;2026-03-01=-100"
    )
    assert parse_payments("  ") == ()
    assert format_payments(()) == ""


def test_payment_amounts_are_written_without_exponent() -> None:
    day = dt.date(2026, 1, 5)
    payments = [
        Payment(date=day, amount=Decimal("1E+3")),
        Payment(date=day, amount=Decimal("-0.50")),
    ]
    assert format_payments(payments) == "2026-01-05=1000;2026-01-05=-0.50"
    assert parse_payments(format_payments(payments)) == tuple(payments)


@pytest.mark.parametrize(
    ("text", "shown", "problem"),
    [
        ("2026-01-05=5; x ", "x", "is not a payment DATE=AMOUNT (like 2026-01-05=500)"),
        ("2026-01-05=$-5", "2026-01-05=$-5", "has amount '$-5', which is not an amount like 500,"
         " $1,250.50 or -100 (a refund)"),
        ("2026-01-05=-0", "2026-01-05=-0", "has amount '-0': a payment must not be 0"),
        ("2026-01-05=5;;", "2026-01-05=5;;", "has an empty entry (entry 2): write DATE=AMOUNT"
         " between ';'"),
    ],
)  # fmt: skip
def test_a_payment_error_names_the_entry_or_for_an_empty_one_the_text(
    text: str, shown: str, problem: str
) -> None:
    with pytest.raises(FieldError) as info:
        parse_payments(text)
    assert (info.value.text, info.value.problem) == (shown, problem)
