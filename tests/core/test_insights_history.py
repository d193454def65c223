"""Impacts of outcomes that no window holds, and window exits of such outcomes.

:func:`~jsswhatif.core.insights.contract_impacts` treats a counted outcome outside every
scored window (and earning no bonus) like removing nothing, and ``window_exits`` with
``held_only`` skips outcomes no reported window holds; these pin both against evaluating
from scratch, also where a scored window is not reported (trending's 6 months beside a
configured 3-month window only).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import contract_impacts, window_exits
from jsswhatif.core.rules import PRESETS_BY_NAME, Rules, custom_rule_set

D = dt.date.fromisoformat

#: Trending on with only a 3-month window configured: the 6-month window is scored, not
#: reported, so an outcome 4 months old is in no reported window yet still moves the score.
SHORT_TRENDING = custom_rule_set(
    PRESETS_BY_NAME["upwork-2024-09"], "short-trending", windows=(3,), trending=True
)


def history() -> list[Contract]:
    """Ended contracts over four years, one every seven weeks, from four clients."""
    return [
        make_contract(
            id=f"c{k}",
            client=("Acme", "acme ", "Beta", "Gamma")[k % 4],
            start=D("2022-01-03") + dt.timedelta(weeks=7 * k),
            end=D("2022-02-01") + dt.timedelta(weeks=7 * k),
            earnings=(300, 1200, 90)[k % 3],
            public=(5, 4, 2, None)[k % 4],
        )
        for k in range(30)
    ]


@pytest.mark.parametrize("as_of", [D("2025-06-01"), D("2026-03-15")])
def test_impacts_of_outcomes_outside_every_window_equal_leaving_them_out(
    all_rules: tuple[Rules, ...], as_of: dt.date
) -> None:
    """Every impact equals best(all) - best(all but that contract), evaluated from scratch."""
    contracts = history()
    for rules in (*all_rules, SHORT_TRENDING):
        evaluation = evaluate(contracts, rules, as_of)
        impacts = contract_impacts(evaluation)
        for i, impact in enumerate(impacts):
            without = evaluate(contracts[:i] + contracts[i + 1 :], rules, as_of).best
            if evaluation.best is None or without is None:
                assert impact is None, (rules.name, i)
            else:
                assert impact == evaluation.best - without, (rules.name, i)
        outside = [
            i
            for i, r in enumerate(evaluation.results)
            if r.outcome is not None and not r.windows and not r.bonus
        ]
        assert outside  # the check covers outcomes no window holds


def test_short_trending_outcome_in_no_reported_window_still_has_an_impact() -> None:
    """Four months old: outside the 3-month window, inside trending's 6-month one."""
    contracts = [
        make_contract(
            id=f"c{k}", client=f"Client {k}", start=start, end=end, earnings=500, public=5
        )
        for k, (start, end) in enumerate(
            [
                (D("2026-01-01"), D("2026-02-01")),  # about four months before 2026-06-01
                (D("2026-04-01"), D("2026-05-01")),
                (D("2026-04-10"), D("2026-05-10")),
            ]
        )
    ]
    contracts.append(
        make_contract(
            id="c3",
            client="Client 3",
            start=D("2026-04-01"),
            end=D("2026-05-15"),
            earnings=500,
            public=2,
        )
    )
    as_of = D("2026-06-01")
    evaluation = evaluate(contracts, SHORT_TRENDING, as_of)
    first = evaluation.results[0]
    assert first.outcome is not None
    assert first.windows == ()
    best = evaluation.best
    assert best is not None
    # Weights 1.25: 3 months 100 * (2.5 - 1.25) / 3.75 = 100/3, 6 months 100 * (3.75 - 1.25)
    # / 5 = 50, trending their mean 125/3. Without c0 both are 100/3: c0's impact is 25/3.
    impacts = contract_impacts(evaluation)
    assert impacts[0] == Fraction(25, 3)
    for i, impact in enumerate(impacts):
        without = evaluate(contracts[:i] + contracts[i + 1 :], SHORT_TRENDING, as_of).best
        assert without is not None
        assert impact == best - without
    assert all(e.contract_id != "c0" for e in window_exits(evaluation, held_only=True))
