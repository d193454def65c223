"""The plot's legend: a click on an entry's label toggles its series, as on its sample.

pyqtgraph's ``LegendItem`` only reacts to its 20-pixel samples; users click the words.
"""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent


class ClickableLegend(pg.LegendItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A legend whose labels toggle their series like their samples do."""

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        """Pass a click on a label to that entry's sample."""
        sample = self.sample_at(ev.pos())
        if sample is None:
            ev.ignore()
        else:
            sample.mouseClickEvent(ev)

    def sample_at(self, pos: pg.QtCore.QPointF) -> pg.ItemSample | None:
        """The sample of the entry whose label or sample is at ``pos`` (legend coordinates)."""
        for sample, label in self.items:
            for part in (label, sample):
                if part.isVisible() and part.mapRectToParent(part.boundingRect()).contains(pos):
                    return sample
        return None

    def set_text_colour(self, colour: str) -> None:
        """Write the labels, present and future, in ``colour``."""
        self.opts["labelTextColor"] = colour
        for _, label in self.items:
            label.setText(label.text, color=colour)
