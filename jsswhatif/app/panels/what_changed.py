"""Why the score changed: between two dates (a dialog), and at a step of the plot's JSS line.

:class:`WhatChangedDialog` asks for two dates (default: the 90 days up to the as-of date) and
lists every change of the displayed score between them with its causes
(:func:`jsswhatif.core.forecast.changes_between` on the active scenario). :class:`StepExplainer`
watches clicks on the score plot: a click near a step of the displayed JSS line shows that
day's change and its causes in a tool tip (and says it in the status bar).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, QPoint, QPointF, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.panels.change_list import change_html
from jsswhatif.app.plot import items
from jsswhatif.app.plot.score_plot import ScorePlot
from jsswhatif.app.window.controller import Controller
from jsswhatif.app.window.insights import PAST_DAYS
from jsswhatif.core.forecast import ScoreChange, changes_between

#: How near (in pixels) a click must be to a step of the JSS line to explain it.
NEAR_PIXELS = 6.0


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class WhatChangedDialog(QDialog):
    """Two dates and the changes between them.

    Attributes:
        first, last: The dates (the changes are on the days after ``first`` up to ``last``).
        changes: The changes listed (oldest first).
        text: The changes with their causes, one per line.
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        """Start on the :data:`PAST_DAYS` days up to ``controller``'s as-of date, listed."""
        super().__init__(parent)
        self.setWindowTitle("What changed between…")
        self._controller = controller
        as_of = controller.as_of
        self.first = QDateEdit(_qdate(as_of - dt.timedelta(days=PAST_DAYS)), self)
        self.last = QDateEdit(_qdate(as_of), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        show = QPushButton("Show", self)
        show.setDefault(True)
        show.clicked.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.changes: tuple[ScoreChange, ...] = ()
        form = QFormLayout()
        form.addRow("From", self.first)
        form.addRow("To", self.last)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(show)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.refresh()

    def set_dates(self, first: dt.date, last: dt.date) -> None:
        """Look between ``first`` and ``last`` (as if typed), and list the changes."""
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))
        self.refresh()

    def refresh(self) -> None:
        """List the changes between the two dates (the dates swap if given backwards)."""
        first, last = sorted((_pydate(self.first.date()), _pydate(self.last.date())))
        c = self._controller
        self.changes = changes_between(c.contracts, c.document.rules, first, last)
        count = len(self.changes)
        head = f"{count} change{'' if count == 1 else 's'} of the displayed score"
        scenario = c.scenario or "the baseline"
        self.summary.setText(
            f"{head} after {first.isoformat()} up to {last.isoformat()} ({scenario}, "
            f"{c.document.rules_name})."
        )
        self.text.setHtml("<br>".join(change_html(change) for change in self.changes))


def change_on(controller: Controller, day: dt.date) -> ScoreChange | None:
    """The change of the displayed score on ``day`` (from the day before), if any."""
    found = changes_between(
        controller.contracts, controller.document.rules, day - dt.timedelta(days=1), day
    )
    return found[0] if found else None


class StepExplainer(QObject):
    """Explains the step of the displayed JSS line that the user clicks.

    Signals:
        explained(object): A step was clicked: its :class:`ScoreChange`.
    """

    explained = Signal(object)

    def __init__(
        self,
        controller: Controller,
        plot: ScorePlot,
        report: Callable[[str], None] | None = None,
    ) -> None:
        """Watch clicks on ``plot``; ``report`` also gets the explanation (the status bar)."""
        super().__init__(plot)
        self._controller = controller
        self._plot = plot
        self._report = report
        plot.canvas.graphics.scene().sigMouseClicked.connect(self._clicked)

    def step_near(self, scene_pos: QPointF) -> dt.date | None:
        """The day of a step of the displayed JSS line within :data:`NEAR_PIXELS` of
        ``scene_pos`` (scene coordinates), or None."""
        results = self._controller.results
        plot_item = self._plot.canvas.plot_item
        if results is None or not plot_item.sceneBoundingRect().contains(scene_pos):
            return None
        view = plot_item.vb
        point = view.mapSceneToView(scene_pos)
        per_pixel = view.viewPixelSize()  # (x units, y units) per pixel
        timeline = results.timeline
        shown = timeline.displayed
        centre = round((point.x() - items.epoch_seconds(timeline.first)) / items.DAY)
        reach = max(1, math.ceil(NEAR_PIXELS * per_pixel[0] / items.DAY))
        best: tuple[float, dt.date] | None = None
        for index in range(max(1, centre - reach), min(timeline.days, centre + reach + 1)):
            before, after = shown[index - 1], shown[index]
            if before == after or (math.isnan(before) and math.isnan(after)):
                continue
            ys = [y for y in (before, after) if not math.isnan(y)]
            low, high = min(ys), max(ys)
            gap_y = max(low - point.y(), point.y() - high, 0.0) / per_pixel[1]
            x = items.epoch_seconds(timeline.first) + index * items.DAY
            gap_x = abs(point.x() - x) / per_pixel[0]
            if gap_x <= NEAR_PIXELS and gap_y <= NEAR_PIXELS:
                distance = math.hypot(gap_x, gap_y)
                if best is None or distance < best[0]:
                    best = (distance, timeline.first + dt.timedelta(days=index))
        return None if best is None else best[1]

    def explain(self, day: dt.date, where: QPoint | None = None) -> ScoreChange | None:
        """Show the change on ``day`` in a tool tip at ``where`` (global; the cursor)."""
        change = change_on(self._controller, day)
        if change is None:
            return None
        QToolTip.showText(where or QCursor.pos(), change_html(change), self._plot)
        if self._report is not None:
            self._report(change.text)
        self.explained.emit(change)
        return change

    def _clicked(self, event: object) -> None:
        scene_pos = event.scenePos()  # type: ignore[attr-defined]  # pyqtgraph's event
        day = self.step_near(scene_pos)
        if day is not None:
            self.explain(day, event.screenPos().toPoint())  # type: ignore[attr-defined]
