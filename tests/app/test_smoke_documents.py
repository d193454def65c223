"""The real application in subprocesses, offscreen, with documents.

* First start: an empty document welcomes the newcomer; its "Open a sample" offers the samples,
  one opens with its story; File ▸ Export ▸ Plot as PNG writes the plot.
* Crash recovery: a first process opens a document, edits it, waits for the autosave and is
  killed with SIGKILL; a second start (with no file, or on the same file), answering
  "Recover", shows the edit, unsaved, attached to the original file.
* The crash hook of ``run``: an error in a slot is logged to the log folder and reported.

Each process is a small driver script that schedules its steps with timers and then calls
:func:`jsswhatif.app.launch.run`, the function behind the ``jsswhatif`` command. The XDG
folders point into the test's ``tmp_path`` (conftest) and the subprocesses inherit them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from jsswhatif.app.files.settings import autosave_folder, log_folder
from jsswhatif.core.document import Document
from jsswhatif.io.store import load_document, save_document

PRELUDE = """
import json, os, signal, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jsswhatif.app.window import dialogs
from jsswhatif.app import launch
from jsswhatif.app.window.main_window import MainWindow

app = launch.application()

def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

def report(**values):
    print("REPORT " + json.dumps(values), flush=True)
"""

FIRST_START = """
def save_path(parent, title, suggested, filters):
    return Path(sys.argv[1])
dialogs.ask_save_path = save_path

def export():
    w = window()
    first = dict(
        first_title=w.windowTitle(),
        welcome=w.contracts.welcome.isVisible(),
        table=w.contracts.table.isVisible(),
        contracts=len(w.controller.contracts),
    )
    w.contracts.welcome.buttons["samples"].click()  # pops up File ▸ Open Sample
    menu = w.window_actions.submenus["samples"]
    popped = menu.isVisible()
    next(a for a in menu.actions() if a.text().startswith("Dropped from 92%")).trigger()
    menu.close()
    w.window_actions["export_png"].trigger()
    report(title=w.windowTitle(), story=w.info_bar.plain_text(), shown=w.info_bar.isVisible(),
           popped=popped, after_welcome=w.contracts.welcome.isVisible(), **first)

QTimer.singleShot(0, export)
sys.exit(launch.run(None))
"""

EDIT_THEN_DIE = """
def edit():
    saver = window().files.autosave
    saver.delay_ms = 50
    window().controller.toggle_excluded(["c3"])

    def check():
        if saver.sidecar_file.exists():
            report(autosave=str(saver.document_file))
            os.kill(os.getpid(), signal.SIGKILL)

    poll = QTimer(window())
    poll.timeout.connect(check)
    poll.start(20)

QTimer.singleShot(0, edit)
sys.exit(launch.run(Path(sys.argv[1])))
"""

RECOVER = """
asked = []

def recover(parent, saved_at, name):
    asked.append(name)
    return "recover"
dialogs.ask_recover = recover

def state():
    w = window()
    c = w.controller
    excluded = [x.id for x in c.document.contracts if x.excluded]
    report(asked=asked, path=str(c.path), modified=w.isWindowModified(), excluded=excluded,
           autosave=str(w.files.autosave.document_file))

QTimer.singleShot(0, state)
sys.exit(launch.run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
"""

CRASH = """
def crashed(parent, log_path, summary):
    report(log=str(log_path), summary=summary)
dialogs.show_crash = crashed

def broken():
    raise RuntimeError("scripted failure")

QTimer.singleShot(0, broken)
sys.exit(launch.run(None))
"""


def run_driver(
    script: str, *args: str, quit_after_ms: int = 600
) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    """Run PRELUDE + ``script`` in a fresh Python; the process and its REPORT values."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["JSSWHATIF_QUIT_AFTER_MS"] = str(quit_after_ms)
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    reports = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    values = json.loads(reports[-1].removeprefix("REPORT ")) if reports else {}
    return done, values


def test_first_start_welcomes_then_opens_a_sample_and_exports_the_plot(tmp_path: Path) -> None:
    """The first start shows how to begin, not a sample without a word (issue 12, item 11)."""
    png = tmp_path / "plot.png"
    done, seen = run_driver(FIRST_START, str(png))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert seen["first_title"] == "Untitled[*] — jsswhatif"
    assert (seen["welcome"], seen["table"], seen["contracts"]) == (True, False, 0)
    assert seen["popped"] is True
    assert seen["after_welcome"] is False
    assert str(seen["title"]).startswith("Dropped from 92% to 90% without doing anything")
    assert seen["shown"] is True
    assert "Move the as-of date across 2026-09-15" in str(seen["story"])
    image = QImage(str(png))
    assert image.width() == 1600
    assert image.height() > 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("command", ["jsswhatif", "jsswhatif open FILE"])
def test_work_of_a_killed_process_is_recovered_on_the_next_start(
    tmp_path: Path, sample_document: Document, command: str
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)

    killed, first = run_driver(EDIT_THEN_DIE, str(path), quit_after_ms=60_000)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    autosave = Path(str(first["autosave"]))
    assert autosave.parent == autosave_folder()
    assert next(c for c in load_document(autosave).contracts if c.id == "c3").excluded
    assert not load_document(path).contracts[2].excluded  # never saved

    done, second = run_driver(RECOVER, *([str(path)] if command.endswith("FILE") else []))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert second["asked"] == ["mine.jsswhatif"]
    assert second["path"] == str(path)
    assert second["modified"] is True
    assert second["excluded"] == ["c3"]
    assert not autosave.exists()  # the killed session's files are gone
    # The second process quit by timer without its window closing: the work, still unsaved,
    # is in its own autosave for the next start.
    assert Path(str(second["autosave"])).exists()
    assert not load_document(path).contracts[2].excluded


def test_run_installs_the_crash_hook(tmp_path: Path) -> None:
    done, seen = run_driver(CRASH)
    assert done.returncode == 0, done.stderr
    assert seen["summary"] == "RuntimeError: scripted failure"
    log = Path(str(seen["log"]))
    assert log.parent == log_folder()
    assert log.is_relative_to(tmp_path)
    assert "RuntimeError: scripted failure" in log.read_text(encoding="utf-8")
    assert "RuntimeError: scripted failure" in done.stderr  # as Python would print it
