"""The score plot as a user meets it: range choice, read-out, legend, exit markers, exports,
colours (issue 12, items 1, 3, 4, 5, 10 and 14; issue 14's markers built from arrays).

Timelines come from :func:`compute_timeline` on the five-contract sample of conftest; items are
checked through their data, never pixels.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.items import DAY, epoch_seconds, exit_text, exit_tip
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import WindowExit, window_exits
from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.timeline import Timeline, compute_timeline

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

AS_OF = dt.date(2026, 11, 25)
FIRST, LAST = dt.date(2021, 1, 1), dt.date(2028, 11, 25)
RULES = PRESETS_BY_NAME["upwork-2024-09"]


@pytest.fixture
def contracts(sample_document: Document) -> tuple[Contract, ...]:
    return sample_document.contracts


@pytest.fixture
def active(contracts: tuple[Contract, ...]) -> Timeline:
    return compute_timeline(contracts, RULES, FIRST, LAST)


@pytest.fixture
def exits(contracts: tuple[Contract, ...]) -> tuple[WindowExit, ...]:
    return window_exits(evaluate(contracts, RULES, AS_OF))


@pytest.fixture
def plot(qtbot: QtBot, active: Timeline, exits: tuple[WindowExit, ...]) -> ScorePlot:
    widget = ScorePlot(AS_OF)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_range_limits(FIRST, LAST)
    widget.set_as_of(AS_OF)
    widget.show_timelines(active, None, exits)
    return widget


def view_days(plot: ScorePlot) -> float:
    low, high = plot.plot_item.viewRange()[0]
    return float(high - low) / DAY


def legend_labels(plot: ScorePlot) -> list[str]:
    return [label.text for _, label in plot.canvas.legend.items]


# Item 1: moving the range limits is not a drag ----------------------------------------------


def test_new_range_limits_that_move_the_line_are_not_a_drag(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.assert_not_emitted(plot.as_of_dragged, wait=50):
        plot.set_range_limits(dt.date(2027, 1, 1), dt.date(2029, 1, 1))  # as-of now clamped
    assert plot.as_of() == dt.date(2027, 1, 1)
    with qtbot.assert_not_emitted(plot.as_of_drag_finished, wait=450):
        plot.set_as_of(dt.date(2027, 1, 1))


# Item 3: the range buttons keep the choice --------------------------------------------------


def test_the_chosen_range_survives_as_of_moves_and_new_results(
    qtbot: QtBot,
    plot: ScorePlot,
    active: Timeline,
    exits: tuple[WindowExit, ...],
    contracts: tuple[Contract, ...],
) -> None:
    qtbot.mouseClick(plot.range_buttons["1 year"], Qt.MouseButton.LeftButton)
    assert plot.range_buttons["1 year"].isChecked()
    assert not plot.range_buttons["All"].isChecked()
    assert view_days(plot) == pytest.approx(365 + 1, rel=0.03)
    plot.set_as_of(dt.date(2026, 12, 20))  # keyboard step, or the controller's answer
    plot.show_timelines(active, None, exits)
    assert view_days(plot) == pytest.approx(366, rel=0.03)
    wider = compute_timeline(contracts, RULES, FIRST, dt.date(2029, 6, 1))
    plot.set_range_limits(FIRST, dt.date(2029, 6, 1))
    plot.show_timelines(wider)  # the range grew: still one year
    assert view_days(plot) == pytest.approx(366, rel=0.03)
    plot.slider.setValue((dt.date(2028, 6, 1) - FIRST).days)  # far outside the year on show
    low, high = plot.plot_item.viewRange()[0]
    assert low < epoch_seconds(dt.date(2028, 6, 1)) < high
    assert view_days(plot) == pytest.approx(366, rel=0.03)
    qtbot.mouseClick(plot.range_buttons["All"], Qt.MouseButton.LeftButton)
    plot.show_timelines(active)
    assert view_days(plot) > 7 * 365


# Item 4: the read-out follows the as-of -----------------------------------------------------


def hover(qtbot: QtBot, plot: ScorePlot, day: dt.date) -> None:
    box = plot.plot_item.vb
    box.setGeometry(0, 0, 800, 400)
    scene_pos = box.mapViewToScene(QPointF(epoch_seconds(day) + 40_000, 50))
    plot.canvas.graphics.scene().sigMouseMoved.emit(scene_pos)
    qtbot.waitUntil(lambda: plot.readout_text().startswith(day.isoformat()))


def test_the_readout_follows_slider_and_keyboard_moves(qtbot: QtBot, plot: ScorePlot) -> None:
    hover(qtbot, plot, dt.date(2025, 12, 1))
    plot.slider.setValue(plot.slider.value() + 5)  # a keyboard step on the slider
    assert plot.readout_text().startswith("2026-11-30")
    hover(qtbot, plot, dt.date(2025, 12, 1))
    plot.set_as_of(dt.date(2026, 9, 1))  # Alt+Left, the date field, the controller
    assert plot.readout_text().startswith("2026-09-01")


def test_while_the_line_is_dragged_the_readout_shows_its_day(qtbot: QtBot, plot: ScorePlot) -> None:
    plot.as_of_line.moving = True  # (pyqtgraph's flag while the line is dragged)
    box = plot.plot_item.vb
    elsewhere = box.mapViewToScene(QPointF(epoch_seconds(dt.date(2025, 12, 1)) + 40_000, 50))
    plot.canvas.graphics.scene().sigMouseMoved.emit(elsewhere)
    qtbot.wait(100)  # past the pointer's rate limit
    assert plot.readout_text().startswith("2026-11-25")
    plot.as_of_line.moving = False
    hover(qtbot, plot, dt.date(2025, 12, 1))  # then it follows the pointer again


def test_while_the_line_is_dragged_no_item_gets_hover_events(qtbot: QtBot, plot: ScorePlot) -> None:
    """The pointer drags the line: nothing else is looked for under it (and the line keeps
    its hover pen, as grabbed)."""
    plot.show()
    qtbot.waitExposed(plot)
    line, scene = plot.as_of_line, plot.canvas.graphics.scene()
    hovered: list[object] = []
    line.hoverEvent = hovered.append  # (pyqtgraph calls the item's attribute)
    move = QGraphicsSceneMouseEvent(QEvent.Type.GraphicsSceneMouseMove)
    move.setScenePos(plot.plot_item.vb.mapViewToScene(QPointF(line.value(), 50)))
    scene.sendHoverEvents(move)
    assert len(hovered) == 1  # on the line
    line.moving = True  # (pyqtgraph's flag while the line is dragged)
    scene.sendHoverEvents(move)
    assert len(hovered) == 1
    scene.sendHoverEvents(move, exitOnly=True)  # the pointer left the view: still told
    assert len(hovered) == 2
    line.moving = False
    scene.sendHoverEvents(move)
    assert len(hovered) == 3


def test_the_readout_returns_to_the_as_of_when_the_mouse_leaves(
    qtbot: QtBot, plot: ScorePlot
) -> None:
    hover(qtbot, plot, dt.date(2025, 12, 1))
    QApplication.sendEvent(plot.canvas.graphics.viewport(), QEvent(QEvent.Type.Leave))
    assert plot.readout_text().startswith("2026-11-25")
    assert "JSS 90%" in plot.readout_text()


# Item 5: the legend ----------------------------------------------------------------------------


def click_legend_label(qtbot: QtBot, plot: ScorePlot, text: str) -> None:
    """A real mouse click on the words of a legend entry."""
    label = next(label for _, label in plot.canvas.legend.items if label.text == text)
    centre = label.mapToScene(label.boundingRect().center())
    view = plot.canvas.graphics
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(centre))


def test_clicking_a_legend_label_toggles_its_series(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitExposed(plot):
        plot.show()
    click_legend_label(qtbot, plot, "24 months")
    assert not plot.curve("m24").isVisible()
    assert not plot.canvas.is_series_visible("m24")
    click_legend_label(qtbot, plot, "24 months")
    assert plot.curve("m24").isVisible()


def test_a_click_beside_the_legend_entries_toggles_nothing(qtbot: QtBot, plot: ScorePlot) -> None:
    with qtbot.waitExposed(plot):
        plot.show()
    legend = plot.canvas.legend
    corner = legend.mapToScene(legend.boundingRect().bottomRight()) - QPointF(2, 2)
    assert legend.sample_at(legend.mapFromScene(corner)) is None
    view = plot.canvas.graphics
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(corner))
    assert all(plot.canvas.is_series_visible(n) for n in ("m6", "m12", "m24", "displayed"))


def test_hiding_a_window_hides_its_exit_markers(
    plot: ScorePlot, active: Timeline, exits: tuple[WindowExit, ...]
) -> None:
    months = {e.months for e in exits if FIRST <= e.date <= LAST}
    assert 6 in months
    before = plot.canvas.exits.points()
    assert any("6-month" in exit_text(p.data()) for p in before)
    plot.canvas.set_series_visible("m6", False)
    after = plot.canvas.exits.points()
    assert after
    assert not any("6-month" in exit_text(p.data()) for p in after)
    assert len(after) == len(before) - sum(e.months == 6 for e in exits)
    plot.show_timelines(active, None, exits)  # an update keeps it hidden
    assert not any("6-month" in exit_text(p.data()) for p in plot.canvas.exits.points())


def test_a_marker_tip_names_contract_value_window_and_day(
    plot: ScorePlot, exits: tuple[WindowExit, ...]
) -> None:
    spot = plot.canvas.exits.points()[0]
    assert isinstance(spot.data(), WindowExit)  # its words are made on hover only
    assert exit_text(spot.data()) in exit_tip(0.0, 0.0, spot.data())
    assert " leaves the " in exit_text(spot.data())


def test_the_legend_explains_the_exit_markers_and_hides_a_kind(
    plot: ScorePlot, exits: tuple[WindowExit, ...]
) -> None:
    values = {e.value for e in exits}
    words = {1: "positive leaves", -1: "negative leaves", 0: "neutral leaves"}
    shown = [words[v] for v in (1, -1, 0) if v in values]
    assert shown
    assert legend_labels(plot)[-len(shown) :] == shown
    sample = next(s for s, label in plot.canvas.legend.items if label.text == shown[0])
    assert "leaves the window" in sample.toolTip()
    plot.canvas.set_series_visible("exit_positive" if 1 in values else "exit_neutral", False)
    hidden_word = "(positive)" if 1 in values else "(neutral)"
    assert not any(hidden_word in exit_text(p.data()) for p in plot.canvas.exits.points())


# Issue 14: markers from arrays, rebuilt only when changed and shown ----------------------------


def test_exit_markers_are_a_few_array_items_rebuilt_only_when_needed(
    plot: ScorePlot, active: Timeline, exits: tuple[WindowExit, ...]
) -> None:
    markers = plot.canvas.exits
    inside = [e for e in exits if FIRST <= e.date <= LAST]
    assert len(markers.scatters) == len({(e.months, e.value) for e in inside}) < len(inside)
    for scatter in markers.scatters.values():  # one shared pen and brush per item
        assert scatter.data["pen"].tolist() == [None] * len(scatter.data)
        assert scatter.data["brush"].tolist() == [None] * len(scatter.data)
    builds = markers.builds
    plot.show_timelines(active, None, exits, np.zeros(active.days, dtype=bool))  # look-ahead
    assert markers.builds == builds
    plot.show_comparison({"a": active})
    fewer = exits[: len(exits) // 2]
    plot.show_timelines(active, None, fewer)  # hidden in comparison mode: not built
    assert markers.builds == builds
    plot.show_comparison(None)
    assert markers.builds == builds + 1
    assert len(markers.points()) == len([e for e in fewer if FIRST <= e.date <= LAST])


# Item 10: compare colours, exports ------------------------------------------------------------


def test_coinciding_compared_series_stay_apart(plot: ScorePlot, active: Timeline) -> None:
    plot.show_comparison({"upwork-2015": active, "historical": active})
    pens = [plot.comparison_curve(n).opts["pen"] for n in ("upwork-2015", "historical")]
    assert pens[0].color().name() != pens[1].color().name()
    assert pens[0].style() != pens[1].style()
    assert pens[0].widthF() > pens[1].widthF()  # the second shows inside the first


def test_the_readout_has_its_own_row_above_the_plot(plot: ScorePlot, active: Timeline) -> None:
    names = {f"a long scenario name {i}": active for i in range(6)}
    plot.show_comparison(names)
    plot.show()
    plot.resize(900, 500)
    readout = QRect(plot.readout.mapTo(plot, QPoint(0, 0)), plot.readout.size())
    for widget in [*plot.range_buttons.values(), plot.canvas.graphics]:
        assert not readout.intersects(QRect(widget.mapTo(plot, QPoint(0, 0)), widget.size()))
    assert plot.readout.width() >= plot.width() - 20
    assert plot.readout.wordWrap()
    assert plot.readout.height() >= 2 * plot.readout.fontMetrics().height()  # all its lines


def test_a_new_readout_lays_out_nothing_else(qtbot: QtBot, plot: ScorePlot) -> None:
    """A drag step changes the read-out's text: laying out the plot again would lay out
    the window around it too."""
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(50)  # laid out
    requests: list[QObject] = []

    class Requests(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and watched is plot:
                requests.append(watched)
            return False

    counter = Requests()
    plot.installEventFilter(counter)
    for day in (dt.date(2026, 11, 20), dt.date(2026, 10, 1)):
        plot.set_as_of(day)
        QApplication.processEvents()
        assert plot.readout_text().startswith(day.isoformat())
    assert not requests


def test_exports_carry_the_caption_and_no_hidden_entries(plot: ScorePlot) -> None:
    plot.set_caption("Job Success Score · rule set upwork-2024-09 · as of 2026-11-25")
    plot.canvas.set_series_visible("m24", False)
    seen: list[list[str]] = []
    original = plot.canvas.graphics.render

    def spy(*args: object) -> None:
        seen.append(legend_labels(plot))
        assert plot.canvas.caption.isVisible()
        original(*args)

    plot.canvas.graphics.render = spy
    svg = plot.render_svg().decode()
    assert seen
    assert "24 months" not in seen[0]
    assert "12 months" in seen[0]
    root = ET.fromstring(svg)
    title = next(e for e in root.iter() if e.tag.endswith("title"))
    assert title.text == "Job Success Score · rule set upwork-2024-09 · as of 2026-11-25"
    assert "24 months" in legend_labels(plot)  # back on screen, with its "hidden" icon
    assert not plot.canvas.caption.isVisible()
    png = plot.render_png(800)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


# Item 14: the system palette -------------------------------------------------------------------


def test_a_dark_palette_gives_a_dark_plot(plot: ScorePlot) -> None:
    palette = QPalette(plot.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e5e7eb"))
    plot.setPalette(palette)
    background = plot.canvas.graphics.backgroundBrush().color()
    assert background.name() == "#1e1e1e"
    jss = plot.curve("displayed").opts["pen"].color()
    assert jss.lightness() >= 120  # the navy line is lightened to show on black
    axis = plot.plot_item.getAxis("left")
    assert axis.textPen().color().name() == "#e5e7eb"
