"""The Top Rated estimate (scoring model, section 11)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.top_rated import (
    Criterion,
    earnings_last_12_months,
    top_rated,
    top_rated_days,
)

D = dt.date.fromisoformat
RULES = PRESETS_BY_NAME["upwork-2024-09"]

GOOD_YEAR = """
id  client  start       end         earnings  public
a   Acme    2025-09-01  2025-10-31  2000      5
b   Beta    2025-10-01  2025-11-30  2000      5
c   Gamma   2025-11-01  2025-12-31  2000      5
"""


def test_earnings_are_spread_over_the_paid_days(table) -> None:
    """$1,200 paid over 2026-01-01..2026-12-31: 181 of its 365 days lie in the window."""
    contracts = table("""
        client  start       earnings  last_paid
        Acme    2026-01-01  1200      2026-12-31
    """)
    assert earnings_last_12_months(contracts, D("2026-06-30")) == Fraction(1200 * 181, 365)


def test_excluded_contracts_still_count_toward_earnings(table) -> None:
    """Earnings of excluded contracts count; a $0 contract adds nothing."""
    contracts = table("""
        client  start       end         earnings  excluded
        Acme    2026-01-01  2026-01-10  500       true
        Beta    2026-01-01  2026-01-10  0         false
    """)
    assert earnings_last_12_months(contracts, D("2026-06-30")) == 500


def test_eligible_when_every_criterion_holds(table) -> None:
    """100% for 16 weeks, $6,000 in 12 months, first contract 273 days ago."""
    estimate = top_rated(table(GOOD_YEAR), RULES, D("2026-06-01"))
    # 12-month window from 2025-06-01 holds a, b, c (+1 each): 100 on every weekly sample.
    assert estimate.eligible
    assert (estimate.displayed, estimate.weeks_at_90) == (100, 16)
    assert estimate.earnings_12m == 6000
    assert estimate.first_start == D("2025-09-01")
    assert estimate.criteria == (
        Criterion(True, "JSS 100% (needs 90%)"),
        Criterion(True, "16 of the last 16 weeks at 90% or more (needs 13)"),
        Criterion(True, "$6,000.00 earned in 12 months (needs $1,000)"),
        Criterion(True, "first contract 273 days ago (needs 90)"),
    )


def test_a_negative_outcome_costs_the_score_and_the_weeks(table) -> None:
    """A -1 ended on 2026-05-04 makes the last 5 weekly samples fall below 90."""
    contracts = table(GOOD_YEAR + "d  Delta  2026-04-20  2026-05-04  100  2")
    estimate = top_rated(contracts, RULES, D("2026-06-01"))
    # 12-month = 24-month: 100 * (4.5 - 1) / 5.5 = 63.6 -> 64; 6-month (c, d) = 20.
    # Samples 06-01, 05-25, 05-18, 05-11, 05-04 are below 90; the 11 before are 100.
    assert not estimate.eligible
    assert (estimate.displayed, estimate.weeks_at_90) == (64, 11)
    assert estimate.criteria[:2] == (
        Criterion(False, "JSS 64% (needs 90%)"),
        Criterion(False, "11 of the last 16 weeks at 90% or more (needs 13)"),
    )


def test_new_freelancer_is_not_top_rated_before_90_days(table) -> None:
    """The first contract must be at least 90 days old."""
    contracts = table("""
        client  start       end         earnings  public
        Acme    2026-03-01  2026-03-10  2000      5
        Beta    2026-03-01  2026-03-10  2000      5
    """)
    assert not top_rated(contracts, RULES, D("2026-05-29")).eligible  # 89 days
    assert top_rated(contracts, RULES, D("2026-05-30")).criteria[3] == Criterion(
        True, "first contract 90 days ago (needs 90)"
    )


def test_band_agrees_with_the_estimate_day_by_day(table) -> None:
    """The plot band (all days at once) says what the one-date estimate says, every day."""
    contracts = table(GOOD_YEAR + "d  Delta  2026-04-20  2026-05-04  100  2")
    first, last = D("2025-11-01"), D("2026-12-31")
    band = top_rated_days(contracts, RULES, first, last)
    for i in range(0, band.size, 3):
        day = first + dt.timedelta(days=i)
        assert band[i] == top_rated(contracts, RULES, day).eligible, day
