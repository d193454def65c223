"""Building blocks of the score plot: date conversions, series styles and reusable items.

x values are UTC-midnight epoch seconds (the plot's ``UtcDateAxis``, offset 0, labels them
as calendar dates in any time zone); y values are percentages. Nothing here computes a score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem

from jsswhatif.app.rich_text import as_html
from jsswhatif.core.document import Observation
from jsswhatif.core.insights import WindowExit

Floats = npt.NDArray[np.float64]
DAY = 86400.0
_EPOCH = dt.date(1970, 1, 1)

#: Colours of the window series (and of their reach bars and exit markers).
WINDOW_COLOURS: dict[int, str] = {3: "#a855f7", 6: "#0ea5e9", 12: "#14b8a6", 24: "#f59e0b"}
#: Colours for windows outside the usual four, and for compared series, in order.
PALETTE: tuple[str, ...] = (
    "#2563eb",
    "#dc2626",
    "#16a34a",
    "#9333ea",
    "#ea580c",
    "#0891b2",
    "#be185d",
    "#4d7c0f",
    "#854d0e",
    "#475569",
)
DISPLAYED_COLOUR = "#1d4ed8"
BASELINE_COLOUR = "#334155"
TRENDING_COLOUR = "#ec4899"
BEST_COLOUR = "#94a3b8"
AS_OF_COLOUR = "#dc2626"
TOP_RATED_COLOUR = "#22c55e"
NINETY_COLOUR = "#15803d"
OBSERVED_COLOUR = "#111827"
OBSERVED_LABEL = "seen on Upwork"
VALUE_WORDS = {1: "positive", 0: "neutral", -1: "negative"}


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one named series is drawn.

    Attributes:
        label: Legend text.
        colour: Line colour (``#rrggbb``).
        width: Line width in pixels.
        dash: Qt pen style.
        step: Drawn as a step line (``stepMode="right"``).
    """

    label: str
    colour: str
    width: float = 1.0
    dash: Qt.PenStyle = Qt.PenStyle.SolidLine
    step: bool = False

    def pen(self, colour: str | None = None) -> pg.QtGui.QPen:
        """The pen of this style (cosmetic, so exports keep the width), in ``colour`` if given
        (the style's colour adapted to the background)."""
        pen = pg.mkPen(colour or self.colour, width=self.width, style=self.dash)
        pen.setCosmetic(True)
        return pen


def window_key(months: int) -> str:
    """Series name of a window: ``m6`` for the 6-month window."""
    return f"m{months}"


def window_style(months: int) -> SeriesStyle:
    """Thin line in the window's colour."""
    colour = WINDOW_COLOURS.get(months, PALETTE[months % len(PALETTE)])
    return SeriesStyle(f"{months} months", colour)


#: Line styles of compared series, in turn with the colours: two series that coincide (a rule
#: set and ``historical`` resolving to it) still show as two lines, and no series is told apart
#: by its colour alone.
COMPARE_DASHES: tuple[Qt.PenStyle, ...] = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)


def compare_style(index: int, name: str) -> SeriesStyle:
    """The style of the ``index``-th compared series: the palette's colour, a dash pattern,
    and a width narrowing with the index so that a later line shows inside an earlier one."""
    colour = PALETTE[index % len(PALETTE)]
    dash = COMPARE_DASHES[index % len(COMPARE_DASHES)]
    return SeriesStyle(name, colour, max(1.4, 3.0 - 0.5 * index), dash, step=True)


FIXED_STYLES: dict[str, SeriesStyle] = {
    "trending": SeriesStyle("trending", TRENDING_COLOUR, 1.0, Qt.PenStyle.DashDotLine),
    "best": SeriesStyle("best of", BEST_COLOUR, 1.0, Qt.PenStyle.DotLine),
    "baseline": SeriesStyle("baseline JSS", BASELINE_COLOUR, 1.6, Qt.PenStyle.DashLine, True),
    "displayed": SeriesStyle("JSS", DISPLAYED_COLOUR, 3.0, Qt.PenStyle.SolidLine, True),
}


def epoch_seconds(day: dt.date) -> float:
    """UTC-midnight epoch seconds of ``day``."""
    return (day - _EPOCH).days * DAY


def date_at(seconds: float) -> dt.date:
    """The day whose UTC midnight is nearest to ``seconds``."""
    return _EPOCH + dt.timedelta(days=round(seconds / DAY))


def day_under(seconds: float) -> dt.date:
    """The day whose 24 hours hold ``seconds`` (for the hover read-out)."""
    return _EPOCH + dt.timedelta(days=int(np.floor(seconds / DAY)))


def step_data(x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """x and y for ``stepMode="right"``: the days the value changes on (a day holding the
    value of the day before adds nothing to a step line), and one more point, one day after
    the last (without it the last day would have zero width).

    A daily score changes on about one day in five: a fifth of the points to stroke, with
    the thick JSS line the costliest item of a plot repaint.

    Example:
        >>> step_data(np.array([0.0, 1, 2, 3]) * DAY, np.array([90.0, 90, np.nan, np.nan]))
        (array([     0., 172800., 345600.]), array([90., nan, nan]))
    """
    if x.size == 0:
        return x, y
    same = (y[1:] == y[:-1]) | (np.isnan(y[1:]) & np.isnan(y[:-1]))
    keep = np.concatenate([[True], ~same])
    return np.append(x[keep], x[-1] + DAY), np.append(y[keep], y[-1])


def spans_from_mask(first: dt.date, mask: npt.ArrayLike) -> list[tuple[dt.date, dt.date]]:
    """Runs of True days in ``mask`` (day 0 is ``first``) as inclusive ``(start, end)`` pairs.

    Example:
        >>> spans_from_mask(dt.date(2026, 1, 1), [False, True, True, False, True])
        [(datetime.date(2026, 1, 2), datetime.date(2026, 1, 3)), (datetime.date(2026, 1, 5), \
datetime.date(2026, 1, 5))]
    """
    flags = np.asarray(mask, dtype=np.int8)
    edges = np.diff(np.concatenate([[0], flags, [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    day = dt.timedelta(days=1)
    return [(first + int(a) * day, first + int(b) * day) for a, b in zip(starts, ends, strict=True)]


def translucent(colour: str, alpha: int) -> QColor:
    """``colour`` with the given alpha (0-255)."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


class RegionPool:
    """Vertical shaded spans in a plot, reused between updates (never re-created per update).

    Attributes:
        regions: The region items; the first ``count`` hold the current spans.
        count: How many spans are set.
    """

    def __init__(self, plot: pg.PlotItem, colour: str, alpha: int, span: tuple[float, float]):
        """Spans of ``colour`` covering the ``span`` fraction of the view's height."""
        self._plot = plot
        self._brush = pg.mkBrush(translucent(colour, alpha))
        self._pen = pg.mkPen(translucent(colour, min(255, alpha * 2)), width=1)
        self._span = span
        self._shown = True
        self._set: tuple[list[tuple[float, float]], str] | None = None
        self.regions: list[pg.LinearRegionItem] = []
        self.count = 0

    def set_spans(self, spans: Sequence[tuple[float, float]], tip: str = "") -> None:
        """Show one shaded span per ``(x0, x1)`` pair; hide the items left over."""
        if (list(spans), tip) == self._set:
            return  # moving a region repaints the plot under it
        self._set = (list(spans), tip)
        while len(self.regions) < len(spans):
            region = pg.LinearRegionItem(
                brush=self._brush, pen=self._pen, movable=False, span=self._span
            )
            region.setZValue(-20)
            self._plot.addItem(region, ignoreBounds=True)
            self.regions.append(region)
        for region, (x0, x1) in zip(self.regions, spans, strict=False):
            region.setRegion((x0, x1))
            region.setToolTip(tip)
        self.count = len(spans)
        self.set_shown(self._shown)

    def set_band(self, span: tuple[float, float]) -> None:
        """Cover the ``span`` fraction of the view's height from now on."""
        if span != self._span:
            self._span = span
            for region in self.regions:
                region.setSpan(*span)

    def set_shown(self, shown: bool) -> None:
        """Show or hide all the current spans (they are kept)."""
        self._shown = shown
        for index, region in enumerate(self.regions):
            region.setVisible(shown and index < self.count)

    def spans(self) -> list[tuple[float, float]]:
        """The current ``(x0, x1)`` pairs, in order."""
        return [
            (float(r.getRegion()[0]), float(r.getRegion()[1])) for r in self.regions[: self.count]
        ]


class Lane:
    """One shaded span in a horizontal band of a plot whose y range is fixed: a window's
    reach at the as-of, moved on every drag step.

    It looks like a ``LinearRegionItem`` of :class:`RegionPool` (a translucent box, its
    two ends drawn as thin lines) from two plain Qt items: moving a ``LinearRegionItem``
    runs pyqtgraph's lines, signals and bounds in Python, a third of a drag step's
    handling for three lanes.

    Attributes:
        count: How many spans are set (0 or 1).
    """

    def __init__(
        self, plot: pg.PlotItem, colour: str, alpha: int, y_range: tuple[float, float]
    ) -> None:
        """An empty lane of ``colour`` on ``plot``, whose y range is ``y_range``."""
        self._y_range = y_range
        self._band = (0.0, 1.0)
        self._span: tuple[float, float] | None = None
        self._box = QGraphicsRectItem()
        self._box.setBrush(pg.mkBrush(translucent(colour, alpha)))
        self._box.setPen(QPen(Qt.PenStyle.NoPen))
        self._ends = QGraphicsPathItem()
        pen = QPen(translucent(colour, min(255, alpha * 2)), 1)
        pen.setCosmetic(True)
        self._ends.setPen(pen)
        for item in (self._box, self._ends):
            item.setZValue(-20)
            item.setVisible(False)
            plot.addItem(item, ignoreBounds=True)
        self.count = 0

    def set_band(self, span: tuple[float, float]) -> None:
        """Cover the ``span`` fraction of the y range from now on."""
        if span != self._band:
            self._band = span
            self._draw()

    def set_spans(self, spans: Sequence[tuple[float, float]], tip: str = "") -> None:
        """Show the one ``(x0, x1)`` span given, or nothing for none."""
        self._span = spans[0] if spans else None
        self.count = len(spans[:1])
        self._box.setToolTip(tip)
        self._draw()

    def spans(self) -> list[tuple[float, float]]:
        """The current ``(x0, x1)`` pair, if any."""
        return [] if self._span is None else [self._span]

    def _draw(self) -> None:
        span = self._span
        if span is not None:
            low, high = self._y_range
            y0, y1 = (low + f * (high - low) for f in self._band)
            x0, x1 = span
            self._box.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            ends = QPainterPath()
            for x in (x0, x1):
                ends.moveTo(x, y0)
                ends.lineTo(x, y1)
            self._ends.setPath(ends)
        for item in (self._box, self._ends):
            if item.isVisible() != (span is not None):
                item.setVisible(span is not None)


def exit_tip(x: float, y: float, data: object) -> str:  # noqa: ARG001 (pyqtgraph's tip signature)
    """Tool tip of a marker: the words of its data (a window exit's made only now, on hover;
    an observation's text), shown as it is (contract titles and observation notes are the
    user's text)."""
    text = exit_text(data) if isinstance(data, WindowExit) else str(data)
    return as_html(text)  # pyqtgraph joins the tips of the spots under the mouse


def exit_text(event: WindowExit) -> str:
    """Words for a window exit: contract, value, window and day."""
    title = f"'{event.title}'" if event.title else f"contract {event.contract_id}"
    return (
        f"{title} ({VALUE_WORDS.get(event.value, event.value)}) leaves the "
        f"{event.months}-month window on {event.date.isoformat()}"
    )


def exit_symbol(value: int) -> str:
    """A negative outcome leaving lifts the score (triangle up); a positive one lowers it."""
    return {-1: "t1", 0: "o", 1: "t"}.get(value, "o")


def observation_text(observation: Observation) -> str:
    """Tool tip of an observed JSS: ``seen on Upwork: 92% on 2026-09-10 (last week)``."""
    note = f" ({observation.note})" if observation.note else ""
    return f"{OBSERVED_LABEL}: {observation.value}% on {observation.date.isoformat()}{note}"


def observation_spots(observations: Sequence[Observation]) -> list[dict[str, object]]:
    """Scatter spots of observed JSS values at (day, value), their tool-tip text as data."""
    return [
        {"pos": (epoch_seconds(o.date), float(o.value)), "data": observation_text(o)}
        for o in observations
    ]


class Markers(pg.ScatterPlotItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A ``ScatterPlotItem`` that keeps its bounding rectangle until it changes.

    pyqtgraph works the rectangle out in Python on every call (data bounds, then the size
    of a pixel from the view's transform): the scene asks for it for every item under the
    mouse at every move and for every paint, 4,400 calls and half a second of a drag at
    1,000 contracts. It changes only with the data or the spot sizes (which reset
    pyqtgraph's own ``bounds``) and with the view (``prepareGeometryChange``).
    """

    _rect: QRectF | None = None

    def prepareGeometryChange(self) -> None:
        """Forget the rectangle: the data or the view's transform changed."""
        self._rect = None
        super().prepareGeometryChange()

    def _updateMaxSpotSizes(self, **options: object) -> None:
        self._rect = None  # a hovered spot grows: so does the padding
        super()._updateMaxSpotSizes(**options)

    def clear(self) -> None:
        """Remove every spot."""
        self._rect = None
        super().clear()

    def boundingRect(self) -> QRectF:
        """The spots' extent in data coordinates, padded by the largest spot's size."""
        if self._rect is None:
            self._rect = QRectF(super().boundingRect())
        return QRectF(self._rect)


def observation_markers() -> pg.ScatterPlotItem:
    """The item of the observed JSS values: dark stars (the legend draws the same)."""
    return Markers(
        size=17,
        symbol="star",
        brush=pg.mkBrush(OBSERVED_COLOUR),
        pen=pg.mkPen("#ffffff", width=1.2),
        pxMode=True,
        hoverable=True,
        tip=exit_tip,
        hoverSize=21,
    )
