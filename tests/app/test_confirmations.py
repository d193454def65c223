"""Risky commands ask first (issue 12, item 8): Apply to baseline, Delete scenario, and a new
scenario asks for its name. The questions are answered here through their wrappers; the real
message boxes are driven in test_dialogs.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

Asked = list[tuple[str, str, str, str]]


def answering(monkeypatch: pytest.MonkeyPatch, yes: bool) -> Asked:
    """Answer every confirmation with ``yes``; the questions asked (title, text, button,
    details)."""
    asked: Asked = []

    def confirm(parent: object, title: str, text: str, action: str, details: str = "") -> bool:
        asked.append((title, text, action, details))
        return yes

    monkeypatch.setattr(dialogs, "ask_confirm", confirm)
    return asked


@pytest.fixture
def window(make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The sample with scenario "More": c3 excluded and two hypothetical great jobs."""
    made = make_window()
    made.window_actions["new_scenario"].trigger()  # conftest: the proposed name, "Scenario"
    made.controller.rename_scenario("Scenario", "More")
    made.controller.toggle_excluded(["c3"])
    made.controller.add_hypothetical(Hypothetical(2, Decimal(500), REVIEW_CHOICES[0], AS_OF))
    return made


def test_apply_to_baseline_says_what_changes_and_cancel_keeps_the_baseline(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answering(monkeypatch, yes=False)
    before = window.controller.document
    window.window_actions["apply"].trigger()
    assert asked == [
        (
            "Apply to baseline",
            "Apply scenario 'More' to the baseline?",
            "Apply",
            "The baseline takes this scenario's changes to 1 contract, and 2 hypothetical "
            "contracts become real contracts of the baseline. Edit ▸ Undo takes it back.",
        )
    ]
    assert window.controller.document == before
    assert len(window.controller.document.contracts) == 5


def test_apply_to_baseline_confirmed_makes_the_jobs_real(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    answering(monkeypatch, yes=True)
    window.window_actions["apply"].trigger()
    assert len(window.controller.document.contracts) == 7
    assert window.controller.document.contracts[2].excluded


def test_delete_scenario_asks_and_cancel_keeps_it(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answering(monkeypatch, yes=False)
    window.window_actions["delete_scenario"].trigger()
    assert [(title, text, action) for title, text, action, _ in asked] == [
        ("Delete scenario", "Delete scenario 'More'?", "Delete")
    ]
    assert [s.name for s in window.controller.document.scenarios] == ["More"]
    answering(monkeypatch, yes=True)
    window.window_actions["delete_scenario"].trigger()
    assert window.controller.document.scenarios == ()
    assert window.controller.scenario is None


def test_a_new_scenario_is_named_by_the_user(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, sample_document: Document
) -> None:
    window = make_window(sample_document.model_copy(update={"scenarios": ()}))
    proposals: list[str] = []

    def name(parent: object, proposed: str) -> str | None:
        proposals.append(proposed)
        return None if len(proposals) == 1 else "Two more jobs"

    monkeypatch.setattr(dialogs, "ask_scenario_name", name)
    window.window_actions["new_scenario"].trigger()  # cancelled: nothing made
    assert window.controller.document.scenarios == ()
    window.window_actions["new_scenario"].trigger()
    assert proposals == ["Scenario", "Scenario"]
    assert window.controller.scenario == "Two more jobs"
    assert window.scenario_combo.currentText() == "Two more jobs"


def test_without_a_scenario_apply_and_delete_ask_nothing(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    asked = answering(monkeypatch, yes=True)
    window = make_window()
    window.menu_handlers.apply_to_baseline()
    window.menu_handlers.delete_scenario()
    assert asked == []


@pytest.mark.parametrize(
    ("hypothetical", "exclude", "details"),
    [
        (1, False, "1 hypothetical contract becomes a real contract of the baseline."),
        (0, True, "The baseline takes this scenario's changes to 1 contract."),
        (0, False, "The scenario changes nothing."),
    ],
)
def test_apply_says_what_changes_in_words_that_agree(
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    hypothetical: int,
    exclude: bool,
    details: str,
) -> None:
    window = make_window()
    window.window_actions["new_scenario"].trigger()
    if exclude:
        window.controller.toggle_excluded(["c3"])
    if hypothetical:
        spec = Hypothetical(hypothetical, Decimal(500), REVIEW_CHOICES[0], AS_OF)
        window.controller.add_hypothetical(spec)
    asked = answering(monkeypatch, yes=False)
    window.window_actions["apply"].trigger()
    assert asked[0][3] == f"{details} Edit ▸ Undo takes it back."
