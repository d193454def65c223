"""The plot's date axis: pyqtgraph's, without a time-zone look-up per tick (issue 14).

The plot's x values are UTC-midnight epoch seconds, labelled by a ``DateAxisItem`` with a
fixed UTC offset of 0. pyqtgraph still converts every tick to local time through
``QDateTime`` (``applyOffsetToUtc``), then drops the answer for the fixed offset: about 40
µs a tick, 5 ms per redraw of a ten-year axis, and the time-zone data loaded at the first
frame. :class:`UtcDateAxis` adds the fixed offset directly; its ticks are pyqtgraph's.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import HOUR_SPACING, ZoomLevel


class _FixedOffsetZoomLevel(ZoomLevel):  # type: ignore[misc]  # pyqtgraph is untyped
    """A zoom level whose day-or-longer ticks move by the fixed UTC offset alone."""

    def moveTicksToLocalTimeCoords(
        self, ticks: npt.NDArray[np.float64], spacing: int, skipFactor: int
    ) -> Any:
        """pyqtgraph's ticks: for a fixed offset, those moved by it (what its per-tick
        conversion gives); hourly ticks as pyqtgraph moves them."""
        hourly = spacing < HOUR_SPACING or (spacing == HOUR_SPACING and skipFactor == 1)
        if self.utcOffset is None or hourly or not len(ticks):
            return super().moveTicksToLocalTimeCoords(ticks, spacing, skipFactor)
        return ticks + self.utcOffset


class UtcDateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A bottom ``DateAxisItem`` labelling UTC epoch seconds (UTC offset 0)."""

    zoomLevels: OrderedDict[float, Any]  # (pyqtgraph's: the largest spacing -> its level)

    def __init__(self) -> None:
        """The axis, with zoom levels of its own (pyqtgraph's are shared module objects)."""
        super().__init__(orientation="bottom", utcOffset=0)
        self.zoomLevels = OrderedDict(
            (spacing, _FixedOffsetZoomLevel(level.tickSpecs, level.exampleText))
            for spacing, level in self.zoomLevels.items()
        )
