"""The plot's legend: a click on an entry's label toggles its series, as on its sample.

pyqtgraph's ``LegendItem`` only reacts to its 20-pixel samples; users click the words.

Listing the entries again costs little: pyqtgraph's ``clear`` and ``addItem`` make a new
sample and label per entry and lay out rich text for each (21-25 ms for a dozen entries at
every update, twice per toggle as the Top Rated entry went and came back). Here an entry's
sample and label are made once and kept, also while the entry is not listed, and a listing
equal to the one shown changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent

#: (item, label, tool tip) of one legend entry; the label is simple HTML.
Entry = tuple[pg.GraphicsObject, str, str]


class ClickableLegend(pg.LegendItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A legend whose labels toggle their series like their samples do.

    Attributes:
        items: (sample, label) of each entry listed, in order (pyqtgraph's).
        builds: How many times the listing was laid out again (a listing equal to the one
            shown does not count).
    """

    items: list[tuple[pg.ItemSample, pg.LabelItem]]

    def __init__(self, **options: object) -> None:
        """A pyqtgraph ``LegendItem`` with ``options``, listing nothing yet."""
        super().__init__(**options)
        # (id of item, label) -> (item, sample, label item); the item is kept so that its id
        # cannot be reused by another object while the entry is parked.
        self._made: dict[tuple[int, str], tuple[object, pg.ItemSample, pg.LabelItem]] = {}
        self._listed: tuple[object, ...] | None = None
        self.builds = 0

    def show_entries(self, entries: Sequence[Entry], colour: str) -> bool:
        """List ``entries`` in order, their labels in ``colour``; returns whether the listing
        changed (the same entries again leave everything as it is)."""
        listed = (colour, *((id(item), label, tip) for item, label, tip in entries))
        if listed == self._listed:
            return False
        self._listed = listed
        self.builds += 1
        self.opts["labelTextColor"] = colour
        for index in range(self.layout.count() - 1, -1, -1):
            self.layout.removeAt(index)
        for sample, label in self.items:
            sample.setVisible(False)  # parked until listed again
            label.setVisible(False)
        self.items = []
        self.rowCount = 0
        for item, text, tip in entries:
            sample, label = self._entry(item, text, colour)
            sample.setToolTip(tip)
            label.setToolTip(tip)
            sample.setVisible(True)
            label.setVisible(True)
            self.items.append((sample, label))
            self._addItemToLayout(sample, label)
        self.updateSize()
        return True

    def _entry(
        self, item: pg.GraphicsObject, text: str, colour: str
    ) -> tuple[pg.ItemSample, pg.LabelItem]:
        """The sample and label of an entry, made on its first listing."""
        made = self._made.get((id(item), text))
        if made is None:
            sample = item if isinstance(item, self.sampleType) else self.sampleType(item)
            sample.setParentItem(self)
            sample.sigClicked.connect(self.sigSampleClicked)
            label = pg.LabelItem(
                text, color=colour, justify="left", size=self.opts["labelTextSize"]
            )
            label.setParentItem(self)
            made = self._made[id(item), text] = (item, sample, label)
        _, sample, label = made
        if label.opts.get("color") != colour:
            label.setText(text, color=colour)
        return sample, label

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
