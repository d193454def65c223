"""What the Edit, What-if, Scenario, View, Rules and Help menus do.

:class:`MenuHandlers` connects the window's actions (by name, see
:mod:`jsswhatif.app.window.actions`) to controller requests, asking through the dialogs of
:mod:`jsswhatif.app.window.dialogs` where a command needs an answer. Commands on rows act on
the contracts selected in the table; the File menu is :mod:`jsswhatif.app.window.file_menu`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from jsswhatif.app.constants import ERROR_STATUS_MS, STATUS_MS
from jsswhatif.app.table.panel import ContractsPanel
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.actions import Actions
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.choosers import ScenarioChooser, rule_set_items
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.controller import Controller
from jsswhatif.core.document import Document
from jsswhatif.core.edits import REVIEW_CHOICES, Review, unique_name
from jsswhatif.core.rules import PRESETS

if TYPE_CHECKING:
    from jsswhatif.app.report_export import ReportExport

# The report and calendar exports and the spreadsheet rows are imported when first used:
# a cold start has no use for them (issue 14).

#: Status-bar words after a what-if changed the baseline.
BASELINE_CHANGED = (
    "Changed the baseline. Scenario ▸ New scenario tries what-ifs without touching it."
)

Status = Callable[[str, int], None]


class MenuHandlers:
    """The window's commands other than the File menu's."""

    def __init__(
        self,
        controller: Controller,
        contracts: ContractsPanel,
        scenarios: ScenarioChooser,
        parent: QWidget,
        status: Status,
    ) -> None:
        """Send requests to ``controller`` about the rows selected in ``contracts``; dialogs
        are children of ``parent``; ``status(text, ms)`` shows a line in the status bar."""
        self._controller = controller
        self._contracts = contracts
        self._scenarios = scenarios
        self._parent = parent
        self._status = status
        #: Called with the document when its title or description changed (the window shows
        #: them in its title bar and info bar).
        self.described: Callable[[Document], object] | None = None
        self._about = (controller.document.title, controller.document.description)
        controller.document_changed.connect(self._described)

    @cached_property
    def reports(self) -> ReportExport:
        """The report and calendar commands (made when first used)."""
        from jsswhatif.app.report_export import ReportExport  # noqa: PLC0415 (see top)

        return ReportExport(self._controller, self._parent, self._status)

    def connect(self, actions: Actions) -> None:
        """Connect every action these commands serve (``quit`` is the window's own)."""
        c, on_rows = self._controller, self.on_rows
        handlers: dict[str, Callable[[], object]] = {
            "add": lambda: self._select(c.add_contract()),
            "export_report": self._on_reports(lambda r: r.export_report()),
            "export_calendar": self._on_reports(lambda r: r.export_calendar()),
            "print_report": self._on_reports(lambda r: r.print_report()),
            "duplicate": on_rows(lambda rows: self._select(*c.duplicate(rows))),
            "delete": on_rows(c.delete),
            "copy_rows": on_rows(self.copy_rows),
            "find": self._contracts.focus_filter,
            "needs_review": self._contracts.show_needs_review,
            "record_observation": lambda: c.record_observation(
                dialogs.ask_observation(self._parent, c.as_of, c.flush().displayed)
            ),
            "toggle_ended": on_rows(c.toggle_ended, what_if=True),
            "review_menu": lambda: actions.review_menu.popup(self._contracts.current_cell_point()),
            "review_custom": lambda: self.review(dialogs.ask_review(self._parent)),
            "exclude": on_rows(c.toggle_excluded, what_if=True),
            "reset": on_rows(c.reset_rows),
            "hypothetical": self.add_hypothetical,
            "new_scenario": self.new_scenario,
            "duplicate_scenario": lambda: c.new_scenario(copy_of=c.scenario),
            "rename_scenario": self.rename_scenario,
            "delete_scenario": self.delete_scenario,
            "apply": self.apply_to_baseline,
            "next_scenario": lambda: self._scenarios.step(1),
            "previous_scenario": lambda: self._scenarios.step(-1),
            "compare_settings": self.choose_compare,
            "day_back": lambda: c.shift_as_of(days=-1),
            "day_forward": lambda: c.shift_as_of(days=1),
            "month_back": lambda: c.shift_as_of(months=-1),
            "month_forward": lambda: c.shift_as_of(months=1),
            "today": lambda: c.set_as_of(c.today),
            "previous_row": lambda: self._contracts.move_row(-1),
            "next_row": lambda: self._contracts.move_row(1),
            "rules_dialog": self.edit_rules,
            "document_properties": self.edit_properties,
            "shortcuts": lambda: dialogs.show_shortcuts(self._parent, actions.shortcut_lines()),
            "about": lambda: dialogs.show_about(self._parent),
        }
        for name, handler in handlers.items():
            actions[name].triggered.connect(lambda _=False, h=handler: h())
        ways = {name: actions[name] for name in ("import_upwork", "open", "add")}
        self._contracts.welcome.use_actions(ways, actions.submenus["samples"])
        actions["compare"].toggled.connect(self.set_compare_mode)
        for action, choice in zip(actions.review_actions, REVIEW_CHOICES, strict=True):
            action.triggered.connect(lambda _=False, r=choice: self.review(r))

    def _on_reports(self, act: Callable[[ReportExport], object]) -> Callable[[], object]:
        """``act`` on :attr:`reports` (made on the first report command)."""
        return lambda: act(self.reports)

    def on_rows(
        self, act: Callable[[list[str]], object], what_if: bool = False
    ) -> Callable[[], None]:
        """``act`` on the selected contracts; says so when none is selected, and reminds
        that a what-if on the baseline changes the baseline."""

        def run() -> None:
            rows = self._contracts.selected_ids()
            if not rows:
                self._status("Select one or more contracts first.", ERROR_STATUS_MS)
                return
            act(rows)
            if what_if and self._controller.scenario is None:
                self._status(BASELINE_CHANGED, STATUS_MS)

        return run

    def copy_rows(self, ids: list[str]) -> None:
        """Put the contracts ``ids`` on the clipboard as tab-separated rows with a header."""
        from jsswhatif.io.column_mapping import contracts_tsv  # noqa: PLC0415 (see top)

        chosen = set(ids)
        rows = [c for c in self._controller.contracts if c.id in chosen]
        QGuiApplication.clipboard().setText(contracts_tsv(rows))
        noun = "contract" if len(rows) == 1 else "contracts"
        self._status(f"Copied {len(rows)} {noun} as rows for a spreadsheet.", STATUS_MS)

    def review(self, choice: Review | None) -> None:
        """Give the selected contracts the feedback ``choice`` (None: nothing)."""
        if choice is not None:
            self.on_rows(lambda rows: self._controller.review(rows, choice), what_if=True)()

    def add_hypothetical(self) -> None:
        """Ask for hypothetical contracts and add them to the scenario on screen.

        On the baseline a new scenario is made for them first (one undo step for both): the
        baseline holds the contracts that exist.
        """
        c = self._controller
        spec = dialogs.ask_hypothetical(self._parent, c.as_of)
        if spec is None:
            return
        c.undo_stack.beginMacro(f"Add {spec.count} hypothetical contracts")
        try:
            if c.scenario is None:
                c.new_scenario(f"{spec.count} more {spec.review.quality or spec.review.label} jobs")
            self._select(*c.add_hypothetical(spec))
        finally:
            c.undo_stack.endMacro()

    def new_scenario(self) -> None:
        """Ask a name for a new scenario (proposing a free one) and show it."""
        names = [s.name for s in self._controller.document.scenarios]
        name = dialogs.ask_scenario_name(self._parent, unique_name(names, "Scenario"))
        if name is not None:
            self._controller.new_scenario(name)

    def delete_scenario(self) -> None:
        """Delete the scenario on screen, once the user confirms."""
        name = self._controller.scenario
        if name is None:
            return
        details = "Its changes and hypothetical contracts go with it. Edit ▸ Undo brings it back."
        if dialogs.ask_confirm(
            self._parent, "Delete scenario", f"Delete scenario {name!r}?", "Delete", details
        ):
            self._controller.delete_scenario(name)

    def apply_to_baseline(self) -> None:
        """Make the scenario on screen the baseline, once the user confirms what changes."""
        c = self._controller
        name = c.scenario
        if name is None:
            return
        scenario = c.document.scenario(name)
        added, changed = len(scenario.added), len(scenario.overrides)
        parts = []
        if changed:
            parts.append(
                f"the baseline takes this scenario's changes to {_count(changed, 'contract')}"
            )
        if added:
            become = "becomes a real contract" if added == 1 else "become real contracts"
            parts.append(f"{_count(added, 'hypothetical contract')} {become} of the baseline")
        what = ", and ".join(parts) or "the scenario changes nothing"
        details = f"{what[0].upper()}{what[1:]}. Edit ▸ Undo takes it back."
        text = f"Apply scenario {name!r} to the baseline?"
        if dialogs.ask_confirm(self._parent, "Apply to baseline", text, "Apply", details):
            c.apply_to_baseline()

    def rename_scenario(self) -> None:
        """Ask for a new name for the scenario on screen."""
        old = self._controller.scenario
        if old is not None:
            new = dialogs.ask_text(self._parent, "Rename scenario", "New name:", old)
            if new is not None:
                self._controller.rename_scenario(old, new)

    def set_compare_mode(self, on: bool) -> None:
        """Turn the comparison on (every scenario, or every preset) or off."""
        c = self._controller
        if not on:
            c.set_compare(Compare())
        elif c.compare.mode == "off":
            scenarios = tuple(s.name for s in c.document.scenarios)
            if scenarios:
                c.set_compare(Compare("scenarios", (None, *scenarios)))
            else:
                c.set_compare(Compare("rules", tuple(p.name for p in PRESETS)))

    def choose_compare(self) -> None:
        """Ask what to compare, and compare it."""
        c = self._controller
        names = [n for n, _ in rule_set_items(c.document)]
        scenarios = [s.name for s in c.document.scenarios]
        chosen = dialogs.ask_compare(self._parent, scenarios, names, c.compare)
        if chosen is not None:
            c.set_compare(chosen)

    def edit_rules(self) -> None:
        """Show the rule sets; use the one chosen, or save the custom one edited."""
        doc = self._controller.document
        choice = dialogs.ask_rule_set(self._parent, doc.rule_sets, doc.rules_name)
        if choice is None:
            return
        if choice.edited is not None:
            self._controller.save_rule_set(choice.edited, choice.original_name)
        elif choice.use is not None:
            self._controller.set_rules(choice.use)

    def edit_properties(self) -> None:
        """Ask for the document's title and description; change them as one undoable step."""
        doc = self._controller.document
        answer = dialogs.ask_properties(
            self._parent, dialogs.Properties(doc.title, doc.description)
        )
        if answer is None:
            return
        update = {"title": answer.title, "description": answer.description}
        self._controller.edit("Edit document properties", lambda d: d.model_copy(update=update))

    def _described(self, _change: Change) -> None:
        """Show a new title or description (edited, undone) where the window shows them."""
        doc = self._controller.document
        about = (doc.title, doc.description)
        if about != self._about:
            self._about = about
            if self.described is not None:
                self.described(doc)

    def _select(self, *ids: str | None) -> None:
        self._contracts.select_ids([i for i in ids if i is not None])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
