"""The controller: undoable edits, scenarios, coalesced recomputation, as-of, comparison.

Expected numbers are worked out by hand from the scoring model on the five-contract sample
(see conftest): as of 2026-11-25 under upwork-2024-09 the 6-month window holds c1 (+1, 2.5),
c2 (+1, 6.5) and c3 (0, 1.25): 100 * 9 / 10.25 = 87.804878; the 24-month window adds c4
(+1, 2.5): 100 * 11.5 / 12.75 = 90.196078, displayed 90.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from jsswhatif.app.window.change import Change
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.controller import BURST_MS, INSIGHTS_DELAY_MS, Controller
from jsswhatif.app.window.results import Results
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set

T = TypeVar("T")


def read(get: Callable[[], T]) -> T:
    """``get()``: a value read again after an action, which mypy would think still narrowed."""
    return get()


AS_OF = dt.date(2026, 11, 25)
GREAT, GOOD, POOR, NO_FEEDBACK = REVIEW_CHOICES


def window(results: Results, months: int) -> float | None:
    score = results.evaluation.windows[months].score
    return None if score is None else round(float(score), 6)


def test_first_results_match_the_hand_computation(controller: Controller) -> None:
    results = controller.flush()
    assert results.as_of == AS_OF
    assert results.displayed == 90
    assert window(results, 6) == 87.804878
    assert window(results, 12) == 87.804878
    assert window(results, 24) == 90.196078
    assert results.rules_label == "upwork-2024-09"
    # The timeline of the plot says the same on the as-of date.
    timeline = results.timeline
    assert timeline.displayed[timeline.index_of(AS_OF)] == 90.0
    assert timeline.windows[6][timeline.index_of(AS_OF)] == pytest.approx(100 * 9 / 10.25)


def test_excluding_c3_lifts_every_window_to_100(qtbot: QtBot, controller: Controller) -> None:
    with qtbot.waitSignal(controller.document_changed) as changed:
        assert controller.toggle_excluded(["c3"])
    assert changed.args == [Change(rows=frozenset({"c3"}))]
    with qtbot.waitSignal(controller.results_changed, timeout=2000) as computed:
        pass
    results: Results = computed.args[0]
    # c3 (value 0, weight 1.25) leaves: 6-month 100 * 9 / 9, 24-month 100 * 11.5 / 11.5.
    assert window(results, 6) == 100.0
    assert window(results, 24) == 100.0
    assert results.displayed == 100
    assert results.result_of("c3") is not None
    assert results.result_of("c3").status == "excluded_by_user"  # type: ignore[union-attr]
    assert results.timeline.displayed[results.timeline.index_of(AS_OF)] == 100.0


def test_edits_are_coalesced_into_one_recompute(qtbot: QtBot, controller: Controller) -> None:
    seen: list[Results] = []
    controller.results_changed.connect(seen.append)
    # The look-ahead starts INSIGHTS_DELAY_MS after the last recompute and never while one is
    # pending: once it has arrived, a second (zero-delay) recompute would have come before it.
    with qtbot.waitSignal(controller.insights_changed, timeout=5000) as arrived:
        controller.toggle_excluded(["c3"])
        controller.toggle_excluded(["c1"])
        controller.set_as_of(dt.date(2026, 12, 1))
    assert len(seen) == 1
    assert seen[0].as_of == dt.date(2026, 12, 1)
    assert arrived.args[0].as_of == dt.date(2026, 12, 1)


def test_undo_and_redo_restore_the_scores(qtbot: QtBot, controller: Controller) -> None:
    controller.toggle_excluded(["c3"])
    assert controller.flush().displayed == 100
    controller.undo_stack.undo()
    assert controller.flush().displayed == 90
    assert not controller.contracts[2].excluded
    controller.undo_stack.redo()
    assert controller.flush().displayed == 100
    assert controller.undo_stack.undoText() == "Toggle excluded (c3)"


def test_toggle_twice_is_identity(controller: Controller) -> None:
    before = controller.document
    controller.toggle_ended(["c2"])
    assert controller.contracts[1].end == AS_OF
    controller.toggle_ended(["c2"])
    assert controller.document == before
    assert controller.undo_stack.count() == 2


def test_ending_the_open_contract_counts_it_as_ended(controller: Controller) -> None:
    # c2 ends on the as-of date without feedback: under upwork-2024-09 an ended contract
    # without feedback is excluded, so c2's +1 (weight 6.5) leaves every window.
    # 6-month: c1 +2.5, c3 0 (1.25): 100 * 2.5 / 3.75 = 66.666667; 24-month adds c4:
    # 100 * 5 / 6.25 = 80.
    controller.toggle_ended(["c2"])
    results = controller.flush()
    assert results.result_of("c2").status == "excluded_no_feedback"  # type: ignore[union-attr]
    assert window(results, 6) == 66.666667
    assert window(results, 24) == 80.0
    assert results.displayed == 80
    # With great feedback it counts +1 again, weight 1.5 + min(5, 5) = 6.5 as before
    # (466 days from start: 5 complete 90-day periods), ending on the as-of date.
    controller.review(["c2"], GREAT)
    results = controller.flush()
    assert results.result_of("c2").outcome.weight == Decimal("6.5")  # type: ignore[union-attr]
    assert results.displayed == 90


def test_a_refused_edit_changes_nothing(qtbot: QtBot, controller: Controller) -> None:
    before = controller.document
    with qtbot.waitSignal(controller.edit_failed) as failed:
        assert not controller.set_field("c1", "end", dt.date(2020, 1, 1))
    assert "end" in failed.args[0]
    assert "start" in failed.args[0]
    assert controller.document is before
    assert controller.undo_stack.count() == 0


def test_scenario_overrides_leave_the_baseline_alone(controller: Controller) -> None:
    name = controller.new_scenario("Drop the logo")
    assert name == "Drop the logo"
    assert controller.scenario == name
    controller.toggle_excluded(["c3"])
    assert controller.overrides("c3") == {"excluded": True}
    results = controller.flush()
    assert results.displayed == 100
    assert results.baseline_displayed == 90
    assert not controller.document.contracts[2].excluded
    controller.set_scenario(None)
    assert controller.flush().displayed == 90
    controller.set_scenario(name)
    assert controller.flush().displayed == 100


def test_switching_back_to_a_scenario_finds_its_computations_again(
    controller: Controller,
) -> None:
    """A scenario shown again is the same contracts: its timeline, evaluation and exits are
    the ones already computed (a switch at 10,000 contracts recomputes nothing)."""
    name = controller.new_scenario("Drop the logo")
    controller.toggle_excluded(["c3"])
    first = controller.flush()
    first_exits = first.window_exits()
    controller.set_scenario(None)
    controller.flush()
    controller.set_scenario(name)
    again = controller.flush()
    assert again is not first
    assert again.contracts is first.contracts
    assert again.timeline is first.timeline
    assert again.evaluation is first.evaluation
    assert again.window_exits() is first_exits
    assert again.index is first.index  # the rows by id: not indexed again
    assert again.displayed == 100


def test_include_after_exclude_of_every_row_finds_the_first_computations(
    controller: Controller,
) -> None:
    """Include gives back the contracts Exclude copied, so the timeline and evaluation
    already computed for them are found again (at 10,000 contracts, 0.25-0.3 s of engine)."""
    first = controller.flush()
    first_evaluation = first.evaluation
    ids = [c.id for c in controller.contracts]
    controller.toggle_excluded(ids)
    assert controller.flush().displayed is None
    controller.toggle_excluded(ids)
    again = controller.flush()
    assert again.contracts is first.contracts
    assert again.timeline is first.timeline
    assert again.evaluation is first_evaluation


def test_reset_row_and_apply_to_baseline(controller: Controller) -> None:
    controller.new_scenario()
    controller.toggle_excluded(["c3"])
    controller.review(["c1"], POOR)
    controller.reset_rows(["c3"])
    assert controller.overrides("c3") == {}
    assert controller.overrides("c1") == {"public": "2", "private": 3}
    assert controller.apply_to_baseline()
    baseline_c1 = controller.document.contracts[0]
    assert (baseline_c1.public, baseline_c1.private) == (Decimal(2), 3)
    assert controller.overrides("c1") == {}
    controller.undo_stack.undo()
    assert controller.document.contracts[0].public == Decimal(5)


def test_hypothetical_contracts_join_the_scenario_only(controller: Controller) -> None:
    controller.new_scenario("Three more jobs")
    spec = Hypothetical(count=3, earnings=Decimal(500), review=GREAT, end=dt.date(2026, 11, 20))
    ids = controller.add_hypothetical(spec)
    assert ids == ["h1", "h2", "h3"]
    assert all(controller.is_hypothetical(i) for i in ids)
    assert len(controller.contracts) == 8
    assert len(controller.document.contracts) == 5
    # Each adds +1 with weight 1.25 ($251-1,000, no length bonus) to every window:
    # 6-month 100 * (9 + 3.75) / (10.25 + 3.75) = 91.071429; 24-month
    # 100 * (11.5 + 3.75) / (12.75 + 3.75) = 92.424242, displayed 92.
    results = controller.flush()
    assert window(results, 6) == 91.071429
    assert window(results, 24) == 92.424242
    assert results.displayed == 92
    assert len({c.client_key for c in controller.contracts}) == 7


def test_delete_in_a_scenario_only_removes_hypothetical_contracts(
    qtbot: QtBot, controller: Controller
) -> None:
    controller.new_scenario()
    (new_id,) = controller.duplicate(["c1"])
    with qtbot.waitSignal(controller.edit_failed):
        assert not controller.delete(["c1"])
    assert controller.delete([new_id])
    assert [c.id for c in controller.contracts] == ["c1", "c2", "c3", "c4", "c5"]


def test_scenario_rename_duplicate_delete(controller: Controller) -> None:
    first = controller.new_scenario("A")
    controller.toggle_excluded(["c3"])
    copy = controller.new_scenario(copy_of=first)
    assert copy == "A (copy)"
    assert controller.overrides("c3") == {"excluded": True}
    assert controller.rename_scenario(copy, "B")
    assert [s.name for s in controller.document.scenarios] == ["A", "B"]
    assert controller.scenario == "B"
    assert controller.delete_scenario("B")
    assert read(lambda: controller.scenario) is None
    controller.undo_stack.undo()
    assert read(lambda: controller.scenario) == "B"


def test_as_of_moves_the_evaluation(qtbot: QtBot, controller: Controller) -> None:
    # One month on, 2026-12-25. c2 (open, last paid 2026-11-20, 35 <= 90 days ago) is still
    # long-term active: +1 dated the as-of date, weight 1.5 + min(floor(497 / 90),
    # floor(462 / 90) + 1) = 1.5 + 5 = 6.5. The 6-month window (from 2026-06-25) still holds
    # c1 (+1, 2.5, 2026-07-15) and c3 (0, 1.25, 2026-06-28): 100 * 9 / 10.25 = 87.804878, the
    # 12-month one the same; the 24-month one adds c4 (+1, 2.5): 100 * 11.5 / 12.75 = 90.196078.
    with qtbot.waitSignal(controller.results_changed) as computed:
        controller.shift_as_of(months=1)
    results: Results = computed.args[0]
    assert results.as_of == dt.date(2026, 12, 25)
    assert (window(results, 6), window(results, 12), window(results, 24)) == (
        87.804878,
        87.804878,
        90.196078,
    )
    assert results.displayed == 90
    c2 = results.result_of("c2")
    assert c2 is not None
    assert c2.outcome is not None
    assert (c2.outcome.value, c2.outcome.weight, c2.outcome.date) == (
        1,
        Decimal("6.5"),
        results.as_of,
    )
    # Two months more, 2027-02-25. c2 was last paid 97 > 90 days ago: no longer long-term,
    # and an inactive open contract is not counted (open_pending). c1 left the 6-month window
    # on 2027-01-16 and c3 on 2026-12-29, so it is empty (no score). 12-month (from
    # 2026-02-25): c1 and c3, 100 * 2.5 / 3.75 = 66.666667; 24-month: c1, c3 and c4,
    # 100 * 5 / 6.25 = 80, displayed 80.
    with qtbot.waitSignal(controller.results_changed) as computed:
        controller.shift_as_of(months=2)
    results = computed.args[0]
    assert results.as_of == dt.date(2027, 2, 25)
    assert (window(results, 6), window(results, 12), window(results, 24)) == (
        None,
        66.666667,
        80.0,
    )
    assert results.displayed == 80
    assert results.result_of("c2").status == "open_pending"  # type: ignore[union-attr]
    controller.shift_as_of(days=-1)
    assert controller.as_of == dt.date(2027, 2, 24)
    assert controller.undo_stack.count() == 0  # not an edit


def test_as_of_far_ahead_extends_the_timelines(controller: Controller) -> None:
    # The range starts at the first contract (c4, 2025-01-06) and reaches 24 months past the
    # as-of date. By 2031-05-01 nothing counts: c2 stopped being long-term active after
    # 2027-02-18 (90 days after its last payment) and, open, is never counted as inactive;
    # c4 (2025-06-30) left the 24-month window on 2027-07-01, c3 (2026-06-28) on 2028-06-29.
    # On 2028-06-28 the 24-month window still holds c1 (+1, 2.5) and c3 (0, 1.25), two
    # outcomes from two clients: 100 * 2.5 / 3.75 = 66.666667, displayed 67; from 2028-06-29
    # c1 is alone, below the minimum of 2 outcomes, and no window has a score again.
    far = dt.date(2031, 5, 1)
    controller.set_as_of(far)
    results = controller.flush()
    timeline = results.timeline
    assert (timeline.first, timeline.last) == (dt.date(2025, 1, 6), dt.date(2033, 5, 1))
    assert results.displayed is None
    assert [window(results, months) for months in (6, 12, 24)] == [None, None, None]
    assert timeline.displayed[timeline.index_of(dt.date(2028, 6, 28))] == 67.0
    after = timeline.displayed[timeline.index_of(dt.date(2028, 6, 29)) :]
    assert len(after) == (dt.date(2033, 5, 1) - dt.date(2028, 6, 29)).days + 1
    assert all(math.isnan(value) for value in after)


def test_custom_rule_set_changes_the_score_as_its_parameters_say(controller: Controller) -> None:
    # c3 has 4.0 stars and a private 8: neutral under upwork-2024-09 (needs 4.5 and 9).
    # With both positive thresholds lowered to 4 and 8 it is a success (worst_of of +1, +1).
    base = PRESETS_BY_NAME["upwork-2024-09"]
    generous = custom_rule_set(
        base, "generous", public_positive_min=Decimal(4), private_positive_min=8
    )
    assert controller.save_rule_set(generous)
    results = controller.flush()
    assert controller.document.rules_name == "generous"
    assert results.rules_label == "generous"
    # c3 now +1: 6-month 100 * 10.25 / 10.25 = 100, displayed 100.
    assert window(results, 6) == 100.0
    assert results.displayed == 100
    controller.set_rules("upwork-2024-09")
    assert controller.flush().displayed == 90
    controller.undo_stack.undo()
    assert controller.flush().displayed == 100


def test_compare_scenarios_and_rule_sets(controller: Controller) -> None:
    controller.new_scenario("No logo")
    controller.toggle_excluded(["c3"])
    controller.set_compare(Compare("scenarios", (None, "No logo")))
    results = controller.flush()
    labels = [label for label, _ in results.compare]
    assert labels == ["Baseline", "No logo"]
    day = results.timeline.index_of(AS_OF)
    assert [t.displayed[day] for _, t in results.compare] == [90.0, 100.0]
    controller.set_compare(Compare("rules", ("upwork-2024-09", "upwork-2015")))
    results = controller.flush()
    assert [label for label, _ in results.compare] == ["upwork-2024-09", "upwork-2015"]
    assert results.compare[0][1].displayed[day] == 100.0
    controller.delete_scenario("No logo")
    controller.set_compare(Compare("scenarios", (None, "No logo")))
    assert [label for label, _ in controller.flush().compare] == ["Baseline"]


def test_insights_follow_on_the_slower_timer(qtbot: QtBot, controller: Controller) -> None:
    with qtbot.waitSignal(controller.insights_changed, timeout=3000) as arrived:
        controller.toggle_excluded(["c3"])
    insights = arrived.args[0]
    assert insights.as_of == AS_OF
    assert insights.top_rated.displayed == 100
    assert all(change.date > AS_OF for change in insights.forecast)


def test_a_change_after_a_pause_starts_its_look_ahead_at_once(controller: Controller) -> None:
    """A lone edit's look-ahead goes right after its frame; one of a quick run of edits (keys
    held down) waits INSIGHTS_DELAY_MS, as its look-ahead would be stale before it arrived."""
    controller.flush()
    time.sleep(BURST_MS / 1000)
    controller.toggle_excluded(["c3"])
    controller.flush()
    timer = controller._insights_timer
    assert timer.isActive()
    assert timer.interval() == 0
    controller.toggle_excluded(["c1"])
    controller.flush()
    assert timer.isActive()
    assert timer.interval() == INSIGHTS_DELAY_MS


def test_no_insights_while_dragging(qtbot: QtBot, controller: Controller) -> None:
    controller.flush_insights()
    with qtbot.assertNotEmitted(controller.insights_changed):
        # While dragging the results come at once: the plot already coalesces the steps.
        with qtbot.waitSignal(controller.results_changed, timeout=1000) as computed:
            controller.set_as_of(dt.date(2026, 10, 1), dragging=True)
        assert computed.args[0].as_of == dt.date(2026, 10, 1)
        # Insights only come from the controller's timers (none runs: nothing is pending) or
        # from a worker job, whose answer is queued: deliver any such answer now.
        assert not [timer for timer in controller.findChildren(QTimer) if timer.isActive()]
        QCoreApplication.processEvents()
    with qtbot.waitSignal(controller.insights_changed, timeout=3000):
        controller.finish_as_of_drag(dt.date(2026, 10, 2))


def test_a_stale_look_ahead_is_dropped(qtbot: QtBot, controller: Controller) -> None:
    seen: list[Any] = []
    controller.insights_changed.connect(seen.append)
    controller.set_as_of(dt.date(2026, 12, 1))
    controller.flush()
    controller._compute_insights()  # a job for 2026-12-01 starts on the worker now
    controller.set_as_of(dt.date(2027, 1, 10))  # ... and is out of date at once
    # One worker thread runs the jobs in turn and their answers arrive in that order, so the
    # stale answer has been delivered (and dropped) before the fresh one arrives.
    with qtbot.waitSignal(controller.insights_changed, timeout=5000):
        pass
    assert [insights.as_of for insights in seen] == [dt.date(2027, 1, 10)]
    assert controller.insights is seen[0]
