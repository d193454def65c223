"""The garbage collector, kept off the modules and the loaded document (issue 14).

Python's cyclic collector walks every object of its oldest generation in a full pass. With a
document of 10,000 contracts open about 176,000 objects are tracked (most of them the
modules, classes and functions of Qt, pyqtgraph, numpy and pydantic, then the document and
its results), and a toggle set off a full pass most times: 84-242 ms each, about 200 ms of
collection per toggle in all (measured with ``gc.callbacks`` on a loaded two-core machine).

At the start, :func:`importing` keeps the collector off while the application's modules are
imported (every object they make lives as long as the program: the collector walked each of
them once or more, about 195 passes), then freezes them (``gc.freeze()``). When the first
document is on screen, :func:`started` freezes it too. Later passes walk only what was made
since: full passes during toggles then took 10-106 ms, median 22-48.

Frozen objects are still freed by their reference counts (the records of a document hold no
cycles). The cycles among them, which only the collector frees, are collected when another
document is opened or contracts are imported (:func:`document_loaded`): everything is
unfrozen, collected and frozen again.

:func:`tune` raises the youngest generation's threshold: a toggle at 10,000 contracts makes
tens of thousands of objects that its reference counts free again, and at the default 700
the collector still ran about 100 times per toggle over them (about 100 ms in all). At
50,000 it ran about once in ten toggles (once 85 ms, under load), and no more full passes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations (net of frees) between two passes over the youngest generation; the older
#: generations keep Python's defaults.
YOUNG_THRESHOLD = 50_000


def tune() -> None:
    """Set the collector's thresholds for the application (once, at start)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


@contextmanager
def importing() -> Iterator[None]:
    """No collection while the block imports modules; what they made is frozen after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def frozen() -> bool:
    """Whether objects are frozen (the application's modules, a document)."""
    return gc.get_freeze_count() > 0


def started() -> None:
    """The first document is on screen: freeze what is tracked (no collection first: all of
    it lives on)."""
    gc.freeze()


def document_loaded(*_: object) -> None:
    """Another document was opened or recovered, or contracts imported: collect what the
    earlier one left in cycles, then freeze what is tracked."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
