"""The garbage collector after loading: the document's objects are frozen, whichever way it
came (the recent file, a file named, another one opened, an import), and what an earlier
document left in cycles is freed when the next one comes. It collects on the main thread
only, never on a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch, memory
from jsswhatif.app.files.import_preview import ImportChoice, ImportSource
from jsswhatif.app.files.settings import Settings
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document
from jsswhatif.io.store import save_document

from .conftest import AS_OF


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    """Each test starts with nothing frozen and leaves nothing frozen (nor thresholds set)."""
    thresholds = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


class Cycle:
    """An object only the collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


def frozen(obj: object) -> bool:
    """Whether ``obj`` is in the collector's permanent generation (frozen)."""
    return gc.is_tracked(obj) and all(other is not obj for other in gc.get_objects())


def saved(folder: Path, name: str, document: Document) -> Path:
    path = folder / name
    save_document(path, document)
    return path


def opened(qtbot: QtBot, path: Path | None, recent: Path | None = None) -> MainWindow:
    settings = Settings.load()
    if recent is not None:
        settings.add_recent(recent)
    window = launch.open_window(path, AS_OF, settings)
    qtbot.addWidget(window)
    return window


def test_the_recent_file_is_frozen_when_the_window_opens(
    qtbot: QtBot, tmp_path: Path, sample_document: Document
) -> None:
    path = saved(tmp_path, "recent.jsswhatif", sample_document)

    window = opened(qtbot, None, recent=path)

    assert window.controller.path == path
    assert all(frozen(c) for c in window.controller.document.contracts)


def test_a_file_named_is_frozen_when_the_window_opens(
    qtbot: QtBot, tmp_path: Path, sample_document: Document
) -> None:
    window = opened(qtbot, saved(tmp_path, "named.jsswhatif", sample_document))

    assert all(frozen(c) for c in window.controller.document.contracts)


def test_the_first_start_freezes_too(qtbot: QtBot) -> None:
    opened(qtbot, None)

    assert memory.frozen()


def test_another_document_opened_is_frozen_and_the_old_cycles_are_freed(
    qtbot: QtBot, tmp_path: Path, sample_document: Document
) -> None:
    cycle = Cycle()
    window = opened(qtbot, saved(tmp_path, "first.jsswhatif", sample_document))
    assert frozen(cycle)
    gone = weakref.ref(cycle)
    del cycle
    other = sample_document.model_copy(update={"contracts": sample_document.contracts[:2]})

    assert window.files.open_path(saved(tmp_path, "second.jsswhatif", other))

    assert gone() is None
    assert len(window.controller.document.contracts) == 2
    assert all(frozen(c) for c in window.controller.document.contracts)


def test_imported_contracts_are_frozen(
    qtbot: QtBot, tmp_path: Path, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(qtbot, saved(tmp_path, "doc.jsswhatif", sample_document))
    new = make_contract(id="n1", client="Newco", start="2026-06-01", earnings="900")

    def accept(parent: QWidget | None, source: ImportSource, document: Document) -> ImportChoice:
        return ImportChoice(source.contracts, replace=False, left_out=0)

    monkeypatch.setattr(dialogs, "ask_import_preview", accept)
    with qtbot.wait_signal(window.importer.imported):
        assert window.importer.preview_and_merge(ImportSource("new.csv", (new,)))

    (imported,) = [c for c in window.controller.document.contracts if c.id == "n1"]
    assert frozen(imported)


def test_the_young_generation_waits_for_more_allocations() -> None:
    launch.application()

    assert gc.get_threshold()[0] == memory.YOUNG_THRESHOLD


def test_the_application_collects_on_its_main_thread_only(qtbot: QtBot) -> None:
    gc.enable()  # as Python starts (the tests' fixture turned it off)
    launch.application()
    collected_on: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.append(threading.get_ident())

    def make_garbage() -> None:  # past the young generation's threshold, three times
        for _ in range(3 * memory.YOUNG_THRESHOLD):
            Cycle()

    gc.callbacks.append(record)
    try:
        worker = threading.Thread(target=make_garbage)
        worker.start()
        worker.join()
        assert collected_on == []
        qtbot.waitUntil(lambda: collected_on != [], timeout=3 * memory.COLLECT_EVERY_MS)
    finally:
        gc.callbacks.remove(record)
    assert set(collected_on) == {threading.get_ident()}


def test_a_collection_is_due_as_python_would_have_made_it() -> None:
    gc.set_threshold(100, 2, 10)
    gc.collect()  # every generation's count back to nought
    young = [Cycle() for _ in range(50)]
    assert memory.collect_due() is None

    young.extend(Cycle() for _ in range(100))
    freed = weakref.ref(young[0])
    del young
    assert memory.collect_due() == 0
    assert freed() is None

    # Each collection of the youngest generation counts one for the middle one: after three,
    # its count (3) is over its threshold (2), so the fourth collection takes it too.
    due = []
    for _ in range(3):
        garbage = [Cycle() for _ in range(150)]
        del garbage
        due.append(memory.collect_due())
    assert due == [0, 0, 1]


def test_importing_collects_nothing_then_freezes_and_enables_the_collector_again() -> None:
    gc.enable()  # as Python starts (the tests' fixture turned it off)
    with memory.importing():
        assert not gc.isenabled()
        made = Cycle()

    assert gc.isenabled()
    assert frozen(made)


def test_importing_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with memory.importing():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
