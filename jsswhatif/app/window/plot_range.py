"""The plot range: the days the timelines cover, and so the days the as-of may take.

No Qt here. The controller owns the range (:attr:`Controller.plot_range
<jsswhatif.app.window.controller.Controller.plot_range>`); it starts at the first contract and
reaches :data:`AHEAD_MONTHS` past today and the as-of date, and only grows while a document is
open (an as-of beyond it, an earlier contract, a wider range asked for by the plot).

Example: today 2026-11-25, as-of 2026-11-25, first contract 2025-01-06: the range is
2025-01-06 to 2028-11-25.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document

#: Months of look-ahead the plot range keeps after today and the as-of date.
AHEAD_MONTHS = 24

#: First and last day, inclusive.
Range = tuple[dt.date, dt.date]


def default_range(
    document: Document, contracts: Sequence[Contract], today: dt.date, as_of: dt.date
) -> Range:
    """From the first contract start (baseline or ``contracts``), today or ``as_of``, to
    :data:`AHEAD_MONTHS` months after the later of today and ``as_of``."""
    starts = [c.start for c in (*document.contracts, *contracts)]
    first = min([*starts, today, as_of])
    last = max(months_after(today, AHEAD_MONTHS), months_after(as_of, AHEAD_MONTHS))
    return first, last


def extended_range(current: Range, as_of: dt.date) -> Range:
    """``current`` grown to hold ``as_of`` and the :data:`AHEAD_MONTHS` months after it."""
    return min(current[0], as_of), max(current[1], months_after(as_of, AHEAD_MONTHS))
