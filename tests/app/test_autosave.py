"""Autosave after edits, its removal, and recovery of the work of a window that did not close.

A dead session is made here by writing its files with no lock held (as after a kill); the
real thing, a process killed with SIGKILL and a second start, is in test_smoke_documents.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jsswhatif.app import launch
from jsswhatif.app.files import autosave
from jsswhatif.app.files.autosave import (
    AUTOSAVE_BOUND_MS,
    AUTOSAVE_DELAY_MS,
    AUTOSAVE_LATEST_MS,
    Autosaver,
)
from jsswhatif.app.files.recovery import pending_recoveries
from jsswhatif.app.files.settings import Settings, autosave_folder
from jsswhatif.app.window import compute_cache, dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.store import document_from_json, load_document, save_document

from . import autosave_trials
from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def quick(window: MainWindow) -> Autosaver:
    """The window's autosaver, with a 10 ms delay."""
    saver = window.files.autosave
    saver.delay_ms = 10
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
    assert window.controller.document.contracts == ()  # a first start's empty document
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


def test_a_damaged_autosave_is_kept_aside_and_the_user_told_where(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A truncated autosave is not offered (it would fail), not deleted: renamed aside."""
    original = tmp_path / "mine.jsswhatif"
    old = leave_autosave(sample_document, original, SAVED_AT)
    whole = old.read_text(encoding="utf-8")
    old.write_text(whole[: len(whole) // 2], encoding="utf-8")  # a write cut short
    shown: list[str] = []
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, at, name: offered.append(name))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    window = start(qtbot)
    assert offered == []
    kept = old.with_name(old.name + ".damaged")
    assert len(shown) == 1
    assert "is not valid JSON" in shown[0]
    assert "mine.jsswhatif" in shown[0]
    assert str(kept) in shown[0]
    assert kept.read_text(encoding="utf-8") == whole[: len(whole) // 2]
    assert old.with_name(old.stem + ".json.damaged").exists()  # its sidecar beside it
    assert window.controller.document.contracts == ()  # a first start's empty document
    shown.clear()
    start(qtbot)  # the next start neither offers nor deletes what was kept aside
    assert shown == []
    assert offered == []
    assert kept.exists()


def test_an_autosave_that_cannot_be_shown_is_kept_aside(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = leave_autosave(sample_document, None, SAVED_AT)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))

    def failing(contracts: Sequence[Contract], *args: Any) -> Any:
        if len(contracts) == len(sample_document.contracts):
            raise RuntimeError("injected")
        return compute_timeline(contracts, *args)

    monkeypatch.setattr(compute_cache, "compute_timeline", failing)
    start(qtbot)
    assert len(shown) == 1
    assert "injected (RuntimeError)" in shown[0]
    assert not old.exists()
    assert load_document(old.with_name(old.name + ".damaged")) == sample_document


@pytest.mark.parametrize("sidecar", ["damaged", "missing", "not an object"])
def test_an_autosave_without_a_readable_sidecar_is_offered(
    qtbot: QtBot, sample_document: Document, monkeypatch: pytest.MonkeyPatch, sidecar: str
) -> None:
    """A kill between the two writes, or a damaged sidecar, used to delete the good document:
    it is offered as untitled work, dated by its file."""
    old = leave_autosave(sample_document, None, SAVED_AT)
    side = old.with_suffix(".json")
    if sidecar == "missing":
        side.unlink()
    else:
        side.write_text("{ dam" if sidecar == "damaged" else "[1, 2]", encoding="utf-8")
    asked: list[tuple[dt.datetime, str]] = []

    def ask(parent: object, saved_at: dt.datetime, name: str) -> str:
        asked.append((saved_at, name))
        return "recover"

    monkeypatch.setattr(dialogs, "ask_recover", ask)
    window = start(qtbot)
    assert [name for _, name in asked] == ["untitled"]
    assert asked[0][0].tzinfo is not None  # the file's time
    assert not old.exists()  # recovered: this session's autosave holds it now
    assert window.controller.document == sample_document
    assert window.controller.path is None
    assert window.isWindowModified()
    assert "original file is not known" in window.statusBar().currentMessage()
    assert load_document(window.files.autosave.document_file) == sample_document
    assert not side.exists()


def test_stale_temporary_files_are_removed_at_start_and_work_is_not() -> None:
    """Temporary files of a killed write are partial copies: removed at the next start,
    except a running session's (its write may be in progress)."""
    folder = autosave_folder()
    folder.mkdir(parents=True)
    (folder / "77-orphan.jsswhatif").write_text("{}", encoding="utf-8")
    (folder / ".77-orphan.jsswhatif.abc.tmp").write_text("{", encoding="utf-8")
    (folder / ".77-orphan.json.def.tmp").write_text("{", encoding="utf-8")
    (folder / "78-lone.json").write_text("{}", encoding="utf-8")  # names no work
    running = QLockFile(str(folder / "79-running.lock"))
    assert running.tryLock(0)
    (folder / ".79-running.jsswhatif.ghi.tmp").write_text("{", encoding="utf-8")
    found = pending_recoveries(folder)
    assert [r.session for r in found] == ["77-orphan"]
    assert sorted(p.name for p in folder.iterdir()) == [
        ".79-running.jsswhatif.ghi.tmp",
        "77-orphan.jsswhatif",
        "77-orphan.lock",
        "79-running.lock",
    ]
    found[0].release()
    running.unlock()


def test_open_file_after_a_crash_offers_the_recovery_of_that_file_first(
    qtbot: QtBot, tmp_path: Path, sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jsswhatif open FILE` (launch.open_window with a path) offers the crash's work too."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    edited = sample_document.with_contract(
        sample_document.contracts[2].model_copy(update={"excluded": True})
    )
    leave_autosave(Document(), None, SAVED_AT + dt.timedelta(hours=1), "1-newer-untitled")
    leave_autosave(edited, path, SAVED_AT, "2-mine")
    asked: list[str] = []

    def ask(parent: object, saved_at: dt.datetime, name: str) -> str:
        asked.append(name)
        return "recover"

    monkeypatch.setattr(dialogs, "ask_recover", ask)
    window = launch.open_window(path, AS_OF, Settings.load())
    qtbot.addWidget(window)
    assert asked == ["mine.jsswhatif"]  # the file's own work first, though older
    assert window.controller.document == edited
    assert window.controller.path == path
    assert window.isWindowModified()
    assert [r.session for r in pending_recoveries(autosave_folder())] == ["1-newer-untitled"]


# The bound under continuous editing, and the worker ------------------------------------------


class FakeClock:
    """The autosaver's clock, moved by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def autosaved_edit(saver: Autosaver) -> int:
    """The last edit (``edit N`` in c1's title) the autosave file holds; 0 for none."""
    if not saver.document_file.exists():
        return 0
    title = next(c for c in load_document(saver.document_file).contracts if c.id == "c1").title
    return int(title.removeprefix("edit ")) if title.startswith("edit ") else 0


@pytest.mark.parametrize("gaps", [(1.5, 1.5), (0.4, 0.4), (0.1, 1.9)], ids=str)
def test_continuous_editing_is_autosaved_within_the_bound(
    qtbot: QtBot, make_window: MakeWindow, gaps: tuple[float, float]
) -> None:
    """Edits for a minute at gaps shorter than the quiet delay (on a clock moved by hand,
    the timer fired by the test when it is due): each is in an autosave at most
    AUTOSAVE_LATEST_MS after it was made. A delay restarted by every edit never fires."""
    window = make_window()
    saver = window.files.autosave
    clock = FakeClock()
    saver.clock = clock
    rng = random.Random(13)
    made: list[float] = []  # edit n at made[n - 1]
    first_holding: dict[int, float] = {}
    due: float | None = None
    next_edit = 0.0
    while next_edit < 60.0:
        if due is not None and due <= next_edit:
            clock.now, due = due, None
            with qtbot.wait_signal(saver.saved):
                saver.timer.start(0)  # the timer is due: fire it now
            for n in range(1, autosaved_edit(saver) + 1):
                first_holding.setdefault(n, clock.now)
            continue
        clock.now = next_edit
        assert window.controller.set_field("c1", "title", f"edit {len(made) + 1}")
        made.append(clock.now)
        assert saver.timer.isActive()
        due = clock.now + saver.timer.interval() / 1000
        saver.timer.stop()  # it fires when the test says so
        next_edit += rng.uniform(*gaps)
    late = {n: first_holding[n] - made[n - 1] for n in first_holding}
    assert set(late) >= set(range(1, len(made) - 10))  # only the last few are not due yet
    assert max(late.values()) <= AUTOSAVE_LATEST_MS / 1000 + 0.001  # (timers count in ms)
    assert AUTOSAVE_LATEST_MS + 1000 <= AUTOSAVE_BOUND_MS  # a second left for the write


def test_an_overdue_autosave_is_taken_with_the_next_edit(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """A main thread busy for longer than the bound (a long recompute) holds the timer up;
    the next edit then takes the snapshot at once instead of waiting another turn."""
    window = make_window()
    saver = window.files.autosave
    clock = FakeClock()
    saver.clock = clock
    window.controller.set_field("c1", "title", "edit 1")
    saver.timer.stop()  # held up: it never got to fire
    clock.now = AUTOSAVE_LATEST_MS / 1000 + 0.5
    with qtbot.wait_signal(saver.saved):
        window.controller.set_field("c1", "title", "edit 2")
        assert not saver.timer.isActive()
    assert autosaved_edit(saver) == 2


def test_a_late_timer_brings_the_next_autosaves_forward(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """When the timer fired late (the main thread was busy), the next snapshot is due as much
    earlier, and that allowance fades once the timer is on time again."""
    window = make_window()
    saver = window.files.autosave
    clock = FakeClock()
    saver.clock = clock
    c = window.controller

    def edit_at(when: float, title: str) -> int:
        clock.now = when
        c.set_field("c1", "title", title)
        interval = saver.timer.interval()
        saver.timer.stop()
        return interval

    assert edit_at(0.0, "edit 1") == AUTOSAVE_DELAY_MS
    clock.now = 4.5  # due at 2.0, fired 2.5 s late
    with qtbot.wait_signal(saver.saved):
        saver.timer.start(0)
    assert edit_at(5.0, "edit 2") == AUTOSAVE_LATEST_MS - 2500
    clock.now = 5.0 + (AUTOSAVE_LATEST_MS - 2500) / 1000  # on time
    with qtbot.wait_signal(saver.saved):
        saver.timer.start(0)
    assert edit_at(10.0, "edit 3") == min(AUTOSAVE_DELAY_MS, AUTOSAVE_LATEST_MS - 1250)
    assert autosaved_edit(saver) == 2


@pytest.mark.parametrize("source", ["rich", "sample", "surrogate"])
def test_the_autosave_text_reads_back_as_the_same_document(
    sample_document: Document, source: str
) -> None:
    """The compact text of the worker reads back equal (scenarios, overrides, rule sets,
    observations and payments of the v1 fixture included); a lone surrogate, which the fast
    writer refuses, gets Save's text."""
    document = {
        "rich": lambda: load_document(
            Path(__file__).parents[1] / "io/fixtures/document-v1.jsswhatif"
        ),
        "sample": lambda: sample_document,
        "surrogate": lambda: sample_document.model_copy(update={"title": "a\ud800b"}),
    }[source]()
    text = autosave.autosave_text(document)
    assert document_from_json(text) == document
    assert ("\n  " in text) == (source == "surrogate")  # compact, unless it fell back


class Writes:
    """Stands in for the autosave's atomic write: records, and can hold the worker."""

    def __init__(self) -> None:
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0
        self.documents: list[tuple[str, str]] = []  # (thread, c1's title)

    def __call__(self, path: Path, data: str | bytes, *, private: bool = False) -> None:
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            if path.suffix == ".jsswhatif":
                text = data if isinstance(data, str) else data.decode()
                title = json.loads(text)["contracts"][0]["title"]
                self.documents.append((threading.current_thread().name, title))
                self.entered.set()
                assert self.hold.wait(30)
            Path(path).write_bytes(data.encode() if isinstance(data, str) else data)
        finally:
            with self.lock:
                self.running -= 1


def test_autosave_writes_off_the_main_thread_one_at_a_time_newest_last(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker is held inside a write, the main thread goes on: edits and new
    snapshots; the snapshot waiting is replaced by newer ones, so the next write is the
    newest, and no write overlaps another."""
    writes = Writes()
    monkeypatch.setattr(autosave, "write_atomic", writes)
    window = make_window()
    saver = window.files.autosave
    c = window.controller
    writes.hold.clear()
    c.set_field("c1", "title", "edit 1")
    saver.save_soon()
    assert writes.entered.wait(30)  # the worker is writing edit 1, and stays there
    for n in (2, 3, 4):
        c.set_field("c1", "title", f"edit {n}")
        saver.save_soon()  # returns at once: the main thread never waits for the disk
    assert [title for _, title in writes.documents] == ["edit 1"]
    writes.hold.set()
    qtbot.wait_until(lambda: len(writes.documents) == 2 and autosaved_edit(saver) == 4)
    assert [title for _, title in writes.documents] == ["edit 1", "edit 4"]
    assert {thread for thread, _ in writes.documents} != {threading.main_thread().name}
    assert all(t.startswith("jsswhatif-autosave") for t, _ in writes.documents)
    assert writes.most_at_once == 1


def test_save_and_close_wait_for_a_write_in_progress(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    sample_document: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A save removes the autosave after the worker's write ended: no autosave of work that
    is saved comes back, and no "saved" is said for it."""
    path = tmp_path / "mine.jsswhatif"
    save_document(path, sample_document)
    window = make_window(sample_document, path=path)
    saver = window.files.autosave
    writes = Writes()
    monkeypatch.setattr(autosave, "write_atomic", writes)
    writes.hold.clear()
    window.controller.toggle_excluded(["c3"])
    saver.save_soon()
    assert writes.entered.wait(30)
    release = threading.Thread(target=writes.hold.set)
    with qtbot.assert_not_emitted(saver.saved):
        release.start()
        assert window.files.save()  # waits for the held write, then removes its files
        release.join()
        QApplication.processEvents()  # the worker's report arrives, and is dropped
    assert writes.documents[0][1] == sample_document.contracts[0].title
    assert not saver.document_file.exists()
    assert not saver.sidecar_file.exists()


def test_an_exit_waits_for_the_worker_and_writes_the_newest(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = Writes()
    monkeypatch.setattr(autosave, "write_atomic", writes)
    window = make_window()
    saver = window.files.autosave
    writes.hold.clear()
    window.controller.set_field("c1", "title", "edit 1")
    saver.save_soon()
    assert writes.entered.wait(30)
    window.controller.set_field("c1", "title", "edit 2")
    saver.save_soon()  # waits behind edit 1
    window.controller.set_field("c1", "title", "edit 3")
    threading.Thread(target=writes.hold.set).start()
    assert saver.save_now() == saver.document_file  # after the write in progress
    titles = [title for _, title in writes.documents]
    assert titles in (["edit 1", "edit 3"], ["edit 1", "edit 2", "edit 3"])  # never 2 after 3
    assert autosaved_edit(saver) == 3
    assert writes.most_at_once == 1


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), RuntimeError("bug")])
def test_a_failed_write_of_the_worker_is_reported_and_the_next_one_tried(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """A full disk (or any error of the worker) says so in the status bar; the worker goes
    on, and the next autosave is written."""
    window = make_window()
    saver = window.files.autosave
    failing = [True]

    def write(path: Path, data: str | bytes, *, private: bool = False) -> None:
        if failing[0]:
            raise error
        write_atomic(path, data, private=private)

    monkeypatch.setattr(autosave, "write_atomic", write)
    window.controller.toggle_excluded(["c1"])
    with qtbot.wait_signal(saver.failed) as failed:
        saver.save_soon()
    assert failed.args is not None
    assert failed.args[0].startswith("Autosave failed: ")
    assert str(error) in failed.args[0]
    assert window.statusBar().currentMessage() == failed.args[0]
    failing[0] = False
    window.controller.toggle_excluded(["c2"])
    with qtbot.wait_signal(saver.saved):
        saver.save_soon()
    assert [c.id for c in load_document(saver.document_file).contracts if c.excluded] == [
        "c1",
        "c2",
    ]


def test_kill_9_under_continuous_editing_loses_no_edit_older_than_the_bound(
    tmp_path: Path,
) -> None:
    """Real processes, real timers: edits at random gaps shorter than the quiet delay, killed
    with SIGKILL 6 to 14 s in (more trials: tests/app/autosave_trials.py)."""
    trials = autosave_trials.run_trials(3, tmp_path, seed=7, parallel=3)
    summary = autosave_trials.figures(trials)
    assert all(t.edits for t in trials), [t.stderr for t in trials]
    assert all(t.whole for t in trials), summary
    assert summary["violations"] == 0, summary
    assert all(t.oldest_lost_age <= AUTOSAVE_BOUND_MS / 1000 for t in trials)
    assert all(t.held >= 1 for t in trials)  # never "no autosave at all"
