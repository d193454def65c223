"""The crash hook: a log with the traceback and versions, an autosave, one message naming the
log; errors of worker threads reach the main thread; the previous hooks come back."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif import __version__
from jsswhatif.app.crash import CrashHandler
from jsswhatif.app.files.settings import log_folder
from jsswhatif.app.window import dialogs


class Recorder:
    """Stands in for the message box and the autosave."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[Path | None, str]] = []
        self.autosaves = 0
        monkeypatch.setattr(dialogs, "show_crash", self.show)

    def show(self, parent: object, log_path: Path | None, summary: str) -> None:
        self.messages.append((log_path, summary))

    def autosave(self) -> None:
        self.autosaves += 1


def fail() -> None:
    raise ZeroDivisionError("a bug of ours")


def test_an_error_is_logged_autosaved_and_reported(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = Recorder(monkeypatch)
    handler = CrashHandler(log_folder(), seen.autosave)
    try:
        fail()
    except ZeroDivisionError:
        handler.handle(*sys.exc_info())
    assert len(handler.logs) == 1
    log = handler.logs[0]
    assert log.parent == log_folder()
    assert log.name.startswith("crash-")
    assert log.suffix == ".log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in fail" in text
    assert "ZeroDivisionError: a bug of ours" in text
    assert f"jsswhatif: {__version__}" in text
    assert "Qt: " in text
    assert "PySide6: " in text
    assert seen.autosaves == 1
    assert seen.messages == [(log, "ZeroDivisionError: a bug of ours")]
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_install_replaces_both_hooks_and_uninstall_restores_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(log_folder())
    handler.install()
    try:
        assert sys.excepthook == handler.handle
        assert threading.excepthook != before[1]
    finally:
        handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_worker_threads_error_is_reported_on_the_main_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = Recorder(monkeypatch)
    threads: list[threading.Thread] = []
    monkeypatch.setattr(
        dialogs,
        "show_crash",
        lambda parent, log, summary: threads.append(threading.current_thread()),
    )
    handler = CrashHandler(log_folder(), seen.autosave)
    handler.install()
    try:
        worker = threading.Thread(target=fail, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(threads) == 1)
    finally:
        handler.uninstall()
    assert threads == [threading.main_thread()]
    assert seen.autosaves == 1
    assert "(thread worker)" in handler.logs[0].read_text(encoding="utf-8")
    capsys.readouterr()


def test_an_unwritable_log_folder_still_reports(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen = Recorder(monkeypatch)
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    handler = CrashHandler(blocker / "logs", seen.autosave)
    handler.handle(ValueError, ValueError("x"), None)
    assert seen.messages == [(None, "ValueError: x")]
    capsys.readouterr()
