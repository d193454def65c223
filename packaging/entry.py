"""PyInstaller entry script for the jsswhatif desktop bundle.

It only hands over to :func:`jsswhatif.cli.main`, exactly like the ``jsswhatif`` console script.

Started with ``--jsswhatif-helper`` (by the application itself), the bundle serves as the
helper process that computes the look-ahead (:mod:`jsswhatif.app.helper`), as
``python -c "from jsswhatif.app.helper import serve; serve()"`` does outside a bundle.

One extra, packaging-only mode: when the environment variable ``JSSWHATIF_BUNDLE_SELFCHECK`` is
set to a file path, the bundle does not start the application but checks that everything the
application needs at run time made it into the bundle (Qt platform plugin, widgets, PNG and SVG
image plugins, pyqtgraph and its exporters, numpy, pydantic, platformdirs, the package
jsswhatif.resources with the icons and samples)
by drawing a step plot offscreen and saving it as a PNG at that path. It prints one JSON line and
exits 0 on success. The trimming in jsswhatif.spec is checked with it (tests/packaging).
"""

from __future__ import annotations

import os
import sys


def _resources_dir() -> str:
    """The resources/ folder, found as the application finds it (package jsswhatif.resources)."""
    from importlib import resources

    return str(resources.files("jsswhatif.resources"))


def _selfcheck(out_png: str) -> int:
    import json

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    import numpy as np
    import platformdirs
    import pydantic
    from PySide6 import QtCore
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QImage, QImageReader, QPainter
    from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
    from PySide6.QtWidgets import QApplication

    import jsswhatif
    import jsswhatif.core

    app = QApplication.instance() or QApplication([sys.argv[0]])
    import pyqtgraph as pg
    import pyqtgraph.exporters

    resources = _resources_dir()
    svg_icon = os.path.join(resources, "icons", "jsswhatif.svg")
    renderer = QSvgRenderer(svg_icon)
    if not renderer.isValid():
        raise SystemExit(f"selfcheck: cannot render {svg_icon}")
    icon = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(icon)
    renderer.render(painter, QRectF(0, 0, 64, 64))
    painter.end()

    formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    for needed in ("png", "svg"):
        if needed not in formats:
            raise SystemExit(f"selfcheck: Qt image format {needed!r} missing: {formats}")

    widget = pg.PlotWidget()
    widget.resize(640, 400)
    x = np.arange(0.0, 13.0)
    y = np.array([80, 82, 85, 85, 88, 90, 90, 92, 93, 95, 96, 96, 96], dtype=float)
    widget.plot(x, y, stepMode="right", pen=pg.mkPen("#1b6e4a", width=3))
    widget.addItem(pg.InfiniteLine(90, angle=0, pen=pg.mkPen("#ffc845", width=2)))
    widget.show()
    app.processEvents()
    exporter = pyqtgraph.exporters.ImageExporter(widget.plotItem)
    exporter.parameters()["width"] = 640
    exporter.export(out_png)

    svg_path = os.path.splitext(out_png)[0] + ".svg"
    generator = QSvgGenerator()
    generator.setFileName(svg_path)
    generator.setSize(QSize(640, 400))
    painter = QPainter(generator)
    widget.render(painter)
    painter.end()
    widget.close()

    ok = os.path.getsize(out_png) > 0 and os.path.getsize(svg_path) > 0
    print(
        json.dumps(
            {
                "selfcheck": "ok" if ok else "failed",
                "jsswhatif": jsswhatif.__version__,
                "qt": QtCore.qVersion(),
                "pyqtgraph": pg.__version__,
                "numpy": np.__version__,
                "pydantic": pydantic.VERSION,
                "platformdirs": platformdirs.__version__,
                "platform": app.platformName(),
                "frozen": bool(getattr(sys, "frozen", False)),
                "resources": resources,
                "samples": sorted(os.listdir(os.path.join(resources, "samples")))
                if os.path.isdir(os.path.join(resources, "samples"))
                else None,
            }
        )
    )
    return 0 if ok else 1


def main() -> int:
    from jsswhatif.app.helper import HELPER_ARGUMENT, serve

    if sys.argv[1:] == [HELPER_ARGUMENT]:
        serve()
        return 0
    out = os.environ.get("JSSWHATIF_BUNDLE_SELFCHECK")
    if out:
        return _selfcheck(out)
    from jsswhatif.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
