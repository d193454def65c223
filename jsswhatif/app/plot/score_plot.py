"""The score plot: every window's score over time, the displayed JSS, and the as-of date.

A pure view. It receives :class:`~jsswhatif.core.timeline.Timeline` objects (and window exits
and Top Rated spans) and draws them on a :class:`~jsswhatif.app.plot.canvas.ScoreCanvas`;
the user's as-of moves and range choices go out as signals. The as-of line, the slider and
the date edit stay in sync under ``QSignalBlocker``, so a programmatic :meth:`set_as_of` emits
nothing.

The as-of date is not the plot's: it is given one (the controller's, see
:class:`~jsswhatif.app.plot.follower.PlotFollower`) and never reads the clock. The day the
line marks is a display copy that leads while the user drags, and that :meth:`set_as_of`
overwrites.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QDate, QEvent, QObject, QPointF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.before_paint import BeforePaint
from jsswhatif.app.date_edit import DateEdit
from jsswhatif.app.panels.wrapping_label import WrappingLabel
from jsswhatif.app.plot import items, picture
from jsswhatif.app.plot.canvas import ScoreCanvas
from jsswhatif.app.plot.exits import Exits
from jsswhatif.app.plot.theme import PlotTheme
from jsswhatif.core.calendar import months_after, months_before
from jsswhatif.core.document import Observation
from jsswhatif.core.timeline import Timeline
from jsswhatif.io.atomic import write_atomic

#: Range buttons: label -> length in months, centred on the as-of (None: the range limits).
RANGES: dict[str, int | None] = {"1 year": 12, "2 years": 24, "5 years": 60, "All": None}
#: The read-out's least height, in pixels (one line at most font sizes).
_READOUT_MIN_HEIGHT = 24


class ScorePlot(QWidget):
    """Window scores, best-of, displayed JSS and baseline over time, with a draggable as-of.

    Attributes:
        canvas: The pyqtgraph drawing (plot, legend and every plot item).
        slider: Day of the as-of within the range limits.
        date_edit: The as-of as a date.
        range_buttons: Label -> button ("1 year", "2 years", "5 years", "All"); the chosen
            one stays checked, and its span follows the as-of until another is chosen.
        readout: Date and values under the mouse (at the as-of when the mouse is away, or
            once the as-of moves).
        caption: The line exports carry above the plot (title, rule set, as-of date).

    Signals:
        as_of_dragged(date): The user is moving the as-of (coalesced: once per event loop
            turn, with the latest day).
        as_of_drag_finished(date): The move ended: line or slider released, date committed
            (or no further change for 0.4 s from the keyboard).
        range_requested(date, date): A range button asks for the timeline of
            ``[first, last]`` (inclusive), already clamped to the range limits.
    """

    as_of_dragged = Signal(object)
    as_of_drag_finished = Signal(object)
    range_requested = Signal(object, object)

    def __init__(self, as_of: dt.date, parent: QWidget | None = None) -> None:
        """An empty plot marking ``as_of``; call :meth:`set_range_limits` and
        :meth:`show_timelines` to fill it."""
        super().__init__(parent)
        self._limits: tuple[dt.date, dt.date] | None = None
        self._view: tuple[dt.date, dt.date] | None = None
        self._moving = False  # the user moved the as-of and the move has not finished yet
        self._hover: dt.date | None = None
        self._span: int | None = None  # months of the chosen range button (None: all)
        self._shown_range: tuple[dt.date, dt.date] | None = None  # of the timeline on show
        self.caption = ""
        self.canvas = ScoreCanvas(as_of, self)
        self.canvas.graphics.viewport().installEventFilter(self)
        # The read-out sits in a box without a layout, sized here: a new text of the label
        # lays out nothing else. In the plot's layout, each new text (one per drag step) laid
        # out the plot, the splitter and the whole window: about 3 of 23 ms per drag step at
        # 1,000 contracts.
        self._readout_box = QWidget(self)
        self._readout_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._readout_box.setFixedHeight(_READOUT_MIN_HEIGHT)
        self._readout_box.installEventFilter(self)
        self._readout_width = -1
        # Many compared names take two lines, never hidden.
        self.readout = WrappingLabel(self._readout_box)
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.range_buttons: dict[str, QPushButton] = {}
        ranges = self._range_row()
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip("Drag to move the as-of date")
        self.slider.setAccessibleName("As-of date (slider)")
        self.date_edit = DateEdit(parent=self)  # a whole date typed over it is taken as typed
        self.date_edit.setAccessibleName("As-of date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("As of", self))
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.date_edit)
        bottom.addSpacing(8)
        bottom.addLayout(ranges)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._readout_box)
        layout.addWidget(self.canvas.graphics, 1)
        layout.addLayout(bottom)

        # The day's numbers are made before the line's move is painted: one paint per step.
        self._drag_timer = BeforePaint(self._emit_dragged, self)
        self._finish_timer = QTimer(self, singleShot=True, interval=400)
        self._finish_timer.timeout.connect(self._finish)
        self.canvas.as_of_line.sigPositionChanged.connect(self._line_moved)
        self.canvas.as_of_line.sigPositionChangeFinished.connect(self._line_released)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self._finish)
        self.date_edit.dateChanged.connect(self._date_edited)
        self.date_edit.editingFinished.connect(self._finish)
        self._mouse_proxy = pg.SignalProxy(
            self.canvas.graphics.scene().sigMouseMoved, rateLimit=60, slot=self._mouse_moved
        )
        self._sync_controls(as_of, line=True)

    def _range_row(self) -> QHBoxLayout:
        """The range buttons, one checked at a time."""
        self._range_group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(2)
        for label, months in RANGES.items():
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setChecked(months is None)
            button.setToolTip(
                "Show the whole history" if months is None else f"Show {label} around the as-of"
            )
            button.clicked.connect(lambda _=False, m=months: self.request_range(m))
            self._range_group.addButton(button)
            self.range_buttons[label] = button
            row.addWidget(button)
        return row

    # Items, for the main window and tests -------------------------------------------------------

    @property
    def plot_item(self) -> pg.PlotItem:
        """The pyqtgraph plot."""
        return self.canvas.plot_item

    @property
    def as_of_line(self) -> pg.InfiniteLine:
        """The draggable as-of line."""
        return self.canvas.as_of_line

    def curve(self, name: str) -> pg.PlotDataItem:
        """A series of the normal mode: ``m<months>``, ``trending``, ``best``, ``displayed``,
        ``baseline``."""
        return self.canvas.curve(name)

    def comparison_curve(self, name: str) -> pg.PlotDataItem:
        """A compared series by its name (comparison mode only)."""
        return self.canvas.comparison_curve(name)

    # Data in ----------------------------------------------------------------------------------

    def show_timelines(
        self,
        active: Timeline,
        baseline: Timeline | None = None,
        exits: Exits = (),
        top_rated_spans: Sequence[tuple[dt.date, dt.date]] | npt.ArrayLike = (),
    ) -> None:
        """Draw the scenario on screen, the baseline's JSS, window exits and Top Rated spans.

        The view shows ``active``'s range whenever that range changes.

        Args:
            active: Timeline of the scenario on screen.
            baseline: Timeline of the baseline, drawn dashed (None when the baseline is the
                scenario on screen).
            exits: Window exits of the active scenario (those outside the range are
                skipped), or a function giving them, called only when the markers are shown.
            top_rated_spans: Inclusive ``(start, end)`` days where Top Rated is estimated, or
                a boolean array aligned with ``active``'s days.
        """
        self.canvas.show_timelines(active, baseline, exits, top_rated_spans)
        if self._limits is None:
            self.set_range_limits(active.first, active.last)
        if self._shown_range != (active.first, active.last):
            self._shown_range = (active.first, active.last)
            if self._span is None:
                self._show_range(active.first, active.last)
        self._follow_as_of()
        self._show_readout()

    def show_observations(self, observations: Sequence[Observation]) -> None:
        """Mark the JSS values seen on Upwork (stars with a tool tip)."""
        self.canvas.set_observations(observations)

    def show_comparison(self, series: Mapping[str, Timeline] | None) -> None:
        """Plot several named displayed-score series (scenarios or rule sets) together, each
        in its own colour with a legend entry; None returns to the normal mode."""
        self.canvas.show_comparison(series)
        self._show_readout()

    def set_range_limits(self, first: dt.date, last: dt.date) -> None:
        """The days the as-of may take and the "All" range (inclusive)."""
        self._limits = (first, last)
        # Bounds that move the line would report it as a user's drag: a New document then
        # left the controller dragging for good.
        with QSignalBlocker(self.canvas.as_of_line):
            self.canvas.as_of_line.setBounds(
                (items.epoch_seconds(first), items.epoch_seconds(last))
            )
        with QSignalBlocker(self.slider), QSignalBlocker(self.date_edit):
            self.slider.setRange(0, (last - first).days)
            self.date_edit.setDateRange(_qdate(first), _qdate(last))
        self._sync_controls(self._clamped(self.as_of()), line=True)

    def set_as_of(self, day: dt.date) -> None:
        """Show ``day`` (the controller's as-of) on the line, slider and date edit, silently.

        A move of the user that already shows ``day`` goes on undisturbed (the controller
        answers each drag step with the day the plot sent); any other day ends it.
        """
        day = self._clamped(day)
        if day == self.as_of():
            return
        self._drag_timer.stop()
        self._finish_timer.stop()
        self._set_moving(False)
        self._sync_controls(day, line=True)

    def as_of(self) -> dt.date:
        """The as-of on screen (during a drag, the day under the line)."""
        return self.canvas.as_of

    def request_range(self, months: int | None) -> tuple[dt.date, dt.date] | None:
        """Show ``months`` months centred on the as-of (None: all) and emit range_requested.

        The range is shifted to fit the range limits and cut to them when longer. Returns
        the range, or None before the limits are known.
        """
        if self._limits is None:
            return None
        self._span = months
        for label, span in RANGES.items():
            if span == months:
                self.range_buttons[label].setChecked(True)
        low, high = self._limits
        if months is None:
            first, last = low, high
        else:
            first = months_before(self.as_of(), months // 2)
            last = months_after(first, months)
            if last > high:
                first, last = first - (last - high), high
            if first < low:
                first, last = low, min(high, last + (low - first))
        self._show_range(first, last)
        self.range_requested.emit(first, last)
        return first, last

    # Exports ----------------------------------------------------------------------------------

    def set_caption(self, caption: str) -> None:
        """The line exports carry above the plot (the window gives title, rule set, as-of)."""
        self.caption = caption

    def render_png(self, width: int) -> bytes:
        """The plot, its caption and legend as PNG data ``width`` pixels wide (height in
        proportion)."""
        with self.canvas.exporting(self.caption):
            return picture.png_data(self.canvas.graphics, width)

    def export_png(self, path: str | Path, width: int) -> None:
        """Write the plot and its legend as a PNG ``width`` pixels wide (atomically)."""
        write_atomic(Path(path), self.render_png(width))

    def render_svg(self) -> bytes:
        """The plot, its caption and legend as SVG data (vector shapes, one scale for all
        items)."""
        with self.canvas.exporting(self.caption):
            return picture.svg_data(self.canvas.graphics, self.caption)

    def export_svg(self, path: str | Path) -> None:
        """Write the plot and its legend as SVG (atomically)."""
        write_atomic(Path(path), self.render_svg())

    # As-of synchronisation ----------------------------------------------------------------------

    def _clamped(self, day: dt.date) -> dt.date:
        if self._limits is None:
            return day
        return min(max(day, self._limits[0]), self._limits[1])

    def _sync_controls(self, day: dt.date, line: bool) -> None:
        """Show ``day`` on the slider, the date edit and (with ``line``) the line, silently."""
        if self._limits is not None:
            with QSignalBlocker(self.slider):
                self.slider.setValue((day - self._limits[0]).days)
        with QSignalBlocker(self.date_edit):
            self.date_edit.setDate(_qdate(day))
        self.canvas.set_as_of_marker(day, move_line=line)
        self._hover = None  # the read-out follows the as-of, not where the mouse once was
        self._follow_as_of()
        self._show_readout()

    def _moved_to(self, day: dt.date, line: bool) -> None:
        day = self._clamped(day)
        if day == self.as_of():
            return
        self._set_moving(True)
        self._sync_controls(day, line)
        self._drag_timer.start()

    def _emit_dragged(self) -> None:
        self.as_of_dragged.emit(self.as_of())

    def _finish(self) -> None:
        self._finish_timer.stop()
        if self._drag_timer.isActive():
            self._drag_timer.stop()
            self._emit_dragged()
        if self._moving:
            self._set_moving(False)
            self.as_of_drag_finished.emit(self.as_of())

    def _set_moving(self, moving: bool) -> None:
        """Note whether the user is moving the as-of; meanwhile only the as-of line, its
        label and the reach lanes change, and the rest is drawn from pixmaps."""
        if moving != self._moving:
            self._moving = moving
            self.canvas.hold_static(moving)

    def _line_moved(self) -> None:
        self._moved_to(items.date_at(self.canvas.as_of_line.value()), line=False)

    def _line_released(self) -> None:
        self.canvas.set_as_of_marker(self.as_of())  # snap to the day
        self._finish()

    def _slider_moved(self, value: int) -> None:
        if self._limits is not None:
            self._moved_to(self._limits[0] + dt.timedelta(days=value), line=True)
            if not self.slider.isSliderDown():
                self._finish_timer.start()

    def _date_edited(self, value: QDate) -> None:
        self._moved_to(_pydate(value), line=True)
        self._finish_timer.start()

    # View range and read-out ----------------------------------------------------------------------

    def _show_range(self, first: dt.date, last: dt.date) -> None:
        self._view = (first, last)
        x0, x1 = items.epoch_seconds(first), items.epoch_seconds(last) + items.DAY
        self.canvas.plot_item.setXRange(x0, x1, padding=0.01)

    def _follow_as_of(self) -> None:
        """Keep the chosen span: centre it on the as-of again once the as-of leaves it."""
        if self._span is None or self._view is None:
            return
        if not self._view[0] <= self.as_of() <= self._view[1]:
            self.request_range(self._span)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The mouse left the plot: the read-out shows the as-of again. The read-out's box
        was resized: the read-out fills it, and its lines are counted again."""
        if watched is self._readout_box:
            if event.type() == QEvent.Type.Resize:
                self._hold_readout_height()
            return False
        if event.type() == QEvent.Type.Leave and self._hover is not None:
            self._hover = None
            self._show_readout()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the system palette (a dark desktop gets a dark plot)."""
        if event.type() == QEvent.Type.PaletteChange:
            self.canvas.apply_theme(PlotTheme.of(self.palette()))
            self._show_readout()
        super().changeEvent(event)

    def _mouse_moved(self, event: tuple[QPointF]) -> None:
        if self.canvas.as_of_line.moving:
            # The read-out follows the dragged line (the as-of), shown at each step: the day
            # under the pointer could differ by one, and two texts per step cost 3 ms.
            return
        position = event[0]
        box = self.canvas.plot_item.vb
        if box.sceneBoundingRect().contains(position):
            self._hover = items.day_under(box.mapSceneToView(position).x())
        else:
            self._hover = None
        self._show_readout()

    def readout_text(self) -> str:
        """The read-out as plain text (for tests and accessibility)."""
        document = QTextDocument()
        document.setHtml(self.readout.text())
        return document.toPlainText()

    def _show_readout(self) -> None:
        day = self._hover or self.as_of()
        rows = self.canvas.values_at(day)
        if not rows:
            self.readout.setText("")
            return
        cells = [f"<b>{day.isoformat()}</b>"] + [
            f'<span style="color:{colour}">■</span> {html.escape(label)} <b>{text}</b>'
            for label, colour, text in rows
        ]
        self.readout.setText("&nbsp;&nbsp; ".join(cells))
        self._hold_readout_height()

    def _hold_readout_height(self) -> None:
        """Keep the read-out as high as it has been at its width: when fewer series show
        (Exclude on all rows) it would take a line less, and the plot below would grow,
        jump and draw its axes again (about a tenth of that edit at 10,000 contracts)."""
        box = self._readout_box
        width = box.width()
        least = _READOUT_MIN_HEIGHT
        if width == self._readout_width:  # else laid out anew: its lines are counted again
            least = box.minimumHeight()
        self._readout_width = width
        box.setFixedHeight(max(least, self.readout.heightForWidth(width)))
        # (Set here, not only on the box's resize: Qt drops the resize event of a box resized
        # while its first one is delivered.)
        self.readout.setGeometry(box.rect())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())
