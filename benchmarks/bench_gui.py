"""GUI latency at 1,000 contracts, offscreen: a toggle, an as-of drag step, a cold start.

Writes the seeded synthetic contracts of ``synthetic.py`` as a CSV to a temporary folder,
then measures (medians):

- ``toggle_ms``: trigger "Exclude" on one selected row until the table, summary and plot are
  updated and the changed parts of the window painted (Qt's own update requests, processed
  as the event loop would);
- ``drag_step_ms``: move the as-of line by one day until the summary and table hold the new
  date and the changed parts of the window (summary, table, plot line) are painted;
- ``cold_start_s``: from starting a new Python process to a painted main window holding the
  CSV with its first results.

Prints one JSON object: ``{"contracts": 1000, "toggle_ms": .., "drag_step_ms": ..,
"cold_start_s": ..}``. Run: ``python benchmarks/bench_gui.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import AS_OF, synthetic_contracts

from jsswhatif.io.contracts_csv import write_contracts_csv

CONTRACTS = 1000
TOGGLES = 30
DRAG_STEPS = 60
COLD_STARTS = 5

COLD_START_CHILD = """
import sys, datetime as dt
from pathlib import Path
from jsswhatif.app import launch
app = launch.application()
window = launch.build_window(launch.load_document(Path(sys.argv[1])), Path(sys.argv[1]),
                             dt.date(2026, 11, 25))
window.show()
window.controller.flush()
app.processEvents()
window.repaint()
print("painted", flush=True)
"""


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _wait_for(app: object, done: Callable[[], bool], limit_s: float = 10.0) -> None:
    deadline = time.perf_counter() + limit_s
    while not done():
        app.processEvents()  # type: ignore[attr-defined]
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not update in time")


def in_process(csv_path: Path) -> tuple[float, float]:
    """(toggle_ms, drag_step_ms) medians in this process."""
    from jsswhatif.app import launch
    from jsswhatif.app.plot.items import epoch_seconds

    app = launch.application()
    window = launch.build_window(launch.load_document(csv_path), csv_path, AS_OF)
    window.resize(1400, 900)
    window.show()
    controller = window.controller
    controller.flush()
    controller.flush_insights()
    app.processEvents()
    seen: list[object] = []
    controller.results_changed.connect(seen.append)  # after the views' own slots

    toggles = []
    for k in range(TOGGLES):
        window.contracts.select_ids([controller.contracts[k * 7].id])
        seen.clear()
        start = time.perf_counter()
        window.window_actions["exclude"].trigger()
        _wait_for(app, lambda: bool(seen))
        app.processEvents()  # the paint requests the update posted
        toggles.append(time.perf_counter() - start)
        controller.flush_insights()  # the slower look-ahead, not part of the toggle
        app.processEvents()

    steps = []
    line = window.score_plot.as_of_line
    for k in range(1, DRAG_STEPS + 1):
        day = AS_OF - dt.timedelta(days=k)
        seen.clear()
        start = time.perf_counter()
        line.setValue(epoch_seconds(day) + 3600)
        _wait_for(app, lambda day=day: any(r.as_of == day for r in seen))  # type: ignore[attr-defined, misc]
        app.processEvents()  # the paint requests the update posted
        steps.append(time.perf_counter() - start)
    line.sigPositionChangeFinished.emit(line)
    controller.undo_stack.setClean()
    window.close()
    return _median_ms(toggles), _median_ms(steps)


def cold_start(csv_path: Path) -> float:
    """Median seconds from a new process to a painted window holding the CSV."""
    times = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(COLD_STARTS):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", COLD_START_CHILD, str(csv_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        times.append(time.perf_counter() - start)
        child.wait(timeout=60)
        if line.strip() != "painted":
            raise RuntimeError("the cold-start child did not paint its window")
    return round(statistics.median(times), 3)


def main() -> int:
    """Measure and print the JSON object."""
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "contracts-1000.csv"
        write_contracts_csv(csv_path, synthetic_contracts(CONTRACTS))
        seconds = cold_start(csv_path)
        toggle_ms, drag_step_ms = in_process(csv_path)
    figures = {
        "contracts": CONTRACTS,
        "toggle_ms": toggle_ms,
        "drag_step_ms": drag_step_ms,
        "cold_start_s": seconds,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
