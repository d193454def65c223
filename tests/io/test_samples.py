"""The bundled sample documents open and tell their stories in the numbers.

The committed files are checked, not regenerated: ``resources/samples/make_samples.py`` wrote
them, and a change there must be followed by running it again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
import pytest

from jsswhatif.core.calendar import window_exit
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated import top_rated
from jsswhatif.io.store import load_document

D = dt.date.fromisoformat
SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
NAMES = (
    "dropped-92-to-90.jsswhatif",
    "veteran-unended-contracts.jsswhatif",
    "lost-top-rated.jsswhatif",
)


def sample(name: str) -> Document:
    return load_document(SAMPLES / name)


@pytest.mark.parametrize("name", NAMES)
def test_a_sample_opens_and_explains_itself(name: str) -> None:
    document = sample(name)
    assert document.title
    assert 100 < len(document.description) < 1000
    assert document.as_of is not None
    assert document.contracts
    for scenario in document.scenarios:
        document.contracts_for(scenario.name)  # every scenario applies


@pytest.mark.parametrize("name", NAMES)
def test_a_sample_ships_inside_the_package(name: str) -> None:
    with as_file(files("jsswhatif.resources") / "samples" / name) as path:
        assert load_document(path) == sample(name)


@pytest.mark.parametrize("name", NAMES)
def test_observations_match_the_estimate(name: str) -> None:
    document = sample(name)
    for observation in document.observations:
        assert evaluate(document.contracts, document.rules, observation.date).displayed == (
            observation.value
        )


# 1. "I had 92% JSS even last week ... this week downgraded to 90%" ------------------------------


def test_dropped_92_to_90_in_a_week_when_a_good_contract_left_the_24_month_window() -> None:
    document = sample("dropped-92-to-90.jsswhatif")
    assert document.rules_name == "upwork-2024-09"
    as_of = document.as_of
    assert as_of == D("2026-09-17")
    week_before = as_of - dt.timedelta(days=7)
    timeline = compute_timeline(document.contracts, document.rules, week_before, as_of)
    displayed = timeline.displayed
    assert (displayed[0], displayed[-1]) == (92.0, 90.0)
    drops = np.flatnonzero(np.diff(displayed)) + 1
    changes = [timeline.dates()[i] for i in drops]
    assert changes == [D("2026-09-15")]  # one change, in the week
    # No action in that week: nothing started, ended, was paid or got feedback.
    week = (week_before, as_of)
    for contract in document.contracts:
        for day in (contract.start, contract.end, contract.last_paid, contract.feedback_date):
            assert day is None or not week[0] < day <= week[1]
    # The cause: the best window is the 24-month one, and a 5-star contract left it that day.
    before = evaluate(document.contracts, document.rules, D("2026-09-14"))
    after = evaluate(document.contracts, document.rules, D("2026-09-15"))
    assert before.best == before.windows[24].score
    assert float(before.windows[24].score or 0) == pytest.approx(100 * 23.5 / 25.5)
    assert after.windows[24].score == 90
    left = [
        b.contract
        for b, a in zip(before.results, after.results, strict=True)
        if 24 in b.windows and 24 not in a.windows
    ]
    assert [c.title for c in left] == ["Shopify store rebuild"]
    gone = next(r for r in before.results if r.contract.id == left[0].id)
    assert gone.outcome is not None
    assert (gone.outcome.value, gone.outcome.weight) == (1, Decimal("5.5"))
    assert left[0].end is not None
    assert window_exit(left[0].end, 24) == D("2026-09-15")
    assert left[0].public == 5
    for months in (6, 12):  # the shorter windows were never what the user saw
        assert float(after.windows[months].score or 0) < 89.5


# 2. The veteran's 45 contracts the clients never ended -------------------------------------------


def _displayed(document: Document, rules: str, scenario: str | None) -> int | None:
    contracts = document.contracts_for(scenario)
    return evaluate(contracts, PRESETS_BY_NAME[rules], document.as_of or D("2026-09-27")).displayed


def test_veteran_has_45_finished_paid_contracts_never_ended() -> None:
    document = sample("veteran-unended-contracts.jsswhatif")
    as_of = document.as_of
    assert as_of is not None
    unended = [c for c in document.contracts if c.end is None]
    assert len(unended) == 45
    for contract in unended:
        assert contract.earnings > 0
        assert contract.last_paid is not None
        assert (as_of - contract.last_paid).days > 90  # finished: no recent payment
        assert contract.public is None
        assert contract.private is None
    ended = [c for c in document.contracts if c.end is not None]
    assert len(ended) >= 40
    assert all(c.public is not None and c.private is not None for c in ended)
    first = min(c.start for c in document.contracts)
    assert (as_of - first).days >= 7 * 365  # seven years on Upwork
    assert sum(1 for c in unended if (as_of - c.start).days > 2 * 365) >= 20


def test_veteran_scores_differ_between_the_rule_sets_as_the_description_says() -> None:
    document = sample("veteran-unended-contracts.jsswhatif")
    assert document.rules_name == "upwork-2024-09"
    scenario = "Clients end them all"
    scores = {
        (rules, who): _displayed(document, rules, who)
        for rules in ("upwork-2024-09", "upwork-2015")
        for who in (None, scenario)
    }
    assert scores == {
        ("upwork-2024-09", None): 95,
        ("upwork-2024-09", scenario): 95,  # ended without feedback: excluded, no change
        ("upwork-2015", None): 61,  # inactive 90 days: ended, neutral without feedback
        ("upwork-2015", scenario): 16,  # 45 neutral outcomes dated now, in every window
    }
    for score in (95, 61, 16):
        assert f"{score}%" in document.description
    assert "upwork-2015" in document.description


def test_veteran_unended_contracts_do_not_count_today_and_count_neutral_under_2015() -> None:
    document = sample("veteran-unended-contracts.jsswhatif")
    as_of = document.as_of
    assert as_of is not None
    unended = {c.id for c in document.contracts if c.end is None}
    today = evaluate(document.contracts, PRESETS_BY_NAME["upwork-2024-09"], as_of)
    assert {r.status for r in today.results if r.contract.id in unended} == {"open_pending"}
    old = evaluate(document.contracts, PRESETS_BY_NAME["upwork-2015"], as_of)
    assert old.computed_on == as_of  # an update day of the biweekly cadence
    in_window = [r for r in old.results if r.contract.id in unended and r.windows]
    assert len(in_window) == 5
    for result in in_window:
        assert result.outcome is not None
        assert (result.outcome.reason, result.outcome.value) == ("inactive_as_ended", 0)
    ended = evaluate(document.contracts_for("Clients end them all"), old.rule_set, as_of)
    ended_now = [r for r in ended.results if r.contract.id in unended]
    assert all(r.outcome is not None and r.outcome.value == 0 for r in ended_now)
    assert all(r.windows == (6, 12, 24) for r in ended_now)


# 3. Lost Top Rated with no bad review and no contract closed ------------------------------------


def test_lost_top_rated_when_a_long_term_contract_went_unpaid_for_90_days() -> None:
    document = sample("lost-top-rated.jsswhatif")
    assert document.rules_name == "upwork-2024-09"
    as_of = document.as_of
    assert as_of == D("2026-06-04")
    before = top_rated(document.contracts, document.rules, D("2026-05-28"))
    now = top_rated(document.contracts, document.rules, as_of)
    assert before.eligible
    assert before.displayed == 93
    assert before.weeks_at_90 == 16
    assert not now.eligible
    assert now.displayed == 88  # below 90: the first criterion fails
    assert now.weeks_at_90 == 15  # the 13-of-16-weeks rule alone would still hold
    # The day it happened, and why: the long-term contract was last paid 91 days before.
    timeline = compute_timeline(document.contracts, document.rules, D("2026-05-28"), as_of)
    drops = np.flatnonzero(np.diff(timeline.displayed)) + 1
    assert [timeline.dates()[i] for i in drops] == [D("2026-05-29")]
    brightline = next(c for c in document.contracts if c.client == "Brightline Media")
    assert brightline.end is None
    assert brightline.last_paid == D("2026-02-27")
    assert brightline.public is None
    assert brightline.private is None
    statuses = [
        next(r for r in evaluate(document.contracts, document.rules, D(day)).results
             if r.contract.id == brightline.id).status
        for day in ("2026-05-28", "2026-05-29")
    ]  # fmt: skip
    assert statuses == ["counted", "open_pending"]
    last_day = evaluate(document.contracts, document.rules, D("2026-05-28"))
    counted = next(r for r in last_day.results if r.contract.id == brightline.id)
    assert counted.outcome is not None
    assert (counted.outcome.reason, counted.outcome.weight) == ("long_term_active", Decimal("7.5"))
    # No nasty feedback at all: every visible rating is neutral or better.
    assert all(c.private is None or c.private >= 7 for c in document.contracts)
    assert not any(c.disputed for c in document.contracts)
    assert "93%" in document.description
    assert "88%" in document.description


@pytest.mark.parametrize(
    "scenario", ["Brightline pays an invoice", "Brightline ends it with 5 stars"]
)
def test_each_lost_top_rated_scenario_brings_it_back(scenario: str) -> None:
    document = sample("lost-top-rated.jsswhatif")
    assert document.as_of is not None
    estimate = top_rated(document.contracts_for(scenario), document.rules, document.as_of)
    assert estimate.eligible
    assert estimate.displayed == 93
