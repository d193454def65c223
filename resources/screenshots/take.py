"""Make the README's screenshots of the main window from a bundled sample, offscreen.

Run from the repository: ``.venv/bin/python resources/screenshots/take.py``. It writes
``main-window.png`` (1600x1000) and ``main-window-1280x720.png`` beside this script, each a
grab of the window on ``resources/samples/dropped-92-to-90.jsswhatif`` after its forecast and
Top Rated estimate arrived. Settings stay in memory, so no stored layout is used or kept.
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
SAMPLE = HERE.parent / "samples" / "dropped-92-to-90.jsswhatif"
SIZES = {"main-window.png": (1600, 1000), "main-window-1280x720.png": (1280, 720)}


def settle(app: QApplication, ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (layouts, the coalesced recompute)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def take(app: QApplication, name: str, size: tuple[int, int]) -> Path:
    """One screenshot of the sample's window at ``size``, saved as ``name``."""
    document = read_any(SAMPLE)
    window = build_window(document, SAMPLE, document.as_of or today(), Settings(None))
    window.resize(*size)
    window.show()
    window.controller.flush_insights()
    settle(app, 400)
    target = HERE / name
    if not window.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    window.controller.shutdown()
    window.close()
    return target


def main() -> int:
    """Write both screenshots and print their paths."""
    app = QApplication(sys.argv[:1])
    for name, size in SIZES.items():
        print(take(app, name, size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
