"""The window-exit markers of the score plot: one scatter item per window and kind of outcome.

A marker is drawn where a counted outcome leaves a window: ▼ a positive one (the window's score
falls), ▲ a negative one (it rises), ● a neutral one. Each (window, kind) pair has one
``ScatterPlotItem`` filled from arrays with one shared pen and brush: building markers point by
point with a pen and brush each took 220-263 ms at 10,000 contracts, arrays 23 ms (see
docs/pitfalls.md). Hiding a window's series or a kind in the legend hides its items, so hidden
markers leave the screen and the exports alike. An update that brings the same exits and
timeline again (the look-ahead arriving, a drag step) costs nothing, and while the markers
are hidden (comparison mode) the update waits until they are shown again; exits given as a
function are only asked for then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg

from jsswhatif.app.plot import items
from jsswhatif.core.arrays import distinct
from jsswhatif.core.insights import WindowExit
from jsswhatif.core.timeline import Timeline

#: Window exits, or what makes them on demand (the results' ``window_exits``: it needs the
#: exact evaluation of every contract, 100 ms or more at 10,000 contracts, which hidden
#: markers never ask for).
Exits = Sequence[WindowExit] | Callable[[], Sequence[WindowExit]]


@dataclass(frozen=True, slots=True)
class ExitKind:
    """One kind of outcome leaving a window, as the legend names it.

    Attributes:
        key: Legend key (``exit_positive``, ...), usable with ``set_series_visible``.
        value: The outcome's class (1 positive, 0 neutral, -1 negative).
        symbol: pyqtgraph symbol.
        label: Legend text.
        tip: What the marker means, for the legend's tool tip.
    """

    key: str
    value: int
    symbol: str
    label: str
    tip: str


KINDS: tuple[ExitKind, ...] = (
    ExitKind(
        "exit_positive",
        1,
        "t",
        "positive leaves",
        "▼ A positive outcome leaves the window that day: that window's score falls",
    ),
    ExitKind(
        "exit_negative",
        -1,
        "t1",
        "negative leaves",
        "▲ A negative outcome leaves the window that day: that window's score rises",
    ),
    ExitKind(
        "exit_neutral",
        0,
        "o",
        "neutral leaves",
        "● A neutral outcome leaves the window that day: its score moves a little",
    ),
)
KIND_KEYS = frozenset(kind.key for kind in KINDS)
_KIND_OF = {kind.value: kind for kind in KINDS}
_OUTLINE = "#1f2937"


def kind_of(value: int) -> ExitKind:
    """The kind of a feedback class (an unknown one counts as neutral)."""
    return _KIND_OF.get(value, KINDS[2])


def _of_kind(kind: ExitKind, values: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which ``values`` (feedback classes) are of ``kind`` (unknown ones count as neutral)."""
    if kind is KINDS[2]:
        return ~np.isin(values, [k.value for k in KINDS[:2]])
    return np.asarray(values == kind.value)


def legend_sample(kind: ExitKind) -> pg.ScatterPlotItem:
    """A marker of ``kind`` for the legend (never added to the plot)."""
    return pg.ScatterPlotItem(
        size=10, symbol=kind.symbol, brush=pg.mkBrush("#9ca3af"), pen=pg.mkPen(_OUTLINE)
    )


class ExitMarkers:
    """Every exit marker of the plot, kept in one scatter item per (window, kind).

    Attributes:
        scatters: (months, kind key) -> its scatter item.
        builds: How many times the marker arrays were rebuilt (updates that changed nothing
            or came while hidden do not count).
    """

    def __init__(self, plot: pg.PlotItem, lane_y: Callable[[int], float]) -> None:
        """Markers drawn on ``plot``; an exit from a window without a score is drawn on that
        window's reach lane, at ``lane_y(months)``."""
        self._plot = plot
        self._lane_y = lane_y
        self._pen = pg.mkPen(_OUTLINE, width=1)
        self.scatters: dict[tuple[int, str], pg.ScatterPlotItem] = {}
        self._wanted: tuple[Timeline, Exits] | None = None
        self._drawn: tuple[Timeline, Exits] | None = None
        self._shown = True
        self._hidden: set[str] = set()
        self._kinds: list[ExitKind] = []  # kinds of the exits on show
        # What each item shows: x, y and the exits (its spots' data).
        self._filled: dict[
            pg.ScatterPlotItem, tuple[items.Floats, items.Floats, list[WindowExit]]
        ] = {}
        self.builds = 0

    def set_exits(self, active: Timeline, exits: Exits) -> None:
        """Mark ``exits`` (those inside ``active``'s range and of a window it has); a
        function giving them is called when the markers are drawn, and only then."""
        self._wanted = (active, exits)
        self._refresh()

    def set_visibility(self, shown: bool, hidden: set[str]) -> None:
        """Show the markers (``shown``) except those of the window series and kinds named in
        ``hidden`` (``m6``, ``exit_positive``, ...)."""
        self._shown, self._hidden = shown, set(hidden)
        self._refresh()
        for (months, key), scatter in self.scatters.items():
            hidden_here = items.window_key(months) in self._hidden or key in self._hidden
            scatter.setVisible(shown and not hidden_here)

    def points(self) -> list[pg.SpotItem]:
        """The visible spots, by date then text; a spot's data is its WindowExit."""
        spots = [
            spot
            for scatter in self.scatters.values()
            if scatter.isVisible()
            for spot in scatter.points()
        ]
        return sorted(spots, key=lambda s: (s.pos().x(), items.exit_text(s.data())))

    def kinds_present(self) -> list[ExitKind]:
        """The kinds with at least one marker (the legend lists these)."""
        return list(self._kinds)

    def _refresh(self) -> None:
        wanted = self._wanted
        if not self._shown or wanted is None or self._same(wanted):
            return
        self._drawn = wanted
        self.builds += 1
        active, source = wanted
        exits = source() if callable(source) else source
        # Arrays, not a loop over spots: at 10,000 contracts a loop building a pen, a brush and
        # a tool-tip text per spot took a quarter of a second (texts are made on hover).
        count = len(exits)
        first = active.first
        days = np.fromiter(((e.date - first).days for e in exits), dtype=np.int64, count=count)
        months = np.fromiter((e.months for e in exits), dtype=np.int64, count=count)
        values = np.fromiter((e.value for e in exits), dtype=np.int64, count=count)
        events = np.empty(count, dtype=object)
        events[:] = list(exits)
        inside = (days >= 0) & (days < active.days) & np.isin(months, list(active.windows))
        masks = {kind.key: inside & _of_kind(kind, values) for kind in KINDS}
        self._kinds = [kind for kind in KINDS if masks[kind.key].any()]
        for key, mask in masks.items():
            for window in distinct(months[mask]):
                if (int(window), key) not in self.scatters:
                    self.scatters[int(window), key] = self._scatter(int(window), key)
        for (window, key), scatter in self.scatters.items():
            if window not in active.windows:  # made for an earlier rule set's window
                self._filled.pop(scatter, None)
                scatter.setData(x=[], y=[])
                continue
            chosen = masks[key] & (months == window)
            self._fill(scatter, active, window, days[chosen], events[chosen])

    def _same(self, wanted: tuple[Timeline, Exits]) -> bool:
        drawn = self._drawn
        if drawn is None or drawn[0] is not wanted[0]:
            return False
        if callable(drawn[1]):  # a bound method is made anew on each access: equal, not same
            return drawn[1] == wanted[1]
        return drawn[1] is wanted[1]

    def _scatter(self, months: int, key: str) -> pg.ScatterPlotItem:
        kind = next(k for k in KINDS if k.key == key)
        scatter = items.Markers(
            size=10,
            symbol=kind.symbol,
            pen=self._pen,
            brush=pg.mkBrush(items.window_style(months).colour),
            pxMode=True,
            hoverable=True,
            tip=items.exit_tip,
            hoverSize=14,
        )
        scatter.setZValue(30)
        self._plot.addItem(scatter)
        return scatter

    def _fill(
        self,
        scatter: pg.ScatterPlotItem,
        active: Timeline,
        months: int,
        days: npt.NDArray[np.int64],
        events: npt.NDArray[np.object_],
    ) -> None:
        # The window's score on the last day the outcome counts in it.
        y: items.Floats = active.windows[months][np.maximum(days - 1, 0)].astype(np.float64)
        y[days == 0] = np.nan  # the day before lies outside the timeline
        y[np.isnan(y)] = self._lane_y(months)
        x: items.Floats = (days * items.DAY + items.epoch_seconds(active.first)).astype(np.float64)
        exits: list[WindowExit] = events.tolist()
        # An as-of step changes few exits: the items whose markers stay as they are keep
        # their spots (filling an item costs about a millisecond at 10,000 contracts).
        shown = self._filled.get(scatter)
        if (
            shown is not None
            and np.array_equal(shown[0], x)
            and np.array_equal(shown[1], y)
            and shown[2] == exits
        ):
            return
        self._filled[scatter] = (x, y, exits)
        scatter.setData(x=x, y=y, data=events)


def lane_of(windows: Sequence[int], months: int) -> int:
    """Lane index of ``months`` among ``windows`` (the longest window on the lowest lane)."""
    return sorted(windows, reverse=True).index(months)
