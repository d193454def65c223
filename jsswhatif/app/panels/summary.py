"""The summary panel: the displayed JSS in large type and what it is made of.

A pure view: :meth:`SummaryPanel.show_results` receives an
:class:`~jsswhatif.core.engine.Evaluation` (and the baseline's, fragility, next changes and
the Top Rated estimate) and sets label texts. Labels are created once (window rows and change
lines come from small pools), so an update during an as-of drag costs well under a
millisecond. The slower parts (forecast, Top Rated) may arrive later: passing None shows the
previous text greyed with "computing…" until :meth:`show_forecast` or
:meth:`show_top_rated` brings the new one.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jsswhatif.app.panels.change_list import (
    MAX_CHANGES,
    ChangeList,
    change_parts,
    jss_text,
    short_date,
)
from jsswhatif.app.panels.wrapping_label import WrappingLabel
from jsswhatif.app.window.insights import PAST_DAYS
from jsswhatif.core.engine import Evaluation
from jsswhatif.core.explain import NO_FEEDBACK_STATUSES
from jsswhatif.core.forecast import ScoreChange
from jsswhatif.core.readings import ScoreRange
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.timeline import DayValues
from jsswhatif.core.top_rated import MIN_SCORE, Criterion, TopRatedEstimate
from jsswhatif.core.top_rated_days import TopRatedChange

__all__ = ["MAX_CHANGES", "SummaryPanel", "change_text", "jss_text", "short_date"]

GOOD, BAD, MUTED, TEXT, WARN = "#15803d", "#b91c1c", "#6b7280", "#111827", "#b45309"
_COMPUTING = " <span style='color:#6b7280; font-weight:normal'>(computing…)</span>"
#: Below this displayed score Upwork may review the account (its help pages).
REVIEW_BELOW = 70
#: From this many points, one contract moving the score means too few data points.
FRAGILE_POINTS = 10.0


def change_text(change: ScoreChange) -> str:
    """``12 Jan 2027: 91% → 93%, contract 'Logo' (negative) leaves the 12-month window``."""
    day, what = change_parts(change)
    return f"{day}: {what}"


def _criterion_html(criterion: Criterion) -> str:
    """A ✓ (green) or ✗ (red), then the criterion's text."""
    colour, mark = (GOOD, "✓") if criterion.met else (BAD, "✗")
    return f"<span style='color:{colour}'>{mark}</span> {html.escape(criterion.text)}"


class _Window(NamedTuple):
    """One window's line: its score (exact, or the timeline's float) and its counts."""

    months: int
    score: Fraction | float | None
    outcomes: int
    clients: int


class _Headline(NamedTuple):
    """What the top of the panel shows, from an evaluation or from a timeline's day."""

    displayed: int | None
    rules_name: str
    rule_set: RuleSet
    as_of: dt.date
    computed_on: dt.date
    windows: list[_Window]
    trending: Fraction | float | None
    best: Fraction | float | None


def _percent(score: Fraction | float | None) -> str:
    return "not enough history" if score is None else f"{float(score):.1f}%"


def _text_palette(widget: QWidget, colour: QColor) -> QPalette:
    """``widget``'s palette with its text in ``colour``."""
    palette = QPalette(widget.palette())
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, colour)
    return palette


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(
    parent: QWidget, point_size: float = 0.0, bold: bool = False, wrap: bool = False
) -> QLabel:
    label = WrappingLabel(parent) if wrap else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # rule set and scenario names show as typed
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if point_size or bold:
        font = QFont(label.font())
        if point_size:
            font.setPointSizeF(point_size)
        font.setBold(bold)
        label.setFont(font)
    return label


def _colour(label: QLabel, colour: str) -> None:
    """Give ``label``'s text ``colour`` (a style sheet). Only a new colour is set: Qt polishes
    the label again for any style sheet set, the same or not, and lays it out again (twice
    per as-of drag step)."""
    sheet = f"color: {colour};"
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)


class SummaryPanel(QWidget):
    """The displayed score, its rule set, the windows, counts, fragility, next changes and the
    Top Rated estimate.

    Attributes:
        score_label: "90%" or "no JSS", large.
        rules_label: "estimated under rule set upwork-2024-09" (with the preset under
            historical and the update day under a biweekly cadence).
        range_label: "Estimated 90%, between 88% and 93% under other readings of Upwork's
            rules; the update cadence matters most".
        delta_label: "+4 vs baseline (86%)"; empty when the baseline is on screen.
        warnings_label: Below 70%, or one contract moving 10 points or more; hidden if none.
        window_rows: Pool of (name, score, detail) labels, one row per window; rows beyond
            the current windows are hidden.
        counts_label: Counted, without feedback, excluded by the user, open contracts.
        fragility_label: "One contract can move this by up to 10.2 points."
        changes_title: "Next changes with no action".
        next_changes: The next changes (a :class:`ChangeList`).
        change_labels: Its pool of :data:`MAX_CHANGES` lines, one per change.
        more_label: Its "and 3 more changes" link, hidden when none.
        past_title: "Last changes (90 days)".
        past_changes: The changes before the as-of date, newest first (a ChangeList).
        top_rated_title: "Top Rated (estimate)".
        top_rated_label: The Top Rated verdict.
        top_rated_reasons: One line per criterion.
        top_rated_when: When the estimate changes with no action ("likely lost on …").
        plus_label: The Top Rated Plus verdict; plus_reasons its criteria.

    Signals:
        None: the panel only displays.
    """

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 (builds the widget tree)
        """An empty panel showing "no JSS" until :meth:`show_results`."""
        super().__init__(parent)
        self.score_label = _label(self, 34, bold=True)
        self.score_label.setText("no JSS")
        self.rules_label = _label(self, wrap=True)
        self.range_label = _label(self, wrap=True)
        # Muted by its palette (not a style sheet, which would win over the pending grey).
        muted = _text_palette(self.range_label, QColor(MUTED))
        self._own_palettes: dict[QWidget, QPalette] = {self.range_label: muted}
        self.range_label.setPalette(muted)
        self.delta_label = _label(self, bold=True)
        self.warnings_label = _label(self, bold=True, wrap=True)
        self.warnings_label.setStyleSheet(f"color: {WARN};")
        self.warnings_label.hide()
        self._warnings: dict[str, str] = {}
        self.window_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self._window_grid = QGridLayout()
        self._window_grid.setHorizontalSpacing(12)
        self._window_grid.setColumnStretch(2, 1)
        self.counts_label = _label(self, wrap=True)
        self.fragility_label = _label(self, wrap=True)
        self.changes_title = _label(self, bold=True)
        self.changes_title.setTextFormat(Qt.TextFormat.RichText)
        self.next_changes = ChangeList("None within 24 months.", self)
        self.change_labels = self.next_changes.labels
        self.more_label = self.next_changes.more_label
        self.past_title = _label(self, bold=True)
        self.past_title.setTextFormat(Qt.TextFormat.RichText)
        self.past_changes = ChangeList(f"None in the last {PAST_DAYS} days.", self)
        self.top_rated_title = _label(self, bold=True)
        self.top_rated_title.setTextFormat(Qt.TextFormat.RichText)
        self.top_rated_label = _label(self, bold=True)
        self.top_rated_reasons = _label(self, wrap=True)
        self.top_rated_reasons.setTextFormat(Qt.TextFormat.RichText)
        self.top_rated_when = _label(self, wrap=True)
        self.plus_label = _label(self, bold=True)
        self.plus_reasons = _label(self, wrap=True)
        self.plus_reasons.setTextFormat(Qt.TextFormat.RichText)

        self._changes_box = self.next_changes
        self._top_rated_box = QWidget(self)
        top_rated = QVBoxLayout(self._top_rated_box)
        top_rated.setContentsMargins(0, 0, 0, 0)
        for part_label in (
            self.top_rated_label,
            self.top_rated_reasons,
            self.top_rated_when,
            self.plus_label,
            self.plus_reasons,
        ):
            top_rated.addWidget(part_label)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.score_label)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.range_label)
        layout.addWidget(self.delta_label)
        layout.addWidget(self.warnings_label)
        for part in (
            self._section("Windows"),
            self._window_grid,
            self.counts_label,
            self.fragility_label,
            self._line(),
            self.changes_title,
            self.next_changes,
            self._line(),
            self.past_title,
            self.past_changes,
            self._line(),
            self.top_rated_title,
            self._top_rated_box,
        ):
            if isinstance(part, QGridLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addStretch(1)
        self._faded: set[QWidget] = set()
        self.show_forecast([])
        self.show_past([])
        self.show_top_rated(None)

    def _section(self, text: str) -> QLabel:
        label = _label(self, bold=True)
        label.setText(text)
        label.setContentsMargins(0, 8, 0, 0)
        return label

    def _line(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d1d5db;")
        return line

    # Public API -------------------------------------------------------------------------------

    def show_results(
        self,
        evaluation: Evaluation,
        baseline: Evaluation | None = None,
        fragility: float | None = None,
        changes: Sequence[ScoreChange] | None = None,
        top_rated: TopRatedEstimate | None = None,
    ) -> None:
        """Show everything at once; None for fragility, changes or top_rated means "computing".

        Args:
            evaluation: The active scenario at the as-of date.
            baseline: The baseline at the same date, for the change against it (None when the
                baseline is on screen).
            fragility: Largest absolute impact of one contract in points; None while it is
                being computed, NaN when there is no score to move.
            changes: The next changes with no action (empty: none within 24 months).
            top_rated: The Top Rated estimate at the as-of.
        """
        self.show_evaluation(evaluation, baseline)
        self.show_fragility(fragility)
        self.show_forecast(changes)
        self.show_top_rated(top_rated)

    def show_evaluation(self, evaluation: Evaluation, baseline: Evaluation | None = None) -> None:
        """The big number, the rule set, the change against the baseline, windows and counts."""
        windows = [
            _Window(m, w.score, w.outcomes, w.clients)
            for m, w in sorted(evaluation.windows.items())
        ]
        self._show_headline(
            _Headline(
                evaluation.displayed,
                evaluation.rules_name,
                evaluation.rule_set,
                evaluation.as_of,
                evaluation.computed_on,
                windows,
                evaluation.trending,
                evaluation.best,
            ),
            None if baseline is None else baseline.displayed,
            compared=baseline is not None,
        )
        self._fade(self.counts_label, False)
        self._show_counts(evaluation)

    def show_day(
        self,
        day: DayValues,
        rule_set: RuleSet,
        rules_name: str,
        baseline: DayValues | None = None,
    ) -> None:
        """A drag step: the day's numbers as the timeline holds them (``baseline``: the
        baseline's on the same day; None when the baseline is on screen). The counts wait for
        the exact evaluation (greyed)."""
        windows = [
            _Window(m, day.windows[m], day.outcomes[m], day.clients[m]) for m in sorted(day.windows)
        ]
        self._show_headline(
            _Headline(
                day.displayed,
                rules_name,
                rule_set,
                day.as_of,
                day.computed_on,
                windows,
                day.trending,
                day.best,
            ),
            None if baseline is None else baseline.displayed,
            compared=baseline is not None,
        )
        self._fade(self.counts_label, True)

    def _show_headline(self, head: _Headline, before: int | None, *, compared: bool) -> None:
        """The top of the panel; ``before`` is the baseline's score when ``compared``."""
        shown = head.displayed
        self.score_label.setText(jss_text(shown))
        colour = MUTED if shown is None else GOOD if shown >= MIN_SCORE else TEXT
        _colour(self.score_label, colour)
        rules = f"estimated under rule set {head.rules_name}"
        if head.rule_set.name != head.rules_name:
            rules += f", preset {head.rule_set.name}"
        if head.computed_on != head.as_of:
            rules += f", as of the {head.computed_on.isoformat()} update"
        self.rules_label.setText(rules)
        low = shown is not None and shown < REVIEW_BELOW
        self._set_warning(
            "low",
            f"⚠ Below {REVIEW_BELOW}%: Upwork may review accounts that stay there." if low else "",
        )
        self._show_delta(shown, before, compared=compared)
        self._show_windows(head)

    def show_fragility(self, fragility: float | None) -> None:
        """Largest absolute impact of one contract (None: computing; NaN: no score)."""
        label = self.fragility_label
        self._fade(label, fragility is None)
        if fragility is None:
            label.setText(label.text() or "One contract can move this by … (computing)")
        elif math.isnan(fragility):
            label.setText("No score yet, so no contract can move it.")
        elif round(fragility, 1) == 0:
            label.setText("No single contract moves this score.")
        else:
            points = "point" if round(fragility, 1) == 1 else "points"
            label.setText(f"One contract can move this by up to {fragility:.1f} {points}.")
        fragile = fragility is not None and fragility >= FRAGILE_POINTS  # NaN compares False
        self._set_warning(
            "fragile",
            f"⚠ Too few data points: one contract can move this score by {fragility:.1f} points."
            if fragile
            else "",
        )

    def scroll_to_top(self) -> None:
        """Scroll the area holding the panel (if any) back to the big number."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.verticalScrollBar().setValue(0)

    def _set_warning(self, key: str, text: str) -> None:
        """Keep or drop one warning, then show those kept (none: the label hides)."""
        if text:
            self._warnings[key] = text
        else:
            self._warnings.pop(key, None)
        joined = "\n".join(self._warnings[k] for k in ("low", "fragile") if k in self._warnings)
        self.warnings_label.setText(joined)
        self.warnings_label.setVisible(bool(joined))

    def show_forecast(self, changes: Sequence[ScoreChange] | None) -> None:
        """The next changes with no action (None: computing, keep the old list greyed)."""
        title = "Next changes with no action"
        self._fade(self.next_changes, changes is None)
        if changes is None:
            self.changes_title.setText(title + _COMPUTING)
            return
        self.changes_title.setText(title)
        self.next_changes.show_changes(changes)

    def show_past(self, changes: Sequence[ScoreChange] | None) -> None:
        """The changes before the as-of date, oldest first as the core gives them (None:
        computing); listed newest first, as "what just happened" is read top down."""
        title = f"Last changes ({PAST_DAYS} days)"
        self._fade(self.past_changes, changes is None)
        if changes is None:
            self.past_title.setText(title + _COMPUTING)
            return
        self.past_title.setText(title)
        self.past_changes.show_changes(tuple(reversed(changes)))

    def show_range(self, found: ScoreRange | None) -> None:
        """How sure: the range over the alternative readings (None: computing, greyed)."""
        self._fade(self.range_label, found is None)
        if found is not None:
            self.range_label.setText(_capital(found.sentence) + ".")

    def show_top_rated(
        self, estimate: TopRatedEstimate | None, changes: Sequence[TopRatedChange] = ()
    ) -> None:
        """The Top Rated verdict and its criteria, when it changes with no action, and Top
        Rated Plus (None: computing, keep the old text greyed)."""
        title = "Top Rated (estimate)"
        self._fade(self._top_rated_box, estimate is None)
        if estimate is None:
            self.top_rated_title.setText(title + _COMPUTING)
            return
        self.top_rated_title.setText(title)
        if estimate.eligible:
            self.top_rated_label.setText("Likely eligible")
        else:
            self.top_rated_label.setText("Not eligible")
        _colour(self.top_rated_label, GOOD if estimate.eligible else BAD)
        self.top_rated_reasons.setText("<br>".join(_criterion_html(c) for c in estimate.criteria))
        when = [_capital(change.text) + "." for change in changes[:2]]
        self.top_rated_when.setText(
            " ".join(when) if when else "No change within 24 months with no action."
        )
        plus = estimate.plus
        self.plus_label.setText(f"Top Rated Plus: {'likely eligible' if plus else 'not eligible'}")
        _colour(self.plus_label, GOOD if plus else MUTED)
        self.plus_reasons.setText("<br>".join(_criterion_html(c) for c in estimate.plus_criteria))

    def _fade(self, widget: QWidget, pending: bool) -> None:
        """Grey out ``widget``'s text while its content is being computed.

        The text takes the disabled colour of the palette (a dark desktop's too); coloured
        words (✓, ✗, a verdict) keep their colour. An opacity effect did it before, but
        painted the widget through an offscreen picture at every summary update: 8 ms per
        as-of drag step at 1,000 contracts, with the look-ahead's parts greyed all along.
        """
        if pending == (widget in self._faded):
            return
        if pending:
            self._faded.add(widget)
            grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            widget.setPalette(_text_palette(widget, grey))
        else:
            self._faded.discard(widget)
            # Its own palette again; QPalette(): nothing of its own, the panel's inherited.
            widget.setPalette(self._own_palettes.get(widget, QPalette()))

    def is_pending(self, part: str) -> bool:
        """Whether ``counts``, ``fragility``, ``changes``, ``past``, ``range`` or ``top_rated``
        is shown as still computing."""
        widget = {
            "counts": self.counts_label,
            "fragility": self.fragility_label,
            "changes": self.next_changes,
            "past": self.past_changes,
            "range": self.range_label,
            "top_rated": self._top_rated_box,
        }[part]
        return widget in self._faded

    def window_texts(self) -> list[tuple[str, str, str]]:
        """The (name, score, detail) texts of the window rows on show, in order."""
        return [
            (name.text(), score.text(), detail.text())
            for name, score, detail in self.window_rows
            if not name.isHidden()
        ]

    # Parts ------------------------------------------------------------------------------------

    def _show_delta(self, shown: int | None, before: int | None, *, compared: bool) -> None:
        if not compared:
            self.delta_label.setText("")
            self.delta_label.hide()
            return
        if shown is None or before is None:
            text, colour = f"baseline: {jss_text(before)}", MUTED
        elif shown == before:
            text, colour = f"same as baseline ({jss_text(before)})", MUTED
        else:
            diff = shown - before
            sign = "+" if diff > 0 else "−"
            text = f"{sign}{abs(diff)} vs baseline ({jss_text(before)})"
            colour = GOOD if diff > 0 else BAD
        self.delta_label.setText(text)
        _colour(self.delta_label, colour)
        self.delta_label.show()

    def _show_windows(self, head: _Headline) -> None:
        rows: list[tuple[str, str, str, bool]] = []
        best = head.best
        for window in head.windows:
            months = window.months
            candidate = months in head.rule_set.windows
            score = _percent(window.score)
            detail = f"{_plural(window.outcomes, 'outcome')} · {_plural(window.clients, 'client')}"
            if not candidate:
                detail += " · for trending only"
            rows.append((f"{months} months", score, detail, candidate and window.score == best))
        if head.rule_set.trending:
            trending = head.trending
            rows.append(
                ("trending", _percent(trending), "mean of 3 and 6 months", trending == best)
            )
        while len(self.window_rows) < len(rows):
            row = len(self.window_rows)
            labels = (_label(self), _label(self), _label(self))
            for column, label in enumerate(labels):
                self._window_grid.addWidget(label, row, column)
            labels[2].setStyleSheet(f"color: {MUTED};")
            self.window_rows.append(labels)
        for labels, (name, score, detail, is_best) in zip(self.window_rows, rows, strict=False):
            labels[0].setText(name)
            labels[1].setText(score + ("  ★" if is_best and best is not None else ""))
            labels[1].setToolTip("best: this is the score shown" if is_best else "")
            font = labels[1].font()
            font.setBold(is_best and best is not None)
            labels[1].setFont(font)
            labels[2].setText(detail)
            for label in labels:
                label.show()
        for labels in self.window_rows[len(rows) :]:
            for label in labels:
                label.hide()

    def _show_counts(self, evaluation: Evaluation) -> None:
        statuses = Counter(result.status for result in evaluation.results)
        no_feedback = sum(statuses[s] for s in NO_FEEDBACK_STATUSES)
        by_rule = statuses["client_flagged"] + statuses["excluded_zero_positive"]
        # Those without feedback are apart from those the user excluded: the first can still
        # change (a review), the second is the user's own knowledge of Upwork.
        parts = [f"{statuses['counted']} counted"]
        for count, words in (
            (no_feedback, "without feedback"),
            (statuses["excluded_by_user"], "excluded by you"),
            (by_rule, "excluded by rule (flagged client or $0)"),
            (statuses["open_pending"], "open, not counted"),
            (statuses["not_started"], "not started"),
        ):
            if count:
                parts.append(f"{count} {words}")
        text = "Contracts: " + " · ".join(parts)
        if evaluation.bonus_clients:
            bonus = _plural(len(evaluation.bonus_clients), "client")
            text += f" (+ long-term bonus for {bonus})"
        self.counts_label.setText(text)
