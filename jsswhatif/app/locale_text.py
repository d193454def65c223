"""Dates and amounts as the user's locale writes them, for the views.

The views (the contracts table, for one) show dates and amounts the way the user's locale
(:class:`QLocale`, the system's unless the application sets another) writes them: 17.09.2026
and $1.234,50 in Germany, 9/17/2026 and $1,234.50 in the United States. Files, exports and
the command line stay ISO and plain (``2026-09-17``, ``1234.50``), and so do fields where a
date is typed (they read ISO). The C locale (no preference: ``LANG=C``) shows ISO dates.

Years always have four digits (a locale's short format ``M/d/yy`` becomes ``M/d/yyyy``): a
work history spans decades. Amounts keep every decimal stored (see :func:`money_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale


def _locale(locale: QLocale | None) -> QLocale:
    return QLocale() if locale is None else locale


def _is_c(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (``yyyy-MM-dd`` for C)."""
    locale = _locale(locale)
    if _is_c(locale):
        return "yyyy-MM-dd"
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"(?<!y)y{1,2}(?!y)", "yyyy", short)


def date_text(day: dt.date, locale: QLocale | None = None) -> str:
    """``day`` as the locale writes it (ISO for the C locale)."""
    locale = _locale(locale)
    if _is_c(locale):
        return day.isoformat()
    return locale.toString(QDate(day.year, day.month, day.day), date_format(locale))


def money_text(amount: Decimal, locale: QLocale | None = None) -> str:
    """A USD amount as stored, with $ and the locale's separators: cents always, and every
    further decimal the amount has, never rounded away.

    Rounding to cents would show $250.005 as $250.00 while the amount is weighted in the tier
    above $250: the amount a user sees must decide the tier the same way. The digits come
    from the Decimal itself (no float), only the separators from the locale.
    """
    locale = _locale(locale)
    exponent = amount.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    plain = f"{amount:,.{places}f}"
    if not _is_c(locale):
        group, point = locale.groupSeparator(), locale.decimalPoint()
        plain = "".join(group if c == "," else point if c == "." else c for c in plain)
    return f"${plain}"
