"""The plot's colours, from the system palette: a dark desktop gets a dark plot.

The series keep their hues; a colour too dark to read on a dark background (the JSS's navy,
the baseline's slate) is lightened, so nothing depends on a white background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

#: Below this HSL lightness (0-255) a background counts as dark.
_DARK = 128
#: A series colour darker than this on a dark background is lightened.
_TOO_DARK = 120


@dataclass(frozen=True, slots=True)
class PlotTheme:
    """Colours of the plot's background, text and axes.

    Attributes:
        background: The plot's background (the palette's base colour).
        text: Axis labels, legend and lane labels (the palette's text colour).
        axis: Axis lines (between text and background).
        label_fill: Behind the as-of line's date (the background, nearly opaque).
        dark: Whether the background is dark.
    """

    background: str
    text: str
    axis: str
    label_fill: QColor
    dark: bool

    @classmethod
    def of(cls, palette: QPalette) -> PlotTheme:
        """The theme of ``palette`` (its active Base and Text colours)."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        axis = QColor(
            (base.red() + 2 * text.red()) // 3,
            (base.green() + 2 * text.green()) // 3,
            (base.blue() + 2 * text.blue()) // 3,
        )
        fill = QColor(base)
        fill.setAlpha(230)
        return cls(base.name(), text.name(), axis.name(), fill, base.lightness() < _DARK)

    def adapt(self, colour: str) -> str:
        """``colour`` as drawn on this background: lightened when both are dark."""
        made = QColor(colour)
        if not self.dark or made.lightness() >= _TOO_DARK:
            return made.name()
        made = made.lighter(220)
        return made.name() if made.lightness() >= _TOO_DARK else self.text
