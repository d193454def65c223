"""The summary's look-ahead in the real window: last changes, how sure, Top Rated over time and
Plus, warnings, the list of changes that opens, and the scroll reset on a new document.

Under upwork-2024-09 as of 2026-11-25 the sample shows 90 (tests/app/conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels.change_list import MAX_CHANGES
from jsswhatif.core.document import Document
from jsswhatif.core.forecast import Cause, ScoreChange
from jsswhatif.io.contracts_csv import parse_contracts_csv

from .conftest import AS_OF, SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_last_changes_range_and_top_rated_over_time(make_window: MakeWindow) -> None:
    """Worked by hand:

    - Last 90 days: c2 (long-term since 2025-08-15) weighs 1.5 + 5 = 6.5 jobs from day 450,
      2026-11-08; the day before it weighed 5.5: 24-month 100 * 10.5 / 11.75 = 89.4, 89; then
      100 * 11.5 / 12.75 = 90.2, 90.
    - The range: with no_feedback=neutral c5 (ended 2026-10-31, $240, weight 1) counts as 0:
      24-month 100 * 11.5 / 13.75 = 83.6 (the 6- and 12-month windows, 100 * 9 / 11.25 = 80),
      so 84; no other reading moves the score from 90.
    - Top Rated: the 13 Saturdays 2026-11-14 .. 2027-02-06 are all at 90 or more, so it is
      back on 2027-02-06; c2 lapses on 2027-02-19 (80%), so lost then.
    - Plus: $7,480.06 in 12 months (needs $10,000), no contract with $5,000 in 12 months.
    """
    window = make_window()
    window.controller.flush_insights()
    summary = window.summary
    assert [
        plain(label) for label in summary.past_changes.labels if label.isVisibleTo(summary)
    ] == ["8 Nov 2026: 89% → 90%, contract 'Ongoing backend support' now weighs 6.5 jobs"]
    assert summary.past_title.text() == "Last changes (90 days)"
    assert summary.range_label.text() == (
        "Estimated 90%, between 84% and 90% under other readings of Upwork's rules; the rule "
        "for contracts without feedback matters most."
    )
    assert summary.top_rated_when.text() == (
        "Back on 2027-02-06: 13 of the last 16 weeks at 90% or more. "
        "Likely lost on 2027-02-19: JSS 80% (needs 90%)."
    )
    assert summary.plus_label.text() == "Top Rated Plus: not eligible"
    assert plain(summary.plus_reasons) == (
        "✗ not Top Rated\n"
        "✗ $7,480.06 earned in 12 months (needs $10,000)\n"
        "✗ no contract with $5,000 or more in 12 months, none negative"
    )
    for part in ("past", "range", "top_rated", "changes"):
        assert not summary.is_pending(part)
    # One contract moves the sample by 10.2 points (c2): too few data points.
    assert summary.warnings_label.text() == (
        "⚠ Too few data points: one contract can move this score by 10.2 points."
    )


def test_a_score_below_70_warns_of_a_review(make_window: MakeWindow) -> None:
    """Three equal one-job outcomes, one negative: 100 * (2 - 1) / 3 = 33.3, 33%."""
    csv = "\n".join(
        [
            SAMPLE_CSV.splitlines()[0],
            "a,A,One,fixed,2026-08-01,2026-08-10,$100,,5,,,no,no,no",
            "b,B,Two,fixed,2026-08-01,2026-08-10,$100,,5,,,no,no,no",
            "c,C,Three,fixed,2026-08-01,2026-08-10,$100,,1,,,no,no,no",
        ]
    )
    window = make_window(Document(contracts=tuple(parse_contracts_csv(csv)), as_of=AS_OF))
    summary = window.summary
    assert summary.score_label.text() == "33%"
    assert "⚠ Below 70%: Upwork may review accounts that stay there." in (
        summary.warnings_label.text()
    )
    assert summary.warnings_label.isVisibleTo(summary)


def _change(day: int) -> ScoreChange:
    cause = Cause("c1", "Logo", "window_exit", 12, f"contract 'Logo {day}' leaves the window")
    return ScoreChange(dt.date(2027, 1, day), 91, 93, (cause,))


def test_more_changes_open_and_close(make_window: MakeWindow, qtbot: QtBot) -> None:
    """ "and 2 more changes" is a link: activating it lists the two, then "show fewer"."""
    window = make_window()
    changes = window.summary.next_changes
    changes.show_changes([_change(day) for day in range(1, MAX_CHANGES + 3)])
    assert plain(changes.more_label) == "and 2 more changes"
    assert not changes.rest_label.isVisibleTo(window)
    with qtbot.wait_signal(changes.expanded_changed):
        changes.more_label.linkActivated.emit("more")
    assert plain(changes.rest_label) == (
        "6 Jan 2027: 91% → 93%, contract 'Logo 6' leaves the window\n"
        "7 Jan 2027: 91% → 93%, contract 'Logo 7' leaves the window"
    )
    assert plain(changes.more_label) == "show fewer"
    changes.more_label.linkActivated.emit("more")
    assert not changes.rest_label.isVisibleTo(window)


def test_a_new_document_scrolls_the_summary_to_the_top(make_window: MakeWindow) -> None:
    window = make_window()
    window.resize(900, 400)  # the summary no longer fits: it scrolls
    area = window.summary.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert isinstance(area, QScrollArea)
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    window.files.new()
    assert bar.value() == 0


def test_a_stale_look_ahead_is_never_shown(make_window: MakeWindow, qtbot: QtBot) -> None:
    """The as-of date moves while the worker computes: only the answer for the new date
    arrives, and the range shown is the one of that date."""
    window = make_window()
    controller = window.controller
    controller.set_as_of(dt.date(2026, 12, 1))
    controller.flush()
    controller.set_as_of(dt.date(2027, 1, 20))
    with qtbot.wait_signal(controller.insights_changed, timeout=10000) as blocker:
        controller.flush()
    insights = blocker.args[0]
    assert insights.as_of == dt.date(2027, 1, 20)
    assert insights.score_range is not None
    assert insights.score_range.as_of == dt.date(2027, 1, 20)
    # On 2027-01-20 c1 has left the 6-month window: the 24-month window's 90% shows.
    assert window.summary.range_label.text().startswith("Estimated 90%")
