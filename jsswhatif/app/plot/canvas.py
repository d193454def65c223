"""The drawing surface of the score plot: curves, legend, spans, markers and the as-of line.

:class:`ScoreCanvas` owns every pyqtgraph item and updates them with ``setData``; it never
computes a score. :class:`~jsswhatif.app.plot.score_plot.ScorePlot` adds the controls around it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import HoverEvent
from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QWidget

from jsswhatif.app.plot import exits as exit_items
from jsswhatif.app.plot import items, range_band
from jsswhatif.app.plot.date_axis import UtcDateAxis
from jsswhatif.app.plot.legend import ClickableLegend
from jsswhatif.app.plot.theme import PlotTheme
from jsswhatif.app.rich_text import escaped
from jsswhatif.core.calendar import months_before
from jsswhatif.core.document import Observation
from jsswhatif.core.readings import RangeTimeline
from jsswhatif.core.rules import TRENDING_WINDOWS
from jsswhatif.core.timeline import Timeline

Y_MIN, Y_MAX = -17.0, 105.0  # below 0: the lanes showing each window's reach
_LANE, _LANE_GAP = 0.026, 0.008  # reach lane height and gap, as fractions of the view
_ORDER = ("displayed", "baseline", "best", "trending", "top_rated")  # after the windows
TOP_RATED_LABEL = "Top Rated (est.)"
_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
#: What pyqtgraph tells an item the pointer has left (an exit without a mouse event).
_POINTER_GONE = HoverEvent(None, acceptable=False)
_POINTER_GONE.exit = True
_QT_PIXMAP_CACHE_KB = 10240  # Qt's default size of its pixmap cache, for its other uses
_LEGEND_ENTRY = 118.0  # width of a legend entry (sample and a label of ~14 characters), px


class ScoreCanvas:
    """Plot (row 0) and legend (row 1) of window scores, JSS, baseline and comparisons.

    Attributes:
        graphics: The pyqtgraph widget holding the plot and the legend.
        plot_item: The plot, x in UTC-midnight epoch seconds, y in percent.
        legend: Clicking a sample hides or shows its series.
        as_of_line: The draggable vertical as-of line.
        ninety_line: The horizontal 90% line.
        top_rated: Shaded spans where Top Rated is estimated.
        exits: The window-exit markers, one scatter item per window and kind; a spot's data
            is its tool-tip text.
        exit_samples: Kind key -> the legend's sample of that kind of exit marker.
        caption: The line above the plot in exports (title, rule set, as-of); hidden on
            screen.
        theme: The colours of the plot, from the widget's palette.
        observed: One star per JSS seen on Upwork (the document's observations); its data
            is the tool-tip text.
        active, baseline: The timelines on show (None before the first call).
        comparison: Name -> timeline in comparison mode, else None.
    """

    _held = False  # static items drawn from pixmaps (see hold_static)

    def __init__(self, as_of: dt.date, parent: QWidget | None = None) -> None:
        """Create every item once, the as-of line at ``as_of``; the series stay empty until
        :meth:`show_timelines`."""
        self.graphics = pg.GraphicsLayoutWidget(parent)
        self.theme = PlotTheme.of(self.graphics.palette())
        self.active: Timeline | None = None
        self.baseline: Timeline | None = None
        self.comparison: dict[str, Timeline] | None = None
        self._present: list[str] = []
        self._exit_kinds: list[str] = []  # kinds of exit marker in the legend now
        self._hidden: set[str] = set()  # series keys the user hid (normal mode)
        self._hidden_compared: set[str] = set()  # compared names the user hid
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._compare_curves: list[pg.PlotDataItem] = []
        self._compared: list[Timeline | None] = []  # the timeline each compare curve shows
        self._reach: dict[int, items.Lane] = {}
        self._reach_labels: dict[int, pg.TextItem] = {}
        self._label_spots: dict[int, tuple[float, float, float]] = {}  # start, end, y of a lane
        self._small_font = QFont()
        self._small_font.setPointSizeF(8)
        self._as_of = as_of
        self.graphics.ci.setContentsMargins(4, 8, 12, 2)
        axis = UtcDateAxis()
        self.caption = self._add_caption()
        self.plot_item = plot = self.graphics.addPlot(row=1, col=0, axisItems={"bottom": axis})
        plot.setMenuEnabled(False)  # its export entry uses pyqtgraph's broken SVG exporter
        plot.hideButtons()
        plot.setMouseEnabled(x=True, y=False)
        plot.showGrid(x=True, y=True, alpha=0.12)
        plot.setYRange(Y_MIN, Y_MAX, padding=0)
        plot.setLimits(yMin=Y_MIN, yMax=Y_MAX)
        _percent_ticks(plot.getAxis("left"))
        self.legend = ClickableLegend(colCount=6, labelTextSize="9pt")
        self.graphics.addItem(self.legend, row=2, col=0)
        self.legend.sigSampleClicked.connect(self._sample_clicked)
        self.ninety_line = pg.InfiniteLine(
            pos=90,
            angle=0,
            movable=False,
            pen=pg.mkPen(items.NINETY_COLOUR, width=1, style=Qt.PenStyle.DashLine),
            label="90%",
            labelOpts={"position": 0.01, "color": items.NINETY_COLOUR, "anchors": [(0, 1), (0, 1)]},
        )
        plot.addItem(self.ninety_line, ignoreBounds=True)
        self.top_rated = items.RegionPool(plot, items.TOP_RATED_COLOUR, 30, (0.14, 0.985))
        # Legend proxy of the Top Rated spans: the legend draws a BarGraphItem as a box.
        self.top_rated_key = pg.BarGraphItem(
            x=[0.0],
            height=[0.0],
            width=1.0,
            brush=items.translucent(items.TOP_RATED_COLOUR, 80),
            pen=pg.mkPen(items.translucent(items.TOP_RATED_COLOUR, 160)),
        )
        self.bands = range_band.Bands(plot)  # the range over the readings, Top Rated Plus
        for name in ("best", "trending", "m24", "m12", "m6", "m3", "baseline", "displayed"):
            self.curve(name)
        self.exits = exit_items.ExitMarkers(plot, self.lane_middle)
        self.exit_samples = {k.key: exit_items.legend_sample(k) for k in exit_items.KINDS}
        self.observed = items.observation_markers()
        self.observed.setZValue(45)  # above the as-of line: the user's own numbers
        plot.addItem(self.observed)
        self.as_of_line = self._add_as_of_line(plot)
        self._follow_view(plot.vb)
        self.set_as_of_marker(as_of)
        self.apply_theme(self.theme)

    def _add_as_of_line(self, plot: pg.PlotItem) -> pg.InfiniteLine:
        """The as-of line the user drags; while dragged, the scene sends no hover events (see
        ``_hover_unless_dragged``)."""
        line = pg.InfiniteLine(
            angle=90,
            movable=True,
            pen=pg.mkPen(items.AS_OF_COLOUR, width=2),
            hoverPen=pg.mkPen(items.AS_OF_COLOUR, width=4),
            label="",
            labelOpts={"position": 0.96, "color": items.AS_OF_COLOUR},
        )
        line.setZValue(40)
        plot.addItem(line, ignoreBounds=True)
        scene = self.graphics.scene()
        scene.sendHoverEvents = functools.partial(
            _hover_unless_dragged, scene.sendHoverEvents, line
        )
        return line

    def _follow_view(self, box: pg.ViewBox) -> None:
        """Fit the lane labels and the legend to the view's size and span."""
        box.sigResized.connect(self._fit_reach_labels)
        box.sigXRangeChanged.connect(self._fit_reach_labels)
        box.sigResized.connect(self._fit_legend)
        box.sigResized.connect(self._fit_pixmap_cache)

    def _add_caption(self) -> pg.LabelItem:
        """The exports' caption; it joins row 0, above the plot, only while exporting (a
        hidden item in the layout would still take its height on screen)."""
        caption = pg.LabelItem("", size="11pt", justify="left")
        caption.setVisible(False)
        return caption

    # Series -----------------------------------------------------------------------------------

    def curve(self, name: str) -> pg.PlotDataItem:
        """The series ``name``: ``m<months>``, ``trending``, ``best``, ``displayed`` or
        ``baseline``; created on first use (a window never seen before)."""
        if name not in self._curves:
            style = items.FIXED_STYLES.get(name) or items.window_style(int(name[1:]))
            curve = pg.PlotDataItem(
                pen=self._pen(style), connect="finite", stepMode="right" if style.step else None
            )
            curve.setZValue({"displayed": 20, "baseline": 15}.get(name, 5))
            curve.opts["name"] = style.label
            self.plot_item.addItem(curve)
            self._curves[name] = curve
        return self._curves[name]

    def comparison_curve(self, name: str) -> pg.PlotDataItem:
        """The compared series called ``name`` (KeyError outside comparison mode)."""
        if self.comparison is None or name not in self.comparison:
            raise KeyError(name)
        return self._compare_curves[list(self.comparison).index(name)]

    def series_names(self) -> list[str]:
        """The series listed in the legend now, in legend order."""
        return list(self.comparison) if self.comparison is not None else list(self._present)

    def _comparing(self, name: str) -> bool:
        """Whether ``name`` is a compared series (comparison mode; exit kinds never are)."""
        return self.comparison is not None and name not in exit_items.KIND_KEYS

    def set_series_visible(self, name: str, visible: bool) -> None:
        """Show or hide a series of the legend (``top_rated`` for the Top Rated spans), as
        clicking its legend sample does. In comparison mode ``name`` is a compared name."""
        hidden = self._hidden_compared if self._comparing(name) else self._hidden
        if visible:
            hidden.discard(name)
        else:
            hidden.add(name)
        self._apply_visibility()

    def is_series_visible(self, name: str) -> bool:
        """Whether the series ``name`` of the legend is drawn now."""
        if self._comparing(name):
            return name in (self.comparison or {}) and bool(self.comparison_curve(name).isVisible())
        if name == "top_rated":
            return "top_rated" in self._present and "top_rated" not in self._hidden
        if name in exit_items.KIND_KEYS:
            return self.comparison is None and name not in self._hidden
        return name in self._curves and bool(self._curves[name].isVisible())

    def show_timelines(
        self,
        active: Timeline,
        baseline: Timeline | None,
        exits: exit_items.Exits,
        top_rated_spans: Sequence[tuple[dt.date, dt.date]] | npt.ArrayLike,
    ) -> None:
        """Update every series of the normal mode (see :meth:`ScorePlot.show_timelines`)."""
        # The same timelines again (the look-ahead arriving, a drag step within the range)
        # leave the curves as they are: setting 3,650 points again costs milliseconds per
        # curve and a repaint of each.
        if active is not self.active or baseline is not self.baseline:
            self.active, self.baseline = active, baseline
            self._set_curves(active, baseline)
        present = [items.window_key(months) for months in sorted(active.windows)]
        trending = TRENDING_WINDOWS[0] in active.windows
        if isinstance(top_rated_spans, np.ndarray) and top_rated_spans.dtype == np.bool_:
            spans = items.spans_from_mask(active.first, top_rated_spans)
        else:
            spans = list(top_rated_spans)  # type: ignore[arg-type]
        extra = [
            "displayed",
            "baseline" if baseline else "",
            "best",
            "trending" if trending else "",
            "top_rated" if spans else "",
        ]
        self.exits.set_exits(active, exits)
        kinds = [kind.key for kind in self.exits.kinds_present()]
        self._set_present(present + [name for name in extra if name], kinds)
        self.top_rated.set_spans(
            [(items.epoch_seconds(a), items.epoch_seconds(b) + items.DAY) for a, b in spans],
            "Top Rated estimated",
        )
        self._update_reach()
        self._apply_visibility()

    def _set_curves(self, active: Timeline, baseline: Timeline | None) -> None:
        x = active.epoch_seconds()
        known = {int(k[1:]) for k in self._curves if k[1:].isdigit()}
        for months in sorted(known | set(active.windows)):
            values = active.windows.get(months)
            self.curve(items.window_key(months)).setData(
                *(([], []) if values is None else (x, values))
            )
        trending = TRENDING_WINDOWS[0] in active.windows
        self.curve("trending").setData(*((x, active.trending) if trending else ([], [])))
        self.curve("best").setData(x, active.best)
        self.curve("displayed").setData(*items.step_data(x, active.displayed))
        if baseline is None:
            self.curve("baseline").setData([], [])
        else:
            xy = items.step_data(baseline.epoch_seconds(), baseline.displayed)
            self.curve("baseline").setData(*xy)

    def show_comparison(self, series: Mapping[str, Timeline] | None) -> None:
        """Plot several named displayed-score series together, or return to the normal mode."""
        self.comparison = None if series is None else dict(series)
        for index, (name, timeline) in enumerate((self.comparison or {}).items()):
            if index == len(self._compare_curves):
                curve = pg.PlotDataItem(
                    pen=self._pen(items.compare_style(index, name)),
                    connect="finite",
                    stepMode="right",
                )
                curve.setZValue(25 + index * 0.01)  # thinner later lines on top: both show
                self.plot_item.addItem(curve)
                self._compare_curves.append(curve)
                self._compared.append(None)
            curve = self._compare_curves[index]
            curve.opts["name"] = name
            if self._compared[index] is not timeline:
                self._compared[index] = timeline
                curve.setData(*items.step_data(timeline.epoch_seconds(), timeline.displayed))
        for index, curve in enumerate(self._compare_curves):
            if index >= len(self.comparison or {}) and self._compared[index] is not None:
                self._compared[index] = None
                curve.setData([], [])
        self._rebuild_legend()
        self._apply_visibility()

    # As-of ------------------------------------------------------------------------------------

    @property
    def as_of(self) -> dt.date:
        """The day the as-of line marks (a display copy: the plot overwrites it)."""
        return self._as_of

    def set_as_of_marker(self, day: dt.date, move_line: bool = True) -> None:
        """Show ``day`` on the as-of line's label and the reach lanes; with ``move_line`` also
        move the line there (without emitting its signals; not while the user drags it)."""
        self._as_of = day
        if move_line:
            with QSignalBlocker(self.as_of_line):
                self.as_of_line.setValue(items.epoch_seconds(day))
        self.as_of_line.label.setFormat(day.isoformat())
        self._update_reach()

    def reach_spans(self) -> dict[int, tuple[float, float]]:
        """Months -> ``(x0, x1)`` of the lane showing that window's reach at the as-of."""
        return {m: pool.spans()[0] for m, pool in self._reach.items() if pool.count}

    def _update_reach(self) -> None:
        if self.active is None:
            return
        windows = sorted(self.active.windows, reverse=True)
        end = items.epoch_seconds(self._as_of) + items.DAY
        for lane, months in enumerate(windows):
            bottom = 0.012 + lane * (_LANE + _LANE_GAP)
            if months not in self._reach:
                colour = items.window_style(months).colour
                self._reach[months] = items.Lane(self.plot_item, colour, 110, (Y_MIN, Y_MAX))
                label = pg.TextItem(f"{months} months", color=self.theme.text, anchor=(1, 0.5))
                label.setFont(self._small_font)
                label.textItem.document().setDocumentMargin(0)  # lanes are only ~8 px apart
                self.plot_item.addItem(label, ignoreBounds=True)
                self._reach_labels[months] = label
            self._reach[months].set_band((bottom, bottom + _LANE))
            start = months_before(self._as_of, months)
            tip = (
                f"{months}-month window at {self._as_of.isoformat()}: outcomes dated "
                f"{start.isoformat()} to {self._as_of.isoformat()}"
            )
            self._reach[months].set_spans([(items.epoch_seconds(start), end)], tip)
            self._label_spots[months] = (items.epoch_seconds(start), end, self.lane_middle(months))
        for months, pool in self._reach.items():
            if months not in windows:
                pool.set_spans([])
                self._label_spots.pop(months, None)
        self._fit_reach_labels()

    def lane_middle(self, months: int) -> float:
        """y of the middle of the reach lane of ``months`` (an exit without a score sits here)."""
        windows = list(self.active.windows) if self.active is not None else [months]
        lane = exit_items.lane_of(windows, months)
        return Y_MIN + (0.012 + lane * (_LANE + _LANE_GAP) + _LANE / 2) * (Y_MAX - Y_MIN)

    def reach_labels_shown(self) -> list[int]:
        """The windows whose reach lane is labelled now."""
        return [m for m, label in self._reach_labels.items() if label.isVisible()]

    def _fit_reach_labels(self) -> None:
        """Label each reach lane where its words fit: left of the lane, else right of it, in
        the view and clear of the other labels; a lane with no room stays unlabelled (its tool
        tip names it). Lanes are 8-10 pixels apart and the words 12 high, so labels at one x
        would overlap, as they did at the lanes' common end."""
        box = self.plot_item.vb
        view = box.sceneBoundingRect()
        metrics = QFontMetricsF(self._small_font)
        taken: list[QRectF] = []
        for months in sorted(self._reach_labels, reverse=True):
            label = self._reach_labels[months]
            spot = self._label_spots.get(months)
            placed = False
            if spot is not None and not view.isEmpty():
                width, height = metrics.horizontalAdvance(label.toPlainText()), metrics.height()
                start, end, y = spot
                for x, anchor in ((start - 2 * items.DAY, 1.0), (end + 2 * items.DAY, 0.0)):
                    at = box.mapViewToScene(QPointF(x, y))
                    rect = QRectF(at.x() - anchor * width, at.y() - height / 2, width, height)
                    inside = view.left() <= rect.left() and rect.right() <= view.right()
                    if inside and not any(rect.intersects(r) for r in taken):
                        _place(label, (anchor, 0.5), QPointF(x, y))
                        taken.append(rect)
                        placed = True
                        break
            # Hidden and shown again on every drag step, each label was repainted twice.
            if label.isVisible() != placed:
                label.setVisible(placed)

    # Read-out ---------------------------------------------------------------------------------

    def values_at(self, day: dt.date) -> list[tuple[str, str, str]]:
        """``(label, colour, value text)`` of every visible series on ``day``."""
        rows: list[tuple[str, str, str]] = []
        if self.comparison is not None:
            for index, (name, timeline) in enumerate(self.comparison.items()):
                if name in self._hidden_compared:
                    continue
                colour = self.theme.adapt(items.compare_style(index, name).colour)
                rows.append((name, colour, _jss(_value(timeline, timeline.displayed, day))))
            return rows
        active = self.active
        if active is None:
            return rows
        for name in self._present:
            if name == "top_rated" or not self.is_series_visible(name):
                continue
            style = items.FIXED_STYLES.get(name) or items.window_style(int(name[1:]))
            if name == "baseline" and self.baseline is not None:
                text = _jss(_value(self.baseline, self.baseline.displayed, day))
            elif name == "displayed":
                text = _jss(_value(active, active.displayed, day))
            else:
                array = (
                    active.windows[int(name[1:])] if name[1:].isdigit() else getattr(active, name)
                )
                value = _value(active, array, day)
                text = "—" if math.isnan(value) else f"{value:.1f}%"
            rows.append((style.label, self.theme.adapt(style.colour), text))
        return rows

    # Internals --------------------------------------------------------------------------------

    def _set_present(self, present: list[str], kinds: list[str]) -> None:
        order = [n for n in present if n not in _ORDER] + [n for n in _ORDER if n in present]
        if order != self._present or kinds != self._exit_kinds:
            self._present, self._exit_kinds = order, kinds
            self._rebuild_legend()

    def show_bands(
        self, band: RangeTimeline | None, plus: npt.NDArray[np.bool_] | None, first: dt.date
    ) -> None:
        """Draw the range over the readings and the Top Rated Plus days (day 0: ``first``)."""
        if self.bands.show(band, plus, first):
            self._rebuild_legend()
        self._apply_visibility()

    def set_observations(self, observations: Sequence[Observation]) -> None:
        """Mark the JSS values the user saw on Upwork (in every mode)."""
        had = bool(self.observed.data.size)
        self.observed.setData(spots=items.observation_spots(observations))
        if had != bool(observations):
            self._rebuild_legend()

    def _rebuild_legend(self, only_visible: bool = False) -> None:
        """List the series on show (``only_visible``: without those the user hid, for
        exports, where the legend's "hidden" icon means nothing)."""
        entries = self._legend_entries()
        if only_visible:
            entries = [entry for entry in entries if entry[0].isVisible()]
        if self.legend.show_entries(entries, self.theme.text):
            self._fit_legend()

    def _fit_legend(self) -> None:
        """As many legend columns as the plot's width holds, the rows evenly filled."""
        count = len(self.legend.items)
        # A column is as wide as its widest entry: room for the widest, so none is cut off.
        widest = max(
            (
                sample.boundingRect().width() + label.item.boundingRect().width() + 8
                for sample, label in self.legend.items
            ),
            default=_LEGEND_ENTRY,
        )
        room = max(1, int(self.plot_item.width() // max(widest, _LEGEND_ENTRY)))
        rows = -(-count // room) if count else 1
        columns = max(1, -(-count // rows))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def _legend_entries(self) -> list[tuple[pg.GraphicsObject, str, str]]:
        """(item, label, tool tip) of each legend entry, in order."""
        entries: list[tuple[pg.GraphicsObject, str, str]] = []
        if self.comparison is not None:
            for curve in self._compare_curves[: len(self.comparison)]:
                entries.append((curve, escaped(curve.opts["name"]), ""))  # HTML: user names
        else:
            for name in self._present:
                if name == "top_rated":
                    entries.append((self.top_rated_key, TOP_RATED_LABEL, ""))
                else:
                    entries.append((self._curves[name], self._curves[name].opts["name"], ""))
            for kind in exit_items.KINDS:
                if kind.key in self._exit_kinds:
                    entries.append((self.exit_samples[kind.key], kind.label, kind.tip))
            entries += self.bands.legend_entries()
        if self.observed.data.size:
            entries.append((self.observed, items.OBSERVED_LABEL, ""))
        return entries

    def _axes(self) -> list[pg.AxisItem]:
        return [self.plot_item.getAxis("left"), self.plot_item.getAxis("bottom")]

    def _static_items(self) -> list[QGraphicsItem]:
        """The items that change only with the data or the view, not with the as-of."""
        curves = [*self._curves.values(), *self._compare_curves, self.bands.low, self.bands.high]
        return [*(curve.curve for curve in curves), self.bands.fill, *self._markers()]

    def _markers(self) -> list[pg.ScatterPlotItem]:
        return [*self.exits.scatters.values(), self.observed]

    def _cache_axes(self) -> None:
        """Keep the axes' drawing as pixmaps of the screen's pixels, always. With the grid
        on, an axis covers the whole plot, so every repaint of anything in the plot replayed
        both axes' grid lines and labels (at 1,000 contracts a full repaint took 23-35 ms of
        CPU, 14-21 ms from pixmaps); they change only with the view's range or size."""
        for axis in self._axes():
            axis.setCacheMode(_CACHED)
        self._fit_pixmap_cache()

    def _fit_pixmap_cache(self) -> None:
        """Make room in Qt's pixmap cache for the cached items at the plot's size. Item
        caches live there (10 MB by default, two full-plot pixmaps at 1,400 x 700 pixels
        and a half); one too small evicts them on every paint, slower than no cache at all.
        While the as-of moves they take about 4 bytes per pixel of the plot per curve
        shown, freed on release."""
        view = self.graphics.viewport()
        count = len(self._axes()) + (len(self._static_items()) if self._held else 0)
        size = view.width() * view.height() * 4 * view.devicePixelRatioF() ** 2 / 1024
        needed = int(_QT_PIXMAP_CACHE_KB + 1.25 * count * size)
        if QPixmapCache.cacheLimit() < needed:
            QPixmapCache.setCacheLimit(needed)

    def hold_static(self, held: bool) -> None:
        """While ``held`` (the user moves the as-of), keep the drawing of the curves, the
        band and the markers as pixmaps too: a drag step repaints the strips the as-of line,
        its label and the reach lanes leave and enter, and every curve crossing them would be
        drawn again in full (3,650 points each) where a pixmap is copied; each marker item
        costs about 0.3 ms to draw however few of its markers are exposed (a dozen items: 2
        of 20 ms per drag step at 1,000 contracts). Outside a move these pixmaps would cost
        more than they save (each data update draws them afresh) and hold megabytes each, so
        they are dropped.

        Meanwhile the markers do not answer the mouse either: the pointer drags the line, and
        each of them looked for markers under it at every step (about 1.5 ms per drag step
        at 1,000 contracts). A marker under the pointer when the move starts is let go.
        """
        self._held = held
        mode = _CACHED if held else QGraphicsItem.CacheMode.NoCache
        for item in self._static_items():
            item.setCacheMode(mode)
        self._fit_pixmap_cache()
        for marker in self._markers():
            if held and marker.opts["hoverable"] and marker.data["hovered"].any():
                marker.hoverEvent(_POINTER_GONE)
            marker.opts["hoverable"] = not held

    @contextlib.contextmanager
    def exporting(self, caption: str) -> Iterator[None]:
        """Meanwhile: ``caption`` above the plot, a legend of the visible series only, and
        every item drawn afresh (a cached item would go into an SVG as a pixmap, and into a
        PNG at the screen's scale)."""
        for item in [*self._static_items(), *self._axes()]:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.caption.setText(escaped(caption), color=self.theme.text)
        if caption:
            self.graphics.addItem(self.caption, row=0, col=0)
            self.caption.setVisible(True)
        self._rebuild_legend(only_visible=True)
        self._settle_layout()
        try:
            yield
        finally:
            if caption:
                self.caption.setVisible(False)
                self.graphics.removeItem(self.caption)
            self._rebuild_legend()
            self._settle_layout()
            self.hold_static(self._held)
            self._cache_axes()

    def _settle_layout(self) -> None:
        """Place the legend's and the plot's items now: a render that follows at once would
        otherwise draw them where they were (the caption over the legend)."""
        self.legend.layout.activate()
        self.legend.updateSize()
        self.graphics.ci.layout.invalidate()
        self.graphics.ci.layout.activate()

    # Colours ----------------------------------------------------------------------------------

    def _pen(self, style: items.SeriesStyle) -> pg.QtGui.QPen:
        return style.pen(self.theme.adapt(style.colour))

    def apply_theme(self, theme: PlotTheme) -> None:
        """Draw in ``theme``'s colours (the palette changed, e.g. a dark desktop)."""
        self.theme = theme
        self.graphics.setBackground(theme.background)
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).setPen(theme.axis)
            self.plot_item.getAxis(side).setTextPen(theme.text)
        for name, curve in self._curves.items():
            style = items.FIXED_STYLES.get(name) or items.window_style(int(name[1:]))
            curve.setPen(self._pen(style))
        for index, curve in enumerate(self._compare_curves):
            curve.setPen(self._pen(items.compare_style(index, str(curve.opts["name"]))))
        for label in self._reach_labels.values():
            label.setColor(theme.text)
        self.as_of_line.label.fill = pg.mkBrush(theme.label_fill)
        self.as_of_line.label.update()
        self.observed.setPen(pg.mkPen(theme.background, width=1.2))
        self.observed.setBrush(pg.mkBrush(theme.adapt(items.OBSERVED_COLOUR)))
        self._rebuild_legend()
        self._cache_axes()

    def _apply_visibility(self) -> None:
        comparing = self.comparison is not None
        for name, curve in self._curves.items():
            curve.setVisible(not comparing and name in self._present and name not in self._hidden)
        names = list(self.comparison or {})
        for index, curve in enumerate(self._compare_curves):
            curve.setVisible(index < len(names) and names[index] not in self._hidden_compared)
        self.exits.set_visibility(not comparing, self._hidden)
        for key, sample in self.exit_samples.items():
            sample.setVisible(key not in self._hidden)
        self.top_rated_key.setVisible("top_rated" not in self._hidden)
        self.top_rated.set_shown(not comparing and "top_rated" not in self._hidden)
        self.bands.apply(not comparing, self._hidden)

    def _sample_clicked(self, item: pg.GraphicsObject) -> None:
        """The legend toggled ``item``'s visibility: remember it across updates."""
        if item is self.observed:
            return  # shown in every mode; nothing else changes its visibility
        if self.comparison is not None:
            name = str(item.opts.get("name"))
        elif item is self.top_rated_key:
            name = "top_rated"
        elif self.bands.key_of(item) is not None:
            name = str(self.bands.key_of(item))
        elif item in self.exit_samples.values():
            name = next(k for k, s in self.exit_samples.items() if s is item)
        else:
            name = next(k for k, c in self._curves.items() if c is item)
        self.set_series_visible(name, bool(item.isVisible()))


def _place(label: pg.TextItem, anchor: tuple[float, float], at: QPointF) -> None:
    """Put ``label`` at ``at`` by ``anchor``, leaving it alone if it is there already."""
    if tuple(label.anchor) != anchor:
        label.setAnchor(anchor)
    if label.pos() != at:
        label.setPos(at)


def _percent_ticks(axis: pg.AxisItem) -> None:
    major = [(float(v), f"{v}%") for v in range(0, 101, 20)]
    axis.setTicks([major, [(float(v), "") for v in range(10, 100, 20)]])
    axis.setWidth(46)


def _value(timeline: Timeline, array: npt.NDArray[np.float64], day: dt.date) -> float:
    index = (day - timeline.first).days
    return float(array[index]) if 0 <= index < timeline.days else math.nan


def _jss(value: float) -> str:
    return "no JSS" if math.isnan(value) else f"{value:.0f}%"


def _hover_unless_dragged(
    send: Callable[..., None], line: pg.InfiniteLine, event: object, exitOnly: bool = False
) -> None:
    """pyqtgraph's ``sendHoverEvents``, but none while ``line`` is dragged.

    The pointer drags the line then, and pyqtgraph lets no item accept a hover mid-drag; it
    still looked for the items under the pointer, through the Python bounding rectangle of
    every item in the scene: 1.6 ms of each drag step at 1,000 contracts. (pyqtgraph's view
    makes its scene itself, so the scene cannot be a subclass.) The line keeps its hover pen
    while dragged, as grabbed.
    """
    if line.moving and not exitOnly:
        return
    send(event, exitOnly=exitOnly)
