"""The rules dialog: presets read-only, copy to a custom rule set, edit and validate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.rules.dialog import FIELDS, RulesDialog, format_value
from jsswhatif.app.rules.editors import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    DecimalEditor,
    IntEditor,
    TiersEditor,
    WindowsEditor,
)
from jsswhatif.core.rules import PRESETS_BY_NAME, EarningsTier, RuleSet, custom_rule_set


@pytest.fixture
def dialog(qtbot: QtBot) -> RulesDialog:
    widget = RulesDialog(current="upwork-2020-03")
    qtbot.addWidget(widget)
    return widget


def ok_enabled(dialog: RulesDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def value_text(dialog: RulesDialog, field: str) -> str:
    item = dialog.table.item(FIELDS.index(field), 1)
    assert item is not None
    return item.text()


def test_preset_lists_every_parameter_read_only(dialog: RulesDialog) -> None:
    assert dialog.shown_rule_set().name == "upwork-2020-03"
    assert dialog.table.rowCount() == len(RuleSet.model_fields)
    assert value_text(dialog, "windows") == "6, 12, 24"
    assert value_text(dialog, "cadence") == "biweekly"
    assert value_text(dialog, "min_clients") == "3"
    assert value_text(dialog, "long_term_client_bonus") == "on"
    for row in range(dialog.table.rowCount()):
        assert dialog.table.cellWidget(row, 1) is None
    assert ok_enabled(dialog)
    assert dialog.edited_rule_set() is None


def test_guessed_parameters_are_marked(dialog: RulesDialog) -> None:
    def label(field: str) -> str:
        item = dialog.table.item(FIELDS.index(field), 0)
        assert isinstance(item, QTableWidgetItem)
        return item.text()

    assert "guessed" in label("inactive_after_days")
    assert "guessed" in label("earnings_tiers")  # the pre-2024 weighting is a guess
    assert "guessed" not in label("windows")
    dialog.table.setCurrentCell(FIELDS.index("anchor"), 0)
    assert "Guessed" in dialog.details.toPlainText()
    assert "2023-12-10" in dialog.details.toPlainText()


def test_details_show_meaning_and_statement(dialog: RulesDialog) -> None:
    dialog.table.setCurrentCell(FIELDS.index("min_clients"), 0)
    text = dialog.details.toPlainText()
    assert "distinct clients" in text
    assert "lowered from 3 to 2" in text


def test_2024_tiers_are_not_a_guess(qtbot: QtBot) -> None:
    dialog = RulesDialog(current="upwork-2024-09")
    qtbot.addWidget(dialog)
    item = dialog.table.item(FIELDS.index("earnings_tiers"), 0)
    assert item is not None
    assert "guessed" not in item.text()
    assert value_text(dialog, "earnings_tiers") == "≤ $250: 1 · ≤ $1,000: 1.25 · above: 1.5"


def test_historical_shows_the_latest_preset(qtbot: QtBot) -> None:
    dialog = RulesDialog(current="historical")
    qtbot.addWidget(dialog)
    assert dialog.shown_rule_set().name == "upwork-2024-09"
    assert "historical" in dialog.mode_label.text()


def test_copy_preset_and_edit_a_parameter(dialog: RulesDialog) -> None:
    copy = dialog.copy_to_custom("fair JSS")
    assert copy is not None
    assert dialog.shown_rule_set().name == "fair JSS"
    assert not dialog.rules_combo.isEnabled()
    no_feedback = dialog.editor("no_feedback")
    assert isinstance(no_feedback, ChoiceEditor)
    no_feedback.setCurrentText("excluded")
    min_outcomes = dialog.editor("min_outcomes")
    assert isinstance(min_outcomes, IntEditor)
    min_outcomes.setValue(2)

    edited = dialog.edited_rule_set()
    expected = custom_rule_set(
        PRESETS_BY_NAME["upwork-2020-03"], "fair JSS", no_feedback="excluded", min_outcomes=2
    )
    assert edited == expected
    assert dialog.original_name() is None
    assert ok_enabled(dialog)


def test_copy_asks_for_a_name(dialog: RulesDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_get_text(*args: object, text: str = "", **kwargs: object) -> tuple[str, bool]:
        asked.append(text)
        return "mine", True

    monkeypatch.setattr(QInputDialog, "getText", fake_get_text)
    dialog.copy_button.click()
    assert asked == ["upwork-2020-03 (custom)"]
    edited = dialog.edited_rule_set()
    assert edited is not None
    assert (edited.name, edited.based_on) == ("mine", "upwork-2020-03")


def test_cancelled_name_copies_nothing(
    dialog: RulesDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    dialog.copy_button.click()
    assert dialog.shown_rule_set().name == "upwork-2020-03"
    assert dialog.edited_rule_set() is None


def test_invalid_parameters_disable_ok_and_explain(dialog: RulesDialog) -> None:
    dialog.copy_to_custom("fair")
    windows = dialog.editor("windows")
    assert isinstance(windows, WindowsEditor)
    windows.setText("6, 12, 6")
    windows.edited.emit()
    assert not ok_enabled(dialog)
    assert dialog.error_label.text() == "Windows must not repeat"
    assert dialog.edited_rule_set() is None

    windows.setText("6, 12, x")
    windows.edited.emit()
    assert dialog.error_label.text() == "Windows (months): 'x' is not a whole number of months"

    windows.setText("3, 12")
    windows.edited.emit()
    assert ok_enabled(dialog)
    assert dialog.error_label.isHidden()
    edited = dialog.edited_rule_set()
    assert edited is not None
    assert edited.windows == (3, 12)


def test_pydantic_error_names_the_parameter(dialog: RulesDialog) -> None:
    dialog.copy_to_custom("fair")
    cap = dialog.editor("weight_cap")
    assert isinstance(cap, DecimalEditor)
    cap.setText("0")
    cap.edited.emit()
    assert dialog.error_label.text() == "Weight cap (jobs): Input should be greater than 0"
    cap.setText("abc")
    cap.edited.emit()
    assert dialog.error_label.text() == "Weight cap (jobs): 'abc' is not a number"
    assert not ok_enabled(dialog)


def test_name_must_be_free(dialog: RulesDialog) -> None:
    dialog.copy_to_custom("fair")
    name = dialog.editor("name")
    name.setProperty("text", "upwork-2015")
    name.edited.emit()  # type: ignore[attr-defined]
    assert "already the name" in dialog.error_label.text()
    assert not ok_enabled(dialog)


def test_edit_existing_custom_rule_set(qtbot: QtBot) -> None:
    mine = custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "mine", min_clients=1)
    dialog = RulesDialog([mine], current="mine")
    qtbot.addWidget(dialog)
    assert dialog.edited_rule_set() is None
    trending = dialog.editor("trending")
    assert isinstance(trending, BoolEditor)
    trending.setChecked(True)
    anchor = dialog.editor("anchor")
    assert isinstance(anchor, DateEditor)
    anchor.set_value(dt.date(2024, 1, 7))
    name = dialog.editor("name")
    name.setProperty("text", "mine 2")
    name.edited.emit()  # type: ignore[attr-defined]
    edited = dialog.edited_rule_set()
    assert edited is not None
    assert (edited.name, edited.trending, edited.anchor) == ("mine 2", True, dt.date(2024, 1, 7))
    assert edited.min_clients == 1
    assert dialog.original_name() == "mine"


def test_tiers_editor(dialog: RulesDialog) -> None:
    dialog.copy_to_custom("tiers")
    tiers = dialog.editor("earnings_tiers")
    assert isinstance(tiers, TiersEditor)
    assert tiers.value() == PRESETS_BY_NAME["upwork-2020-03"].earnings_tiers
    tiers.table.setCurrentCell(0, 0)
    tiers.add_button.click()
    tiers.table.item(0, 0).setText("$100")  # type: ignore[union-attr]
    tiers.table.item(0, 1).setText("0.5")  # type: ignore[union-attr]
    edited = dialog.edited_rule_set()
    assert edited is not None
    assert edited.earnings_tiers[0] == EarningsTier(up_to=Decimal(100), weight=Decimal("0.5"))
    assert len(edited.earnings_tiers) == 4
    tiers.table.setCurrentCell(0, 0)
    tiers.remove_button.click()
    tiers.table.item(2, 0).setText("5000")  # type: ignore[union-attr]
    assert not ok_enabled(dialog)
    assert "Earnings tiers" not in dialog.error_label.text()
    assert "without upper bound" in dialog.error_label.text()


def test_read_only_fields_in_custom_rule_set(dialog: RulesDialog) -> None:
    dialog.copy_to_custom("fair")
    assert value_text(dialog, "based_on") == "upwork-2020-03"
    assert value_text(dialog, "effective_from") == "—"
    assert isinstance(dialog.table.cellWidget(FIELDS.index("cadence"), 1), QWidget)


def test_format_value() -> None:
    assert format_value(None) == "—"
    assert format_value(False) == "off"
    assert format_value((6, 12)) == "6, 12"
    assert format_value(Decimal("4.5")) == "4.5"
    assert format_value(dt.date(2024, 9, 1)) == "2024-09-01"
