"""Leave-one-out impact, fragility and window exits (scoring model, section 11)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core.calendar import window_exit
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import contract_impacts, fragility, window_exits
from jsswhatif.core.rules import HISTORICAL, PRESETS_BY_NAME, Rules
from jsswhatif.io.exports import round6

D = dt.date.fromisoformat


def test_impacts_of_the_interfaces_example(interfaces_sample) -> None:
    """Impacts as printed in interfaces.md (weights: c1 2.5, c2 6.5, c3 1.25, c4 2.5)."""
    evaluation = evaluate(interfaces_sample, PRESETS_BY_NAME["upwork-2024-09"], D("2026-11-25"))
    impacts = contract_impacts(evaluation)
    # best = 24-month = 100 * 11.5 / 12.75 = 90.196078.
    # without c1: 24-month 100 * 9 / 10.25 = 87.804878 -> 2.391200
    # without c2: 24-month 100 * 5 / 6.25 = 80 -> 10.196078
    # without c3: 24-month 100 * 11.5 / 11.5 = 100 -> -9.803922
    # without c4: 6-month = 24-month = 100 * 9 / 10.25 -> 2.391200
    # without c5 (not counted): unchanged -> 0
    # Exactly: best = 4600/51; 4600/51 - 3600/41 = 5000/2091; 4600/51 - 80 = 520/51;
    # 4600/51 - 100 = -500/51.
    expected = [Fraction(5000, 2091), Fraction(520, 51), Fraction(-500, 51), Fraction(5000, 2091)]
    assert impacts == (*expected, Fraction(0))
    assert [round6(x) for x in expected] == [2.3912, 10.196078, -9.803922, 2.3912]
    assert fragility(impacts) == pytest.approx(520 / 51)


def test_impact_that_ends_in_a_six_decimal_tie_is_exact(table) -> None:
    """The regression of issue 8: an impact of 687/640 = 1.0734375 rounds up to 1.073438.

    64 $100 and 3 $500 contracts with 5 stars, 56 $100 and one $500 with 4.0 stars, all ten
    days long (no length bonus): weights 1 and 1.25. P = 64 + 3.75 = 67.75, neutral 57.25. The
    $200 five-star contract over 200 days weighs 1 + min(200 // 90, 200 // 90 + 1) = 3. Every
    window holds all of them at 2026-11-25: with it 100 * 70.75 / 128 = 7075/128; without it
    100 * 67.75 / 125 = 271/5; the impact is 7075/128 - 271/5 = 687/640.
    """
    rows = ["client  start       end         earnings  public"]
    groups = [(64, 100, 5), (3, 500, 5), (56, 100, 4), (1, 500, 4)]
    for group, (count, earnings, stars) in enumerate(groups):
        rows += [f"C{group}-{k}  2026-09-01  2026-09-11  {earnings}  {stars}" for k in range(count)]
    rows.append("Last  2026-02-01  2026-08-20  200  5")
    contracts = table("\n".join(rows))
    evaluation = evaluate(contracts, PRESETS_BY_NAME["upwork-2024-09"], D("2026-11-25"))
    assert evaluation.best == Fraction(7075, 128)
    impact = contract_impacts(evaluation)[-1]
    assert impact == Fraction(687, 640)
    assert round6(impact) == 1.073438


def test_impact_is_none_when_removal_leaves_no_score(table) -> None:
    """Two outcomes from two clients: removing either leaves no JSS, so no impact."""
    contracts = table("""
        client  start       end         earnings  public
        Acme    2026-01-01  2026-02-01  100       5
        Beta    2026-01-01  2026-02-01  100       2
    """)
    evaluation = evaluate(contracts, PRESETS_BY_NAME["upwork-2024-09"], D("2026-03-01"))
    assert evaluation.displayed == 0  # (1 - 1) / 2
    assert contract_impacts(evaluation) == (None, None)
    assert fragility((None, None)) is None


def test_legacy_long_term_contract_has_impact_through_its_client_bonus(table) -> None:
    """An open long-term contract that does not count itself still moves the score by its bonus."""
    # upwork-2023-12, 2026-11-22 is a biweekly update day (1078 = 77 * 14 days after 2023-12-10).
    contracts = table("""
        id  client  start       end         earnings  last_paid   public
        a   Acme    2026-09-01  2026-10-01  500       -           5
        b   Beta    2026-10-01  2026-10-15  500       -           3
        lt  Zeta    2026-01-01  -           5000      2026-11-15  -
    """)
    evaluation = evaluate(contracts, PRESETS_BY_NAME["upwork-2023-12"], D("2026-11-22"))
    assert evaluation.computed_on == D("2026-11-22")
    assert [r.status for r in evaluation.results] == ["counted", "counted", "open_pending"]
    assert evaluation.bonus_clients == ("Zeta",)
    # Every window: a +1.25, b -1.25, bonus +1: 100 * (2.25 - 1.25) / 3.5 = 28.571429.
    # Without lt: 100 * (1.25 - 1.25) / 2.5 = 0. Without a or b: one outcome, no score.
    impacts = contract_impacts(evaluation)
    assert impacts[2] == Fraction(200, 7)  # 100 / 3.5
    assert impacts[:2] == (None, None)


def test_window_exits_of_fixed_outcomes_only(interfaces_sample) -> None:
    """Each ended outcome leaves each window once; a long-term outcome (dated t) never does."""
    evaluation = evaluate(interfaces_sample, PRESETS_BY_NAME["upwork-2024-09"], D("2026-11-25"))
    exits = {(e.contract_id, e.months): e.date for e in window_exits(evaluation)}
    assert ("c2", 6) not in exits  # long-term active
    assert ("c5", 6) not in exits  # not counted
    # c4 dated 2025-06-30: months_before(2026-01-01, 6) = 2025-07-01 > 2025-06-30.
    assert exits[("c4", 6)] == D("2026-01-01")
    assert exits[("c4", 24)] == D("2027-07-01")
    # c3 dated 2026-06-28 leaves the 6-month window on 2026-12-29.
    assert exits[("c3", 6)] == D("2026-12-29")
    assert len(exits) == 3 * 3


CLIENTS = ("Acme", "acme ", "Beta", "Gamma", "Delta")


@st.composite
def contract_sets(draw: st.DrawFn) -> list[Contract]:
    """Up to 12 random contracts around 2024-2026 (open and ended, with and without feedback)."""
    contracts = []
    for k in range(draw(st.integers(0, 12))):
        start = D("2024-06-01") + dt.timedelta(days=draw(st.integers(0, 800)))
        earnings = draw(st.sampled_from(["0", "100", "250", "900", "5000"]))
        end = draw(st.none() | st.integers(0, 400))
        paid = draw(st.none() | st.integers(0, 500)) if earnings != "0" else None
        contracts.append(
            make_contract(
                id=f"c{k}",
                client=draw(st.sampled_from(CLIENTS)),
                start=start,
                end=None if end is None else start + dt.timedelta(days=end),
                earnings=earnings,
                last_paid=None if paid is None else start + dt.timedelta(days=paid),
                public=draw(st.sampled_from([None, "5", "4", "2"])),
                private=draw(st.none() | st.integers(0, 10)),
                disputed=draw(st.integers(0, 9)) == 0,
                excluded=draw(st.integers(0, 9)) == 0,
            )
        )
    return contracts


@given(
    contract_sets(),
    st.sampled_from([*PRESETS_BY_NAME.values(), HISTORICAL]),
    st.integers(0, 1000),
)
def test_impacts_equal_leaving_each_contract_out(
    contracts: list[Contract], rules: Rules, day: int
) -> None:
    """Every impact equals best(all) - best(all but that contract), evaluated from scratch."""
    as_of = D("2024-09-01") + dt.timedelta(days=day)
    evaluation = evaluate(contracts, rules, as_of)
    for i, impact in enumerate(contract_impacts(evaluation)):
        without = evaluate(contracts[:i] + contracts[i + 1 :], rules, as_of).best
        if evaluation.best is None or without is None:
            assert impact is None
        else:
            assert impact == evaluation.best - without  # exact: the same fraction
            assert round6(impact) == round6(evaluation.best - without)


def test_window_exits_equal_one_by_one_exits(all_rules: tuple[Rules, ...]) -> None:
    """Computed at once and sorted as tuples, the exits are those of ``window_exit`` per
    outcome and window, in date, then window, then contract order."""
    contracts = [
        make_contract(
            id=f"c{k}",
            client=f"Client {k % 3}",
            start=dt.date(2024, 1, 1) + dt.timedelta(days=11 * k),
            end=dt.date(2024, 3, 1) + dt.timedelta(days=11 * k - 5 * (k % 4)),
            earnings=500,
            public=5 if k % 2 else 4,
        )
        for k in range(40)
    ]
    for rules in all_rules:
        evaluation = evaluate(contracts, rules, dt.date(2025, 6, 1))
        expected = [
            (window_exit(r.outcome.date, m), m, r.contract.id, r.outcome.value)
            for r in evaluation.results
            if r.outcome is not None and r.outcome.reason != "long_term_active"
            for m in evaluation.rule_set.reported_windows
        ]
        expected.sort(key=lambda e: (e[0], e[1]))
        exits = window_exits(evaluation)
        assert [(e.date, e.months, e.contract_id, e.value) for e in exits] == expected
        held = {r.contract.id: r.windows for r in evaluation.results}
        coming = [e for e in exits if e.months in held[e.contract_id]]
        assert window_exits(evaluation, held_only=True) == tuple(coming)
        assert 0 < len(coming) < len(exits)  # some exits are history on 2025-06-01
