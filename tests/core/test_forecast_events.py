"""The forecast's event index, vectorized (issue 14), equals the one-contract reference.

:func:`forecast.event_index` builds every (day, contract) event pair with numpy; the
reference walks :func:`forecast._event_dates` contract by contract, as the index was built
before. Both must give the same pairs on random documents under every rule set.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core import forecast
from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.rules import HistoricalRules, Rules

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]


def reference(
    contracts: list[Contract], rules: Rules, first: dt.date, last: dt.date
) -> set[tuple[int, int]]:
    rule_sets = rules.presets if isinstance(rules, HistoricalRules) else (rules,)
    low, high = first.toordinal() - 14, last.toordinal()
    pairs = set()
    for position, contract in enumerate(contracts):
        for rule_set in rule_sets:
            for day in forecast._event_dates(contract, rule_set, first, last):
                if low <= day.toordinal() <= high:
                    pairs.add((day.toordinal(), position))
    return pairs


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=80)
@given(data=st.data())
def test_the_vectorized_event_index_equals_the_reference(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Same (day, contract) pairs, and ``between`` reads the contracts of a span of days."""
    contracts, first, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    last = months_after(first, data.draw(st.sampled_from([1, 6, 24])))
    events = forecast.event_index(contracts, rules, first, last)
    pairs = set(zip(events.day.tolist(), events.contract.tolist(), strict=True))
    expected = reference(contracts, rules, first, last)
    assert pairs == expected
    assert len(pairs) == events.day.size  # no repeats
    since = first.toordinal() + data.draw(st.integers(-14, 40))
    until = since + data.draw(st.integers(0, 20))
    assert events.between(since, until) == sorted(
        {i for day, i in expected if since < day <= until}
    )


def test_a_refunded_contract_with_payments_keeps_its_payment_days_as_events(
    all_rules: tuple[Rules, ...],
) -> None:
    """$100 paid on 2026-02-01 and refunded on 2026-03-01: nothing earned, but the payment
    day (and its inactivity and long-term days) are events, as the reference says."""
    refunded = make_contract(
        id="r",
        client="Acme",
        start="2026-01-05",
        payments=[
            {"date": "2026-02-01", "amount": "100"},
            {"date": "2026-03-01", "amount": "-100"},
        ],
    )
    assert refunded.earnings == 0
    first, last = dt.date(2026, 1, 1), dt.date(2027, 1, 1)
    for rules in all_rules:
        events = forecast.event_index([refunded], rules, first, last)
        pairs = set(zip(events.day.tolist(), events.contract.tolist(), strict=True))
        assert pairs == reference([refunded], rules, first, last)
        assert (dt.date(2026, 2, 1).toordinal(), 0) in pairs


def every_event(
    contracts: list[Contract], rules: Rules, first: dt.date, last: dt.date
) -> forecast.Events:
    """The index as it was before weight steps were limited to contracts that can be counted
    as long-term: every contract's weight steps are events."""
    rule_sets = rules.presets if isinstance(rules, HistoricalRules) else (rules,)
    pairs = reference(contracts, rules, first, last)
    low, high = first.toordinal() - 14, last.toordinal()
    for position, contract in enumerate(contracts):
        for rule_set in rule_sets:
            period = rule_set.length_bonus_days
            if period == 0:
                continue
            first_step = max(1, (first - contract.start).days // period)
            for k in range(first_step, (last - contract.start).days // period + 1):
                day = (contract.start + dt.timedelta(days=k * period)).toordinal()
                if low <= day <= high:
                    pairs.add((day, position))
    ordered = sorted(pairs)
    return forecast.Events(
        np.array([d for d, _ in ordered], dtype=np.int64),
        np.array([i for _, i in ordered], dtype=np.int64),
    )


@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    max_examples=60,
)
@given(data=st.data())
def test_weight_steps_of_contracts_never_long_term_cause_nothing(
    random_documents: RandomDocuments,
    all_rules: tuple[Rules, ...],
    data: st.DataObject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The changes and their causes are the same with every contract's weight steps as
    candidates: the ones left out never change a verdict."""
    contracts, first, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    last = months_after(first, 24)
    ours = forecast.changes_between(contracts, rules, first, last)
    with monkeypatch.context() as patched:
        patched.setattr(forecast, "event_index", every_event)
        assert forecast.changes_between(contracts, rules, first, last) == ours
