"""The summary panel shows exactly the numbers it is given, reusing its widgets.

The sample of conftest, as of 2026-11-25 under ``upwork-2024-09``: 6- and 12-month windows
100 * 9 / 10.25 = 87.8% (c1, c2, c3), 24-month 100 * 11.5 / 12.75 = 90.2% (c1 to c4), shown
as 90; c5 ended without feedback and is excluded.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels.summary import BAD, GOOD, MAX_CHANGES, SummaryPanel
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import Evaluation, evaluate
from jsswhatif.core.forecast import Cause, ScoreChange, forecast
from jsswhatif.core.rules import HISTORICAL, PRESETS_BY_NAME
from jsswhatif.core.top_rated import Criterion, TopRatedEstimate, top_rated

AS_OF = dt.date(2026, 11, 25)
RULES = PRESETS_BY_NAME["upwork-2024-09"]


def plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


@pytest.fixture
def contracts(sample_document: Document) -> tuple[Contract, ...]:
    return sample_document.contracts


@pytest.fixture
def evaluation(contracts: tuple[Contract, ...]) -> Evaluation:
    return evaluate(contracts, RULES, AS_OF)


@pytest.fixture
def panel(qtbot: QtBot) -> SummaryPanel:
    widget = SummaryPanel()
    qtbot.addWidget(widget)
    return widget


def logo_change(day: int = 12) -> ScoreChange:
    cause = Cause(
        "c9",
        "Logo redesign",
        "window_exit",
        12,
        "contract 'Logo redesign' (negative) leaves the 12-month window",
    )
    return ScoreChange(dt.date(2027, 1, day), 91, 93, (cause,))


def test_big_number_rule_set_windows_and_counts(
    panel: SummaryPanel, evaluation: Evaluation
) -> None:
    panel.show_results(evaluation, None, 10.196078, [], None)
    assert panel.score_label.text() == "90%"
    assert panel.rules_label.text() == "estimated under rule set upwork-2024-09"
    assert panel.delta_label.isHidden()
    assert panel.window_texts() == [
        ("6 months", "87.8%", "3 outcomes · 3 clients"),
        ("12 months", "87.8%", "3 outcomes · 3 clients"),
        ("24 months", "90.2%  ★", "4 outcomes · 4 clients"),
    ]
    assert panel.counts_label.text() == "Contracts: 4 counted · 1 without feedback"
    assert panel.fragility_label.text() == "One contract can move this by up to 10.2 points."
    assert plain(panel.change_labels[0]) == "None within 24 months."


def test_change_against_the_baseline(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    baseline = evaluate([c for c in contracts if c.id != "c3"], RULES, AS_OF)
    assert baseline.displayed == 100
    panel.show_results(evaluation, baseline, None, None, None)
    assert panel.delta_label.text() == "−10 vs baseline (100%)"
    panel.show_results(baseline, evaluation, None, None, None)
    assert panel.delta_label.text() == "+10 vs baseline (90%)"
    panel.show_results(evaluation, evaluation, None, None, None)
    assert panel.delta_label.text() == "same as baseline (90%)"
    panel.show_results(evaluation, None, None, None, None)
    assert panel.delta_label.isHidden()


def test_no_jss_and_not_enough_history(
    panel: SummaryPanel, contracts: tuple[Contract, ...]
) -> None:
    early = evaluate(contracts, RULES, dt.date(2025, 11, 1))
    panel.show_results(early, None, math.nan, [], None)
    assert panel.score_label.text() == "no JSS"
    assert panel.window_texts()[0] == ("6 months", "not enough history", "1 outcome · 1 client")
    assert panel.fragility_label.text() == "No score yet, so no contract can move it."


def test_historical_names_the_preset_and_the_update(panel: SummaryPanel) -> None:
    evaluation = evaluate([], HISTORICAL, dt.date(2020, 11, 8))
    panel.show_results(evaluation)
    assert panel.rules_label.text() == (
        "estimated under rule set historical, preset upwork-2020-03, as of the 2020-11-01 update"
    )


def test_trending_row(panel: SummaryPanel, contracts: tuple[Contract, ...]) -> None:
    # upwork-2023-12 is biweekly: 2026-11-25 shows the 2026-11-22 update. The 3-month window
    # is empty there, so trending is undefined; 24 months: 100 * 2400 / 29 / 100 = 82.8%.
    evaluation = evaluate(contracts, PRESETS_BY_NAME["upwork-2023-12"], AS_OF)
    panel.show_results(evaluation)
    assert panel.score_label.text() == "83%"
    assert panel.window_texts() == [
        ("3 months", "not enough history", "0 outcomes · 0 clients · for trending only"),
        ("6 months", "73.7%", "2 outcomes · 2 clients"),
        ("12 months", "73.7%", "2 outcomes · 2 clients"),
        ("24 months", "82.8%  ★", "3 outcomes · 3 clients"),
        ("trending", "not enough history", "mean of 3 and 6 months"),
    ]
    assert panel.rules_label.text().endswith("as of the 2026-11-22 update")
    panel.show_results(evaluate(contracts, RULES, AS_OF))
    assert len(panel.window_texts()) == 3  # the extra rows are hidden, not destroyed


def test_next_changes(panel: SummaryPanel, evaluation: Evaluation) -> None:
    panel.show_results(evaluation, None, 1.0, [logo_change()], None)
    assert plain(panel.change_labels[0]) == (
        "12 Jan 2027: 91% → 93%, contract 'Logo redesign' (negative) leaves the 12-month window"
    )
    assert panel.change_labels[1].isHidden()
    assert panel.more_label.isHidden()
    assert panel.fragility_label.text() == "One contract can move this by up to 1.0 point."


def test_many_changes_are_counted(panel: SummaryPanel, evaluation: Evaluation) -> None:
    changes = [logo_change(day) for day in range(1, MAX_CHANGES + 3)]
    panel.show_results(evaluation, None, None, changes, None)
    assert all(label.isVisibleTo(panel) for label in panel.change_labels)
    assert plain(panel.more_label) == "and 2 more changes"
    panel.show_forecast(changes[:1])
    assert panel.more_label.isHidden()


def test_real_forecast_and_top_rated(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    """The sample's next changes and Top Rated estimate, worked out by hand.

    Outcomes (upwork-2024-09): c1 +1 weight 2.5 dated 2026-07-15, c3 0 weight 1.25 dated
    2026-06-28, c4 +1 weight 2.5 dated 2025-06-30; c2 is long-term active (+1, dated the day)
    while its last payment (2026-11-20) is at most 90 days old, weighing 1.5 + floor(days since
    2025-08-15 / 90): 6.5 now, 7.5 from 2027-02-06 (day 540).

    - 29 Dec 2026, c3 leaves the 6-month window: 100 * 9 / 9 = 100.
    - 16 Jan 2027, c1 leaves it, c2 alone is too few: 24-month 100 * 11.5 / 12.75 = 90.2, 90.
    - 6 Feb 2027, c2 weighs 7.5: 24-month 100 * 12.5 / 13.75 = 90.9, 91.
    - 19 Feb 2027, c2 lapses (2026-11-20 + 90 = 2027-02-18 was its last day): c1, c3 and c4,
      100 * 5 / 6.25 = 80.
    - 1 Jul 2027, c4 leaves the 24-month window: 100 * 2.5 / 3.75 = 66.7, 67.
    - 29 Jun 2028, c3 leaves it: c1 alone is below the minimum of 2 outcomes, no JSS.

    Top Rated as of 2026-11-25: JSS 90. Weekly samples (model version 2): the Saturdays
    2026-11-21, 11-14, ..., 08-08. 11-21 and 11-14 show 90 (c2 weighs 6.5 from 2026-11-08, day
    450); from 11-07 back to 08-08 c2 weighs 5.5: 100 * 10.5 / 11.75 = 89.4, 89. So 2 of 16.
    Earnings in
    [2025-11-25, 2026-11-25]: c1 1,800 + c2 6,400 * 361 / 463 days = 4,990.06 + c3 450 +
    c5 240 = 7,480.06. First contract c4, 2025-01-06: 365 + 304 + 19 = 688 days ago.
    """
    changes = forecast(contracts, RULES, AS_OF)
    estimate = top_rated(contracts, RULES, AS_OF)
    panel.show_results(evaluation, None, 10.2, changes, estimate)
    assert [plain(label) for label in panel.change_labels] == [
        "29 Dec 2026: 90% → 100%, contract 'Logo refresh' (neutral, weight 1.25) leaves the "
        "6-month window",
        "16 Jan 2027: 100% → 90%, contract 'Landing page redesign' (positive, weight 2.5) "
        "leaves the 6-month window",
        "6 Feb 2027: 90% → 91%, contract 'Ongoing backend support' now weighs 7.5 jobs",
        "19 Feb 2027: 91% → 80%, long-term contract 'Ongoing backend support' lapses "
        "(no payment in 90 days)",
        "1 Jul 2027: 80% → 67%, contract 'Data migration' (positive, weight 2.5) leaves the "
        "24-month window",
    ]
    assert plain(panel.more_label) == "and 1 more change"  # 29 Jun 2028: 67% → no JSS
    assert panel.top_rated_label.text() == "Not eligible"
    assert plain(panel.top_rated_reasons) == (
        "✓ JSS 90% (needs 90%)\n"
        "✗ 2 of the last 16 weeks at 90% or more (needs 13)\n"
        "✓ $7,480.06 earned in 12 months (needs $1,000)\n"
        "✓ first contract 688 days ago (needs 90)"
    )


def test_top_rated_reasons_marked(panel: SummaryPanel, evaluation: Evaluation) -> None:
    estimate = TopRatedEstimate(
        eligible=False,
        displayed=90,
        weeks_at_90=8,
        earnings_12m=Fraction(1500),
        first_start=dt.date(2025, 1, 6),
        criteria=(
            Criterion(True, "JSS 90% (needs 90%)"),
            Criterion(False, "8 of the last 16 weeks at 90% or more (needs 13)"),
        ),
    )
    panel.show_results(evaluation, None, None, None, estimate)
    assert panel.top_rated_label.text() == "Not eligible"
    assert plain(panel.top_rated_reasons) == (
        "✓ JSS 90% (needs 90%)\n✗ 8 of the last 16 weeks at 90% or more (needs 13)"
    )


def test_computing_keeps_the_old_text_greyed(panel: SummaryPanel, evaluation: Evaluation) -> None:
    panel.show_results(evaluation, None, 10.196078, [logo_change()], None)
    assert panel.is_pending("top_rated")
    assert "computing" in panel.top_rated_title.text()
    assert not panel.is_pending("changes")
    panel.show_results(evaluation, None, None, None, None)
    assert panel.is_pending("fragility")
    assert panel.is_pending("changes")
    assert panel.fragility_label.text() == "One contract can move this by up to 10.2 points."
    assert plain(panel.change_labels[0]).startswith("12 Jan 2027")
    assert "computing" in panel.changes_title.text()
    panel.show_fragility(3.0)
    panel.show_forecast([])
    assert not panel.is_pending("fragility")
    assert not panel.is_pending("changes")
    assert panel.changes_title.text() == "Next changes with no action"


def test_a_pending_part_is_drawn_in_grey_and_back_in_its_own_colour(
    panel: SummaryPanel, evaluation: Evaluation
) -> None:
    def colour(widget: QWidget) -> str:
        return str(widget.palette().color(QPalette.ColorRole.WindowText).name())

    panel.show_results(evaluation, None, 10.196078, [logo_change()], None)
    normal, muted = colour(panel.fragility_label), colour(panel.range_label)
    assert muted == "#6b7280"  # the range's words are muted
    grey = panel.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    panel.show_range(None)
    panel.show_fragility(None)
    assert colour(panel.range_label) == colour(panel.fragility_label) == grey.name()
    assert colour(panel.change_labels[0]) == normal  # not pending: its own colour
    assert grey.name() not in (normal, muted)
    panel.show_fragility(3.0)
    assert colour(panel.fragility_label) == normal
    assert panel.is_pending("range")


def test_updates_create_no_widgets_and_show_the_last_results(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    """A hundred updates (as in a drag) reuse the labels; the last one is what shows.

    The time a drag step takes is measured by benchmarks/bench_gui.py (drag_step_ms), not here.
    On 2026-06-01 c1 (day 91 of its contract, paid up to the day) and c2 (day 290) are
    long-term active: +1 weighing 1.5 + 1 = 2.5 and 1.5 + 3 = 4.5, dated the day; c4 (+1,
    2025-06-30) is in the 12- and 24-month windows; c3 starts that day (pending) and c5 has
    not started. Every window: 100 * P / P = 100, each a best.
    """
    other = evaluate(contracts, RULES, dt.date(2026, 6, 1))
    panel.show_results(evaluation, other, 2.0, [logo_change()], None)
    count = len(panel.findChildren(QLabel))
    for step in range(100):
        panel.show_results(other if step % 2 else evaluation, evaluation, None, None, None)
    assert len(panel.findChildren(QLabel)) == count
    assert panel.score_label.text() == "100%"
    assert panel.delta_label.text() == "+10 vs baseline (90%)"
    assert panel.window_texts() == [
        ("6 months", "100.0%  ★", "2 outcomes · 2 clients"),
        ("12 months", "100.0%  ★", "3 outcomes · 3 clients"),
        ("24 months", "100.0%  ★", "3 outcomes · 3 clients"),
    ]
    assert panel.counts_label.text() == (
        "Contracts: 3 counted · 1 open, not counted · 1 not started"
    )


class _StyleChanges(QObject):
    """Counts the style changes (a polish, then a new layout) of the widgets it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.StyleChange
        return False


def test_the_score_and_change_take_their_colours_and_keep_them_without_a_new_style(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    better = evaluate([c for c in contracts if c.id != "c3"], RULES, AS_OF)  # 100
    panel.show_results(evaluation, better, None, None, None)
    assert panel.score_label.styleSheet() == f"color: {GOOD};"  # 90: Top Rated's floor
    assert panel.delta_label.styleSheet() == f"color: {BAD};"
    changes = _StyleChanges()
    for label in (panel.score_label, panel.delta_label):
        label.installEventFilter(changes)

    for _ in range(3):  # as drag steps: the same colours
        panel.show_results(evaluation, better, None, None, None)
    assert changes.count == 0
    panel.show_results(better, evaluation, None, None, None)
    assert panel.delta_label.styleSheet() == f"color: {GOOD};"
    assert changes.count == 1
