"""Settings, recent files and window geometry: where they live and that they survive a restart.

Every test runs with the XDG folders and HOME inside ``tmp_path`` (conftest): the first test
checks that the application's folders really are there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch
from jsswhatif.app.files.settings import (
    MAX_RECENT,
    Settings,
    app_dirs,
    autosave_folder,
    log_folder,
    settings_path,
)
from jsswhatif.core.document import Document
from jsswhatif.io.store import save_document

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_every_folder_is_in_the_private_home_and_apart(tmp_path: Path) -> None:
    folders = [settings_path().parent, autosave_folder(), log_folder()]
    for folder in folders:
        assert folder.is_relative_to(tmp_path), folder
    assert settings_path().name == "settings.json"
    assert autosave_folder().name == "autosave"
    assert len(set(folders)) == 3
    assert "bundle" not in {p.name for f in folders for p in [f, *f.parents]}
    assert not autosave_folder().is_relative_to(Path(app_dirs().user_data_dir) / "bundle")


def test_recent_files_are_kept_newest_first_without_repeats(tmp_path: Path) -> None:
    settings = Settings.load()
    paths = [tmp_path / f"doc{i}.jsswhatif" for i in range(MAX_RECENT + 2)]
    for path in paths:
        settings.add_recent(path)
    settings.add_recent(paths[5])
    again = Settings.load()
    assert again.recent[0] == paths[5]
    assert again.recent[1:3] == [paths[-1], paths[-2]]
    assert len(again.recent) == MAX_RECENT
    assert len(set(again.recent)) == MAX_RECENT
    assert again.last_folder == str(tmp_path)
    assert json.loads(settings_path().read_text())["recent_files"][0] == str(paths[5])


def test_two_windows_add_recent_files_without_losing_each_others(tmp_path: Path) -> None:
    first, second = Settings.load(), Settings.load()
    first.add_recent(tmp_path / "a.jsswhatif")
    second.add_recent(tmp_path / "b.jsswhatif")
    assert Settings.load().recent == [tmp_path / "b.jsswhatif", tmp_path / "a.jsswhatif"]


@pytest.mark.parametrize(
    "text", ["", "not json", "[1, 2]", '{"recent_files": "x", "window_geometry": 3}']
)
def test_a_damaged_settings_file_means_the_defaults(text: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(text, encoding="utf-8")
    settings = Settings.load()
    assert settings.recent == []
    assert settings.layout() is None
    settings.remember_folder(Path("/somewhere"))
    assert json.loads(settings_path().read_text())["last_folder"] == "/somewhere"


def test_layout_round_trips_and_bad_base64_is_ignored() -> None:
    settings = Settings.load()
    settings.store_layout(b"\x01geometry\xff", b"state")
    assert Settings.load().layout() == (b"\x01geometry\xff", b"state")
    settings.geometry = "not base64!"
    assert settings.layout() is None


def test_recent_file_and_window_geometry_survive_a_restart(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    path = tmp_path / "kept.jsswhatif"
    save_document(path, sample_document)
    first = make_window(Document())
    assert first.files.open(path)
    width = first.minimumSizeHint().width()  # offscreen the screen is 800 wide: no wider
    first.resize(width, 600)
    first.move(0, 30)
    qtbot.waitUntil(lambda: first.size().width() == width)
    geometry = first.geometry()
    assert first.close()

    second = launch.open_window(None, AS_OF, Settings.load())  # as `jsswhatif` would start
    qtbot.addWidget(second)
    with qtbot.waitExposed(second):
        second.show()
    assert second.controller.path == path
    assert second.files.settings.recent[0] == path
    assert second.geometry() == geometry
    assert second.windowTitle() == "kept.jsswhatif[*] — jsswhatif"


def test_the_first_start_opens_an_empty_untitled_document(qtbot: QtBot) -> None:
    window = launch.open_window(None, AS_OF, Settings.load())
    qtbot.addWidget(window)
    assert window.controller.document.contracts == ()  # its welcome says how to begin
    assert window.controller.path is None


def test_a_recent_file_that_is_gone_falls_back_to_an_empty_document(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.load()
    settings.add_recent(tmp_path / "gone.jsswhatif")
    window = launch.open_window(None, AS_OF, settings)
    qtbot.addWidget(window)
    assert window.controller.document.contracts == ()
    assert window.controller.path is None


def test_the_splitter_position_round_trips_and_bad_base64_is_ignored() -> None:
    settings = Settings.load()
    assert settings.splitter_layout() is None
    settings.store_layout(b"geometry", b"state", b"\x00splitter\xff")
    assert Settings.load().splitter_layout() == b"\x00splitter\xff"
    settings.splitter = "not base64!"
    assert settings.splitter_layout() is None
    settings.store_layout(b"geometry", b"state")  # a window without a splitter state
    assert Settings.load().splitter_layout() is None
