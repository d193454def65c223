"""A helper process for pure jobs, so that their Python work does not hold the main
process's interpreter lock: :class:`Helper`, the marker :func:`runs_in_helper` and the
helper's loop :func:`serve`.

On a Python thread the look-ahead (about 0.15 s of CPU at 10,000 contracts) slowed any edit
made meanwhile by about 2.3x: both threads take turns on the one interpreter lock. In a
second process it has its own lock (and, on a machine with two cores or more, its own core).

What crosses the pipe is kept small. A job is a :func:`functools.partial` of a function
marked :func:`runs_in_helper`; each argument is sent once and then only as "the same as last
time" while it is the same object, and a tuple (the contracts) as the changes from the tuple
sent last: the positions whose objects changed, with those objects alone, or when rows came
or went where each item was before (an edit sends one contract, not 10,000; pickling 10,000
contracts takes about 0.14 s). The helper rebuilds the
tuple from the objects it already holds, so its caches that go by identity (the book, the
causes, the 12-month earnings) stay warm across edits.

In a frozen build the executable is the application, not Python: it serves as the helper
when started with :data:`HELPER_ARGUMENT` (``packaging/entry.py``), see :func:`command`. Jobs
run on the calling thread when the helper cannot start or has died three times in a row
(until then, the next job starts a new one).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib
import itertools
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from operator import is_not
from typing import IO, Any, TypeGuard, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

#: The argument that makes the frozen application's executable serve as the helper.
HELPER_ARGUMENT = "--jsswhatif-helper"

_MARK = "_runs_in_helper"
_SAME = ("same",)
_UNSENT = object()
_GIVE_UP = 3  # helpers that failed in a row before jobs stay in this process


def runs_in_helper(function: F) -> F:
    """Mark a module-level function whose jobs may run in the helper process (it must be pure:
    its answer depends on its arguments alone, and it and its answer must pickle)."""
    setattr(function, _MARK, True)
    return function


@runs_in_helper
def process_id() -> int:
    """The id of the process that runs it: ``HELPER.run(partial(process_id))`` tells where
    jobs run (tests, diagnostics)."""
    return os.getpid()


@runs_in_helper
def preload(module: str) -> None:
    """Import ``module`` where it runs (:meth:`Helper.warm`)."""
    importlib.import_module(module)


def command() -> list[str]:
    """The command that starts a helper process: this Python running :func:`serve`, or in a
    frozen build the application's executable with :data:`HELPER_ARGUMENT`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, HELPER_ARGUMENT]
    return [sys.executable, "-c", "from jsswhatif.app.helper import serve; serve()"]


def remote(job: Callable[[], T]) -> TypeGuard[functools.partial[T]]:
    """Whether ``job`` is a partial of a function marked :func:`runs_in_helper`."""
    return isinstance(job, functools.partial) and getattr(job.func, _MARK, False) is True


class Helper:
    """One helper process, started on the first job, shared by every caller (one at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._sent: dict[object, object] = {}  # argument position or name -> value sent
        self._failures = 0  # in a row: after _GIVE_UP, jobs run here for good

    def run(self, job: functools.partial[T]) -> T:
        """``job()``, computed in the helper process when it can be, else here."""
        if self._failures >= _GIVE_UP:
            return job()
        with self._lock:
            try:
                process = self._start()
                assert process.stdin is not None
                assert process.stdout is not None
                message = (job.func.__module__, job.func.__qualname__, *self._encode(job))
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # whole, or none
                process.stdin.write(data)
                process.stdin.flush()
                status, answer = pickle.load(process.stdout)
                self._failures = 0
            except (OSError, EOFError, pickle.PickleError, AttributeError, TypeError):
                self._stop()
                self._failures += 1
                status, answer = "local", None
            if status == "error":
                self._sent.clear()  # the helper forgot what it held, too
        if status == "local":
            return job()
        if status == "error":
            assert isinstance(answer, BaseException)
            raise answer
        return cast(T, answer)

    def warm(self, module: str) -> None:
        """Start the helper process and have it import ``module`` (its jobs' code), so that
        the first job does not wait for either (call it from a worker thread)."""
        self.run(functools.partial(preload, module))

    def close(self) -> None:
        """Stop the helper process (it ends when its input closes)."""
        with self._lock:
            self._stop()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is not None:
            self._stop()  # it died: start another
        if self._process is None:
            self._sent.clear()
            self._process = subprocess.Popen(
                command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        self._sent.clear()
        if process is None:
            return
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def _encode(self, job: functools.partial[Any]) -> tuple[list[object], dict[str, object]]:
        args = [self._encoded(k, value) for k, value in enumerate(job.args)]
        kwargs = {name: self._encoded(name, value) for name, value in job.keywords.items()}
        return args, kwargs

    def _encoded(self, key: object, value: object) -> object:
        last = self._sent.get(key, _UNSENT)
        self._sent[key] = value
        if value is last:
            return _SAME
        if isinstance(value, tuple) and isinstance(last, tuple) and value and last:
            if len(value) == len(last):
                changed = list(itertools.compress(itertools.count(), map(is_not, last, value)))
                if len(changed) <= len(value) // 4:
                    return ("patch", changed, [value[i] for i in changed])
            # Rows added, deleted or moved: where each item was in the last tuple, or new.
            where = {id(item): k for k, item in enumerate(last)}
            found = [where.get(id(item), -1) for item in value]
            fresh = [
                k
                for k, (i, item) in enumerate(zip(found, value, strict=True))
                if i < 0 or last[i] is not item
            ]
            if len(fresh) <= len(value) // 4:
                for k in fresh:
                    found[k] = -1
                return ("remap", found, [value[k] for k in fresh])
        return ("value", value)


def _decoded(held: dict[object, object], key: object, sent: Any) -> object:
    kind = sent[0]
    if kind == "same":
        value = held[key]
    elif kind == "patch":
        base = held[key]
        assert isinstance(base, tuple)
        items = list(base)
        for i, item in zip(sent[1], sent[2], strict=True):
            items[i] = item
        value = tuple(items)
    elif kind == "remap":
        base, fresh = held[key], iter(sent[2])
        assert isinstance(base, tuple)
        value = tuple(base[i] if i >= 0 else next(fresh) for i in sent[1])
    else:
        value = sent[1]
    held[key] = value
    return value


def serve(source: IO[bytes] | None = None, sink: IO[bytes] | None = None) -> None:
    """The helper's loop: read a job, answer ``("ok", answer)`` or ``("error", exception)``,
    until its input ends."""
    source = source or sys.stdin.buffer
    if sink is None:
        # Nothing but answers on the pipe: anything printed, by Python or by C, goes to stderr.
        sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        sys.stdout = sys.stderr
    held: dict[object, object] = {}
    while True:
        try:
            module, name, args, kwargs = pickle.load(source)
        except EOFError:
            return
        try:
            function = getattr(importlib.import_module(module), name)
            values = [_decoded(held, k, sent) for k, sent in enumerate(args)]
            named = {key: _decoded(held, key, sent) for key, sent in kwargs.items()}
            answer: tuple[str, object] = ("ok", function(*values, **named))
        except Exception as exc:  # the caller raises it where errors are reported
            answer = ("error", exc)
            held.clear()  # and sends every argument again
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an answer that does not pickle: say so instead
            data = pickle.dumps(("error", RuntimeError(f"unpicklable answer: {exc!r}")))
        sink.write(data)
        sink.flush()


HELPER = Helper()
atexit.register(HELPER.close)
