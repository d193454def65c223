"""Alternative readings, the range and calibration (scoring model, section 14)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.readings import (
    calibrate,
    calibration_sentence,
    candidates,
    range_timeline,
    readings,
    score_range,
)
from jsswhatif.core.rules import HISTORICAL, PRESETS, PRESETS_BY_NAME, Rules, custom_rule_set

D = dt.date.fromisoformat
R2024 = PRESETS_BY_NAME["upwork-2024-09"]
RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]

# A ends on 2026-11-24 (5 stars); B (4.0 stars: neutral) and C (4.6 stars) ended 2026-06-01.
# $100 each, none long enough for a length bonus: every weight is 1.
STORY = """
    id  client  start       end         earnings  public
    A   Acme    2026-11-01  2026-11-24  100       5
    B   Beta    2026-05-01  2026-06-01  100       4.0
    C   Gamma   2026-05-01  2026-06-01  100       4.6
"""


def test_the_readings_of_the_2024_preset_in_table_order() -> None:
    names = [r.name.removeprefix("upwork-2024-09 + ") for r in readings(R2024)]
    assert names == [
        "cadence=biweekly",
        "public_positive_min=4.0",
        "public_positive_min=4.8",
        "public_neutral_min=3.0",
        "public_neutral_min=4.0",
        "private_positive_min=8",
        "private_positive_min=10",
        "private_neutral_min=6",
        "private_neutral_min=8",
        "combine=private_first",
        "no_feedback=neutral",
        "zero_earnings_no_feedback=negative",
        "zero_earnings_no_feedback=neutral",
        "inactive_after_days=60",
        "inactive_after_days=120",
        "long_term_payment_gap_days=30",
        "trending=on",
        "interim_feedback=counts",
        "flagged_client=drop_negative",
    ]
    biweekly = readings(R2024)[0].rules
    assert (biweekly.cadence, biweekly.anchor) == ("biweekly", D("2023-12-10"))  # type: ignore[union-attr]


def test_a_reading_with_neutral_above_positive_is_skipped() -> None:
    strict = custom_rule_set(R2024, "strict", public_neutral_min=Decimal("4.2"))
    names = [r.name for r in readings(strict)]
    assert "strict + public_positive_min=4.0" not in names
    assert "strict + public_positive_min=4.8" in names


def test_historical_changes_every_preset_and_skips_what_all_have() -> None:
    found = {r.name: r for r in readings(HISTORICAL)}
    # Every preset already ignores interim feedback and drops flagged clients' outcomes.
    assert "historical + interim_feedback=ignored" not in found
    assert "historical + flagged_client=drop_all" not in found
    # Some presets already have these values, not all: still readings.
    assert "historical + cadence=biweekly" in found
    assert "historical + zero_earnings_no_feedback=neutral" in found
    assert len(found) == 25
    changed = found["historical + cadence=daily"].rules
    assert [p.cadence for p in changed.presets] == ["daily"] * 5  # type: ignore[union-attr]
    assert [p.name for p in changed.presets] == [p.name for p in PRESETS]  # type: ignore[union-attr]


def test_range_of_a_story_worked_by_hand(table: Any) -> None:
    """2026-11-25 under upwork-2024-09: A (+1), B (0), C (+1) in every window: 200 / 3 = 67.

    biweekly: computed on 2026-11-22 (1,078 days after 2023-12-10), before A ended: 50;
    positive from 4.0 stars: B turns +1: 100; from 4.8: C turns neutral: 100 / 3 = 33;
    every other reading changes nothing here (no private score, no $0, nothing open for long).
    """
    result = score_range(table(STORY), R2024, D("2026-11-25"))
    assert (result.displayed, result.low, result.high) == (67, 33, 100)
    shown = {r.name.removeprefix("upwork-2024-09 + "): v for r, v in result.values}
    assert shown["cadence=biweekly"] == 50
    assert shown["public_positive_min=4.0"] == 100
    assert shown["public_positive_min=4.8"] == 33
    assert [v for k, v in shown.items() if "public_positive" not in k and "cadence" not in k] == [
        67
    ] * 16
    assert [r.name for r in result.most_sensitive] == ["upwork-2024-09 + public_positive_min=4.8"]
    assert result.sentence == (
        "estimated 67%, between 33% and 100% under other readings of Upwork's rules; "
        "the star rating that counts as positive matters most"
    )


def test_calibration_of_a_story_worked_by_hand(table: Any) -> None:
    """Seen: 50% on 2026-11-23 and 50% on 2026-11-25.

    upwork-2024-09 (daily) gives 50 then 67: 1 match, mean error 8.5. upwork-2023-12
    (biweekly, minimums 2 and 2) computes both days on 2026-11-22: B and C, 50 twice: 2
    matches, the first candidate in order to have them. The older presets need 4 outcomes:
    no JSS at all.
    """
    fits = calibrate(table(STORY), [(D("2026-11-25"), 50), (D("2026-11-23"), 50)])
    assert len(fits) == len(candidates())
    best = fits[0]
    assert (best.reading.name, best.values, best.matches, best.mean_error) == (
        "upwork-2023-12",
        (50, 50),
        2,
        0.0,
    )
    by_name = {f.reading.name: f for f in fits}
    daily = by_name["upwork-2024-09"]
    assert (daily.values, daily.matches, daily.mean_error, daily.no_jss) == ((50, 67), 1, 8.5, 0)
    old = by_name["upwork-2015"]
    assert (old.values, old.matches, old.mean_error, old.no_jss) == ((None, None), 0, None, 2)
    assert fits[-1].mean_error is None  # no JSS ranks last
    assert calibration_sentence(fits) == "of 2 observed values, upwork-2023-12 matches 2"


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20)
@given(data=st.data())
def test_the_range_is_the_min_and_max_of_every_reading_under_the_engine(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    contracts, as_of, days = data.draw(random_documents)
    choices: list[Rules] = [*PRESETS, HISTORICAL]
    rules = data.draw(st.sampled_from(choices))
    result = score_range(contracts, rules, as_of)
    every = [evaluate(contracts, r.rules, as_of).displayed for r in readings(rules)]
    own = evaluate(contracts, rules, as_of).displayed
    assert result.displayed == own
    assert [v for _, v in result.values] == every
    known = [v for v in [own, *every] if v is not None]
    assert (result.low, result.high) == ((min(known), max(known)) if known else (None, None))
    last = as_of + dt.timedelta(days=min(days, 20) - 1)
    band = range_timeline(contracts, rules, as_of, last)
    for k in range(band.low.size):
        day = score_range(contracts, rules, as_of + dt.timedelta(days=k))
        assert (day.low, day.high) == tuple(
            None if math.isnan(x) else int(x) for x in (band.low[k], band.high[k])
        )


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=8)
@given(data=st.data())
def test_calibration_ranks_as_a_naive_ranking_with_the_engine(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    contracts, as_of, _ = data.draw(random_documents)
    offsets = data.draw(st.lists(st.integers(0, 400), min_size=1, max_size=3, unique=True))
    observed = [(as_of + dt.timedelta(days=k), data.draw(st.integers(0, 100))) for k in offsets]
    fits = calibrate(contracts, observed)
    naive = []
    for position, candidate in enumerate(candidates()):
        values = [
            evaluate(contracts, candidate.rules, day).displayed for day, _ in sorted(observed)
        ]
        pairs = list(zip(values, [v for _, v in sorted(observed)], strict=True))
        matches = sum(v == o for v, o in pairs)
        errors = [abs(v - o) for v, o in pairs if v is not None]
        mean = sum(errors) / len(errors) if errors else None
        naive.append((-matches, float("inf") if mean is None else mean, position, candidate.name))
    assert [f.reading.name for f in fits] == [name for *_, name in sorted(naive)]
