"""Every fast path held to the exact engine on random documents (issue 8, deliver item 3).

The timeline has its own property test (test_timeline.py) and the impacts theirs
(test_insights.py); here: the forecast, the window exits and the explanations.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import explain_result, status_label, value_words
from jsswhatif.core.forecast import HORIZON_MONTHS, forecast
from jsswhatif.core.insights import window_exits
from jsswhatif.core.rules import Rules, RuleSet, custom_rule_set
from jsswhatif.core.timeline import compute_timeline

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]


def _daily(rules: Rules) -> RuleSet | None:
    """A daily copy of a rule set (None for historical), so that every day is an update day."""
    if not isinstance(rules, RuleSet):
        return None
    return rules if rules.cadence == "daily" else custom_rule_set(rules, "daily", cadence="daily")


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
@given(data=st.data())
def test_forecast_changes_are_the_timeline_changes_with_causes(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """The forecast lists exactly the days the displayed value changes, with the values the
    engine gives on that day and the day before, and each change has a cause other than
    "other"."""
    contracts, as_of, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    changes = forecast(contracts, rules, as_of)
    horizon = months_after(as_of, HORIZON_MONTHS)
    timeline = compute_timeline(contracts, rules, as_of, horizon)
    shown = [None if math.isnan(x) else int(x) for x in timeline.displayed.tolist()]
    changed = [
        as_of + dt.timedelta(days=i) for i in range(1, len(shown)) if shown[i] != shown[i - 1]
    ]
    assert [c.date for c in changes] == changed
    for change in changes:
        before = evaluate(contracts, rules, change.date - dt.timedelta(days=1)).displayed
        assert (change.before, change.after) == (
            before,
            evaluate(contracts, rules, change.date).displayed,
        )
        assert any(cause.kind != "other" for cause in change.causes), change.text


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_window_exits_are_the_days_outcomes_leave_their_windows(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """On an exit's eve the engine holds the outcome in that window; on the exit day it does
    not, while the outcome itself is unchanged. Long-term outcomes have no exit."""
    contracts, as_of, _ = data.draw(random_documents)
    rules = _daily(data.draw(st.sampled_from(all_rules)))
    if rules is None:
        return
    evaluation = evaluate(contracts, rules, as_of)
    exits = window_exits(evaluation)
    by_id = {r.contract.id: r for r in evaluation.results}
    expected = {
        (r.contract.id, m)
        for r in evaluation.results
        if r.outcome is not None and r.outcome.reason != "long_term_active"
        for m in rules.reported_windows
    }
    assert {(e.contract_id, e.months) for e in exits} == expected
    assert [e.date for e in exits] == sorted(e.date for e in exits)
    for exit_ in exits:
        outcome = by_id[exit_.contract_id].outcome
        assert outcome is not None
        assert exit_.value == outcome.value
        index = [c.id for c in contracts].index(exit_.contract_id)
        eve = evaluate(contracts, rules, exit_.date - dt.timedelta(days=1)).results[index]
        on = evaluate(contracts, rules, exit_.date).results[index]
        if eve.outcome == outcome:
            assert exit_.months in eve.windows
        if on.outcome == outcome:
            assert exit_.months not in on.windows


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_explanation_names_the_status_that_decided(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Each contract's sentence says what the engine decided, and why, with the right dates."""
    contracts, as_of, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    evaluation = evaluate(contracts, rules, as_of)
    on = evaluation.computed_on
    for result in evaluation.results:
        text = explain_result(result, evaluation.rule_set, on)
        label = status_label(result)
        contract, outcome = result.contract, result.outcome
        ended = contract.end is not None and contract.end <= on
        if outcome is not None:
            assert text.startswith(
                f"Counted as {value_words(outcome.value)} (weight {outcome.weight}"
            )
            assert label.startswith("Counted")
            if outcome.reason == "ended":
                assert ended
                assert f"ended on {contract.end}" in text
            elif outcome.reason == "inactive_as_ended":
                assert not ended
                assert f"counts as ended on {outcome.date}" in text
            else:
                assert not ended
                assert "long-term" in text
            continue
        assert not label.startswith("Counted")
        match result.status:
            case "not_started":
                assert text == f"Not counted: the contract starts on {contract.start}."
            case "excluded_by_user":
                assert "you marked it as excluded" in text
            case "client_flagged":
                assert "client was flagged" in text
            case "open_pending":
                assert not ended
                waits = evaluation.rule_set.open_inactive == "as_ended"  # time makes it count
                assert text.startswith(
                    "Not counted yet: the contract is open."
                    if waits
                    else "Not counted: the contract is open; it counts once it ends."
                )
            case _:  # the three exclusions of an ended (or inactive) contract
                words = {
                    "excluded_zero_positive": "nothing was earned and the feedback is positive",
                    "excluded_zero_no_feedback": "nothing was earned and there is no feedback",
                    "excluded_no_feedback": "without feedback",
                }
                assert words[result.status] in text
                if result.basis == "inactive_as_ended":
                    assert not ended
                    assert f"counts as ended on {result.basis_date}" in text
                else:
                    assert result.basis == "ended"
                    assert ended
                    assert "is open" not in text
