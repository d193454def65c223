"""The parsers of Upwork's transaction history values: written dates and signed amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jsswhatif.core.fields import FieldError, parse_payments, parse_signed_amount, parse_upwork_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 2, 2026", D(2026, 10, 2)),
        ("October 2, 2026", D(2026, 10, 2)),
        (" Sep 30, 2026 ", D(2026, 9, 30)),
        ("May 31, 2025", D(2025, 5, 31)),
        ("dec 01, 2024", D(2024, 12, 1)),
        ("FEBRUARY 29, 2028", D(2028, 2, 29)),
        ("Jan 5 ,2026", D(2026, 1, 5)),
        ("2026-10-02", D(2026, 10, 2)),
    ],
)
def test_upwork_dates_in_the_forms_seen(text: str, expected: dt.date) -> None:
    assert parse_upwork_date(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("10/02/2026", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("Sept 2, 2026", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("Oct 2 2026", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("Oct 2, 26", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("2 Oct, 2026", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("Okt 2, 2026", "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"),
        ("Feb 29, 2026", "is not a real calendar day"),
        ("Oct 0, 2026", "is not a real calendar day"),
        ("2026-02-30", "is not a real calendar day"),
    ],
)
def test_other_dates_are_errors_naming_the_text(text: str, problem: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_upwork_date(text)
    assert (info.value.text, info.value.problem) == (text, problem)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-$4.13", Decimal("-4.13")),
        ("$258.00", Decimal("258.00")),
        ("1,250.00", Decimal("1250.00")),
        ("-22.92", Decimal("-22.92")),
        (" - $ 1,234,567.5 ", Decimal("-1234567.5")),
        ("-0.00", Decimal("-0.00")),
        # the largest amounts of the domain (core.domain: below 10^12, 4 decimals)
        ("999999999999.9999", Decimal("999999999999.9999")),
        ("-999,999,999,999.9999", Decimal("-999999999999.9999")),
    ],
)
def test_signed_amounts_in_the_forms_seen_kept_exactly(text: str, expected: Decimal) -> None:
    amount = parse_signed_amount(text)
    assert amount == expected
    assert amount.as_tuple() == expected.as_tuple()  # every digit, and the sign of -0.00


@pytest.mark.parametrize("text", ["", " ", "-", "$-4.13", "--4", "1,2", "1e3", "USD 5", "(4.13)"])
def test_other_amounts_are_errors(text: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_signed_amount(text)
    assert info.value.problem == "is not an amount like 500, -$4.13 or $1,250.50"


def test_payments_read_their_amounts_through_the_same_grammar() -> None:
    (payment,) = parse_payments("2026-01-05=-$1,250.50")
    assert payment.amount == Decimal("-1250.50")
    with pytest.raises(FieldError, match=r"has amount '\$-100', which is not an amount like"):
        parse_payments("2026-01-05=$-100")
