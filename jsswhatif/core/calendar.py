"""Calendar arithmetic of the scoring model (section 2): months with the end-of-month clamp.

All dates are plain calendar dates. A window of L months at t holds an outcome dated d iff
``months_before(t, L) <= d <= t``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import numpy as np
import numpy.typing as npt

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day 0 of numpy datetime64[D]


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
    exit_day = window_exit_days(np.array([d.toordinal()], dtype=np.int64), months)
    return dt.date.fromordinal(int(exit_day[0]))


def window_exit_days(days: npt.NDArray[np.int64], months: int) -> npt.NDArray[np.int64]:
    """:func:`window_exit` of every date ordinal in ``days``, at once.

    The day after d, moved ``months`` months on; where the target month is too short to hold
    that day number, the clamp keeps d inside the window to the end of that month, so the
    outcome leaves on the first day of the next one.
    """
    following = (days + 1 - _EPOCH_ORDINAL).astype("datetime64[D]")
    month = following.astype("datetime64[M]")
    day0 = (following - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    target_first = target.astype("datetime64[D]")
    next_first = (target + np.timedelta64(1, "M")).astype("datetime64[D]")
    fits = day0 < (next_first - target_first).astype(np.int64)
    exit_ = np.where(fits, target_first + day0, next_first)
    result: npt.NDArray[np.int64] = exit_.astype(np.int64) + _EPOCH_ORDINAL
    return result


def biweekly_update(t: dt.date, anchor: dt.date) -> dt.date:
    """The latest biweekly update date on or before t: ``anchor + 14 * floor((t - anchor) / 14)``.

    Example:
        >>> biweekly_update(dt.date(2020, 11, 8), dt.date(2023, 12, 10))
        datetime.date(2020, 11, 1)
    """
    return anchor + dt.timedelta(days=14 * ((t - anchor).days // 14))
