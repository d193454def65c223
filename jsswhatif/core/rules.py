"""Rule sets: every rule of the scoring model as a named parameter (sections 4-10, 12).

A :class:`RuleSet` bundles the parameters; the five presets reproduce what one era's public
statements imply. :class:`HistoricalRules` switches presets by date. Custom rule sets are
copies of a preset with other parameters and another name (:func:`custom_rule_set`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jsswhatif.core.calendar import biweekly_update
from jsswhatif.core.domain import (
    MAX_DAYS,
    MAX_MINIMUM,
    MAX_TIERS,
    MAX_WEIGHT,
    MAX_WINDOW_MONTHS,
    MAX_WINDOWS,
    DomainAmount,
    DomainDate,
)

DEFAULT_ANCHOR = dt.date(2023, 12, 10)


class EarningsTier(BaseModel):
    """Weight of a contract whose earnings are at most ``up_to`` (None: no upper bound).

    ``up_to`` is an amount of the domain, 0 or more; ``weight`` lies in (0, 100] jobs
    (:mod:`jsswhatif.core.domain`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    up_to: DomainAmount | None = Field(ge=0)
    weight: Decimal = Field(gt=0, le=MAX_WEIGHT)


DEFAULT_TIERS: tuple[EarningsTier, ...] = (
    EarningsTier(up_to=Decimal(250), weight=Decimal(1)),
    EarningsTier(up_to=Decimal(1000), weight=Decimal("1.25")),
    EarningsTier(up_to=None, weight=Decimal("1.5")),
)

#: The windows (months) whose mean is the trending score (section 8).
TRENDING_WINDOWS: tuple[int, int] = (3, 6)

#: Weights may carry at most this many decimals, so that the fast timeline can sum them exactly
#: as integers.
MAX_WEIGHT_DECIMALS = 4


class RuleSet(BaseModel):
    """All parameters of the scoring model (the defaults are those of ``upwork-2024-09``).

    Every parameter is bounded (:mod:`jsswhatif.core.domain`), so that every computation is
    total: dates within 1990-01-01 to 2199-12-31; 1 to 12 windows of 1 to 120 months;
    ``inactive_after_days`` 1 to 3650; ``long_term_min_days``, ``long_term_payment_gap_days``
    and ``length_bonus_days`` 0 to 3650 (0: no minimum, no gap, no bonus); star thresholds 1
    to 5; weights and the cap above 0 and at most 100 jobs, with at most 4 decimals; 1 to 10
    earnings tiers; ``min_outcomes`` and ``min_clients`` 0 to 1000.

    Attributes:
        name: Shown beside every number ("estimated under rule set X").
        based_on: The preset a custom rule set was copied from; None for a preset.
        effective_from: The day a preset took effect (used by ``historical``).
        cadence, anchor: ``daily``, or ``biweekly`` counted from ``anchor`` (section 9).
        windows: The rolling windows in months that compete for best.
        trending: Also compute the mean of the 3- and 6-month windows (section 8).
        See :data:`PARAMETERS` for the meaning and the source of every other attribute.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "upwork-2024-09"
    based_on: str | None = None
    effective_from: DomainDate | None = None
    cadence: Literal["daily", "biweekly"] = "daily"
    anchor: DomainDate = DEFAULT_ANCHOR
    windows: tuple[int, ...] = (6, 12, 24)
    trending: bool = False
    formula: Literal["net", "share"] = "net"
    combine: Literal["private_first", "worst_of"] = "worst_of"
    public_positive_min: Decimal = Field(default=Decimal("4.5"), ge=1, le=5)
    public_neutral_min: Decimal = Field(default=Decimal("3.5"), ge=1, le=5)
    private_positive_min: int = Field(default=9, ge=0, le=10)
    private_neutral_min: int = Field(default=7, ge=0, le=10)
    dispute_is_negative: bool = True
    interim_feedback: Literal["ignored", "counts"] = "ignored"
    flagged_client: Literal["drop_all", "drop_negative"] = "drop_all"
    no_feedback: Literal["neutral", "excluded"] = "excluded"
    zero_earnings_positive: Literal["counted", "excluded"] = "excluded"
    zero_earnings_no_feedback: Literal["negative", "neutral", "excluded"] = "excluded"
    open_inactive: Literal["as_ended", "not_counted"] = "not_counted"
    inactive_after_days: int = Field(default=90, ge=1, le=MAX_DAYS)
    open_long_term: Literal["counted", "not_counted"] = "counted"
    long_term_client_bonus: bool = False
    long_term_min_days: int = Field(default=90, ge=0, le=MAX_DAYS)
    long_term_payment_gap_days: int = Field(default=90, ge=0, le=MAX_DAYS)
    weighting: Literal["unit", "earnings_tiers"] = "earnings_tiers"
    earnings_tiers: tuple[EarningsTier, ...] = DEFAULT_TIERS
    length_bonus_days: int = Field(default=90, ge=0, le=MAX_DAYS)
    weight_cap: Decimal = Field(default=Decimal(8), gt=0, le=MAX_WEIGHT)
    min_outcomes: int = Field(default=2, ge=0, le=MAX_MINIMUM)
    min_clients: int = Field(default=2, ge=0, le=MAX_MINIMUM)
    rounding: Literal["half_up", "floor"] = "half_up"

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        if not self.name.strip():
            raise ValueError("name must not be blank")
        if not self.windows or any(not 1 <= m <= MAX_WINDOW_MONTHS for m in self.windows):
            raise ValueError(
                f"windows must list at least one window of 1 to {MAX_WINDOW_MONTHS} months"
            )
        if len(self.windows) > MAX_WINDOWS:
            raise ValueError(f"windows must list at most {MAX_WINDOWS} windows")
        if len(set(self.windows)) != len(self.windows):
            raise ValueError("windows must not repeat")
        if self.public_neutral_min > self.public_positive_min:
            raise ValueError("public_neutral_min must not exceed public_positive_min")
        if self.private_neutral_min > self.private_positive_min:
            raise ValueError("private_neutral_min must not exceed private_positive_min")
        if len(self.earnings_tiers) > MAX_TIERS:
            raise ValueError(f"earnings_tiers must have at most {MAX_TIERS} tiers")
        bounds = [tier.up_to for tier in self.earnings_tiers]
        if not bounds or bounds[-1] is not None or None in bounds[:-1]:
            raise ValueError("earnings_tiers must end with exactly one tier without upper bound")
        finite = [b for b in bounds if b is not None]
        if finite != sorted(set(finite)):
            raise ValueError("earnings_tiers bounds must increase")
        for weight in [tier.weight for tier in self.earnings_tiers] + [self.weight_cap]:
            exponent = weight.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > MAX_WEIGHT_DECIMALS:
                raise ValueError(f"weights may have at most {MAX_WEIGHT_DECIMALS} decimals")
        return self

    @property
    def scored_windows(self) -> tuple[int, ...]:
        """Windows whose scores are computed: the configured ones, plus 3 and 6 for trending."""
        extra = TRENDING_WINDOWS if self.trending else ()
        return tuple(sorted(set(self.windows) | set(extra)))

    @property
    def reported_windows(self) -> tuple[int, ...]:
        """Windows reported to the user: the configured ones, plus 3 when trending is on."""
        extra = TRENDING_WINDOWS[:1] if self.trending else ()
        return tuple(sorted(set(self.windows) | set(extra)))

    def update_date(self, t: dt.date) -> dt.date:
        """u(t): the date whose computation is reported for t (section 9)."""
        if self.cadence == "daily":
            return t
        return biweekly_update(t, self.anchor)

    def base_weight(self, earnings: Decimal) -> Decimal:
        """Weight before the length bonus: 1, or the tier holding ``earnings`` (section 6)."""
        if self.weighting == "unit":
            return Decimal(1)
        for tier in self.earnings_tiers:
            if tier.up_to is None or earnings <= tier.up_to:
                return tier.weight
        raise AssertionError("the validator guarantees an unbounded last tier")


def _preset(name: str, effective_from: dt.date, **changes: Any) -> RuleSet:
    return RuleSet(name=name, effective_from=effective_from, **changes)


_PRE_2024: dict[str, Any] = {
    "cadence": "biweekly",
    "open_inactive": "as_ended",
    "open_long_term": "not_counted",
    "long_term_client_bonus": True,
    "long_term_payment_gap_days": 30,
}

PRESETS: tuple[RuleSet, ...] = (
    _preset(
        "upwork-2015",
        dt.date(2015, 3, 1),
        **_PRE_2024,
        combine="private_first",
        no_feedback="neutral",
        zero_earnings_positive="counted",
        zero_earnings_no_feedback="neutral",
        weighting="unit",
        min_outcomes=4,
        min_clients=3,
    ),
    _preset(
        "upwork-2020-03",
        dt.date(2020, 3, 1),
        **_PRE_2024,
        combine="private_first",
        no_feedback="neutral",
        zero_earnings_no_feedback="neutral",
        min_outcomes=4,
        min_clients=3,
    ),
    _preset(
        "upwork-2020-11",
        dt.date(2020, 11, 8),
        **_PRE_2024,
        trending=True,
        combine="private_first",
        min_outcomes=4,
        min_clients=2,
    ),
    _preset("upwork-2023-12", dt.date(2023, 12, 1), **_PRE_2024, trending=True),
    _preset("upwork-2024-09", dt.date(2024, 9, 1)),
)

PRESETS_BY_NAME: dict[str, RuleSet] = {preset.name: preset for preset in PRESETS}
DEFAULT_RULES_NAME = "upwork-2024-09"
HISTORICAL_NAME: Literal["historical"] = "historical"


class HistoricalRules(BaseModel):
    """The rule set ``historical``: at each date, the preset then in force (section 10).

    For date t the preset in force at t gives the cadence, hence u(t); everything is then
    computed at u(t) under the preset in force at u(t).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Literal["historical"] = HISTORICAL_NAME
    presets: tuple[RuleSet, ...] = PRESETS

    def preset_at(self, t: dt.date) -> RuleSet:
        """The preset with the latest ``effective_from <= t`` (before the first, the first)."""
        chosen = self.presets[0]
        for preset in self.presets:
            if preset.effective_from is not None and preset.effective_from <= t:
                chosen = preset
        return chosen

    def resolve(self, t: dt.date) -> tuple[dt.date, RuleSet]:
        """``(u(t), preset used at u(t))`` for date t."""
        computed_on = self.preset_at(t).update_date(t)
        return computed_on, self.preset_at(computed_on)


Rules = RuleSet | HistoricalRules

HISTORICAL = HistoricalRules()


def resolve(rules: Rules, t: dt.date) -> tuple[dt.date, RuleSet]:
    """``(u(t), rule set used at u(t))`` for any rule set, historical included."""
    if isinstance(rules, HistoricalRules):
        return rules.resolve(t)
    return rules.update_date(t), rules


def custom_rule_set(base: RuleSet, name: str, **changes: Any) -> RuleSet:
    """A user's rule set: ``base`` with ``changes``, named ``name``, validated again.

    Example:
        >>> base = PRESETS_BY_NAME["upwork-2020-03"]
        >>> fair = custom_rule_set(base, "fair", no_feedback="excluded")
        >>> (fair.based_on, fair.no_feedback)
        ('upwork-2020-03', 'excluded')
    """
    data = base.model_dump()
    data.update(changes, name=name, based_on=base.based_on or base.name, effective_from=None)
    return RuleSet.model_validate(data)


def builtin_rules(name: str) -> Rules | None:
    """The preset or ``historical`` called ``name``, or None."""
    if name == HISTORICAL_NAME:
        return HISTORICAL
    return PRESETS_BY_NAME.get(name)
