"""Slow work off the main thread, of which only the newest answer is shown: :class:`LatestJob`.

The look-ahead (forecast, Top Rated, range) and the advisor take from a tenth of a second to a
second at 1,000 contracts: the user keeps editing meanwhile, so each runs on a worker thread
and an answer computed for a state that has changed since is dropped, never shown. A job
marked for it (:func:`~jsswhatif.app.helper.runs_in_helper`, the look-ahead) is computed in a
helper process, the worker thread only waiting for it: the interpreter lock stays free for
the edits.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from jsswhatif.app.helper import HELPER, remote

#: How long after the first :class:`LatestJob` the helper process is started, in milliseconds.
WARM_AFTER_MS = 1000


class LatestJob(QObject):
    """One worker thread whose newest job alone is delivered, on the thread that owns this.

    Each :meth:`submit` supersedes the jobs before it, as does :meth:`discard` (call it when
    the state a job was computing for changes). ``deliver`` receives the answer on the owner's
    thread; an exception raised by a job is raised there, where errors are reported.
    """

    _arrived = Signal(object)  # from the worker thread, queued to the owner's

    def __init__(self, name: str, deliver: Callable[[Any], None], parent: QObject) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._generation = 0
        self._closed = False
        self._arrived.connect(self._accept)
        # Not at once: starting a Python process competes with the window's first frame.
        QTimer.singleShot(WARM_AFTER_MS, _warm_helper)

    @property
    def closed(self) -> bool:
        """Whether :meth:`shutdown` was called: nothing is computed after."""
        return self._closed

    def submit(self, job: Callable[[], object]) -> None:
        """Run ``job`` on the worker thread; its answer is delivered unless superseded."""
        if self._closed:
            return
        self._generation += 1
        self._pool.submit(self._run, self._generation, job)

    def discard(self) -> None:
        """Drop the answer of any job in flight."""
        self._generation += 1

    def shutdown(self) -> None:
        """Drop answers in flight and stop the thread (waits for a running job)."""
        self._closed = True
        self._generation += 1
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, generation: int, job: Callable[[], object]) -> None:
        if generation != self._generation:
            return  # superseded before it started: nobody will look at its answer
        try:
            # A pure job (a partial of a function marked runs_in_helper) runs in the helper
            # process, so that its Python work leaves this process's interpreter lock alone.
            answer: object = HELPER.run(job) if remote(job) else job()
        except Exception as exc:  # raised on the owner's thread, where errors are reported
            answer = exc
        with contextlib.suppress(RuntimeError):  # the owner is gone: nobody waits
            self._arrived.emit((generation, answer))

    def _accept(self, payload: tuple[int, object]) -> None:
        generation, answer = payload
        if generation != self._generation:
            return  # computed for a state that has changed since
        if isinstance(answer, BaseException):
            raise answer
        self._deliver(answer)


_warming: list[threading.Thread] = []


def _warm_helper() -> None:
    """Start the helper process and its imports once, in the background, so that the first
    job sent to it does not wait for them."""
    if not _warming:
        thread = threading.Thread(
            target=HELPER.warm, args=("jsswhatif.core.lookahead",), name="helper-warm", daemon=True
        )
        _warming.append(thread)
        thread.start()
