"""The advisor panel: ranked actions off the main thread, lowering ones said in words, one
click to a scenario (undoable).

The sample as of 2026-11-25 under upwork-2024-09 shows 90 (tests/app/conftest.py): the
24-month window holds c1 (+1, 2.5), c2 (long-term +1, 6.5), c3 (0, 1.25), c4 (+1, 2.5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jsswhatif.app.panels.advisor import effect_text, with_action_scenario
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.advice import Action
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document, Scenario

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

LOWER = "End 'Ongoing backend support' without feedback today"


def texts(window: MainWindow) -> list[tuple[str, ...]]:
    model = window.panels.advisor.model
    return [
        tuple(str(model.data(model.index(r, c))) for c in range(5)) for r in range(model.rowCount())
    ]


def test_ranked_actions_with_lowering_ones_said_in_words(make_window: MakeWindow) -> None:
    """Worked by hand:

    - wait: on 2026-12-29 c3 (0) leaves the 6-month window: 100 * 9 / 9 = 100;
    - three new $1,800 jobs (the median of 1,800, 6,400, 450, 2,000, 240), 5 stars, ending
      2026-12-25, each +1 weighing 1.5: 24-month 100 * (11.5 + 4.5) / (12.75 + 4.5) = 92.75,
      93; two: 14.5 / 15.75 = 92.06, 92; one: 13 / 14.25 = 91.2, 91;
    - c2 ended today with 5 stars keeps its +1 weighing 6.5: 90;
    - c2 ended without feedback no longer counts: 100 * 5 / 6.25 = 80, lower than 90.
    """
    window = make_window()
    window.panels.advisor.compute_now()
    rows = texts(window)
    assert [row[:4] for row in rows] == [
        (
            "Wait until 2026-12-29: 90% -> 100%, contract 'Logo refresh' (neutral, weight "
            "1.25) leaves the 6-month window",
            "100%",
            "2026-12-29",
            "no",
        ),
        ("Finish 3 new $1,800 jobs with 5 stars by 2026-12-25", "93%", "2026-12-25", "no"),
        ("Finish 2 new $1,800 jobs with 5 stars by 2026-12-25", "92%", "2026-12-25", "no"),
        ("Finish 1 new $1,800 job with 5 stars by 2026-12-25", "91%", "2026-12-25", "no"),
        ("End 'Ongoing backend support' with 5 stars today", "90%", "2026-11-25", "no"),
        (LOWER, "80%", "2026-11-25", "no"),
    ]
    assert [row[4] for row in rows] == ["+10", "+3", "+2", "+1", "±0", "lowers: −10"]
    model = window.panels.advisor.model
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(5, 0), tip) == LOWER  # the whole words when cut
    assert model.data(model.index(5, 4), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(4, 4), Qt.ItemDataRole.ForegroundRole) is None
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert titles == ["Action", "Score", "From", "Top Rated", "Effect"]


def test_double_click_makes_the_action_a_scenario_undoably(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    panel = window.panels.advisor
    panel.compute_now()
    assert not panel.try_button.isEnabled()
    panel.table.selectRow(5)
    assert panel.try_button.isEnabled()
    panel.table.doubleClicked.emit(panel.model.index(5, 0))
    controller = window.controller
    assert controller.scenario == LOWER
    assert controller.flush().displayed == 80  # as the advisor said
    assert window.scenario_combo.currentText() == LOWER
    controller.undo_stack.undo()
    assert controller.document.active_scenario is None
    assert controller.document.scenarios == ()


def test_advice_comes_from_the_worker_for_the_latest_state(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    """Two as-of moves in a row: only the advice for the last one is shown."""
    window = make_window()
    panel, controller = window.panels.advisor, window.controller
    window.panels.advisor_dock.raise_()  # in front of the summary: computed as things change
    controller.set_as_of(dt.date(2026, 12, 1))
    controller.flush()
    controller.set_as_of(dt.date(2027, 3, 1))
    with qtbot.wait_signal(panel.advice_shown, timeout=10000) as blocker:
        controller.flush()
    assert blocker.args[0].as_of == dt.date(2027, 3, 1)
    assert panel.advice is not None
    assert panel.advice.as_of == dt.date(2027, 3, 1)
    assert panel.header.text().startswith("Today 80% under upwork-2024-09, as of 2027-03-01")


def test_an_action_builds_on_the_scenario_on_screen() -> None:
    """The active scenario's overrides stay; an override of its hypothetical contract
    changes that contract; the name is made unique."""
    base = make_contract(id="a", client="A", start=dt.date(2026, 1, 1), earnings=100)
    extra = make_contract(id="x", client="X", start=dt.date(2026, 2, 1), earnings=50)
    mine = Scenario(name="Mine", overrides={"a": {"public": "4"}}, added=(extra,))
    taken = Scenario(name="End it")
    document = Document(contracts=(base,), scenarios=(mine, taken), active_scenario="Mine")
    action = Scenario(
        name="End it",
        overrides={"a": {"end": "2026-11-25"}, "x": {"end": "2026-11-25", "public": "5"}},
    )
    made, name = with_action_scenario(document, action)
    assert name == "End it 2"
    assert made.active_scenario == "End it 2"
    new = made.scenario("End it 2")
    assert new.overrides == {"a": {"public": "4", "end": "2026-11-25"}}
    ended = [(c.id, c.end, c.public) for c in new.added]
    assert ended == [("x", dt.date(2026, 11, 25), Decimal(5))]


@pytest.mark.parametrize(
    ("today", "after", "lowers", "said"),
    [
        (90, None, True, "loses the score"),
        (None, 80, False, "gives a score"),
        (None, None, False, "no score"),
        (90, 93, False, "+3"),
        (90, 84, True, "lowers: −6"),
    ],
)
def test_the_effect_is_said_in_words_and_signs(
    today: int | None, after: int | None, lowers: bool, said: str
) -> None:
    action = Action(
        kind="end_without_feedback",
        contract="c1",
        text="End it",
        date=dt.date(2026, 11, 25),
        displayed_after=after,
        top_rated_after=False,
        lowers=lowers,
        scenario=Scenario(name="End it"),
    )
    assert effect_text(action, today) == said


def test_no_advice_is_started_after_shutdown(make_window: MakeWindow) -> None:
    """The window closes while the numbers settle: the worker is gone, nothing is queued."""
    window = make_window()
    panel, controller = window.panels.advisor, window.controller
    controller.shift_as_of(days=1)
    controller.flush()
    assert panel.is_waiting()
    panel.shutdown()
    controller.shift_as_of(days=1)
    controller.flush()
    assert not panel.is_waiting()


def test_the_advice_waits_while_its_tab_is_behind_the_summary(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    """Nobody sees the advisor behind the summary's tab: nothing is computed after a change
    until it is brought to front, then the advice for the day on screen comes."""
    window = make_window()
    panel, controller = window.panels.advisor, window.controller
    window.summary_dock.raise_()
    controller.set_as_of(dt.date(2027, 3, 1))
    controller.flush()
    qtbot.waitUntil(lambda: not panel.is_waiting())
    qtbot.wait(50)
    assert panel.advice is None or panel.advice.as_of != dt.date(2027, 3, 1)
    with qtbot.wait_signal(panel.advice_shown, timeout=10000) as blocker:
        window.panels.advisor_dock.raise_()
    assert blocker.args[0].as_of == dt.date(2027, 3, 1)
