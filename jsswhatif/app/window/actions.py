"""The main window's actions and menus: names, words, keyboard shortcuts.

Every command the window offers is one :class:`QAction` made here from :data:`SPECS`, so the
menus, the context menu of the table and the keyboard share it. The window connects each
action by name (``actions["toggle_ended"].triggered.connect(...)``).

Files use the platform's standard keys: New (Ctrl+N), Open (Ctrl+O), Save (Ctrl+S), Save As
(also Ctrl+Shift+S everywhere), Quit (also Ctrl+Q everywhere). Keyboard choices worth knowing:
Ctrl+X stays "cut", so Exclude is Ctrl+Shift+X; Ctrl+R pops up the Review menu at the current
row, and its choices are Ctrl+1 (great), Ctrl+2 (good), Ctrl+3 (poor) and Ctrl+0 (no feedback);
the as-of date moves by a day with Alt+Left/Right and by a month with Alt+Shift+Left/Right;
Alt+Up/Down select the previous/next row from anywhere. Ctrl+C and Ctrl+V copy and paste
contracts as spreadsheet rows (a text field with the focus keeps them for its own text), and
Ctrl+Shift+I lists the imported contracts that still need an end date or feedback.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QWidget

from jsswhatif.core.edits import REVIEW_CHOICES

Key = str | QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class Spec:
    """One action: its name, menu text, shortcuts (first one shown) and status tip."""

    name: str
    text: str
    keys: tuple[Key, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS: tuple[Spec, ...] = (
    Spec("new", "&New", (QKeySequence.StandardKey.New,), "Start an empty document"),
    Spec(
        "open",
        "&Open…",
        (QKeySequence.StandardKey.Open,),
        "Open a document (.jsswhatif) or a contracts CSV",
    ),
    Spec("clear_recent", "&Clear list", (), "Forget the recently opened files"),
    Spec("save", "&Save", (QKeySequence.StandardKey.Save,), "Save the document"),
    Spec(
        "save_as",
        "Save &As…",
        (QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S"),
        "Save the document under a new name",
    ),
    Spec(
        "import_upwork",
        "Import from &Upwork…",
        (),
        "Contracts from Upwork's transaction history files: preview, then merge (undoable)",
    ),
    Spec(
        "import_csv",
        "&Import contracts CSV…",
        (),
        "Contracts from a CSV or spreadsheet file: preview, then merge or replace (undoable)",
    ),
    Spec(
        "document_properties",
        "Document &Properties…",
        (),
        "The document's title and description, shown above the table when it opens",
    ),
    Spec("export_copy", "&Document copy…", (), "Save a copy of the document, keep this one open"),
    Spec("export_contracts", "&Contracts CSV…", (), "The contracts on screen as a CSV file"),
    Spec(
        "export_timeline",
        "&Timeline CSV…",
        (),
        "The score on every day of the plot's range, for this scenario and rule set",
    ),
    Spec("export_png", "Plot as &PNG…", (), "The plot as a PNG image"),
    Spec("export_svg", "Plot as S&VG…", (), "The plot as an SVG drawing"),
    Spec(
        "export_report",
        "&Report (PDF)…",
        (),
        "One or two pages: the score, its range, the plot, changes, Top Rated, what to do next "
        "and every contract",
    ),
    Spec(
        "export_calendar",
        "C&alendar…",
        (),
        "The coming changes of the score and Top Rated as all-day events (iCalendar)",
    ),
    Spec(
        "print_report",
        "&Print Report…",
        (QKeySequence.StandardKey.Print,),
        "Print the report of the score",
    ),
    Spec("quit", "&Quit", (QKeySequence.StandardKey.Quit, "Ctrl+Q"), "Quit jsswhatif"),
    Spec("add", "&Add contract", ("Ins",), "Add an empty contract starting on the as-of date"),
    Spec("duplicate", "D&uplicate contracts", ("Ctrl+D",), "Copy the selected contracts"),
    Spec(
        "delete",
        "&Delete contracts",
        (QKeySequence.StandardKey.Delete,),
        "Delete the selected contracts",
    ),
    Spec(
        "copy_rows",
        "&Copy contracts",
        (QKeySequence.StandardKey.Copy,),
        "The selected contracts as tab-separated rows with a header, for a spreadsheet",
    ),
    Spec(
        "paste_rows",
        "&Paste contracts",
        (QKeySequence.StandardKey.Paste,),
        "Contracts from rows copied in a spreadsheet: map the columns, preview, merge",
    ),
    Spec("find", "&Filter…", (QKeySequence.StandardKey.Find,), "Filter the contracts by text"),
    Spec(
        "needs_review",
        "Contracts needing re&view",
        ("Ctrl+Shift+I",),
        "Show the imported contracts without an end date or feedback; the cursor goes to the "
        "first one's end date",
    ),
    Spec(
        "record_observation",
        "Record &observed JSS…",
        (),
        "Note a Job Success Score you saw on Upwork, to compare with the estimate",
    ),
    Spec(
        "toggle_ended",
        "Toggle &ended",
        ("Ctrl+E",),
        "End the selected contracts on the as-of date, or reopen them",
    ),
    Spec("review_menu", "&Review…", ("Ctrl+R",), "Choose feedback for the selected contracts"),
    Spec("review_custom", "&Custom feedback…", ("Ctrl+9",), "Any star rating and private score"),
    Spec(
        "exclude",
        "E&xclude",
        ("Ctrl+Shift+X",),
        "Mark the selected contracts as excluded by Upwork, or include them again",
    ),
    Spec(
        "reset",
        "Re&set to baseline",
        ("Ctrl+Shift+R",),
        "Drop this scenario's changes to the selected contracts",
    ),
    Spec(
        "hypothetical",
        "Add &hypothetical contracts…",
        ("Ctrl+Shift+H",),
        "What if I finish more jobs?",
    ),
    Spec(
        "new_scenario", "&New scenario", ("Ctrl+Shift+N",), "Start a what-if on top of the baseline"
    ),
    Spec("duplicate_scenario", "D&uplicate scenario", (), "Copy the scenario on screen"),
    Spec("rename_scenario", "&Rename scenario…", (), "Rename the scenario on screen"),
    Spec("delete_scenario", "&Delete scenario", (), "Delete the scenario on screen"),
    Spec("apply", "&Apply to baseline", (), "Make this scenario's contracts the baseline"),
    Spec("next_scenario", "Ne&xt scenario", ("Ctrl+PgDown",), "Show the next scenario"),
    Spec("previous_scenario", "Pre&vious scenario", ("Ctrl+PgUp",), "Show the previous scenario"),
    Spec(
        "compare",
        "&Compare",
        ("Ctrl+Shift+C",),
        "Plot several scenarios or rule sets together",
        True,
    ),
    Spec("compare_settings", "Compare &what…", (), "Choose the scenarios or rule sets compared"),
    Spec("day_back", "As of one day &earlier", ("Alt+Left",)),
    Spec("day_forward", "As of one day &later", ("Alt+Right",)),
    Spec("month_back", "As of one &month earlier", ("Alt+Shift+Left",)),
    Spec("month_forward", "As of one m&onth later", ("Alt+Shift+Right",)),
    Spec("today", "As of &today", ("Alt+Home",)),
    Spec("previous_row", "&Previous row", ("Alt+Up",)),
    Spec("next_row", "&Next row", ("Alt+Down",)),
    Spec(
        "rules_dialog",
        "&Rule sets…",
        ("Ctrl+Shift+U",),
        "See every parameter; make a custom rule set",
    ),
    Spec("shortcuts", "&Keyboard shortcuts", (QKeySequence.StandardKey.HelpContents,)),
    Spec("about", "&About jsswhatif"),
)

#: Menu title -> action names (None: separator; a name of :data:`SUBMENUS`: that submenu).
MENUS: dict[str, tuple[str | None, ...]] = {
    "&File": (
        "new",
        "open",
        "recent",
        "samples",
        None,
        "save",
        "save_as",
        None,
        "import_upwork",
        "import_csv",
        "export",
        "print_report",
        None,
        "document_properties",
        None,
        "quit",
    ),
    "&Edit": (
        "undo",
        "redo",
        None,
        "add",
        "duplicate",
        "delete",
        None,
        "copy_rows",
        "paste_rows",
        None,
        "find",
        "needs_review",
        None,
        "record_observation",
    ),
    "&What-if": ("toggle_ended", "review", "exclude", "reset", None, "hypothetical"),
    "&Scenario": (
        "new_scenario",
        "duplicate_scenario",
        "rename_scenario",
        "delete_scenario",
        None,
        "apply",
        None,
        "next_scenario",
        "previous_scenario",
        None,
        "compare",
        "compare_settings",
    ),
    "&View": (
        "day_back",
        "day_forward",
        "month_back",
        "month_forward",
        "today",
        None,
        "previous_row",
        "next_row",
    ),
    "&Rules": ("rules_dialog",),
    "&Help": ("shortcuts", "about"),
}

#: Submenus by name: their titles. Review is filled here, Export from :data:`EXPORTS`; the
#: window fills Open Recent and Open Sample when they are about to show.
SUBMENUS = {
    "review": "&Review",
    "recent": "Open &Recent",
    "samples": "Open Sa&mple",
    "export": "&Export",
}

EXPORTS = (
    "export_copy",
    "export_contracts",
    "export_timeline",
    "export_png",
    "export_svg",
    "export_report",
    "export_calendar",
)

#: The table's context menu ("review": the Review submenu; None: separator).
CONTEXT: tuple[str | None, ...] = (
    "toggle_ended",
    "review",
    "exclude",
    "reset",
    None,
    "add",
    "duplicate",
    "delete",
    None,
    "hypothetical",
)

#: Toolbar layout: action names, "|" separators, and labelled widgets by their label.
TOOLBAR: tuple[str, ...] = (  # undo first: a narrow window still shows it, not its overflow
    "open",
    "save",
    "undo",
    "redo",
    "|",
    "Rule set",
    "rules_dialog",
    "|",
    "Scenario",
    "new_scenario",
    "duplicate_scenario",
    "rename_scenario",
    "delete_scenario",
    "apply",
    "|",
    "compare",
    "compare_settings",
)

#: Short toolbar texts of actions whose menu text is longer.
TOOLBAR_TEXT = {
    "open": "Open…",
    "save": "Save",
    "rules_dialog": "Rules…",
    "new_scenario": "New",
    "duplicate_scenario": "Duplicate",
    "rename_scenario": "Rename",
    "delete_scenario": "Delete",
    "compare_settings": "Compare what…",
    "undo": "Undo",
    "redo": "Redo",
}

#: Shortcuts of the quick feedback choices, in the order of REVIEW_CHOICES.
REVIEW_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+0")


class Actions:
    """The window's actions by name, and its Review submenu.

    Attributes:
        review_menu: Review ▸ great, good, poor, no feedback, custom.
        review_actions: The quick choices, in the order of ``REVIEW_CHOICES``.
        submenus: The submenus by name (see :data:`SUBMENUS`).
    """

    def __init__(self, window: QMainWindow, undo: QAction, redo: QAction) -> None:
        """Create every action as a child of ``window`` (so shortcuts work window-wide)."""
        self._by_name: dict[str, QAction] = {"undo": undo, "redo": redo}
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        keys += [QKeySequence(k) for k in ("Ctrl+Shift+Z", "Ctrl+Y") if QKeySequence(k) not in keys]
        redo.setShortcuts(keys)
        for spec in SPECS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            bound: list[QKeySequence] = []
            for key in spec.keys:  # a standard key may repeat a fallback: keep one of each
                sequence = QKeySequence(key)
                if not sequence.isEmpty() and sequence not in bound:
                    bound.append(sequence)
            action.setShortcuts(bound)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            self._by_name[spec.name] = action
        for action in self._by_name.values():
            window.addAction(action)
        self.submenus = {name: QMenu(title, window) for name, title in SUBMENUS.items()}
        for name in EXPORTS:
            self.submenus["export"].addAction(self[name])
        self.review_menu = self.submenus["review"]
        self.review_actions: list[QAction] = []
        for choice, key in zip(REVIEW_CHOICES, REVIEW_KEYS, strict=True):
            action = QAction(choice.label, window)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
            self.review_menu.addAction(action)
            self.review_actions.append(action)
        self.review_menu.addSeparator()
        self.review_menu.addAction(self["review_custom"])

    def __getitem__(self, name: str) -> QAction:
        """The action called ``name``."""
        return self._by_name[name]

    def build_menus(self, window: QMainWindow) -> dict[str, QMenu]:
        """Fill ``window``'s menu bar from :data:`MENUS`; the menus by title."""
        menus = {}
        for title, names in MENUS.items():
            menu = window.menuBar().addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                elif name in self.submenus:
                    menu.addMenu(self.submenus[name])
                else:
                    menu.addAction(self[name])
            menus[title] = menu
        return menus

    def context_items(self) -> list[QAction | QMenu | None]:
        """The table's context menu entries, from :data:`CONTEXT`."""
        return [
            None if n is None else self.review_menu if n == "review" else self[n] for n in CONTEXT
        ]

    def build_toolbar(self, window: QMainWindow, widgets: dict[str, QWidget]) -> QToolBar:
        """The main toolbar from :data:`TOOLBAR`, with ``widgets`` after their labels."""
        toolbar = QToolBar("Main", window)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name, text in TOOLBAR_TEXT.items():
            self[name].setIconText(text)
        for item in TOOLBAR:
            if item == "|":
                toolbar.addSeparator()
            elif item in widgets:
                toolbar.addWidget(QLabel(f" {item} ", toolbar))
                toolbar.addWidget(widgets[item])
            else:
                toolbar.addAction(self[item])
        return toolbar

    def shortcut_lines(self) -> list[str]:
        """ "Text: keys" lines of every action with a shortcut, for the help window.

        Only keys of an ordinary keyboard are listed, each once: the platform's standard
        bindings add keys such as F14 and the dedicated Undo key, which read as noise
        ("Undo: Ctrl+Z, F14, Undo"). Undo and Redo are named without the step they would undo.
        """
        lines = []
        named = {"undo": "Undo", "redo": "Redo"}
        for name, action in [
            *self._by_name.items(),
            *((f"review {i}", a) for i, a in enumerate(self.review_actions)),
        ]:
            keys: list[str] = []
            for sequence in action.shortcuts():
                text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
                if _on_a_keyboard(sequence) and text not in keys:
                    keys.append(text)
            if keys:
                label = named.get(name) or action.text().replace("&", "")
                lines.append(f"{label}: {', '.join(keys)}")
        return lines


def _on_a_keyboard(sequence: QKeySequence) -> bool:
    """Whether every key of ``sequence`` is on an ordinary keyboard: characters, Escape to F12
    (editing and navigation keys among them), not F13 and up or dedicated Undo/Copy keys."""
    keys = [sequence[i].key() for i in range(sequence.count())]  # type: ignore[index]
    return bool(keys) and all(int(k) < int(Qt.Key.Key_F13) for k in keys)
