"""The plot does only the drawing work an update calls for, and still shows every update.

A legend listing the same entries is not laid out again, and one that changes is.
Checked through the items' data and signals, never timings.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.plot.canvas import TOP_RATED_LABEL
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.core.document import Document
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
