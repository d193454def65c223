"""The advisor (issue 11, deliverable 2): candidate actions scored as scenarios and ranked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.advice import advise, first_day_including, median_amount
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.document import Scenario
from jsswhatif.core.engine import evaluate
from jsswhatif.core.rules import HISTORICAL, PRESETS_BY_NAME, Rules, custom_rule_set
from jsswhatif.core.top_rated import top_rated

D = dt.date.fromisoformat
AS_OF = D("2026-11-25")  # a Wednesday
P2024 = PRESETS_BY_NAME["upwork-2024-09"]
#: Unit weights and no length bonus keep the sums countable by hand; silence counts as 0.
SIMPLE = custom_rule_set(
    P2024, "simple", weighting="unit", length_bonus_days=0, no_feedback="neutral"
)

SMALL = """
id | client | title      | start      | end        | earnings | public | feedback_date
e  | Echo   | Echo job   | 2026-06-01 | 2026-06-10 | 100      | 5      | -
b  | Beta   | Beta job   | 2026-07-01 | 2026-07-10 | 200      | 2      | -
g  | Golf   | Golf job   | 2026-08-01 | 2026-09-15 | 300      | 5      | -
h  | Hotel  | Hotel job  | 2026-10-01 | 2026-10-20 | 400      | 5      | -
c  | Gamma  | Gamma job  | 2026-10-01 | -          | 500      | -      | -
d  | Delta  | Delta job  | 2026-11-01 | 2026-11-20 | 600      | -      | -
"""


def _reference(
    contracts: list[Contract], rules: Rules, scenario: Scenario, day: dt.date | None
) -> tuple[int | None, bool]:
    """The scenario scored by the engine and the exact Top Rated estimate, from scratch."""
    assert day is not None
    changed = scenario.apply(tuple(contracts))
    return evaluate(changed, rules, day).displayed, top_rated(changed, rules, day).eligible


def test_small_document_ranked_by_hand(table) -> None:
    """Every window holds e +1, b -1, g +1, h +1 and d 0 (silent): 100 * (3 - 1) / 5 = 40%."""
    contracts = table(SMALL)
    advice = advise(contracts, SIMPLE, AS_OF)
    assert (advice.as_of, advice.rules, advice.displayed) == (AS_OF, "simple", 40)
    summary = [
        (a.kind, a.contract, a.date, a.displayed_after, a.top_rated_after, a.lowers)
        for a in advice.actions
    ]
    assert summary == [
        # e leaves the 6-month window on 2026-12-11 (6: b, g, h, d: 25%; 12 still 40%), b on
        # 2027-01-11: the 6-month window is g, h, d: 100 * 2 / 3 = 66.67%.
        ("wait", None, D("2027-01-11"), 67, False, False),
        # On 2026-12-25 the 6-month window is b, g, h, d plus three jobs: 100 * 4 / 7; the
        # 12-month one e, b, g, h, d plus three: 100 * (6 - 1) / 8 = 62.5, half up: 63.
        ("new_jobs", None, D("2026-12-25"), 63, False, False),
        # d's silent 0 turns +1: 100 * (4 - 1) / 5.
        ("ask_feedback", "d", AS_OF, 60, False, False),
        # Two jobs: 12 months 100 * (5 - 1) / 7 = 57.14.
        ("new_jobs", None, D("2026-12-25"), 57, False, False),
        # c counts +1 today: 100 * (4 - 1) / 6 = 50, sooner than one new job's 50
        # (12 months: 100 * (4 - 1) / 6).
        ("end_with_feedback", "c", AS_OF, 50, False, False),
        ("new_jobs", None, D("2026-12-25"), 50, False, False),
        # c counts 0 today: 100 * (3 - 1) / 6 = 33.33: it lowers the score.
        ("end_without_feedback", "c", AS_OF, 33, False, True),
    ]
    texts = [a.text for a in advice.actions]
    assert texts[0] == (
        "Wait until 2027-01-11: 40% -> 67%, contract 'Beta job' (negative, weight 1) leaves "
        "the 6-month window"
    )
    # The median of 100, 200, 300, 400, 500 and 600 is 350.
    assert texts[1] == "Finish 3 new $350 jobs with 5 stars by 2026-12-25"
    assert texts[2] == "Ask for feedback on 'Delta job' (5 stars today)"
    assert texts[4] == "End 'Gamma job' with 5 stars today"
    assert texts[5] == "Finish 1 new $350 job with 5 stars by 2026-12-25"
    assert texts[6] == "End 'Gamma job' without feedback today"


def test_scenarios_make_the_actions(table) -> None:
    """Each action's scenario holds exactly the changes it names, and scores as the action."""
    contracts = table(SMALL)
    advice = advise(contracts, SIMPLE, AS_OF)
    by_kind = {(a.kind, len(a.scenario.added)): a for a in advice.actions}
    ended = by_kind["end_with_feedback", 0].scenario
    # c had no last_paid: it stays paid through its start, as before (ending is no payment).
    assert ended.overrides == {
        "c": {
            "end": "2026-11-25",
            "public": "5",
            "feedback_date": "2026-11-25",
            "last_paid": "2026-10-01",
        }
    }
    assert by_kind["end_without_feedback", 0].scenario.overrides == {
        "c": {"end": "2026-11-25", "last_paid": "2026-10-01"}
    }
    assert by_kind["ask_feedback", 0].scenario.overrides == {
        "d": {"public": "5", "feedback_date": "2026-11-25"}
    }
    assert by_kind["wait", 0].scenario.overrides == {}
    jobs = by_kind["new_jobs", 3].scenario.added
    assert [(j.id, j.client, j.start, j.end, j.earnings, j.public) for j in jobs] == [
        (f"new-job-{k}", f"New client {k}", AS_OF, D("2026-12-25"), Decimal(350), Decimal(5))
        for k in (1, 2, 3)
    ]
    for action in advice.actions:
        assert _reference(contracts, SIMPLE, action.scenario, action.date) == (
            action.displayed_after,
            action.top_rated_after,
        ), action.text


def test_top_rated_after_an_action(table) -> None:
    """A steady 100% since spring with $1,450 earned: ending the open job silently under a
    rule set that counts silence as 0 keeps Top Rated (100 * 2 / 3 = 66.67% is below 90, so
    it does not), and with 5 stars it stays at 100%."""
    contracts = table("""
        id | client | title | start      | end        | earnings | public
        a  | Acme   | A     | 2026-01-05 | 2026-03-01 | 700      | 5
        b  | Beta   | B     | 2026-02-01 | 2026-04-01 | 750      | 5
        c  | Gamma  | C     | 2026-11-01 | -          | 0        | -
    """)
    rules = custom_rule_set(SIMPLE, "simple-zero", zero_earnings_no_feedback="neutral",
                            zero_earnings_positive="counted")  # fmt: skip
    advice = advise(contracts, rules, AS_OF)
    assert advice.displayed == 100
    found = {a.kind: (a.displayed_after, a.top_rated_after, a.lowers) for a in advice.actions}
    assert found["end_with_feedback"] == (100, True, False)
    assert found["end_without_feedback"] == (67, False, True)
    for action in advice.actions:
        assert _reference(contracts, rules, action.scenario, action.date) == (
            action.displayed_after,
            action.top_rated_after,
        ), action.text


def test_a_biweekly_update_dates_the_actions(interfaces_sample) -> None:
    """Under upwork-2023-12 (biweekly from 2023-12-10) an action on 2026-11-25 shows on the
    update of 2026-12-06 = 2023-12-10 + 14 * 78; jobs ending 2026-12-25 on that of 2027-01-03."""
    rules = PRESETS_BY_NAME["upwork-2023-12"]
    assert first_day_including(rules, AS_OF) == D("2026-12-06")
    assert first_day_including(rules, D("2026-12-06")) == D("2026-12-06")
    assert first_day_including(P2024, AS_OF) == AS_OF
    advice = advise(interfaces_sample, rules, AS_OF)
    dates = {(a.kind, a.date) for a in advice.actions if a.kind != "wait"}
    assert dates == {
        ("end_with_feedback", D("2026-12-06")),
        ("end_without_feedback", D("2026-12-06")),
        ("new_jobs", D("2027-01-03")),
    }
    for action in advice.actions:
        assert _reference(interfaces_sample, rules, action.scenario, action.date) == (
            action.displayed_after,
            action.top_rated_after,
        ), action.text


def test_candidates_left_out(table) -> None:
    """Excluded and future contracts get no action, nor a contract ended 15 days ago or one
    with feedback; without earnings there is no median job and no new_jobs."""
    contracts = table("""
        id | client | start      | end        | earnings | public | excluded
        x  | Acme   | 2026-01-05 | -          | 0        | -      | yes
        f  | Beta   | 2026-12-01 | -          | 0        | -      | no
        o  | Gamma  | 2026-01-05 | 2026-11-10 | 0        | -      | no
        r  | Delta  | 2026-01-05 | 2026-11-20 | 0        | 4      | no
    """)
    advice = advise(contracts, P2024, AS_OF)
    assert advice.actions == ()
    assert advice.displayed is None
    assert median_amount(contracts) is None


def test_an_empty_document_has_no_advice() -> None:
    advice = advise([], P2024, AS_OF)
    assert (advice.displayed, advice.actions) == (None, ())


def test_median_amount() -> None:
    """The median of the positive amounts, to the cent: 100, 250, 300 -> 250; 0.01 and
    0.02 -> 0.015, half even to 0.02."""
    made = [
        make_contract(id=f"c{k}", client="A", start=AS_OF, earnings=e)
        for k, e in enumerate(["100", "0", "250", "300"])
    ]
    assert median_amount(made) == Decimal(250)
    cents = [make_contract(id=f"c{k}", client="A", start=AS_OF, earnings=e)
             for k, e in enumerate(["0.01", "0.02"])]  # fmt: skip
    assert median_amount(cents) == Decimal("0.02")


def test_ids_of_new_jobs_do_not_clash(table) -> None:
    contracts = table("""
        id        | client | start      | end        | earnings | public
        new-job-1 | Acme   | 2026-01-05 | 2026-03-01 | 700      | 5
    """)
    advice = advise(contracts, P2024, AS_OF)
    three = [a for a in advice.actions if a.kind == "new_jobs" and len(a.scenario.added) == 3]
    assert [j.id for j in three[0].scenario.added] == ["new-job-2", "new-job-3", "new-job-4"]
    assert three[0].scenario.apply(tuple(contracts))  # the ids are unique


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30, deadline=None)
@given(data=st.data())
def test_every_action_scores_as_its_scenario(
    random_documents: st.SearchStrategy[tuple[list[Contract], dt.date, int]],
    all_rules: tuple[Rules, ...],
    data: st.DataObject,
) -> None:
    """The advisor's fast scoring equals the engine on the scenario applied, on the day the
    update first includes the action; the ranking holds."""
    contracts, as_of, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    advice = advise(contracts, rules, as_of)
    assert advice.displayed == evaluate(contracts, rules, as_of).displayed
    for action in advice.actions:
        changed = action.scenario.apply(tuple(contracts))
        assert action.date is not None
        assert evaluate(changed, rules, action.date).displayed == action.displayed_after
    keys = [(a.displayed_after is None, -(a.displayed_after or 0), a.date) for a in advice.actions]
    assert keys == sorted(keys)


def test_historical_rules(interfaces_sample) -> None:
    advice = advise(interfaces_sample, HISTORICAL, AS_OF)
    assert advice.rules == "historical"
    assert advice.displayed == 90  # the interfaces.md example: upwork-2024-09 in force


def test_at_the_end_of_the_domain_no_new_jobs(table) -> None:
    """Jobs ending 30 days after 2199-12-20 would end after 2199-12-31, the last date
    jsswhatif handles: no new_jobs then; the other actions remain."""
    contracts = table("""
        id | client | start      | end        | earnings | public
        a  | Acme   | 2199-01-05 | 2199-03-01 | 700      | 5
        b  | Beta   | 2199-02-01 | -          | 750      | -
    """)
    advice = advise(contracts, P2024, D("2199-12-20"))
    assert {a.kind for a in advice.actions} == {"end_with_feedback", "end_without_feedback"}


def test_a_saturday_counts_the_action_in_its_weekly_sample(table) -> None:
    """On Saturday 2026-11-28 the day's own Top Rated sample is the score with the action."""
    contracts = table("""
        id | client | title | start      | end        | earnings | public
        a  | Acme   | A     | 2026-01-05 | 2026-03-01 | 700      | 5
        b  | Beta   | B     | 2026-02-01 | 2026-04-01 | 750      | 5
        c  | Gamma  | C     | 2026-11-01 | -          | 0        | -
    """)
    rules = custom_rule_set(SIMPLE, "simple-zero", zero_earnings_no_feedback="neutral",
                            zero_earnings_positive="counted")  # fmt: skip
    saturday = D("2026-11-28")
    advice = advise(contracts, rules, saturday)
    for action in advice.actions:
        assert _reference(contracts, rules, action.scenario, action.date) == (
            action.displayed_after,
            action.top_rated_after,
        ), action.text


def test_the_scorer_counts_changed_earnings(table) -> None:
    """A swap that changes what was earned changes the 12-month earnings: $100 instead of
    $700 leaves $850, below Top Rated's $1,000."""
    from jsswhatif.core.advice import _samples
    from jsswhatif.core.advice_scoring import Scorer
    from jsswhatif.core.timeline import compute_timeline
    from jsswhatif.core.top_rated import LOOKBACK_DAYS

    contracts = tuple(
        table("""
        id | client | start      | end        | earnings | public
        a  | Acme   | 2026-01-05 | 2026-03-01 | 700      | 5
        b  | Beta   | 2026-02-01 | 2026-04-01 | 750      | 5
    """)
    )
    lookback = AS_OF - dt.timedelta(days=LOOKBACK_DAYS)
    samples = _samples(compute_timeline(contracts, P2024, lookback, AS_OF), AS_OF)
    scorer = Scorer(contracts, evaluate(contracts, P2024, AS_OF), samples)
    cheaper = make_contract(**{**contracts[0].model_dump(), "earnings": "100"})
    assert scorer.swap(0, contracts[0]) == (100, True)
    assert scorer.swap(0, cheaper) == (100, False)
    swapped = (cheaper, contracts[1])
    assert top_rated(swapped, P2024, AS_OF).eligible is False
