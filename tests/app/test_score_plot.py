"""The score plot draws exactly the timeline arrays and keeps the as-of controls in sync.

Plot items are checked through their data (``getData()``), never through pixels. The
timelines come from :func:`compute_timeline` on the five-contract sample of conftest.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.exits import kind_of
from jsswhatif.app.plot.items import DAY, epoch_seconds, exit_text, spans_from_mask
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import window_exits
from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.timeline import Timeline, compute_timeline

AS_OF = dt.date(2026, 11, 25)
FIRST, LAST = dt.date(2025, 11, 25), dt.date(2027, 11, 25)
RULES = PRESETS_BY_NAME["upwork-2024-09"]
TRENDING_RULES = PRESETS_BY_NAME["upwork-2023-12"]


class LeftClick:
    """The part of a pyqtgraph mouse click event a legend sample reads."""

    def button(self) -> Qt.MouseButton:
        return Qt.MouseButton.LeftButton

    def accept(self) -> None:
        pass


@pytest.fixture
def contracts(sample_document: Document) -> tuple[Contract, ...]:
    return sample_document.contracts


@pytest.fixture
def active(contracts: tuple[Contract, ...]) -> Timeline:
    return compute_timeline(contracts, RULES, FIRST, LAST)


@pytest.fixture
def baseline(contracts: tuple[Contract, ...]) -> Timeline:
    without_c3 = [c for c in contracts if c.id != "c3"]
    return compute_timeline(without_c3, RULES, FIRST, LAST)


@pytest.fixture
def plot(qtbot: QtBot, active: Timeline, baseline: Timeline) -> ScorePlot:
    widget = ScorePlot(AS_OF)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_range_limits(dt.date(2021, 1, 1), dt.date(2028, 11, 25))
    widget.set_as_of(AS_OF)
    widget.show_timelines(active, baseline)
    return widget


def assert_steps(curve: object, timeline: Timeline, values: np.ndarray) -> None:
    """The step line holds ``values`` on each day of ``timeline`` (a value holds until the
    next x; the days that change nothing may be left out), and ends a day after the last."""
    got_x, got_y = curve.getData()  # type: ignore[attr-defined]
    x = timeline.epoch_seconds()
    held = np.searchsorted(got_x, x, side="right") - 1
    assert held.min() >= 0
    np.testing.assert_array_equal(got_y[held], values)  # NaN where "no JSS", in the same places
    assert got_x[-1] == x[-1] + DAY


def is_empty(curve: object) -> bool:
    x = curve.getData()[0]  # type: ignore[attr-defined]
    return x is None or x.size == 0


def assert_plotted(curve: object, x: np.ndarray, y: np.ndarray) -> None:
    got_x, got_y = curve.getData()  # type: ignore[attr-defined]
    np.testing.assert_array_equal(got_x, x)
    np.testing.assert_array_equal(got_y, y)  # NaN where "no JSS", in the same places


def test_series_hold_the_timeline_arrays(plot: ScorePlot, active: Timeline, baseline: Timeline):
    x = active.epoch_seconds()
    assert x[0] == dt.datetime(2025, 11, 25, tzinfo=dt.UTC).timestamp()
    for months in (6, 12, 24):
        assert_plotted(plot.curve(f"m{months}"), x, active.windows[months])
    assert_plotted(plot.curve("best"), x, active.best)
    assert_steps(plot.curve("displayed"), active, active.displayed)
    assert_steps(plot.curve("baseline"), baseline, baseline.displayed)
    assert plot.curve("displayed").opts["stepMode"] == "right"
    assert plot.curve("displayed").opts["connect"] == "finite"
    assert plot.curve("displayed").opts["pen"].widthF() > plot.curve("m6").opts["pen"].widthF()
    assert plot.curve("baseline").opts["pen"].style() == Qt.PenStyle.DashLine
    assert plot.canvas.series_names() == ["m6", "m12", "m24", "displayed", "baseline", "best"]


def test_no_jss_is_a_gap(qtbot: QtBot, contracts: tuple[Contract, ...]) -> None:
    early = compute_timeline(contracts, RULES, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert np.isnan(early.displayed[0])
    plot = ScorePlot(AS_OF)
    qtbot.addWidget(plot)
    plot.show_timelines(early)
    y = plot.curve("displayed").getData()[1]
    assert np.isnan(y[0])
    assert np.isfinite(y).any()
    assert is_empty(plot.curve("baseline"))
    assert "baseline" not in plot.canvas.series_names()


def test_trending_and_three_month_window(qtbot: QtBot, contracts: tuple[Contract, ...]):
    timeline = compute_timeline(contracts, TRENDING_RULES, FIRST, LAST)
    plot = ScorePlot(AS_OF)
    qtbot.addWidget(plot)
    plot.show_timelines(timeline)
    x = timeline.epoch_seconds()
    assert_plotted(plot.curve("m3"), x, timeline.windows[3])
    assert_plotted(plot.curve("trending"), x, timeline.trending)
    assert plot.canvas.series_names() == ["m3", "m6", "m12", "m24", "displayed", "best", "trending"]


def test_updates_reuse_the_items(plot: ScorePlot, contracts: tuple[Contract, ...]) -> None:
    curve = plot.curve("displayed")
    count = len(plot.plot_item.items)
    later = compute_timeline(contracts[:4], RULES, FIRST, LAST)
    plot.show_timelines(later, None)
    assert plot.curve("displayed") is curve
    assert len(plot.plot_item.items) == count
    assert_steps(curve, later, later.displayed)
    assert is_empty(plot.curve("baseline"))


def test_dragging_the_line_moves_slider_and_date(qtbot: QtBot, plot: ScorePlot) -> None:
    target = dt.date(2026, 12, 10)
    with qtbot.waitSignal(plot.as_of_dragged) as dragged:
        plot.as_of_line.setValue(epoch_seconds(target) + 3 * 3600)  # a little after midnight
    assert dragged.args == [target]
    assert plot.as_of() == target
    assert plot.slider.value() == (target - dt.date(2021, 1, 1)).days
    assert plot.date_edit.date() == QDate(2026, 12, 10)
    with qtbot.waitSignal(plot.as_of_drag_finished) as finished:
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert finished.args == [target]
    assert plot.as_of_line.value() == epoch_seconds(target)  # snapped to the day


def test_drag_signals_are_coalesced(qtbot: QtBot, plot: ScorePlot) -> None:
    seen: list[dt.date] = []
    plot.as_of_dragged.connect(seen.append)
    with qtbot.waitSignal(plot.as_of_dragged):
        for day in (1, 2, 3):
            plot.as_of_line.setValue(epoch_seconds(dt.date(2027, 1, day)))
    # Releasing the line sends a drag step still pending before it reports the end, so a
    # second step left by the three moves would show in ``seen`` by the time it finishes.
    with qtbot.waitSignal(plot.as_of_drag_finished) as finished:
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert finished.args == [dt.date(2027, 1, 3)]
    assert seen == [dt.date(2027, 1, 3)]


def test_set_as_of_emits_nothing(qtbot: QtBot, plot: ScorePlot) -> None:
    target = dt.date(2026, 3, 1)
    with (
        qtbot.assertNotEmitted(plot.as_of_dragged),
        qtbot.assertNotEmitted(plot.as_of_drag_finished),
    ):
        plot.set_as_of(target)
        # A release sends any drag step still pending and ends a move in progress: with
        # neither left by set_as_of, it emits nothing either (no timer to wait for).
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert plot.as_of_line.value() == epoch_seconds(target)
    assert plot.slider.value() == (target - dt.date(2021, 1, 1)).days
    assert plot.date_edit.date() == QDate(2026, 3, 1)
    assert plot.as_of_line.label.format == "2026-03-01"


def test_slider_drag_and_release(qtbot: QtBot, plot: ScorePlot) -> None:
    days = (dt.date(2027, 2, 1) - dt.date(2021, 1, 1)).days
    plot.slider.setSliderDown(True)
    with qtbot.waitSignal(plot.as_of_dragged) as dragged:
        plot.slider.setValue(days)
    assert dragged.args == [dt.date(2027, 2, 1)]
    assert plot.as_of_line.value() == epoch_seconds(dt.date(2027, 2, 1))
    assert plot.date_edit.date() == QDate(2027, 2, 1)
    with qtbot.waitSignal(plot.as_of_drag_finished) as finished:
        plot.slider.setSliderDown(False)  # emits sliderReleased
    assert finished.args == [dt.date(2027, 2, 1)]


def test_slider_keyboard_step_finishes_after_a_pause(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitSignal(plot.as_of_drag_finished, timeout=2000) as finished:
        plot.slider.setValue(plot.slider.value() + 1)
    assert finished.args == [AS_OF + dt.timedelta(days=1)]


def test_date_edit_moves_the_line(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitSignal(plot.as_of_dragged) as dragged:
        plot.date_edit.setDate(QDate(2026, 6, 30))
    assert dragged.args == [dt.date(2026, 6, 30)]
    assert plot.as_of_line.value() == epoch_seconds(dt.date(2026, 6, 30))
    with qtbot.waitSignal(plot.as_of_drag_finished) as finished:
        plot.date_edit.editingFinished.emit()
    assert finished.args == [dt.date(2026, 6, 30)]


def test_as_of_is_kept_within_the_limits(qtbot: QtBot, plot: ScorePlot) -> None:
    plot.set_as_of(dt.date(2040, 1, 1))
    assert plot.as_of() == dt.date(2028, 11, 25)


def test_a_new_plot_marks_the_as_of_it_is_given(qtbot: QtBot) -> None:
    """The as-of is the caller's (the controller's): the plot never reads the clock."""
    plot = ScorePlot(dt.date(2031, 2, 3))
    qtbot.addWidget(plot)
    assert plot.as_of() == dt.date(2031, 2, 3)
    assert plot.date_edit.date() == QDate(2031, 2, 3)
    assert plot.as_of_line.value() == epoch_seconds(dt.date(2031, 2, 3))
    assert plot.as_of_line.label.format == "2031-02-03"


def test_a_move_away_and_back_still_finishes(qtbot: QtBot, plot: ScorePlot) -> None:
    """The controller was told about the move, so it hears the end too (it used to stay
    "dragging", the look-ahead never coming, when the line came back to where it started)."""
    away = dt.date(2026, 12, 10)
    with qtbot.waitSignal(plot.as_of_dragged):
        plot.as_of_line.setValue(epoch_seconds(away))
    with qtbot.waitSignal(plot.as_of_dragged) as dragged:
        plot.as_of_line.setValue(epoch_seconds(AS_OF))
    assert dragged.args == [AS_OF]
    with qtbot.waitSignal(plot.as_of_drag_finished) as finished:
        plot.as_of_line.sigPositionChangeFinished.emit(plot.as_of_line)
    assert finished.args == [AS_OF]


def test_the_controllers_answer_to_a_step_does_not_end_the_move(
    qtbot: QtBot, plot: ScorePlot
) -> None:
    """A keyboard step on the slider finishes after a pause, even though the controller sets
    the day it was sent back on the plot in between."""
    day = AS_OF + dt.timedelta(days=1)
    plot.as_of_dragged.connect(plot.set_as_of)  # what the controller's change brings back
    with qtbot.waitSignal(plot.as_of_drag_finished, timeout=2000) as finished:
        plot.slider.setValue(plot.slider.value() + 1)
    assert finished.args == [day]
    assert plot.as_of() == day


def test_the_controllers_other_day_ends_the_move(qtbot: QtBot, plot: ScorePlot) -> None:
    """A different day from the controller (a shortcut, another document) wins silently."""
    plot.slider.setValue(plot.slider.value() + 1)
    other = dt.date(2026, 1, 15)
    with (
        qtbot.assertNotEmitted(plot.as_of_dragged, wait=50),
        qtbot.assertNotEmitted(plot.as_of_drag_finished, wait=500),
    ):
        plot.set_as_of(other)
    assert plot.as_of() == other
    assert plot.slider.value() == (other - dt.date(2021, 1, 1)).days


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("1 year", (dt.date(2026, 5, 25), dt.date(2027, 5, 25))),
        ("2 years", (dt.date(2025, 11, 25), dt.date(2027, 11, 25))),
        ("5 years", (dt.date(2023, 11, 26), dt.date(2028, 11, 25))),  # shifted inside the limits
        ("All", (dt.date(2021, 1, 1), dt.date(2028, 11, 25))),
    ],
)
def test_range_buttons(
    qtbot: QtBot, plot: ScorePlot, label: str, expected: tuple[dt.date, dt.date]
) -> None:
    with qtbot.waitSignal(plot.range_requested) as requested:
        qtbot.mouseClick(plot.range_buttons[label], Qt.MouseButton.LeftButton)
    assert tuple(requested.args) == expected
    low, high = plot.plot_item.viewRange()[0]
    span = epoch_seconds(expected[1]) + DAY - epoch_seconds(expected[0])
    assert low == pytest.approx(epoch_seconds(expected[0]), abs=0.02 * span)
    assert high == pytest.approx(epoch_seconds(expected[1]) + DAY, abs=0.02 * span)


def test_legend_click_hides_a_series(plot: ScorePlot, active: Timeline) -> None:
    samples = {label.text: sample for sample, label in plot.canvas.legend.items}
    assert set(samples) == {"6 months", "12 months", "24 months", "JSS", "baseline JSS", "best of"}
    samples["24 months"].mouseClickEvent(LeftClick())
    assert not plot.curve("m24").isVisible()
    assert not plot.canvas.is_series_visible("m24")
    plot.show_timelines(active)  # an update keeps the user's choice
    assert not plot.curve("m24").isVisible()
    assert plot.curve("m12").isVisible()
    samples = {label.text: sample for sample, label in plot.canvas.legend.items}
    samples["24 months"].mouseClickEvent(LeftClick())
    assert plot.curve("m24").isVisible()


def test_exit_markers_name_contract_and_window(
    plot: ScorePlot, contracts: tuple[Contract, ...], active: Timeline
) -> None:
    exits = window_exits(evaluate(contracts, RULES, AS_OF))
    plot.show_timelines(active, None, exits)
    inside = [e for e in exits if FIRST <= e.date <= LAST]
    assert inside
    points = plot.canvas.exits.points()
    assert sorted(p.pos().x() for p in points) == sorted(epoch_seconds(e.date) for e in inside)
    texts = [exit_text(p.data()) for p in points]
    assert "'Logo refresh' (neutral) leaves the 6-month window on 2026-12-29" in texts
    for event in inside:
        y = active.windows[event.months][active.index_of(event.date) - 1]
        spot = next(p for p in points if p.data() == event)
        if np.isnan(y):  # no score to sit on: on the window's reach lane, below 0%
            assert spot.pos().y() == pytest.approx(plot.canvas.lane_middle(event.months))
            assert spot.pos().y() < 0
        else:
            assert spot.pos().y() == pytest.approx(y)


def test_exit_markers_change_only_where_the_exits_did(
    qtbot: QtBot, plot: ScorePlot, contracts: tuple[Contract, ...], active: Timeline
) -> None:
    """An update with the same timeline and one exit fewer (an as-of step past an exit)
    refills only that exit's item; the others keep their spots; the dropped one goes."""
    exits = window_exits(evaluate(contracts, RULES, AS_OF))
    inside = [e for e in exits if FIRST <= e.date <= LAST]
    plot.show_timelines(active, None, exits)
    gone = inside[0]
    scatters = plot.canvas.exits.scatters
    changed = scatters[gone.months, kind_of(gone.value).key]
    others = [scatter for scatter in scatters.values() if scatter is not changed]
    assert others
    with ExitStack() as unchanged:
        for scatter in others:
            unchanged.enter_context(qtbot.assertNotEmitted(scatter.sigPlotChanged))
        with qtbot.waitSignal(changed.sigPlotChanged, timeout=1000):
            plot.show_timelines(active, None, [e for e in exits if e is not gone])
    assert gone not in [p.data() for p in plot.canvas.exits.points()]
    assert len(plot.canvas.exits.points()) == len(inside) - 1


def test_top_rated_spans(plot: ScorePlot, active: Timeline) -> None:
    mask = np.zeros(active.days, dtype=bool)
    mask[10:20] = True
    mask[100:101] = True
    plot.show_timelines(active, None, (), mask)
    day = dt.timedelta(days=1)
    expected = [
        (epoch_seconds(FIRST + 10 * day), epoch_seconds(FIRST + 20 * day)),
        (epoch_seconds(FIRST + 100 * day), epoch_seconds(FIRST + 101 * day)),
    ]
    assert plot.canvas.top_rated.spans() == expected
    assert "top_rated" in plot.canvas.series_names()
    plot.show_timelines(active, None, (), spans_from_mask(FIRST, mask)[:1])
    assert plot.canvas.top_rated.spans() == expected[:1]
    plot.canvas.set_series_visible("top_rated", False)
    assert not plot.canvas.top_rated.regions[0].isVisible()


def test_window_reach_at_the_as_of(plot: ScorePlot) -> None:
    reach = plot.canvas.reach_spans()
    end = epoch_seconds(AS_OF) + DAY
    assert reach == {m: (epoch_seconds(months_before(AS_OF, m)), end) for m in (6, 12, 24)}
    plot.set_as_of(dt.date(2026, 8, 31))
    assert plot.canvas.reach_spans()[6][0] == epoch_seconds(dt.date(2026, 2, 28))


def test_readout_at_the_as_of_and_under_the_mouse(qtbot: QtBot, plot: ScorePlot) -> None:
    text = plot.readout_text()
    assert text.startswith("2026-11-25")
    assert "JSS 90%" in text
    assert "24 months 90.2%" in text
    assert "6 months 87.8%" in text
    box = plot.plot_item.vb
    box.setGeometry(0, 0, 800, 400)
    scene_pos = box.mapViewToScene(QPointF(epoch_seconds(dt.date(2025, 12, 1)) + 40_000, 50))
    plot.canvas.graphics.scene().sigMouseMoved.emit(scene_pos)
    qtbot.waitUntil(lambda: plot.readout_text().startswith("2025-12-01"))


def test_comparison_mode(qtbot: QtBot, plot: ScorePlot, contracts: tuple[Contract, ...]):
    series = {
        name: compute_timeline(contracts, PRESETS_BY_NAME[name], FIRST, LAST)
        for name in ("upwork-2020-03", "upwork-2024-09", "upwork-2023-12")
    }
    plot.show_comparison(series)
    for name, timeline in series.items():
        assert_steps(plot.comparison_curve(name), timeline, timeline.displayed)
        assert plot.canvas.is_series_visible(name)
    colours = {plot.comparison_curve(n).opts["pen"].color().name() for n in series}
    assert len(colours) == 3
    assert [label.text for _, label in plot.canvas.legend.items] == list(series)
    assert not plot.curve("displayed").isVisible()
    assert "upwork-2020-03" in plot.readout_text()
    plot.show_comparison({"upwork-2024-09": series["upwork-2024-09"]})
    assert [label.text for _, label in plot.canvas.legend.items] == ["upwork-2024-09"]
    plot.show_comparison(None)
    assert plot.curve("displayed").isVisible()
    assert "JSS" in [label.text for _, label in plot.canvas.legend.items]


def test_export_png_has_the_requested_width(plot: ScorePlot, tmp_path: Path) -> None:
    path = tmp_path / "plot.png"
    plot.export_png(path, 1234)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() == 1234
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_svg_is_valid_xml(plot: ScorePlot, tmp_path: Path) -> None:
    path = tmp_path / "plot.svg"
    plot.export_svg(path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert len(list(root.iter())) > 20


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_the_readout_keeps_its_height_at_a_width(qtbot: QtBot, plot: ScorePlot) -> None:
    """Fewer series take fewer lines, but the plot below does not jump (nor redraw its axes)
    until the width changes."""
    plot.resize(420, 600)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(50)  # laid out at that width
    tall, graphics = plot.readout.height(), plot.canvas.graphics.height()
    assert tall >= 2 * plot.readout.fontMetrics().height()  # six series: two lines or more
    plot.show_comparison({"upwork-2024-09": compute_timeline((), RULES, FIRST, LAST)})
    qtbot.wait(50)
    assert plot.readout_text().endswith("upwork-2024-09 no JSS")  # one line would do
    assert (plot.readout.height(), plot.canvas.graphics.height()) == (tall, graphics)
    plot.resize(1400, 600)
    qtbot.waitUntil(lambda: plot.readout.height() < tall)
    qtbot.waitUntil(lambda: plot.canvas.graphics.height() > graphics)  # (laid out after)
