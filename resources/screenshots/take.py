"""Make the README's screenshots of the main window from a bundled sample, offscreen.

Run from the repository: ``.venv/bin/python resources/screenshots/take.py``. It writes
``main-window.png`` (1600x1000) and ``main-window-1280x720.png`` beside this script, each a
grab of the window on ``resources/samples/dropped-92-to-90.jsswhatif`` after its forecast and
Top Rated estimate arrived, and ``advisor.png`` (1600x1000): the advisor's tab on
``lost-top-rated.jsswhatif``. Settings stay in memory, so no stored layout is used or kept.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from jsswhatif.app.files.settings import Settings
from jsswhatif.app.launch import build_window, today
from jsswhatif.io.documents import read_any

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
#: File name: (sample, size, whether the advisor's tab is in front).
SHOTS = {
    "main-window.png": ("dropped-92-to-90.jsswhatif", (1600, 1000), False),
    "main-window-1280x720.png": ("dropped-92-to-90.jsswhatif", (1280, 720), False),
    "advisor.png": ("lost-top-rated.jsswhatif", (1600, 1000), True),
}


def settle(app: QApplication, ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (layouts, the coalesced recompute)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def take(app: QApplication, name: str, sample: str, size: tuple[int, int], advisor: bool) -> Path:
    """One screenshot of ``sample``'s window at ``size``, saved as ``name``."""
    path = SAMPLES / sample
    document = read_any(path)
    window = build_window(document, path, document.as_of or today(), Settings(None))
    window.resize(*size)
    window.show()
    window.controller.flush_insights()
    if advisor:
        window.panels.advisor_dock.raise_()
        window.panels.advisor.compute_now()
    settle(app, 400)
    target = HERE / name
    if not window.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    window.controller.shutdown()
    window.close()
    return target


def main() -> int:
    """Write the screenshots and print their paths."""
    app = QApplication(sys.argv[:1])
    for name, (sample, size, advisor) in SHOTS.items():
        print(take(app, name, sample, size, advisor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
