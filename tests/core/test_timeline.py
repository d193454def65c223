"""The fast timeline (scoring model, section 11): hand-computed days and agreement with the engine.

The property tests compare :func:`compute_timeline` with :func:`engine.evaluate` day by day on
random documents, for every preset, ``historical`` and a few custom rule sets: windows,
trending and best as floats equal to ``float()`` of the engine's fractions, displayed exactly.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core import engine
from jsswhatif.core.calendar import months_before, window_exit_days
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.rules import (
    HISTORICAL,
    PRESETS_BY_NAME,
    EarningsTier,
    Rules,
    RuleSet,
    custom_rule_set,
)
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.timeline_grid import _displayed

ContractTable = Callable[[str], list[Contract]]
RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]
D = dt.date.fromisoformat
NAN = math.nan
P2024 = PRESETS_BY_NAME["upwork-2024-09"]


def _float(x: Fraction | int | None) -> float:
    return NAN if x is None else float(x)


def _same(a: object, b: object) -> bool:
    """Equal, NaN equal to NaN (floats compare bit for bit otherwise)."""
    if isinstance(a, float | np.floating) and isinstance(b, float | np.floating):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def assert_matches_engine(
    contracts: list[Contract], rules: Rules, first: dt.date, days: int
) -> None:
    """Every day of the timeline equals engine.evaluate of that day, to the last bit."""
    last = first + dt.timedelta(days=days - 1)
    timeline = compute_timeline(contracts, rules, first, last)
    assert timeline.days == days
    for i, day in enumerate(timeline.dates()):
        ev = engine.evaluate(contracts, rules, day)
        got: dict[str | int, object] = {
            "computed_on": int(timeline.computed_on[i]),
            "rule_set": timeline.rule_set_names[i],
            "trending": timeline.trending[i],
            "best": timeline.best[i],
            "displayed": timeline.displayed[i],
            **{m: timeline.windows[m][i] for m in timeline.windows},
        }
        want: dict[str | int, object] = {
            "computed_on": ev.computed_on.toordinal(),
            "rule_set": ev.rule_set.name,
            "trending": _float(ev.trending),
            "best": _float(ev.best),
            "displayed": _float(ev.displayed),
            **{m: NAN for m in timeline.windows},
            **{m: _float(ev.windows[m].score) for m in ev.rule_set.reported_windows},
        }
        bad = {k: (got[k], want[k]) for k in want if not _same(got[k], want[k])}
        assert not bad, f"{rules.name} on {day}: (timeline, engine) {bad}"


# -- hand-computed days ---------------------------------------------------------------------

SIX_ONLY = custom_rule_set(P2024, "six", windows=(6,), min_outcomes=1, min_clients=1)


def test_an_outcome_dated_feb_28_leaves_the_6_month_window_on_sep_1(table: ContractTable) -> None:
    """Section 2: dated 2026-02-28, in the 6-month window up to 2026-08-31, out on 09-01."""
    contracts = table("""
        client  start       end         earnings  public
        Acme    2026-02-01  2026-02-28  200       5
    """)
    timeline = compute_timeline(contracts, SIX_ONLY, D("2026-08-30"), D("2026-09-02"))
    assert list(timeline.windows) == [6]
    np.testing.assert_array_equal(timeline.windows[6], [100.0, 100.0, NAN, NAN])
    np.testing.assert_array_equal(timeline.displayed, [100.0, 100.0, NAN, NAN])


def test_biweekly_snapshots_hold_a_value_for_14_days(table: ContractTable) -> None:
    """Section 9: updates on 2026-01-04 and 01-18 (anchor 2023-12-10); an end on 01-15 shows
    from the 01-18 update and holds until the 01-31 (the 02-01 update is the next)."""
    biweekly = custom_rule_set(SIX_ONLY, "six-biweekly", cadence="biweekly")
    contracts = table("""
        client  start       end         earnings  public
        Acme    2026-01-01  2026-01-15  200       5
    """)
    timeline = compute_timeline(contracts, biweekly, D("2026-01-15"), D("2026-02-01"))
    updates = [dt.date.fromordinal(int(u)) for u in timeline.computed_on]
    assert updates == [D("2026-01-04")] * 3 + [D("2026-01-18")] * 14 + [D("2026-02-01")]
    np.testing.assert_array_equal(timeline.displayed, [NAN] * 3 + [100.0] * 15)


def test_historical_switches_on_the_2020_11_15_update_not_on_11_08(table: ContractTable) -> None:
    """Section 10: on 2020-11-08 the update day is 11-01, computed under upwork-2020-03 (an
    ended contract without feedback counts 0: 100 * 5 / 6 = 83.3); from 11-15 under 2020-11
    it is excluded (100)."""
    contracts = table("""
        client  start       end         earnings  public
        A       2020-08-01  2020-09-01  500       5
        B       2020-08-01  2020-09-01  500       5
        C       2020-08-01  2020-09-01  500       5
        D       2020-08-01  2020-09-01  500       5
        E       2020-08-01  2020-09-01  200       -
    """)
    timeline = compute_timeline(contracts, HISTORICAL, D("2020-11-07"), D("2020-11-15"))
    names = timeline.rule_set_names
    assert names == ("upwork-2020-03",) * 8 + ("upwork-2020-11",)
    assert timeline.computed_on[timeline.index_of(D("2020-11-08"))] == D("2020-11-01").toordinal()
    assert timeline.windows[6][0] == float(Fraction(500, 6))
    np.testing.assert_array_equal(timeline.displayed, [83.0] * 8 + [100.0])
    # m3 and trending exist only under the preset with trending on.
    assert math.isnan(timeline.windows[3][0])
    assert timeline.windows[3][-1] == 100.0
    assert math.isnan(timeline.trending[0])
    assert timeline.trending[-1] == 100.0


def test_long_term_weight_grows_every_90_days(table: ContractTable) -> None:
    """Section 6 on an open long-term contract (upwork-2024-09): weight 1.5 + floor((t - start)
    / 90); against one -1 of weight 1: 100 * 1.5 / 3.5 = 42.9 on 2025-06-29 (day 179), then
    100 * 2.5 / 4.5 = 55.6 on 06-30 (day 180)."""
    contracts = table("""
        client  start       end         earnings  last_paid   public
        Acme    2025-01-01  -           5000      2026-01-01  -
        Beta    2025-02-01  2025-03-01  100       -           1
    """)
    timeline = compute_timeline(contracts, P2024, D("2025-06-29"), D("2025-06-30"))
    assert list(timeline.windows[6]) == [float(Fraction(1500, 35)), float(Fraction(2500, 45))]
    np.testing.assert_array_equal(timeline.displayed, [43.0, 56.0])
    assert_matches_engine(contracts, P2024, D("2025-03-25"), 200)


def test_the_interfaces_example(table: ContractTable) -> None:
    """interfaces.md: as-of 2026-11-25 under upwork-2024-09, 6 months 87.80, 24 months 90.20."""
    contracts = table("""
        id | client | start | end | earnings | last_paid | public | private | feedback_date
        c1 | Acme Corp | 2026-03-02 | 2026-07-15 | 1800 | - | 5 | 10 | 2026-07-20
        c2 | Beta LLC | 2025-08-15 | - | 6400 | 2026-11-20 | - | - | -
        c3 | Gamma Studio | 2026-06-01 | 2026-06-28 | 450 | - | 4.0 | 8 | -
        c4 | Delta Co | 2025-01-06 | 2025-06-30 | 2000 | - | 5 | - | -
        c5 | Acme Corp | 2026-09-01 | 2026-10-31 | 240 | - | - | - | -
    """)
    timeline = compute_timeline(contracts, P2024, D("2026-11-25"), D("2026-11-25"))
    assert timeline.windows[6][0] == float(Fraction(90000, 1025))
    assert timeline.windows[24][0] == timeline.best[0] == float(Fraction(115000, 1275))
    assert timeline.displayed[0] == 90.0
    assert_matches_engine(contracts, P2024, D("2026-01-01"), 400)
    # One day read from the arrays (a drag step): c1, c2 (long-term) and c3 in every window,
    # c4 (ended 2025-06-30) in the 24-month one only.
    day = timeline.day(D("2026-11-25"))
    assert (day.displayed, day.rule_set_name, day.computed_on) == (90, "upwork-2024-09", day.as_of)
    assert day.windows == {6: float(Fraction(90000, 1025)), 12: day.windows[12], 24: day.best}
    assert day.outcomes == {6: 3, 12: 3, 24: 4}
    assert day.clients == {6: 3, 12: 3, 24: 4}
    assert day.trending is None


def test_no_contracts_give_no_jss_and_a_reversed_range_is_refused() -> None:
    """An empty document has no score on any day; ``last`` before ``first`` is an error."""
    timeline = compute_timeline([], HISTORICAL, D("2023-11-20"), D("2024-09-10"))
    assert set(timeline.windows) == {3, 6, 12, 24}
    for array in (timeline.best, timeline.displayed, timeline.trending, *timeline.windows.values()):
        assert np.isnan(array).all()
    with pytest.raises(ValueError, match="before it starts"):
        compute_timeline([], P2024, D("2024-01-02"), D("2024-01-01"))


def test_timeline_helpers() -> None:
    """dates, index_of, last, epoch seconds at UTC midnight, read-only arrays."""
    timeline = compute_timeline([], P2024, D("2024-02-28"), D("2024-03-01"))
    assert timeline.dates() == [D("2024-02-28"), D("2024-02-29"), D("2024-03-01")]
    assert timeline.last == D("2024-03-01")
    assert timeline.index_of(D("2024-03-01")) == 2
    with pytest.raises(ValueError, match="outside"):
        timeline.index_of(D("2024-03-02"))
    midnight = dt.datetime(2024, 2, 28, tzinfo=dt.UTC).timestamp()
    assert list(timeline.epoch_seconds()) == [midnight, midnight + 86400, midnight + 2 * 86400]
    with pytest.raises(ValueError, match="read-only"):
        timeline.best[0] = 1.0


def test_trending_uses_a_6_month_window_even_when_6_is_not_configured() -> None:
    """Section 8: trending is the mean of the 3- and 6-month scores whether or not 6 competes;
    the 6-month score is then not reported, and trending equals that of the same rule set
    with 6 configured."""
    rng = random.Random(7)
    contracts = [_random_contract(rng, k, D("2024-01-01")) for k in range(40)]
    with_six = custom_rule_set(PRESETS_BY_NAME["upwork-2023-12"], "with-6", cadence="daily")
    without = custom_rule_set(with_six, "without-6", windows=(12, 24))
    first, last = D("2024-01-01"), D("2024-06-30")
    timeline = compute_timeline(contracts, without, first, last)
    assert sorted(timeline.windows) == [3, 12, 24]
    assert np.isfinite(timeline.trending).sum() > 30
    reference = compute_timeline(contracts, with_six, first, last)
    np.testing.assert_array_equal(timeline.trending, reference.trending)
    assert_matches_engine(contracts, without, first, 182)


def test_window_exit_is_the_first_day_outside_the_window() -> None:
    """The vectorized window exit is, on every day of 2023-2025, the first t with
    months_before(t, L) > d, found by walking forward day by day (section 2's definition)."""
    days = np.arange(D("2023-01-01").toordinal(), D("2026-01-01").toordinal(), 7, dtype=np.int64)
    for months in (1, 3, 6, 12, 18, 24):
        expected = []
        for d in days.tolist():
            t = dt.date.fromordinal(d)
            while months_before(t, months) <= dt.date.fromordinal(d):
                t += dt.timedelta(days=1)
            expected.append(t.toordinal())
        assert window_exit_days(days, months).tolist() == expected


@pytest.mark.parametrize(
    ("best", "half_up", "floor"),
    [
        (Fraction(179, 2), 90, 89),  # 89.5
        (Fraction(178999999, 2000000), 90, 89),  # 89.4999995: 6 decimals make it 89.5
        (Fraction(178999998, 2000000) + Fraction(1, 10**12), 89, 89),  # 89.499999000001
        (Fraction(894999995, 10**7) - Fraction(1, 10**15), 89, 89),  # below 89.4999995
        (Fraction(90), 90, 90),
        (Fraction(90) - Fraction(1, 10**15), 90, 89),  # floats say 90.0; floor says 89
        (Fraction(0), 0, 0),
        (Fraction(100), 100, 100),
        (Fraction(1, 3), 0, 0),
    ],
)
@pytest.mark.parametrize("rounding", ["half_up", "floor"])
def test_displayed_rounding_is_exact_near_boundaries(
    best: Fraction, half_up: int, floor: int, rounding: Literal["half_up", "floor"]
) -> None:
    """The grid's exact rounding and the engine's give the hand-worked value near a boundary."""
    num = np.array([best.numerator], dtype=object if best.numerator > 2**40 else np.int64)
    den = np.array([best.denominator], dtype=object if best.denominator > 2**40 else np.int64)
    rs = RuleSet(rounding=rounding)
    expected = half_up if rounding == "half_up" else floor
    assert _displayed(rs, num, den, np.array([True])).tolist() == [expected]
    assert engine.round_displayed(best, rounding) == expected


# -- agreement with the engine --------------------------------------------------------------

CLIENTS = ("Acme", "acme ", "Beta", "Gamma", " Delta", "Epsilon")
EARNINGS = ("0", "0", "120", "250", "250.01", "1000", "1000.5", "4800")
PUBLIC = (None, "1", "3.4", "3.5", "4.49", "4.5", "5")


def _random_contract(rng: random.Random, k: int, around: dt.date, spread: int = 1100) -> Contract:
    """A contract starting up to ``spread`` days before ``around`` (plain random, fixed cases)."""
    start = around + dt.timedelta(days=rng.randrange(-spread, 60))
    earnings = Decimal(rng.choice(EARNINGS))
    public = rng.choice(PUBLIC)

    def later(span: int, p: float) -> dt.date | None:
        return start + dt.timedelta(days=rng.randrange(span)) if rng.random() < p else None

    return make_contract(
        id=f"c{k}",
        client=rng.choice(CLIENTS),
        start=start,
        end=later(500, 0.6),
        earnings=earnings,
        last_paid=later(700, 0.7) if earnings else None,
        public=public,
        private=rng.choice([None, None, 0, 6, 7, 8, 9, 10]),
        feedback_date=later(600, 0.4),
        disputed=rng.random() < 0.1,
        client_flagged=rng.random() < 0.05,
        excluded=rng.random() < 0.05,
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_timeline_equals_the_engine_day_by_day(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Every preset, historical and the custom rule sets agree with the engine on every day."""
    contracts, first, days = data.draw(random_documents)
    for rules in all_rules:
        assert_matches_engine(contracts, rules, first, days)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_one_day_of_the_timeline_equals_the_engine(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """``Timeline.day`` on random days gives what the engine reports: displayed, best,
    trending, each reported window's score, outcomes and clients, u(t) and the rule set."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    timeline = compute_timeline(contracts, rules, first, first + dt.timedelta(days=days - 1))
    for offset in data.draw(st.lists(st.integers(0, days - 1), min_size=1, max_size=6)):
        t = first + dt.timedelta(days=offset)
        day, evaluation = timeline.day(t), engine.evaluate(contracts, rules, t)
        assert (day.as_of, day.computed_on) == (t, evaluation.computed_on)
        assert day.rule_set_name == evaluation.rule_set.name
        assert day.displayed == evaluation.displayed
        assert day.best == (None if evaluation.best is None else float(evaluation.best))
        trending = evaluation.trending
        assert day.trending == (None if trending is None else float(trending))
        reported = evaluation.rule_set.reported_windows
        windows = {m: evaluation.windows[m] for m in reported}
        assert day.windows == {
            m: None if w.score is None else float(w.score) for m, w in windows.items()
        }
        assert day.outcomes == {m: w.outcomes for m, w in windows.items()}
        assert day.clients == {m: w.clients for m, w in windows.items()}
    with pytest.raises(ValueError, match="outside"):
        timeline.day(first - dt.timedelta(days=1))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_contract_order_does_not_matter(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    """Reversing the contracts changes nothing (client numbering follows first appearance)."""
    contracts, first, days = data.draw(random_documents)
    last = first + dt.timedelta(days=days - 1)
    one = compute_timeline(contracts, HISTORICAL, first, last)
    two = compute_timeline(contracts[::-1], HISTORICAL, first, last)
    for a, b in ((one.best, two.best), (one.displayed, two.displayed)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "weight",
    [
        Decimal("1.0001"),  # scale 10**4
        Decimal("1E+9"),  # trending products beyond int64: exact Python integers
        Decimal("1E+15"),  # sums beyond 2**53: object arrays throughout
    ],
)
def test_large_and_fine_weights_stay_exact(weight: Decimal, all_rules: tuple[Rules, ...]) -> None:
    """Tier weights with 4 decimals or huge ones still give the engine's exact results.

    Weights above 100 jobs lie outside the domain (core.domain), so the rule set is built
    without validation: the timeline's exact big-integer paths stay a tested safety net.
    """
    tiers = (
        EarningsTier.model_construct(up_to=Decimal(250), weight=weight),
        EarningsTier(up_to=None, weight=Decimal("2.5")),
    )
    long_term = next(r for r in all_rules if r.name == "long-term")
    assert isinstance(long_term, RuleSet)
    for base in (PRESETS_BY_NAME["upwork-2023-12"], long_term):
        heavy = {"earnings_tiers": tiers, "weight_cap": Decimal("1E+16"), "cadence": "daily"}
        rules = base.model_copy(update={**heavy, "name": "heavy", "based_on": base.name})
        rng = random.Random(11)
        contracts = [_random_contract(rng, k, D("2024-03-01"), spread=300) for k in range(30)]
        assert_matches_engine(contracts, rules, D("2024-01-01"), 120)
        timeline = compute_timeline(contracts, rules, D("2024-01-01"), D("2024-04-29"))
        assert np.isfinite(timeline.best).all()
        assert np.isfinite(timeline.trending).sum() > 30 or not rules.trending
