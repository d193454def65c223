"""Kill -9 trials of the autosave under continuous editing: no edit older than the bound is lost.

Each trial starts the real application (``launch.run``) offscreen in a subprocess on a saved
document and edits it without pause: the title of contract ``c1`` becomes ``edit 1``,
``edit 2``, ... at random gaps shorter than the autosave's quiet delay, so that a delay
restarted by every edit would never autosave. Each edit and each autosave the process sees is
printed with the time of a clock all processes share (``time.monotonic``), and so is each
snapshot and the moment the worker has written it. At a random moment
the trial kills the process with SIGKILL, reads the autosave it left behind and checks that
it is a whole document holding every edit made at least ``AUTOSAVE_BOUND_MS`` before the kill.

Used by tests/app/test_autosave.py (a few trials), and as a script for more, printing the
figures as JSON::

    .venv/bin/python tests/app/autosave_trials.py --trials 20 [--contracts 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from jsswhatif.app.files.autosave import AUTOSAVE_BOUND_MS, AUTOSAVE_DELAY_MS
from jsswhatif.core.document import Document
from jsswhatif.io.contracts_csv import parse_contracts_csv
from jsswhatif.io.store import load_document, save_document

EDITOR = """
import random, sys, threading, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jsswhatif.app import launch
from jsswhatif.app.files import autosave
from jsswhatif.app.window.main_window import MainWindow

wrote = autosave._write

app = launch.application()
rng = random.Random(int(sys.argv[2]))
low, high = float(sys.argv[3]), float(sys.argv[4])
count = 0
said = threading.Lock()  # the writer thread and the main thread print: one line at a time

def say(line):
    with said:
        sys.stdout.write(line + "\\n")
        sys.stdout.flush()

def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

def edit():
    global count
    count += 1
    window().controller.set_field("c1", "title", f"edit {count}")
    say(f"EDIT {count} {time.monotonic():.6f}")
    QTimer.singleShot(round(rng.uniform(low, high) * 1000), edit)

def begin():
    saver = window().files.autosave
    take = saver._snapshot

    def snapshot():
        taken = take()
        if taken is not None:
            say(f"SNAP {taken.number} {count} {time.monotonic():.6f}")
        return taken

    def write(snapshot):
        problem = wrote(snapshot)  # on the worker thread: the moment the files are on disk
        say(f"WRITTEN {snapshot.number} {time.monotonic():.6f}")
        return problem

    saver._snapshot = snapshot
    autosave._write = write
    say(f"READY {saver.session} {time.monotonic():.6f}")
    edit()

QTimer.singleShot(0, begin)
sys.exit(launch.run(Path(sys.argv[1])))
"""


@dataclass
class Trial:
    """What one trial saw.

    Attributes:
        edits: Time of edit n at ``edits[n - 1]``.
        snapshots: Snapshot number -> (edits it holds, time taken).
        written: (snapshot number, time its files were written), in order.
        killed_at: When SIGKILL was sent.
        held: The last edit the autosave left behind holds (0: no autosave file).
        whole: Whether that file loaded as a document (None: there was none).
    """

    edits: list[float] = field(default_factory=list)
    snapshots: dict[int, tuple[int, float]] = field(default_factory=dict)
    written: list[tuple[int, float]] = field(default_factory=list)
    killed_at: float = 0.0
    held: int = 0
    whole: bool | None = None
    stderr: str = ""

    @property
    def oldest_lost_age(self) -> float:
        """Seconds between the first edit the autosave missed and the kill (0: none lost)."""
        if self.held >= len(self.edits):
            return 0.0
        return self.killed_at - self.edits[self.held]

    @property
    def lost(self) -> int:
        """Edits made before the kill that the autosave does not hold."""
        return len(self.edits) - self.held


def make_document(path: Path, contracts: int) -> None:
    """A saved document of ``contracts`` contracts (the sample's five, repeated), ``c1``
    first."""
    sample = parse_contracts_csv(
        (files("jsswhatif.resources") / "samples" / "freelancer-example.csv").read_text()
    )
    made = tuple(
        sample[n % len(sample)].model_copy(update={"id": f"c{n + 1}"}) for n in range(contracts)
    )
    save_document(path, Document(contracts=made))


def run_trial(
    document: Path, seed: int, kill_after: float, gaps: tuple[float, float], env: dict[str, str]
) -> Trial:
    """Edit ``document`` in a subprocess, kill it ``kill_after`` seconds after its first edit,
    and read what its autosave holds (``env`` holds the XDG folders)."""
    child_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    child_env.pop("JSSWHATIF_QUIT_AFTER_MS", None)
    args = [sys.executable, "-c", EDITOR, str(document), str(seed), *map(str, gaps)]
    trial = Trial()
    ready = threading.Event()
    session: list[str] = []
    errors = Path(env["XDG_STATE_HOME"]).parent / "stderr.txt"
    errors.parent.mkdir(parents=True, exist_ok=True)
    with (
        errors.open("w", encoding="utf-8") as stderr,
        subprocess.Popen(
            args, env=child_env, stdout=subprocess.PIPE, stderr=stderr, text=True
        ) as process,
    ):

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                word, *rest = line.split()
                if word == "READY":
                    session.append(rest[0])
                    ready.set()
                elif word == "EDIT":
                    trial.edits.append(float(rest[1]))
                elif word == "SNAP":
                    trial.snapshots[int(rest[0])] = (int(rest[1]), float(rest[2]))
                elif word == "WRITTEN":
                    trial.written.append((int(rest[0]), float(rest[1])))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        started = ready.wait(60)
        if started:
            time.sleep(kill_after)
        trial.killed_at = time.monotonic()
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        reader.join(30)
    trial.stderr = errors.read_text(encoding="utf-8")
    if not started:
        raise RuntimeError(f"the editor did not start: {trial.stderr}")
    trial.edits = [t for t in trial.edits if t <= trial.killed_at]
    folder = Path(env["XDG_STATE_HOME"]) / "jsswhatif" / "autosave"
    autosave = folder / f"{session[0]}.jsswhatif"
    if autosave.exists():
        try:
            title = load_document(autosave).contracts[0].title
        except ValueError:
            trial.whole = False
        else:
            trial.whole = True
            trial.held = int(title.removeprefix("edit ")) if title.startswith("edit ") else 0
    return trial


def run_trials(
    count: int, folder: Path, contracts: int = 5, seed: int = 1, parallel: int = 4
) -> list[Trial]:
    """``count`` trials, ``parallel`` at a time, each with its own XDG folders under
    ``folder``; edits at gaps of 0.2 s to just under the quiet delay, killed 6 to 14 s in."""
    rng = random.Random(seed)
    document = folder / "trial.jsswhatif"
    make_document(document, contracts)
    gaps = (0.2, AUTOSAVE_DELAY_MS / 1000 - 0.1)
    plans = [(rng.randrange(1 << 30), rng.uniform(6.0, 14.0)) for _ in range(count)]
    trials: list[Trial | BaseException] = [Trial()] * count

    def one(index: int) -> None:
        home = folder / f"trial-{index}"
        env = dict(os.environ)
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        try:
            trials[index] = run_trial(document, plans[index][0], plans[index][1], gaps, env)
        except Exception as exc:  # raised again below, on the calling thread
            trials[index] = exc

    for start in range(0, count, parallel):
        batch = [
            threading.Thread(target=one, args=(i,))
            for i in range(start, min(count, start + parallel))
        ]
        for thread in batch:
            thread.start()
        for thread in batch:
            thread.join()
    done: list[Trial] = []
    for trial in trials:
        if isinstance(trial, BaseException):
            raise trial
        done.append(trial)
    return done


def figures(trials: list[Trial]) -> dict[str, object]:
    """The trials summed up: edits, losses, the oldest lost edit, autosave lateness."""
    lateness = []
    for trial in trials:
        # Edit n is on disk once the files of a snapshot holding it are written.
        for n, made in enumerate(trial.edits, start=1):
            done = [t for number, t in trial.written if trial.snapshots[number][0] >= n]
            if done:
                lateness.append(min(done) - made)
    return {
        "trials": len(trials),
        "edits": sum(len(t.edits) for t in trials),
        "lost_edits": sum(t.lost for t in trials),
        "oldest_lost_edit_s": round(max((t.oldest_lost_age for t in trials), default=0.0), 3),
        "bound_s": AUTOSAVE_BOUND_MS / 1000,
        "violations": sum(t.oldest_lost_age > AUTOSAVE_BOUND_MS / 1000 for t in trials),
        "corrupt_autosaves": sum(t.whole is False for t in trials),
        "max_edit_to_autosave_s": round(max(lateness, default=0.0), 3),
    }


def main() -> int:
    """Run the trials given on the command line and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--contracts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parallel", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trials = run_trials(args.trials, Path(folder), args.contracts, args.seed, args.parallel)
    print(json.dumps(figures(trials), indent=2))
    return 0 if figures(trials)["violations"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
