"""What starting the application imports, and in which order (cold start, issue 14).

Checked in a new interpreter, as a user's start is: the modules an export needs only later
are not imported, and the model (numpy, pydantic, the core) comes before PySide6, which reads
the source of every module imported after it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

_SCRIPT = """
import json, sys
import jsswhatif.app.launch
print(json.dumps(list(sys.modules)))
"""


def _modules_of_the_start() -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return modules


def test_the_start_leaves_the_calendar_library_for_the_calendar_export() -> None:
    assert "icalendar" not in _modules_of_the_start()


def test_the_model_is_imported_before_pyside6() -> None:
    modules = _modules_of_the_start()

    first_qt = modules.index("PySide6")
    for name in ("numpy", "pydantic", "jsswhatif.core.document", "jsswhatif.io.store"):
        assert modules.index(name) < first_qt, name
