"""Two windows on one file: Save asks before writing over the other's work; autosaves apart.

Two windows of the application (here two windows of one process; two processes behave the same,
as everything goes through the file) open ``mine.jsswhatif``. The first saves an edit; the
second, saving its own edit afterwards, used to overwrite the first's silently. It now notices
that the file changed since it read it and asks: reload, overwrite, save as, or cancel.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch
from jsswhatif.app.files.settings import Settings, autosave_folder
from jsswhatif.app.files.stamp import FileStamp
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.io.store import load_document, save_document

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def excluded(path: Path) -> list[str]:
    return [c.id for c in load_document(path).contracts if c.excluded]


def shown_excluded(window: MainWindow) -> list[str]:
    return [c.id for c in window.controller.document.contracts if c.excluded]


def answer_file_changed(monkeypatch: pytest.MonkeyPatch, choice: str) -> list[str]:
    """Answer the file-changed question with ``choice``; the names it was asked about."""
    asked: list[str] = []

    def ask(parent: object, name: str) -> str:
        asked.append(name)
        return choice

    monkeypatch.setattr(dialogs, "ask_file_changed", ask)
    return asked


@pytest.fixture
def two(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> tuple[MainWindow, MainWindow, Path]:
    """Two windows on mine.jsswhatif; the first has saved c1 excluded, the second has c2
    excluded, unsaved."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    first = make_window(sample_document, path=path)
    second = make_window(sample_document, path=path)
    first.controller.toggle_excluded(["c1"])
    first.window_actions["save"].trigger()
    assert excluded(path) == ["c1"]
    second.controller.toggle_excluded(["c2"])
    return first, second, path


def test_overwrite_after_asking(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, second, path = two
    asked = answer_file_changed(monkeypatch, "overwrite")
    second.window_actions["save"].trigger()
    assert asked == ["mine.jsswhatif"]
    assert excluded(path) == ["c2"]
    assert not second.isWindowModified()
    second.controller.toggle_excluded(["c3"])
    second.window_actions["save"].trigger()  # its own file now: no question
    assert asked == ["mine.jsswhatif"]


def test_cancel_writes_nothing(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, second, path = two
    answer_file_changed(monkeypatch, "cancel")
    assert not second.files.save()
    assert excluded(path) == ["c1"]
    assert second.isWindowModified()
    assert shown_excluded(second) == ["c2"]


def test_reload_shows_the_file_as_it_is(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, second, path = two
    answer_file_changed(monkeypatch, "reload")
    assert not second.files.save()
    assert excluded(path) == ["c1"]
    assert shown_excluded(second) == ["c1"]
    assert not second.isWindowModified()
    assert second.controller.undo_stack.count() == 0
    assert second.controller.path == path
    assert "Reloaded" in second.statusBar().currentMessage()


def test_reload_of_a_file_that_no_longer_reads_changes_nothing(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, second, path = two
    path.write_text("{ damaged", encoding="utf-8")
    answer_file_changed(monkeypatch, "reload")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    assert not second.files.save()
    assert len(errors) == 1
    assert str(path) in errors[0]
    assert shown_excluded(second) == ["c2"]
    assert second.isWindowModified()


def test_save_as_keeps_both(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _, second, path = two
    answer_file_changed(monkeypatch, "save_as")
    other = tmp_path / "mine-too.jsswhatif"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, title, proposed, f: other)
    assert second.files.save()
    assert excluded(path) == ["c1"]
    assert excluded(other) == ["c2"]
    assert second.controller.path == other


def test_closing_with_save_asks_too(
    two: tuple[MainWindow, MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, second, path = two
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "save")
    asked = answer_file_changed(monkeypatch, "cancel")
    assert not second.close()  # the save was cancelled, so the window stays
    assert asked == ["mine.jsswhatif"]
    assert excluded(path) == ["c1"]


def test_no_question_when_only_touched_or_gone(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    """The conftest fails the test if the question is asked."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    window.controller.toggle_excluded(["c1"])
    os.utime(path, ns=(1, 1))  # a touch: other time, same bytes
    assert window.files.save()
    window.controller.toggle_excluded(["c2"])
    path.unlink()  # gone: saving recreates it, nothing is lost
    assert window.files.save()
    assert excluded(path) == ["c1", "c2"]


def test_a_start_on_the_file_and_a_recovery_remember_it_too(
    qtbot: QtBot, tmp_path: Path, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jsswhatif open FILE` stamps the file it read; an autosave's sidecar keeps the stamp,
    so a recovered window still notices another window's save since the crash."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = launch.open_window(path, AS_OF, Settings.load())
    qtbot.addWidget(window)
    window.controller.toggle_excluded(["c3"])
    saver = window.files.autosave
    assert saver.save_now() is not None
    sidecar = json.loads(saver.sidecar_file.read_text(encoding="utf-8"))
    assert FileStamp.from_json(sidecar["original_stamp"]) == FileStamp.of(path)
    # The window's process dies: its files become a dead session's.
    folder = autosave_folder()
    (folder / "4242-dead.jsswhatif").write_bytes(saver.document_file.read_bytes())
    (folder / "4242-dead.json").write_text(json.dumps(sidecar), encoding="utf-8")
    saver.discard()
    # Another window saves the file meanwhile.
    other = sample_document.with_contract(
        sample_document.contracts[0].model_copy(update={"excluded": True})
    )
    save_document(path, other)
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, at, name: "recover")
    recovered = launch.open_window(None, AS_OF, Settings.load())
    qtbot.addWidget(recovered)
    assert shown_excluded(recovered) == ["c3"]
    asked = answer_file_changed(monkeypatch, "cancel")
    assert not recovered.files.save()
    assert asked == ["mine.jsswhatif"]
    assert excluded(path) == ["c1"]


def test_two_windows_autosave_apart(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    """Each session writes its own autosave: neither overwrites the other's recovery."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    first = make_window(sample_document, path=path)
    second = make_window(sample_document, path=path)
    first.controller.toggle_excluded(["c1"])
    second.controller.toggle_excluded(["c2"])
    a, b = first.files.autosave.save_now(), second.files.autosave.save_now()
    assert a is not None
    assert b is not None
    assert a != b
    assert excluded(a) == ["c1"]
    assert excluded(b) == ["c2"]
    for saver in (first.files.autosave, second.files.autosave):
        sidecar = json.loads(saver.sidecar_file.read_text(encoding="utf-8"))
        assert sidecar["original_path"] == str(path)
