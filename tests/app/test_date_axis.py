"""The plot's date axis gives pyqtgraph's ticks and labels without a time-zone look-up per
tick (``app/plot/date_axis.py``)."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from pyqtgraph.graphicsItems import DateAxisItem as pyqtgraph_dates
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.date_axis import UtcDateAxis
from jsswhatif.app.plot.items import epoch_seconds

#: From ten years to a few hours: years and months, months and days, days, hours.
SPANS = [
    (dt.date(2016, 11, 25), dt.date(2026, 11, 25)),
    (dt.date(2026, 1, 1), dt.date(2026, 7, 1)),
    (dt.date(2026, 11, 1), dt.date(2026, 11, 20)),
    (dt.date(2026, 11, 24), dt.date(2026, 11, 25)),
]


def _plot(qtbot: QtBot, axis: pg.DateAxisItem) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"bottom": axis})
    qtbot.addWidget(widget)
    widget.resize(1200, 300)
    widget.grab()  # a paint: the axis measures its labels' font then
    return widget


def _ticks(
    plot: pg.PlotWidget, first: dt.date, last: dt.date
) -> list[tuple[float, list[float], list[str]]]:
    axis = plot.getPlotItem().getAxis("bottom")
    low, high = epoch_seconds(first), epoch_seconds(last)
    values = axis.tickValues(low, high, 1200)
    return [(spacing, ticks, axis.tickStrings(ticks, 1, spacing)) for spacing, ticks in values]


@pytest.mark.parametrize(("first", "last"), SPANS)
def test_ticks_and_labels_are_pyqtgraphs(qtbot: QtBot, first: dt.date, last: dt.date) -> None:
    ours = _plot(qtbot, UtcDateAxis())
    theirs = _plot(qtbot, pg.DateAxisItem(orientation="bottom", utcOffset=0))

    found = _ticks(ours, first, last)

    assert found == _ticks(theirs, first, last)
    assert any(ticks for _, ticks, _ in found)


def test_ticks_of_days_and_longer_need_no_time_zone(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    plot = _plot(qtbot, UtcDateAxis())

    def refused(*args: object) -> int:
        raise AssertionError("a time-zone look-up")

    monkeypatch.setattr(pyqtgraph_dates, "applyOffsetFromUtc", refused)
    for first, last in SPANS[:3]:
        assert _ticks(plot, first, last)
