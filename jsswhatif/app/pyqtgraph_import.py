"""Importing pyqtgraph without making every class of PySide6 (issue 14).

PySide6 makes each of its classes on first use. pyqtgraph's ``Qt`` package copies every name
of ``PySide6.QtCore``, ``QtGui`` and ``QtWidgets`` into its own ``QtCore``, ``QtGui`` and
``QtWidgets`` (``pyqtgraph/Qt/__init__.py::_copy_attrs``), which makes all of them: about
0.2 s of CPU of a cold start, for classes the application never uses.

:func:`import_pyqtgraph` gives pyqtgraph those three modules as forwarders (PEP 562
``__getattr__``) that fetch a PySide6 name on first use, and has PySide6 list only the names
it has made while pyqtgraph copies them. The names pyqtgraph and the application read are the
same objects as before; after the import PySide6 lists all its names again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType

#: The PySide6 modules pyqtgraph copies, by the name of its forwarding module.
COPIED = {
    "pyqtgraph.Qt.QtCore": "PySide6.QtCore",
    "pyqtgraph.Qt.QtGui": "PySide6.QtGui",
    "pyqtgraph.Qt.QtWidgets": "PySide6.QtWidgets",
}
#: The special names of a PySide6 module pyqtgraph's copy gives it (pyqtgraph reads them).
VERSIONS = ("__version__", "__version_info__")


def import_pyqtgraph() -> ModuleType:
    """Import pyqtgraph (bound to PySide6) making only the PySide6 classes it reads.

    Does nothing more than ``import pyqtgraph`` when pyqtgraph is already imported, or when
    PySide6 does not list its names through a module ``__dir__`` (as 6.7 and later do).
    """
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    sources = [import_module(name) for name in COPIED.values()]
    if not all(callable(vars(source).get("__dir__")) for source in sources):
        return import_module("pyqtgraph")
    for name, source in zip(COPIED, sources, strict=True):
        sys.modules[name] = _forwarder(name, source)
    with _listing_made_names(sources):
        return import_module("pyqtgraph")


def _forwarder(name: str, source: ModuleType) -> ModuleType:
    """A module whose names are read from ``source`` on first use (and kept, for the next)."""
    module = ModuleType(name, f"{source.__name__}, as pyqtgraph reads it")
    for special in VERSIONS:
        if special in vars(source):
            setattr(module, special, vars(source)[special])

    def forwarded(attribute: str) -> object:
        if attribute.startswith("__"):  # (``__file__``, ``__path__``: not PySide6's)
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        value = getattr(source, attribute)  # AttributeError: no such name, as before
        setattr(module, attribute, value)
        return value

    def names() -> list[str]:
        return sorted(set(dir(source)) | set(vars(module)))

    module.__getattr__ = forwarded  # type: ignore[method-assign]
    module.__dir__ = names  # type: ignore[method-assign]
    return module


@contextmanager
def _listing_made_names(sources: list[ModuleType]) -> Iterator[None]:
    """While the block runs, ``dir()`` of each of ``sources`` lists only the names it holds
    (special names left out: the forwarders have their own)."""
    listings: dict[ModuleType, Callable[[], list[str]]] = {}
    try:
        for source in sources:
            listings[source] = vars(source)["__dir__"]
            source.__dir__ = _held_names(source)  # type: ignore[method-assign]
        yield
    finally:
        for source, listing in listings.items():
            source.__dir__ = listing  # type: ignore[method-assign]


def _held_names(source: ModuleType) -> Callable[[], list[str]]:
    return lambda: [name for name in vars(source) if not name.startswith("__")]
