"""The look-ahead computed together equals each part computed alone (issue 14).

:func:`look_ahead` shares one timeline, one event index and one set of Top Rated criteria
between its parts, skips the readings that cannot matter, and remembers per-contract work by
identity across edits: each test holds it to the slow reference functions, also right after
an edit (the caches then patch what they remember).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import contract_outcome
from jsswhatif.core.forecast import changes_between, forecast
from jsswhatif.core.lookahead import PAST_DAYS, look_ahead
from jsswhatif.core.readings import range_timeline, score_range
from jsswhatif.core.rules import Rules, RuleSet, resolve
from jsswhatif.core.top_rated import (
    earnings_between,
    earnings_last_12_months,
    top_rated,
)
from jsswhatif.core.top_rated_days import (
    TopRatedDays,
    plus_days,
    top_rated_changes,
    top_rated_criteria,
)

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]
THRESHOLDS = ("100", "500", "1000.5", "2400")


def _edited(contracts: list[Contract], data: st.DataObject) -> list[Contract]:
    """``contracts`` with one of them toggled (excluded) or its end moved, as the user does."""
    if not contracts:
        return contracts
    k = data.draw(st.integers(0, len(contracts) - 1))
    contract = contracts[k]
    if data.draw(st.booleans()):
        changed = contract.model_copy(update={"excluded": not contract.excluded})
    else:
        end = None if contract.end is not None else contract.start + dt.timedelta(days=40)
        changed = contract.model_copy(update={"end": end})
    return [*contracts[:k], changed, *contracts[k + 1 :]]


def _same_as_alone(
    contracts: tuple[Contract, ...],
    rules: Rules,
    as_of: dt.date,
    first: dt.date,
    last: dt.date,
    threshold: Decimal,
) -> None:
    found = look_ahead(contracts, rules, as_of, first, last, large_contract=threshold)
    assert found.forecast == forecast(contracts, rules, as_of)
    past = changes_between(contracts, rules, as_of - dt.timedelta(days=PAST_DAYS), as_of)
    assert found.past == past
    assert found.top_rated == top_rated(contracts, rules, as_of, threshold)
    alone = top_rated_criteria(contracts, rules, first, last)
    band = found.criteria
    assert band.first == alone.first
    assert np.array_equal(band.eligible, alone.eligible)
    assert np.array_equal(band.weeks, alone.weeks)
    assert np.array_equal(band.displayed, alone.displayed, equal_nan=True)
    assert np.allclose(band.earnings, alone.earnings, rtol=0, atol=1e-6)
    assert found.top_rated_changes == top_rated_changes(contracts, rules, as_of)
    assert found.score_range == score_range(contracts, rules, as_of)
    wide = range_timeline(contracts, rules, first, last)
    assert np.array_equal(found.range_band.low, wide.low, equal_nan=True)
    assert np.array_equal(found.range_band.high, wide.high, equal_nan=True)
    for i in range(0, band.eligible.size, 3):
        day = first + dt.timedelta(days=i)
        assert bool(found.plus_days[i]) == top_rated(contracts, rules, day, threshold).plus, day


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20, deadline=None)
@given(data=st.data())
def test_the_look_ahead_equals_each_part_alone_also_after_an_edit(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Forecast, past changes, Top Rated with band, Plus band, Top Rated changes and range:
    each as its own function gives it, on a random document and again after one edit."""
    contracts, as_of, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    threshold = Decimal(data.draw(st.sampled_from(THRESHOLDS)))
    first = as_of - dt.timedelta(days=data.draw(st.integers(-30, 200)))
    last = first + dt.timedelta(days=days + 20)
    _same_as_alone(tuple(contracts), rules, as_of, first, last, threshold)
    _same_as_alone(tuple(_edited(contracts, data)), rules, as_of, first, last, threshold)


def _large_contract_days(
    contracts: list[Contract], rules: Rules, first: dt.date, days: int, threshold: Decimal
) -> list[bool]:
    """Section 11's large-contract criterion, day by day, as the model states it."""
    found = []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        computed_on, rule_set = resolve(rules, day)
        found.append(
            any(
                earnings_between(c, months_before(day, 12), day) >= threshold
                and getattr(contract_outcome(c, rule_set, computed_on).outcome, "value", 0) != -1
                for c in contracts
            )
        )
    return found


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(data=st.data())
def test_the_plus_band_finds_the_large_contract_of_every_day(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """On days Top Rated with $10,000 (forced here), the Plus band holds exactly where a
    contract earned the threshold in 12 months and is not negative then."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    threshold = Decimal(data.draw(st.sampled_from(THRESHOLDS)))
    size = min(days, 40)
    forced = TopRatedDays(
        first,
        np.full(size, 100.0),
        np.full(size, 16, dtype=np.int64),
        np.full(size, 1e9),
        np.ones(size, dtype=np.bool_),
        np.ones(size, dtype=np.bool_),
    )
    for version in (contracts, _edited(contracts, data)):
        band = plus_days(tuple(version), rules, forced, threshold)
        assert band.tolist() == _large_contract_days(version, rules, first, size, threshold)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(data=st.data())
def test_the_remembered_12_month_earnings_follow_an_edit(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    """Patched from the document before the edit, the total is the exact sum again."""
    contracts, as_of, _ = data.draw(random_documents)
    start = months_before(as_of, 12)
    for version in (tuple(contracts), tuple(_edited(contracts, data))):
        expected = sum((earnings_between(c, start, as_of) for c in version), Fraction(0))
        assert earnings_last_12_months(version, as_of) == expected


def test_the_look_ahead_of_no_contracts() -> None:
    """Nothing to forecast, no Top Rated, no JSS under any reading."""
    day = dt.date(2026, 11, 25)
    found = look_ahead((), RuleSet(), day, day - dt.timedelta(days=30), day)
    assert found.forecast == ()
    assert found.past == ()
    assert not found.top_rated.eligible
    assert not found.plus_days.any()
    assert found.score_range.low is None
    assert math.isnan(found.range_band.low[0])
