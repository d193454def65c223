"""Rule sets (scoring model, sections 10 and 12): presets, historical switching, custom copies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from jsswhatif.core.rules import (
    DEFAULT_RULES_NAME,
    HISTORICAL,
    PRESETS,
    PRESETS_BY_NAME,
    EarningsTier,
    RuleSet,
    builtin_rules,
    custom_rule_set,
    resolve,
)

D = dt.date.fromisoformat
NAMES = ("upwork-2015", "upwork-2020-03", "upwork-2020-11", "upwork-2023-12", "upwork-2024-09")

# Section 12, transcribed row by row: parameter -> one value per preset, in the order of NAMES.
# Combined cells of the spec ("biweekly (2023-12-10)", "4.5 / 3.5") are split into their
# parameters.
PRESET_TABLE: dict[str, tuple[Any, ...]] = {
    "effective_from": (
        D("2015-03-01"),
        D("2020-03-01"),
        D("2020-11-08"),
        D("2023-12-01"),
        D("2024-09-01"),
    ),
    "cadence": ("biweekly", "biweekly", "biweekly", "biweekly", "daily"),
    "anchor": (D("2023-12-10"),) * 4 + (None,),  # None: the cell has no such value
    "windows": ((6, 12, 24),) * 5,
    "trending": (False, False, True, True, False),
    "formula": ("net",) * 5,
    "combine": ("private_first", "private_first", "private_first", "worst_of", "worst_of"),
    "public_positive_min": (Decimal("4.5"),) * 5,
    "public_neutral_min": (Decimal("3.5"),) * 5,
    "private_positive_min": (9,) * 5,
    "private_neutral_min": (7,) * 5,
    "dispute_is_negative": (True,) * 5,
    "interim_feedback": ("ignored",) * 5,
    "flagged_client": ("drop_all",) * 5,
    "no_feedback": ("neutral", "neutral", "excluded", "excluded", "excluded"),
    "zero_earnings_positive": ("counted", "excluded", "excluded", "excluded", "excluded"),
    "zero_earnings_no_feedback": ("neutral", "neutral", "excluded", "excluded", "excluded"),
    "open_inactive": ("as_ended", "as_ended", "as_ended", "as_ended", "not_counted"),
    "inactive_after_days": (90,) * 5,
    "open_long_term": ("not_counted",) * 4 + ("counted",),
    "long_term_client_bonus": (True, True, True, True, False),
    "long_term_min_days": (90,) * 5,
    "long_term_payment_gap_days": (30, 30, 30, 30, 90),
    "weighting": ("unit", "earnings_tiers", "earnings_tiers", "earnings_tiers", "earnings_tiers"),
    "length_bonus_days": (90,) * 5,
    "weight_cap": (Decimal(8),) * 5,
    "min_outcomes": (4, 4, 4, 2, 2),
    "min_clients": (3, 3, 2, 2, 2),
    "rounding": ("half_up",) * 5,
}

CELLS = [
    pytest.param(name, parameter, values[index], id=f"{name}-{parameter}")
    for parameter, values in PRESET_TABLE.items()
    for index, name in enumerate(NAMES)
    if values[index] is not None
]


def test_the_five_presets_exist_in_date_order() -> None:
    """Section 12 names exactly five presets, ordered by effective date."""
    assert tuple(preset.name for preset in PRESETS) == NAMES
    assert set(PRESETS_BY_NAME) == set(NAMES)
    dates = tuple(preset.effective_from for preset in PRESETS)
    assert dates == PRESET_TABLE["effective_from"]


@pytest.mark.parametrize(("name", "parameter", "expected"), CELLS)
def test_preset_parameter_matches_the_section_12_table(
    name: str, parameter: str, expected: Any
) -> None:
    """Every cell of the preset table is the preset's parameter value."""
    assert getattr(PRESETS_BY_NAME[name], parameter) == expected


@pytest.mark.parametrize("name", NAMES)
def test_presets_use_the_default_earnings_tiers(name: str) -> None:
    """Default tiers: <= 250 gives 1, <= 1000 gives 1.25, above gives 1.5 (section 6)."""
    tiers = [(tier.up_to, tier.weight) for tier in PRESETS_BY_NAME[name].earnings_tiers]
    assert tiers == [
        (Decimal(250), Decimal(1)),
        (Decimal(1000), Decimal("1.25")),
        (None, Decimal("1.5")),
    ]
    assert PRESETS_BY_NAME[name].based_on is None


def test_the_default_rule_set_is_upwork_2024_09() -> None:
    """The default rule set is upwork-2024-09, and RuleSet() carries its parameters."""
    assert DEFAULT_RULES_NAME == "upwork-2024-09"
    default = RuleSet()
    preset = PRESETS_BY_NAME["upwork-2024-09"]
    assert default.model_dump(exclude={"effective_from"}) == preset.model_dump(
        exclude={"effective_from"}
    )


@pytest.mark.parametrize(
    ("earnings", "weight"),
    [
        ("0", "1"),
        ("250.00", "1"),
        ("250.01", "1.25"),
        ("1000.00", "1.25"),
        ("1000.01", "1.5"),
        ("99999", "1.5"),
    ],
)
def test_base_weight_uses_the_tier_holding_the_exact_amount(earnings: str, weight: str) -> None:
    """earnings_tiers is applied on the exact amount, upper bounds inclusive."""
    assert PRESETS_BY_NAME["upwork-2024-09"].base_weight(Decimal(earnings)) == Decimal(weight)


def test_unit_weighting_gives_one_whatever_the_earnings() -> None:
    """weighting = unit gives a base weight of 1.0 (upwork-2015)."""
    assert PRESETS_BY_NAME["upwork-2015"].base_weight(Decimal("5000")) == 1


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        ("2010-01-01", "upwork-2015"),  # before the first preset: the first
        ("2015-03-01", "upwork-2015"),
        ("2020-02-29", "upwork-2015"),
        ("2020-03-01", "upwork-2020-03"),
        ("2020-11-07", "upwork-2020-03"),
        ("2020-11-08", "upwork-2020-11"),
        ("2023-11-30", "upwork-2020-11"),
        ("2023-12-01", "upwork-2023-12"),
        ("2024-08-31", "upwork-2023-12"),
        ("2024-09-01", "upwork-2024-09"),
        ("2030-01-01", "upwork-2024-09"),
    ],
)
def test_historical_preset_at_is_the_latest_effective_preset(t: str, expected: str) -> None:
    """preset_at(t) is the preset with the latest effective_from <= t (section 10)."""
    assert HISTORICAL.preset_at(D(t)).name == expected


@pytest.mark.parametrize(
    ("t", "computed_on", "preset"),
    [
        # upwork-2020-11 is in force on 2020-11-08, but its update day is 2020-11-01.
        ("2020-11-08", "2020-11-01", "upwork-2020-03"),
        ("2020-11-14", "2020-11-01", "upwork-2020-03"),
        ("2020-11-15", "2020-11-15", "upwork-2020-11"),
        # 2023-12-01 is a Friday between the updates of 11-26 and 12-10.
        ("2023-12-01", "2023-11-26", "upwork-2020-11"),
        ("2023-12-10", "2023-12-10", "upwork-2023-12"),
        # The last biweekly day, then daily updates.
        ("2024-08-31", "2024-08-18", "upwork-2023-12"),
        ("2024-09-01", "2024-09-01", "upwork-2024-09"),
        ("2024-09-02", "2024-09-02", "upwork-2024-09"),
    ],
)
def test_historical_resolve_computes_at_the_update_day_of_its_own_preset(
    t: str, computed_on: str, preset: str
) -> None:
    """resolve(t): the preset at t gives u(t); the preset at u(t) computes (section 10)."""
    used_on, rule_set = resolve(HISTORICAL, D(t))
    assert (used_on, rule_set.name) == (D(computed_on), preset)
    assert HISTORICAL.resolve(D(t)) == (used_on, rule_set)


def test_resolve_of_a_plain_rule_set_only_applies_its_cadence() -> None:
    """A preset resolves to itself, at t (daily) or at its latest biweekly update."""
    daily = PRESETS_BY_NAME["upwork-2024-09"]
    biweekly = PRESETS_BY_NAME["upwork-2015"]
    assert resolve(daily, D("2026-11-25")) == (D("2026-11-25"), daily)
    # 2026-12-06 is an update day (2023-12-10 + 78 * 14); 2026-12-19 is 13 days later.
    assert resolve(biweekly, D("2026-12-19")) == (D("2026-12-06"), biweekly)
    assert resolve(biweekly, D("2026-12-20")) == (D("2026-12-20"), biweekly)


def test_builtin_rules_knows_the_presets_and_historical() -> None:
    """builtin_rules finds each preset and 'historical' by name, and nothing else."""
    for name in NAMES:
        assert builtin_rules(name) is PRESETS_BY_NAME[name]
    assert builtin_rules("historical") is HISTORICAL
    assert builtin_rules("upwork-2019") is None


def test_windows_scored_and_reported_with_trending() -> None:
    """Trending adds the 3-month window to the reported ones, and 3 and 6 to the scored ones."""
    assert PRESETS_BY_NAME["upwork-2024-09"].reported_windows == (6, 12, 24)
    assert PRESETS_BY_NAME["upwork-2023-12"].reported_windows == (3, 6, 12, 24)
    custom = custom_rule_set(PRESETS_BY_NAME["upwork-2023-12"], "no six", windows=(12, 24))
    assert custom.reported_windows == (3, 12, 24)
    assert custom.scored_windows == (3, 6, 12, 24)


def test_custom_rule_set_copies_the_base_with_changes() -> None:
    """custom_rule_set: the base with changes, a new name, based_on the preset, no date."""
    base = PRESETS_BY_NAME["upwork-2020-03"]
    fair = custom_rule_set(base, "fair JSS", no_feedback="excluded", min_clients=2)
    assert fair.name == "fair JSS"
    assert fair.based_on == "upwork-2020-03"
    assert fair.effective_from is None
    assert (fair.no_feedback, fair.min_clients) == ("excluded", 2)
    untouched = {"name", "based_on", "effective_from", "no_feedback", "min_clients"}
    assert fair.model_dump(exclude=untouched) == base.model_dump(exclude=untouched)
    assert base.no_feedback == "neutral"  # the preset itself is unchanged
    again = custom_rule_set(fair, "fairer", min_outcomes=1)
    assert again.based_on == "upwork-2020-03"
    assert (again.no_feedback, again.min_outcomes) == ("excluded", 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"combine": "best_of"},
        {"formula": "ratio"},
        {"cadence": "weekly"},
        {"windows": ()},
        {"windows": (0, 12)},
        {"windows": (6, 6)},
        {"public_neutral_min": Decimal("4.6")},
        {"private_neutral_min": 10},
        {"private_positive_min": 11},
        {"inactive_after_days": 0},
        {"long_term_min_days": -1},
        {"length_bonus_days": -90},
        {"weight_cap": Decimal(0)},
        {"min_outcomes": -1},
        {"earnings_tiers": ()},
        {"earnings_tiers": (EarningsTier(up_to=Decimal(100), weight=Decimal(1)),)},
        {
            "earnings_tiers": (
                EarningsTier(up_to=Decimal(500), weight=Decimal(1)),
                EarningsTier(up_to=Decimal(100), weight=Decimal(2)),
                EarningsTier(up_to=None, weight=Decimal(3)),
            )
        },
        {
            "earnings_tiers": (
                EarningsTier(up_to=None, weight=Decimal(1)),
                EarningsTier(up_to=None, weight=Decimal(2)),
            )
        },
        {"weight_cap": Decimal("8.00001")},
        {"no_such_rule": True},
    ],
    ids=repr,
)
def test_custom_rule_set_rejects_bad_parameters(changes: dict[str, Any]) -> None:
    """A parameter outside its domain is a validation error, never a silent fix."""
    with pytest.raises(ValidationError):
        custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "bad", **changes)


def test_custom_rule_set_rejects_a_blank_name() -> None:
    """A rule set needs a name to be shown beside its numbers."""
    with pytest.raises(ValidationError):
        custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "   ")


def test_earnings_tier_weight_must_be_positive() -> None:
    """A tier weight of 0 would make outcomes vanish: rejected."""
    with pytest.raises(ValidationError):
        EarningsTier(up_to=None, weight=Decimal(0))


def test_rule_sets_are_frozen() -> None:
    """Rule sets are immutable records; a change makes a new one."""
    with pytest.raises(ValidationError):
        PRESETS_BY_NAME["upwork-2024-09"].min_clients = 1  # type: ignore[misc]
