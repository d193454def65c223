"""The toolbar's two choosers: the rule set in use and the scenario on screen.

Each is a combo box over the controller: it lists what the document offers, shows the
controller's choice (refreshed when a change names the rules or the scenarios) and sends the
user's pick back as a request.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from jsswhatif.app.window.change import Change
from jsswhatif.app.window.controller import Controller
from jsswhatif.core.document import Document
from jsswhatif.core.rules import HISTORICAL_NAME, PRESETS

#: The scenario chooser's name of the baseline.
BASELINE = "Baseline"


def rule_set_items(document: Document) -> list[tuple[str, str]]:
    """(name, tooltip) of every rule set ``document`` can use: presets, historical, custom."""
    items = [(p.name, f"Preset: Upwork's rules from {p.effective_from}") for p in PRESETS]
    items.append((HISTORICAL_NAME, "Each preset from the day it took effect"))
    items += [(r.name, f"Custom rule set based on {r.based_on}") for r in document.rule_sets]
    return items


class RuleSetChooser(QComboBox):
    """Presets, ``historical`` and the document's custom rule sets; the one in use shown."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """List ``controller``'s rule sets and follow its changes."""
        super().__init__(parent)
        self.setAccessibleName("Rule set")  # the toolbar label beside it is no buddy
        self._controller = controller
        self.setMinimumContentsLength(16)
        self.refresh()
        controller.document_changed.connect(self._document_changed)
        self.activated.connect(lambda _: controller.set_rules(self.currentData()))

    def refresh(self) -> None:
        """List the rule sets again and select the one in use."""
        document = self._controller.document
        self.clear()
        for name, tip in rule_set_items(document):
            self.addItem(name, name)
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(self.findData(document.rules_name))

    def _document_changed(self, change: Change) -> None:
        if change.rules:
            self.refresh()


class ScenarioChooser(QComboBox):
    """The baseline, then the document's scenarios; the one on screen shown."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """List ``controller``'s scenarios and follow its changes."""
        super().__init__(parent)
        self.setAccessibleName("Scenario")  # the toolbar label beside it is no buddy
        self._controller = controller
        self.setMinimumContentsLength(22)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaximumWidth(320)
        self.refresh()
        controller.document_changed.connect(self._document_changed)
        self.activated.connect(lambda _: controller.set_scenario(self.currentData()))

    def refresh(self) -> None:
        """List the scenarios again and select the one on screen."""
        scenario = self._controller.scenario
        self.clear()
        self.addItem(BASELINE, None)
        for each in self._controller.document.scenarios:
            self.addItem(each.name, each.name)
        self.setCurrentIndex(self.findData(scenario) if scenario is not None else 0)

    def step(self, step: int) -> None:
        """Show the scenario ``step`` places after the one on screen (wrapping around)."""
        index = (self.currentIndex() + step) % self.count()
        self._controller.set_scenario(self.itemData(index))

    def _document_changed(self, change: Change) -> None:
        if change.scenario:
            self.refresh()
