"""The engine's memory of per-contract results (issue 14) never changes an answer.

:func:`~jsswhatif.core.engine.evaluate` reuses the result of a contract object it has already
judged, at the same date, or at another once the contract has settled. Copies of the
contracts are new objects the memory has never seen, so evaluating them is the reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import Evaluation, contract_result, evaluate
from jsswhatif.core.rules import Rules, builtin_rules, resolve

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]


def _fresh(contracts: list[Contract], rules: Rules, day: dt.date) -> object:
    return evaluate([c.model_copy() for c in contracts], rules, day)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_remembered_results_equal_fresh_ones_across_dates_and_edits(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Evaluations at random dates, with random contracts replaced between them, equal the
    evaluation of never-seen copies: every result, window, score and bonus."""
    contracts, first, days = data.draw(random_documents)
    others, _, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    for _ in range(data.draw(st.integers(1, 6))):
        day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
        replace, toggle = data.draw(st.booleans()), data.draw(st.booleans())
        if contracts and others and replace:
            k = data.draw(st.integers(0, len(contracts) - 1))
            replacement = data.draw(st.sampled_from(others))
            contracts[k] = replacement.model_copy(update={"id": contracts[k].id})
        if contracts and toggle:
            k = data.draw(st.integers(0, len(contracts) - 1))
            contracts[k] = contracts[k].model_copy(update={"excluded": not contracts[k].excluded})
        assert evaluate(contracts, rules, day) == _fresh(contracts, rules, day)


def test_a_settled_contract_reused_on_another_day_moves_out_of_its_windows(
    table: Callable[[str], list[Contract]],
) -> None:
    """An ended contract judged on one day and reused a year later (settled: the same verdict)
    is held by the 24-month window only: the 6- and 12-month windows have let it go."""
    contracts = table(
        """
        id | client | start      | end        | earnings | public
        c1 | Acme   | 2024-01-01 | 2024-03-01 | 500      | 5
        c2 | Beta   | 2024-02-01 | 2024-04-01 | 500      | 5
        """
    )
    rules = builtin_rules("upwork-2024-09")
    assert rules is not None
    on_day = evaluate(contracts, rules, dt.date(2024, 6, 1))
    later = evaluate(contracts, rules, dt.date(2025, 6, 1))
    assert [r.windows for r in on_day.results] == [(6, 12, 24), (6, 12, 24)]
    assert [r.windows for r in later.results] == [(24,), (24,)]
    assert later.results[0].outcome == on_day.results[0].outcome
    assert later == _fresh(contracts, rules, dt.date(2025, 6, 1))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_one_contracts_result_is_its_entry_in_the_evaluation(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """``contract_result`` (a drag step's rows in view) equals the contract's entry in the
    whole evaluation: a result never depends on the other contracts."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
    evaluation = _fresh(contracts, rules, day)
    assert isinstance(evaluation, Evaluation)
    computed_on, rule_set = resolve(rules, day)
    alone = [contract_result(c.model_copy(), rule_set, computed_on) for c in contracts]
    assert alone == list(evaluation.results)
