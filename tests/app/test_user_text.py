"""The user's text shows as typed wherever Qt or pyqtgraph read HTML.

Qt reads a tool tip, a message box and a label in its automatic format as HTML when the text
looks like HTML, and pyqtgraph's legend always: a contract titled ``<b>x</b>`` showed as a bold
"x". Each test puts such text in the document and reads what the real widget shows: the
characters Qt renders for the tool tip it was given (through ``QTextDocument`` when Qt takes
it for HTML), the plain text of the legend's label, the format of labels and message boxes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from jsswhatif.app.rich_text import as_html, escaped, plain_tip
from jsswhatif.app.table.columns import COLUMNS
from jsswhatif.app.window.comparison import Compare
from jsswhatif.core.document import Document

from .conftest import MakeWindow

#: Offscreen Qt warns when a window is shown and when a tool tip is raised.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints", r"This plugin does not support raise"
)

BOLD = "<b>x</b>"


def shown_text(text: str) -> str:
    """The characters Qt shows for ``text`` where it guesses the format (a tool tip)."""
    if not QtGui_Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def titled(document: Document, title: str) -> Document:
    """``document`` with every contract titled ``title`` and a number."""
    contracts = tuple(
        c.model_copy(update={"title": f"{title} {n}"})
        for n, c in enumerate(document.contracts, start=1)
    )
    return document.model_copy(update={"contracts": contracts})


def hover(view: QTableView, index: QModelIndex) -> str:
    """Hover ``index`` as the mouse would; the text of the tool tip Qt shows."""
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.isVisible()
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_a_table_tooltip_shows_a_title_with_tags_as_typed(
    make_window: MakeWindow, sample_document: Document
) -> None:
    """The issue's case: in a scenario, a changed title's tool tip names the baseline title."""
    window = make_window(titled(sample_document, BOLD))
    c = window.controller
    c.new_scenario("what if")
    assert c.set_field("c1", "title", "plain")
    model, table = window.contracts.model, window.contracts.table
    row = model.row_of("c1")
    assert row is not None
    index = table.model().index(row, [col.key for col in COLUMNS].index("title"))
    tip = hover(table, index)
    assert shown_text(tip) == f"Changed in this scenario. Baseline: {BOLD} 1"
    status = table.model().index(row, [col.key for col in COLUMNS].index("status"))
    assert shown_text(hover(table, status)).startswith("Counted")  # plain tips read as before


def test_plot_marker_tips_show_titles_and_notes_as_typed(
    qtbot: QtBot, make_window: MakeWindow, sample_document: Document
) -> None:
    window = make_window(titled(sample_document, BOLD))
    canvas = window.score_plot.canvas
    qtbot.wait_until(lambda: len(canvas.exits.points()) > 0)
    tip = next(iter(canvas.exits.scatters.values())).opts["tip"]
    texts = [tip(x=0.0, y=0.0, data=point.data()) for point in canvas.exits.points()]
    joined = "\n\n".join(texts)  # as pyqtgraph shows several spots under the mouse
    assert f"'{BOLD} " in shown_text(joined)
    assert shown_text(joined).count("leaves the") == len(texts)


def test_summary_change_tips_and_labels_show_user_text_as_typed(
    qtbot: QtBot, make_window: MakeWindow, sample_document: Document
) -> None:
    window = make_window(titled(sample_document, BOLD))
    window.controller.flush_insights()
    shown = [label for label in window.summary.change_labels if label.toolTip()]
    assert shown
    assert any(BOLD in shown_text(label.toolTip()) for label in shown)
    assert window.summary.rules_label.textFormat() == Qt.TextFormat.PlainText
    assert window.status_label.textFormat() == Qt.TextFormat.PlainText


def test_compared_scenario_names_show_as_typed_in_the_legend(
    make_window: MakeWindow, sample_document: Document
) -> None:
    window = make_window()
    c = window.controller
    c.new_scenario("<i>tagged</i> & co")
    c.set_compare(Compare("scenarios", (None, "<i>tagged</i> & co")))
    c.flush()
    labels = [label.item.toPlainText() for _, label in window.score_plot.canvas.legend.items]
    assert "<i>tagged</i> & co" in labels


def test_the_helpers_escape_and_keep_lines() -> None:
    assert escaped("a < b & 'c'") == "a &lt; b &amp; 'c'"
    assert shown_text(plain_tip(f"{BOLD}\n  two")) == f"{BOLD}\n  two"
    assert shown_text(as_html("plain\n  two")) == "plain\n  two"
    assert plain_tip("plain <3") == "plain <3"  # Qt shows it as plain text: left alone
    assert plain_tip("") == as_html("") == ""
