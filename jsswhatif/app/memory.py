"""The garbage collector, kept off the long-lived objects of a loaded document (issue 14).

Python's cyclic collector walks every object of its oldest generation in a full pass. With a
document of 10,000 contracts open about 176,000 objects are tracked (most of them the
modules, classes and functions of Qt, pyqtgraph, numpy and pydantic, then the document and
its results), and a toggle set off a full pass most times: 84-242 ms each, about 200 ms of
collection per toggle in all (measured with ``gc.callbacks`` on a loaded two-core machine).

After a document is loaded, opened or imported, :func:`document_loaded` freezes what is
tracked (``gc.freeze()``): those objects live as long as the document, and later passes walk
only what was made since (full passes during toggles then took 10-106 ms, median 22-48).
Frozen objects are still freed by their reference counts (the records of a document hold no
cycles); the cycles among them, which only the collector frees, are collected when the next
document comes: everything is unfrozen, collected and frozen again.

:func:`tune` raises the youngest generation's threshold: a toggle at 10,000 contracts makes
tens of thousands of objects that its reference counts free again, and at the default 700
the collector still ran about 100 times per toggle over them (about 100 ms in all). At
50,000 it ran about once in ten toggles (once 85 ms, under load), and no more full passes.
"""

from __future__ import annotations

import gc

#: Allocations (net of frees) between two passes over the youngest generation; the older
#: generations keep Python's defaults.
YOUNG_THRESHOLD = 50_000


def tune() -> None:
    """Set the collector's thresholds for the application (once, at start)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def frozen() -> bool:
    """Whether objects are frozen (a document was loaded since the start)."""
    return gc.get_freeze_count() > 0


def document_loaded(*_: object) -> None:
    """A document was loaded (opened, recovered, imported into): freeze what is tracked.

    The objects frozen after an earlier document are first unfrozen and collected, so that
    the cycles the earlier document left are freed.
    """
    if frozen():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
