"""The File menu: save and open read back equal, bad files change nothing, unsaved changes,
samples, import of a contracts CSV, drag and drop, and the title's file name and "*"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.chooser import documents_folder
from jsswhatif.app.files.import_preview import ImportChoice, ImportSource
from jsswhatif.app.files.samples import FIRST_RUN_SAMPLE, bundled_samples, samples_folder
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.io.store import load_document, save_document

from .conftest import SAMPLE_CSV, MakeWindow

RICH = Path(__file__).parents[1] / "io" / "fixtures" / "document-v1.jsswhatif"
TITLE_SUFFIX = " — jsswhatif"

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def answer_save_path(monkeypatch: pytest.MonkeyPatch, target: Path | None) -> list[Path]:
    """Make every save dialog answer ``target``; returns the suggested paths."""
    suggested: list[Path] = []

    def ask(parent: object, title: str, proposed: Path, filters: str) -> Path | None:
        suggested.append(proposed)
        return target

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    return suggested


def record_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    return shown


def modify(window: MainWindow) -> None:
    window.controller.toggle_excluded(["c1"])
    assert window.isWindowModified()


# Save and open ---------------------------------------------------------------------------------


def test_save_then_open_reads_back_equal(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = load_document(RICH)
    window = make_window(original)
    window.controller.set_as_of(dt.date(2026, 12, 10))
    answer_save_path(monkeypatch, tmp_path / "story")  # the suffix is added
    window.window_actions["save"].trigger()  # untitled: Save asks where
    saved = tmp_path / "story.jsswhatif"
    assert window.controller.path == saved
    assert window.windowTitle() == f"story.jsswhatif[*]{TITLE_SUFFIX}"
    assert not window.isWindowModified()

    back = load_document(saved)
    assert back.contracts == original.contracts
    assert back.scenarios == original.scenarios
    assert back.rule_sets == original.rule_sets
    assert back.rule_sets
    assert back.as_of == dt.date(2026, 12, 10)  # the date on screen
    assert back == original.model_copy(update={"as_of": dt.date(2026, 12, 10)})

    other = make_window()
    assert other.files.open(saved)
    assert other.controller.document == back
    assert other.controller.as_of == dt.date(2026, 12, 10)
    assert other.controller.path == saved
    assert other.files.settings.recent[0] == saved


def test_save_writes_the_documents_file_without_asking(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    assert window.windowTitle() == f"mine.jsswhatif[*]{TITLE_SUFFIX}"
    modify(window)
    assert window.windowTitle() == f"mine.jsswhatif[*]{TITLE_SUFFIX}"  # "*" via [*]
    window.window_actions["save"].trigger()  # conftest fails any save dialog
    assert not window.isWindowModified()
    assert load_document(path).contracts[0].excluded


def test_save_as_moves_the_document_to_the_new_file(
    make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    first = tmp_path / "first.jsswhatif"
    save_document(first, sample_document)
    window = make_window(sample_document, path=first)
    modify(window)
    with pytest.MonkeyPatch.context() as patch:
        suggested = answer_save_path(patch, tmp_path / "second.jsswhatif")
        window.window_actions["save_as"].trigger()
    assert suggested == [tmp_path / "first.jsswhatif"]
    assert window.controller.path == tmp_path / "second.jsswhatif"
    assert not load_document(first).contracts[0].excluded
    assert load_document(tmp_path / "second.jsswhatif").contracts[0].excluded


def test_a_write_error_is_shown_and_the_document_stays_unsaved(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    modify(window)
    shown = record_errors(monkeypatch)
    answer_save_path(monkeypatch, tmp_path / "no such folder" / "x.jsswhatif")
    assert not window.files.save()
    assert len(shown) == 1
    assert "x.jsswhatif" in shown[0]
    assert window.isWindowModified()
    assert window.controller.path is None


# Files that cannot be read ---------------------------------------------------------------------


def _sample_json() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (samples_folder() / f"{FIRST_RUN_SAMPLE}.jsswhatif").read_text()
    )
    return data


def _bad_contract() -> str:
    data = _sample_json()
    contracts = data["contracts"]
    assert isinstance(contracts, list)
    contracts[0]["end"] = "2020-01-01"
    return json.dumps(data)


BAD_FILES = {
    "not JSON": ("{ not json", "is not valid JSON"),
    "wrong format": ('{"format": "spreadsheet", "version": 1}', "is not a jsswhatif document"),
    "newer version": (
        json.dumps(_sample_json() | {"version": 99}),
        "was saved by a newer jsswhatif (format version 99",
    ),
    "invalid contract": (_bad_contract(), "contract 'c1': end '2020-01-01' must be on or after"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_shows_a_message_and_leaves_the_document_unchanged(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    text, problem = BAD_FILES[case]
    bad = tmp_path / "bad.jsswhatif"
    bad.write_text(text, encoding="utf-8")
    window = make_window()
    modify(window)
    before = (window.controller.document, window.controller.path, window.windowTitle())
    stack = window.controller.undo_stack
    shown = record_errors(monkeypatch)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, *args: bad)
    window.window_actions["open"].trigger()  # no unsaved-changes question: nothing to open
    assert len(shown) == 1
    assert str(bad) in shown[0]
    assert problem in shown[0]
    assert (window.controller.document, window.controller.path, window.windowTitle()) == before
    assert stack.count() == 1
    assert not stack.isClean()
    assert bad not in window.files.settings.recent


# Unsaved changes -------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_new_asks_about_unsaved_changes(
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sample_document: Document,
    answer: str,
) -> None:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    modify(window)
    asked: list[str] = []

    def ask(parent: object, name: str) -> str:
        asked.append(name)
        return answer

    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    window.window_actions["new"].trigger()
    assert asked == ["mine.jsswhatif"]
    if answer == "cancel":
        assert window.controller.path == path
        assert window.isWindowModified()
        return
    assert window.controller.document.contracts == ()
    assert window.controller.path is None
    assert window.windowTitle() == f"Untitled[*]{TITLE_SUFFIX}"
    assert not window.isWindowModified()
    assert load_document(path).contracts[0].excluded == (answer == "save")


def test_closing_with_unsaved_changes_can_be_cancelled(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    modify(window)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "cancel")
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    assert window.close()


# Samples ---------------------------------------------------------------------------------------


def test_open_sample_lists_every_sample_and_opens_it_untitled_with_its_story(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    menu = window.window_actions.submenus["samples"]
    assert not menu.actions()  # read when about to show, not at start
    menu.aboutToShow.emit()
    samples = bundled_samples()
    assert len(samples) == 3
    assert [a.text() for a in menu.actions()] == [s.title.replace("&", "&&") for s in samples]
    first = next(s for s in samples if s.name == FIRST_RUN_SAMPLE)
    menu.actions()[samples.index(first)].trigger()
    assert window.controller.document.title == first.title
    assert window.controller.path is None
    assert window.info_bar.isVisible()
    assert first.description in window.info_bar.plain_text()
    assert window.windowTitle() == f"{first.title}[*]{TITLE_SUFFIX}"
    assert window.controller.as_of == dt.date(2026, 9, 17)  # the sample's own date

    # Save asks, proposing a new name in the user's documents folder (issue 12, item 8).
    suggested = answer_save_path(monkeypatch, None)
    assert not window.files.save()
    assert suggested[0] == documents_folder() / f"my-{FIRST_RUN_SAMPLE}.jsswhatif"
    assert suggested[0].parent != samples_folder()

    window.info_bar.close_button.click()
    assert not window.info_bar.isVisible()
    window.window_actions["new"].trigger()
    assert not window.info_bar.isVisible()


def test_a_bundled_sample_is_never_saved_over(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    window.files.open(samples_folder() / f"{FIRST_RUN_SAMPLE}.jsswhatif")
    assert window.controller.path is None  # opened from the samples' folder: untitled
    shown = record_errors(monkeypatch)
    suggested = answer_save_path(monkeypatch, samples_folder() / "mine.jsswhatif")
    assert not window.files.save()
    assert suggested[0] == documents_folder() / f"my-{FIRST_RUN_SAMPLE}.jsswhatif"
    assert "cannot be replaced" in shown[0]
    assert not (samples_folder() / "mine.jsswhatif").exists()


# Drag and drop ---------------------------------------------------------------------------------


def _drop(qtbot: QtBot, target: QWidget, path: Path) -> bool:
    """Drag ``path`` onto ``target`` and drop it; whether the drag was accepted."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(20, 20), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(20, 20), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_dropping_a_document_on_the_window_opens_it(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sample_document: Document,
) -> None:
    path = tmp_path / "dropped.jsswhatif"
    save_document(path, sample_document.model_copy(update={"title": "Dropped"}))
    window = make_window()
    modify(window)
    asked: list[str] = []

    def discard(parent: object, name: str) -> str:
        asked.append(name)
        return "discard"

    monkeypatch.setattr(dialogs, "ask_save_changes", discard)
    plot_view = window.score_plot.canvas.graphics.viewport()
    assert _drop(qtbot, plot_view, path)  # a child that takes drops itself
    qtbot.waitUntil(lambda: window.controller.path == path)
    assert asked == ["Untitled"]  # unsaved changes were asked about first
    assert window.controller.document.title == "Dropped"


def test_dropping_a_csv_previews_and_merges_it_and_other_files_are_refused(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV dropped on the window is imported into the open document (tests/app/
    test_importer.py drives the preview itself); it never becomes the document's file."""
    csv = tmp_path / "contracts.csv"
    csv.write_text(SAMPLE_CSV, encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    previewed: list[str] = []

    def take_all(parent: object, source: ImportSource, document: Document) -> ImportChoice:
        previewed.append(source.name)
        return ImportChoice(source.contracts, replace=False, left_out=0)

    monkeypatch.setattr(dialogs, "ask_import_preview", take_all)
    window = make_window(Document())
    assert not _drop(qtbot, window, text)
    assert _drop(qtbot, window, csv)
    qtbot.waitUntil(lambda: len(window.controller.document.contracts) == 5)
    assert previewed == ["contracts.csv"]
    assert window.controller.path is None  # a CSV is never saved over
    assert window.controller.undo_stack.undoText() == "Import contracts from contracts.csv"


# Recent files ----------------------------------------------------------------------------------


def test_open_recent_lists_opens_forgets_missing_files_and_clears(
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sample_document: Document,
) -> None:
    paths = [tmp_path / f"{name}.jsswhatif" for name in ("one", "two", "gone")]
    for path in paths:
        save_document(path, sample_document)
    window = make_window()
    for path in reversed(paths):
        assert window.files.open(path)
    paths[2].unlink()
    menu = window.window_actions.submenus["recent"]
    window.file_menu.fill_recent()
    names = [a.text() for a in menu.actions() if a.text()]
    assert names == ["&1 one.jsswhatif", "&2 two.jsswhatif", "&3 gone.jsswhatif", "&Clear list"]
    menu.actions()[1].trigger()
    assert window.controller.path == paths[1]

    shown = record_errors(monkeypatch)
    assert not window.files.open_recent(paths[2])
    assert "gone.jsswhatif" in shown[0]
    assert paths[2] not in window.files.settings.recent
    assert window.controller.path == paths[1]

    window.window_actions["clear_recent"].trigger()
    window.file_menu.fill_recent()
    assert [a.text() for a in menu.actions() if a.text()] == ["&Clear list"]
    assert not window.window_actions["clear_recent"].isEnabled()


# Keyboard --------------------------------------------------------------------------------------


def test_file_shortcuts(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, sample_document: Document
) -> None:
    path = tmp_path / "keys.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    keys = {
        name: window.window_actions[name].shortcut().toString()
        for name in ("new", "open", "save", "save_as", "quit")
    }
    assert keys == {
        "new": "Ctrl+N",
        "open": "Ctrl+O",
        "save": "Ctrl+S",
        "save_as": "Ctrl+Shift+S",
        "quit": "Ctrl+Q",
    }
    modify(window)
    window.activateWindow()
    qtbot.keyClick(window.contracts.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert load_document(path).contracts[0].excluded


def test_a_document_opened_from_the_command_line_shows_its_description(qtbot: QtBot) -> None:
    """`jsswhatif open sample.jsswhatif` shows the sample's story, as Open Sample does."""
    from jsswhatif.app import launch

    path = launch.resource_path("samples", "dropped-92-to-90.jsswhatif")
    document = launch.load_document(path)
    window = launch.build_window(document, path, dt.date(2026, 9, 17))
    qtbot.addWidget(window)
    assert not window.info_bar.isHidden()
    assert document.description in window.info_bar.plain_text()
