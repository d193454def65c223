"""The Top Rated estimate (scoring model, section 11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.rules import PRESETS_BY_NAME, Rules
from jsswhatif.core.top_rated import (
    Criterion,
    earnings_between,
    earnings_last_12_months,
    latest_saturday,
    top_rated,
)
from jsswhatif.core.top_rated_days import top_rated_changes, top_rated_criteria, top_rated_days

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
    """A -1 ended on 2026-05-04 makes the last 4 Saturday samples fall below 90."""
    contracts = table(GOOD_YEAR + "d  Delta  2026-04-20  2026-05-04  100  2")
    estimate = top_rated(contracts, RULES, D("2026-06-01"))
    # 12-month = 24-month: 100 * (4.5 - 1) / 5.5 = 63.6 -> 64; 6-month (c, d) = 20.
    # 2026-06-01 is a Monday: the samples are the Saturdays 05-30, 05-23, 05-16 and 05-09
    # (below 90), then 05-02 and the 11 before it (100).
    assert not estimate.eligible
    assert (estimate.displayed, estimate.weeks_at_90) == (64, 12)
    assert estimate.criteria[:2] == (
        Criterion(False, "JSS 64% (needs 90%)"),
        Criterion(False, "12 of the last 16 weeks at 90% or more (needs 13)"),
    )


def test_the_weekly_samples_are_saturdays(table) -> None:
    """A -1 ending on Sunday 2026-05-31 lowers the JSS of Wednesday 2026-06-03, but no
    Saturday sample yet: 16 of 16 weeks (sampling t, t - 7, ... would give 15)."""
    assert latest_saturday(D("2026-06-03")) == D("2026-05-30")
    assert latest_saturday(D("2026-05-30")) == D("2026-05-30")
    contracts = table(GOOD_YEAR + "d  Delta  2026-05-20  2026-05-31  100  2")
    estimate = top_rated(contracts, RULES, D("2026-06-03"))
    assert (estimate.displayed, estimate.weeks_at_90) == (64, 16)


def test_earnings_of_contracts_with_payments_are_their_payments(table) -> None:
    """Payments count on their days, refunds subtract: window 2025-06-15..2026-06-15."""
    payments = [("2025-05-01", "500"), ("2025-07-01", "700"), ("2025-07-15", "-100")]
    contract = make_contract(
        id="p",
        client="Acme",
        start="2025-04-01",
        payments=[{"date": d, "amount": a} for d, a in payments],
    )
    assert earnings_last_12_months([contract], D("2026-06-15")) == 600


def test_top_rated_plus_needs_10000_and_a_large_contract(table) -> None:
    """e: $12,000 over 2026-01-01..03-31 (+1). 12-month earnings $18,000; e is large."""
    contracts = table(GOOD_YEAR + "e  Echo  2026-01-01  2026-03-31  12000  5")
    estimate = top_rated(contracts, RULES, D("2026-06-01"))
    assert estimate.eligible
    assert estimate.plus
    assert estimate.plus_criteria == (
        Criterion(True, "Top Rated"),
        Criterion(True, "$18,000.00 earned in 12 months (needs $10,000)"),
        Criterion(True, "large contract 'e' ($5,000 or more)"),
    )
    strict = top_rated(contracts, RULES, D("2026-06-01"), large_contract=Decimal(20000))
    assert not strict.plus
    assert strict.plus_criteria[2] == Criterion(
        False, "no contract with $20,000 or more in 12 months, none negative"
    )
    assert not top_rated(table(GOOD_YEAR), RULES, D("2026-06-01")).plus  # $6,000


def test_top_rated_is_likely_lost_when_a_negative_outcome_ends(table) -> None:
    """Top Rated on 2026-04-01; d (-1) ends on 2026-05-04: 64%. It never comes back in 24
    months: the earnings of a, b and c leave the 12-month window by 2027-01-01."""
    contracts = table(GOOD_YEAR + "d  Delta  2026-04-20  2026-05-04  100  2")
    assert top_rated(contracts, RULES, D("2026-04-01")).eligible
    changes = top_rated_changes(contracts, RULES, D("2026-04-01"))
    assert [c.text for c in changes] == ["likely lost on 2026-05-04: JSS 64% (needs 90%)"]


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


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20)
@given(data=st.data())
def test_band_equals_the_estimate_on_random_documents(
    random_documents: st.SearchStrategy[tuple[list[Contract], dt.date, int]],
    all_rules: tuple[Rules, ...],
    data: st.DataObject,
) -> None:
    """Every criterion of the band, day by day, is the one-date estimate's."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    last = first + dt.timedelta(days=min(days, 30) - 1)
    band = top_rated_criteria(contracts, rules, first, last)
    for i in range(0, band.eligible.size, 4):
        estimate = top_rated(contracts, rules, first + dt.timedelta(days=i))
        assert int(band.weeks[i]) == estimate.weeks_at_90
        assert bool(band.eligible[i]) == estimate.eligible
        assert abs(band.earnings[i] - float(estimate.earnings_12m)) < 1e-6


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50)
@given(data=st.data())
def test_the_12_month_earnings_are_the_exact_sum_of_each_contracts(
    random_documents: st.SearchStrategy[tuple[list[Contract], dt.date, int]],
    data: st.DataObject,
) -> None:
    """Summed per denominator, the total is still exactly the sum of the contracts' parts."""
    contracts, as_of, _ = data.draw(random_documents)
    start = months_before(as_of, 12)
    expected = sum((earnings_between(c, start, as_of) for c in contracts), Fraction(0))
    assert earnings_last_12_months(contracts, as_of) == expected
