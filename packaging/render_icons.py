"""Render the PNG application icons from resources/icons/jsswhatif.svg.

Usage (from the repository root, with the project's virtualenv):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Writes resources/icons/hicolor/<N>x<N>/apps/<APP_ID>.png for every size in SIZES, using Qt's
own SVG renderer (QtSvg), so no extra tool is needed. Re-run it after editing the SVG and commit
the PNGs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "io.github.jsswhatif.JssWhatIf"
SIZES = (16, 32, 48, 64, 128, 256, 512)

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "jsswhatif.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"


def render(svg: Path = SVG, out_dir: Path = HICOLOR, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render ``svg`` at every size under ``out_dir`` and return the written paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read SVG {svg}")
    written = []
    for n in sizes:
        image = QImage(n, n, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, n, n))
        painter.end()
        target = out_dir / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    del app
    return written


if __name__ == "__main__":
    for path in render():
        print(path.relative_to(ROOT))
