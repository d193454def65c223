"""A quicker answer to PySide6's question about each module imported after it (issue 14).

PySide6 asks of every module imported after it whether its source names PySide6, to apply
``from __feature__ import`` switches to the modules that use PySide6 only. It reads the source
with ``inspect.getsource``: 70-85 ms of CPU of a cold start for the modules of pyqtgraph and
the application. :func:`check_in_files` makes it search the module's file for the same bytes,
20-30 ms in all: the same answer for every module with a ``.py`` file; others keep
PySide6's own check. A PySide6 without that function is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: The PySide6 module holding the check (``PySide6.support.feature``).
FEATURE_MODULE = "shibokensupport.feature"


def check_in_files() -> None:
    """From now on PySide6 checks a module's file, not its source (once PySide6 is imported)."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or original.__module__ == __name__:
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    vars(feature)["_mod_uses_pyside"] = uses_pyside
