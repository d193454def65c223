"""The timeline's machinery: contracts as numpy columns, and one rule set on a daily grid.

:class:`Book` holds the contracts as columns of ordinal dates, independent of the rule set;
:class:`Grid` computes every window score, trending, best and displayed value of one rule set
for each computation date of a grid, as :mod:`jsswhatif.core.timeline` describes, and
:meth:`Grid.of` patches a remembered grid after an edit instead of computing it again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import partial
from operator import attrgetter, is_not, itemgetter, ne
from typing import Any

import numpy as np
import numpy.typing as npt

from jsswhatif.core.arrays import distinct
from jsswhatif.core.calendar import window_exit_days
from jsswhatif.core.contracts import Contract
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.scoring import (
    NEVER,
    best_candidates,
    bonus_jobs,
    bonus_possible,
    capped_weight,
    combined_class,
    complete_periods,
    displayed_of,
    dispute_is_negative,
    drops_flagged,
    ended_value,
    gate_status,
    inactivity_date,
    long_term_span,
    paid_periods,
    private_class,
    public_class,
    tier_index,
    trending_ratio,
    visible_from,
    window_defined,
    window_ratio,
)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Exact = npt.NDArray[Any]  # int64, or Python ints (object) for absurdly large weights

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day 0 of numpy datetime64[D]
_NONE = 2  # feedback class "no visible feedback" (sorts after -1, 0 and +1)
_SKIP = 3  # outcome value "not counted" (one of the exclusion statuses)
_SAFE = 2**53  # integers below this convert to float64 exactly
_STRIDE = 2**31  # keys contract * _STRIDE + period: more periods than days in any range
_FEW = 16  # up to this many values, np.isin is slower than one comparison per value


@dataclass(frozen=True, slots=True)
class Book:
    """The contracts as columns (ordinal dates), independent of the rule set."""

    start: Ints
    end: Ints  # NEVER while open
    earning: Bools  # earnings > 0
    paid: Ints  # paid_through; start when nothing was earned (the inactivity base)
    feedback: Ints  # feedback_date; NEVER when empty
    private: Ints  # -1 when empty
    disputed: Bools
    flagged: Bools
    client: Ints  # index of the trimmed, case-folded client
    earnings: Exact  # Decimal objects, compared exactly
    public_values: tuple[Decimal, ...]  # the distinct public ratings
    public_index: Ints  # index into public_values, -1 when empty
    contracts: tuple[Contract, ...]
    pay_contract: Ints  # positive payment days (section 1), by contract then day: the contract
    pay_day: Ints  # ... and the day
    segments: Segments
    index: _Index
    _memo: dict[tuple[object, ...], Any] = field(default_factory=dict)
    _rows: dict[tuple[object, ...], tuple[Callable[[Book, Ints], Any], Any]] = field(
        default_factory=dict
    )

    def memo(self, key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered under ``key``: per-contract columns that depend on a few
        parameters only, shared by the rule sets (readings) computed on this book."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def rows(self, key: tuple[object, ...], compute: Callable[[Book, Ints], Any]) -> Any:
        """``compute(self, every row)``, remembered under ``key``: a column computed contract
        by contract, which :meth:`patched` then recomputes for the changed rows only."""
        found = self._rows.get(key)
        if found is None:
            everything = np.arange(self.start.size, dtype=np.int64)
            found = self._rows[key] = (compute, compute(self, everything))
        return found[1]

    def live(self, rs: RuleSet) -> Bools:
        """Contracts no gate stops before their outcome (:func:`gate_status` is None)."""

        def compute(book: Book, rows: Ints) -> Bools:
            cs = book.contracts
            return np.array([gate_status(cs[i], rs) is None for i in rows.tolist()], np.bool_)

        live: Bools = self.rows(("live", rs.flagged_client), compute)
        return live

    def bonus_possible(self, rs: RuleSet) -> Bools:
        """Contracts that can earn their client a long-term bonus (:func:`bonus_possible`)."""

        def compute(book: Book, rows: Ints) -> Bools:
            cs = book.contracts
            return np.array([bonus_possible(cs[i], rs) for i in rows.tolist()], np.bool_)

        possible: Bools = self.rows(("bonus", rs.long_term_client_bonus), compute)
        return possible

    @classmethod
    def of(cls, contracts: Sequence[Contract]) -> Book:
        """The book of ``contracts``: remembered per sequence (by identity), and patched from
        a remembered book of the same length when only some contracts changed (an edit)."""
        return _BOOKS.book(contracts)

    @classmethod
    def build(cls, contracts: Sequence[Contract]) -> Book:
        """The book of ``contracts``, built afresh (:meth:`of` remembers and patches)."""
        index = _Index({}, {}, {})
        columns = _columns(contracts, index)
        paid_days = [_paid_days(c) for c in contracts]
        return cls(
            **columns,
            public_values=tuple(index.ratings),
            contracts=tuple(contracts),
            pay_contract=_ints([i for i, days in enumerate(paid_days) for _ in days]),
            pay_day=_ints([d.toordinal() for days in paid_days for d in days]),
            segments=Segments.of(contracts, paid_days),
            index=index,
        )

    def patched(self, contracts: Sequence[Contract], changed: Sequence[int]) -> Book:
        """This book with the contracts at ``changed`` replaced by those of ``contracts``
        (the same length): columns copied and the changed rows rewritten, in O(n) array
        copies plus O(k) Python work, instead of :meth:`build`'s O(n) Python loop."""
        fresh = [contracts[i] for i in changed]
        old = [self.contracts[i] for i in changed]
        at = np.array(changed, dtype=np.int64)
        # Only the rows whose columns' fields changed are written (none after Exclude). One
        # pass finds the rows whose read fields changed; columns and payments are told apart
        # among those only (after Exclude on 10,000 rows, a second pass over all was 10 ms).
        differ = _differing(old, fresh, _READ_FIELDS)
        old_read, fresh_read = [old[k] for k in differ], [fresh[k] for k in differ]
        redo = [differ[k] for k in _differing(old_read, fresh_read, _COLUMN_FIELDS)]
        index = self.index
        columns: dict[str, Any] = {name: getattr(self, name) for name in _COLUMNS}
        if redo:
            index = _Index(dict(index.keys), dict(index.spelled), dict(index.ratings))
            rows = _columns([fresh[k] for k in redo], index)
            written = at[redo]
            for name, values in rows.items():
                column = columns[name].copy()
                column[written] = values
                columns[name] = column
        same_payments = all(
            _payment_shape(old_read[k]) == _payment_shape(fresh_read[k])
            for k in _differing(old_read, fresh_read, _PAYMENT_FIELDS)
        )
        pay: dict[str, Any]
        if same_payments:  # the payment columns and segments read nothing else
            pay = {
                "pay_contract": self.pay_contract,
                "pay_day": self.pay_day,
                "segments": self.segments,
            }
        else:  # the changed contracts' rows replaced, the others' kept in contract order
            paid_days = [_paid_days(c) for c in fresh]
            kept = ~np.isin(self.pay_contract, at)
            pay_contract = _ints(
                [i for i, days in zip(changed, paid_days, strict=True) for _ in days]
            )
            pay_day = _ints([d.toordinal() for days in paid_days for d in days])
            order = _by_contract(self.pay_contract[kept], pay_contract)
            pay = {
                "pay_contract": np.concatenate([self.pay_contract[kept], pay_contract])[order],
                "pay_day": np.concatenate([self.pay_day[kept], pay_day])[order],
                "segments": self.segments.patched(at, fresh, paid_days),
            }
        book = type(self)(
            **columns,
            **pay,
            public_values=tuple(index.ratings),
            contracts=tuple(contracts),
            index=index,
        )
        for key, (compute, known) in self._rows.items():
            column = known.copy()
            column[at] = compute(book, at)
            book._rows[key] = (compute, column)
        return book


@dataclass(frozen=True, slots=True)
class _Index:
    """The small look-ups a book numbers its clients and ratings with (a patch extends them)."""

    keys: dict[str, int]  # trimmed, case-folded client -> index
    spelled: dict[str, int]  # client as written -> index of its key
    ratings: dict[Decimal, int]  # distinct public rating -> index into public_values


def _columns(cs: Sequence[Contract], index: _Index) -> dict[str, Any]:
    """The per-contract columns of ``cs``, numbering new clients and ratings in ``index``."""
    # One comprehension per column: about twice as fast as one loop building rows.
    earnings = tuple(c.earnings for c in cs)
    ratings, keys, spelled = index.ratings, index.keys, index.spelled
    public_index = _ints(
        [-1 if c.public is None else ratings.setdefault(c.public, len(ratings)) for c in cs]
    )
    for c in cs:
        if c.client not in spelled:
            spelled[c.client] = keys.setdefault(c.client_key, len(keys))
    return {
        "start": _ints([c.start.toordinal() for c in cs]),
        "end": _ints([_ordinal(c.end) for c in cs]),
        "earning": np.array([e > 0 for e in earnings], dtype=np.bool_),
        "paid": _ints([(c.paid_through or c.start).toordinal() for c in cs]),
        "feedback": _ints([_ordinal(c.feedback_date) for c in cs]),
        "private": _ints([-1 if c.private is None else c.private for c in cs]),
        "disputed": np.array([c.disputed for c in cs], dtype=np.bool_),
        "flagged": np.array([c.client_flagged for c in cs], dtype=np.bool_),
        "client": _ints([spelled[c.client] for c in cs]),
        "earnings": np.array(earnings, dtype=object),
        "public_index": public_index,
    }


def _tiers(rs: RuleSet, book: Book, rows: Ints) -> Ints:
    """:func:`tier_index` of the contracts at ``rows``, as an array (one tier: all 0)."""
    tiers: Ints = np.zeros(rows.size, dtype=np.int64) + tier_index(rs, book.earnings[rows])
    return tiers


def _payment_shape(contract: Contract) -> tuple[object, ...]:
    """What the payment columns and the segments of a contract are made of."""
    return contract.start, contract.paid_through, _paid_days(contract)


def _differing(
    old: Sequence[Contract], new: Sequence[Contract], fields: Callable[[Any], object]
) -> list[int]:
    """The positions where ``old`` and ``new`` contracts differ in ``fields`` (an
    ``itemgetter`` of field names); iterated in C: Exclude on 10,000 rows compares them all."""
    before = map(fields, map(_FIELDS_OF, old))
    after = map(fields, map(_FIELDS_OF, new))
    return list(itertools.compress(itertools.count(), map(ne, before, after)))


_FIELDS_OF = attrgetter("__dict__")
#: The fields :func:`_columns` reads (equal values make equal rows).
_COLUMN_NAMES = (
    *("client", "start", "end", "earnings", "last_paid", "public", "private"),
    *("feedback_date", "disputed", "client_flagged"),
)
_COLUMN_FIELDS = itemgetter(*_COLUMN_NAMES)
#: The fields :func:`_payment_shape` reads.
_PAYMENT_NAMES = ("start", "end", "earnings", "last_paid", "payments")
_PAYMENT_FIELDS = itemgetter(*_PAYMENT_NAMES)
#: The fields a book reads.
_READ_FIELDS = itemgetter(*dict.fromkeys(_COLUMN_NAMES + _PAYMENT_NAMES))


class _BookCache:
    """The books of the last few contract sequences, by identity, shared by every thread.

    An edit makes a new sequence holding mostly the same contract objects: its book is then
    patched from a remembered book of the same length (at most a quarter of the rows
    changed, or the most recent book) rather than built again.
    """

    def __init__(self, size: int = 12) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._books: list[tuple[Sequence[Contract], Book]] = []  # most recent first

    def book(self, contracts: Sequence[Contract]) -> Book:
        with self._lock:
            # Only a tuple is known by identity: a list may have changed since.
            for k, (seen, book) in enumerate(self._books):
                if seen is contracts and isinstance(contracts, tuple):
                    self._books.insert(0, self._books.pop(k))
                    return book
            book = self._patch(contracts) or Book.build(contracts)
            # Held, the key keeps its identity (and its contracts') from being reused.
            key = contracts if isinstance(contracts, tuple) else book.contracts
            self._books.insert(0, (key, book))
            del self._books[self._size :]
            return book

    def _patch(self, contracts: Sequence[Contract]) -> Book | None:
        # Few rows changed: patch from the first book that has them. Many (select all and
        # Exclude): patching costs the same as building but keeps the payment columns and
        # segments when no payment changed, so patch from the most recent such book.
        limit = len(contracts) // 4
        for k, (_, book) in enumerate(self._books):
            if len(book.contracts) != len(contracts) or not contracts:
                continue
            # C-level iteration: a tenth of a Python loop over 10,000 rows.
            changed = list(
                itertools.compress(itertools.count(), map(is_not, book.contracts, contracts))
            )
            if not changed:
                return book
            if len(changed) <= limit or k == 0:
                return book.patched(contracts, changed)
        return None


class _GridCache:
    """The grids last computed by :meth:`Grid.of`, by rule set and days, shared by every
    thread; the least recently used let go beyond ``budget`` bytes of arrays.

    The readings of a look-ahead ask again for the same rule sets and days after an edit:
    a remembered grid of a book that differs in at most an eighth of the contracts (or in
    one) is then patched (:meth:`Grid.patched`) rather than computed again. At 10,000
    contracts over ten years a grid holds about 1.5 MB: the default budget keeps the grids of
    the readings of ``historical`` (5 presets, each on its own days).
    """

    def __init__(self, budget: int = 96 << 20) -> None:
        self._budget = budget
        self._held = 0
        self._lock = threading.Lock()
        # Least recently used first: the grid and its bytes.
        self._grids: dict[tuple[RuleSet, int, int], tuple[Grid, int]] = {}
        # The rows that differ between the last two books compared: every reading asks.
        self._diff: tuple[Book, Book, Ints | None] | None = None

    def grid(self, book: Book, rs: RuleSet, origin: int, size: int) -> Grid:
        key = (rs, origin, size)
        with self._lock:
            found = self._grids.pop(key, None)
            if found is not None:
                self._grids[key] = found
        known = None if found is None else found[0]
        if known is not None and known.book is book:
            return known
        grid = None
        if known is not None:
            rows = self._changed(known.book, book)
            if rows is not None:
                grid = known.patched(book, rows)
        if grid is None:
            grid = Grid(book, rs, origin, size)
        held = grid.nbytes()
        with self._lock:
            old = self._grids.pop(key, None)
            self._held += held - (0 if old is None else old[1])
            self._grids[key] = (grid, held)
            while self._held > self._budget and self._grids:
                self._held -= self._grids.pop(next(iter(self._grids)))[1]
        return grid

    def _changed(self, old: Book, new: Book) -> Ints | None:
        """The rows at which ``new``'s contracts differ from ``old``'s, when few do and the
        other contracts' clients are numbered the same; else None."""
        with self._lock:
            diff = self._diff
        if diff is not None and diff[0] is old and diff[1] is new:
            return diff[2]
        rows: Ints | None = None
        n = len(new.contracts)
        if len(old.contracts) == n and n:
            changed = list(
                itertools.compress(itertools.count(), map(is_not, old.contracts, new.contracts))
            )
            kept = np.ones(n, dtype=np.bool_)
            kept[changed] = False
            # The patch counts the distinct clients again for the edited contracts' clients
            # only: every other contract must keep its client's number.
            few = len(changed) <= max(1, n // 8)
            if few and np.array_equal(old.client[kept], new.client[kept]):
                rows = np.array(changed, dtype=np.int64)
        with self._lock:
            self._diff = (old, new, rows)
        return rows


@dataclass(frozen=True, slots=True)
class Segments:
    """Stretches of time over which a contract's latest payment stays the same (section 5).

    The long-term and inactivity rules read the latest payment as of t. Under the
    regular-payment assumption (no payments known) that is ``paid_through_at(t)``, and one
    segment per contract, paid through ``paid_through``, covers all time. With payments there
    is one segment per positive payment day ``p``, over ``[p, next payment day)``, and one
    before the first, over which nothing was paid yet (inactivity then runs from ``start``).

    Attributes:
        contract: Index of the contract.
        paid: The latest payment (``paid_through``, the payment day, or ``start`` before any).
        since, until: The days ``[since, until)`` the segment covers.
        paid_ok: A payment was made (False before the first payment, or for $0).
    """

    contract: Ints
    paid: Ints
    since: Ints
    until: Ints
    paid_ok: Bools

    @classmethod
    def of(cls, contracts: Sequence[Contract], paid_days: Sequence[Sequence[dt.date]]) -> Segments:
        """The segments of ``contracts``, whose :func:`_paid_days` are ``paid_days``."""
        return cls._of_rows(range(len(contracts)), contracts, paid_days)

    def patched(
        self, at: Ints, contracts: Sequence[Contract], paid_days: Sequence[Sequence[dt.date]]
    ) -> Segments:
        """These segments with those of the contracts at ``at`` replaced by the segments of
        ``contracts`` (whose :func:`_paid_days` are ``paid_days``), still in contract order."""
        kept = ~np.isin(self.contract, at)
        fresh = Segments._of_rows(at.tolist(), contracts, paid_days)
        order = _by_contract(self.contract[kept], fresh.contract)
        return Segments(
            *(
                np.concatenate([getattr(self, name)[kept], getattr(fresh, name)])[order]
                for name in ("contract", "paid", "since", "until", "paid_ok")
            )
        )

    @classmethod
    def _of_rows(
        cls,
        numbers: Iterable[int],
        contracts: Sequence[Contract],
        paid_days: Sequence[Sequence[dt.date]],
    ) -> Segments:
        """The segments of ``contracts``, numbered ``numbers``."""
        rows: list[tuple[int, int, int, int, bool]] = []
        for i, c, paid_on in zip(numbers, contracts, paid_days, strict=True):
            start = c.start.toordinal()
            if not paid_on:
                paid = c.paid_through
                ordinal = start if paid is None else paid.toordinal()
                rows.append((i, ordinal, 0, NEVER, paid is not None))
                continue
            days = [d.toordinal() for d in paid_on]
            rows.append((i, start, 0, days[0] if days else NEVER, False))
            rows += [
                (i, day, day, following, True)
                for day, following in zip(days, [*days[1:], NEVER], strict=True)
            ]
        table = np.array(rows, dtype=np.int64).reshape(-1, 5)
        contract, latest, since, until, ok = table.T
        return cls(contract, latest, since, until, ok.astype(np.bool_))


def _by_contract(kept: Ints, fresh: Ints) -> Ints:
    """The order that sorts ``kept`` rows (in contract order) and ``fresh`` rows (in order
    for each contract, none of ``kept``'s contracts), put one after the other, by contract."""
    order: Ints = np.argsort(np.concatenate([kept, fresh]), kind="stable")
    return order


def _paid_days(contract: Contract) -> tuple[dt.date, ...]:
    """The positive payment days that the rules read: none for a fully refunded contract,
    nor without payments (a book's first read of the cached property, locked in Python
    3.11, took 27 ms of a cold start at 10,000 contracts entered without payments)."""
    return contract.payment_days if contract.payments and contract.earnings > 0 else ()


def _among(values: Ints, targets: Ints) -> Bools:
    """``np.isin(values, targets)``: for a few targets (an edit's), one comparison each,
    some twenty times faster."""
    if targets.size > _FEW:
        return np.isin(values, targets)
    found = np.zeros(values.shape, dtype=np.bool_)
    for target in targets.tolist():
        found |= values == target
    return found


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)


def _ordinal(day: dt.date | None) -> int:
    return NEVER if day is None else day.toordinal()


def _scatter(positions: Ints, values: Exact, size: int) -> Exact:
    """Sum ``values`` into ``size`` bins by position, exactly."""
    if values.dtype == object:
        out = np.zeros(size, dtype=object)
        np.add.at(out, positions, values)
        return out
    # float64 sums of integers are exact while every partial sum stays below 2**53; the
    # rule-set setup only chooses int64 when all weights together stay below that.
    summed = np.bincount(positions, weights=values.astype(np.float64), minlength=size)
    return summed.astype(np.int64)


def _interval_sum(a: Ints, b: Ints, values: Exact, size: int) -> Exact:
    """Per grid day, the sum of ``values`` over the intervals ``[a, b)`` holding the day."""
    diff = _scatter(np.concatenate([a, b]), np.concatenate([values, -values]), size + 1)
    return np.cumsum(diff)[:size]


def _distinct(client: Ints, a: Ints, b: Ints, size: int) -> Ints:
    """Per grid day, the number of distinct clients having an interval ``[a, b)`` there."""
    keep = a < b
    if not keep.any():
        return np.zeros(size, dtype=np.int64)
    client, a, b = client[keep], a[keep], b[keep]
    stride = 2 * (size + 1)
    # One sorted key per event: client, then day, then the sign in the lowest bit.
    keys = np.sort(np.concatenate([client * stride + 2 * a + 1, client * stride + 2 * b]))
    delta = 2 * (keys & 1) - 1
    cells = keys >> 1
    first = np.flatnonzero(np.concatenate([[True], cells[1:] != cells[:-1]]))
    step = np.add.reduceat(delta, first)
    coverage = np.cumsum(step)  # per client, since every client's events sum to zero
    change = (coverage > 0).astype(np.int64) - (coverage - step > 0)
    day = cells[first] % (size + 1)
    counts = np.bincount(day, weights=change, minlength=size + 1)
    return np.cumsum(counts)[:size].astype(np.int64)


@dataclass(frozen=True, slots=True)
class _Pieces:
    """Where and when the pieces of some contracts lie on a grid: what the distinct clients
    are counted from, and what a patch replaces (by contract).

    Attributes:
        contract, a, b, on, client: The fixed-date pieces ``[a, b)`` dated ``on``.
        moving_contract, moving_client, moving_a, moving_b: The counted long-term pieces,
            ``[moving_a, moving_b)`` in grid days.
        lta, lta_lo, lta_hi: The long-term active spans ``[lo, hi)`` and their contracts.
    """

    contract: Ints
    a: Ints
    b: Ints
    on: Ints
    client: Ints
    moving_contract: Ints
    moving_client: Ints
    moving_a: Ints
    moving_b: Ints
    lta: Ints
    lta_lo: Ints
    lta_hi: Ints

    def select(self, fixed: Bools, moving: Bools, lta: Bools) -> _Pieces:
        """The pieces where the masks (one per kind, in field order) hold."""
        kinds = ((0, 5, fixed), (5, 9, moving), (9, 12, lta))
        names = self.__slots__
        columns = [getattr(self, names[k])[keep] for lo, hi, keep in kinds for k in range(lo, hi)]
        return _Pieces(*columns)

    def without(self, rows: Ints) -> _Pieces:
        """The pieces of every contract but those at ``rows``."""
        return self.select(
            ~_among(self.contract, rows),
            ~_among(self.moving_contract, rows),
            ~_among(self.lta, rows),
        )

    def of_clients(self, clients: Ints, client_of: Ints) -> _Pieces:
        """The pieces of the ``clients``' contracts (``client_of``: client of each contract)."""
        return self.select(
            _among(self.client, clients),
            _among(self.moving_client, clients),
            _among(client_of[self.lta], clients),
        )

    def plus(self, other: _Pieces) -> _Pieces:
        """These pieces and ``other``'s."""
        names = self.__slots__
        return _Pieces(*(np.concatenate([getattr(self, n), getattr(other, n)]) for n in names))


@dataclass(frozen=True, slots=True)
class _Terms:
    """What some pieces add to the sums that add one term per piece (:meth:`Grid._pieces`).

    Attributes:
        value, weight, count: Of each fixed-date piece; the count is 1, or -1 (and the weight
            negated) for a piece taken out (:meth:`change`).
        moving_count: The count of each counted long-term piece, likewise.
        moving_sums: Value (1, 0, -1) -> the long-term pieces' summed weights per grid day.
    """

    value: Ints
    weight: Exact
    count: Ints
    moving_count: Ints
    moving_sums: dict[int, Exact]

    @staticmethod
    def change(old: _Terms, new: _Terms) -> _Terms:
        """``new``'s terms less ``old``'s, for the pieces ``old_pieces.plus(new_pieces)``."""
        return _Terms(
            np.concatenate([old.value, new.value]),
            np.concatenate([-old.weight, new.weight]),
            np.concatenate([-old.count, new.count]),
            np.concatenate([-old.moving_count, new.moving_count]),
            {v: new.moving_sums[v] - old.moving_sums[v] for v in new.moving_sums},
        )


@dataclass(frozen=True, slots=True)
class _Weights:
    """What :meth:`Grid._weights` derives from the book and the weighting parameters."""

    scale: int
    cap: int
    per: int
    steps: Ints
    held: Ints
    paying: Bools
    base: Exact


class Grid:
    """One rule set on the daily grid of computation dates ``origin + [0, size)``.

    :meth:`of` remembers the grids it computes and, for a book that differs from a remembered
    grid's in a few contracts (an edit), patches that grid (:meth:`patched`).

    Attributes:
        scores: Scored window (months) -> percent per grid day, NaN when undefined.
        sums: Scored window -> good, bad and total weights, outcomes and distinct clients per
            grid day (exact).
        trending, best, displayed: Per grid day, NaN when none.
    """

    def __init__(self, book: Book, rs: RuleSet, origin: int, size: int) -> None:
        self._setup(book, rs, origin, size)
        pieces, terms = self._pieces(None)
        self.pieces = pieces
        self.linear, self.clients, self.bonus = self._windows(
            pieces, terms, coverage=True, memo=True
        )
        self._report()

    @classmethod
    def of(cls, book: Book, rs: RuleSet, origin: int, size: int) -> Grid:
        """``Grid(book, rs, origin, size)``, remembered, or patched from the remembered grid of
        the same rule set and days when ``book`` differs from its book in a few contracts."""
        return _GRIDS.grid(book, rs, origin, size)

    def patched(self, book: Book, rows: Ints) -> Grid | None:
        """This grid for ``book``: this grid's book but for the contracts at ``rows`` (sorted),
        every other contract's client numbered the same. None when the weights' cap or integer
        type differ from this grid's (only a new grid then gives the same numbers).

        Every sum but the distinct clients adds one term per contract: the new sums are the
        old ones less the terms of the old contracts at ``rows``, plus those of the new. The
        distinct clients (and the long-term client bonus) of the clients of those contracts,
        before and after, are counted again from these clients' pieces only.
        """
        new = Grid.__new__(Grid)
        new._setup(book, self.rs, self.origin, self.size)
        if new.cap != self.cap or new.base.dtype != self.base.dtype:
            return None
        old_rows, old_terms = self._pieces(rows)
        new_rows, new_terms = new._pieces(rows)
        # The window spans depend on the piece only, not on the rule set's weights: one pass
        # over the old pieces (taken out) and the new ones.
        change = new._windows(old_rows.plus(new_rows), _Terms.change(old_terms, new_terms))[0]
        new.linear = {
            m: tuple(x + y for x, y in zip(sums, change[m], strict=True))
            for m, sums in self.linear.items()
        }
        new.pieces = self.pieces.without(rows).plus(new_rows)
        clients = np.union1d(self.book.client[rows], book.client[rows])
        _, old_clients, old_bonus = self._windows(
            self.pieces.of_clients(clients, self.book.client), None, coverage=True
        )
        _, new_clients, new_bonus = new._windows(
            new.pieces.of_clients(clients, book.client), None, coverage=True
        )
        new.clients = {
            m: count - old_clients[m] + new_clients[m] for m, count in self.clients.items()
        }
        new.bonus = self.bonus - old_bonus + new_bonus
        new._report()
        return new

    def nbytes(self) -> int:
        """About the memory this grid holds on to: its own arrays (the weights, which it
        shares with the book's other grids, left out)."""
        pieces = [getattr(self.pieces, name) for name in self.pieces.__slots__]
        sums = [x for values in self.sums.values() for x in values[:3]]
        linear = [x for values in self.linear.values() for x in values]
        days = [*self.scores.values(), self.trending, self.best, self.displayed]
        arrays = [*pieces, *sums, *linear, *days, self.cls, self.always, self.bonus]
        return sum(np.asarray(x).nbytes for x in arrays)

    def _setup(self, book: Book, rs: RuleSet, origin: int, size: int) -> None:
        """What every piece reads: weights, the feedback class of each contract, the ended
        value of each class."""
        self.book, self.rs, self.origin, self.size = book, rs, origin, size
        self._weights()
        self.always = dispute_is_negative(rs, book.disputed)
        self.cls = np.where(self.always, -1, self._classes())
        # Ended value (step 4) by [earnings > 0][class + 1], classes -1, 0, +1, none.
        self.table = np.array(
            [
                [_value_code(ended_value(rs, earned, c)) for c in (-1, 0, 1, None)]
                for earned in (False, True)
            ],
            dtype=np.int64,
        )

    # -- weights in integer units of 1/scale job (section 6) --------------------------------
    def _weights(self) -> None:
        rs = self.rs
        tiers = rs.earnings_tiers if rs.weighting == "earnings_tiers" else ()
        # The readings share these parameters: one computation per book serves them all.
        key = ("weights", tiers, rs.weight_cap, rs.length_bonus_days)
        w: _Weights = self.book.memo(key, partial(self._compute_weights, tiers))
        self.scale, self.cap, self.per = w.scale, w.cap, w.per
        self.steps, self.held, self.paying, self.base = w.steps, w.held, w.paying, w.base

    def _compute_weights(self, tiers: tuple[Any, ...]) -> _Weights:
        """Reads ``rs.earnings_tiers`` (as ``tiers``), ``weight_cap`` and
        ``length_bonus_days`` only: :meth:`_weights` remembers it under those."""
        book, rs = self.book, self.rs
        weights = [tier.weight for tier in tiers] + [rs.weight_cap, Decimal(1)]
        scale = math.lcm(*(Fraction(w).denominator for w in weights))
        cap = int(rs.weight_cap * scale)
        tier = np.zeros(book.start.size, dtype=np.int64)
        if tiers:
            tier += book.rows(("tiers", tiers), partial(_tiers, rs))
            levels = [int(t.weight * scale) for t in tiers]
        else:
            levels = [scale]
        per = max(rs.length_bonus_days, 1)
        bonus_on = book.earning & (rs.length_bonus_days > 0)
        steps = np.where(bonus_on, paid_periods(book.start, book.paid, per), 0)
        # With payments, the periods that hold a payment (held_periods), as sorted keys
        # contract * _STRIDE + period; such a contract's steps are their number.
        paying = np.zeros(book.start.size, dtype=np.bool_)
        paying[book.pay_contract] = True
        held = (book.pay_day - book.start[book.pay_contract]) // per
        held = distinct(book.pay_contract * _STRIDE + held)
        counts = np.bincount(held // _STRIDE, minlength=book.start.size)
        paying_on = paying & (rs.length_bonus_days > 0)
        steps = np.where(paying, np.where(paying_on, counts, 0), steps)
        # No weight exceeds ``heaviest``: capping there instead changes nothing, and the cap
        # then fits the integer type.
        heaviest = min(cap, max(levels) + scale * int(steps.max(initial=0)))
        clients = int(book.client.max(initial=0)) + 1
        # Every exact sum stays below this bound: 100 * N, and the events of a scatter.
        bound = 100 * (16 * book.start.size * heaviest + 4 * clients * scale)
        dtype: Any = np.int64 if bound < _SAFE else object
        base = np.array(levels, dtype=dtype)[tier]
        return _Weights(scale, heaviest, per, steps, held, paying_on, base)

    def _weight_at(self, i: Ints, span_end: Ints) -> Exact:
        book = self.book
        complete = complete_periods(book.start[i], span_end, self.per)
        periods = bonus_jobs(self.steps[i], complete)
        with_payments = np.flatnonzero(self.paying[i])
        if with_payments.size:  # bonus_jobs on held periods: how many lie below K1
            j, k1 = i[with_payments], np.maximum(complete[with_payments], 0)
            below = np.searchsorted(self.held, j * _STRIDE + k1)
            periods[with_payments] = below - np.searchsorted(self.held, j * _STRIDE)
        weight: Exact = capped_weight(self.base[i], periods, self.scale, self.cap)
        return weight

    # -- feedback classes and pieces (sections 4 and 5) -------------------------------------
    def _classes(self) -> Ints:
        """The class of each contract's feedback once visible (section 4), _NONE for none.

        The rule functions run once per distinct rating, and once per pair of classes.
        """
        rs = self.rs
        key: tuple[object, ...] = ("classes", rs.public_positive_min, rs.public_neutral_min)
        key += (rs.private_positive_min, rs.private_neutral_min, rs.combine)
        classes: Ints = self.book.memo(key, self._compute_classes)
        return classes

    def _compute_classes(self) -> Ints:
        book, rs = self.book, self.rs
        classes: list[int | None] = [-1, 0, 1, None]
        combined = np.array(
            [[_code(combined_class(rs, p, q)) for q in classes] for p in classes],  # type: ignore[arg-type]
            dtype=np.int64,
        )
        # Class + 1 per distinct rating, and 3 (none) last, where index -1 (no rating) lands.
        publics = _ints([public_class(rs, x) + 1 for x in book.public_values] + [3])
        privates = _ints([private_class(rs, x) + 1 for x in range(11)] + [3])
        return combined[publics[book.public_index], privates[book.private]]

    def _pieces(self, rows: Ints | None) -> tuple[_Pieces, _Terms]:
        """The pieces of the contracts at ``rows`` (sorted; None: every contract), and what
        they add to the sums: the value and weight of each fixed-date piece, and the summed
        weights of the counted long-term pieces per value (1, 0, -1) and grid day.

        Each piece is one contract's, and each sum adds one term per contract: the pieces of
        some contracts, and their sums, are those of the whole book restricted to them.
        """
        book, rs = self.book, self.rs
        seg = book.segments
        i, paid, since, until, paid_ok = seg.contract, seg.paid, seg.since, seg.until, seg.paid_ok
        if rows is not None:
            mine = _among(i, rows)
            i, paid, since, until, paid_ok = (
                i[mine],
                paid[mine],
                since[mine],
                until[mine],
                paid_ok[mine],
            )
        live = book.live(rs)
        lo: Ints
        hi: Ints
        lo, hi = long_term_span(book.start[i], paid, book.end[i], rs)
        lo, hi = np.maximum(lo, since), np.minimum(hi, until)
        lta = live[i] & paid_ok & (paid >= lo) & (lo < hi)
        spans = (i[lta], lo[lta], hi[lta])
        counted = rs.open_long_term == "counted"
        closed = live & (book.end < NEVER)
        ended = np.flatnonzero(closed) if rows is None else rows[closed[rows]]
        fixed = [self._region(ended, book.end[ended], book.end[ended], NEVER)]
        if rs.open_inactive == "as_ended":
            on: Ints = inactivity_date(paid, rs)
            begin = np.maximum(on, since)
            if counted:  # a counted long-term contract is never also inactive
                begin = np.where(lta, np.maximum(begin, hi), begin)
            stop = np.minimum(book.end[i], until)
            inactive = np.flatnonzero(live[i] & (begin < stop))
            j = i[inactive]
            fixed.append(self._region(j, on[inactive], begin[inactive], stop[inactive]))
        contract, a, b, on_day, value, weight, client = (
            np.concatenate(column) for column in zip(*fixed, strict=True)
        )
        if counted:
            moving, moving_sums = self._moving(*_merged(*spans))
        else:
            moving, moving_sums = self._moving(*(np.zeros(0, dtype=np.int64),) * 3)
        pieces = _Pieces(contract, a, b, on_day, client, *moving, *spans)
        count = np.ones_like(a)
        return pieces, _Terms(value, weight, count, np.ones_like(moving[2]), moving_sums)

    def _region(self, i: Ints, on: Ints, r0: Ints, r1: Ints | int) -> list[Exact]:
        """Pieces of the ended-like regions ``[r0, r1)`` dated ``on`` of contracts ``i``, as
        columns contract, a, b, d, value, weight, client: feedback class none until the
        feedback is visible, c from then on; a flagged client's dropped outcomes left out."""
        book, rs = self.book, self.rs
        keep = r0 < self.origin + self.size
        i, r0, on = i[keep], r0[keep], on[keep]
        r1 = r1[keep] if isinstance(r1, np.ndarray) else np.full(i.size, r1, dtype=np.int64)
        visible = visible_from(rs, book.feedback[i], on)
        middle = np.where(self.always[i], r0, np.clip(visible, r0, r1))
        row = book.earning[i].astype(np.int64)
        value = np.concatenate([self.table[row, _NONE + 1], self.table[row, self.cls[i] + 1]])
        value[drops_flagged(rs, np.tile(book.flagged[i], 2), value)] = _SKIP
        a, b = np.concatenate([r0, middle]), np.concatenate([middle, r1])
        keep = (value != _SKIP) & (a < b)
        shared = [np.tile(x, 2)[keep] for x in (i, on, self._weight_at(i, on), book.client[i])]
        return [shared[0], a[keep], b[keep], shared[1], value[keep], shared[2], shared[3]]

    def _moving(
        self, i: Ints, lo: Ints, hi: Ints
    ) -> tuple[tuple[Ints, Ints, Ints, Ints], dict[int, Exact]]:
        """Counted long-term outcomes over ``[lo, hi)``, dated t: in every window, with growing
        weights; the value +1 until feedback shows (under ``interim_feedback = counts``).

        Returns their contracts, clients and grid days ``[a, b)``, and their summed weights
        per value (1, 0, -1) and grid day."""
        book, rs, origin, size = self.book, self.rs, self.origin, self.size
        a = np.clip(lo, origin, origin + size)
        b = np.clip(hi, origin, origin + size)
        i, a, b = i[a < b], a[a < b], b[a < b]
        middle = np.clip(visible_from(rs, book.feedback[i], None), a, b)
        middle = np.where(self.always[i], a, middle)
        after = np.where(self.cls[i] == _NONE, 1, self.cls[i])
        j = np.concatenate([i, i])
        x, y = np.concatenate([a, middle]), np.concatenate([middle, b])
        value = np.concatenate([np.ones_like(after), after])
        keep = (x < y) & ~drops_flagged(rs, book.flagged[j], value)
        j, x, y, value = j[keep], x[keep], y[keep], value[keep]
        presence = (j, book.client[j], x - origin, y - origin)
        sums = {v: self._ramp(j[value == v], x[value == v], y[value == v]) for v in (1, 0, -1)}
        return presence, sums

    def _ramp(self, i: Ints, a: Ints, b: Ints) -> Exact:
        """Per grid day, the sum of the LTA weights ``w(t)`` over ``t in [a, b)`` (t = span end).

        Regular payments: ``w`` steps up by ``scale`` at ``start + k * per`` for ``k <= full``
        (the comb), then by a last partial step to the cap; events outside ``[a, b)`` are left
        out. Contracts with payments step at the end of each period holding a payment.
        """
        if i.size == 0:  # what the ramps below sum to, in their integer type
            return np.zeros(self.size, dtype=self.base.dtype)
        paying = self.paying[i]
        ramp = self._regular_ramp(i[~paying], a[~paying], b[~paying])
        if paying.any():
            ramp = ramp + self._paid_ramp(i[paying], a[paying], b[paying])
        return ramp

    def _paid_ramp(self, i: Ints, a: Ints, b: Ints) -> Exact:
        """:meth:`_ramp` of contracts with payments: ``w(a)`` over ``[a, b)``, plus each later
        step ``w(s) - w(s - 1)`` over ``[s, b)``, s the end of a period holding a payment."""
        book, per, origin, size = self.book, self.per, self.origin, self.size
        rows = np.arange(i.size)
        # Every held period of each row's contract: row r meets the keys of contract i[r].
        first = np.searchsorted(self.held, i * _STRIDE)
        count = np.searchsorted(self.held, i * _STRIDE + _STRIDE) - first
        r = np.repeat(rows, count)
        key = self.held[np.repeat(first - np.cumsum(count) + count, count) + np.arange(count.sum())]
        step_day = book.start[i[r]] + (key % _STRIDE + 1) * per
        inside = (step_day > a[r]) & (step_day < b[r])
        r, step_day = r[inside], step_day[inside]
        w_at = self._weight_at(i[r], step_day)
        w_before = self._weight_at(i[r], step_day - 1)
        starts = np.concatenate([a, step_day]) - origin
        values = np.concatenate([self._weight_at(i, a), w_at - w_before])
        ends = np.concatenate([b, b[r]]) - origin
        return _interval_sum(starts, ends, values, size)

    def _regular_ramp(self, i: Ints, a: Ints, b: Ints) -> Exact:
        book, scale, per, origin, size = self.book, self.scale, self.per, self.origin, self.size
        start, base, steps = book.start[i], self.base[i], self.steps[i]
        ja = np.clip((a - start) // per, 0, steps)
        jb = np.clip((b - 1 - start) // per, 0, steps)
        wa = np.minimum(base + scale * ja, self.cap)
        wb = np.minimum(base + scale * jb, self.cap)
        full = np.clip((self.cap - base) // scale, 0, steps).astype(np.int64)
        gap = self.cap - (base + scale * full)
        part = (full < steps) & (gap > 0).astype(np.bool_) & (ja <= full) & (full < jb)
        positions = np.concatenate([a, b, (start + (full + 1) * per)[part]]) - origin
        diff = _scatter(positions, np.concatenate([wa, -wb, gap[part]]), size + 1)
        k0, k1 = ja + 1, np.minimum(full, jb)
        has = k0 <= k1
        length = -(-(size + 1) // per) * per
        comb_at = np.concatenate([start + k0 * per, start + (k1 + 1) * per])[np.tile(has, 2)]
        comb_value = np.repeat(np.array([scale, -scale], dtype=base.dtype), has.sum())
        inside = comb_at - origin < length
        comb = _scatter(comb_at[inside] - origin, comb_value[inside], length)
        comb = np.cumsum(comb.reshape(-1, per), axis=0).reshape(-1)[: size + 1]
        return np.cumsum(diff + comb)[:size]

    # -- window sums and scores (sections 7 and 8) ------------------------------------------
    def _windows(
        self, pieces: _Pieces, terms: _Terms | None, *, coverage: bool = False, memo: bool = False
    ) -> tuple[dict[int, tuple[Exact, ...]], dict[int, Ints], Ints]:
        """Per scored window and grid day: the sums that add one term per piece (good, bad
        and total weights, outcomes; none without ``terms``), and the distinct clients; and
        the long-term client bonus per grid day (zero without ``coverage``).

        ``memo``: remember the window exits on the book (the readings share most pieces)."""
        rs, size, origin, book = self.rs, self.size, self.origin, self.book
        moving_a, moving_b = pieces.moving_a, pieces.moving_b
        bonus: Ints = np.zeros(size, dtype=np.int64)
        if coverage and rs.long_term_client_bonus:
            i, lo, hi = pieces.lta, pieces.lta_lo, pieces.lta_hi
            possible = book.bonus_possible(rs)[i]
            span = [np.clip(x[possible] - origin, 0, size) for x in (lo, hi)]
            bonus = _distinct(book.client[i[possible]], span[0], span[1], size) * self.scale
        linear: dict[int, tuple[Exact, ...]] = {}
        clients: dict[int, Ints] = {}
        on = pieces.on
        if terms is not None:
            value, weight, moving_sums = terms.value, terms.weight, terms.moving_sums
            moving_count = _interval_sum(moving_a, moving_b, terms.moving_count, size)
            pos, neg = value == 1, value == -1
        for months in rs.scored_windows:
            pa = np.clip(pieces.a - origin, 0, size)
            exits = (
                book.memo(("exit", months, on.tobytes()), partial(window_exit_days, on, months))
                if memo
                else window_exit_days(on, months)
            )
            pb = np.clip(np.minimum(pieces.b, exits) - origin, pa, size)
            if coverage:
                clients[months] = _distinct(
                    np.concatenate([pieces.client, pieces.moving_client]),
                    np.concatenate([pa, moving_a]),
                    np.concatenate([pb, moving_b]),
                    size,
                )
            if terms is None:
                continue
            good = _interval_sum(pa[pos], pb[pos], weight[pos], size) + moving_sums[1]
            bad = _interval_sum(pa[neg], pb[neg], weight[neg], size) + moving_sums[-1]
            total = _interval_sum(pa, pb, weight, size) + sum(moving_sums.values())
            count = _interval_sum(pa, pb, terms.count, size) + moving_count
            linear[months] = (good, bad, total, count)
        return linear, clients, bonus

    def _report(self) -> None:
        rs = self.rs
        self.sums: dict[int, tuple[Exact, Exact, Exact, Ints, Ints]] = {}
        for months, (good, bad, total, count) in self.linear.items():
            bonus = self.bonus
            self.sums[months] = (good + bonus, bad, total + bonus, count, self.clients[months])
        exact: dict[int, tuple[Exact, Exact, Bools]] = {}
        for months, (good, bad, total, count, clients) in self.sums.items():
            num, den = window_ratio(rs, good, bad, total)
            exact[months] = (num, den, window_defined(rs, count, clients, total))
        self.scores = {m: _to_float(num, den, ok) for m, (num, den, ok) in exact.items()}
        self.trending = np.full(self.size, np.nan)
        mean = (np.zeros(self.size, dtype=np.int64),) * 2 + (np.zeros(self.size, np.bool_),)
        if rs.trending:
            (n3, d3, ok3), (n6, d6, ok6) = exact[3], exact[6]
            if _big(n3, d3, n6, d6):
                n3, d3, n6, d6 = (x.astype(object) for x in (n3, d3, n6, d6))
            mean = (*trending_ratio(n3, d3, n6, d6), ok3 & ok6)
            self.trending = _to_float(*mean)
        floats = best_candidates(rs, self.scores, self.trending)
        self.best = np.fmax.reduce(floats) if len(floats) > 1 else floats[0]
        rounded = [_displayed(rs, *c) for c in best_candidates(rs, exact, mean)]
        top = np.maximum.reduce(rounded) if len(rounded) > 1 else rounded[0]
        self.displayed = np.where(top >= 0, top, np.nan).astype(np.float64)


def _merged(i: Ints, lo: Ints, hi: Ints) -> tuple[Ints, Ints, Ints]:
    """Spans ``[lo, hi)`` of the same contract that touch, joined (the input is sorted by
    contract, then day, as segments are)."""
    if i.size == 0:
        return i, lo, hi
    joins = (i[1:] == i[:-1]) & (lo[1:] <= hi[:-1])
    first = np.flatnonzero(np.concatenate([[True], ~joins]))
    return i[first], lo[first], np.maximum.reduceat(hi, first)


def _code(feedback: int | None) -> int:
    return _NONE if feedback is None else feedback


def _value_code(value: int | str) -> int:
    return _SKIP if isinstance(value, str) else value


def _big(*arrays: Exact) -> bool:
    """Could a product of two of ``arrays``' values, doubled, overflow int64?"""
    if any(x.dtype == object for x in arrays):
        return True
    largest = max((int(np.abs(x).max()) for x in arrays if x.size), default=0)
    return 4 * largest * largest >= 2**63


def _to_float(num: Exact, den: Exact, defined: Bools) -> Floats:
    """``num / den`` as the nearest float64 where defined (``float(Fraction)``), else NaN."""
    out = np.full(defined.size, np.nan)
    idx = np.flatnonzero(defined)
    n, d = num[idx], den[idx]
    if n.dtype != object and (idx.size == 0 or max(int(np.abs(n).max()), int(d.max())) < _SAFE):
        out[idx] = n.astype(np.float64) / d.astype(np.float64)  # both exact: correctly rounded
    else:
        out[idx] = [int(p) / int(q) for p, q in zip(n.tolist(), d.tolist(), strict=True)]
    return out


def _displayed(rs: RuleSet, num: Exact, den: Exact, defined: Bools) -> Ints:
    """The displayed integer of ``num / den`` per day (exactly), -1 where undefined."""
    out = np.full(defined.size, -1, dtype=np.int64)
    idx = np.flatnonzero(defined)
    n, d = num[idx], den[idx]
    if n.dtype != object and idx.size and int(n.max()) >= 2**62 // 2_000_000:
        n, d = n.astype(object), d.astype(object)  # the rounding multiplies by 2,000,000
    out[idx] = np.asarray(displayed_of(rs.rounding, n, d)).astype(np.int64)
    return out


_BOOKS = _BookCache()
_GRIDS = _GridCache()


#: The columns :func:`_columns` makes (those a book patch may rewrite).
_COLUMNS = tuple(_columns((), _Index({}, {}, {})))
