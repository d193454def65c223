"""The real dialogs, driven as a user would: type, tick, press OK or Cancel, read the answer.

Every other application test replaces the modal wrappers of ``dialogs`` (tests/app/conftest.py
makes any call to one fail), so here the wrappers are imported before that patch and run for
real. A modal ``exec()`` is answered from inside its own event loop: :func:`answer` polls for
the modal dialog of the expected kind and acts on it, and closes whatever modal is left if
none of that kind shows up, so no test can hang on one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

import jsswhatif
from jsswhatif.app.panels.observation_dialog import ObservationDialog
from jsswhatif.app.rules.dialog import RulesDialog
from jsswhatif.app.window.actions import Actions
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.dialogs import (
    CompareDialog,
    HypotheticalDialog,
    Properties,
    PropertiesDialog,
    ReviewDialog,
    RulesChoice,
    ask_compare,
    ask_confirm,
    ask_file_changed,
    ask_hypothetical,
    ask_observation,
    ask_open_path,
    ask_properties,
    ask_recover,
    ask_review,
    ask_rule_set,
    ask_save_changes,
    ask_save_path,
    ask_scenario_name,
    ask_text,
    show_about,
    show_crash,
    show_error,
    show_shortcuts,
)
from jsswhatif.core.document import Observation
from jsswhatif.core.edits import REVIEW_CHOICES, Hypothetical, Review

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

AS_OF = dt.date(2026, 11, 25)
OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel
OPEN = QDialogButtonBox.StandardButton.Open
SAVE = QDialogButtonBox.StandardButton.Save
GREAT, GOOD, POOR, NO_FEEDBACK = REVIEW_CHOICES

W = TypeVar("W", bound=QWidget)
Answer = Callable[[type[W], Callable[[W], None]], None]


@pytest.fixture
def answer(qtbot: QtBot) -> Iterator[Answer[Any]]:
    """``answer(kind, act)``: once a modal ``kind`` is the active modal widget, ``act`` on it.

    ``act`` runs inside the dialog's own event loop and must close it (OK, Cancel, Escape).
    If ``act`` fails or leaves it open, or no such dialog shows within 10 s, the modal widget
    on screen is closed so that ``exec()`` returns, and the test fails.
    """
    timers: list[QTimer] = []
    problems: list[str] = []

    def arm(kind: type[W], act: Callable[[W], None]) -> None:
        timer = QTimer()
        timer.setInterval(10)
        ticks = [0]

        def tick() -> None:
            ticks[0] += 1
            modal = QApplication.activeModalWidget()
            if isinstance(modal, kind) and _exposed(modal):
                timer.stop()
                try:
                    act(modal)
                except BaseException as exc:
                    problems.append(f"answering {kind.__name__} failed: {exc!r}")
                if modal.isVisible():
                    problems.append(f"the {kind.__name__} was still open after the answer")
                    modal.close()
            elif ticks[0] >= 1000:
                timer.stop()
                problems.append(f"no modal {kind.__name__} came up (found {modal!r})")
                if modal is not None:
                    modal.close()

        timer.timeout.connect(tick)
        timer.start()
        timers.append(timer)

    yield arm
    for timer in timers:
        timer.stop()
    assert problems == []


def _exposed(widget: QWidget) -> bool:
    """Shown and exposed: laid out, so that clicks land where they should."""
    window = widget.windowHandle()
    return widget.isVisible() and window is not None and window.isExposed()


def shown(qtbot: QtBot, dialog: W) -> W:
    """``dialog`` shown non-modally (so clicks land), closed when the test ends."""
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def button_of(dialog: QWidget, which: QDialogButtonBox.StandardButton) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(which)
    assert button is not None
    return button


def press(dialog: QWidget, which: QDialogButtonBox.StandardButton) -> None:
    """Click ``which`` in the dialog's button box, as the user would."""
    button = button_of(dialog, which)
    assert button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(field: QWidget | None, text: str) -> None:
    """Select all ``field`` holds (a line edit, spin box, date edit or editable combo box)
    and type ``text`` over it."""
    if isinstance(field, QComboBox):
        field = field.lineEdit()
    assert isinstance(field, QLineEdit | QAbstractSpinBox)
    field.setFocus()
    field.selectAll()
    if text:
        QTest.keyClicks(field, text)
    else:
        QTest.keyClick(field, Qt.Key.Key_Delete)


def type_date(field: QDateEdit, day: dt.date) -> None:
    """Type ``day`` into a date edit from its year on: the digits only, as Qt moves on to the
    next section by itself once one is full."""
    field.setFocus()
    field.setCurrentSection(QDateTimeEdit.Section.YearSection)
    field.setSelectedSection(QDateTimeEdit.Section.YearSection)
    QTest.keyClicks(field, f"{day:%Y%m%d}")


def choose_none(field: QSpinBox) -> None:
    """Page down a spin box to its lowest value, which it shows as ``(none)``."""
    for _ in range(3):
        QTest.keyClick(field, Qt.Key.Key_PageDown)
    assert field.text() == "(none)"


def button_named(box: QMessageBox, text: str) -> QAbstractButton:
    matches = [button for button in box.buttons() if button.text().replace("&", "") == text]
    assert len(matches) == 1, [button.text() for button in box.buttons()]
    return matches[0]


# Add hypothetical contracts -------------------------------------------------------------------


def test_hypothetical_defaults_are_three_500_jobs_a_month_after_as_of(qtbot: QtBot) -> None:
    dialog = shown(qtbot, HypotheticalDialog(AS_OF))
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.spec() == Hypothetical(
        count=3,
        earnings=Decimal("500.00"),
        review=GREAT,
        end=dt.date(2026, 12, 25),
        days=0,
        kind="fixed",
        distinct_clients=True,
    )


def test_hypothetical_returns_what_was_typed(qtbot: QtBot) -> None:
    dialog = shown(qtbot, HypotheticalDialog(AS_OF))
    type_into(dialog.count, "5")
    type_into(dialog.earnings, "1,250.50")  # after the "$" the field shows
    dialog.feedback.setCurrentIndex(dialog.feedback.findText("Good: 4 stars, 8"))
    type_date(dialog.end, dt.date(2027, 1, 31))
    type_into(dialog.days, "120")
    dialog.kind.setCurrentIndex(dialog.kind.findText("hourly"))
    QTest.mouseClick(dialog.distinct, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.spec() == Hypothetical(
        count=5,
        earnings=Decimal("1250.50"),
        review=GOOD,
        end=dt.date(2027, 1, 31),
        days=120,
        kind="hourly",
        distinct_clients=False,
    )


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1,2", "'$1,2' is not an amount like 1234.50 or $1,234.50"),
        ("12.345", "'$12.345' has more than 2 decimals"),
        ("20000000", "'$20000000' is not within $0.00 and $10,000,000.00"),
    ],
)
def test_hypothetical_refuses_an_amount_the_csv_would_refuse(
    qtbot: QtBot, typed: str, problem: str
) -> None:
    """``1,2`` is not read as 12: the field says why at once."""
    dialog = shown(qtbot, HypotheticalDialog(AS_OF))
    type_into(dialog.earnings, typed)
    assert dialog.error.text() == f"Earnings: {problem}"
    assert dialog.spec().earnings != Decimal(12)


@pytest.mark.xfail(
    reason="OK accepts the last amount that parsed while typing ($1.00 for '1,2'), although "
    "the dialog shows the amount as refused; the custom feedback dialog stays open instead",
    strict=True,
)
def test_hypothetical_ok_with_a_refused_amount_keeps_the_dialog_open(qtbot: QtBot) -> None:
    dialog = shown(qtbot, HypotheticalDialog(AS_OF))
    type_into(dialog.earnings, "1,2")
    press(dialog, OK)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_ask_hypothetical_answers_ok_and_cancel(qtbot: QtBot, answer: Answer[Any]) -> None:
    def two_more(dialog: HypotheticalDialog) -> None:
        type_into(dialog.count, "2")
        press(dialog, OK)

    answer(HypotheticalDialog, two_more)
    assert ask_hypothetical(None, dt.date(2027, 1, 31)) == Hypothetical(
        count=2, earnings=Decimal("500.00"), review=GREAT, end=dt.date(2027, 2, 28)
    )
    answer(HypotheticalDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_hypothetical(None, AS_OF) is None


# Custom feedback ------------------------------------------------------------------------------


def test_review_defaults_to_5_stars_and_10(qtbot: QtBot) -> None:
    dialog = shown(qtbot, ReviewDialog())
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.review() == Review("5 stars, 10", Decimal(5), 10)


@pytest.mark.parametrize(
    ("stars", "private", "expected"),
    [
        ("4.75", "7", Review("4.75 stars, 7", Decimal("4.75"), 7)),
        (" 4.50 ", "0", Review("4.50 stars, 0", Decimal("4.50"), 0)),
        ("1", "10", Review("1 stars, 10", Decimal(1), 10)),
        ("(none)", "3", Review("none, 3", None, 3)),
        ("", None, Review("none, none", None, None)),
    ],
)
def test_review_returns_the_typed_feedback(
    qtbot: QtBot, stars: str, private: str | None, expected: Review
) -> None:
    """``private`` None: paged down to (none)."""
    dialog = shown(qtbot, ReviewDialog())
    type_into(dialog.stars, stars)
    if private is None:
        choose_none(dialog.private)
    else:
        type_into(dialog.private, private)
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.review() == expected


@pytest.mark.parametrize("stars", ["4,5", "6", "0.5", "five", "1e0"])
def test_review_stays_open_on_stars_that_are_no_rating(qtbot: QtBot, stars: str) -> None:
    dialog = shown(qtbot, ReviewDialog())
    type_into(dialog.stars, stars)
    press(dialog, OK)
    assert dialog.isVisible()
    assert dialog.error.text() == "Stars must be a number from 1 to 5, or (none)."
    assert dialog.review() is None
    type_into(dialog.stars, "4.5")
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.review() == Review("4.5 stars, 10", Decimal("4.5"), 10)


@pytest.mark.parametrize(("typed", "kept"), [("4", Decimal(4)), ("3", Decimal(3))])
def test_review_keeps_typed_stars_not_the_lists_completion(
    qtbot: QtBot, typed: str, kept: Decimal
) -> None:
    """The list holds 4.75 and 3.5: Qt's completion turned a typed 4 into 4.75 (issue 12,
    item 2); it completes only in the active window, so the dialog is made active."""
    dialog = shown(qtbot, ReviewDialog())
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_into(dialog.stars, typed)
    line = dialog.stars.lineEdit()
    assert line is not None
    assert line.text() == typed
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    review = dialog.review()
    assert review is not None
    assert review.public == kept


def test_ask_review_answers_ok_and_cancel(qtbot: QtBot, answer: Answer[Any]) -> None:
    def two_stars(dialog: ReviewDialog) -> None:
        type_into(dialog.stars, "2")
        choose_none(dialog.private)
        press(dialog, OK)

    answer(ReviewDialog, two_stars)
    assert ask_review(None) == Review("2 stars, none", Decimal(2), None)
    answer(ReviewDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_review(None) is None


# Compare ---------------------------------------------------------------------------------------


def items(listing: QListWidget) -> list[tuple[str, bool]]:
    rows = [listing.item(row) for row in range(listing.count())]
    return [(item.text(), item.checkState() == Qt.CheckState.Checked) for item in rows]


def untick(listing: QListWidget, text: str) -> None:
    """Click the row showing ``text`` and press Space, which toggles its check box."""
    (item,) = listing.findItems(text, Qt.MatchFlag.MatchExactly)
    center = listing.visualItemRect(item).center()
    QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.keyClick(listing.viewport(), Qt.Key.Key_Space)


def test_compare_starts_with_the_baseline_and_every_scenario_ticked(qtbot: QtBot) -> None:
    dialog = shown(qtbot, CompareDialog(["Plan A", "Plan B"], ["upwork-2024-09"], Compare()))
    assert dialog.by_scenario.isChecked()
    assert items(dialog.items) == [("Baseline", True), ("Plan A", True), ("Plan B", True)]
    untick(dialog.items, "Plan A")
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.compare() == Compare("scenarios", (None, "Plan B"))


def test_compare_switches_to_rule_sets(qtbot: QtBot) -> None:
    rule_sets = ["upwork-2015", "upwork-2024-09", "fair JSS"]
    current = Compare("scenarios", (None,))
    dialog = shown(qtbot, CompareDialog(["Plan A"], rule_sets, current))
    assert items(dialog.items) == [("Baseline", True), ("Plan A", False)]
    QTest.mouseClick(dialog.by_rules, Qt.MouseButton.LeftButton)
    assert items(dialog.items) == [(name, True) for name in rule_sets]
    untick(dialog.items, "upwork-2015")
    press(dialog, OK)
    assert dialog.compare() == Compare("rules", ("upwork-2024-09", "fair JSS"))


def test_compare_shows_the_current_rule_sets_ticked(qtbot: QtBot) -> None:
    current = Compare("rules", ("upwork-2015",))
    dialog = shown(qtbot, CompareDialog([], ["upwork-2015", "upwork-2024-09"], current))
    assert dialog.by_rules.isChecked()
    assert items(dialog.items) == [("upwork-2015", True), ("upwork-2024-09", False)]
    QTest.mouseClick(dialog.by_scenario, Qt.MouseButton.LeftButton)
    assert items(dialog.items) == [("Baseline", True)]


def test_ask_compare_answers_ok_and_cancel(qtbot: QtBot, answer: Answer[Any]) -> None:
    def baseline_only(dialog: CompareDialog) -> None:
        untick(dialog.items, "Plan A")
        press(dialog, OK)

    answer(CompareDialog, baseline_only)
    assert ask_compare(None, ["Plan A"], ["upwork-2024-09"], Compare()) == Compare(
        "scenarios", (None,)
    )
    answer(CompareDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_compare(None, ["Plan A"], ["upwork-2024-09"], Compare()) is None


# Record observed JSS ---------------------------------------------------------------------------


def test_observation_defaults_to_the_day_and_the_estimate(qtbot: QtBot) -> None:
    dialog = shown(qtbot, ObservationDialog(AS_OF, 87))
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.observation() == Observation(date=AS_OF, value=87, note="")


def test_observation_returns_what_was_typed(qtbot: QtBot) -> None:
    dialog = shown(qtbot, ObservationDialog(AS_OF, None))
    assert dialog.value.value() == 90  # no estimate on screen
    type_date(dialog.date, dt.date(2026, 9, 3))
    type_into(dialog.value, "87")
    type_into(dialog.note, "  after the March review ")
    press(dialog, OK)
    assert dialog.observation() == Observation(
        date=dt.date(2026, 9, 3), value=87, note="after the March review"
    )


def test_observation_value_stays_within_0_and_100(qtbot: QtBot) -> None:
    dialog = shown(qtbot, ObservationDialog(AS_OF, 50))
    type_into(dialog.value, "150")  # the 0 is refused as typed: 15
    press(dialog, OK)
    assert dialog.observation().value == 15


def test_ask_observation_answers_ok_and_cancel(qtbot: QtBot, answer: Answer[Any]) -> None:
    def seen_92(dialog: ObservationDialog) -> None:
        type_into(dialog.value, "92")
        press(dialog, OK)

    answer(ObservationDialog, seen_92)
    assert ask_observation(None, AS_OF, None) == Observation(date=AS_OF, value=92)
    answer(ObservationDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_observation(None, AS_OF, 90) is None


# Rule sets -------------------------------------------------------------------------------------


def test_ask_rule_set_names_a_rule_set_chosen(qtbot: QtBot, answer: Answer[Any]) -> None:
    def choose_2015(dialog: RulesDialog) -> None:
        dialog.rules_combo.setCurrentIndex(dialog.rules_combo.findData("upwork-2015"))
        press(dialog, OK)

    answer(RulesDialog, choose_2015)
    assert ask_rule_set(None, [], "upwork-2024-09") == RulesChoice(
        use="upwork-2015", edited=None, original_name=None
    )
    answer(RulesDialog, lambda dialog: press(dialog, OK))
    assert ask_rule_set(None, [], "upwork-2024-09") == RulesChoice(None, None, None)
    answer(RulesDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_rule_set(None, [], "upwork-2024-09") is None


# The thin wrappers -----------------------------------------------------------------------------


def test_ask_text_returns_the_stripped_line(qtbot: QtBot, answer: Answer[Any]) -> None:
    def rename(dialog: QInputDialog) -> None:
        assert (dialog.windowTitle(), dialog.labelText()) == ("Rename", "New name:")
        line = dialog.findChild(QLineEdit)
        assert line is not None
        assert line.text() == "Plan A"
        type_into(line, "  Plan B  ")
        press(dialog, OK)

    answer(QInputDialog, rename)
    assert ask_text(None, "Rename", "New name:", "Plan A") == "Plan B"


@pytest.mark.parametrize(
    ("typed", "button"), [("   ", OK), ("Plan B", CANCEL)], ids=["blank", "cancelled"]
)
def test_ask_text_gives_none_for_blank_or_cancel(
    qtbot: QtBot, answer: Answer[Any], typed: str, button: QDialogButtonBox.StandardButton
) -> None:
    def act(dialog: QInputDialog) -> None:
        line = dialog.findChild(QLineEdit)
        assert line is not None
        type_into(line, typed)
        press(dialog, button)

    answer(QInputDialog, act)
    assert ask_text(None, "New scenario", "Name:") is None


@pytest.mark.parametrize(
    ("button", "expected"), [("Save", "save"), ("Discard", "discard"), ("Cancel", "cancel")]
)
def test_ask_save_changes(qtbot: QtBot, answer: Answer[Any], button: str, expected: str) -> None:
    def act(box: QMessageBox) -> None:
        assert (
            box.text()
            == "Save the changes to 'plan.jsswhatif' first?\n\nIf you don't, they are lost."
        )
        QTest.mouseClick(button_named(box, button), Qt.MouseButton.LeftButton)

    answer(QMessageBox, act)
    assert ask_save_changes(None, "plan.jsswhatif") == expected


def test_ask_save_changes_escape_cancels(qtbot: QtBot, answer: Answer[Any]) -> None:
    answer(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))
    assert ask_save_changes(None, "plan.jsswhatif") == "cancel"


@pytest.mark.parametrize(
    ("button", "expected"),
    [("Recover", "recover"), ("Discard", "discard"), ("Not now", "later")],
)
def test_ask_recover(qtbot: QtBot, answer: Answer[Any], button: str, expected: str) -> None:
    def act(box: QMessageBox) -> None:
        assert box.text() == "Recover unsaved work from 2026-11-25 14:05 (plan.jsswhatif)?"
        assert box.informativeText() == "jsswhatif did not close normally last time."
        QTest.mouseClick(button_named(box, button), Qt.MouseButton.LeftButton)

    answer(QMessageBox, act)
    saved_at = dt.datetime(2026, 11, 25, 14, 5, 59)
    assert ask_recover(None, saved_at, "plan.jsswhatif") == expected


def test_ask_recover_escape_is_later(qtbot: QtBot, answer: Answer[Any]) -> None:
    answer(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))
    assert ask_recover(None, dt.datetime(2026, 11, 25, 9, 0), "Untitled") == "later"


def message_answer(seen: list[tuple[str, str]]) -> Callable[[QMessageBox], None]:
    """Note the box's title and text, then press its only button."""

    def act(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text()))
        (button,) = box.buttons()
        button.click()

    return act


def test_show_error_shows_title_and_text(answer: Answer[Any]) -> None:
    seen: list[tuple[str, str]] = []
    answer(QMessageBox, message_answer(seen))
    show_error(None, "Cannot open", "plan.jsswhatif: is empty (not a jsswhatif document)")
    assert seen == [("Cannot open", "plan.jsswhatif: is empty (not a jsswhatif document)")]


def test_show_crash_says_where_the_log_is(answer: Answer[Any], tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    log = tmp_path / "crash.log"
    answer(QMessageBox, message_answer(seen))
    show_crash(None, log, "ZeroDivisionError: division by zero")
    answer(QMessageBox, message_answer(seen))
    show_crash(None, None, "MemoryError")
    autosaved = "Your unsaved work was autosaved; save it under a new name to be safe."
    assert seen == [
        (
            "jsswhatif: unexpected error",
            "Something went wrong: ZeroDivisionError: division by zero\n\n"
            f"The details are in\n{log}\n\n{autosaved}",
        ),
        (
            "jsswhatif: unexpected error",
            f"Something went wrong: MemoryError\n\nNo log could be written.\n\n{autosaved}",
        ),
    ]


def test_show_shortcuts_and_about(answer: Answer[Any]) -> None:
    seen: list[tuple[str, str]] = []
    answer(QMessageBox, message_answer(seen))
    show_shortcuts(None, ["Ctrl+Z  Undo", "Ctrl+Shift+Z  Redo"])
    answer(QMessageBox, message_answer(seen))
    show_about(None)
    assert seen[0] == ("Keyboard shortcuts", "Ctrl+Z  Undo\nCtrl+Shift+Z  Redo")
    assert seen[1][0] == "About jsswhatif"
    about = seen[1][1]
    assert about.startswith(f"jsswhatif {jsswhatif.__version__}\n")
    assert "It is an estimate, not your score." in about
    assert "Licence: MIT." in about


def test_the_shortcuts_list_each_key_once_and_only_keys_of_a_keyboard(qtbot: QtBot) -> None:
    """Qt's standard Undo binds Ctrl+Z, F14 and the dedicated Undo key: the list showed
    "Undo: Ctrl+Z, F14, Undo" (issue 12, item 10)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    undo, redo = QAction("&Undo Exclude c3", window), QAction("&Redo", window)
    actions = Actions(window, undo, redo)
    undo.setShortcuts(
        [QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_F14), QKeySequence(Qt.Key.Key_Undo)]
    )
    actions["copy_rows"].setShortcuts([QKeySequence("Ctrl+C"), QKeySequence("Ctrl+C")])
    lines = actions.shortcut_lines()
    assert lines[0] == "Undo: Ctrl+Z"
    assert "Copy contracts: Ctrl+C" in lines
    assert "Great: 5 stars, 10: Ctrl+1" in lines
    assert len(lines) == len({line.split(":")[0] for line in lines})


def test_ask_open_path_returns_the_chosen_file(
    qtbot: QtBot, answer: Answer[Any], tmp_path: Path
) -> None:
    chosen = tmp_path / "plan.jsswhatif"
    chosen.write_text("{}", encoding="utf-8")

    def pick(dialog: QFileDialog) -> None:
        assert dialog.windowTitle() == "Open document"
        assert Path(dialog.directory().absolutePath()) == tmp_path
        # The name as typed (set at once: keystrokes open the completer's popup, about which
        # offscreen Qt warns; selectFile leaves a focused name field as it is).
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name_field, QLineEdit)
        name_field.setText("plan.jsswhatif")
        # Open is enabled once the folder's listing (read on a thread) shows the file exists.
        qtbot.waitUntil(lambda: button_of(dialog, OPEN).isEnabled())
        press(dialog, OPEN)

    answer(QFileDialog, pick)
    filters = "Documents (*.jsswhatif);;All files (*)"
    assert ask_open_path(None, str(tmp_path), "Open document", filters) == chosen
    answer(QFileDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_open_path(None, str(tmp_path)) is None


def test_ask_save_path_proposes_a_name(qtbot: QtBot, answer: Answer[Any], tmp_path: Path) -> None:
    def accept_proposal(dialog: QFileDialog) -> None:
        line = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(line, QLineEdit)
        assert line.text() == "plot.png"
        qtbot.waitUntil(lambda: button_of(dialog, SAVE).isEnabled())
        press(dialog, SAVE)

    answer(QFileDialog, accept_proposal)
    suggested = tmp_path / "plot.png"
    assert ask_save_path(None, "Export plot", suggested, "PNG (*.png)") == suggested
    answer(QFileDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_save_path(None, "Export plot", suggested) is None


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("Reload", "reload"),
        ("Overwrite", "overwrite"),
        ("Save As…", "save_as"),
        ("Cancel", "cancel"),
    ],
)
def test_ask_file_changed(answer: Answer[Any], button: str, expected: str) -> None:
    def act(box: QMessageBox) -> None:
        assert box.text().startswith("plan.jsswhatif was changed on disk since you opened")
        assert box.defaultButton() is button_named(box, "Save As…")
        QTest.mouseClick(button_named(box, button), Qt.MouseButton.LeftButton)

    answer(QMessageBox, act)
    assert ask_file_changed(None, "plan.jsswhatif") == expected


def test_ask_file_changed_escape_cancels(answer: Answer[Any]) -> None:
    answer(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))
    assert ask_file_changed(None, "plan.jsswhatif") == "cancel"


def test_message_boxes_show_the_users_text_as_typed(answer: Answer[Any]) -> None:
    """File names, titles and error texts with tags are not read as HTML (issue 13, item 10)."""
    seen: list[tuple[Qt.TextFormat, str]] = []

    def note(box: QMessageBox) -> None:
        seen.append((box.textFormat(), box.text()))
        box.buttons()[-1].click()

    text = "contract '<b>x</b>': end is before start"
    answer(QMessageBox, note)
    show_error(None, "Cannot open", text)
    answer(QMessageBox, note)
    ask_save_changes(None, "<b>x</b>")
    answer(QMessageBox, note)
    ask_recover(None, dt.datetime(2026, 11, 25, 9, 0), "<i>y</i>.jsswhatif")
    answer(QMessageBox, note)
    show_crash(None, None, "ValueError: <img src=x>")
    assert [format_ for format_, _ in seen] == [Qt.TextFormat.PlainText] * 4
    assert seen[0][1] == text
    assert "'<b>x</b>'" in seen[1][1]
    assert "(<i>y</i>.jsswhatif)" in seen[2][1]
    assert "<img src=x>" in seen[3][1]


# Helpers the dialogs rely on --------------------------------------------------------------------


def test_the_typing_helpers_reach_spin_boxes_and_date_edits(qtbot: QtBot) -> None:
    """Checked once here, relied on everywhere above."""
    dialog = shown(qtbot, HypotheticalDialog(AS_OF))
    assert isinstance(dialog.count, QAbstractSpinBox)
    type_into(dialog.count, "42")
    assert dialog.count.value() == 42
    type_date(dialog.end, dt.date(2028, 2, 29))
    assert dialog.end.date() == QDate(2028, 2, 29)


# Confirmations and names (issue 12, item 8) ----------------------------------------------------


def test_ask_confirm_needs_the_named_button(answer: Answer[Any]) -> None:
    def check_and_click(box: QMessageBox) -> None:
        assert box.text() == "Delete scenario 'More'?"
        assert box.informativeText() == "Edit ▸ Undo brings it back."
        assert box.defaultButton() is button_named(box, "Cancel")
        QTest.mouseClick(button_named(box, "Delete"), Qt.MouseButton.LeftButton)

    answer(QMessageBox, check_and_click)
    details = "Edit ▸ Undo brings it back."
    assert ask_confirm(None, "Delete scenario", "Delete scenario 'More'?", "Delete", details)
    answer(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Return))  # Enter: Cancel
    assert not ask_confirm(None, "Delete scenario", "Delete scenario 'More'?", "Delete")
    answer(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape))
    assert not ask_confirm(None, "Apply to baseline", "Apply?", "Apply")


def test_ask_scenario_name_proposes_a_free_name(answer: Answer[Any]) -> None:
    def rename(dialog: QInputDialog) -> None:
        assert dialog.textValue() == "Scenario 2"
        type_into(dialog.findChild(QLineEdit), "Two more jobs")
        press(dialog, OK)

    answer(QInputDialog, rename)
    assert ask_scenario_name(None, "Scenario 2") == "Two more jobs"
    answer(QInputDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_scenario_name(None, "Scenario 2") is None


def test_ask_properties_answers_ok_and_cancel(answer: Answer[Any]) -> None:
    def retitle(dialog: PropertiesDialog) -> None:
        type_into(dialog.title, "Plan for 2027")
        press(dialog, OK)

    answer(PropertiesDialog, retitle)
    assert ask_properties(None, Properties("", "Notes")) == Properties("Plan for 2027", "Notes")
    answer(PropertiesDialog, lambda dialog: press(dialog, CANCEL))
    assert ask_properties(None, Properties("", "")) is None
