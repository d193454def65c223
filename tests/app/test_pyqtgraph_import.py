"""pyqtgraph reads PySide6 through forwarders (``app/pyqtgraph_import.py``); the start itself
is checked in a new interpreter in ``test_start_imports.py``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import pytest

from jsswhatif.app import pyqtgraph_import
from jsswhatif.app.pyqtgraph_import import _forwarder, _listing_made_names, import_pyqtgraph


def _lazy_module(made: dict[str, object], listed: list[str]) -> ModuleType:
    """A module like PySide6's: it holds ``made`` and lists ``listed`` through ``__dir__``."""
    module = ModuleType("Lazy")
    vars(module).update(made)
    module.__version__ = "6.99"  # type: ignore[attr-defined]
    module.__dir__ = lambda: list(listed)  # type: ignore[method-assign]
    return module


def test_a_forwarder_reads_a_name_on_first_use_and_keeps_it() -> None:
    source = _lazy_module({"QPointF": 1}, ["QPointF", "QRectF"])
    forwarder = _forwarder("pyqtgraph.Qt.QtCore", source)

    assert "QPointF" not in vars(forwarder)
    assert forwarder.QPointF == 1
    assert vars(forwarder)["QPointF"] == 1  # the next read is the module's own
    assert forwarder.__version__ == "6.99"


def test_a_forwarder_misses_what_pyside6_has_not_and_has_its_own_special_names() -> None:
    source = _lazy_module({"QPointF": 1}, ["QPointF"])
    source.__file__ = "/PySide6/QtCore.so"
    forwarder = _forwarder("pyqtgraph.Qt.QtCore", source)

    assert not hasattr(forwarder, "QRectF")
    assert not hasattr(forwarder, "__file__")
    assert "QPointF" in dir(forwarder)


def test_while_pyqtgraph_copies_pyside6_lists_only_what_it_made_then_everything() -> None:
    source = _lazy_module({"QPointF": 1}, ["QPointF", "QRectF", "QTimeZone"])

    with _listing_made_names([source]):
        assert dir(source) == ["QPointF"]

    assert dir(source) == ["QPointF", "QRectF", "QTimeZone"]


def test_the_listing_is_given_back_when_the_import_fails() -> None:
    source = _lazy_module({}, ["QRectF"])

    with pytest.raises(ImportError), _listing_made_names([source]):
        raise ImportError("pyqtgraph is broken")

    assert dir(source) == ["QRectF"]


def test_an_imported_pyqtgraph_is_given_as_it_is() -> None:
    import pyqtgraph

    assert import_pyqtgraph() is pyqtgraph


def _importing(
    monkeypatch: pytest.MonkeyPatch, source: ModuleType, pyqtgraph: Callable[[], ModuleType]
) -> list[str]:
    """Let ``import_pyqtgraph`` find ``source`` as PySide6's QtCore and run ``pyqtgraph`` (a
    function) as pyqtgraph's import; gives the names it imported."""
    monkeypatch.delitem(sys.modules, "pyqtgraph")
    monkeypatch.setitem(sys.modules, "fakepg.QtCore", ModuleType("placeholder"))
    monkeypatch.setattr(pyqtgraph_import, "COPIED", {"fakepg.QtCore": "fake.QtCore"})
    asked: list[str] = []

    def import_module(name: str) -> ModuleType:
        asked.append(name)
        return source if name == "fake.QtCore" else pyqtgraph()

    monkeypatch.setattr(pyqtgraph_import, "import_module", import_module)
    return asked


def test_pyqtgraph_is_imported_with_forwarders_and_a_short_listing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = _lazy_module({"QPointF": 1, "QRectF": 2}, ["QPointF", "QRectF", "QTimeZone"])
    imported = ModuleType("pyqtgraph")
    seen: list[object] = []

    def pyqtgraph() -> ModuleType:  # what pyqtgraph's import finds
        seen.extend([dir(source), sys.modules["fakepg.QtCore"].QRectF])
        return imported

    asked = _importing(monkeypatch, source, pyqtgraph)

    assert import_pyqtgraph() is imported
    assert asked == ["fake.QtCore", "pyqtgraph"]
    assert seen == [["QPointF", "QRectF"], 2]  # QTimeZone not made: not listed
    assert dir(source) == ["QPointF", "QRectF", "QTimeZone"]


def test_a_pyside6_without_its_own_listing_imports_pyqtgraph_plainly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = ModuleType("PySide6.QtCore")  # no ``__dir__``: an older PySide6
    imported = ModuleType("pyqtgraph")
    asked = _importing(monkeypatch, plain, lambda: imported)

    assert import_pyqtgraph() is imported
    assert asked == ["fake.QtCore", "pyqtgraph"]
    assert sys.modules["fakepg.QtCore"].__name__ == "placeholder"  # no forwarder put in
