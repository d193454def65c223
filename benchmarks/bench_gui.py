"""GUI latency at 1,000 and 10,000 contracts, as a user meets it (issue 14).

Prints one JSON object: ``{"display": "offscreen" or the X display used, "1000": {...},
"10000": {...}}``. Each size holds medians (milliseconds unless named ``_s``):

- ``toggle_ms``: Ctrl+E (toggle ended) pressed in the table on one selected row, to the frame
  showing the new scores everywhere (table, summary, plot);
- ``toggle_lookahead_ms``: the same key press to the frame showing the forecast, Top Rated
  and range that the look-ahead computes on its worker thread afterwards;
- ``drag_step_ms``: the mouse, holding the as-of line, moves one pixel (a few days when the
  whole history is shown), to the frame showing the new day's numbers;
- ``drag_updates_per_s``: while the mouse keeps moving (a pixel per report of a 90 Hz
  mouse, for two seconds), how many new days reached the screen per second (at most 90);
- ``keyboard_step_ms``: Alt+Left (one day earlier) to the frame showing that day;
- ``drag_release_ms``: releasing the line after a drag, to the frame with every number of
  the day it was dropped on;
- ``scenario_switch_ms``: Ctrl+PgDown / Ctrl+PgUp between the baseline and a scenario, to
  the frame showing the other one;
- ``rules_change_ms``: Down / Up in the rule-set chooser, to the frame with the new scores;
- ``select_all_exclude_ms``: Ctrl+A then Ctrl+Shift+X in the table (one undoable edit of
  every row), to the frame showing it (undone with Ctrl+Z between runs);
- ``cold_start_s``: from starting a new Python process to the first frame with scores.

Everything goes the user's way: a document with a scenario is saved, made the most recent
file in the settings, and each measurement starts the application through ``launch`` (the
settings, the recent file, the stored window layout); keys and mouse go through ``QTest`` to
the real widgets, so shortcuts, actions and the plot's drag handling run as for a user; the
look-ahead runs on its worker as in use (measurements wait for it between actions, as a user
looking at the result would). "The frame" is the event loop having processed the updates
the change posted, paints included.

Runs offscreen unless ``DISPLAY`` is set, then under that X server (``Xvfb :98 &`` and
``DISPLAY=:98``); the JSON says which. Each size runs in a process of its own. Timings are
wall-clock medians: on a loaded machine run it several times.

Run: ``.venv/bin/python benchmarks/bench_gui.py`` (``--sizes 1000`` for one size).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES = (1000, 10000)
REPEAT = {1000: 11, 10000: 5}
COLD_STARTS = 5
DRAG_SECONDS = 2.0
MOUSE_INTERVAL_S = 0.011  # a mouse reporting at 90 Hz: pyqtgraph takes moves up to 100 Hz
LIMIT_S = 60.0  # the longest wait for one update before the bench gives up

COLD_START_CHILD = """
import sys, datetime as dt
from jsswhatif.app import launch
from jsswhatif.app.files.settings import Settings
app = launch.application()
window = launch.open_window(None, dt.date(2026, 11, 25), Settings.load())
window.show()
window.controller.flush()
app.processEvents()
window.repaint()
print("painted", flush=True)
window.controller.shutdown()
window.close()  # stores the layout, as a user's session would
"""


def _platform() -> tuple[str, str]:
    """(QT_QPA_PLATFORM, what the JSON calls the display)."""
    display = os.environ.get("DISPLAY", "").strip()
    if display:
        return "xcb", display
    return "offscreen", "offscreen"


def _environment(home: Path) -> dict[str, str]:
    """This process's environment with the Qt platform and private XDG folders."""
    platform, _ = _platform()
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYQTGRAPH_QT_LIB": "PySide6"}
    # An installed application has its bytecode compiled: so do the starts measured here
    # (the first, not counted, compiles it into the private folder).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        folder = home / name.lower()
        folder.mkdir(exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    return env


def _prepare(home: Path, size: int, env: dict[str, str]) -> None:
    """Save a document of ``size`` contracts with a scenario; make it the recent file."""
    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from pathlib import Path
from synthetic import synthetic_contracts
from jsswhatif.app.files.settings import Settings
from jsswhatif.core import edits
from jsswhatif.core.document import Document
from jsswhatif.io.store import save_document
contracts = synthetic_contracts({size})
doc = Document(contracts=tuple(contracts)).with_new_scenario("What if")
rows = [(c.id, {{"excluded": True}}) for c in contracts[: {size} // 20]]
doc = edits.set_many(doc, "What if", rows).model_copy(update={{"active_scenario": None}})
path = Path({str(home)!r}) / "bench.jsswhatif"
save_document(path, doc)
settings = Settings.load()
settings.add_recent(path)
settings.save()
"""
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


def cold_start(env: dict[str, str]) -> float:
    """Median seconds from a new process to the first frame with scores (after a first
    run that stores the window layout, like any session after the first)."""
    times = []
    for run in range(COLD_STARTS + 1):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", COLD_START_CHILD],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        child.wait(timeout=120)
        if line.strip() != "painted":
            raise RuntimeError("the cold-start child did not paint its window")
        if run:
            times.append(elapsed)
    return round(statistics.median(times), 3)


class Session:
    """The application started the user's way, and ways to wait for what it shows."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEventLoop, Qt, QTimer
        from PySide6.QtTest import QTest

        from jsswhatif.app import launch
        from jsswhatif.app.files.settings import Settings

        self.qt, self.test = Qt, QTest
        flags = QEventLoop.ProcessEventsFlag
        self.sleep_until_events = flags.AllEvents | flags.WaitForMoreEvents
        self.ticker = QTimer(interval=2)  # wakes a sleeping wait at least every 2 ms
        self.app = launch.application()
        self.ticker.start()
        self.window = launch.open_window(None, dt.date(2026, 11, 25), Settings.load())
        self.window.show()
        self.activate()
        self.controller = self.window.controller
        self.results: list[Any] = []
        self.insights: list[Any] = []
        # Connected last: the views have updated when these slots run.
        self.controller.results_changed.connect(self.results.append)
        self.controller.insights_changed.connect(self.insights.append)
        self.controller.flush()
        self.settle()

    def wait(self, done: Callable[[], bool], limit_s: float = LIMIT_S) -> None:
        """Process events until ``done()``, sleeping while none comes, as the application's
        own loop does (a spinning wait would take the interpreter lock from the worker)."""
        deadline = time.perf_counter() + limit_s
        while not done():
            self.app.processEvents(self.sleep_until_events)
            if time.perf_counter() > deadline:
                raise TimeoutError("the window did not update in time")

    def frame(self) -> None:
        """Process what the update posted (layout, paint requests)."""
        self.app.processEvents()
        self.app.processEvents()

    def settle(self) -> None:
        """Wait for the look-ahead of the current state (a user looking at it)."""
        if self.controller.insights is None:
            self.wait(lambda: self.controller.insights is not None)
        self.frame()

    def activate(self) -> None:
        """Make the window the active one: shortcuts only reach an active window (an X
        server without a window manager activates nothing by itself)."""
        self.window.raise_()
        self.window.activateWindow()
        self.test.qWaitForWindowActive(self.window, 5000)

    def key(self, widget: Any, key: Any, modifiers: Any = None) -> None:
        if not self.window.isActiveWindow():
            self.activate()
        widget.setFocus()
        mods = self.qt.KeyboardModifier.NoModifier if modifiers is None else modifiers
        self.test.keyClick(widget, key, mods)

    def timed(
        self,
        act: Callable[[], None],
        shown: Callable[[], bool],
        before: Callable[[], None] | None = None,
    ) -> float:
        """Seconds from ``act`` to the frame after ``shown()`` holds (``before`` runs first,
        untimed)."""
        self.results.clear()
        self.insights.clear()
        if before is not None:
            before()
        began = time.perf_counter()
        act()
        self.wait(shown)
        self.frame()
        return time.perf_counter() - began

    @property
    def table(self) -> Any:
        return self.window.contracts.table


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def toggles(s: Session, repeat: int) -> dict[str, float]:
    qt = s.qt
    shown, looked = [], []
    ids = [c.id for c in s.controller.contracts]
    for k in range(repeat):
        s.window.contracts.select_ids([ids[(k * 97) % len(ids)]])
        s.frame()
        shown.append(
            s.timed(
                lambda: s.key(s.table, qt.Key.Key_E, qt.KeyboardModifier.ControlModifier),
                lambda: bool(s.results),
            )
        )
        began = time.perf_counter() - shown[-1]
        s.wait(lambda: bool(s.insights))
        s.frame()
        looked.append(time.perf_counter() - began)
    return {"toggle_ms": _median_ms(shown), "toggle_lookahead_ms": _median_ms(looked)}


def keyboard_steps(s: Session, repeat: int) -> float:
    qt = s.qt
    steps = []
    for _ in range(repeat):
        day = s.controller.as_of - dt.timedelta(days=1)
        steps.append(
            s.timed(
                lambda: s.key(s.window, qt.Key.Key_Left, qt.KeyboardModifier.AltModifier),
                lambda day=day: any(r.as_of == day for r in s.results),  # type: ignore[misc]
            )
        )
        s.settle()
    return _median_ms(steps)


class Drag:
    """The mouse on the as-of line of the real plot widget."""

    def __init__(self, s: Session) -> None:
        from PySide6.QtCore import QPointF

        self.s = s
        self.view = s.window.score_plot.canvas.graphics
        self.box = s.window.score_plot.plot_item.vb
        self.point = QPointF
        self.moved = 0.0

    def at(self, day: dt.date) -> Any:
        """The viewport pixel of the line on ``day``, halfway up the plot."""
        from jsswhatif.app.plot.items import epoch_seconds

        (_, _), (y0, y1) = self.box.viewRange()
        scene = self.box.mapViewToScene(self.point(epoch_seconds(day) + 43200, (y0 + y1) / 2))
        return self.view.mapFromScene(scene)

    def press(self) -> None:
        s = self.s
        self.pos = self.at(s.controller.as_of)
        s.test.mousePress(self.view.viewport(), s.qt.MouseButton.LeftButton, pos=self.pos)
        s.frame()

    def move_by(self, pixels: int) -> None:
        """Move the held mouse ``pixels`` to the right (left when negative).

        pyqtgraph drops moves that come sooner than 1/100 s after the last one it took
        (``mouseRateLimit``): the bench idles (processing events) until a move would be
        taken, as a real mouse's next report would be, outside any timing.
        """
        s = self.s
        self.idle()
        self.pos = self.point(self.pos.x() + pixels, self.pos.y()).toPoint()
        self.moved = time.perf_counter()
        s.test.mouseMove(self.view.viewport(), self.pos)

    def idle(self) -> None:
        """Wait (processing events) until the next move would be taken."""
        self.s.wait(lambda: time.perf_counter() - self.moved >= MOUSE_INTERVAL_S)

    def start(self) -> None:
        """Press on the line and move it past pyqtgraph's drag threshold, to a new day."""
        s = self.s
        self.press()
        day = s.controller.as_of
        s.results.clear()
        for _ in range(8):
            self.move_by(-1)
            s.frame()
        s.wait(lambda: any(r.as_of != day for r in s.results))
        s.frame()

    def release(self) -> None:
        s = self.s
        s.test.mouseRelease(self.view.viewport(), s.qt.MouseButton.LeftButton, pos=self.pos)


def drags(s: Session, repeat: int) -> dict[str, float]:
    """A slow drag (one pixel, a few days at the whole-history zoom, each shown before the
    next), its release, then a continuous drag of one pixel per mouse report."""
    drag = Drag(s)
    steps, releases = [], []
    for _ in range(repeat):
        drag.start()
        for _ in range(4):
            day = s.controller.as_of
            steps.append(
                s.timed(
                    lambda: drag.move_by(-1),
                    lambda day=day: any(r.as_of != day for r in s.results),  # type: ignore[misc]
                    before=drag.idle,
                )
            )
        releases.append(
            s.timed(drag.release, lambda: not s.controller.dragging and bool(s.results))
        )
        s.settle()
    drag.start()
    s.results.clear()
    began = time.perf_counter()
    while time.perf_counter() - began < DRAG_SECONDS:
        drag.move_by(-1)  # each move as soon as the mouse would report it
    elapsed = time.perf_counter() - began
    shown = len({r.as_of for r in s.results})
    drag.release()
    s.wait(lambda: not s.controller.dragging)
    s.settle()
    return {
        "drag_step_ms": _median_ms(steps),
        "drag_updates_per_s": round(shown / elapsed, 1),
        "drag_release_ms": _median_ms(releases),
    }


def scenario_switches(s: Session, repeat: int) -> float:
    qt = s.qt
    times = []
    for k in range(repeat):
        key = qt.Key.Key_PageDown if k % 2 == 0 else qt.Key.Key_PageUp
        before = s.controller.scenario
        times.append(
            s.timed(
                lambda key=key: s.key(s.window, key, qt.KeyboardModifier.ControlModifier),  # type: ignore[misc]
                lambda before=before: any(r.scenario != before for r in s.results),  # type: ignore[misc]
            )
        )
        s.settle()
    return _median_ms(times)


def rules_changes(s: Session, repeat: int) -> float:
    qt = s.qt
    combo = s.window.rules_combo
    times = []
    for k in range(repeat):
        key = qt.Key.Key_Down if k % 2 == 0 else qt.Key.Key_Up
        shown = s.controller.results
        assert shown is not None
        before = shown.rules_name
        times.append(
            s.timed(
                lambda key=key: s.key(combo, key),  # type: ignore[misc]
                lambda before=before: any(r.rules_name != before for r in s.results),  # type: ignore[misc]
            )
        )
        s.settle()
    return _median_ms(times)


def select_all_excludes(s: Session, repeat: int) -> float:
    qt = s.qt
    ctrl, shift = qt.KeyboardModifier.ControlModifier, qt.KeyboardModifier.ShiftModifier

    def act() -> None:
        s.key(s.table, qt.Key.Key_A, ctrl)
        s.key(s.table, qt.Key.Key_X, ctrl | shift)

    times = []
    for _ in range(repeat):
        times.append(s.timed(act, lambda: bool(s.results)))
        s.settle()
        s.timed(lambda: s.key(s.table, qt.Key.Key_Z, ctrl), lambda: bool(s.results))
        s.settle()
    return _median_ms(times)


def in_process(size: int) -> dict[str, float | None]:
    """Every in-window figure of one size (this process's environment is prepared).

    A part that fails reports null (its traceback on standard error); the others still run.
    """
    s = Session()
    repeat = REPEAT.get(size, 7)
    parts: list[tuple[tuple[str, ...], Callable[[], Any]]] = [
        (("toggle_ms", "toggle_lookahead_ms"), lambda: toggles(s, repeat)),
        (("keyboard_step_ms",), lambda: keyboard_steps(s, repeat)),
        (
            ("drag_step_ms", "drag_updates_per_s", "drag_release_ms"),
            lambda: drags(s, max(3, repeat // 2)),
        ),
        (("scenario_switch_ms",), lambda: scenario_switches(s, repeat)),
        (("rules_change_ms",), lambda: rules_changes(s, repeat)),
        (("select_all_exclude_ms",), lambda: select_all_excludes(s, max(3, repeat // 3))),
    ]
    figures: dict[str, float | None] = {}
    for names, part in parts:
        print(f"{size}: {', '.join(names)}", file=sys.stderr, flush=True)
        try:
            found = part()
        except Exception:  # reported; the other parts are still measured
            traceback.print_exc()
            found = dict.fromkeys(names)
            s.settle()
        figures.update(found if isinstance(found, dict) else {names[0]: found})
    s.controller.undo_stack.setClean()
    s.controller.shutdown()
    s.window.close()
    return figures


def measure(size: int) -> dict[str, float | None]:
    """One size's figures, each part in processes of its own with private settings."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = _environment(home)
        _prepare(home, size, env)
        seconds = cold_start(env)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
    figures: dict[str, float | None] = json.loads(child.stdout.strip().splitlines()[-1])
    figures["cold_start_s"] = seconds
    return figures


def main() -> int:
    """Measure and print the JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(in_process(args.child)))
        return 0
    figures: dict[str, object] = {"display": _platform()[1]}
    for size in args.sizes:
        figures[str(size)] = measure(size)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
