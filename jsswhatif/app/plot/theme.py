"""The plot's colours, from the system palette: a dark desktop gets a dark plot.

The series keep their hues; a colour too dark to read on a dark background (the JSS's navy,
the baseline's slate) is lightened, so nothing depends on a white background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

#: Below this HSL lightness (0-255) a background counts as dark.
DARK_LIGHTNESS = 128
#: A series colour of a relative luminance below this is lightened on a dark background
#: (the JSS's navy is 0.11, the baseline's slate 0.05: under 3:1 against a near-black
#: background; the windows' teal, 0.37, stays as it is).
_TOO_DARK = 0.16
_SRGB_KNEE = 0.04045  # below it the sRGB curve is linear


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
        return cls(base.name(), text.name(), axis.name(), fill, base.lightness() < DARK_LIGHTNESS)

    def adapt(self, colour: str) -> str:
        """``colour`` as drawn on this background: lightened when both are dark."""
        made = QColor(colour)
        if not self.dark or luminance(made) >= _TOO_DARK:
            return made.name()
        made = made.lighter(170)
        return made.name() if luminance(made) >= _TOO_DARK else self.text


def luminance(colour: QColor) -> float:
    """Relative luminance of ``colour`` (WCAG: 0 black, 1 white).

    Example: ``luminance(QColor("#1d4ed8"))`` is about 0.107.
    """

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= _SRGB_KNEE else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
