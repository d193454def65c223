"""The application's rooms depend one way: no import cycle, and no room reaches the window.

Imports are read from the source with ``ast`` (those under ``if TYPE_CHECKING:`` and inside
functions too: a cycle of type hints is still a cycle a reader has to untangle).
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

import jsswhatif.app

APP = Path(jsswhatif.app.__file__).parent
PACKAGE = "jsswhatif.app"
#: Rooms that the main window composes; none of them may know the window.
ROOMS_BELOW_THE_WINDOW = ("files", "table", "plot", "panels", "rules")
MAIN_WINDOW = "jsswhatif.app.window.main_window"


def module_name(path: Path) -> str:
    """``jsswhatif.app.files.autosave`` for ``.../app/files/autosave.py``."""
    parts = path.relative_to(APP).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {module_name(path): path for path in sorted(APP.rglob("*.py"))}


def imported_modules(source: str, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``source`` imports, however it spells the import.

    ``from a.b import c`` names module ``a.b.c`` when that is a module, else ``a.b``.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in modules
                else node.module
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the application modules it imports (packages' ``__init__`` included)."""
    known = set(MODULES)
    return {
        name: imported_modules(path.read_text(encoding="utf-8"), known) - {name}
        for name, path in MODULES.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` as a closed path (first == last), or [] when none."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return []


def test_the_detectors_see_every_import_form_and_find_a_cycle() -> None:
    """Plain, from-module, from-package and type-checking imports all count."""
    source = textwrap.dedent("""
        from typing import TYPE_CHECKING
        import a.b
        from a import c
        from a.d import thing
        if TYPE_CHECKING:
            from a.e import Other
        def later():
            from a.f import g
    """)
    modules = {"a.b", "a.c", "a.d", "a.e", "a.f"}
    assert imported_modules(source, modules) == modules
    assert find_cycle({"x": {"y"}, "y": {"z"}, "z": {"x"}, "w": {"x"}}) == ["x", "y", "z", "x"]
    assert find_cycle({"x": {"y"}, "y": {"z"}, "w": {"x", "z"}}) == []


def test_every_application_module_is_seen() -> None:
    """The graph covers the rooms (a moved file must not slip out of the check)."""
    rooms = {name.split(".")[2] for name in MODULES if name.count(".") >= 3}
    assert {"window", *ROOMS_BELOW_THE_WINDOW} <= rooms
    assert MAIN_WINDOW in MODULES


def test_no_import_cycle_between_application_modules() -> None:
    """Dependencies go one way: the window composes the rooms, the rooms never need it."""
    assert find_cycle(import_graph()) == []


@pytest.mark.parametrize("room", ROOMS_BELOW_THE_WINDOW)
def test_rooms_never_import_the_main_window(room: str) -> None:
    """They get the controller, a parent widget or a callback through their constructors."""
    graph = import_graph()
    reaching = sorted(
        name
        for name in graph
        if name.startswith(f"{PACKAGE}.{room}.") and MAIN_WINDOW in graph[name]
    )
    assert reaching == []
