"""Opening is all or nothing: a file that cannot be shown changes nothing on screen.

A document can pass the loader and still fail later: its plot range or its first results may
not compute (an as-of date of 9999-01-01 runs the 24-month look-ahead past the calendar). The
window must then keep exactly what it had: the same document with its unsaved edits, the same
file (so Save writes where it wrote before, never over the file that failed), the same undo
history and the same unsaved state, and the user gets one message naming the file and the
problem. Failures are also injected after loading (the first computation raises), so the
guarantee does not rest on the loader refusing such files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch
from jsswhatif.app.files.samples import FIRST_RUN_SAMPLE, sample_named
from jsswhatif.app.files.settings import Settings
from jsswhatif.app.window import compute_cache, dialogs
from jsswhatif.app.window.controller import Controller, UnusableDocument
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.rules import Rules
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.io.store import load_document, save_document

from .conftest import AS_OF, SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

#: Valid to the loader of today's format version 1 (no contracts, an as-of date), but its
#: plot range (24 months after the as-of date) is past the end of the calendar.
FAR_AS_OF = json.dumps({"format": "jsswhatif", "version": 1, "as_of": "9999-01-01"})

TWO_CSV = "client,start\nAcme,2026-01-05\nBeta,2026-02-01\n"


def break_timelines_of(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Make the first computation of any document with ``count`` contracts raise."""

    def failing(
        contracts: Sequence[Contract], rules: Rules, first: dt.date, last: dt.date
    ) -> Timeline:
        if len(contracts) == count:
            raise RuntimeError("injected failure of the first results")
        return compute_timeline(contracts, rules, first, last)

    monkeypatch.setattr(compute_cache, "compute_timeline", failing)


class Before:
    """What the window showed before the open, to compare with after it."""

    def __init__(self, window: MainWindow) -> None:
        c = window.controller
        self.window = window
        self.state = (c.document, c.path, c.as_of, c.plot_range, window.windowTitle())
        self.history = (c.undo_stack.count(), c.undo_stack.index(), c.undo_stack.isClean())
        self.rows = window.contracts.model.rowCount()

    def unchanged(self) -> bool:
        c = self.window.controller
        return (
            (c.document, c.path, c.as_of, c.plot_range, self.window.windowTitle()) == self.state
            and (c.undo_stack.count(), c.undo_stack.index(), c.undo_stack.isClean()) == self.history
            and self.window.contracts.model.rowCount() == self.rows
            and self.window.isWindowModified()
        )


def edited_window(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> tuple[MainWindow, Path]:
    """A window on a saved file, with one unsaved edit (c1 excluded)."""
    mine = tmp_path / "mine.jsswhatif"
    save_document(mine, sample_document)
    window = make_window(sample_document, path=mine)
    window.controller.toggle_excluded(["c1"])
    assert window.isWindowModified()
    return window, mine


def record(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Record error messages and unsaved-changes questions (answered "discard")."""
    errors: list[str] = []
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))

    def ask(parent: object, name: str) -> str:
        questions.append(name)
        return "discard"

    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    return errors, questions


def open_by_menu(window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """File ▸ Open, answering ``path``."""
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, *args: path)
    window.window_actions["open"].trigger()


def test_a_document_past_the_calendar_does_not_take_over_the_window(
    make_window: MakeWindow,
    tmp_path: Path,
    sample_document: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's case: refused (by the loader or when computing), nothing changes, and
    Save still writes the user's own file, never the file that failed to open."""
    window, mine = edited_window(make_window, tmp_path, sample_document)
    far = tmp_path / "far.jsswhatif"
    far.write_text(FAR_AS_OF, encoding="utf-8")
    before = Before(window)
    errors, questions = record(monkeypatch)
    open_by_menu(window, monkeypatch, far)
    assert len(errors) == 1
    assert str(far) in errors[0]
    assert questions == []  # refused before asking about the unsaved changes
    assert before.unchanged()
    assert window.files.chooser.origin is None
    assert far not in window.files.settings.recent
    window.window_actions["save"].trigger()
    assert far.read_text(encoding="utf-8") == FAR_AS_OF
    assert next(c for c in load_document(mine).contracts if c.id == "c1").excluded


@pytest.mark.parametrize("kind", ["document", "csv"])
def test_a_failure_after_loading_changes_nothing(
    make_window: MakeWindow,
    tmp_path: Path,
    sample_document: Document,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """Whatever fails after the file was read (here the first timeline), the open is undone
    before it began: one message names the file and the error."""
    window, mine = edited_window(make_window, tmp_path, sample_document)
    other = tmp_path / ("two.jsswhatif" if kind == "document" else "two.csv")
    if kind == "document":
        save_document(other, Document(contracts=sample_document.contracts[:2]))
    else:
        other.write_text(TWO_CSV, encoding="utf-8")
    saved_before = other.read_bytes()
    break_timelines_of(monkeypatch, 2)
    before = Before(window)
    errors, questions = record(monkeypatch)
    open_by_menu(window, monkeypatch, other)
    assert len(errors) == 1
    assert str(other) in errors[0]
    assert "injected failure of the first results (RuntimeError)" in errors[0]
    assert questions == []
    assert before.unchanged()
    window.window_actions["save"].trigger()  # Ctrl+S
    assert other.read_bytes() == saved_before
    assert next(c for c in load_document(mine).contracts if c.id == "c1").excluded


def test_a_sample_and_a_new_document_that_fail_change_nothing(
    make_window: MakeWindow,
    tmp_path: Path,
    sample_document: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _ = edited_window(make_window, tmp_path, sample_document)
    sample = sample_named(FIRST_RUN_SAMPLE)
    assert sample is not None
    break_timelines_of(monkeypatch, len(load_document(sample.path).contracts))
    before = Before(window)
    errors, questions = record(monkeypatch)
    assert not window.files.open_sample(sample)
    break_timelines_of(monkeypatch, 0)
    window.window_actions["new"].trigger()
    assert len(errors) == 2
    assert str(sample.path) in errors[0]
    assert questions == []
    assert before.unchanged()


def test_the_controller_prepares_without_touching_anything(
    qtbot: QtBot, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    """prepare() computes; set_document() of a plain document refuses it whole."""
    far = Document()
    break_timelines_of(monkeypatch, 0)
    before = (controller.document, controller.as_of, controller.plot_range)
    with qtbot.assert_not_emitted(controller.document_changed):
        with pytest.raises(UnusableDocument, match="cannot be shown"):
            controller.prepare(far)
        with pytest.raises(UnusableDocument):
            controller.set_document(far, Path("/nowhere/far.jsswhatif"))
    assert (controller.document, controller.as_of, controller.plot_range) == before
    assert controller.path is None
    monkeypatch.setattr(compute_cache, "compute_timeline", compute_timeline)
    opening = controller.prepare(Document())
    with qtbot.wait_signal(controller.results_changed):
        controller.set_document(opening)
    assert controller.results is not None
    assert controller.results.evaluation is opening.results.evaluation  # computed once


def test_a_start_on_a_file_that_cannot_be_shown_says_why_in_one_line(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """launch.run (behind `jsswhatif open FILE`) makes no window and exits 2 with a message."""
    path = tmp_path / "two.csv"
    path.write_text(TWO_CSV, encoding="utf-8")
    break_timelines_of(monkeypatch, 2)
    with pytest.raises(UnusableDocument):
        launch.open_window(path, AS_OF, Settings.load())
    assert launch.run(path) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"jsswhatif: error: {path}: ")
    assert "injected failure" in err


def run_command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m jsswhatif ARGS`` offscreen; quits by itself if a window ever opens."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    environment[launch.QUIT_AFTER_ENV] = "200"
    return subprocess.run(
        [sys.executable, "-m", "jsswhatif", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_jsswhatif_open_on_the_far_document_prints_no_traceback(tmp_path: Path) -> None:
    far = tmp_path / "far.jsswhatif"
    far.write_text(FAR_AS_OF, encoding="utf-8")
    done = run_command("open", str(far))
    assert "Traceback" not in done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("jsswhatif: error: ")
    assert str(far) in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_sample_csv_still_opens(make_window: MakeWindow, tmp_path: Path) -> None:
    """The guard refuses only what fails: a good file opens as before."""
    window = make_window()
    good = tmp_path / "contracts.csv"
    good.write_text(SAMPLE_CSV, encoding="utf-8")
    assert window.files.open(good)
    assert window.controller.undo_stack.isClean()
    assert window.controller.flush().displayed == 90
