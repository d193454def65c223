"""How sure, and Top Rated Plus, on the plot: the range band and the Plus spans.

:class:`Bands` owns the items: a low and a high line (the lowest and highest displayed score
over the rule set and its alternative readings, :func:`jsswhatif.core.readings.range_timeline`)
with the area between them shaded, and shaded spans where Top Rated Plus is estimated, a strip
along the top of the Top Rated band. Each is an entry of the legend that hides or shows it
(``range_low``, ``range_high``, ``top_rated_plus``); the shading shows while both lines do.
:class:`~jsswhatif.app.plot.band_follower.BandFollower` feeds them the controller's
look-ahead.

The shading is one path built from the band's arrays, a polygon per run of known days with a
vertex only where a line steps: pyqtgraph's ``FillBetweenItem`` rebuilt it from the two
curves' paths on each change of either (twice per update, 24-40 ms each at 1,000-10,000
contracts). A band equal to the one drawn is not drawn again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from jsswhatif.app.plot import items
from jsswhatif.core.readings import RangeTimeline

RANGE_COLOUR = "#64748b"
PLUS_COLOUR = "#15803d"
LOW_LABEL = "low (other readings)"
HIGH_LABEL = "high (other readings)"
PLUS_LABEL = "Top Rated Plus (est.)"
#: The legend keys of the bands (as the canvas's hidden set names them).
KEYS = ("range_low", "range_high", "top_rated_plus")


class Bands:
    """The range band and the Top Rated Plus spans of one plot.

    Attributes:
        low, high: The lines (step series, NaN for no JSS).
        fill: The shading between them.
        plus: Shaded spans where Top Rated Plus is estimated.
        plus_key: Its legend sample (a box).
    """

    def __init__(self, plot: pg.PlotItem) -> None:
        """Create the items on ``plot``, empty."""
        pen = pg.mkPen(RANGE_COLOUR, width=1, style=Qt.PenStyle.DashLine)
        self.low = pg.PlotDataItem(pen=pen, connect="finite", stepMode="right")
        self.high = pg.PlotDataItem(pen=pen, connect="finite", stepMode="right")
        for curve in (self.low, self.high):
            curve.setZValue(12)  # under the JSS line and the baseline
            plot.addItem(curve)
        self.fill = QGraphicsPathItem()
        self.fill.setBrush(pg.mkBrush(items.translucent(RANGE_COLOUR, 45)))
        self.fill.setPen(pg.mkPen(None))
        self.fill.setZValue(11)
        plot.addItem(self.fill)
        self.plus = items.RegionPool(plot, PLUS_COLOUR, 70, (0.94, 0.985))
        self.plus_key = pg.BarGraphItem(
            x=[0.0],
            height=[0.0],
            width=1.0,
            brush=items.translucent(PLUS_COLOUR, 110),
            pen=pg.mkPen(items.translucent(PLUS_COLOUR, 190)),
        )
        self._has_range = False
        self._has_plus = False
        self._drawn: tuple[object, ...] | None = None  # what show() last drew

    def show(
        self,
        band: RangeTimeline | None,
        plus: npt.NDArray[np.bool_] | None,
        first: dt.date,
    ) -> bool:
        """Draw ``band`` and the Plus days ``plus`` (day 0 is ``first``); None clears one.

        Returns whether the legend's entries change (a band came or went).
        """
        had = (self._has_range, self._has_plus)
        if self._same(band, plus, first):
            return False
        if band is None or np.isnan(band.low).all():
            self.low.setData([], [])
            self.high.setData([], [])
            self.fill.setPath(QPainterPath())
            self._has_range = False
        else:
            x0 = items.epoch_seconds(band.first)
            x = np.arange(band.low.size, dtype=np.float64) * items.DAY + x0
            self.low.setData(*items.step_data(x, band.low))
            self.high.setData(*items.step_data(x, band.high))
            self.fill.setPath(band_path(x0, band.low, band.high))
            self._has_range = True
        spans = [] if plus is None else items.spans_from_mask(first, plus)
        self.plus.set_spans(
            [(items.epoch_seconds(a), items.epoch_seconds(b) + items.DAY) for a, b in spans],
            "Top Rated Plus estimated",
        )
        self._has_plus = bool(spans)
        return had != (self._has_range, self._has_plus)

    def _same(
        self,
        band: RangeTimeline | None,
        plus: npt.NDArray[np.bool_] | None,
        first: dt.date,
    ) -> bool:
        """Whether these are the band and Plus days on show (each look-ahead brings new
        arrays, mostly with the same values); remembers them as drawn otherwise."""
        drawn = (
            None if band is None else (band.first, band.low.copy(), band.high.copy()),
            None if plus is None else plus.copy(),
            first,
        )
        before, self._drawn = self._drawn, drawn
        return before is not None and _equal(before, drawn)

    def legend_entries(self) -> list[tuple[pg.GraphicsObject, str, str]]:
        """(item, label, tool tip) of the legend entries for what is drawn."""
        entries: list[tuple[pg.GraphicsObject, str, str]] = []
        if self._has_range:
            tip = "The displayed score under the other readings of Upwork's rules"
            entries += [(self.low, LOW_LABEL, tip), (self.high, HIGH_LABEL, tip)]
        if self._has_plus:
            entries.append((self.plus_key, PLUS_LABEL, "$10,000 in 12 months and a large contract"))
        return entries

    def key_of(self, item: object) -> str | None:
        """The legend key of ``item``, if it is one of the bands' samples."""
        return {id(self.low): KEYS[0], id(self.high): KEYS[1], id(self.plus_key): KEYS[2]}.get(
            id(item)
        )

    def apply(self, shown: bool, hidden: Collection[str]) -> None:
        """Show what the mode allows (``shown``: not comparing) and the user did not hide."""
        low = shown and KEYS[0] not in hidden
        high = shown and KEYS[1] not in hidden
        self.low.setVisible(low)
        self.high.setVisible(high)
        self.fill.setVisible(low and high)
        self.plus_key.setVisible(KEYS[2] not in hidden)
        self.plus.set_shown(shown and KEYS[2] not in hidden)


def _equal(a: object, b: object) -> bool:
    """Equality of nested tuples holding arrays (NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.shape == b.shape
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        )
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def band_path(
    x0: float, low: npt.NDArray[np.float64], high: npt.NDArray[np.float64]
) -> QPainterPath:
    """The area between the step lines ``low`` and ``high`` (day ``i`` spans ``x0 + i * DAY``
    to the next day): one closed polygon per run of days where both are known, along ``low``
    left to right and back along ``high``.

    Example: ``band_path(0.0, [1, 1, 2], [3, 3, 3])`` is one polygon through (0, 1),
    (2 days, 1), (2 days, 2), (3 days, 2), (3 days, 3), (0, 3).
    """
    low, high = np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)
    known = np.isfinite(low) & np.isfinite(high)
    edges = np.diff(np.concatenate([[0], known.astype(np.int8), [0]]))
    xs: list[npt.NDArray[np.float64]] = []
    ys: list[npt.NDArray[np.float64]] = []
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        lx, ly = _steps(x0 + start * items.DAY, low[start:end])
        hx, hy = _steps(x0 + start * items.DAY, high[start:end])
        xs.append(np.concatenate([lx, hx[::-1]]))
        ys.append(np.concatenate([ly, hy[::-1]]))
    if not xs:
        return QPainterPath()
    connect = np.concatenate([np.append(np.ones(x.size - 1, np.int32), 0) for x in xs])
    path: QPainterPath = pg.arrayToQPath(
        np.concatenate(xs), np.concatenate(ys), connect, finiteCheck=False
    )
    return path


def _steps(
    x0: float, values: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vertices of a step line holding ``values[i]`` over day ``i`` from ``x0``: a corner pair
    only where the value changes (a band keeps its value for weeks)."""
    change = np.flatnonzero(values[1:] != values[:-1]) + 1
    at = x0 + change * items.DAY
    x = np.concatenate([[x0], np.repeat(at, 2), [x0 + values.size * items.DAY]])
    y = np.concatenate(
        [values[:1], np.column_stack([values[change - 1], values[change]]).ravel(), values[-1:]]
    )
    return x, y
