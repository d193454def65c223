"""The plot's range band (low and high lines over the alternative readings, toggled in the
legend) and the Top Rated Plus spans, fed by the look-ahead.

Under upwork-2024-09 as of 2026-11-25 the sample shows 90; with no_feedback=neutral c5 (ended
2026-10-31, $240, weight 1) counts as 0: 24-month 100 * 11.5 / 13.75 = 83.6, 84, the lowest
reading; none is higher than 90 (tests/app/test_summary_insights.py).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from jsswhatif.app.plot.items import epoch_seconds
from jsswhatif.app.plot.range_band import HIGH_LABEL, LOW_LABEL, PLUS_LABEL
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.core.top_rated import top_rated
from jsswhatif.io.contracts_csv import parse_contracts_csv

from .conftest import AS_OF, SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def at(curve: object, day: dt.date) -> float:
    """The value a step line holds on ``day`` (it holds until the next x)."""
    x, y = curve.getData()  # type: ignore[attr-defined]
    return float(y[int(np.searchsorted(x, epoch_seconds(day), side="right")) - 1])


def labels(window: MainWindow) -> list[str]:
    return [label.text for _, label in window.score_plot.canvas.legend.items]


def test_the_band_shows_the_range_and_the_legend_toggles_each_line(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.controller.flush_insights()
    canvas = window.score_plot.canvas
    bands = canvas.bands
    assert (at(bands.low, AS_OF), at(bands.high, AS_OF)) == (84.0, 90.0)
    assert LOW_LABEL in labels(window)
    assert HIGH_LABEL in labels(window)
    assert PLUS_LABEL not in labels(window)  # $7,480 in 12 months: never Plus
    assert bands.fill.isVisible()
    # A click on the low line's legend sample hides it and the shading, and it stays hidden
    # after the next results.
    sample = next(s for s, label in canvas.legend.items if label.text == LOW_LABEL)
    sample.item.setVisible(False)  # what the sample's own click does first
    canvas.legend.sigSampleClicked.emit(sample.item)
    assert not bands.low.isVisible()
    assert not bands.fill.isVisible()
    assert bands.high.isVisible()
    window.controller.shift_as_of(days=1)
    window.controller.flush_insights()
    assert not bands.low.isVisible()
    canvas.set_series_visible("range_low", True)
    assert bands.fill.isVisible()


def test_top_rated_plus_spans_are_the_days_core_says(make_window: MakeWindow) -> None:
    """a: $6,000 over 2025-01-01 .. 2025-12-31, b and c $3,000 each; all 5 stars, three
    clients. On 2026-01-15 the 12 months hold a's 351 days: 6000 * 351 / 365 = $5,769.86 (the
    large contract), and b and c: $11,769.86 (needs $10,000); JSS 100 for 16 weeks."""
    header = SAMPLE_CSV.splitlines()[0]
    csv = "\n".join(
        [
            header,
            "a,A,Big,hourly,2025-01-01,2025-12-31,$6000,,5,,,no,no,no",
            "b,B,Two,fixed,2025-02-01,2025-03-01,$3000,,5,,,no,no,no",
            "c,C,Three,fixed,2025-04-01,2025-05-01,$3000,,5,,,no,no,no",
        ]
    )
    as_of = dt.date(2026, 1, 15)
    document = Document(contracts=tuple(parse_contracts_csv(csv)), as_of=as_of)
    window = make_window(document)
    insights = window.controller.flush_insights()
    assert insights.top_rated.plus
    assert window.summary.plus_label.text() == "Top Rated Plus: likely eligible"
    assert PLUS_LABEL in labels(window)
    first = insights.plot_range[0]
    assert insights.plus_days is not None
    contracts, rules = window.controller.contracts, document.rules
    for index in range(0, insights.plus_days.size, 5):
        day = first + dt.timedelta(days=index)
        assert bool(insights.plus_days[index]) == top_rated(contracts, rules, day).plus, day
    spans = window.score_plot.canvas.bands.plus.spans()
    assert any(x0 <= epoch_seconds(as_of) < x1 for x0, x1 in spans)
