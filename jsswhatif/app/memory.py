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

:func:`tune` also keeps the collector on the main thread. Python collects on whichever thread
allocates when a threshold is passed: often the look-ahead's worker thread, which unpickles
the helper's answers. A collection there frees the Qt objects it finds in cycles (a closed
window, a dialog) on that thread, which Qt forbids: it crashed, or deadlocked with the main
thread (the test suite hung so, in CI). So the automatic collector is off, and a timer on
the main thread collects what Python would have collected by then (:func:`collect_due`).
pyqtgraph's ``GarbageCollector`` does the same for its examples; this timer is a child of
the application (no module-level reference keeps it) and collects the generation Python
would have chosen, once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when called: launch imports this module before PySide6
    from PySide6.QtCore import QCoreApplication

#: Allocations (net of frees) between two passes over the youngest generation; the older
#: generations keep Python's defaults.
YOUNG_THRESHOLD = 50_000


#: How often the main thread's timer looks whether a collection is due, in milliseconds.
COLLECT_EVERY_MS = 1000

_TIMER_NAME = "jsswhatif-collector"


def tune(app: QCoreApplication) -> None:
    """Set the collector's thresholds for the application, and have it collect on the main
    thread only, on a timer of ``app`` (see the module's description). Again for the same
    application, it only turns the automatic collector off."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415 (launch imports this module first)

    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    gc.disable()
    if app.findChild(QTimer, _TIMER_NAME) is None:
        timer = QTimer(app)
        timer.setObjectName(_TIMER_NAME)
        timer.timeout.connect(collect_due)
        timer.start(COLLECT_EVERY_MS)


def collect_due() -> int | None:
    """Collect what Python's automatic collector would have collected by now: nothing until
    the youngest generation's count passes its threshold, then the oldest generation whose
    count passed its own. Returns the generation collected, or None."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if counts[0] <= thresholds[0]:
        return None
    generation = max(g for g in range(3) if counts[g] > thresholds[g])
    gc.collect(generation)
    return generation


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
