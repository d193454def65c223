"""LatestJob: slow work on a worker thread, only the newest answer shown (issue 14, item 3)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from jsswhatif.app.background import LatestJob
from jsswhatif.app.window import controller as controller_module
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.insights import compute_insights


class Seen:
    """The answers delivered, with the thread each was delivered on."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self.threads: list[str] = []

    def __call__(self, answer: Any) -> None:
        self.answers.append(answer)
        self.threads.append(threading.current_thread().name)


@pytest.fixture
def owner(qtbot: QtBot) -> QObject:  # qtbot: the application must exist
    return QObject()


def _on_worker(ran_on: list[str], answer: str) -> str:
    ran_on.append(threading.current_thread().name)
    return answer


def test_a_job_runs_on_the_worker_and_is_delivered_on_the_owners_thread(
    qtbot: QtBot, owner: QObject
) -> None:
    seen, ran_on = Seen(), list[str]()
    job = LatestJob("test-worker", seen, owner)
    job.submit(lambda: _on_worker(ran_on, "done"))
    qtbot.waitUntil(lambda: seen.answers == ["done"], timeout=3000)
    assert ran_on == ["test-worker_0"]
    assert seen.threads == [threading.main_thread().name]
    job.shutdown()


def test_a_superseded_or_discarded_answer_is_never_delivered(qtbot: QtBot, owner: QObject) -> None:
    seen = Seen()
    job = LatestJob("test-worker", seen, owner)
    release = threading.Event()
    job.submit(lambda: release.wait(5) and "old")  # in flight ...
    job.submit(lambda: "new")  # ... and superseded
    release.set()
    qtbot.waitUntil(lambda: seen.answers == ["new"], timeout=3000)
    hold = threading.Event()
    job.submit(lambda: hold.wait(5) and "discarded")
    job.discard()  # the state it was computing for changed
    hold.set()
    job.submit(lambda: "last")
    qtbot.waitUntil(lambda: len(seen.answers) == 2, timeout=3000)
    assert seen.answers == ["new", "last"]
    job.shutdown()


def test_an_error_in_a_job_is_raised_on_the_owners_thread(qtbot: QtBot, owner: QObject) -> None:
    job = LatestJob("test-worker", Seen(), owner)

    def fail() -> str:
        raise ValueError("no such day")

    with qtbot.captureExceptions() as raised:
        job.submit(fail)
        qtbot.waitUntil(lambda: bool(raised), timeout=3000)
    assert [str(error) for _, error, _ in raised] == ["no such day"]
    job.shutdown()


def test_nothing_runs_after_shutdown(qtbot: QtBot, owner: QObject) -> None:
    seen, ran_on = Seen(), list[str]()
    job = LatestJob("test-worker", seen, owner)
    job.shutdown()
    job.submit(lambda: _on_worker(ran_on, "late"))
    qtbot.wait(50)
    assert job.closed
    assert (ran_on, seen.answers) == ([], [])


def test_the_look_ahead_never_runs_on_the_main_thread(
    qtbot: QtBot, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = compute_insights

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(controller_module, "compute_insights", recorded)
    with qtbot.waitSignal(controller.insights_changed, timeout=5000):
        controller.set_as_of(dt.date(2027, 1, 10))
    assert threads
    assert threading.main_thread().name not in threads
