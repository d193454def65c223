"""The summary panel shows exactly the numbers it is given, and cheaply.

The sample of conftest, as of 2026-11-25 under ``upwork-2024-09``: 6- and 12-month windows
100 * 9 / 10.25 = 87.8% (c1, c2, c3), 24-month 100 * 11.5 / 12.75 = 90.2% (c1 to c4), shown
as 90; c5 ended without feedback and is excluded.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from fractions import Fraction

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels.summary import MAX_CHANGES, SummaryPanel, change_text, short_date
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
    assert panel.counts_label.text() == "Contracts: 4 counted · 1 excluded · 0 pending"
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


def test_no_jss_and_not_enough_history(panel: SummaryPanel, contracts: tuple[Contract, ...]):
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
    assert panel.more_label.text() == "and 2 more changes"
    panel.show_forecast(changes[:1])
    assert panel.more_label.isHidden()


def test_real_forecast_and_top_rated(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    changes = forecast(contracts, RULES, AS_OF)
    estimate = top_rated(contracts, RULES, AS_OF)
    panel.show_results(evaluation, None, 10.2, changes, estimate)
    assert plain(panel.change_labels[0]) == change_text(changes[0])
    assert change_text(changes[0]).startswith(short_date(changes[0].date))
    assert panel.top_rated_label.text() == (
        "Likely eligible" if estimate.eligible else "Not eligible"
    )
    reasons = plain(panel.top_rated_reasons)
    for criterion in estimate.criteria:
        assert criterion.text in reasons


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


def test_computing_keeps_the_old_text_greyed(panel: SummaryPanel, evaluation: Evaluation):
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


def test_updates_are_cheap_and_create_no_widgets(
    panel: SummaryPanel, evaluation: Evaluation, contracts: tuple[Contract, ...]
) -> None:
    other = evaluate(contracts, RULES, dt.date(2026, 6, 1))
    panel.show_results(evaluation, other, 2.0, [logo_change()], None)
    count = len(panel.findChildren(QLabel))
    start = time.perf_counter()
    for step in range(100):
        panel.show_results(other if step % 2 else evaluation, evaluation, None, None, None)
    elapsed = (time.perf_counter() - start) / 100
    assert len(panel.findChildren(QLabel)) == count
    assert elapsed < 0.005  # a drag step must stay within a few milliseconds
