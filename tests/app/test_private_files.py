"""Autosaves and crash logs hold the user's contracts: 0600 files in 0700 folders.

They were created like any file (0644 in 0755 folders under the usual umask 022): anyone on the
machine could read them. The usual umask is set for each test, so that a file that is not made
private on purpose shows it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app.crash import write_crash_log
from jsswhatif.app.files.settings import autosave_folder, log_folder

from .conftest import MakeWindow

pytestmark = [
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(os.name != "posix", reason="POSIX permissions"),
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_autosave_is_private(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    saver = window.files.autosave
    window.controller.toggle_excluded(["c1"])
    with qtbot.wait_signal(saver.saved):
        saver.save_soon()  # the worker's write
    assert mode(autosave_folder()) == 0o700
    assert mode(saver.document_file) == 0o600
    assert mode(saver.sidecar_file) == 0o600
    window.controller.toggle_excluded(["c2"])
    assert saver.save_now() == saver.document_file  # the direct write (exit, crash)
    assert mode(saver.document_file) == 0o600
    assert mode(saver.sidecar_file) == 0o600


def test_an_existing_open_folder_is_narrowed(make_window: MakeWindow) -> None:
    folder = autosave_folder()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    window = make_window()
    window.controller.toggle_excluded(["c1"])
    assert window.files.autosave.save_now() is not None
    assert mode(folder) == 0o700


def test_a_crash_log_is_private() -> None:
    try:
        raise RuntimeError("contract 'Acme redesign' broke")
    except RuntimeError as exc:
        path = write_crash_log(log_folder(), RuntimeError, exc, exc.__traceback__)
    assert path is not None
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert "Acme redesign" in path.read_text(encoding="utf-8")
