"""Autosave after edits, its removal, and recovery of the work of a window that did not close.

A dead session is made here by writing its files with no lock held (as after a kill); the
real thing, a process killed with SIGKILL and a second start, is in test_smoke_documents.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch
from jsswhatif.app.files.autosave import Autosaver, pending_recoveries
from jsswhatif.app.files.settings import Settings, autosave_folder
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.io.store import load_document, save_document

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def quick(window: MainWindow) -> Autosaver:
    """The window's autosaver, with a 10 ms delay."""
    saver = window.files.autosave
    saver.timer.setInterval(10)
    return saver


def leave_autosave(
    document: Document, original: Path | None, saved_at: dt.datetime, session: str = "4242-dead"
) -> Path:
    """The files a killed session leaves: document and sidecar, no lock held."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    save_document(folder / f"{session}.jsswhatif", document)
    sidecar = {
        "session": session,
        "original_path": None if original is None else str(original),
        "saved_at": saved_at.isoformat(),
        "pid": 4242,
    }
    (folder / f"{session}.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return folder / f"{session}.jsswhatif"


def start(qtbot: QtBot) -> MainWindow:
    """Start as `jsswhatif` with no file does (not shown)."""
    window = launch.open_window(None, AS_OF, Settings.load())
    qtbot.addWidget(window)
    return window


SAVED_AT = dt.datetime(2026, 11, 25, 14, 30, tzinfo=dt.UTC)


# Autosave --------------------------------------------------------------------------------------


def test_an_edit_is_autosaved_with_the_as_of_and_the_original_file(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    saver = quick(window)
    assert not saver.document_file.exists()  # nothing unsaved yet
    window.controller.set_as_of(dt.date(2026, 12, 1))
    window.controller.toggle_excluded(["c3"])
    qtbot.waitUntil(saver.sidecar_file.exists)
    saved = load_document(saver.document_file)
    assert next(c for c in saved.contracts if c.id == "c3").excluded
    assert saved.as_of == dt.date(2026, 12, 1)
    sidecar = json.loads(saver.sidecar_file.read_text())
    assert sidecar["original_path"] == str(path)
    assert dt.datetime.fromisoformat(sidecar["saved_at"]).tzinfo is not None
    assert saver.document_file.parent == autosave_folder()
    assert not load_document(path).contracts[2].excluded  # the user's file is untouched


def test_the_autosave_goes_on_save_undo_to_saved_open_and_close(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    sample_document: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    saver = quick(window)
    c = window.controller

    def autosaved_after(edit: object) -> None:
        qtbot.waitUntil(saver.document_file.exists)

    autosaved_after(c.toggle_excluded(["c3"]))
    assert window.files.save()
    assert not saver.document_file.exists()
    assert not saver.sidecar_file.exists()

    autosaved_after(c.toggle_excluded(["c3"]))
    c.undo_stack.undo()  # back to the saved state: nothing left to recover
    qtbot.waitUntil(lambda: not saver.document_file.exists())

    autosaved_after(c.toggle_excluded(["c2"]))
    assert window.files.new()  # conftest answers "discard"
    assert not saver.document_file.exists()

    autosaved_after(c.add_contract())
    assert window.close()
    assert list(autosave_folder().iterdir()) == []  # the lock is gone too


def test_an_exit_without_closing_the_window_keeps_the_work(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    saver = window.files.autosave  # the 3 s delay: finish() must write at once
    window.controller.toggle_excluded(["c3"])
    window.files.finish()
    assert saver.document_file.exists()
    assert saver.sidecar_file.exists()


def test_a_running_sessions_autosave_is_not_offered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    quick(window)
    window.controller.toggle_excluded(["c3"])
    qtbot.waitUntil(window.files.autosave.document_file.exists)
    assert pending_recoveries(autosave_folder()) == []  # its lock is held


# Recovery --------------------------------------------------------------------------------------


def test_recovery_restores_the_edits_attached_to_the_original_file(
    qtbot: QtBot, tmp_path: Path, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    edited = sample_document.with_contract(
        sample_document.contracts[2].model_copy(update={"excluded": True})
    ).model_copy(update={"as_of": dt.date(2026, 12, 24)})
    old = leave_autosave(edited, path, SAVED_AT)
    asked: list[tuple[dt.datetime, str]] = []

    def ask(parent: object, saved_at: dt.datetime, name: str) -> str:
        asked.append((saved_at, name))
        return "recover"

    monkeypatch.setattr(dialogs, "ask_recover", ask)
    window = start(qtbot)
    assert asked == [(SAVED_AT, "mine.jsswhatif")]
    assert window.controller.document == edited
    assert window.controller.as_of == dt.date(2026, 12, 24)
    assert window.controller.path == path
    assert window.isWindowModified()
    assert window.windowTitle() == "mine.jsswhatif[*] — jsswhatif"
    assert not old.exists()  # the old session's files are gone...
    saver = window.files.autosave
    assert load_document(saver.document_file) == edited  # ...this session holds the work
    assert window.files.save()
    assert load_document(path) == edited


def test_discard_deletes_the_autosave_and_later_keeps_it(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = leave_autosave(sample_document, None, SAVED_AT)
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, saved_at, name: "later")
    window = start(qtbot)
    assert window.controller.document.title.startswith("Dropped")  # the first sample
    assert old.exists()
    names: list[str] = []

    def discard(parent: object, saved_at: str, name: str) -> str:
        names.append(name)
        return "discard"

    monkeypatch.setattr(dialogs, "ask_recover", discard)
    start(qtbot)
    assert names == ["untitled"]
    assert not old.exists()
    assert not old.with_suffix(".json").exists()


def test_the_newest_autosave_is_offered_first_and_the_others_wait(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = leave_autosave(Document(), None, SAVED_AT - dt.timedelta(hours=1), "1-older")
    newer = leave_autosave(sample_document, None, SAVED_AT, "2-newer")
    offered: list[dt.datetime] = []

    def ask(parent: object, saved_at: dt.datetime, name: str) -> str:
        offered.append(saved_at)
        return "recover"

    monkeypatch.setattr(dialogs, "ask_recover", ask)
    window = start(qtbot)
    assert offered == [SAVED_AT]
    assert window.controller.document == sample_document
    assert not newer.exists()
    assert older.exists()
    assert [r.session for r in pending_recoveries(autosave_folder())] == ["1-older"]


def test_a_damaged_autosave_is_reported_and_dropped(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = leave_autosave(sample_document, None, SAVED_AT)
    old.write_text("{ damaged", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, saved_at, name: "recover")
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    window = start(qtbot)
    assert "is not valid JSON" in shown[0]
    assert not old.exists()
    assert window.controller.document.title.startswith("Dropped")


def test_leftovers_without_a_sidecar_are_cleaned_up() -> None:
    folder = autosave_folder()
    folder.mkdir(parents=True)
    (folder / "77-orphan.jsswhatif").write_text("{}", encoding="utf-8")
    (folder / ".77-orphan.jsswhatif.abc.tmp").write_text("{", encoding="utf-8")
    assert pending_recoveries(folder) == []
    assert list(folder.iterdir()) == []
