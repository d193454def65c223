"""The domain of jsswhatif, decided once: the dates, amounts and rule parameters it accepts.

Every loader (the contracts CSV, saved documents), every record
(:class:`~jsswhatif.core.contracts.Contract`, :class:`~jsswhatif.core.contracts.Payment`,
:class:`~jsswhatif.core.rules.RuleSet`, :class:`~jsswhatif.core.document.Document` and its
observations) and the field parsers of :mod:`jsswhatif.core.fields` enforce these bounds, each
with a message naming the bound; the contracts table, the dialogs and the Rules dialog validate
through those parsers and records, so they enforce them too. On this domain every computation
of the core is total: the engine, the timeline, the forecast and changes, Top Rated, impacts,
the readings and the range never raise for an accepted input.

The bounds, and why:

- Dates lie in ``[FIRST_DATE, LAST_DATE]``, 1990-01-01 to 2199-12-31: far wider than any real
  contract (Upwork's predecessors opened in 2003), yet every date the model derives from them
  (a 24-month horizon, an inactivity date up to :data:`MAX_DAYS` after a payment, a window exit
  up to :data:`MAX_WINDOW_MONTHS` after that) stays near 1980-2220, inside Python's and
  numpy's calendars; a timeline over the whole domain has about 77,000 days. A far-future date
  such as 9999-12-31 is a common "no end" placeholder in spreadsheets: for a contract that has
  not ended, the end stays empty.
- Amounts (earnings, each payment, the earnings-tier bounds, the large-contract threshold) are
  below :data:`AMOUNT_LIMIT` (a trillion dollars) in size, with at most :data:`AMOUNT_DECIMALS`
  decimals (trailing zeros aside: ``1250.500000`` is fine), so that sums of them stay exact
  within the 28 digits of Decimal's default context and their float estimates stay finite.
- Windows run from 1 to :data:`MAX_WINDOW_MONTHS` months (ten years), at most
  :data:`MAX_WINDOWS` of them; day parameters (``inactive_after_days``, ``long_term_min_days``,
  ``long_term_payment_gap_days``, ``length_bonus_days``) at most :data:`MAX_DAYS` (ten years),
  each from 1 or from 0 where 0 means something (no minimum, no gap, no length bonus);
  weights and the cap are at most :data:`MAX_WEIGHT` jobs; the minimums at most
  :data:`MAX_MINIMUM`; at most :data:`MAX_TIERS` earnings tiers; star thresholds lie on the
  star scale 1-5.

The records declare the bounds with :data:`DomainDate` and :data:`DomainAmount`, checked by
pydantic without a Python call (a contract is validated often); :func:`bound_problem` turns
pydantic's error for a bound into the words below.

Example:
    >>> date_problem(dt.date(2026, 3, 1)) is None
    True
    >>> print(date_problem(dt.date(9999, 12, 31)))
    is after 2199-12-31, the latest date jsswhatif handles (if it means 'no end', leave end empty)
    >>> print(amount_problem(Decimal("250.12345")))
    has more than 4 decimals (jsswhatif keeps amounts to 4 decimals)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field

#: The earliest and the latest date jsswhatif accepts anywhere (inclusive).
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)

#: Every amount is smaller than this in size (dollars; a refund's size too).
AMOUNT_LIMIT = Decimal(10) ** 12
#: Amounts are written with at most this many decimals.
AMOUNT_DECIMALS = 4

#: The longest window, in months, and the most windows a rule set may have.
MAX_WINDOW_MONTHS = 120
MAX_WINDOWS = 12
#: The largest value of a rule parameter counted in days.
MAX_DAYS = 3650
#: The heaviest tier weight and weight cap, in jobs.
MAX_WEIGHT = Decimal(100)
#: The largest ``min_outcomes`` and ``min_clients``.
MAX_MINIMUM = 1000
#: The most earnings tiers a rule set may have.
MAX_TIERS = 10


def date_problem(day: dt.date) -> str | None:
    """What is wrong with ``day`` as a date of jsswhatif, or None when it lies in the domain.

    Example:
        >>> print(date_problem(dt.date(1, 1, 1)))
        is before 1990-01-01, the earliest date jsswhatif handles
    """
    if day < FIRST_DATE:
        return f"is before {FIRST_DATE.isoformat()}, the earliest date jsswhatif handles"
    if day > LAST_DATE:
        return (
            f"is after {LAST_DATE.isoformat()}, the latest date jsswhatif handles "
            "(if it means 'no end', leave end empty)"
        )
    return None


def amount_problem(amount: Decimal) -> str | None:
    """What is wrong with ``amount`` (of either sign) as an amount, or None when it is fine.

    The sign is the caller's rule (earnings are never negative, a refund is); this checks the
    size, below :data:`AMOUNT_LIMIT`, and the decimals, at most :data:`AMOUNT_DECIMALS` once
    trailing zeros are left aside (as pydantic counts them for :data:`DomainAmount`).

    Example:
        >>> print(amount_problem(Decimal("1e12")))
        must be less than 1,000,000,000,000 in size
        >>> amount_problem(Decimal("-1250.50")) is None
        True
    """
    if not amount.is_finite():
        return "must be a finite amount"
    if abs(amount) >= AMOUNT_LIMIT:
        return f"must be less than {AMOUNT_LIMIT:,} in size"
    _, digits, exponent = amount.as_tuple()
    significant = "".join(map(str, digits)).rstrip("0")  # none: the amount is 0
    places = -(int(exponent) + len(digits) - len(significant)) if significant else 0
    if places > AMOUNT_DECIMALS:
        return (
            f"has more than {AMOUNT_DECIMALS} decimals "
            f"(jsswhatif keeps amounts to {AMOUNT_DECIMALS} decimals)"
        )
    return None


#: A date of the domain, as a record's field type.
DomainDate = Annotated[dt.date, Field(ge=FIRST_DATE, le=LAST_DATE)]
#: An amount of the domain (either sign; the record adds its own sign rule), as a field type.
DomainAmount = Annotated[
    Decimal, Field(gt=-AMOUNT_LIMIT, lt=AMOUNT_LIMIT, decimal_places=AMOUNT_DECIMALS)
]

_TOO_LATE = date_problem(LAST_DATE + dt.timedelta(days=1))
_TOO_EARLY = date_problem(FIRST_DATE - dt.timedelta(days=1))
_TOO_LARGE = amount_problem(AMOUNT_LIMIT)
_TOO_PRECISE = amount_problem(Decimal(1).scaleb(-AMOUNT_DECIMALS - 1))


def bound_problem(error: Mapping[str, Any]) -> str | None:
    """The domain's words for a pydantic error (``ErrorDetails``) of one of its bounds.

    None when the error is about something else, which keeps pydantic's own message.

    Example:
        >>> error = {"type": "less_than_equal", "ctx": {"le": "2199-12-31"}}
        >>> bound_problem(error) == date_problem(dt.date(9999, 12, 31))
        True
    """
    ctx = error.get("ctx") or {}
    words = {
        ("less_than_equal", "le", LAST_DATE.isoformat()): _TOO_LATE,
        ("greater_than_equal", "ge", FIRST_DATE.isoformat()): _TOO_EARLY,
        ("less_than", "lt", str(AMOUNT_LIMIT)): _TOO_LARGE,
        ("greater_than", "gt", str(-AMOUNT_LIMIT)): _TOO_LARGE,
        ("decimal_max_places", "decimal_places", str(AMOUNT_DECIMALS)): _TOO_PRECISE,
    }
    for (kind, key, bound), problem in words.items():
        if error.get("type") == kind and str(ctx.get(key)) == bound:
            return problem
    return None
