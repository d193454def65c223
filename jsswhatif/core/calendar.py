"""Calendar arithmetic of the scoring model (section 2): months with the end-of-month clamp.

All dates are plain calendar dates. A window of L months at t holds an outcome dated d iff
``months_before(t, L) <= d <= t``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache


def _shift_months(t: dt.date, months: int) -> dt.date:
    index = t.year * 12 + (t.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(t.day, last_day))


def months_before(t: dt.date, months: int) -> dt.date:
    """The date ``months`` calendar months before t, clamped to the end of a shorter month.

    Example:
        >>> months_before(dt.date(2026, 8, 31), 6)
        datetime.date(2026, 2, 28)
    """
    return _shift_months(t, -months)


def months_after(t: dt.date, months: int) -> dt.date:
    """The date ``months`` calendar months after t, clamped like :func:`months_before`.

    Example:
        >>> months_after(dt.date(2026, 1, 31), 1)
        datetime.date(2026, 2, 28)
    """
    return _shift_months(t, months)


@lru_cache(maxsize=65536)
def window_exit(d: dt.date, months: int) -> dt.date:
    """The first date t at which an outcome dated d is no longer in the ``months`` window.

    It is the first t with ``months_before(t, months) > d``. Because of the clamp an outcome
    dated 2026-02-28 stays in the 6-month window up to 2026-08-31.

    Example:
        >>> window_exit(dt.date(2026, 2, 28), 6)
        datetime.date(2026, 9, 1)
    """
    following = d + dt.timedelta(days=1)
    index = following.year * 12 + (following.month - 1) + months
    year, month0 = divmod(index, 12)
    if following.day <= calendar.monthrange(year, month0 + 1)[1]:
        return dt.date(year, month0 + 1, following.day)
    # The target month is too short to hold that day: the clamp keeps d inside the window to
    # the end of that month, so the outcome leaves on the first day of the next one.
    year, month0 = divmod(index + 1, 12)
    return dt.date(year, month0 + 1, 1)


def biweekly_update(t: dt.date, anchor: dt.date) -> dt.date:
    """The latest biweekly update date on or before t: ``anchor + 14 * floor((t - anchor) / 14)``.

    Example:
        >>> biweekly_update(dt.date(2020, 11, 8), dt.date(2023, 12, 10))
        datetime.date(2020, 11, 1)
    """
    return anchor + dt.timedelta(days=14 * ((t - anchor).days // 14))
