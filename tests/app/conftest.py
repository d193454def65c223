"""Fixtures of the application tests: offscreen Qt, a private home, the five-contract sample.

Qt reads ``QT_QPA_PLATFORM`` when pytest-qt creates the application, and pyqtgraph reads
``PYQTGRAPH_QT_LIB`` when first imported, so both are set when this module is imported, before
any test runs. The XDG folders point into ``tmp_path`` for every test (tests/conftest.py).

The sample is the contracts CSV of interfaces.md; as of 2026-11-25 under ``upwork-2024-09``
it shows 90 (6-month window 100 * 9 / 10.25 = 87.804878, 24-month 100 * 11.5 / 12.75 =
90.196078).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import NoReturn

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from jsswhatif.app.files.settings import Settings
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document
from jsswhatif.io.contracts_csv import parse_contracts_csv

AS_OF = dt.date(2026, 11, 25)

# Views write dates and amounts as the user's locale does; the tests' expected texts are those
# of the C locale (ISO dates, 1,234.50) whatever the machine's LANG. Tests of other locales
# set one and put this back.
QLocale.setDefault(QLocale.c())

#: The contracts CSV of interfaces.md, shipped as the application's CSV sample.
SAMPLE_CSV = (files("jsswhatif.resources") / "samples" / "freelancer-example.csv").read_text()


@pytest.fixture(autouse=True)
def _collector_on_the_main_thread() -> Iterator[None]:
    """No automatic collection during a test, as in the application (:mod:`jsswhatif.app.memory`):
    one on a worker thread (the look-ahead's) would free the windows of earlier tests there,
    which crashes or deadlocks Qt (a CI run hung so). What the test left is collected after it,
    here on the main thread.

    ``launch.open_window`` freezes the collector's objects and sets its thresholds: both are
    undone after each test, so that no test keeps another's cyclic garbage (a window in a
    cycle would live on, its timers firing)."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    yield
    gc.unfreeze()
    gc.collect()
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every modal question of the window fails the test unless the test patches it.

    Closing a window with unsaved changes is allowed (the answer is "discard"); an autosave
    left by an earlier test's process is never offered (the answer is "later").
    """

    def unexpected(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError(f"unexpected modal dialog: {args[1:]}")

    for name in (
        "ask_open_path",
        "ask_save_path",
        "ask_file_changed",
        "show_error",
        "show_crash",
        "ask_text",
        "ask_hypothetical",
        "ask_review",
        "ask_compare",
        "ask_rule_set",
        "ask_observation",
        "ask_open_paths",
        "ask_column_mapping",
        "ask_import_preview",
    ):
        monkeypatch.setattr(dialogs, name, unexpected)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, saved_at, name: "later")
    # Risky commands are confirmed, and a new scenario takes the name proposed (tests of the
    # questions themselves patch these).
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *args, **kwargs: True)
    monkeypatch.setattr(dialogs, "ask_scenario_name", lambda parent, proposed: proposed)


@pytest.fixture
def sample_document() -> Document:
    """The five contracts of interfaces.md, as of 2026-11-25, baseline only."""
    return Document(contracts=tuple(parse_contracts_csv(SAMPLE_CSV)), as_of=AS_OF)


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    """The five-contract CSV written to a file."""
    path = tmp_path / "contracts.csv"
    path.write_text(SAMPLE_CSV, encoding="utf-8")
    return path


@pytest.fixture
def controller(qtbot: QtBot, sample_document: Document) -> Iterator[Controller]:
    """A controller on the sample, today = the as-of date, first results computed."""
    made = Controller(sample_document, today=AS_OF)
    made.flush()
    yield made
    made.shutdown()
    made.deleteLater()


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, sample_document: Document) -> MakeWindow:
    """Make shown main windows, today = 2026-11-25 (closed when the test ends).

    ``make_window(document=None, path=None, settings=None)``: the five-contract sample
    unless ``document`` is given, saved at ``path`` if given; settings from the private home.
    """

    def make(
        document: Document | None = None,
        path: Path | None = None,
        settings: Settings | None = None,
    ) -> MainWindow:
        controller = Controller(document or sample_document, today=AS_OF, path=path)
        window = MainWindow(controller, settings=settings)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        controller.flush()
        return window

    return make
