"""Alternative readings of a rule set, the range of the score, and calibration (section 14).

Upwork's statements leave some parameters open. An alternative reading of a rule set R is R
with exactly one of :data:`READINGS`' parameters changed to another listed value; the range
at t is the lowest and highest displayed score over R and its readings; calibration ranks
every candidate rule set (presets, ``historical``, custom sets, each with its readings)
against the JSS values a user saw on Upwork.

The contracts are turned into columns once (:class:`~jsswhatif.core.timeline_grid.Book`)
and every reading is computed on the fast timeline, which equals the engine exactly.

Example: ``score_range(contracts, R, t).sentence`` reads "estimated 90%, between 88% and 93%
under other readings of Upwork's rules; the update cadence matters most".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from jsswhatif.core.arrays import distinct
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import (
    DEFAULT_ANCHOR,
    HISTORICAL,
    PRESETS,
    HistoricalRules,
    Rules,
    RuleSet,
)
from jsswhatif.core.scoring import NEVER, combined_class, private_class, public_class
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.timeline_grid import Book

#: The parameters Upwork's statements leave open and their alternative values, in the order
#: of section 14's table.
READINGS: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("cadence", ("daily", "biweekly")),
    ("public_positive_min", (Decimal("4.0"), Decimal("4.8"))),
    ("public_neutral_min", (Decimal("3.0"), Decimal("4.0"))),
    ("private_positive_min", (8, 10)),
    ("private_neutral_min", (6, 8)),
    ("combine", ("private_first", "worst_of")),
    ("no_feedback", ("neutral", "excluded")),
    ("zero_earnings_no_feedback", ("negative", "neutral", "excluded")),
    ("inactive_after_days", (60, 120)),
    ("long_term_payment_gap_days", (30, 90)),
    ("trending", (True, False)),
    ("interim_feedback", ("ignored", "counts")),
    ("flagged_client", ("drop_all", "drop_negative")),
)

#: How a sentence names what a parameter is about.
_ABOUT = {
    "cadence": "the update cadence",
    "public_positive_min": "the star rating that counts as positive",
    "public_neutral_min": "the star rating that counts as neutral",
    "private_positive_min": "the private score that counts as positive",
    "private_neutral_min": "the private score that counts as neutral",
    "combine": "the way public and private feedback combine",
    "no_feedback": "the rule for contracts without feedback",
    "zero_earnings_no_feedback": "the rule for $0 contracts without feedback",
    "inactive_after_days": "the delay before an unpaid contract counts as ended",
    "long_term_payment_gap_days": "the payment gap a long-term contract may have",
    "trending": "the trending score",
    "interim_feedback": "the rule for mid-contract feedback",
    "flagged_client": "the rule for flagged clients",
}

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Reading:
    """A rule set, or one alternative reading of one.

    Attributes:
        name: ``R`` itself, or ``R + parameter=value`` (``upwork-2024-09 + cadence=biweekly``).
        parameter: The parameter changed; None for R itself.
        value: The new value as text (``biweekly``, ``4.8``, ``120``, ``on``); None for R.
        rules: The rule set to compute with.
    """

    name: str
    parameter: str | None
    value: str | None
    rules: Rules

    @property
    def phrase(self) -> str:
        """Words for a sentence: ``upwork-2024-09 with biweekly updates``."""
        if self.parameter is None:
            return self.name
        base = self.name.split(" + ")[0]
        if self.parameter == "cadence":
            return f"{base} with {self.value} updates"
        return f"{base} with {self.parameter} {self.value}"


def value_text(value: Any) -> str:
    """A parameter value as section 14 writes it: ``on``/``off``, ``4.8``, ``120``, ``daily``."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def readings(rules: Rules) -> tuple[Reading, ...]:
    """The alternative readings of ``rules``, in the order of :data:`READINGS`.

    A value R already has is no reading; nor is one whose neutral threshold would exceed its
    positive one. Under ``historical`` the change is made in every preset, and a value is a
    reading unless every preset already has it.

    Example:
        >>> [r.name for r in readings(RuleSet())][:2]
        ['upwork-2024-09 + cadence=biweekly', 'upwork-2024-09 + public_positive_min=4.0']
    """
    found = []
    for parameter, values in READINGS:
        for value in values:
            changed = _changed(rules, parameter, value)
            if changed is not None:
                text = value_text(value)
                name = f"{rules.name} + {parameter}={text}"
                found.append(Reading(name, parameter, text, changed))
    return tuple(found)


def _changed(rules: Rules, parameter: str, value: Any) -> Rules | None:
    """``rules`` with ``parameter`` set to ``value``, or None when that is no reading."""
    if isinstance(rules, HistoricalRules):
        if all(getattr(p, parameter) == value for p in rules.presets):
            return None
        presets = [_with(p, parameter, value, keep_name=True) for p in rules.presets]
        if any(p is None for p in presets):
            return None
        return HistoricalRules(presets=tuple(p for p in presets if p is not None))
    if getattr(rules, parameter) == value:
        return None
    return _with(rules, parameter, value, keep_name=False)


def _with(rs: RuleSet, parameter: str, value: Any, *, keep_name: bool) -> RuleSet | None:
    changes: dict[str, Any] = {parameter: value}
    if parameter == "cadence" and value == "biweekly":
        changes["anchor"] = DEFAULT_ANCHOR
    data = {**rs.model_dump(), **changes}
    if data["public_neutral_min"] > data["public_positive_min"]:
        return None
    if data["private_neutral_min"] > data["private_positive_min"]:
        return None
    if not keep_name:
        name = f"{rs.name} + {parameter}={value_text(value)}"
        data |= {"name": name, "based_on": rs.based_on or rs.name, "effective_from": None}
    return RuleSet.model_validate(data)


# -- the range ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoreRange:
    """The displayed score at one date under a rule set and under each of its readings.

    Attributes:
        as_of: The date.
        reading: The rule set itself (its :class:`Reading` with no parameter).
        displayed: Its displayed score, None for no JSS.
        low, high: The lowest and highest displayed score over it and its readings, ignoring
            those with no JSS; None only when all have none.
        values: ``(reading, displayed)`` of every alternative reading, in table order.
        most_sensitive: The readings whose displayed score differs most from R's, in table
            order; empty when R has no JSS or no reading differs.
    """

    as_of: dt.date
    reading: Reading
    displayed: int | None
    low: int | None
    high: int | None
    values: tuple[tuple[Reading, int | None], ...]
    most_sensitive: tuple[Reading, ...]

    @property
    def sentence(self) -> str:
        """E.g. "estimated 90%, between 88% and 93% under other readings of Upwork's rules;
        the update cadence matters most"."""
        head = "no JSS estimated" if self.displayed is None else f"estimated {self.displayed}%"
        if self.low is None or self.high is None:
            return f"{head}, and none under other readings of Upwork's rules"
        if self.low == self.high == self.displayed:
            return f"{head}, the same under every other reading of Upwork's rules"
        span = f"between {self.low}% and {self.high}% under other readings of Upwork's rules"
        matters = sorted(
            {r.parameter for r in self.most_sensitive if r.parameter},
            key=[p for p, _ in READINGS].index,
        )
        if not matters:
            return f"{head}, {span}"
        about = " and ".join(_ABOUT[p] for p in matters)
        verb = "matters" if len(matters) == 1 else "matter"
        return f"{head}, {span}; {about} {verb} most"


def score_range(contracts: Sequence[Contract], rules: Rules, as_of: dt.date) -> ScoreRange:
    """The range of the displayed score at ``as_of`` over ``rules`` and its readings."""
    return score_ranges(contracts, rules, as_of, as_of, as_of)[0]


def _range_at(every: Sequence[Reading], shown: Sequence[int], as_of: dt.date) -> ScoreRange:
    """The :class:`ScoreRange` of the readings ``every`` (R first) showing ``shown`` (-1: none)."""
    own, others = every[0], every[1:]
    values = [None if v < 0 else int(v) for v in shown]
    mine, theirs = values[0], values[1:]
    known = [v for v in values if v is not None]
    sensitive: tuple[Reading, ...] = ()
    if mine is not None:
        gaps = [abs(v - mine) if v is not None else 0 for v in theirs]
        widest = max(gaps, default=0)
        if widest > 0:
            sensitive = tuple(r for r, gap in zip(others, gaps, strict=True) if gap == widest)
    return ScoreRange(
        as_of=as_of,
        reading=own,
        displayed=mine,
        low=min(known) if known else None,
        high=max(known) if known else None,
        values=tuple(zip(others, theirs, strict=True)),
        most_sensitive=sensitive,
    )


@dataclass(frozen=True, slots=True)
class RangeTimeline:
    """The lowest and highest displayed score over a rule set and its readings, per day.

    Attributes:
        first: The first day; ``low`` and ``high`` have one value per day, NaN for no JSS.
    """

    first: dt.date
    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]


def range_timeline(
    contracts: Sequence[Contract], rules: Rules, first: dt.date, last: dt.date
) -> RangeTimeline:
    """:func:`score_range`'s low and high on every day of ``[first, last]`` (for a plot band)."""
    return score_ranges(contracts, rules, first, first, last)[1]


def score_ranges(  # noqa: PLR0913 (the look-ahead's shared timeline)
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    first: dt.date,
    last: dt.date,
    *,
    own: Timeline | None = None,
) -> tuple[ScoreRange, RangeTimeline]:
    """:func:`score_range` at ``as_of`` and :func:`range_timeline` over ``[first, last]`` at
    once: every reading is computed once, over the days of both.

    ``own``: the contracts' timeline under ``rules``, when the caller has one covering those
    days (the look-ahead computes one for all its parts).

    The readings' grids are remembered: called again after an edit (the same days, a few
    contracts replaced), each is patched from the previous contracts' grid
    (:meth:`~jsswhatif.core.timeline_grid.Grid.of`).

    A reading that cannot change any contract's verdict shows R's scores and is not computed
    again: its parameter is about something these contracts do not have (no flagged client,
    no $0 contract, no mid-contract feedback, the same feedback class for every rating
    given), or about a rule R does not apply (the inactivity delay when no open contract
    counts as ended, the long-term payment gap when nothing is long-term).
    """
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    lo, hi = min(first, as_of), max(last, as_of)
    every = [Reading(rules.name, None, None, rules), *readings(rules)]
    shown = _displayed_on(contracts, every, lo, hi, own=own, remember=True)
    score = _range_at(every, shown[:, (as_of - lo).days].tolist(), as_of)
    a = (first - lo).days
    band = shown[:, a : a + (last - first).days + 1].astype(np.float64)
    band[band < 0] = np.nan
    all_nan = np.isnan(band).all(axis=0)
    filled = np.where(np.isnan(band), np.inf, band)
    low = np.where(all_nan, np.nan, filled.min(axis=0))
    high = np.where(all_nan, np.nan, np.where(np.isnan(band), -np.inf, band).max(axis=0))
    return score, RangeTimeline(first, low, high)


def _displayed_on(  # noqa: PLR0913 (the look-ahead's timeline and the grids kept)
    contracts: Sequence[Contract],
    every: Sequence[Reading],
    first: dt.date,
    last: dt.date,
    *,
    own: Timeline | None = None,
    remember: bool = False,
) -> Ints:
    """Displayed score per reading (rows) and day (columns); -1 for no JSS.

    With ``own`` (the first reading's timeline over a range holding ``[first, last]``), the
    first row and every reading :func:`_moot` for these contracts are read from it.
    ``remember``: patch the grids of the previous contracts after an edit
    (:meth:`~jsswhatif.core.timeline_grid.Grid.of`).
    """
    book = Book.of(contracts)
    days = (last - first).days + 1
    rows = []
    mine = None
    if own is not None:
        a = own.index_of(first)
        mine = np.nan_to_num(own.displayed[a : a + days], nan=-1.0).astype(np.int64)
    for k, reading in enumerate(every):
        if mine is not None and (k == 0 or _moot(book, every[0].rules, reading)):
            rows.append(mine)
            continue
        timeline = compute_timeline(
            contracts, reading.rules, first, last, book=book, remember=remember
        )
        shown = timeline.displayed
        rows.append(np.nan_to_num(shown, nan=-1.0).astype(np.int64))
    return np.array(rows, dtype=np.int64).reshape(len(every), -1)


_CLASS_PARAMETERS = frozenset(
    {
        "public_positive_min",
        "public_neutral_min",
        "private_positive_min",
        "private_neutral_min",
        "combine",
    }
)


def _moot(book: Book, rules: Rules, reading: Reading) -> bool:
    """Whether ``reading`` gives every contract of ``book`` the verdict ``rules`` gives it on
    every day, so that its scores are R's: its parameter only matters for contracts these do
    not have, or for a rule R does not apply."""
    ours = _rule_sets(rules)
    parameter = reading.parameter
    if parameter in _CLASS_PARAMETERS:
        pairs = zip(ours, _rule_sets(reading.rules), strict=True)
        return all(_same_classes(book, a, b) for a, b in pairs)
    moot = {
        # Only a flagged contract reads it; only a $0 one.
        "flagged_client": lambda: not book.flagged.any(),
        "zero_earnings_no_feedback": lambda: bool(book.earning.all()),
        # Only feedback dated while the contract is still open.
        "interim_feedback": lambda: (
            not ((book.feedback < NEVER) & (book.feedback < book.end)).any()
        ),
        # Read by the inactivity rule only; by the long-term test only.
        "inactive_after_days": lambda: all(rs.open_inactive != "as_ended" for rs in ours),
        "long_term_payment_gap_days": lambda: all(
            rs.open_long_term != "counted" and not rs.long_term_client_bonus for rs in ours
        ),
    }.get(parameter or "")
    return moot is not None and bool(moot())


def _rule_sets(rules: Rules) -> tuple[RuleSet, ...]:
    return rules.presets if isinstance(rules, HistoricalRules) else (rules,)


def _same_classes(book: Book, ours: RuleSet, theirs: RuleSet) -> bool:
    """Whether every (public, private) rating pair of the book has the same feedback class
    (section 4) under both rule sets."""
    # The same pairs for every reading of the book: found once.
    pairs: list[int] = book.memo(
        ("rating pairs",),
        lambda: distinct(book.public_index * 16 + book.private + 1).tolist(),
    )
    for pair in pairs:
        index, private = divmod(pair, 16)
        public = None if index < 0 else book.public_values[index]
        score = None if private == 0 else private - 1
        if _class_of(ours, public, score) != _class_of(theirs, public, score):
            return False
    return True


def _class_of(rs: RuleSet, public: Decimal | None, private: int | None) -> int | None:
    p = None if public is None else public_class(rs, public)
    q = None if private is None else private_class(rs, private)
    return combined_class(rs, p, q)


# -- calibration --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fit:
    """How one candidate fits the observations.

    Attributes:
        reading: The candidate.
        values: Its displayed score on each observation date (observation date order).
        matches: How many equal the observed value.
        mean_error: Mean of ``|displayed - observed|`` over observations with a displayed
            score, None when none has one.
        no_jss: Observations at which it shows no JSS.
    """

    reading: Reading
    values: tuple[int | None, ...]
    matches: int
    mean_error: float | None
    no_jss: int


def candidates(custom: Sequence[RuleSet] = ()) -> tuple[Reading, ...]:
    """Section 14's candidates in order: each preset, ``historical``, each custom rule set,
    each followed by its readings."""
    every: tuple[Rules, ...] = (*PRESETS, HISTORICAL, *custom)
    found: list[Reading] = []
    for rules in every:
        found += [Reading(rules.name, None, None, rules), *readings(rules)]
    return tuple(found)


def calibrate(
    contracts: Sequence[Contract],
    observations: Sequence[tuple[dt.date, int]],
    custom: Sequence[RuleSet] = (),
) -> tuple[Fit, ...]:
    """Every candidate ranked against ``observations`` (date, observed JSS), best first.

    Rank: more matches first, then the smaller mean error (None last), then the candidate's
    position in :func:`candidates`.

    Raises:
        ValueError: No observations, or the same date twice.
    """
    if not observations:
        raise ValueError("calibration needs at least one observed JSS")
    dates = sorted(day for day, _ in observations)
    if len(set(dates)) != len(dates):
        raise ValueError("two observations have the same date")
    observed = [value for _, value in sorted(observations)]
    every = candidates(custom)
    shown = _displayed_on(contracts, every, dates[0], dates[-1])
    columns = [(day - dates[0]).days for day in dates]
    fits = []
    for reading, row in zip(every, shown[:, columns].tolist(), strict=True):
        values = tuple(None if v < 0 else v for v in row)
        errors = [abs(v - o) for v, o in zip(values, observed, strict=True) if v is not None]
        fits.append(
            Fit(
                reading=reading,
                values=values,
                matches=sum(v == o for v, o in zip(values, observed, strict=True)),
                mean_error=sum(errors) / len(errors) if errors else None,
                no_jss=sum(v is None for v in values),
            )
        )
    order = sorted(
        range(len(fits)),
        key=lambda k: (
            -fits[k].matches,
            math.inf if fits[k].mean_error is None else fits[k].mean_error,
            k,
        ),
    )
    return tuple(fits[k] for k in order)


def calibration_sentence(fits: Sequence[Fit]) -> str:
    """E.g. "of 5 observed values, upwork-2024-09 with biweekly updates matches 5"."""
    best = fits[0]
    count = len(best.values)
    noun = "value" if count == 1 else "values"
    return f"of {count} observed {noun}, {best.reading.phrase} matches {best.matches}"
