"""The plot does only the drawing work an update calls for, and still shows every update.

A legend listing the same entries is not laid out again, and one that changes is; a band
equal to the one drawn is not drawn again, and a new one replaces it; the same timelines
again leave the curves alone.
Checked through the items' data and signals, never timings.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.canvas import TOP_RATED_LABEL
from jsswhatif.app.plot.items import DAY, epoch_seconds
from jsswhatif.app.plot.range_band import HIGH_LABEL, LOW_LABEL, band_path
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.core.document import Document
from jsswhatif.core.insights import WindowExit
from jsswhatif.core.readings import RangeTimeline
from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.timeline import Timeline, compute_timeline

AS_OF = dt.date(2026, 11, 25)
FIRST, LAST = dt.date(2025, 11, 25), dt.date(2027, 11, 25)
RULES = PRESETS_BY_NAME["upwork-2024-09"]


@pytest.fixture
def active(sample_document: Document) -> Timeline:
    return compute_timeline(sample_document.contracts, RULES, FIRST, LAST)


@pytest.fixture
def plot(qtbot: QtBot, active: Timeline) -> ScorePlot:
    widget = ScorePlot(AS_OF)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_range_limits(FIRST, LAST)
    widget.show_timelines(active)
    return widget


def labels(plot: ScorePlot) -> list[str]:
    return [label.text for _, label in plot.canvas.legend.items]


def band(active: Timeline, low: float, high: float) -> RangeTimeline:
    values = np.full(active.days, np.nan)
    values[30:] = low
    high_values = values.copy()
    high_values[30:] = high
    return RangeTimeline(active.first, values, high_values)


def test_the_same_legend_entries_are_not_laid_out_again(plot: ScorePlot, active: Timeline):
    legend = plot.canvas.legend
    before, builds = list(legend.items), legend.builds
    plot.show_timelines(active)
    plot.canvas.show_bands(None, None, active.first)
    assert legend.builds == builds
    assert legend.items == before  # the very samples and labels


def test_a_changed_legend_lists_the_new_entries_and_reuses_the_old_ones(
    plot: ScorePlot, active: Timeline
) -> None:
    legend = plot.canvas.legend
    before = list(legend.items)
    mask = np.zeros(active.days, dtype=bool)
    mask[10:20] = True
    plot.show_timelines(active, None, (), mask)
    assert labels(plot)[-1] == TOP_RATED_LABEL
    assert all(pair in legend.items for pair in before)
    top_rated = legend.items[-1]
    plot.show_timelines(active)  # the spans went: so does their entry
    assert TOP_RATED_LABEL not in labels(plot)
    assert legend.items == before
    assert not any(part.isVisible() for part in top_rated)  # parked, not drawn
    plot.show_timelines(active, None, (), mask)
    assert all(a is b for a, b in zip(legend.items[-1], top_rated, strict=True))
    assert all(part.isVisible() for part in top_rated)


def test_a_reused_legend_entry_still_toggles_its_series(plot: ScorePlot, active: Timeline):
    mask = np.zeros(active.days, dtype=bool)
    mask[10:20] = True
    plot.show_timelines(active, None, (), mask)
    plot.show_timelines(active)
    plot.show_timelines(active, None, (), mask)
    legend = plot.canvas.legend
    sample, label = legend.items[labels(plot).index(TOP_RATED_LABEL)]
    centre = label.mapRectToParent(label.boundingRect()).center()
    assert legend.sample_at(centre) is sample
    assert sample is not None
    sample.item.setVisible(False)  # what the sample's own click does first
    legend.sigSampleClicked.emit(sample.item)
    assert not plot.canvas.is_series_visible("top_rated")


def test_the_legend_follows_a_new_text_colour(plot: ScorePlot) -> None:
    theme = plot.canvas.theme
    dark = type(theme)("#101010", "#eeeeee", "#999999", theme.label_fill, True)
    plot.canvas.apply_theme(dark)
    assert {label.opts["color"] for _, label in plot.canvas.legend.items} == {"#eeeeee"}


def test_the_band_shows_new_data_and_skips_the_same(
    qtbot: QtBot, plot: ScorePlot, active: Timeline
) -> None:
    canvas = plot.canvas
    bands = canvas.bands
    canvas.show_bands(band(active, 80.0, 90.0), None, active.first)
    assert HIGH_LABEL in labels(plot)
    day = epoch_seconds(active.first + dt.timedelta(days=40)) + DAY / 2
    assert bands.fill.path().contains(QPointF(day, 85.0))
    assert not bands.fill.path().contains(QPointF(day, 95.0))
    with qtbot.assert_not_emitted(bands.low.sigPlotChanged):  # equal values, new arrays
        canvas.show_bands(band(active, 80.0, 90.0), None, active.first)
    canvas.show_bands(band(active, 60.0, 95.0), None, active.first)
    assert bands.fill.path().contains(QPointF(day, 92.0))
    assert bands.fill.path().contains(QPointF(day, 62.0))
    x, y = bands.high.getData()  # a step line: a value holds until the next x
    held = int(np.searchsorted(x, epoch_seconds(active.first) + 40 * DAY, side="right")) - 1
    assert float(y[held]) == 95.0
    canvas.show_bands(None, None, active.first)
    assert bands.fill.path().isEmpty()
    assert LOW_LABEL not in labels(plot)


def test_band_path_steps_only_where_a_line_changes() -> None:
    low = np.array([1.0, 1.0, 2.0, np.nan, 5.0])
    high = np.array([3.0, 3.0, 3.0, np.nan, 6.0])
    path = band_path(0.0, low, high)
    points = [(path.elementAt(i).x / DAY, path.elementAt(i).y) for i in range(path.elementCount())]
    assert points == [
        (0.0, 1.0), (2.0, 1.0), (2.0, 2.0), (3.0, 2.0), (3.0, 3.0), (0.0, 3.0),  # days 0-2
        (4.0, 5.0), (5.0, 5.0), (5.0, 6.0), (4.0, 6.0),  # day 4; day 3 has no JSS
    ]  # fmt: skip
    assert band_path(0.0, np.array([np.nan]), np.array([np.nan])).isEmpty()


def test_the_same_timelines_leave_the_curves_alone(
    qtbot: QtBot, plot: ScorePlot, active: Timeline, sample_document: Document
) -> None:
    curves = [plot.curve(name) for name in ("displayed", "best", "m24", "m12", "m6")]
    for curve in curves:
        with qtbot.assert_not_emitted(curve.sigPlotChanged):
            plot.show_timelines(active)
    other = compute_timeline(sample_document.contracts[:3], RULES, FIRST, LAST)
    plot.show_timelines(other)
    _, y = plot.curve("m12").getData()
    np.testing.assert_array_equal(y, other.windows[12])


def test_the_same_compared_timelines_leave_their_curves_alone(
    qtbot: QtBot, plot: ScorePlot, active: Timeline, sample_document: Document
) -> None:
    other = compute_timeline(sample_document.contracts[:3], RULES, FIRST, LAST)
    plot.show_comparison({"a": active, "b": other})
    with qtbot.assert_not_emitted(plot.comparison_curve("a").sigPlotChanged):
        plot.show_comparison({"a": active, "b": other})
    plot.show_comparison({"a": other})
    np.testing.assert_array_equal(held_daily(plot.comparison_curve("a"), other), other.displayed)
    plot.show_comparison(None)
    plot.show_comparison({"a": other, "b": active})
    shown = held_daily(plot.comparison_curve("b"), active)
    np.testing.assert_array_equal(shown, active.displayed)


def held_daily(curve: pg.PlotDataItem, timeline: Timeline) -> np.ndarray:
    """The value a step line holds on each day of ``timeline`` (until its next x)."""
    x, y = curve.getData()
    return np.asarray(y[np.searchsorted(x, timeline.epoch_seconds(), side="right") - 1])


def test_the_same_spans_again_leave_the_regions_alone(plot: ScorePlot, active: Timeline):
    mask = np.zeros(active.days, dtype=bool)
    mask[10:20] = True
    plot.show_timelines(active, None, (), mask)
    region = plot.canvas.top_rated.regions[0]
    with_signal: list[object] = []
    region.sigRegionChanged.connect(with_signal.append)
    plot.show_timelines(active, None, (), mask.copy())
    assert not with_signal
    mask[30:40] = True
    plot.show_timelines(active, None, (), mask)
    assert len(plot.canvas.top_rated.spans()) == 2


def cache_modes(plot: ScorePlot) -> set[QGraphicsItem.CacheMode]:
    curves = [plot.curve(name).curve for name in ("displayed", "best", "m12")]
    markers = [*plot.canvas.exits.scatters.values(), plot.canvas.observed]
    return {item.cacheMode() for item in [*curves, plot.canvas.bands.fill, *markers]}


def axis_cache_modes(plot: ScorePlot) -> set[QGraphicsItem.CacheMode]:
    return {plot.plot_item.getAxis(side).cacheMode() for side in ("left", "bottom")}


def test_while_the_as_of_moves_the_static_items_are_drawn_from_pixmaps(
    qtbot: QtBot, plot: ScorePlot, active: Timeline
) -> None:
    exits = [
        WindowExit("c1", "Site", 12, dt.date(2026, 3, 1), 1),
        WindowExit("c2", "Shop", 6, dt.date(2026, 5, 1), -1),
    ]
    plot.show_timelines(active, None, exits)
    assert len(plot.canvas.exits.scatters) == 2  # the markers are among the static items
    assert cache_modes(plot) == {QGraphicsItem.CacheMode.NoCache}
    assert axis_cache_modes(plot) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}  # always
    with qtbot.waitSignal(plot.as_of_dragged):
        plot.as_of_line.setValue(epoch_seconds(dt.date(2026, 12, 10)))
    assert cache_modes(plot) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
    with qtbot.waitSignal(plot.as_of_drag_finished):
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert cache_modes(plot) == {QGraphicsItem.CacheMode.NoCache}  # the pixmaps are freed


def test_while_the_as_of_moves_the_markers_do_not_answer_the_pointer(
    qtbot: QtBot, plot: ScorePlot, active: Timeline
) -> None:
    plot.show_timelines(active, None, [WindowExit("c1", "Site", 12, dt.date(2026, 3, 1), 1)])
    (marker,) = plot.canvas.exits.scatters.values()
    marker.data["hovered"][0] = True  # the pointer on it when the move starts
    with qtbot.waitSignal(plot.as_of_dragged):
        plot.as_of_line.setValue(epoch_seconds(dt.date(2026, 12, 10)))
    assert not marker.data["hovered"].any()  # let go, not left enlarged
    assert not marker.opts["hoverable"]
    assert not plot.canvas.observed.opts["hoverable"]
    with qtbot.waitSignal(plot.as_of_drag_finished):
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert marker.opts["hoverable"]
    assert plot.canvas.observed.opts["hoverable"]


def test_the_controllers_other_day_ends_the_pixmaps(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitSignal(plot.as_of_dragged):
        plot.as_of_line.setValue(epoch_seconds(dt.date(2026, 12, 10)))
    plot.set_as_of(dt.date(2026, 1, 1))
    assert cache_modes(plot) == {QGraphicsItem.CacheMode.NoCache}


def test_an_export_during_a_move_draws_vectors(qtbot: QtBot, plot: ScorePlot) -> None:
    still = plot.render_svg().decode()
    with qtbot.waitSignal(plot.as_of_dragged):
        plot.as_of_line.setValue(epoch_seconds(dt.date(2026, 12, 10)))
    plot.canvas.graphics.viewport().repaint()  # fills the pixmaps
    moving = plot.render_svg().decode()
    # A cached item would be embedded as a picture instead of its paths.
    assert moving.count("<image") == still.count("<image")
    assert moving.count("<path") == still.count("<path")
    assert cache_modes(plot) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
    assert axis_cache_modes(plot) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_the_axes_export_as_text_and_lines(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitExposed(plot):
        plot.show()
    plot.canvas.graphics.viewport().repaint()  # fills the axes' pixmaps
    svg = plot.render_svg().decode()
    assert ">20%<" in svg  # the left axis's labels as text, not a picture of them


def test_exits_given_as_a_function_are_asked_for_only_when_shown(
    plot: ScorePlot, active: Timeline
) -> None:
    calls: list[int] = []

    class Results:  # the part of the controller's results the plot's follower passes
        def window_exits(self) -> tuple[WindowExit, ...]:
            calls.append(1)
            return ()

    results = Results()
    plot.show_comparison({"a": active})
    plot.show_timelines(active, None, results.window_exits)
    assert calls == []  # hidden in comparison mode
    plot.show_comparison(None)
    assert calls == [1]
    plot.show_timelines(active, None, results.window_exits)  # a new bound method, same source
    assert calls == [1]
    other = Results()
    plot.show_timelines(active, None, other.window_exits)
    assert calls == [1, 1]


def test_a_drag_step_moves_the_line_and_lanes_only(qtbot: QtBot, plot: ScorePlot) -> None:
    curves = [plot.curve(name) for name in ("displayed", "best", "m24", "m12", "m6")]
    legend, markers = plot.canvas.legend, plot.canvas.exits
    builds = (legend.builds, markers.builds)
    lanes = plot.canvas.reach_spans()
    for curve in curves:
        with qtbot.assert_not_emitted(curve.sigPlotChanged):
            plot.as_of_line.setValue(plot.as_of_line.value() - 5 * DAY)
    assert (legend.builds, markers.builds) == builds
    assert plot.canvas.reach_spans() != lanes  # the lanes follow the line
    assert plot.as_of_line.label.format == plot.as_of().isoformat()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_markers_keep_their_bounds_only_while_nothing_changes(
    qtbot: QtBot, plot: ScorePlot
) -> None:
    with qtbot.waitExposed(plot):  # shown: the padding of a spot's size in pixels counts
        plot.show()
    markers = plot.canvas.observed  # an items.Markers

    def fresh() -> QRectF:
        return QRectF(pg.ScatterPlotItem.boundingRect(markers))  # pyqtgraph's own, uncached

    markers.setData(x=[epoch_seconds(AS_OF)], y=[80.0])
    assert markers.boundingRect() == fresh()
    markers.setData(x=[epoch_seconds(FIRST), epoch_seconds(AS_OF)], y=[50.0, 90.0])
    assert markers.boundingRect() == fresh()
    before = fresh()
    plot.plot_item.setXRange(epoch_seconds(FIRST), epoch_seconds(AS_OF))  # pixels get wider
    assert fresh() != before
    assert markers.boundingRect() == fresh()
    before = fresh()
    markers.setSize(40)
    assert fresh() != before
    assert markers.boundingRect() == fresh()
    markers.clear()
    assert markers.boundingRect() == fresh()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_a_drag_step_leaves_the_placed_lane_labels_shown(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitExposed(plot):
        plot.show()
    shown = plot.canvas.reach_labels_shown()
    assert shown
    labels = [plot.canvas._reach_labels[months] for months in shown]
    for label in labels:  # hidden and shown again, a label was repainted twice per step
        with qtbot.assert_not_emitted(label.visibleChanged):
            plot.as_of_line.setValue(plot.as_of_line.value() - DAY)
    assert plot.canvas.reach_labels_shown() == shown


def test_a_reach_lane_spans_its_window_and_names_it(plot: ScorePlot) -> None:
    lane = plot.canvas._reach[6]
    ((x0, x1),) = lane.spans()
    assert (x0, x1) == plot.canvas.reach_spans()[6]
    box = lane._box
    assert box.isVisible()
    assert (box.rect().left(), box.rect().right()) == (x0, x1)
    assert box.toolTip().startswith("6-month window at 2026-11-25")
    lane.set_spans([])
    assert not box.isVisible()
    assert 6 not in plot.canvas.reach_spans()
