"""Bringing imported contracts into a document: merge them in, or replace the baseline.

An import (Upwork's transaction history, a contracts CSV, a mapped spreadsheet, a paste)
proposes contracts; :func:`merge_imported` brings them into the baseline of a document without
undoing what the user entered there:

- An imported contract **matches** the baseline contracts of the same client (compared
  case-folded) and kind that either carry its id (the id a previous import gave; the same id
  of another client or kind is a coincidence, not a match) or whose span overlaps its
  payments. An imported contract's span runs from its first payment to its last (from start
  to end, or on without end, when it has no payments); a baseline contract's from its start
  to its end or last payment, whichever is later, and on without end while it is open, since
  an open contract goes on being paid.
- A matched contract gets its **payments updated and nothing else**: its end, feedback,
  title, flags and the spelling of its client stay as the user left them (its start moves
  earlier only when a payment comes before it, as a contract cannot be paid before it
  starts). The import is the truth for the days it covers: of the payments of a matched
  contract, those within the first to last imported payment of its client and kind are
  replaced by the imported ones, and those outside are kept, so that next month's file adds
  the new month and a file of the whole history brings back the same payments.
- When an imported contract matches several baseline contracts (the user split one), each
  imported payment goes back to the contract that already holds the same payment (date and
  amount), else to the latest one started on or before its day (else the first).
- An imported contract that matches none is **added**, with its own id when that is free
  (in the baseline, in every scenario's hypothetical contracts and overrides) and otherwise
  the first free id of the same prefix (``u3`` -> ``u12``).

With ``replace=True`` the imported contracts become the baseline (an explicit choice of the
user): ids are kept unless a scenario's hypothetical contract holds one; the scenarios keep
their overrides, and the controller checks that each still applies
(:func:`~jsswhatif.core.edits.check_scenarios`).

Example:
    >>> def pay(day, amount):
    ...     return {"date": day, "amount": amount}
    >>> mine = make_contract(id="u1", client="Acme", start="2026-01-05", end="2026-03-31",
    ...                      public=5, private=10, payments=[pay("2026-01-05", "100")])
    >>> again = make_contract(id="u1", client="ACME", start="2026-01-05",
    ...                       payments=[pay("2026-01-05", "100"), pay("2026-02-05", "200")])
    >>> new = make_contract(id="u2", client="Beta", start="2026-02-01",
    ...                     payments=[pay("2026-02-01", "50")])
    >>> doc, report = merge_imported(Document(contracts=(mine,)), [again, new])
    >>> report.added, report.updated, report.skipped
    (('u2',), ('u1',), ())
    >>> u1 = doc.contracts[0]
    >>> str(u1.earnings), str(u1.end), str(u1.public), u1.client
    ('300', '2026-03-31', '5', 'Acme')
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jsswhatif.core.contracts import Contract, Kind, Payment, make_contract
from jsswhatif.core.document import Document

_FAR = dt.date.max
_DIGITS_AT_END = re.compile(r"[0-9]+$")


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge_imported` did, for the user.

    Attributes:
        added: Ids of the contracts added to the baseline (as they are in the document).
        updated: Ids of baseline contracts whose payments changed.
        skipped: Ids of baseline contracts matched by an imported one whose payments were
            already those: already up to date, left as they were.
        removed: With ``replace``: the ids of the baseline that was replaced.
        fates: Imported contract id -> the ids of the document it went to (its new id when
            added, the contracts it matched otherwise).
    """

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    fates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the document changes at all."""
        return bool(self.added or self.updated or self.removed)

    def words(self) -> str:
        """What happened, in words: ``added 2, updated 1, skipped 3 (already up to date)``.

        Example:
            >>> MergeReport(added=("u1", "u2"), skipped=("c1",)).words()
            'added 2, updated 0, skipped 1 (already up to date)'
            >>> MergeReport(added=("u1",), removed=("c1", "c2")).words()
            'replaced the 2 contracts of the baseline with 1'
        """
        if self.removed:
            old, new = len(self.removed), len(self.added)
            noun = "contract" if old == 1 else "contracts"
            return f"replaced the {old} {noun} of the baseline with {new}"
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"skipped {len(self.skipped)} (already up to date)"
        )


def merge_imported(
    document: Document,
    contracts: Sequence[Contract],
    replace: bool = False,
    *,
    match_ids: bool = True,
) -> tuple[Document, MergeReport]:
    """Bring imported ``contracts`` into the baseline of ``document`` (see the module's rules).

    Args:
        document: The open document.
        contracts: The imported contracts (ids unique among them).
        replace: Make them the baseline instead of merging them in.
        match_ids: Whether their ids name contracts of a previous import; False for ids a
            reader made up (``c1``, ``c2``, ... of a file without an id column), which then
            match by client, kind and dates only.

    Returns:
        The new document (the same one when nothing changes) and what was done.

    Raises:
        ContractError: A merged contract breaks a rule (its refunds exceed its payments).
        ValueError: Two imported contracts share an id.
    """
    ids = [c.id for c in contracts]
    if len(set(ids)) != len(ids):
        repeated = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"two imported contracts share the id {repeated!r}")
    if replace:
        return _replaced(document, contracts)
    return _Merge(document, contracts, match_ids).run()


def _taken_ids(document: Document, with_baseline: bool = True) -> set[str]:
    """Ids a new baseline contract may not take: the baseline's (optional), every scenario's
    hypothetical contracts' and the ids its overrides name (an override must not land on a
    contract it was not made for)."""
    taken = {c.id for c in document.contracts} if with_baseline else set()
    for scenario in document.scenarios:
        taken |= {c.id for c in scenario.added} | set(scenario.overrides)
    return taken


def _free_id(wanted: str, taken: set[str]) -> str:
    """``wanted`` when free, else the first free id of its prefix (``u3`` -> ``u4``, ...)."""
    if wanted not in taken:
        return wanted
    prefix = _DIGITS_AT_END.sub("", wanted) or "c"
    return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in taken)


def _replaced(document: Document, contracts: Sequence[Contract]) -> tuple[Document, MergeReport]:
    taken = {c.id for s in document.scenarios for c in s.added}
    fresh: list[Contract] = []
    for contract in contracts:
        new_id = _free_id(contract.id, taken)
        taken.add(new_id)
        fresh.append(
            contract if new_id == contract.id else contract.model_copy(update={"id": new_id})
        )
    report = MergeReport(
        added=tuple(c.id for c in fresh),
        removed=tuple(c.id for c in document.contracts),
        fates={old.id: (new.id,) for old, new in zip(contracts, fresh, strict=True)},
    )
    return document.model_copy(update={"contracts": tuple(fresh)}).checked(), report


def _payment_span(contract: Contract) -> tuple[dt.date, dt.date]:
    """An imported contract's span: its first to last payment (start to end without them)."""
    if contract.payments:
        return contract.payments[0].date, max(p.date for p in contract.payments)
    return contract.start, contract.end or _FAR


def _baseline_span(contract: Contract) -> tuple[dt.date, dt.date]:
    """A baseline contract's span: start to end or last payment; open ones go on."""
    if contract.end is None:
        return contract.start, _FAR
    last = max((p.date for p in contract.payments), default=contract.end)
    return contract.start, max(contract.end, last)


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _key(payment: Payment) -> tuple[dt.date, Decimal]:
    return payment.date, payment.amount


class _Merge:
    """One merge of imported contracts into a baseline (state kept between its steps)."""

    def __init__(self, document: Document, contracts: Sequence[Contract], match_ids: bool):
        self.document = document
        self.contracts = contracts
        self.match_ids = match_ids
        self.baseline = document.contracts
        self.groups: dict[tuple[str, Kind], list[int]] = {}
        for position, contract in enumerate(self.baseline):
            self.groups.setdefault((contract.client_key, contract.kind), []).append(position)
        self.ranges = _group_ranges(contracts)
        self.received: dict[int, list[Payment]] = {}
        self.unclaimed: dict[int, Counter[tuple[dt.date, Decimal]]] = {}
        self.taken = _taken_ids(document)

    def run(self) -> tuple[Document, MergeReport]:
        added: list[Contract] = []
        fates: dict[str, tuple[str, ...]] = {}
        for contract in self.contracts:
            matches = self._matches(contract)
            if matches:
                fates[contract.id] = tuple(self.baseline[p].id for p in matches)
                self._distribute(contract, matches)
                continue
            new_id = _free_id(contract.id, self.taken)
            self.taken.add(new_id)
            added.append(contract.model_copy(update={"id": new_id}))
            fates[contract.id] = (new_id,)
        contracts = list(self.baseline)
        updated: list[str] = []
        skipped: list[str] = []
        for position in sorted(self.unclaimed):
            old = contracts[position]
            new = self._updated(old, position)
            if new is None:
                skipped.append(old.id)
            else:
                contracts[position] = new
                updated.append(old.id)
        report = MergeReport(tuple(c.id for c in added), tuple(updated), tuple(skipped), (), fates)
        if not report.changed:
            return self.document, report
        doc = self.document.model_copy(update={"contracts": (*contracts, *added)})
        return doc.checked(), report

    def _matches(self, contract: Contract) -> list[int]:
        """Positions of the baseline contracts ``contract`` matches (see the module)."""
        span = _payment_span(contract)
        return [
            position
            for position in self.groups.get((contract.client_key, contract.kind), [])
            if (self.match_ids and self.baseline[position].id == contract.id)
            or _overlap(span, _baseline_span(self.baseline[position]))
        ]

    def _distribute(self, contract: Contract, matches: list[int]) -> None:
        """Hand each payment of ``contract`` to one of the baseline contracts it matches."""
        low, high = self.ranges.get((contract.client_key, contract.kind), (_FAR, dt.date.min))
        for position in matches:
            if position not in self.unclaimed:
                old = self.baseline[position].payments
                self.unclaimed[position] = Counter(_key(p) for p in old if low <= p.date <= high)
                self.received[position] = []
        by_start = sorted(matches, key=lambda p: self.baseline[p].start)
        for payment in contract.payments:
            holder = next((p for p in matches if self.unclaimed[p][_key(payment)] > 0), None)
            if holder is not None:
                self.unclaimed[holder][_key(payment)] -= 1
            else:
                started = [p for p in by_start if self.baseline[p].start <= payment.date]
                holder = started[-1] if started else by_start[0]
            self.received[holder].append(payment)

    def _updated(self, old: Contract, position: int) -> Contract | None:
        """``old`` with its payments updated; None when they stay the same."""
        low, high = self.ranges.get((old.client_key, old.kind), (_FAR, dt.date.min))
        kept = [p for p in old.payments if not low <= p.date <= high]
        payments = kept + self.received[position]
        if sorted(map(_key, payments)) == sorted(map(_key, old.payments)):
            return None
        data = old.model_dump(exclude={"earnings", "last_paid", "payments"})
        start = min([old.start, *(p.date for p in payments)])
        return make_contract(**{**data, "start": start, "payments": _plain(payments)})


def _group_ranges(contracts: Iterable[Contract]) -> dict[tuple[str, Kind], tuple[dt.date, dt.date]]:
    """(client key, kind) -> the first and last day of the imported payments of that group."""
    ranges: dict[tuple[str, Kind], tuple[dt.date, dt.date]] = {}
    for contract in contracts:
        for payment in contract.payments:
            key = (contract.client_key, contract.kind)
            low, high = ranges.get(key, (payment.date, payment.date))
            ranges[key] = (min(low, payment.date), max(high, payment.date))
    return ranges


def _plain(payments: Iterable[Payment]) -> list[dict[str, object]]:
    return [{"date": p.date, "amount": p.amount} for p in payments]
