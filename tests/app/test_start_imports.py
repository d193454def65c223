"""What starting the application imports, in which order, and with what collector (cold
start, issue 14).

Checked in a new interpreter, as a user's start is: the modules an export needs only later
are not imported; the model (numpy, pydantic, the core) comes before PySide6, which reads
the source of every module imported after it; no garbage collection runs while the modules
load, and what they made is frozen afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

_SCRIPT = """
import json, sys
import jsswhatif.app.launch
print(json.dumps(list(sys.modules)))
"""


_COLLECTOR_SCRIPT = """
import gc, json
import jsswhatif.app.memory
passes = []
gc.callbacks.append(lambda phase, info: passes.append(info["generation"]))
import jsswhatif.app.launch
print(json.dumps([len(passes), gc.isenabled(), gc.get_freeze_count() > 0]))
"""


_PYSIDE_USE_SCRIPT = """
import inspect, json, sys
import jsswhatif.app.launch
check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
def by_source(module):  # PySide6's own check
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
modules = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")]
differ = [m.__name__ for m in modules if check(m) != by_source(m)]
using = sum(check(m) for m in modules)
print(json.dumps([check.__module__, len(modules), using, differ]))
"""


_PYQTGRAPH_SCRIPT = """
import json
import jsswhatif.app.launch
import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W
import pyqtgraph.Qt as pq
made = [len(vars(m)) for m in (C, G, W)]
listed = [len(dir(m)) for m in (C, G, W)]
same = [
    pq.QtCore.QPointF is C.QPointF,
    pq.QtCore.Qt is C.Qt,
    pq.QtGui.QColor is G.QColor,
    pq.QtWidgets.QGraphicsView is W.QGraphicsView,
    pq.QtCore.__version__ == C.__version__,
    "QTimeZone" in dir(pq.QtCore),
]
print(json.dumps([made, listed, same, hasattr(pq.QtCore, "NoSuchClass"), pq.VERSION_INFO]))
"""


def _run(script: str) -> Any:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def _modules_of_the_start() -> list[str]:
    modules: list[str] = _run(_SCRIPT)
    return modules


def test_the_start_leaves_the_calendar_library_for_the_calendar_export() -> None:
    assert "icalendar" not in _modules_of_the_start()


def test_the_start_leaves_dialogs_imports_and_reports_to_when_they_are_used() -> None:
    modules = _modules_of_the_start()

    for name in (
        "jsswhatif.app.files.import_preview",
        "jsswhatif.app.files.mapping_dialog",
        "jsswhatif.app.rules.dialog",
        "jsswhatif.app.report_export",
        "jsswhatif.io.column_mapping",
        "jsswhatif.io.upwork",
    ):
        assert name not in modules, name


def test_the_model_is_imported_before_pyside6() -> None:
    modules = _modules_of_the_start()

    first_qt = modules.index("PySide6")
    for name in ("numpy", "pydantic", "jsswhatif.core.document", "jsswhatif.io.store"):
        assert modules.index(name) < first_qt, name


def test_no_collection_runs_while_the_application_loads_and_what_it_made_is_frozen() -> None:
    passes, enabled, frozen = _run(_COLLECTOR_SCRIPT)

    assert passes == 0
    assert enabled
    assert frozen


def test_pyside6_finds_the_modules_that_use_it_from_their_files_as_from_their_source() -> None:
    where, modules, using, differ = _run(_PYSIDE_USE_SCRIPT)

    assert where == "jsswhatif.app.pyside_check"  # the quick check is in place
    assert modules > 300
    assert using > 50
    assert differ == []


def test_pyqtgraph_reads_pyside6_without_making_every_class_of_it() -> None:
    made, listed, same, unknown_found, version = _run(_PYQTGRAPH_SCRIPT)

    # pyqtgraph's copy of every name made every class: about 0.2 s of a cold start.
    assert all(m < 0.6 * n for m, n in zip(made, listed, strict=True)), (made, listed)
    assert min(listed) > 200  # PySide6 lists all its names again afterwards
    assert same == [True] * 6  # what pyqtgraph reads is PySide6's own
    assert not unknown_found
    assert version.startswith("PySide6 6.")
