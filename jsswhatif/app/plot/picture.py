"""The score plot as a picture: PNG and SVG data of a pyqtgraph widget, legend included.

PNG goes through pyqtgraph's ``ImageExporter`` at a given width (it ignores the device pixel
ratio, so the width is explicit). SVG is drawn through ``QSvgGenerator``, since pyqtgraph's
own SVG exporter fails with our Qt (see docs/pitfalls.md).
"""

from __future__ import annotations

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator


def png_data(graphics: pg.GraphicsLayoutWidget, width: int) -> bytes:
    """``graphics`` as PNG data ``width`` pixels wide (height in proportion)."""
    exporter = pyqtgraph.exporters.ImageExporter(graphics.scene())
    exporter.parameters()["width"] = int(width)
    image = exporter.export(toBytes=True)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the PNG image could not be made")
    buffer.close()
    return bytes(data.data())


def svg_data(graphics: pg.GraphicsLayoutWidget, title: str = "") -> bytes:
    """``graphics`` as SVG data, ``title`` as its title element (default: what it shows).

    Items are put in pyqtgraph's export mode meanwhile, so that markers are drawn as vector
    shapes instead of cached pixmaps, and the resolution is the screen's, so that curves and
    axes share one scale.
    """
    size = graphics.size()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(graphics.logicalDpiX())
    generator.setTitle(title or "Job Success Score over time")
    generator.setDescription("jsswhatif score plot")
    exporting = [item for item in graphics.scene().items() if hasattr(item, "setExportMode")]
    for item in exporting:
        item.setExportMode(True, {"antialias": True})
    painter = QPainter(generator)
    try:
        graphics.render(painter)
    finally:
        painter.end()
        for item in exporting:
            item.setExportMode(False)
    buffer.close()
    return bytes(data.data())
