"""The controller: owns the open document, its undo stack, the as-of date, and recomputation.

Every view gets the controller through its constructor, reads what it needs from it and sends
edits back through its methods; each edit is one
:class:`~jsswhatif.app.window.undo.DocumentCommand`
on :attr:`Controller.undo_stack`. After any change the controller emits one past-tense signal,
``document_changed(Change)``, naming what changed; the scores follow on the next turn of the
event loop (a single-shot zero timer coalesces any number of edits or as-of steps into one
recompute) as ``results_changed(Results)``. The slower look-ahead (forecast of the next
changes, Top Rated estimate and band) starts on a longer single-shot timer, never during an
as-of drag, and runs on a worker thread so that it never blocks typing; it arrives as
``insights_changed(Insights)``. Call :meth:`Controller.shutdown` before quitting.

The as-of date, the plot range and the comparison selection are view state: they change the
numbers but are not edits and are not undone. The controller is their only owner: views get
them from it (``document_changed`` names which moved) and keep at most a display copy, which
the next change overwrites. The controller also knows the document's file (:attr:`path`,
None while untitled) and whether it is saved (the undo stack's clean state); saving writes
the as-of date into the document (:meth:`document_for_saving`).

Opening is all or nothing: :meth:`Controller.prepare` computes everything that can fail about
a document (its scenario's contracts, the as-of date, the plot range and the first results)
without touching what is on screen, and raises :class:`UnusableDocument` when any of it
fails; :meth:`Controller.set_document` then shows the prepared document and cannot fail.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from jsswhatif.app.background import LatestJob
from jsswhatif.app.before_paint import BeforePaint
from jsswhatif.app.window import undo
from jsswhatif.app.window.change import Change
from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.compute_cache import ComputeCache
from jsswhatif.app.window.controller_edits import Edits
from jsswhatif.app.window.insights import Insights, compute_insights
from jsswhatif.app.window.plot_range import Range, default_range, extended_range
from jsswhatif.app.window.results import Results
from jsswhatif.core import edits
from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract, ContractError
from jsswhatif.core.document import Document, JsonScalar

#: Delay of the slower look-ahead after a change that came within BURST_MS of the one before
#: (a key held down, a quick run of edits: each look-ahead would be stale before it arrived),
#: in milliseconds. After a pause the look-ahead starts at once, after the frame showing the
#: change.
INSIGHTS_DELAY_MS = 50
BURST_MS = 250
_NO_CHANGE = Change()


class UnusableDocument(ValueError):
    """A document that was read but cannot be shown: a computation fails on it.

    ``str()`` says why in words, for the user (the failing error is its ``__cause__``).
    """


@dataclass(frozen=True)
class Opening:
    """A document ready to be shown: everything that could fail about it already computed.

    Attributes:
        document: The document.
        contracts: Its active scenario's contracts.
        as_of: The date it is shown on (its own, else today).
        plot_range: The days its timelines cover.
        results: Its first results (also in the controller's cache).
    """

    document: Document
    contracts: tuple[Contract, ...]
    as_of: dt.date
    plot_range: Range
    results: Results


class Controller(QObject, Edits):
    """Owns the document on screen and everything computed from it.

    The undoable edits (``toggle_ended``, ``review``, ``new_scenario``, ...) come from
    :class:`~jsswhatif.app.window.controller_edits.Edits`.

    Attributes:
        undo_stack: Every edit, undoable; its clean state is "saved".
        today: The date the application was started on (the core never reads the clock).

    Signals:
        document_changed(Change): The document, the active scenario or the as-of date changed.
        results_changed(Results): Fresh scores for the active scenario at the as-of date.
        insights_changed(Insights): Fresh forecast and Top Rated estimate.
        edit_failed(str): An edit was refused; the text says why, for the user.
        path_changed(object): The document's file changed (a Path, or None: untitled).
    """

    document_changed = Signal(object)
    results_changed = Signal(object)
    insights_changed = Signal(object)
    edit_failed = Signal(str)
    path_changed = Signal(object)

    def __init__(
        self,
        document: Document,
        today: dt.date,
        parent: QObject | None = None,
        path: Path | None = None,
    ) -> None:
        """Show ``document`` (saved at ``path``, if any) as of its as-of date, else ``today``.

        Raises:
            UnusableDocument: ``document`` cannot be shown (see :meth:`prepare`).
        """
        super().__init__(parent)
        self.today = today
        self._cache = ComputeCache()
        opening = self.prepare(document)
        self._path = path
        self.undo_stack = QUndoStack(self)
        self._document = document
        self._contracts = opening.contracts
        self._hypothetical = _added_ids(document)
        self._as_of = opening.as_of
        self._range = opening.plot_range
        self._compare = Compare()
        self._dragging = False
        self._results: Results | None = None
        self._insights: Insights | None = None
        self._recompute_soon = BeforePaint(self._recompute, self)  # the pending recompute, if any
        self._insights_timer = QTimer(self)
        self._insights_timer.setSingleShot(True)
        self._insights_timer.setInterval(INSIGHTS_DELAY_MS)
        self._insights_timer.timeout.connect(self._compute_insights)
        self._recomputed_at = -math.inf  # time.monotonic() of the last recompute
        # The look-ahead runs on one worker thread (the core is pure and its records frozen).
        self._lookahead = LatestJob("jsswhatif-insights", self._accept_insights, self)
        self._recompute_soon.start()

    # Reading ----------------------------------------------------------------------------------

    @property
    def document(self) -> Document:
        """The document as it stands (the as-of date is kept apart, see :attr:`as_of`)."""
        return self._document

    @property
    def contracts(self) -> tuple[Contract, ...]:
        """The contracts of the active scenario (the baseline with its overrides applied)."""
        return self._contracts

    @property
    def as_of(self) -> dt.date:
        """The date being looked at."""
        return self._as_of

    @property
    def plot_range(self) -> Range:
        """First and last day the timelines cover; it always holds the as-of date."""
        return self._range

    @property
    def compare(self) -> Compare:
        """What the comparison mode plots together."""
        return self._compare

    @property
    def dragging(self) -> bool:
        """Whether the as-of date is being dragged (the slower look-ahead waits)."""
        return self._dragging

    @property
    def results(self) -> Results | None:
        """The latest results (None before the first recompute)."""
        return self._results

    @property
    def insights(self) -> Insights | None:
        """The latest forecast and Top Rated estimate (None until computed)."""
        return self._insights

    def overrides(self, contract_id: str) -> dict[str, JsonScalar]:
        """The active scenario's overrides of ``contract_id`` (empty in the baseline)."""
        if self.scenario is None:
            return {}
        return self._document.scenario(self.scenario).overrides.get(contract_id, {})

    def baseline_contract(self, contract_id: str) -> Contract | None:
        """The baseline version of ``contract_id``; None for a hypothetical contract."""
        return edits.baseline_of(self._document, contract_id)

    def is_hypothetical(self, contract_id: str) -> bool:
        """True for a contract the active scenario added."""
        return contract_id in self._hypothetical

    def flush(self) -> Results:
        """Run a pending recompute now and return the results (tests, export, start-up)."""
        if self._recompute_soon.isActive() or self._results is None:
            self._recompute_soon.stop()
            self._recompute()
        assert self._results is not None
        return self._results

    def flush_insights(self) -> Insights:
        """Compute the forecast and Top Rated estimate now (on this thread), if not known."""
        results = self.flush()
        if self._insights is None:
            self._insights_timer.stop()
            self._lookahead.discard()
            self._insights = self._lookahead_job(results)()
            self.insights_changed.emit(self._insights)
        return self._insights

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a running look-ahead); call before quitting."""
        self._insights_timer.stop()
        self._lookahead.shutdown()

    # View state (not undone) ------------------------------------------------------------------

    def set_as_of(self, as_of: dt.date, dragging: bool = False) -> None:
        """Look at the scores on ``as_of``.

        While ``dragging`` only the fast results follow; the forecast and Top Rated estimate
        wait for :meth:`finish_as_of_drag`.
        """
        self._dragging = dragging
        if as_of == self._as_of:
            return
        self._as_of = as_of
        self._insights = None
        self._lookahead.discard()
        grown = not self._range[0] <= as_of <= self._range[1]
        if grown:
            self._range = extended_range(self._range, as_of)
        self.document_changed.emit(Change(as_of=True, plot_range=grown))
        if dragging:
            # The plot already coalesces drag steps (one per event loop turn): answer in the
            # same turn, so the step and its numbers reach the screen in one paint.
            self._recompute_soon.stop()
            self._recompute()
        else:
            self._recompute_soon.start()

    def finish_as_of_drag(self, as_of: dt.date) -> None:
        """The as-of drag ended on ``as_of``: refresh everything, the look-ahead included."""
        self.set_as_of(as_of)
        self._recompute_soon.start()

    def request_range(self, first: dt.date, last: dt.date) -> None:
        """Compute the timelines over at least ``[first, last]`` (a plot range button)."""
        wanted = (min(first, self._range[0]), max(last, self._range[1]))
        if wanted != self._range:
            self._range = wanted
            self.document_changed.emit(Change(plot_range=True))
            self._recompute_soon.start()

    def shift_as_of(self, days: int = 0, months: int = 0) -> None:
        """Move the as-of date by whole days and calendar months (clamped to month ends)."""
        self.set_as_of(months_after(self._as_of, months) + dt.timedelta(days=days))

    def set_scenario(self, name: str | None) -> None:
        """Show scenario ``name`` (None: the baseline)."""
        if name != self.scenario:
            self._install(self._document.model_copy(update={"active_scenario": name}))

    def set_compare(self, compare: Compare) -> None:
        """Plot several scenarios or rule sets together (``Compare()`` turns it off)."""
        compare = compare.kept_in(self._document)
        if compare != self._compare:
            self._compare = compare
            self.document_changed.emit(Change(compare=True))
            self._recompute_soon.start()

    # The file ---------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The file the document is saved to (None: untitled, Save asks for a path)."""
        return self._path

    def prepare(self, document: Document) -> Opening:
        """Compute all that can fail about showing ``document``; nothing on screen changes.

        Raises:
            UnusableDocument: Its contracts, plot range or first results cannot be computed
                (whatever the error, so that a failed open never leaves half a document).
        """
        try:
            contracts = document.contracts_for(document.active_scenario)
            as_of = document.as_of or self.today
            span = default_range(document, contracts, self.today, as_of)
            results = self._cache.results(document, contracts, as_of, span, Compare())
            results.exact  # noqa: B018 (computed now: what fails must fail before showing)
        except Exception as exc:  # any failure refuses the document, reported in words
            raise UnusableDocument(f"it cannot be shown: {_reason(exc)}") from exc
        return Opening(document, contracts, as_of, span, results)

    def set_document(
        self, document: Document | Opening, path: Path | None = None, modified: bool = False
    ) -> None:
        """Show a newly opened document: history cleared, as of its date or today.

        Args:
            document: The document to show, best already :meth:`prepare`-d (then this cannot
                fail); a plain document is prepared first.
            path: Its file (None: untitled).
            modified: Show it as unsaved (a recovered autosave); else it is clean.

        Raises:
            UnusableDocument: A plain ``document`` cannot be shown; nothing changed.
        """
        opening = document if isinstance(document, Opening) else self.prepare(document)
        self.undo_stack.clear()
        self._path = path
        as_of, span = opening.as_of, opening.plot_range
        reset = Change(
            as_of=as_of != self._as_of,
            compare=self._compare != Compare(),
            plot_range=span != self._range,
        )
        self._as_of, self._range, self._compare = as_of, span, Compare()
        self._dragging = False  # a drag of the old document's as-of ends with it
        self._install(opening.document, reset, opening.contracts)
        if modified:
            self.undo_stack.resetClean()
        else:
            self.undo_stack.setClean()
        self.path_changed.emit(path)

    def mark_saved(self, path: Path) -> None:
        """The document was saved to ``path``: it is the file now, and it is clean."""
        self.undo_stack.setClean()
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)

    def document_for_saving(self) -> Document:
        """The document with the as-of date on screen, as Save writes it."""
        return self._document.model_copy(update={"as_of": self._as_of})

    # Edits (undoable) -------------------------------------------------------------------------

    def edit(self, text: str, make: Callable[[Document], Document]) -> bool:
        """Apply the edit ``make`` as one undoable command named ``text``.

        Returns False (and emits ``edit_failed``) when the edit breaks a rule; nothing changes.
        """
        before = self._document
        try:
            after = make(before)
            edits.check_scenarios(after)  # a baseline edit must not break any scenario
        except (ContractError, ValueError, KeyError) as exc:
            self.edit_failed.emit(_words(exc))
            return False
        if after == before:
            return False
        self.undo_stack.push(undo.DocumentCommand(self._install, before, after, text))
        return True

    # Internals --------------------------------------------------------------------------------

    def _install(
        self,
        document: Document,
        view: Change = _NO_CHANGE,
        contracts: tuple[Contract, ...] | None = None,
    ) -> None:
        """Show ``document``; ``view`` names the view state the caller already changed;
        ``contracts`` are its active scenario's, when already known (then the first results
        come from the cache)."""
        old, old_contracts = self._document, self._contracts
        self._document = document
        self._insights = None
        self._lookahead.discard()
        if contracts is None:
            contracts = self._cache.known(document.contracts_for(document.active_scenario))
        self._contracts = contracts
        self._hypothetical = _added_ids(document)
        compare = self._compare.kept_in(document)
        first = min((c.start for c in self._contracts), default=self._range[0])
        change = replace(
            Change.between(old, document, old_contracts, self._contracts),
            as_of=view.as_of,
            compare=view.compare or compare != self._compare,
            plot_range=view.plot_range or first < self._range[0],
        )
        self._compare = compare
        if first < self._range[0]:
            self._range = (first, self._range[1])
        self.document_changed.emit(change)
        self._recompute_soon.start()

    def _recompute(self) -> None:
        self._results = self._cache.results(
            self._document,
            self._contracts,
            self._as_of,
            self._range,
            self._compare,
            glance=self._dragging,
        )
        self.results_changed.emit(self._results)
        now = time.monotonic()
        burst = (now - self._recomputed_at) * 1000 < BURST_MS
        self._recomputed_at = now
        if not self._dragging:
            self._insights_timer.start(INSIGHTS_DELAY_MS if burst else 0)

    def _compute_insights(self) -> None:
        """Start the look-ahead for the current results on the worker thread."""
        results = self._results
        if results is None or self._recompute_soon.isActive() or self._lookahead.closed:
            return  # the pending recompute starts this timer again (unless shut down)
        self._lookahead.submit(self._lookahead_job(results))

    def _lookahead_job(self, results: Results) -> Callable[[], Insights]:
        """The look-ahead of ``results``, reading only frozen records (safe on a worker)."""
        return partial(
            compute_insights,
            self._contracts,
            self._document.rules,
            results.as_of,
            results.scenario,
            results.plot_range,
            large_contract=self._document.large_contract,
        )

    def _accept_insights(self, answer: Insights) -> None:
        self._insights = answer
        self.insights_changed.emit(answer)


def _added_ids(document: Document) -> frozenset[str]:
    if document.active_scenario is None:
        return frozenset()
    return frozenset(c.id for c in document.scenario(document.active_scenario).added)


def _reason(exc: Exception) -> str:
    """Why a computation failed, in words: its message, and the kind of error."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{text} ({type(exc).__name__})" if text else type(exc).__name__


def _words(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"No such contract or scenario: {exc.args[0]!r}."
    text = str(exc)
    return text[0].upper() + text[1:] if text else type(exc).__name__
