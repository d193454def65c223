"""User text where Qt reads HTML: escaped, so that it shows exactly as the user typed it.

Qt reads a tool tip, and the text of a label or a message box left in its automatic format, as
HTML whenever it looks like HTML (``Qt.mightBeRichText``: a tag such as ``<b>`` in the first
line), and pyqtgraph's legend labels always. A contract titled ``<b>x</b>`` must read
``<b>x</b>``, never as a bold x (nor hide text behind an unclosed tag, nor load an image). So:

* user text put inside HTML we build goes through :func:`escaped`;
* a tool tip of plain text (which may hold user text) goes through :func:`plain_tip`, or
  :func:`as_html` when pyqtgraph joins it with others;
* labels and message boxes that show plain text are set to ``Qt.TextFormat.PlainText``.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def escaped(text: str) -> str:
    """``text`` as HTML text content: ``&``, ``<`` and ``>`` escaped (quotes kept)."""
    return html.escape(text, quote=False)


def plain_tip(text: str) -> str:
    """A tool tip that shows ``text`` as it is: ``text`` itself when Qt takes it for plain
    text anyway (the same test as :class:`QToolTip`'s), else :func:`as_html`."""
    return as_html(text) if Qt.mightBeRichText(text) else text


def as_html(text: str) -> str:
    """HTML that shows ``text`` as it is: escaped, spaces and line breaks kept, no wrapping
    (like a plain tool tip). For texts that are joined with others into one tool tip, where a
    mix of plain and HTML parts would not do. An empty text stays empty (no tool tip)."""
    return f'<p style="white-space:pre">{escaped(text)}</p>' if text else ""
